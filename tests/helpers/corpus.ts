/** Where the test material lives: everything is inside the repository (tests/corpus, schema/). */
import path from 'node:path';

export const repo = path.resolve(import.meta.dirname, '../..');
/** The corpora of real documents (tests/corpus/README.md). */
export const corpus = path.join(repo, 'tests', 'corpus');
/** The full TEI P5 schema. */
export const teiAll = path.join(repo, 'schema', 'tei_all.rng');
/** The reference scorer the project's own scorer is checked against (tests/oracle/score). */
export const referenceScorer = path.join(repo, 'tests', 'oracle', 'score', 'score.js');
