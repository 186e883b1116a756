/**
 * `tei-edition merge <shard folders…>`: the pages the shards built, put together with the
 * pages of the whole edition (index, persons, search) made from the documents' digests the
 * shards recorded: the same files, byte for byte, as one build of all the documents.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileHtmlStylesheet } from '../publish/compile.js';
import { version } from '../version.js';
import { BuildCache, hashOf } from './cache.js';
import type { BuildReport, Emit } from './events.js';
import { editionOutputs, sefKey, SHARD_FILE, writeOutputs, type IndexedDocument, type PlannedOutput, type ShardFile } from './html-stage.js';
import { StageCounter } from './pipeline.js';
import { RenderPool } from './pool.js';

export class MergeError extends Error {}

export interface MergeOptions {
  shards: string[];
  target: string;
  persons?: string;
  cacheDir: string;
  jobs: number;
  emit: Emit;
}

function readShard(dir: string): ShardFile {
  const file = path.join(dir, SHARD_FILE);
  if (!existsSync(file)) throw new MergeError(`${dir}: not a shard of a build (no ${SHARD_FILE}; build it with "tei-edition build --shard K/N")`);
  const shard = JSON.parse(readFileSync(file, 'utf8')) as ShardFile;
  if (shard.tool !== 'tei-edition') throw new MergeError(`${file}: not written by tei-edition`);
  if (shard.version !== version) throw new MergeError(`${file}: built by tei-edition ${shard.version}, this is ${version}: build the shards and merge them with the same version`);
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
  const docs = shards.flatMap((s) => s.file.documents.map((d) => ({ ...d, dir: s.dir })));
  docs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  c.start(docs.length);
  const seen = new Set<string>();
  for (const d of docs) {
    if (seen.has(d.stem)) throw new MergeError(`${d.stem} is in two shards`);
    seen.add(d.stem);
  }
  const registerText = options.persons && existsSync(options.persons) ? readFileSync(options.persons, 'utf8') : null;
  const { sef } = compileHtmlStylesheet();
  const pool = new RenderPool(options.jobs);
  const cache = new BuildCache(options.cacheDir);
  let written: number;
  try {
    const planned: PlannedOutput[] = [];
    for (const d of docs) {
      const tei = readFileSync(path.join(d.dir, 'tei', `${d.stem}.xml`));
      planned.push({ rel: `${d.stem}.html`, key: d.pkey, meta: hashOf(d.digest), produce: () => readFileSync(path.join(d.dir, `${d.stem}.html`)) });
      planned.push({ rel: `tei/${d.stem}.xml`, key: hashOf('copy', hashOf(tei)), produce: () => tei });
    }
    const indexed: IndexedDocument[] = docs.map((d) => ({ stem: d.stem, pkey: d.pkey, digestSha: hashOf(d.digest), record: () => d }));
    planned.push(...editionOutputs(indexed, shards[0]!.file.common, registerText, sefKey(sef), pool));
    written = await writeOutputs(options.target, planned, cache.manifest(options.target));
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
