/**
 * The print edition, incrementally: the per-document PDFs whose key changed are built again
 * (`only`), and the volume whenever any document changed. The print engine
 * (src/publish/pdf.ts) is loaded when needed; where it is not there, the stage says so.
 * Like the web edition, the print edition is made in a staged folder and swapped in whole.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { transformDir } from '../publish/compile.js';
import { version } from '../version.js';
import { hashOf, recordOf, treeParts, type BuildCache, type OutputRecord } from './cache.js';
import type { DateStyle, PageSize } from './config.js';
import type { Emit, StageReport } from './events.js';
import { problemOf, StageCounter } from './counter.js';
import { StagedDir } from './staged-dir.js';

/**
 * What the print engine is made of, as a key: every file under transform/ (the print
 * stylesheets import the web edition's; print.css and layout.js are inlined into the book)
 * and the Paged.js that lays it out. A change to any of them makes every PDF again.
 */
function printEngineKey(): string {
  const parts = treeParts(transformDir);
  try {
    const entry = createRequire(import.meta.url).resolve('pagedjs');
    parts.push('pagedjs', hashOf(readFileSync(entry)));
  } catch {
    parts.push('pagedjs missing');
  }
  return hashOf(...parts);
}

interface PdfModule {
  buildPdfEdition(options: {
    source: string;
    out: string;
    persons?: string;
    title?: string;
    author?: string;
    citeMeta?: string;
    baseUrl?: string;
    pageSize?: PageSize;
    dateStyle?: DateStyle;
    volume?: boolean;
    documents?: boolean;
    only?: string[];
    chromium?: string;
  }): Promise<{ volume?: string; documents: string[]; pages: number; warnings: string[] }>;
}

/** The print engine, or why it is not available. */
export async function loadPdfEngine(): Promise<PdfModule | string> {
  const specifier = '../publish/pdf.js';
  try {
    const mod = (await import(specifier)) as Partial<PdfModule>;
    if (typeof mod.buildPdfEdition !== 'function') return 'print edition not available: this version of tei-edition has no PDF engine';
    return mod as PdfModule;
  } catch (error) {
    return `print edition not available: ${(error as Error).message.split('\n')[0]}`;
  }
}

export interface PdfStageInput {
  /** `file` holds the version to print; `name`, the document's own file name when that is another (a last good version's copy). */
  documents: { file: string; name?: string; stem: string; sha: string }[];
  registerSha: string;
  persons?: string;
  title?: string;
  author?: string;
  /** For "Cite as" in the front matter (see PdfBuildOptions). */
  citeMeta?: string;
  baseUrl?: string;
  chromium?: string;
  pageSize: PageSize;
  dateStyle?: DateStyle;
  target: string;
  cache: BuildCache;
  emit: Emit;
  /** --pdf was asked for: a missing engine is an error. */
  requested: boolean;
}

interface PdfState {
  docKeys: Record<string, string>;
}

export async function buildPdfStage(input: PdfStageInput): Promise<{ report: StageReport; updated: boolean }> {
  const c = new StageCounter('pdf', input.emit);
  c.start(input.documents.length);
  const engine = await loadPdfEngine();
  if (typeof engine === 'string') {
    c.skipped = engine;
    if (input.requested) c.problem(input.target, 'error', [problemOf('print-unavailable', engine, undefined, 'error')], engine);
    else c.notice(`${engine} (the web edition is built)`, 'print-unavailable');
    return { report: c.end(), updated: false };
  }
  StagedDir.recover(input.target);
  const manifest = input.cache.manifest(input.target);
  const stateKey = hashOf('pdf-state', path.resolve(input.target));
  const previous = input.cache.get<PdfState>('pdf-state', stateKey);
  const edition = hashOf(version, printEngineKey(), input.pageSize, input.dateStyle ?? 'long', input.title ?? '', input.author ?? '', input.citeMeta ?? '', input.baseUrl ?? '', input.registerSha, ...input.documents.map((d) => d.stem));
  const docKeys = Object.fromEntries(input.documents.map((d) => [d.stem, hashOf('pdf', edition, d.sha)]));
  const changed = input.documents.filter((d) => previous?.docKeys[d.stem] !== docKeys[d.stem] || !manifest.intact(input.target, `${d.stem}.pdf`));
  const removed = previous ? Object.keys(previous.docKeys).filter((stem) => !(stem in docKeys)) : [];
  if (!changed.length && !removed.length && previous && manifest.intact(input.target, 'edition.pdf')) {
    c.ok = input.documents.length;
    return { report: c.end(), updated: false };
  }
  c.worked = changed.length;
  // The engine reads a folder: give it the documents that passed validation (hard links).
  const source = path.join(input.cache.dir, `pdf-source-${process.pid}`);
  rmSync(source, { recursive: true, force: true });
  mkdirSync(source, { recursive: true });
  for (const d of input.documents) linkSync(d.file, path.join(source, d.name ?? path.basename(d.file)));
  const staged = new StagedDir(input.target);
  staged.begin();
  try {
    staged.keepAll();
    for (const stem of removed) rmSync(path.join(staged.stage, `${stem}.pdf`), { force: true });
    input.emit({ event: 'progress', stage: 'pdf', done: 0, total: changed.length + 1 });
    const result = await engine.buildPdfEdition({
      source,
      out: staged.stage,
      ...(input.persons ? { persons: input.persons } : {}),
      ...(input.title ? { title: input.title } : {}),
      ...(input.author ? { author: input.author } : {}),
      ...(input.citeMeta ? { citeMeta: input.citeMeta } : {}),
      ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
      ...(input.chromium ? { chromium: input.chromium } : {}),
      pageSize: input.pageSize,
      ...(input.dateStyle ? { dateStyle: input.dateStyle } : {}),
      volume: true,
      documents: true,
      only: changed.map((d) => d.name ?? path.basename(d.file)),
    });
    for (const w of result.warnings) c.notice(w, 'print-warning');
    c.written = result.documents.length + (result.volume ? 1 : 0);
    c.ok = input.documents.length;
    staged.commit();
  } catch (error) {
    staged.abort();
    const reason = (error as Error).message.split('\n')[0]!;
    c.problem(input.target, 'error', [problemOf('print-failed', reason)], `the print edition failed (the previous one stays as it was): ${reason}`);
    return { report: c.end(), updated: false };
  } finally {
    rmSync(source, { recursive: true, force: true });
  }
  const records: Record<string, OutputRecord> = {};
  for (const name of readdirSync(input.target)) if (existsSync(path.join(input.target, name))) records[name] = recordOf(path.join(input.target, name), '', '');
  manifest.save(records);
  input.cache.put('pdf-state', stateKey, { docKeys } satisfies PdfState);
  return { report: c.end(), updated: true };
}
