/**
 * The web edition, incrementally: a page is rendered only when its key (tool version,
 * stylesheet, shared parameters, file name, TEI bytes) differs from the key of the page in
 * the previous build; the index of documents and of persons only when a document's digest
 * (what they show of it), the list of documents or the register changed; the search index
 * when a page changed. The new edition is made in a staged folder (kept files hard-linked)
 * and replaces the previous one whole; with nothing changed, nothing is touched.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CITE_DIR, parseCiteExports } from '../publish/cite.js';
import { compileStylesheet, transformDir } from '../publish/compile.js';
import { fontAssets, type RenderedDocument } from '../publish/edition-files.js';
import { docNavs, editionOrder, fillDocNav, navKey, parseOrderEntries, type DocNav, type OrderEntry, type OrderKey } from '../publish/doc-nav.js';
import { searchChunk, searchDocumentFile, searchFilesFromChunks, searchScript, type SearchChunk } from '../publish/search-index.js';
import { DEFAULT_INDEX_PAGE_BYTES, INDEX_PAGES, indexPageFiles, splitPagePattern } from '../publish/index-pages.js';
import { version } from '../version.js';
import { hashOf, recordOf, type BuildCache, type Manifest, type OutputRecord } from './cache.js';
import type { Emit, StageReport } from './events.js';
import { problemOf, StageCounter } from './counter.js';
import type { RenderPool } from './pool.js';
import { runRenderTask, type PageResult } from './render-task.js';
import type { Shard } from './shard.js';
import { StagedDir } from './staged-dir.js';
import { chunked } from '../util/chunked.js';
import { mapLimit } from '../util/files.js';
import { pageReads } from './page-reads.js';
import { indexInParts } from './index-parts.js';
import { patchedPersons, rememberPersons, type PersonsPatchInput } from './persons-patch.js';
import { personsInParts } from './persons-parts.js';
import { fillTitleSlots, titleSkeleton } from './title-slots.js';

export interface EditionDocument {
  file: string;
  stem: string;
  sha: string;
  text: () => string;
}

/** What a document's page leaves for the pages of the whole edition. */
export interface RenderRecord extends RenderedDocument {
  digest: string;
  /** Its place in the edition's order (found from the digest once, then kept with it). */
  order?: OrderKey;
}

/** What a page's rendering leaves for the edition-wide pages. */
export function renderRecord(r: PageResult): RenderRecord {
  return { title: r.title, entries: r.entries, meta: r.meta, digest: r.digest };
}

/** What the build keeps of a page beside its record: enough to plan the edition without reading the record. */
interface RenderBrief {
  digestSha: string;
  order?: OrderKey;
  /** By index page: the hash of what it reads of the digest with the titles left out (its kept page's key). */
  skeletons?: Record<string, string>;
}

/** A document of the edition as the edition-wide pages need it. */
export interface IndexedDocument {
  stem: string;
  pkey: string;
  digestSha: string;
  record: () => RenderRecord;
  /** By index page, the hash of what it reads of the digest with the titles left out, where known (set when found). */
  skeletons?: Record<string, string>;
}

/** One file of the output: the key that makes it, and how to make it when it is not up to date. */
export interface PlannedOutput {
  rel: string;
  key: string;
  meta?: string;
  produce: () => string | Buffer | Promise<string | Buffer>;
  /** Already written to the staged folder, with this content hash. */
  written?: string;
  /** produce() makes it with others in one transformation started on the next turn: every such output is asked for in one turn. */
  batched?: boolean;
}

export const SHARD_FILE = 'shard.json';

/** The content of shard.json: what `merge` needs of a shard's documents. */
export interface ShardFile {
  tool: 'tei-edition';
  version: string;
  shard: Shard;
  common: Record<string, unknown>;
  documents: (RenderRecord & { stem: string; name: string; pkey: string })[];
}

/**
 * The compiled stylesheet as a key: the SEF's content without its build time and checksum, so
 * that compiling the same stylesheets again (e.g. after a change to the print stylesheets
 * only) does not count as a change.
 */
export function sefKey(sefPath: string): string {
  return hashOf(readFileSync(sefPath, 'utf8').replace(/"buildDateTime":"[^"]*",?/, '').replace(/,?"Σ":"[0-9a-f]*"\}\s*$/, '}'));
}

export function pageKey(sefSha: string, common: Record<string, unknown>, stem: string, sha: string): string {
  return hashOf('page', version, sefSha, JSON.stringify(common), stem, sha);
}

/**
 * The pages of the whole edition: index, persons, search, the search index (search/…), register
 * copy, CSS and JS. The search index is made when a page changed; its files are then known only
 * once it is made, so with no page changed the files of the previous build (`manifest`) are
 * planned as they are.
 */
export interface EditionOutputOptions {
  /** The outputs of the previous build. */
  manifest?: Manifest | null;
  /** Largest index page in bytes before it is split (index-pages.ts). */
  indexPageBytes?: number;
  /** The edition's order (editionNavs) and the cache: with both, the index pages are made with their titles as slots and kept (title-slots.ts). */
  order?: OrderEntry[];
  cache?: BuildCache;
  /** Digests read by one transformation of citation files (default DIGESTS_PER_TRANSFORMATION). */
  digestsPerTransformation?: number;
}

export async function editionOutputs(docs: IndexedDocument[], common: Record<string, unknown>, registerText: string | null, sefSha: string, pool: RenderPool, options: EditionOutputOptions = {}): Promise<PlannedOutput[]> {
  const { manifest, indexPageBytes = DEFAULT_INDEX_PAGE_BYTES, order, cache } = options;
  const commonKey = JSON.stringify(common);
  const stems = docs.map((d) => d.stem);
  const listKey = hashOf(...docs.flatMap((d) => [d.stem, d.digestSha]));
  let digests: string[] | undefined;
  const per = options.digestsPerTransformation ?? DIGESTS_PER_TRANSFORMATION;
  // Documents in a kept part of an index page: an edit makes one part again.
  const parted = Math.min(per, INDEX_PART_DOCUMENTS);
  // What an index page depends on besides the documents (the kept pages and parts are keyed by it).
  const pageBase = hashOf(version, sefSha, commonKey, registerText ?? '');
  const keptPages = (kind: string) => cache && { base: pageBase, get: (key: string) => cache.getBlob(kind, key)?.toString('utf8'), put: (key: string, made: string) => cache.putBlob(kind, key, made) };
  const run = async (template: 'index' | 'persons' | 'person-mentions', reads: string[], someStems: string[], params: Record<string, unknown>) =>
    (await pool.run({ kind: 'named', template, digests: reads, stems: someStems, register: template === 'person-mentions' ? null : registerText, common: { ...common, ...params, 'title-slots': true } })) as string;
  // A page made with title slots from the reads of many documents is made in parts (index-parts.ts, persons-parts.ts).
  const render = async (template: 'index' | 'persons' | 'places' | 'orgs' | 'search', slotted?: string[], some: { stems: string[]; params: Record<string, unknown> } = { stems, params: {} }): Promise<string> => {
    if (slotted && slotted.length > parted && template === 'persons') {
      // Each document's mentions are kept by what the page reads of it.
      const keyOf = (i: number) => hashOf('person-mentions', version, sefSha, commonKey, some.stems[i]!, hashOf(slotted[i]!));
      const kept = cache && { get: (i: number) => parseMentions(cache.getBlob('person-mentions', keyOf(i))), put: (i: number, m: string[]) => cache.putBlob('person-mentions', keyOf(i), JSON.stringify(m)) };
      const pages = keptPages('persons-part');
      return personsInParts({ stems: some.stems, reads: slotted, per: parted, ...(kept ? { kept } : {}), ...(pages ? { keptPages: pages } : {}), mentionsOf: (indices) => run('person-mentions', pick(slotted, indices), pick(some.stems, indices), { 'mentions-by-document': true }), renderPage: (reads, someStems, params) => run('persons', reads, someStems, params) }, some.params);
    }
    if (slotted && slotted.length > parted && template === 'index' && order) {
      const kept = keptPages('index-part');
      const made = await indexInParts({ stems: some.stems, reads: slotted, order, per: parted, ...(kept ? { kept } : {}), renderPart: (indices, params) => run('index', pick(slotted, indices), pick(some.stems, indices), { ...some.params, ...params }) });
      if (made !== null) return made;
    }
    return (await pool.run({ kind: 'named', template, digests: template === 'search' ? [] : (slotted ?? (digests ??= docs.map((d) => d.record().digest))), stems: some.stems, register: registerText, common: slotted ? { ...common, ...some.params, 'title-slots': true } : common })) as string;
  };
  // An index page made with title slots from what it reads of each digest (page-reads.ts),
  // kept under a key made of those parts with the titles left out (but, for the index of
  // documents, not the order they sort the undated documents in), and filled with the titles.
  const indexPage = async (template: (typeof INDEX_PAGES)[number]): Promise<string> => {
    if (!order || !cache) return render(template);
    const ordered = template === 'index' ? order.map((e) => `${e.stem}\t${e.number}`) : [];
    // What the page reads of each digest, found when it is needed (the kept page's key is made
    // from the hashes kept in the brief where they are there).
    let found: string[] | undefined;
    const readsOf = () => (found ??= docs.map((d) => pageReads(template, d.record().digest)));
    const skeleton = (d: IndexedDocument, i: number): string => {
      const known = d.skeletons?.[template];
      if (known !== undefined) return known;
      const made = hashOf(titleSkeleton(readsOf()[i]!));
      d.skeletons = { ...d.skeletons, [template]: made };
      return made;
    };
    const key = hashOf('index-slots', template, version, sefSha, commonKey, registerText ?? '', hashOf(...ordered, ...docs.flatMap((d, i) => [d.stem, skeleton(d, i)])));
    const kept = cache.getBlob('index-slots', key)?.toString('utf8');
    const reads = kept === undefined ? readsOf() : [];
    // The index of persons after a change to the text of a few documents: the last one made, with the entries of the persons they name made again (persons-patch.ts).
    const patch: PersonsPatchInput | undefined =
      template === 'persons' && kept === undefined ? { stems, reads, base: pageBase, cache, renderSome: (some, params) => render(template, some.map((i) => reads[i]!), { stems: some.map((i) => stems[i]!), params }) } : undefined;
    const slotted = kept ?? (patch && (await patchedPersons(patch))) ?? (await render(template, reads));
    const filled = fillTitleSlots(slotted, new Map(order.map((e) => [e.stem, e.title])));
    // A page with the slot character of its own (in a name, say) is made as it is.
    if (filled === null) return render(template);
    if (kept === undefined) {
      cache.putBlob('index-slots', key, slotted);
      if (patch) rememberPersons(patch, key);
    }
    return filled;
  };
  const keyOf = (template: string) => hashOf(template, version, sefSha, commonKey, template === 'search' ? '' : hashOf(registerText ?? '', listKey), template === 'search' ? '' : String(indexPageBytes));
  const outputs: PlannedOutput[] = [];
  // The index pages, each split by year or by letter past the size limit (index-pages.ts):
  // which pages a split writes is known once the page is made, unless the previous build
  // made it with the same key (its pages are then those of the manifest under that key).
  // The pages not made under their key before are all begun at once (their transformations
  // share the workers), then awaited.
  const indexPages = INDEX_PAGES.map((template) => {
    const rel = `${template}.html`;
    const key = keyOf(template);
    const prefix = template === 'index' ? 'documents-' : `${template}-`;
    let files: Promise<Map<string, string>> | undefined;
    // (The key covers the documents' stems: pages reused under it were checked against them.)
    const make = () => (files ??= indexPage(template).then((html) => indexPageFiles(rel, html, indexPageBytes, stems)));
    const known = manifest?.outputs[rel]?.key === key ? [rel, ...Object.keys(manifest.outputs).filter((r) => r.startsWith(prefix) && splitPagePattern.test(r) && manifest.outputs[r]?.key === key)] : null;
    if (known === null) make().catch(() => undefined);
    return { key, make, known };
  });
  for (const { key, make, known } of indexPages) {
    for (const r of known ?? [...(await make()).keys()]) outputs.push({ rel: r, key, produce: async () => (await make()).get(r) ?? '' });
  }
  outputs.push({ rel: 'search.html', key: keyOf('search'), produce: () => render('search') });
  // The citation exports: a document's files are keyed by its digest, the edition's by the
  // settings. The files that are not up to date are made together (DIGESTS_PER_TRANSFORMATION
  // digests a transformation): writeOutputs asks for every batched output in one turn, and the
  // batch starts on the next.
  const citeSha = sefKey(compileStylesheet('cite').sef);
  const citeOf = batchCite(docs, common, pool, options.digestsPerTransformation);
  for (const d of docs) {
    const key = hashOf('cite', version, citeSha, commonKey, d.stem, d.digestSha);
    for (const ext of ['json', 'bib', 'ris']) outputs.push({ rel: `${CITE_DIR}/${d.stem}.${ext}`, key, batched: true, produce: () => citeOf(d.stem, `${d.stem}.${ext}`) });
  }
  const editionKey = hashOf('cite-edition', version, citeSha, commonKey);
  for (const ext of ['json', 'bib', 'ris']) outputs.push({ rel: `${CITE_DIR}/edition.${ext}`, key: editionKey, batched: true, produce: () => citeOf(null, `edition.${ext}`) });
  // The search index: a document's own file by its page; the documents table and the shards
  // from parts of SEARCH_CHUNK documents, each kept in the cache by its documents' pages, so
  // that an edit tokenises the part of the edited document only.
  const scriptSha = hashOf(readFileSync(searchScript));
  const searchKey = hashOf('search', version, scriptSha, ...docs.flatMap((d) => [d.stem, d.pkey]));
  const searchDocs = docs.map((d) => () => ({ ...d.record(), stem: d.stem }));
  docs.forEach((d, id) => outputs.push({ rel: `search/d/${id}.js`, key: hashOf('search-doc', version, scriptSha, String(id), d.stem, d.pkey), produce: () => searchDocumentFile(id, searchDocs[id]!())[1] }));
  let files: Map<string, string> | undefined;
  // (One part at a time: each is read or made when the merge asks for it, then let go.)
  function* searchParts(): Generator<SearchChunk> {
    for (const [k, part] of chunked(searchDocs, SEARCH_CHUNK).entries()) {
      const key = hashOf('search-chunk', version, scriptSha, ...docs.slice(k * SEARCH_CHUNK, k * SEARCH_CHUNK + part.length).flatMap((d) => [d.stem, d.pkey]));
      const kept = cache?.getBlob('search-chunk', key);
      if (kept) {
        yield JSON.parse(kept.toString('utf8')) as SearchChunk;
        continue;
      }
      const made = searchChunk(part.map((doc) => doc()));
      cache?.putBlob('search-chunk', key, JSON.stringify(made));
      yield made;
    }
  }
  const make = () => (files ??= searchFilesFromChunks(searchParts()));
  const previous = manifest?.outputs['search/meta.js']?.key === searchKey ? Object.keys(manifest.outputs).filter((rel) => rel.startsWith('search/') && !rel.startsWith('search/d/')) : null;
  for (const rel of previous ?? [...make().keys()]) outputs.push({ rel, key: searchKey, produce: () => make().get(rel) ?? '' });
  if (registerText !== null) outputs.push({ rel: 'tei/persons.xml', key: hashOf('copy', registerText), produce: () => registerText });
  for (const asset of ['edition.css', 'edition.js', 'search.js']) {
    const bytes = readFileSync(path.join(transformDir, 'html', asset));
    outputs.push({ rel: asset, key: hashOf('asset', bytes), produce: () => bytes });
  }
  // The typeface (Charis SIL, where installed) and the edition's own style sheet (web.css).
  for (const [name, file] of fontAssets()) {
    const bytes = readFileSync(file);
    outputs.push({ rel: `fonts/${name}`, key: hashOf('asset', bytes), produce: () => bytes });
  }
  const css = common['web-css'];
  if (typeof css === 'string') outputs.push({ rel: 'custom.css', key: hashOf('asset', css), produce: () => css });
  return outputs;
}

/**
 * How many documents' digests one transformation reads when each document's output stands on
 * its own (citation files, order keys): a transformation holds every digest it reads as a tree,
 * so the whole edition in one is gigabytes at 10,000 documents; a part costs the fixed cost of
 * a transformation (a few ms).
 */
export const DIGESTS_PER_TRANSFORMATION = 500;

/**
 * Documents in one kept part of the index of documents, and in one pass over the documents'
 * mentions for the index of persons (index-parts.ts, persons-parts.ts): small enough that
 * remaking one part after an edit is cheap, large enough that the fixed cost of a
 * transformation stays small next to it.
 */
export const INDEX_PART_DOCUMENTS = 100;

/** Documents in one kept part of the search index (search-index.ts, SearchChunk). */
export const SEARCH_CHUNK = 25;

/** Mentions kept as JSON (persons-parts.ts); undefined where none or not a list of strings. */
function parseMentions(blob: Buffer | undefined): string[] | undefined {
  if (!blob) return undefined;
  try {
    const list: unknown = JSON.parse(blob.toString('utf8'));
    return Array.isArray(list) && list.every((m) => typeof m === 'string') ? (list as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function pick<T>(items: T[], indices: number[]): T[] {
  return indices.map((i) => items[i]!);
}

/**
 * The citation files asked for in one turn, made in transformations of `per` of the documents
 * they belong to (the edition's files come with any part).
 */
function batchCite(docs: IndexedDocument[], common: Record<string, unknown>, pool: RenderPool, per = DIGESTS_PER_TRANSFORMATION): (stem: string | null, name: string) => Promise<string> {
  const byStem = new Map(docs.map((d) => [d.stem, d]));
  let pending: { stems: Set<string>; result: Promise<Map<string, string>> } | undefined;
  return (stem, name) => {
    if (!pending) {
      const batch = { stems: new Set<string>(), result: undefined as unknown as Promise<Map<string, string>> };
      batch.result = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
        pending = undefined;
        const files = new Map<string, string>();
        // (Every part gives the edition's files too, the same each time; with no document's files asked for, one part gives them.)
        const parts = await Promise.all(
          (batch.stems.size ? chunked([...batch.stems], per) : [[]]).map(async (stems: string[]) => parseCiteExports((await pool.run({ kind: 'cite', digests: stems.map((s) => byStem.get(s)!.record().digest), stems, common })) as string, stems)),
        );
        for (const part of parts) for (const [name, text] of part) files.set(name, text);
        return files;
      });
      pending = batch;
    }
    if (stem !== null) pending.stems.add(stem);
    return pending.result.then((files) => files.get(name)!);
  };
}

/**
 * Make `target` hold exactly the planned files: nothing at all when every one is up to date;
 * else a staged folder with the up-to-date files (and any whose new content is the same as
 * before) kept, the others written, swapped in. `staged`, when given, is already begun and
 * holds the planned outputs marked `written` (pages written as they were rendered). Returns
 * the number of files written, or -1 when the folder was left untouched.
 */
export async function writeOutputs(target: string, planned: PlannedOutput[], manifest: Manifest | null, staged?: StagedDir): Promise<number> {
  const intact = planned.map((p) => p.written === undefined && manifest !== null && manifest.intact(target, p.rel, p.key));
  const sameSet = manifest !== null && Object.keys(manifest.outputs).length === planned.length && planned.every((p) => p.rel in manifest.outputs);
  if (intact.every(Boolean) && sameSet && existsSync(target)) {
    staged?.abort();
    return -1;
  }
  const stage = staged ?? new StagedDir(target);
  if (!staged) stage.begin();
  let written = 0;
  try {
    // Each file is written as soon as it is made, a few made at a time, so that the edition is
    // never in memory whole; the batched ones (citation files) are all asked for in one turn.
    const made: ({ sha: string; same: boolean } | null)[] = planned.map(() => null);
    // Once one file fails, nothing more is made or written (the staged folder is given up).
    let failed = false;
    const fail = (error: unknown): never => {
      failed = true;
      throw error;
    };
    const settle = (i: number, content: string | Buffer) => {
      if (failed) return;
      const p = planned[i]!;
      const previous = manifest?.outputs[p.rel];
      const sha = p.written ?? hashOf(content);
      // Made again, and the same: the previous file stays (same inode and times).
      const same = previous !== undefined && previous.sha === sha && manifest!.intact(target, p.rel);
      if (!same && p.written === undefined) {
        try {
          stage.write(p.rel, content);
        } catch (error) {
          fail(error);
        }
      }
      made[i] = { sha, same };
    };
    const todo = planned.flatMap((p, i) => (intact[i] ? [] : [i]));
    const isBatched = (i: number) => planned[i]!.batched === true && planned[i]!.written === undefined;
    const batched = todo.filter(isBatched);
    const rest = todo.filter((i) => !isBatched(i));
    await Promise.all([
      ...batched.map(async (i) => settle(i, await Promise.resolve(planned[i]!.produce()).catch(fail))),
      mapLimit(rest, 16, async (i) => (failed ? undefined : settle(i, planned[i]!.written !== undefined ? '' : await Promise.resolve(planned[i]!.produce()).catch(fail)))),
    ]);
    const records: Record<string, OutputRecord> = {};
    const fresh: { rel: string; key: string; sha: string; meta?: string }[] = [];
    planned.forEach((p, i) => {
      const meta = p.meta !== undefined ? { meta: p.meta } : {};
      const previous = manifest?.outputs[p.rel];
      if (intact[i]) {
        stage.keep(p.rel);
        records[p.rel] = { ...previous!, ...meta };
        return;
      }
      const { sha, same } = made[i]!;
      if (same) {
        stage.keep(p.rel);
        records[p.rel] = { ...previous!, key: p.key, ...meta };
        return;
      }
      written++;
      fresh.push({ rel: p.rel, key: p.key, sha, ...meta });
    });
    if (written === 0 && sameSet && existsSync(target)) {
      // Made again, all the same as before: the edition stays as it is; only the keys are new.
      stage.abort();
      manifest?.save(records);
      return -1;
    }
    stage.commit();
    for (const f of fresh) records[f.rel] = { ...recordOf(path.join(target, f.rel), f.key, f.sha), ...(f.meta !== undefined ? { meta: f.meta } : {}) };
    manifest?.save(records);
  } catch (error) {
    stage.abort();
    throw error;
  }
  return written;
}

/**
 * The edition's order, and every page's previous/next links and number: each document's order
 * key is found from its digest (in a worker) unless its record has it already (and is set in
 * it), so that a build that changed one document reads one digest.
 */
export async function editionNavs(records: { order?: OrderKey; readonly digest: string }[], stems: string[], common: Record<string, unknown>, pool: RenderPool, per = DIGESTS_PER_TRANSFORMATION): Promise<{ navs: Map<string, DocNav>; order: OrderEntry[]; found: number[] }> {
  const found = records.flatMap((r, i) => (r.order ? [] : [i]));
  if (found.length) {
    const texts = await Promise.all(chunked(found, per).map((part) => pool.run({ kind: 'named', template: 'order-entries', digests: part.map((i) => records[i]!.digest), stems: part.map((i) => stems[i]!), register: null, common })));
    const keys = parseOrderEntries(texts.join('\n'));
    // (A stem the lines cannot carry, with a tab or a line break in it, files as undated.)
    for (const i of found) records[i]!.order = keys.get(stems[i]!) ?? { key: `19999 ${stems[i]!.toLowerCase()}`, intro: false, title: stems[i]! };
  }
  const order = editionOrder(records.map((r, i) => ({ stem: stems[i]!, ...r.order! })));
  return { navs: docNavs(order), order, found };
}

export interface HtmlStageInput {
  documents: EditionDocument[];
  common: Record<string, unknown>;
  registerText: string | null;
  registerSha: string;
  sefSha: string;
  target: string;
  cache: BuildCache;
  pool: RenderPool;
  /** Pages already on their way (by page key), started while the documents were validated. */
  early?: Map<string, Promise<PageResult | string>>;
  emit: Emit;
  shard?: Shard;
  /** Deepest nesting of elements accepted (--max-depth; default 200). */
  maxDepth?: number;
  /** Largest index page in bytes before it is split (index-pages.ts); default 1,000,000. */
  indexPageBytes?: number;
  /** Digests one transformation of order keys or citation files reads (default DIGESTS_PER_TRANSFORMATION). */
  digestsPerTransformation?: number;
}

export async function buildHtmlStage(input: HtmlStageInput): Promise<{ report: StageReport; updated: boolean }> {
  const { documents, common, cache, pool, emit, target, sefSha } = input;
  const c = new StageCounter('html', emit);
  c.start(documents.length);
  if (input.registerText === null && !input.shard) c.notice('no persons register found: the persons index lists the participants of the documents only', 'register-missing');
  StagedDir.recover(target);
  const manifest = cache.manifest(target);
  // A page is rendered once per key and kept in the cache; what is written is that page with
  // its previous/next links and number (doc-nav.ts), known only once every page is rendered.
  // What the last build left of each page (its digest's hash and its order key, by page key):
  // a page kept from it is not read from the cache unless an edition-wide page needs it.
  const briefKey = hashOf('render-brief', path.resolve(target));
  const brief = cache.get<Record<string, RenderBrief>>('render-brief', briefKey) ?? {};
  const states = documents.map((d) => {
    const pkey = pageKey(sefSha, common, d.stem, d.sha);
    const page = cache.hasBlob('page', pkey);
    const known = page && Object.hasOwn(brief, pkey) && cache.has('render', pkey) ? brief[pkey] : undefined;
    const record = known || !page ? undefined : cache.get<RenderRecord>('render', pkey);
    const reused = known !== undefined || record !== undefined;
    return { d, pkey, reused, briefed: known !== undefined, digestSha: known?.digestSha ?? (record ? hashOf(record.digest) : ''), order: known ? known.order : record?.order, skeletons: known?.skeletons, record, failed: false, lost: undefined as string | undefined };
  });
  const missing = states.filter((s) => !s.reused);
  const todo = missing;
  // Pages go to the staged folder as they are rendered (the previous edition stays as it is);
  // they get their previous/next links when the staged folder is completed (writeOutputs).
  const staged = missing.length ? new StagedDir(target) : undefined;
  staged?.begin();
  c.worked = todo.length;
  let done = 0;
  const every = Math.max(1, Math.floor(todo.length / 100));
  if (todo.length) emit({ event: 'progress', stage: 'html', done, total: todo.length });
  await Promise.all(
    todo.map(async (s) => {
      try {
        const r = (await (input.early?.get(s.pkey) ?? pool.run({ kind: 'page', text: s.d.text(), stem: s.d.stem, common, ...(input.maxDepth ? { maxDepth: input.maxDepth } : {}) }))) as PageResult;
        staged!.write(`${s.d.stem}.html`, r.html);
        s.record = renderRecord(r);
        s.digestSha = hashOf(r.digest);
        s.order = undefined;
        s.skeletons = undefined;
        cache.putBlob('page', s.pkey, r.html);
        cache.put('render', s.pkey, s.record);
      } catch (error) {
        s.failed = true;
        const reason = (error as Error).message.split('\n')[0]!;
        if (reason.startsWith('the worker thread stopped')) s.lost = reason;
        c.problem(s.d.file, 'error', [problemOf('page-failed', reason)], `not built (not well-formed or the stylesheet failed): ${reason}`);
      }
      if (++done % every === 0 || done === todo.length) emit({ event: 'progress', stage: 'html', done, total: todo.length });
    }),
  );
  const lostAll = todo.length > 1 && todo.length === missing.length && todo.every((s) => s.failed && s.lost);
  if (lostAll) {
    // Not the documents: the processor itself (every worker died). Keep the previous edition.
    staged?.abort();
    throw new Error(`the web edition could not be built: ${todo[0]!.lost}`);
  }
  const built = states.filter((s) => !s.failed);
  c.ok = built.length;
  // A kept page's record, read when first needed; one changed in the cache since it was written
  // is not used: the page is made again here, as it was.
  const recordOfState = (s: (typeof states)[number]): RenderRecord => {
    if (s.record) return s.record;
    let record = cache.get<RenderRecord>('render', s.pkey);
    if (!record) {
      const r = runRenderTask({ kind: 'page', text: s.d.text(), stem: s.d.stem, common, ...(input.maxDepth ? { maxDepth: input.maxDepth } : {}) }) as PageResult;
      cache.putBlob('page', s.pkey, r.html);
      record = { ...renderRecord(r), ...(s.order ? { order: s.order } : {}) };
      cache.put('render', s.pkey, record);
    }
    return (s.record = record);
  };
  // The edition's order (the print volume's): previous/next and the number of every page.
  const ordered = built.map((s) => ({ order: s.order, get digest() { return recordOfState(s).digest; } }));
  const { navs, order, found } = await editionNavs(ordered, built.map((s) => s.d.stem), common, pool, input.digestsPerTransformation);
  for (const i of found) {
    const s = built[i]!;
    s.order = ordered[i]!.order;
    cache.put('render', s.pkey, { ...recordOfState(s), order: s.order });
  }
  const planned: PlannedOutput[] = [];
  for (const s of built) {
    const nav = navs.get(s.d.stem);
    // The page as rendered (kept in the cache, not in memory: at 10,000 documents the pages are
    // hundreds of MB; a cache entry changed since it was written is not used: the page is made
    // again from the TEI).
    const produce = async () => {
      let page = cache.getBlob('page', s.pkey)?.toString('utf8');
      if (page === undefined) {
        const r = (await pool.run({ kind: 'page', text: s.d.text(), stem: s.d.stem, common, ...(input.maxDepth ? { maxDepth: input.maxDepth } : {}) })) as PageResult;
        cache.putBlob('page', s.pkey, r.html);
        page = r.html;
      }
      return fillDocNav(page, nav);
    };
    planned.push({ rel: `${s.d.stem}.html`, key: hashOf(s.pkey, navKey(nav)), meta: s.digestSha, produce });
    planned.push({ rel: `tei/${s.d.stem}.xml`, key: hashOf('copy', s.d.sha), produce: () => s.d.text() });
  }
  const indexed: IndexedDocument[] = built.map((s) => ({ stem: s.d.stem, pkey: s.pkey, digestSha: s.digestSha, record: () => recordOfState(s), ...(s.skeletons ? { skeletons: s.skeletons } : {}) }));
  if (input.shard) {
    const shard = input.shard;
    planned.push({
      rel: SHARD_FILE,
      key: hashOf('shard', version, JSON.stringify(shard), JSON.stringify(common), ...built.map((s) => s.pkey)),
      produce: () => JSON.stringify({ tool: 'tei-edition', version, shard, common, documents: indexed.map((d, i) => ({ stem: d.stem, name: path.basename(built[i]!.d.file), pkey: d.pkey, ...d.record() })) } satisfies ShardFile),
    });
  } else planned.push(...(await editionOutputs(indexed, common, input.registerText, sefSha, pool, { manifest, indexPageBytes: input.indexPageBytes, order, cache, ...(input.digestsPerTransformation ? { digestsPerTransformation: input.digestsPerTransformation } : {}) })));
  for (const s of states) if (s.failed && staged) rmSync(path.join(staged.stage, `${s.d.stem}.html`), { force: true });
  const written = await writeOutputs(target, planned, manifest, staged);
  const skeletonsFound = indexed.some((d, i) => d.skeletons !== built[i]!.skeletons);
  if (found.length || skeletonsFound || built.some((s) => !s.briefed) || Object.keys(brief).length !== built.length) {
    const next: Record<string, RenderBrief> = {};
    built.forEach((s, i) => {
      const skeletons = indexed[i]!.skeletons;
      next[s.pkey] = { digestSha: s.digestSha, ...(s.order ? { order: s.order } : {}), ...(skeletons ? { skeletons } : {}) };
    });
    cache.put('render-brief', briefKey, next);
  }
  if (cache.rejected.length) {
    emit({ event: 'notice', stage: 'html', message: `${cache.rejected.length} cache ${cache.rejected.length === 1 ? 'entry was' : 'entries were'} changed since they were written (${cache.rejected.slice(0, 3).join(', ')}${cache.rejected.length > 3 ? ', …' : ''}): not used, made again` });
    cache.rejected.length = 0;
  }

  c.pages = planned.filter((p) => p.rel.endsWith('.html')).length;
  c.written = Math.max(0, written);
  return { report: c.end(), updated: written >= 0 };
}
