#!/usr/bin/env node
// The web edition on TEI of other projects: `build --html` documents/s and MB/s over a folder
// of foreign TEI (tests/corpus/foreign-sample: two DraCor plays, three I.Sicily inscriptions,
// two PTA critical texts, three Schnitzler letters, two TEI Consortium test files), and in the
// same run over as many documents of the edition's own TEI (source/tei and the FRUS reference
// TEI), as a ratio. Both through the same path (buildHtmlEditionParallel, worker threads).
//
//   npm run build && node bench/foreign.js [--count 240] [--json]
//
// Each copy gets its own file name and document id (the build refuses two documents of one
// id); the foreign copies stay in one folder with the I.Sicily authority lists (alists/)
// beside them, which the inscriptions XInclude. The two TEI Consortium files with a DOCTYPE
// are left out: the web edition refuses a DOCTYPE (jing cannot read their external DTD either).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const count = Number(option('--count', '240'));
const dist = path.join(repo, 'dist/publish/html.js');
if (!existsSync(dist)) {
  console.error('bench/foreign.js: run `npm run build` first (dist/publish/html.js is missing)');
  process.exit(2);
}
if (!Number.isInteger(count) || count < 1) {
  console.error('bench/foreign.js: --count takes a whole number');
  process.exit(2);
}

const xmlFiles = (dir) => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.xml')).map((f) => path.join(dir, f));
const foreignRoot = path.join(repo, 'tests/corpus/foreign-sample');
const foreignPool = xmlFiles(foreignRoot).filter((f) => !f.split(path.sep).includes('alists') && !/<!DOCTYPE/.test(readFileSync(f, 'utf8').slice(0, 4096)));
const ownPool = [
  ...xmlFiles(path.join(repo, 'source/tei')),
  ...xmlFiles(path.join(repo, 'tests/corpus/frus-sample')).filter((f) => f.endsWith('.ref.xml')),
];
if (foreignPool.length === 0 || ownPool.length === 0) {
  console.error('bench/foreign.js: no TEI in tests/corpus/foreign-sample or source/tei');
  process.exit(2);
}

const work = path.join(repo, 'bench/out/foreign');
rmSync(work, { recursive: true, force: true });

/** N copies of the pool in one folder, each with its own name and document id; total bytes. */
function folder(name, pool) {
  const dir = path.join(work, name, 'tei');
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const from = pool[i % pool.length];
    const stem = path.basename(from).replace(/\.ref\.xml$|\.xml$/, '');
    const tag = `c${String(i).padStart(4, '0')}`;
    const xml = readFileSync(from, 'utf8').replace(/(<TEI\b[^>]*\sxml:id=")([^"]*)"/, `$1${tag}-$2"`);
    writeFileSync(path.join(dir, `${tag}-${stem}.xml`), xml);
    bytes += Buffer.byteLength(xml);
  }
  return { dir, bytes };
}

const foreign = folder('foreign', foreignPool);
// The inscriptions XInclude ../alists/…: the same relative place beside the copies.
cpSync(path.join(foreignRoot, 'isicily/alists'), path.join(work, 'foreign', 'alists'), { recursive: true });
const own = folder('own', ownPool);

function run(src, out) {
  const child = `
    const { buildHtmlEditionParallel } = await import(${JSON.stringify(dist)});
    const t0 = performance.now();
    const r = await buildHtmlEditionParallel({ source: ${JSON.stringify(src)}, out: ${JSON.stringify(out)} });
    const ms = performance.now() - t0;
    process.stdout.write(JSON.stringify({ ms, documents: r.documents, pages: r.pages.length, maxRssKiB: process.resourceUsage().maxRSS }));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  return JSON.parse(r.stdout);
}

const figures = (r, bytes) => ({
  documents: r.documents,
  pages: r.pages,
  megabytes: +(bytes / 1e6).toFixed(1),
  seconds: +(r.ms / 1000).toFixed(2),
  documentsPerSecond: +((r.documents * 1000) / r.ms).toFixed(1),
  megabytesPerSecond: +(bytes / 1e3 / r.ms).toFixed(2),
  peakMemoryMiB: Math.round(r.maxRssKiB / 1024),
});
const ownResult = figures(run(own.dir, path.join(work, 'own', 'html')), own.bytes);
const foreignResult = figures(run(foreign.dir, path.join(work, 'foreign', 'html')), foreign.bytes);
const result = {
  stage: 'html-foreign',
  foreign: foreignResult,
  own: ownResult,
  ratio: +(foreignResult.documentsPerSecond / ownResult.documentsPerSecond).toFixed(2),
};
if (args.includes('--json')) console.log(JSON.stringify(result));
else {
  const line = (name, f) => `  ${name}: ${f.documents} documents (${f.megabytes} MB), ${f.seconds} s, ${f.documentsPerSecond} documents/s, ${f.megabytesPerSecond} MB/s, peak ${f.peakMemoryMiB} MiB`;
  console.log('html on foreign TEI: build --html, the same path for both folders');
  console.log(line('foreign TEI (plays, inscriptions, critical texts, letters)', foreignResult));
  console.log(line('the edition’s own TEI (sample edition, FRUS)', ownResult));
  console.log(`  foreign/own documents/s ratio ${result.ratio}`);
}
