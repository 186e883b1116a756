/**
 * `tei-edition build`: transcripts that are new or changed → TEI (import) → validation → web
 * edition → print edition. Every stage asks the cache first and does only the work whose
 * inputs changed; the web and print editions are made in a staged folder and replace the
 * previous ones whole (staged-dir.ts). A document that fails is reported with every message;
 * the last good version of a document that was published before stays published in its place.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Limits } from '../cli/limits.js';
import { compileHtmlStylesheet, compileStylesheet } from '../publish/compile.js';
import { commonParams, looksLikeIntroduction, type CiteInfo, type EditionSettings } from '../publish/edition-files.js';
import { parseTei } from '../publish/html.js';
import { mayHoldDocuments, splitDocuments } from '../publish/volume.js';
import { defaultLimits } from '../validate/scan.js';
import { packageRoot, version } from '../version.js';
import { BuildCache, hashOf } from './cache.js';
import { CONFIG_FILE, ConfigError, schemaLabel, type DateStyle, type EditionConfig, type Output, type PageSize, type SchemaChoice } from './config.js';
import { firstError, problemOf, problemsOf, StageCounter } from './counter.js';
import type { BuildReport, Emit, Problem, StageReport } from './events.js';
import { buildHtmlStage, pageKey, sefKey, type EditionDocument } from './html-stage.js';
import { importStage } from './import-stage.js';
import { LastGood, type Published } from './last-good.js';
import { buildEpubStage } from './epub-stage.js';
import { buildPdfStage } from './pdf-stage.js';
import { RenderPool } from './pool.js';
import type { PageResult } from './render-task.js';
import { inShard, type Shard } from './shard.js';
import { readTeiFolder, type TeiInput } from './tei-inputs.js';
import { readRegularFileSync, type Skipped } from '../util/inputs.js';

export { firstError, problemOf, problemsOf, StageCounter } from './counter.js';
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
  /** The web edition's folder, the print edition's and the EPUB edition's (default: epub/ beside pdfOut). */
  htmlOut: string;
  pdfOut: string;
  epubOut?: string;
  cacheDir: string;
  title?: string;
  /** The editors, for the print edition's title page and the PDFs' author. */
  author?: string;
  baseUrl?: string;
  pageSize: PageSize;
  /** The print edition's date style (default "long"). */
  dateStyle?: DateStyle;
  /** The Chromium that lays out the PDFs (default: the print engine's). */
  chromium?: string;
  /** Whether --pdf was asked for (then a missing print edition is an error, not a notice). */
  pdfRequested?: boolean;
  /** Validate before building (default true); off, a document is left out only when it is not well-formed. */
  validate?: boolean;
  /** What to validate against (default "edition"); "none" is the same as validate: false. */
  schema?: SchemaChoice;
  shard?: Shard;
  /** Largest web index page in bytes before it is split by year or letter (index-pages.ts); default 1,000,000. */
  indexPageBytes?: number;
  /** Digests one transformation of order keys or citation files reads (html-stage.ts; default 500). */
  digestsPerTransformation?: number;
  /** --max-size, --max-depth, --timeout-ms (what is not given keeps its default). */
  limits?: Limits;
  emit: Emit;
}

/** Up to this many pages to render, they are rendered while the documents are validated. */
const EARLY_PAGES = 8;

/** The project's schema, as a hash: a change to the grammar or the rules validates again. */
function schemaHash(): string {
  return hashOf(readFileSync(path.join(packageRoot, 'schema', 'tei-edition.rng')), readFileSync(path.join(packageRoot, 'schema', 'tei-edition.sch')));
}

interface ValidateRecord {
  valid: boolean;
  problems: Problem[];
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

/**
 * Validate the documents; what cannot be built (unreadable, too large, colliding, invalid) is
 * reported with every message, and its last good version is published in its place where there
 * is one. Returns the versions to publish, in the order of the documents.
 */
async function validateStage(options: BuildOptions, cache: BuildCache, docs: TeiInput[], skipped: Skipped[], registerSha: string, lastGood: LastGood): Promise<{ report: StageReport; published: Published[] }> {
  const c = new StageCounter('validate', options.emit);
  c.start(docs.length);
  for (const s of skipped) c.report(s.path, [problemOf(s.rule, s.reason)]);
  const usable = (d: TeiInput): d is TeiInput & { bytes: Buffer } => d.bytes !== null && !d.problems.some((p) => p.fatal === true);
  const records = new Map<TeiInput, ValidateRecord>();
  const choice = options.validate === false ? 'none' : (options.schema ?? 'edition');
  if (choice === 'none') {
    c.skipped = options.schema === 'none' ? 'not asked for (--schema none)' : 'not asked for (--no-validate)';
    for (const d of docs) records.set(d, { valid: true, problems: [] });
  } else {
    const uses = schemaUses(choice);
    // Files tei-edition imported keep the edition's schema (grammar and Schematron); TEI from
    // elsewhere is checked against the schema the edition chose.
    const useOf = (d: TeiInput & { bytes: Buffer }) => (importedByTeiEdition(d.bytes) ? uses.edition : uses.chosen);
    const limits = options.limits ?? {};
    const keyOf = (d: TeiInput & { bytes: Buffer }) => hashOf('validate', version, useOf(d).key, registerSha, path.basename(d.file), d.sha, String(limits.maxBytes ?? ''), String(limits.maxDepth ?? ''));
    const todo: (TeiInput & { bytes: Buffer })[] = [];
    for (const d of docs.filter(usable)) {
      const record = cache.get<ValidateRecord>('validate', keyOf(d));
      if (record) records.set(d, record);
      else todo.push(d);
    }
    c.worked = todo.length;
    // In batches, so that progress can be told and memory stays bounded.
    const batch = 250;
    const { validateFiles } = todo.length ? await import('../validate/index.js') : { validateFiles: null };
    // A batch has one schema.
    const groups = [uses.edition, uses.chosen].filter((u, i, all) => all.indexOf(u) === i).map((u) => ({ use: u, docs: todo.filter((d) => useOf(d) === u) }));
    let done = 0;
    for (const { use, docs: group } of groups) {
      for (let start = 0; start < group.length; start += batch) {
        options.emit({ event: 'progress', stage: 'validate', done, total: todo.length });
        const part = group.slice(start, start + batch);
        const checked = await validateFiles!(
          part.map((d) => d.file),
          { workers: options.jobs, schema: use.schema, ...(limits.maxBytes ? { maxBytes: limits.maxBytes } : {}), ...(limits.maxDepth ? { maxDepth: limits.maxDepth } : {}) },
        );
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
  }
  const published: Published[] = [];
  for (const d of docs) {
    const record = records.get(d);
    const problems = [...d.problems, ...(record?.problems ?? [])];
    if (usable(d) && record?.valid) {
      c.ok++;
      published.push(d);
      if (choice !== 'none') lastGood.remember(d);
      c.report(d.file, problems);
      continue;
    }
    c.failed++;
    // A broken version never unpublishes a document: its last good version stays.
    const good = lastGood.find(d, !d.problems.some((p) => p.ruleId === 'duplicate-page'));
    if (good && !published.some((p) => p.stem.toLowerCase() === good.stem.toLowerCase())) {
      c.kept++;
      published.push(good);
      c.report(d.file, [...problems, problemOf('previous-version-kept', `${path.basename(d.file)} cannot be built as it is: its last good version stays published (web page, TEI copy and PDF) until the errors above are fixed.`)], `${errorsNoun(problems, choice, d)}: its last good version stays published: ${firstError(problems)}`);
    } else c.report(d.file, problems, `${errorsNoun(problems, choice, d)}, left out of the edition (no earlier version was published): ${firstError(problems)}${notOursHint(choice, d)}`);
  }
  // Published in the order of the documents (a kept version where its document stands).
  const order = new Map(docs.map((d, k) => [d.file, k]));
  published.sort((a, b) => order.get(a.file)! - order.get(b.file)!);
  return { report: c.end(), published };
}

function errorsNoun(problems: Problem[], choice: SchemaChoice, d: TeiInput): string {
  if (problems.some((p) => p.ruleId && ['duplicate-page', 'duplicate-tei-id'].includes(p.ruleId))) return 'a duplicate';
  if (problems.some((p) => p.source === 'xml' && (p.ruleId === 'read-error' || p.ruleId === 'too-large'))) return 'not read';
  // Against which schema, where it is not the edition's own.
  const other = choice !== 'edition' && choice !== 'none' && d.bytes !== null && !importedByTeiEdition(d.bytes);
  return other ? `invalid (schema ${schemaLabel(choice)})` : 'invalid';
}

/** For TEI from elsewhere checked against the edition's schema: what to do instead. */
function notOursHint(choice: SchemaChoice, d: TeiInput): string {
  return choice === 'edition' && d.bytes && !importedByTeiEdition(d.bytes) ? ' (this TEI was not made by tei-edition: to check it against the full TEI schema, build with --schema tei_all, or set "schema" in tei-edition.config.json)' : '';
}

/** Build the edition. Resolves with the account; throws only when the build itself cannot run. */
export async function buildEdition(options: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const cache = new BuildCache(options.cacheDir);
  const stages: StageReport[] = [];
  const updated: string[] = [];
  if (options.transcripts) stages.push(await importStage(options, cache));

  const persons = options.persons ?? [path.join(options.tei, 'persons.xml'), path.join(path.dirname(options.tei), 'persons.xml')].find((p) => existsSync(p));
  const registerText = persons ? readRegister(persons) : null;
  const registerSha = hashOf(registerText ?? '');
  const maxTeiBytes = options.limits?.maxBytes ?? defaultLimits.maxBytes;
  const { docs: all, skipped, notTei } = readTeiFolder(options.tei, { maxBytes: maxTeiBytes, ...(persons && path.dirname(path.resolve(persons)) === path.resolve(options.tei) ? { exclude: [path.basename(persons)] } : {}) });
  if (notTei.length) {
    const shown = notTei.slice(0, 5).map((s) => `${path.relative(options.config.root, s.file)} (<${s.root}>)`).join(', ');
    options.emit({ event: 'notice', stage: 'validate', message: `${notTei.length} XML file${notTei.length === 1 ? ' is' : 's are'} not a TEI document and not built: ${shown}${notTei.length > 5 ? ', …' : ''}` });
  }
  const lastGood = new LastGood(cache, options.outputs.includes('html') ? options.htmlOut : undefined);
  const mine = options.shard ? all.filter((d) => inShard(d.stem, options.shard!)) : all;
  let validDocs: Published[] = [];
  // The introduction is found among all the documents (a shard's pages link to it too), in the
  // version that will be published (the last good one of a document that cannot be built).
  const intro = all.find((d) => {
    const bytes = usableBytes(d) ?? lastGood.find(d, false)?.bytes;
    return bytes !== undefined && looksLikeIntroduction(bytes);
  });
  // The edition's title: the configuration's or --title, else one taken from the sources.
  const title = options.title ?? editionTitleFrom(all.filter((d): d is TeiInput & { bytes: Buffer } => d.bytes !== null), options.tei);
  const cite = citeInfoOf(options.config);
  const common = commonParams({ title, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), ...editionSettings(options.config), cite }, intro?.stem);
  const html = options.outputs.includes('html');
  if (!options.baseUrl) {
    const where = options.config.file ?? `${path.join(options.config.root, CONFIG_FILE)} (not there)`;
    options.emit({ event: 'notice', stage: html ? 'html' : 'pdf', severity: 'warning', ruleId: 'no-base-url', message: `no "baseUrl" in ${where}: the citations carry no URL. Set "baseUrl" to the address where the edition is published (or give --base-url) before publishing it` });
  }
  const sefSha = html ? sefKey(compileHtmlStylesheet().sef) : '';
  const pool = html ? new RenderPool(options.jobs) : undefined;
  const maxDepth = options.limits?.maxDepth;
  try {
    // Pages to render: the workers load the stylesheet while the documents are validated.
    // A few pages (an editor's edit): rendered meanwhile too, kept if the document is valid.
    const early = new Map<string, Promise<PageResult | string>>();
    if (pool) {
      const manifest = cache.manifest(options.htmlOut);
      const stale = mine
        .filter((d): d is TeiInput & { bytes: Buffer } => usableBytes(d) !== undefined)
        .map((d) => ({ d, key: pageKey(sefSha, common, d.stem, d.sha) }))
        .filter(({ d, key }) => !manifest.intact(options.htmlOut, `${d.stem}.html`, key) && !cache.hasBlob('page', key));
      if (stale.length) pool.warm(stale.length);
      if (stale.length <= EARLY_PAGES)
        for (const { d, key } of stale) {
          const page = pool.run({ kind: 'page', text: d.bytes.toString('utf8'), stem: d.stem, common, ...(maxDepth ? { maxDepth } : {}) });
          page.catch(() => undefined);
          early.set(key, page);
        }
    }
    const { report, published } = await validateStage(options, cache, mine, skipped, registerSha, lastGood);
    stages.push(report);
    if (pool) {
      // The files found to hold one document (by their bytes' hash) are kept, not tested again.
      const singleKey = hashOf('single-documents', version, sefKey(compileStylesheet('split').sef), path.resolve(options.tei));
      const singleBefore = cache.get<string[]>('single-documents', singleKey) ?? [];
      const single = new Set(singleBefore);
      const documents: EditionDocument[] = published.flatMap((d) => editionDocuments(d, single));
      const singleNow = published.flatMap((d) => (single.has(d.sha) ? [d.sha] : []));
      if (singleNow.length !== singleBefore.length || singleNow.some((sha, i) => sha !== singleBefore[i])) cache.put('single-documents', singleKey, singleNow);
      const built = await buildHtmlStage({ documents, common, registerText, registerSha, sefSha, target: options.htmlOut, cache, pool, early, emit: options.emit, ...(maxDepth ? { maxDepth } : {}), ...(options.shard ? { shard: options.shard } : {}), indexPageBytes: options.indexPageBytes ?? options.config.web.indexPageBytes, ...(options.digestsPerTransformation ? { digestsPerTransformation: options.digestsPerTransformation } : {}) });
      stages.push(built.report);
      if (built.updated) updated.push(options.htmlOut);
    }
    validDocs = published;
  } finally {
    await pool?.close();
  }
  if (options.outputs.includes('pdf') && !options.shard) {
    const pdf = await buildPdfStage({
      documents: validDocs.map((d) => ({ file: d.copy ?? d.file, name: path.basename(d.file), stem: d.stem, sha: d.sha })),
      registerSha,
      ...(persons ? { persons } : {}),
      title,
      ...(options.author ? { author: options.author } : {}),
      ...(common['cite-meta'] ? { citeMeta: common['cite-meta'] } : {}),
      ...(common['base-url'] ? { baseUrl: common['base-url'] } : {}),
      ...(options.chromium ? { chromium: options.chromium } : {}),
      pageSize: options.pageSize,
      ...(options.dateStyle ? { dateStyle: options.dateStyle } : {}),
      target: options.pdfOut,
      cache,
      emit: options.emit,
      requested: Boolean(options.pdfRequested),
    });
    stages.push(pdf.report);
    if (pdf.updated) updated.push(options.pdfOut);
  }
  if (options.outputs.includes('epub') && !options.shard) {
    const epubOut = options.epubOut ?? path.join(path.dirname(options.pdfOut), 'epub');
    const epub = await buildEpubStage({
      documents: validDocs.map((d) => ({ file: d.copy ?? d.file, stem: d.stem, sha: d.sha })),
      registerSha,
      ...(persons ? { persons } : {}),
      title,
      editors: options.config.editors,
      ...(options.config.publisher ? { publisher: options.config.publisher } : {}),
      ...(options.config.licence ? { licence: options.config.licence } : {}),
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      target: epubOut,
      cache,
      emit: options.emit,
    });
    stages.push(epub.report);
    if (epub.updated) updated.push(epubOut);
  }
  const failed = stages.reduce((n, s) => n + s.failed, 0);
  const result: BuildReport = { ok: failed === 0, failed, stages, seconds: +((performance.now() - started) / 1000).toFixed(3), updated };
  options.emit({ event: 'done', report: result });
  return result;
}

/** What the configuration gives the citations: editors, publisher, date of publication, licence. */
export function citeInfoOf(config: EditionConfig): CiteInfo {
  return {
    ...(config.editors.length ? { editors: config.editors } : {}),
    ...(config.publisher ? { publisher: config.publisher } : {}),
    ...(config.published ? { published: config.published } : {}),
    ...(config.licence ? { licence: config.licence } : {}),
  };
}

/**
 * What the configuration says of the web edition for every page: editors, publisher, licence,
 * description, and the texts of its own CSS and page frame (a frame that is not well-formed
 * XML stops the build: every page would fail).
 */
function editionSettings(config: EditionConfig): Omit<EditionSettings, 'title' | 'baseUrl'> {
  const css = config.web?.css ? readFileSync(config.web.css, 'utf8') : undefined;
  const template = config.web?.template ? readFileSync(config.web.template, 'utf8') : undefined;
  if (template !== undefined) {
    try {
      parseTei(template);
    } catch (error) {
      throw new ConfigError(`"web.template" ${config.web.template}: not well-formed XML (${(error as Error).message.split('\n')[0]})`);
    }
  }
  return {
    editors: config.editors ?? [],
    ...(config.publisher ? { publisher: config.publisher } : {}),
    ...(config.licence ? { licence: config.licence } : {}),
    ...(config.description ? { description: config.description } : {}),
    ...(css !== undefined ? { css } : {}),
    ...(template !== undefined ? { template } : {}),
  };
}

/** The persons register's text, or null (none, or not a regular file: a FIFO is never waited on). */
function readRegister(file: string): string | null {
  try {
    return readRegularFileSync(file).toString('utf8');
  } catch {
    return null;
  }
}

/** The bytes of a document that can be built as it is (read, no collision). */
function usableBytes(d: TeiInput): Buffer | undefined {
  return d.bytes !== null && !d.problems.some((p) => p.fatal === true) ? d.bytes : undefined;
}

/**
 * A published TEI file as the web edition's documents: itself, or, a file of many documents
 * (a FRUS volume, a teiCorpus), a page for each (publish/volume.ts). A file that cannot be
 * split is left to the page stage, which reports it.
 */
function editionDocuments(d: Published, single: Set<string>): EditionDocument[] {
  // Decoded when needed (a page to render), not held beside the bytes.
  const one = (): EditionDocument[] => [{ file: d.file, stem: d.stem, sha: d.sha, text: () => d.bytes.toString('utf8') }];
  if (single.has(d.sha)) return one();
  if (!mayHoldDocuments(d.bytes)) {
    single.add(d.sha);
    return one();
  }
  const text = d.bytes.toString('utf8');
  let parts: { stem: string; text: string }[] | null = null;
  try {
    parts = splitDocuments(text, d.stem, () => parseTei(text));
    if (!parts) single.add(d.sha);
  } catch {
    parts = null;
  }
  if (!parts) return one();
  return parts.map((p) => ({ file: d.file, stem: p.stem, sha: hashOf(p.text), text: () => p.text }));
}
