/**
 * `tei-edition build`: transcripts that are new or changed → TEI (import) → validation → web
 * edition → print edition. Every stage asks the cache first and does only the work whose
 * inputs changed; the web and print editions are made in a staged folder and replace the
 * previous ones whole (staged-dir.ts). A document that fails is reported and left out.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { compileHtmlStylesheet } from '../publish/compile.js';
import { commonParams, listTeiSources, looksLikeIntroduction, pageStemIn } from '../publish/edition-files.js';
import { listInputs } from '../util/files.js';
import { packageRoot, version } from '../version.js';
import { BuildCache, hashOf } from './cache.js';
import { schemaLabel, type EditionConfig, type Output, type PageSize, type SchemaChoice } from './config.js';
import { StageMeter, type BuildReport, type Emit, type Problem, type StageName, type StageReport } from './events.js';
import { buildHtmlStage, pageKey, sefKey, type EditionDocument } from './html-stage.js';
import { buildPdfStage } from './pdf-stage.js';
import { RenderPool } from './pool.js';
import type { PageResult } from './render-task.js';
import { inShard, type Shard } from './shard.js';
import { editionTitleFrom } from './title.js';

export interface BuildOptions {
  config: EditionConfig;
  outputs: Output[];
  /** Worker threads (default: the number of cores). */
  jobs: number;
  /** Folder of TEI documents. */
  tei: string;
  /** Transcripts to import first (none: the TEI is built as it is). */
  transcripts?: string;
  persons?: string;
  /** The web edition's folder, and the print edition's. */
  htmlOut: string;
  pdfOut: string;
  cacheDir: string;
  title?: string;
  /** The editors, for the print edition's title page and the PDFs' author. */
  author?: string;
  baseUrl?: string;
  pageSize: PageSize;
  /** The Chromium that lays out the PDFs (default: the print engine's). */
  chromium?: string;
  /** Whether --pdf was asked for (then a missing print edition is an error, not a notice). */
  pdfRequested?: boolean;
  /** Validate before building (default true); off, a document is left out only when it is not well-formed. */
  validate?: boolean;
  /** What to validate against (default "edition"); "none" is the same as validate: false. */
  schema?: SchemaChoice;
  shard?: Shard;
  emit: Emit;
}

/** Up to this many pages to render, they are rendered while the documents are validated. */
const EARLY_PAGES = 8;

/** A TEI document of the edition, read once. */
interface TeiInput {
  file: string;
  stem: string;
  bytes: Buffer;
  sha: string;
}

export function problemsOf(file: VFile): Problem[] {
  return file.messages.map((m) => ({
    ...(m.line ? { line: m.line } : {}),
    ...(m.column ? { column: m.column } : {}),
    reason: m.reason,
    ...(m.ruleId ? { ruleId: m.ruleId } : {}),
    ...(m.source ? { source: m.source } : {}),
    ...(m.fatal !== undefined && m.fatal !== null ? { fatal: m.fatal } : {}),
  }));
}

function firstError(problems: Problem[]): string {
  const p = problems.find((x) => x.fatal === true) ?? problems.find((x) => x.fatal === false) ?? problems[0];
  return p ? `${p.line ? `line ${p.line}: ` : ''}${p.reason}${p.ruleId ? ` (${p.ruleId})` : ''}` : '';
}

/** Counts of one stage, filled as it goes. */
export class StageCounter {
  readonly meter = new StageMeter();
  documents = 0;
  worked = 0;
  ok = 0;
  warnings = 0;
  errors = 0;
  written = 0;
  skipped: string | undefined;
  pages: number | undefined;

  constructor(readonly stage: StageName, private readonly emit: Emit) {}

  start(documents: number): void {
    this.documents = documents;
    this.emit({ event: 'stage-start', stage: this.stage, documents });
  }

  problem(file: string, status: 'warning' | 'error', problems: Problem[], summary = firstError(problems)): void {
    if (status === 'error') this.errors++;
    else this.warnings++;
    this.emit({ event: 'document', stage: this.stage, file, status, summary, problems });
  }

  end(): StageReport {
    const report: StageReport = { stage: this.stage, documents: this.documents, worked: this.worked, ok: this.ok, warnings: this.warnings, errors: this.errors, written: this.written, ...(this.pages !== undefined ? { pages: this.pages } : {}), ...this.meter.stop(), ...(this.skipped ? { skipped: this.skipped } : {}) };
    this.emit({ event: 'stage-end', report });
    return report;
  }
}

interface ImportRecord {
  status: 'written' | 'unchanged' | 'kept' | 'failed';
  output?: string;
  problems: Problem[];
}

const KEPT_RULES = new Set(['tei-edited', 'tei-not-ours']);

/** Import the transcripts that are new or changed since they were last imported. */
async function importStage(options: BuildOptions, cache: BuildCache): Promise<StageReport> {
  const c = new StageCounter('import', options.emit);
  const transcripts = options.transcripts!;
  const { files } = existsSync(transcripts) ? await listInputs([transcripts], ['.txt']) : { files: [] };
  c.start(files.length);
  const persons = options.persons ?? null;
  const keyOf = (file: string) =>
    hashOf('import', version, path.relative(options.config.root, file), readFileSync(file), path.resolve(options.tei), persons ?? '', options.config.publisher ?? '');
  const keys = new Map<string, string>();
  const todo: string[] = [];
  const account = (file: string, record: ImportRecord) => {
    if (record.status === 'failed') c.problem(file, 'error', record.problems);
    else {
      c.ok++;
      if (record.status === 'kept') c.problem(file, 'warning', record.problems, `${record.output ? path.relative(options.config.root, record.output) : 'its TEI'} was edited by hand (or not written by tei-edition): kept, and built as it is`);
    }
  };
  for (const file of files) {
    const key = keyOf(file);
    keys.set(file, key);
    const record = cache.get<ImportRecord>('import', key);
    if (record && (!record.output || existsSync(record.output))) account(file, record);
    else todo.push(file);
  }
  c.worked = todo.length;
  if (todo.length) {
    options.emit({ event: 'progress', stage: 'import', done: 0, total: todo.length });
    // Loaded when there is something to import (a rebuild with nothing to do starts faster).
    const { importFiles } = await import('../import/index.js');
    const results = await importFiles(todo, { outDir: options.tei, personsPath: persons, ...(options.config.publisher ? { publisher: options.config.publisher } : {}) });
    for (const r of results) {
      const problems = problemsOf(r.file);
      const errors = r.file.messages.filter((m) => m.fatal === true);
      const kept = r.status === 'failed' && errors.length > 0 && errors.every((m) => KEPT_RULES.has(String(m.ruleId)));
      const keptOutput = kept ? /^(.*?) (?:exists|was changed)/.exec(errors[0]!.reason)?.[1] : undefined;
      const record: ImportRecord = { status: kept ? 'kept' : r.status, ...(r.output || keptOutput ? { output: r.output ?? keptOutput! } : {}), problems };
      if (r.status === 'written') c.written++;
      account(r.input, record);
      if (!errors.some((m) => m.ruleId === 'internal-error' || m.ruleId === 'read-error')) cache.put('import', keys.get(r.input)!, record);
    }
    options.emit({ event: 'progress', stage: 'import', done: todo.length, total: todo.length });
  }
  return c.end();
}

interface ValidateRecord {
  valid: boolean;
  problems: Problem[];
}

/** The project's schema, as a hash: a change to the grammar or the rules validates again. */
function schemaHash(): string {
  return hashOf(readFileSync(path.join(packageRoot, 'schema', 'tei-edition.rng')), readFileSync(path.join(packageRoot, 'schema', 'tei-edition.sch')));
}

/** One schema the validation stage uses: what validateFiles is given, and its key in the cache. */
interface SchemaUse {
  /** validateFiles' `schema`: 'edition', or a RELAX NG grammar's path. */
  schema: string;
  label: string;
  key: string;
}

/** The schemas of a build: the edition's (for files tei-edition imported) and the one chosen for the others. */
function schemaUses(choice: SchemaChoice): { edition: SchemaUse; chosen: SchemaUse } {
  const edition: SchemaUse = { schema: 'edition', label: 'edition', key: hashOf('edition', schemaHash()) };
  if (choice === 'edition' || choice === 'none') return { edition, chosen: edition };
  const rng = choice === 'tei_all' ? path.join(packageRoot, 'schema', 'tei_all.rng') : choice.rng;
  let bytes: Buffer;
  try {
    bytes = readFileSync(rng);
  } catch (error) {
    throw new Error(`the schema ${rng} cannot be read: ${(error as Error).message}`);
  }
  return { edition, chosen: { schema: rng, label: schemaLabel(choice), key: hashOf('rng', rng, bytes) } };
}

/** Whether tei-edition imported this file (its header names tei-edition as the application). */
function importedByTeiEdition(bytes: Buffer): boolean {
  return bytes.includes('<application ident="tei-edition"');
}

async function validateStage(options: BuildOptions, cache: BuildCache, docs: TeiInput[], registerSha: string): Promise<{ report: StageReport; valid: TeiInput[] }> {
  const c = new StageCounter('validate', options.emit);
  c.start(docs.length);
  const choice = options.validate === false ? 'none' : (options.schema ?? 'edition');
  if (choice === 'none') {
    c.skipped = options.schema === 'none' ? 'not asked for (--schema none)' : 'not asked for (--no-validate)';
    c.ok = docs.length;
    return { report: c.end(), valid: docs };
  }
  const uses = schemaUses(choice);
  // Files tei-edition imported keep the edition's schema (grammar and Schematron); TEI from
  // elsewhere is checked against the schema the edition chose.
  const useOf = (d: TeiInput) => (importedByTeiEdition(d.bytes) ? uses.edition : uses.chosen);
  const keyOf = (d: TeiInput) => hashOf('validate', version, useOf(d).key, registerSha, path.basename(d.file), d.sha);
  const records = new Map<TeiInput, ValidateRecord>();
  const todo: TeiInput[] = [];
  for (const d of docs) {
    const record = cache.get<ValidateRecord>('validate', keyOf(d));
    if (record) records.set(d, record);
    else todo.push(d);
  }
  c.worked = todo.length;
  // In batches, so that progress can be told and memory stays bounded; a batch has one schema.
  const batch = 250;
  const { validateFiles } = todo.length ? await import('../validate/index.js') : { validateFiles: null };
  const groups = [uses.edition, uses.chosen].filter((u, i, all) => all.indexOf(u) === i).map((u) => ({ use: u, docs: todo.filter((d) => useOf(d) === u) }));
  let done = 0;
  for (const { use, docs: group } of groups) {
    for (let start = 0; start < group.length; start += batch) {
      options.emit({ event: 'progress', stage: 'validate', done, total: todo.length });
      const part = group.slice(start, start + batch);
      const checked = await validateFiles!(part.map((d) => d.file), { workers: options.jobs, schema: use.schema });
      part.forEach((d, i) => {
        const problems = problemsOf(checked[i]!);
        const record = { valid: !problems.some((p) => p.fatal === true), problems };
        cache.put('validate', keyOf(d), record);
        records.set(d, record);
      });
      done += part.length;
    }
  }
  if (todo.length) options.emit({ event: 'progress', stage: 'validate', done: todo.length, total: todo.length });
  const valid: TeiInput[] = [];
  for (const d of docs) {
    const record = records.get(d)!;
    if (record.valid) {
      c.ok++;
      valid.push(d);
      const warnings = record.problems.filter((p) => p.fatal === false);
      if (warnings.length) c.problem(d.file, 'warning', warnings);
    } else c.problem(d.file, 'error', record.problems.filter((p) => p.fatal !== undefined), invalidSummary(record.problems, useOf(d), choice, d));
  }
  return { report: c.end(), valid };
}

/** Why a document was left out; for TEI from elsewhere checked against the edition's schema, what to do. */
function invalidSummary(problems: Problem[], use: SchemaUse, choice: SchemaChoice, d: TeiInput): string {
  const hint = choice === 'edition' && !importedByTeiEdition(d.bytes) ? ' (this TEI was not made by tei-edition: to check it against the full TEI schema, build with --schema tei_all, or set "schema" in tei-edition.config.json)' : '';
  const against = use.label === 'edition' ? '' : ` (schema ${use.label})`;
  return `invalid${against}, left out of the edition: ${firstError(problems)}${hint}`;
}

/**
 * The TEI documents of the source folder and its subfolders, read once, each with a page name of
 * its own (a name two files would share gets a number). XML files that are not TEI documents
 * (an XInclude's target, a taxonomy) are told in a notice and left out.
 */
function readTeiInputs(options: BuildOptions): TeiInput[] {
  if (!existsSync(options.tei)) return [];
  const { files, skipped } = listTeiSources(options.tei);
  if (skipped.length) {
    const shown = skipped.slice(0, 5).map((s) => `${path.relative(options.config.root, s.file)} (<${s.root}>)`).join(', ');
    options.emit({ event: 'notice', stage: 'validate', message: `${skipped.length} XML file${skipped.length === 1 ? ' is' : 's are'} not a TEI document and not built: ${shown}${skipped.length > 5 ? ', …' : ''}` });
  }
  const taken = new Set<string>();
  return files.map((file) => {
    const bytes = readFileSync(file);
    let stem = pageStemIn(options.tei, file);
    for (let n = 2; taken.has(stem.toLowerCase()); n++) stem = `${pageStemIn(options.tei, file)}-${n}`;
    taken.add(stem.toLowerCase());
    return { file, stem, bytes, sha: hashOf(bytes) };
  });
}

/** Build the edition. Resolves with the account; throws only when the build itself cannot run. */
export async function buildEdition(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const cache = new BuildCache(options.cacheDir);
  const stages: StageReport[] = [];
  const updated: string[] = [];
  if (options.transcripts) stages.push(await importStage(options, cache));

  const persons = options.persons ?? [path.join(options.tei, 'persons.xml'), path.join(path.dirname(options.tei), 'persons.xml')].find((p) => existsSync(p));
  const registerText = persons && existsSync(persons) ? readFileSync(persons, 'utf8') : null;
  const registerSha = hashOf(registerText ?? '');
  const all = readTeiInputs(options);
  const mine = options.shard ? all.filter((d) => inShard(d.stem, options.shard!)) : all;
  let validDocs: TeiInput[] = [];
  // The introduction is found among all the documents (a shard's pages link to it too).
  const intro = all.find((d) => looksLikeIntroduction(d.bytes.toString('utf8')));
  // The edition's title: the configuration's or --title, else one taken from the sources.
  const title = options.title ?? editionTitleFrom(all, options.tei);
  const common = commonParams({ title, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) }, intro?.stem);
  const html = options.outputs.includes('html');
  const sefSha = html ? sefKey(compileHtmlStylesheet().sef) : '';
  const pool = html ? new RenderPool(options.jobs) : undefined;
  try {
    // Pages to render: the workers load the stylesheet while the documents are validated.
    // A few pages (an editor's edit): rendered meanwhile too, kept if the document is valid.
    const early = new Map<string, Promise<PageResult | string>>();
    if (pool) {
      const manifest = cache.manifest(options.htmlOut);
      const stale = mine
        .map((d) => ({ d, key: pageKey(sefSha, common, d.stem, d.sha) }))
        .filter(({ d, key }) => !manifest.intact(options.htmlOut, `${d.stem}.html`, key) && !cache.hasBlob('page', key));
      if (stale.length) pool.warm(stale.length);
      if (stale.length <= EARLY_PAGES)
        for (const { d, key } of stale) {
          const page = pool.run({ kind: 'page', text: d.bytes.toString('utf8'), stem: d.stem, common });
          page.catch(() => undefined);
          early.set(key, page);
        }
    }
    const { report, valid } = await validateStage(options, cache, mine, registerSha);
    stages.push(report);
    if (pool) {
      const documents: EditionDocument[] = valid.map((d) => ({ file: d.file, stem: d.stem, sha: d.sha, text: () => d.bytes.toString('utf8') }));
      const built = await buildHtmlStage({ documents, common, registerText, registerSha, sefSha, target: options.htmlOut, cache, pool, early, emit: options.emit, ...(options.shard ? { shard: options.shard } : {}) });
      stages.push(built.report);
      if (built.updated) updated.push(options.htmlOut);
    }
    validDocs = valid;
  } finally {
    await pool?.close();
  }
  if (options.outputs.includes('pdf') && !options.shard) {
    const pdf = await buildPdfStage({
      documents: validDocs.map((d) => ({ file: d.file, stem: d.stem, sha: d.sha })),
      registerSha,
      ...(persons ? { persons } : {}),
      title,
      ...(options.author ? { author: options.author } : {}),
      ...(options.chromium ? { chromium: options.chromium } : {}),
      pageSize: options.pageSize,
      target: options.pdfOut,
      cache,
      emit: options.emit,
      requested: Boolean(options.pdfRequested),
    });
    stages.push(pdf.report);
    if (pdf.updated) updated.push(options.pdfOut);
  }
  const failed = stages.reduce((n, s) => n + s.errors, 0);
  const result: BuildReport = { ok: failed === 0, failed, stages, seconds: +((performance.now() - started) / 1000).toFixed(3), updated };
  options.emit({ event: 'done', report: result });
  return result;
}
