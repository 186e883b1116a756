/**
 * `tei-edition merge <shard folders…>`: the shards' documents put together into the edition a
 * build of all of them makes, byte for byte. A shard folder is not trusted: its record
 * (shard.json) is checked (page names, edition settings as the configuration is checked), its
 * files must be regular files inside it (no symbolic links), and every page is rendered again
 * from the shard's copy of the TEI (or taken from the cache under the key of that TEI), never
 * copied from the shard; the pages of the whole edition (index, persons, search) are made from
 * those renderings.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileHtmlStylesheet } from '../publish/compile.js';
import { pageNamePattern, pageStem } from '../publish/edition-files.js';
import { version } from '../version.js';
import { BuildCache, hashOf } from './cache.js';
import type { BuildReport, Emit } from './events.js';
import { fillDocNav, navKey } from '../publish/doc-nav.js';
import { editionNavs, editionOutputs, pageKey, renderRecord, sefKey, SHARD_FILE, writeOutputs, type IndexedDocument, type PlannedOutput, type RenderRecord, type ShardFile } from './html-stage.js';
import { StageCounter } from './pipeline.js';
import { RenderPool } from './pool.js';
import type { PageResult } from './render-task.js';

export class MergeError extends Error {}

export interface MergeOptions {
  shards: string[];
  target: string;
  persons?: string;
  cacheDir: string;
  jobs: number;
  emit: Emit;
}

/** A shard's file, read only when it is a regular file in the shard (not a link, not a folder). */
function readShardFile(dir: string, rel: string): Buffer {
  const file = path.join(dir, rel);
  let st;
  try {
    st = lstatSync(file);
  } catch {
    throw new MergeError(`${file}: missing from the shard`);
  }
  if (st.isSymbolicLink()) throw new MergeError(`${file}: a symbolic link; a shard holds only the files its build wrote (links are not followed)`);
  if (!st.isFile()) throw new MergeError(`${file}: not a file`);
  // Its folders inside the shard (tei/) must not be links either.
  for (let sub = path.dirname(rel); sub !== '.'; sub = path.dirname(sub)) {
    if (lstatSync(path.join(dir, sub)).isSymbolicLink()) throw new MergeError(`${path.join(dir, sub)}: a symbolic link; a shard holds only the files its build wrote (links are not followed)`);
  }
  return readFileSync(file);
}

const commonKeys = ['intro-stem', 'edition-title', 'base-url', 'cite-meta', 'edition-editors', 'edition-description', 'edition-publisher', 'edition-licence', 'edition-year'];
// The edition's own CSS and page frame go to the pages as they are: never taken from a shard.
const ownLook = ['web-css', 'web-template'];

/** The edition settings a shard recorded, checked as the configuration is (config.ts). */
function checkCommon(where: string, common: unknown): Record<string, string> {
  const fail = (key: string, message: string): never => {
    throw new MergeError(`${where}: the edition setting "${key}" ${message}`);
  };
  if (typeof common !== 'object' || common === null || Array.isArray(common)) throw new MergeError(`${where}: "common" must be an object of edition settings`);
  const o = common as Record<string, unknown>;
  for (const [key, value] of Object.entries(o)) {
    if (ownLook.includes(key)) fail(key, 'is the edition\'s own CSS or page frame (web.css, web.template): merge does not take it from a shard; build such an edition whole');
    if (!commonKeys.includes(key)) fail(key, `is not an edition setting (known: ${commonKeys.join(', ')})`);
    if (typeof value !== 'string' || !value.trim()) fail(key, 'must be a non-empty string');
  }
  const intro = o['intro-stem'] as string | undefined;
  if (intro !== undefined && !pageNamePattern.test(intro)) fail('intro-stem', `must be a page name (letters, digits, ".", "_", "-"), not ${JSON.stringify(intro.slice(0, 80))}`);
  const base = o['base-url'] as string | undefined;
  if (base !== undefined && !/^https?:\/\/[^\s"'<>\\]+\/$/.test(base)) fail('base-url', `must be an http(s) address ending in "/", not ${JSON.stringify(base.slice(0, 80))}`);
  const meta = o['cite-meta'] as string | undefined;
  if (meta !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(meta);
    } catch {
      parsed = null;
    }
    const ok = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.entries(parsed).every(([k, v]) => (k === 'editors' ? Array.isArray(v) && v.every((e) => typeof e === 'string') : ['publisher', 'published', 'licence'].includes(k) && typeof v === 'string'));
    if (!ok) fail('cite-meta', 'must be a JSON object of editors (a list), publisher, published and licence (strings)');
  }
  return o as Record<string, string>;
}

/** A shard's record, checked: what merge reads of it is its number, its settings and its documents' names. */
function readShard(dir: string): ShardFile {
  const file = path.join(dir, SHARD_FILE);
  if (!existsSync(file)) throw new MergeError(`${dir}: not a shard of a build (no ${SHARD_FILE}; build it with "tei-edition build --shard K/N")`);
  let shard: ShardFile;
  try {
    shard = JSON.parse(readShardFile(dir, SHARD_FILE).toString('utf8')) as ShardFile;
  } catch (error) {
    if (error instanceof MergeError) throw error;
    throw new MergeError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof shard !== 'object' || shard === null || shard.tool !== 'tei-edition') throw new MergeError(`${file}: not written by tei-edition`);
  if (shard.version !== version) throw new MergeError(`${file}: built by tei-edition ${shard.version}, this is ${version}: build the shards and merge them with the same version`);
  const { k, n } = shard.shard ?? {};
  if (!Number.isInteger(n) || !Number.isInteger(k) || n < 1 || k < 1 || k > n || n > 10_000) throw new MergeError(`${file}: "shard" must be K of N (1 ≤ K ≤ N), not ${JSON.stringify(shard.shard)}`);
  checkCommon(file, shard.common);
  if (!Array.isArray(shard.documents)) throw new MergeError(`${file}: "documents" must be a list`);
  for (const d of shard.documents) {
    const stem = (d as { stem?: unknown })?.stem;
    if (typeof stem !== 'string' || !pageNamePattern.test(stem)) throw new MergeError(`${file}: ${JSON.stringify(String(stem).slice(0, 80))} is not a page name (letters, digits, ".", "_", "-", not starting with "." or "-")`);
    const name = (d as { name?: unknown }).name;
    if (typeof name !== 'string' || path.basename(name) !== name || !name.endsWith('.xml') || pageStem(name) !== stem) {
      throw new MergeError(`${file}: ${JSON.stringify(String(name).slice(0, 80))} is not the TEI file name of ${stem}`);
    }
  }
  return shard;
}

export async function mergeShards(options: MergeOptions): Promise<BuildReport> {
  const started = performance.now();
  const shards = options.shards.map((dir) => ({ dir: path.resolve(dir), file: readShard(dir) }));
  if (!shards.length) throw new MergeError('merge needs at least one shard folder');
  const n = shards[0]!.file.shard.n;
  const common = JSON.stringify(shards[0]!.file.common);
  for (const s of shards) {
    if (s.file.shard.n !== n) throw new MergeError(`${s.dir}: shard ${s.file.shard.k}/${s.file.shard.n}, but ${shards[0]!.dir} is one of ${n}`);
    if (JSON.stringify(s.file.common) !== common) throw new MergeError(`${s.dir}: built with other edition settings (title, base URL or introduction) than ${shards[0]!.dir}`);
  }
  const ks = new Set(shards.map((s) => s.file.shard.k));
  if (ks.size !== shards.length) throw new MergeError('a shard is given twice');
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !ks.has(k));
  if (missing.length) throw new MergeError(`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${n} missing: the edition would be incomplete`);

  const c = new StageCounter('merge', options.emit);
  // Of each document only its name is taken from the record; the rest comes from its TEI.
  const docs = shards.flatMap((s) => s.file.documents.map((d) => ({ stem: d.stem, name: d.name, dir: s.dir })));
  docs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  c.start(docs.length);
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.stem)) throw new MergeError(`${d.stem} is in two shards`);
    seen.add(d.stem);
  }
  const settings = shards[0]!.file.common as Record<string, unknown>;
  const intro = settings['intro-stem'];
  if (typeof intro === 'string' && !seen.has(intro)) throw new MergeError(`${shards[0]!.dir}: the introduction "${intro}" is not a document of the shards`);
  const registerText = options.persons && existsSync(options.persons) ? readFileSync(options.persons, 'utf8') : null;
  const { sef } = compileHtmlStylesheet();
  const sefSha = sefKey(sef);
  const pool = new RenderPool(options.jobs);
  const cache = new BuildCache(options.cacheDir);
  let written: number;
  try {
    // Every page rendered from the shard's TEI, or found in the cache under that TEI's key.
    const rendered = await Promise.all(
      docs.map(async (d) => {
        const tei = readShardFile(d.dir, path.join('tei', `${d.stem}.xml`));
        const pkey = pageKey(sefSha, settings, d.stem, hashOf(tei));
        const record = cache.get<RenderRecord>('render', pkey);
        const page = record && cache.getBlob('page', pkey);
        if (record && page) return { d, tei, pkey, record, html: page };
        let r: PageResult;
        try {
          r = (await pool.run({ kind: 'page', text: tei.toString('utf8'), stem: d.stem, common: settings })) as PageResult;
        } catch (error) {
          throw new MergeError(`${path.join(d.dir, 'tei', `${d.stem}.xml`)}: cannot be rendered (${(error as Error).message.split('\n')[0]})`);
        }
        const made = renderRecord(r);
        cache.putBlob('page', pkey, r.html);
        cache.put('render', pkey, made);
        return { d, tei, pkey, record: made, html: Buffer.from(r.html, 'utf8') };
      }),
    );
    if (cache.rejected.length) options.emit({ event: 'notice', stage: 'merge', message: `${cache.rejected.length} cache ${cache.rejected.length === 1 ? 'entry was' : 'entries were'} changed since they were written: not used, made again` });
    // Previous/next and numbers over the whole edition, as a build of all the documents makes them.
    const { navs, order } = await editionNavs(rendered.map((r) => r.record), rendered.map((r) => r.d.stem), settings, pool);
    const planned: PlannedOutput[] = [];
    for (const { d, tei, pkey, record, html } of rendered) {
      const nav = navs.get(d.stem);
      planned.push({ rel: `${d.stem}.html`, key: hashOf(pkey, navKey(nav)), meta: hashOf(record.digest), produce: () => fillDocNav(html.toString('utf8'), nav) });
      planned.push({ rel: `tei/${d.stem}.xml`, key: hashOf('copy', hashOf(tei)), produce: () => tei });
    }
    const indexed: IndexedDocument[] = rendered.map(({ d, pkey, record }) => ({ stem: d.stem, pkey, digestSha: hashOf(record.digest), record: () => record }));
    const manifest = cache.manifest(options.target);
    planned.push(...(await editionOutputs(indexed, settings, registerText, sefSha, pool, { manifest, order, cache })));
    written = await writeOutputs(options.target, planned, manifest);
    c.pages = planned.filter((p) => p.rel.endsWith('.html')).length;
  } finally {
    await pool.close();
  }
  c.ok = docs.length;
  c.worked = docs.length;
  c.written = Math.max(0, written);
  const report = c.end();
  const result: BuildReport = { ok: true, failed: 0, stages: [report], seconds: +((performance.now() - started) / 1000).toFixed(3), updated: written >= 0 ? [options.target] : [] };
  options.emit({ event: 'done', report: result });
  return result;
}
