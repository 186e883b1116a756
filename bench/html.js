#!/usr/bin/env node
// Web edition throughput: documents/s and peak memory for `build --html` (SaxonJS, precompiled
// SEF) over N documents (default 1,000), and the same stylesheet run by Saxon-HE for Java
// (Debian libsaxonhe-java) over the same files in the same run, as a ratio.
//
//   npm run build && node bench/html.js [--count 1000] [--no-java] [--json]
//
// The documents are the TEI in source/tei and the FRUS reference TEI in tests/corpus,
// copied under new names into bench/out/html/tei until there are N.
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
const dist = path.join(repo, 'dist/publish/html.js');
if (!existsSync(dist)) {
  console.error('bench/html.js: run `npm run build` first (dist/publish/html.js is missing)');
  process.exit(2);
}

// ---------------------------------------------------------------- the documents
const pool = [];
const sample = path.join(repo, 'source/tei');
if (existsSync(sample)) for (const f of readdirSync(sample).filter((f) => f.endsWith('.xml'))) pool.push(path.join(sample, f));
const frus = path.join(repo, 'tests', 'corpus', 'frus-sample');
if (existsSync(frus)) for (const f of readdirSync(frus).filter((f) => f.endsWith('.ref.xml'))) pool.push(path.join(frus, f));
if (pool.length === 0) {
  console.error('bench/html.js: no TEI found in source/tei or tests/corpus/frus-sample');
  process.exit(2);
}
const work = path.join(repo, 'bench/out/html');
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

// ---------------------------------------------------------------- SaxonJS (in a child, for its own peak memory)
const child = `
  const { buildHtmlEditionParallel } = await import(${JSON.stringify(dist)});
  const t0 = performance.now();
  const r = await buildHtmlEditionParallel({ source: ${JSON.stringify(teiDir)}, out: ${JSON.stringify(path.join(work, 'js'))}${existsSync(persons) ? `, persons: ${JSON.stringify(persons)}` : ''} });
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, documents: r.documents, pages: r.pages.length, maxRssKiB: process.resourceUsage().maxRSS }));
`;
const js = spawnSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8', maxBuffer: 1 << 24 });
if (js.status !== 0) {
  console.error(js.stderr);
  process.exit(1);
}
const saxonjs = JSON.parse(js.stdout);

// ---------------------------------------------------------------- Saxon-HE for Java, same stylesheet, same files
let java = null;
const jar = ['/usr/share/java/Saxon-HE.jar', '/usr/share/java/saxon9he.jar'].find((j) => existsSync(j));
if (!args.includes('--no-java') && jar && spawnSync('java', ['-version']).status === 0) {
  const out = path.join(work, 'java');
  mkdirSync(out, { recursive: true });
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'java', '-cp', jar, 'net.sf.saxon.Transform', `-s:${teiDir}`, `-o:${out}`, `-xsl:${path.join(repo, 'transform/html/html.xsl')}`], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status === 0) java = { ms, documents: readdirSync(out).length, maxRssKiB: Number(r.stderr.trim().split('\n').pop()) };
  else console.error(`bench/html.js: Saxon-HE failed: ${r.stderr.slice(0, 500)}`);
}

const result = {
  stage: 'html',
  documents: count,
  megabytes: +(bytes / 1e6).toFixed(1),
  saxonjs: { seconds: +(saxonjs.ms / 1000).toFixed(2), documentsPerSecond: +((count * 1000) / saxonjs.ms).toFixed(1), peakMemoryMiB: Math.round(saxonjs.maxRssKiB / 1024), pages: saxonjs.pages },
  saxonJava: java && { seconds: +(java.ms / 1000).toFixed(2), documentsPerSecond: +((java.documents * 1000) / java.ms).toFixed(1), peakMemoryMiB: Math.round(java.maxRssKiB / 1024) },
};
if (java) result.ratio = +(result.saxonjs.documentsPerSecond / result.saxonJava.documentsPerSecond).toFixed(2);
if (args.includes('--json')) console.log(JSON.stringify(result));
else {
  console.log(`html: ${count} documents (${result.megabytes} MB) → ${saxonjs.pages} pages`);
  console.log(`  SaxonJS (SEF, in-process): ${result.saxonjs.seconds} s, ${result.saxonjs.documentsPerSecond} documents/s, peak ${result.saxonjs.peakMemoryMiB} MiB`);
  if (java) console.log(`  Saxon-HE ${path.basename(jar)} (Java, one JVM): ${result.saxonJava.seconds} s, ${result.saxonJava.documentsPerSecond} documents/s, peak ${result.saxonJava.peakMemoryMiB} MiB; SaxonJS/Java ratio ${result.ratio}`);
  else console.log('  Saxon-HE for Java: not run (install libsaxonhe-java and a JRE)');
}
