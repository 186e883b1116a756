/**
 * The inputs the campaign mutates: the sample transcripts and TEI of the repository, the
 * seeds and the FRUS sample of ../shared (when there).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The shared material (seeds, corpus, tei_all): ../shared, or $TEI_EDITION_SHARED. */
export const shared = process.env.TEI_EDITION_SHARED ? path.resolve(process.env.TEI_EDITION_SHARED) : path.resolve(repo, '..', 'shared');

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
    ...filesOf(path.join(shared, 'seeds'), '.txt'),
    ...filesOf(path.join(shared, 'corpus', 'frus-sample'), '.txt'),
  ];
  const tei = filesOf(path.join(repo, 'source', 'tei'), '.xml', (f) => f === 'persons.xml');
  // Named as repo/… or shared/… (stable wherever the two folders are).
  const read = (file) => ({ name: file.startsWith(shared) ? `shared/${path.relative(shared, file)}` : `repo/${path.relative(repo, file)}`, bytes: readFileSync(file) });
  return { transcripts: transcripts.map(read), tei: tei.map(read) };
}
