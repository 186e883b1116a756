#!/usr/bin/env node
// EPUB edition: seconds per 100 documents and peak memory for the e-book of N documents
// (default 1,000; buildEpubEdition, as `build --epub` runs it: TEI parsed, XSLT under SaxonJS,
// zipped with yazl), and in the same run its peer: pandoc making an EPUB 3 from the web
// edition's HTML pages of the same documents (pandoc has no TEI reader; the pages are built
// first, untimed), one book of all of them, with the same fonts embedded.
//
//   npm run build && node bench/epub.js [--count 1000] [--pandoc-count 250] [--no-pandoc] [--json]
//
// pandoc's memory grows with the book (1.3 GB for 100 documents here), so it makes the book of
// the first --pandoc-count documents (default 250, at most --count); both are given per 100.
//
// The documents are those of bench/html.js: the TEI in source/tei and the FRUS reference TEI in
// tests/corpus, copied under new names into bench/out/epub/tei until there are N.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const count = Number(option('--count', '1000'));
const pandocCount = Math.min(count, Number(option('--pandoc-count', '250')));
const dist = path.join(repo, 'dist/publish/epub.js');
const htmlDist = path.join(repo, 'dist/publish/html.js');
if (!existsSync(dist)) {
  console.error('bench/epub.js: run `npm run build` first (dist/publish/epub.js is missing)');
  process.exit(2);
}

// ---------------------------------------------------------------- the documents
const pool = [];
const sample = path.join(repo, 'source/tei');
if (existsSync(sample)) for (const f of readdirSync(sample).filter((f) => f.endsWith('.xml'))) pool.push(path.join(sample, f));
const frus = path.join(repo, 'tests', 'corpus', 'frus-sample');
if (existsSync(frus)) for (const f of readdirSync(frus).filter((f) => f.endsWith('.ref.xml'))) pool.push(path.join(frus, f));
const work = path.join(repo, 'bench/out/epub');
const teiDir = path.join(work, 'tei');
rmSync(work, { recursive: true, force: true });
mkdirSync(teiDir, { recursive: true });
let bytes = 0;
for (let i = 0; i < count; i++) {
  const src = pool[i % pool.length];
  const dest = path.join(teiDir, `d${String(i).padStart(4, '0')}-${path.basename(src).replace(/\.ref\.xml$|\.xml$/, '')}.xml`);
  copyFileSync(src, dest);
  bytes += statSync(dest).size;
}
const persons = path.join(repo, 'source/persons.xml');
const config = JSON.stringify({ title: 'tei-edition: benchmark edition', editors: ['tei-edition contributors'], publisher: 'tei-edition' });

/** Run a script in a child (its own peak memory); its last stdout line is JSON. */
function child(code) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

// ---------------------------------------------------------------- tei-edition
const ours = child(`
  const { buildEpubEdition } = await import(${JSON.stringify(dist)});
  const t0 = performance.now();
  const r = await buildEpubEdition({ source: ${JSON.stringify(teiDir)}, out: ${JSON.stringify(path.join(work, 'ours'))}, persons: ${JSON.stringify(persons)}, ...${config} });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, documents: r.documents, warnings: r.warnings.length, maxRssKiB: process.resourceUsage().maxRSS }));
`);
const oursSize = statSync(path.join(work, 'ours', 'edition.epub')).size;

// ---------------------------------------------------------------- pandoc, from the web edition's pages
let pandoc = null;
if (!args.includes('--no-pandoc') && spawnSync('pandoc', ['--version']).status === 0) {
  const htmlOut = path.join(work, 'html');
  child(`
    const { buildHtmlEditionParallel } = await import(${JSON.stringify(htmlDist)});
    const r = await buildHtmlEditionParallel({ source: ${JSON.stringify(teiDir)}, out: ${JSON.stringify(htmlOut)}, persons: ${JSON.stringify(persons)} });
    process.stdout.write(JSON.stringify({ pages: r.pages.length }));
  `);
  const pages = readdirSync(htmlOut).filter((f) => /^d\d{4}-.*\.html$/.test(f)).sort().slice(0, pandocCount).map((f) => path.join(htmlOut, f));
  const fonts = ['CharisSIL-Regular.ttf', 'CharisSIL-Italic.ttf', 'CharisSIL-Bold.ttf', 'CharisSIL-BoldItalic.ttf'].map((f) => `/usr/share/fonts/truetype/charis/${f}`).filter((f) => existsSync(f));
  const out = path.join(work, 'pandoc.epub');
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', 'pandoc', '-f', 'html', '-t', 'epub3', '--metadata', 'title=tei-edition: benchmark edition', '--toc', ...fonts.map((f) => `--epub-embed-font=${f}`), '-o', out, ...pages], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status === 0) {
    const [rss, user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    pandoc = { ms, cpuMs: (user + sys) * 1000, documents: pages.length, maxRssKiB: rss, size: statSync(out).size };
  } else console.error(`bench/epub.js: pandoc failed: ${r.stderr.slice(0, 500)}`);
}

const per100 = (ms, n) => +((ms / 1000) * (100 / n)).toFixed(2);
const result = {
  stage: 'epub',
  documents: count,
  megabytes: +(bytes / 1e6).toFixed(1),
  teiEdition: { seconds: +(ours.ms / 1000).toFixed(2), secondsPer100: per100(ours.ms, ours.documents), cpuSecondsPer100: per100(ours.cpuMs, ours.documents), peakMemoryMiB: Math.round(ours.maxRssKiB / 1024), documents: ours.documents, epubMiB: +(oursSize / 2 ** 20).toFixed(1) },
  pandoc: pandoc && { seconds: +(pandoc.ms / 1000).toFixed(2), secondsPer100: per100(pandoc.ms, pandoc.documents), cpuSecondsPer100: per100(pandoc.cpuMs, pandoc.documents), peakMemoryMiB: Math.round(pandoc.maxRssKiB / 1024), documents: pandoc.documents, epubMiB: +(pandoc.size / 2 ** 20).toFixed(1) },
};
if (args.includes('--json')) console.log(JSON.stringify(result));
else {
  const t = result.teiEdition;
  console.log(`epub: ${count} documents (${result.megabytes} MB of TEI) → one EPUB`);
  console.log(`  tei-edition (TEI → XSLT → yazl): ${t.seconds} s, ${t.secondsPer100} s per 100 documents (CPU ${t.cpuSecondsPer100} s), peak ${t.peakMemoryMiB} MiB, ${t.epubMiB} MiB`);
  if (pandoc) {
    const p = result.pandoc;
    console.log(`  pandoc ${spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0].split(' ')[1]} (-f html -t epub3, the web edition's pages): ${p.seconds} s, ${p.secondsPer100} s per 100 documents (CPU ${p.cpuSecondsPer100} s), peak ${p.peakMemoryMiB} MiB, ${p.epubMiB} MiB`);
  } else console.log('  pandoc: not run (install pandoc)');
}
