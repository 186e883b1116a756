/**
 * The EPUB edition in the build: `editions/epub/edition.epub`, made again whenever a document,
 * the persons register, the stylesheets, the fonts or the book's metadata changed. Like the
 * other editions it is made in a staged folder and swapped in whole, so an interrupted or failed
 * build leaves the previous book as it was.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { transformDir } from '../publish/compile.js';
import { charisDir, charisFaces } from '../publish/epub.js';
import { version } from '../version.js';
import { hashOf, recordOf, treeParts, type BuildCache, type OutputRecord } from './cache.js';
import { problemOf, StageCounter } from './counter.js';
import type { Emit, StageReport } from './events.js';
import { StagedDir } from './staged-dir.js';

/** Every file under transform/ (the EPUB stylesheet imports print's and the web's) and the fonts embedded. */
function epubEngineKey(): string {
  const parts = treeParts(transformDir);
  for (const face of charisFaces) parts.push(face, existsSync(path.join(charisDir, face)) ? 'present' : 'missing');
  return hashOf(...parts);
}

export interface EpubStageInput {
  /** `file` holds the version to publish; `stem`, the document's page name. */
  documents: { file: string; stem: string; sha: string }[];
  registerSha: string;
  persons?: string;
  title?: string;
  editors: string[];
  publisher?: string;
  licence?: string;
  baseUrl?: string;
  target: string;
  cache: BuildCache;
  emit: Emit;
}

interface EpubState {
  key: string;
}

export async function buildEpubStage(input: EpubStageInput): Promise<{ report: StageReport; updated: boolean }> {
  const c = new StageCounter('epub', input.emit);
  c.start(input.documents.length);
  StagedDir.recover(input.target);
  const manifest = input.cache.manifest(input.target);
  const stateKey = hashOf('epub-state', path.resolve(input.target));
  const previous = input.cache.get<EpubState>('epub-state', stateKey);
  const key = hashOf(
    'epub',
    version,
    epubEngineKey(),
    input.title ?? '',
    JSON.stringify(input.editors),
    input.publisher ?? '',
    input.licence ?? '',
    input.baseUrl ?? '',
    input.registerSha,
    ...input.documents.map((d) => `${d.stem}\0${d.sha}`),
  );
  if (previous?.key === key && manifest.intact(input.target, 'edition.epub')) {
    c.ok = input.documents.length;
    return { report: c.end(), updated: false };
  }
  c.worked = input.documents.length;
  const staged = new StagedDir(input.target);
  staged.begin();
  try {
    input.emit({ event: 'progress', stage: 'epub', done: 0, total: 1 });
    const { buildEpubEdition } = await import('../publish/epub.js');
    const result = await buildEpubEdition({
      files: input.documents.map((d) => ({ file: d.file, stem: d.stem })),
      out: staged.stage,
      ...(input.persons ? { persons: input.persons } : {}),
      ...(input.title ? { title: input.title } : {}),
      editors: input.editors,
      ...(input.publisher ? { publisher: input.publisher } : {}),
      ...(input.licence ? { licence: input.licence } : {}),
      ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
    });
    for (const w of result.warnings) c.notice(w, 'epub-warning');
    if (!result.file) throw new Error('no document could be made into the EPUB');
    c.written = 1;
    c.ok = result.documents;
    c.failed = input.documents.length - result.documents;
    staged.commit();
  } catch (error) {
    staged.abort();
    const reason = (error as Error).message.split('\n')[0]!;
    c.problem(input.target, 'error', [problemOf('epub-failed', reason)], `the EPUB edition failed (the previous one stays as it was): ${reason}`);
    return { report: c.end(), updated: false };
  }
  const records: Record<string, OutputRecord> = {};
  for (const name of readdirSync(input.target)) if (existsSync(path.join(input.target, name))) records[name] = recordOf(path.join(input.target, name), '', '');
  manifest.save(records);
  input.cache.put('epub-state', stateKey, { key } satisfies EpubState);
  return { report: c.end(), updated: true };
}
