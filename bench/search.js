#!/usr/bin/env node
// Search at scale: the sharded index (src/publish/search-index.ts) of 10,000 documents, its
// build time and size, and in headless Chromium (Debian's chromium, opened from file://) the
// bytes loaded and the time to the first result for three queries; against the peer measured
// in the same run: the single-file index the edition wrote before (one script with the full
// text, search-index.js), its size and the time to load it and answer the same queries by
// its phrase scan.
//
//   npm run build && node bench/search.js [--count 10000] [--json]
//
// The documents are made from the search records of the sample edition, the FRUS and the
// DraCor reference TEI by bench/search-documents.js (as the 10,000-document search test does).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { syntheticSearchDocuments } from './search-documents.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const count = Number(option('--count', '10000'));
const dist = path.join(repo, 'dist/publish/html.js');
if (!existsSync(dist)) {
  console.error('bench/search.js: run `npm run build` first (dist/publish/html.js is missing)');
  process.exit(2);
}
const { buildHtmlEdition, parseTei, searchEntries, searchMeta, searchTitle } = await import(dist);
const { searchIndexFiles } = await import(path.join(repo, 'dist/publish/search-index.js'));
const { chromium } = await import('playwright-core');

const sources = [path.join(repo, 'source/tei'), path.join(repo, 'tests/corpus/frus-sample'), path.join(repo, 'tests/corpus/dracor-de-sample')]
  .filter((d) => existsSync(d))
  .flatMap((d) => readdirSync(d).filter((f) => (d.endsWith('tei') ? f.endsWith('.xml') : f.endsWith('.ref.xml'))).map((f) => path.join(d, f)));
const base = sources.map((f) => {
  const doc = parseTei(readFileSync(f, 'utf8'));
  const stem = path.basename(f).replace(/(\.ref)?\.xml$/, '');
  return { stem, title: searchTitle(doc, stem), entries: searchEntries(doc, stem), meta: searchMeta(doc) };
});
const docs = syntheticSearchDocuments(base, count);
const textBytes = docs.reduce((s, d) => s + d.entries.reduce((a, e) => a + Buffer.byteLength(e[1]), 0), 0);

const work = path.join(repo, 'bench/out/search');
rmSync(work, { recursive: true, force: true });
const sample = path.join(work, 'sample');
buildHtmlEdition({ source: path.join(repo, 'source/tei'), out: sample });
const sharded = path.join(work, 'sharded');
const single = path.join(work, 'single');
for (const dir of [sharded, single]) {
  mkdirSync(dir, { recursive: true });
  for (const f of ['search.html', 'search.js', 'edition.js', 'edition.css']) cpSync(path.join(sample, f), path.join(dir, f));
}

// ---------------------------------------------------------------- the sharded index
let t0 = performance.now();
const files = searchIndexFiles(docs);
const buildMs = performance.now() - t0;
let indexBytes = 0, shardCount = 0, largestShard = 0, metaBytes = 0, postingBytes = 0;
for (const [rel, text] of files) {
  const n = Buffer.byteLength(text);
  indexBytes += n;
  if (rel.startsWith('search/index-')) {
    shardCount++;
    postingBytes += n;
    largestShard = Math.max(largestShard, n);
  }
  if (rel === 'search/meta.js') metaBytes = n;
  mkdirSync(path.dirname(path.join(sharded, rel)), { recursive: true });
  writeFileSync(path.join(sharded, rel), text);
}

// ---------------------------------------------------------------- the peer: one script with the full text
t0 = performance.now();
const old = { docs: [], entries: [] };
docs.forEach((d, i) => {
  old.docs.push([d.stem, d.title]);
  for (const [id, text] of d.entries) old.entries.push([i, id, text]);
});
const oldScript = `window.teiEditionSearch = ${JSON.stringify(old).replace(/</g, '\\u003c')};\n`;
const oldBuildMs = performance.now() - t0;
writeFileSync(path.join(single, 'search-index.js'), oldScript);
// The previous search page's answer: fold every entry, find the phrase, list up to 200.
writeFileSync(
  path.join(single, 'old.html'),
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>old</title></head><body><ol id="r"></ol><script>
  window.runOld = function (q) {
    var t0 = performance.now();
    return new Promise(function (resolve) {
      var s = document.createElement('script');
      s.src = 'search-index.js';
      s.onload = function () {
        var loaded = performance.now() - t0;
        var fold = function (t) { return t.toLowerCase().replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\\s+/g, ' ').trim(); };
        var data = window.teiEditionSearch, needle = fold(q), found = 0, list = document.getElementById('r');
        for (var n = 0; n < data.entries.length && found < 20; n++) {
          if (fold(data.entries[n][2]).indexOf(needle) < 0) continue;
          found++;
          var li = document.createElement('li'); li.textContent = data.docs[data.entries[n][0]][1]; list.appendChild(li);
        }
        resolve({ loaded: loaded, first: performance.now() - t0, found: found });
      };
      document.head.appendChild(s);
    });
  };
  </script></body></html>`,
);

// ---------------------------------------------------------------- chromium
const queries = ['Honecker', 'Honecker Kim', '"Kim Il Sung"'];
const context = await chromium.launchPersistentContext(path.join(tmpdir(), `tei-edition-bench-search-${process.pid}`), {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  headless: true,
});
const watch = (page) => {
  const seen = new Set();
  page.on('request', (r) => r.url().startsWith('file:') && seen.add(fileURLToPath(r.url().split('?')[0])));
  return () => [...seen].reduce((s, f) => s + statSync(f).size, 0);
};
const results = [];
for (const q of queries) {
  let page = await context.newPage();
  let bytes = watch(page);
  await page.goto(pathToFileURL(path.join(sharded, 'search.html')).href);
  await page.waitForFunction(() => document.querySelector('.search-filters')?.hidden === false);
  const t = await page.evaluate(async (query) => {
    document.getElementById('q').value = query;
    await window.teiSearchRun(query);
    return { ...window.teiSearchTiming, found: document.querySelectorAll('#search-results li').length, status: document.getElementById('search-status').textContent };
  }, q);
  const mine = { ...t, bytes: bytes() };
  await page.close();
  page = await context.newPage();
  bytes = watch(page);
  await page.goto(pathToFileURL(path.join(single, 'old.html')).href);
  // The old search took the query as one phrase, quotes and all; here without the quotes.
  const o = await page.evaluate((query) => window.runOld(query), q.replace(/"/g, ''));
  const peer = { ...o, bytes: bytes() };
  await page.close();
  results.push({ q, mine, peer });
}
await context.close();
rmSync(path.join(tmpdir(), `tei-edition-bench-search-${process.pid}`), { recursive: true, force: true });

const mb = (n) => `${(n / 1048576).toFixed(2)} MB`;
const out = { documents: count, textBytes, buildMs, indexBytes, files: files.size, shards: shardCount, largestShard, metaBytes, postingBytes, peer: { bytes: Buffer.byteLength(oldScript), buildMs: oldBuildMs }, queries: results };
if (args.includes('--json')) console.log(JSON.stringify(out, null, 2));
else {
  console.log(`search: ${count} documents (${mb(textBytes)} of text)`);
  console.log(`  index build ${(buildMs / 1000).toFixed(1)} s, ${mb(indexBytes)} in ${files.size} files (${shardCount} shards, largest ${mb(largestShard)}; documents table ${mb(metaBytes)})`);
  console.log(`  peer, one script with the full text: ${mb(Buffer.byteLength(oldScript))} (made in ${(oldBuildMs / 1000).toFixed(1)} s)`);
  console.log('  query                     | sharded: first result, page of 20, loaded | single file: loaded in, first result, loaded | ratio (time, bytes)');
  for (const r of results) {
    console.log(`  ${r.q.padEnd(25)} | ${r.mine.first.toFixed(0)} ms, ${r.mine.page.toFixed(0)} ms, ${mb(r.mine.bytes)} (${r.mine.status}) | ${r.peer.loaded.toFixed(0)} ms, ${r.peer.first.toFixed(0)} ms, ${mb(r.peer.bytes)} (${r.peer.found} passages) | ${(r.peer.first / r.mine.first).toFixed(1)}×, ${(r.peer.bytes / r.mine.bytes).toFixed(0)}×`);
  }
}
