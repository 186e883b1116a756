/**
 * The inputs the campaign mutates: the sample edition's transcripts and TEI, and the
 * transcripts of the test corpora (tests/corpus: FRUS, its label conventions, German plays).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The test corpora (tests/corpus/README.md). */
export const corpus = path.join(repo, 'tests', 'corpus');
/** The full TEI P5 schema. */
export const teiAll = path.join(repo, 'schema', 'tei_all.rng');

function filesOf(dir, ext, skip = () => false) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext) && !skip(f))
    .sort()
    .map((f) => path.join(dir, f));
}

/** { transcripts: [{ name, bytes }], tei: [{ name, bytes }] } in a fixed order. */
export function loadCorpus() {
  const transcripts = [
    ...filesOf(path.join(repo, 'source', 'transcripts'), '.txt'),
    ...['frus-sample', 'conventions/upper', 'conventions/caps-period', 'dracor-de-sample'].flatMap((d) => filesOf(path.join(corpus, d), '.txt')),
  ];
  const tei = filesOf(path.join(repo, 'source', 'tei'), '.xml', (f) => f === 'persons.xml');
  const read = (file) => ({ name: path.relative(repo, file), bytes: readFileSync(file) });
  return { transcripts: transcripts.map(read), tei: tei.map(read) };
}
