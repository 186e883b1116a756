// Print edition throughput: the volume (edition.pdf) of 1,000 documents imported from the
// FRUS sample (tests/corpus) and the seeds, laid out by Paged.js in Debian's chromium.
// Reports seconds per 100 pages, the CPU time Node and Chromium spent per 100 pages (what the
// wall time would be on free cores: the machine is shared), and the peak memory of Node and of
// Chromium (all its processes, summed at each sample).
// Usage: node bench/pdf.js [--docs N] [--documents]   (--documents: also one PDF per document)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFiles } from '../dist/index.js';
import { buildPdfEdition } from '../dist/publish/pdf.js';
import { variedTranscripts } from './documents.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const frusSample = path.join(root, 'tests', 'corpus', 'frus-sample');
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const n = Number(arg('--docs')) || 1000;

const sources = [
  ...readdirSync(frusSample).filter((f) => f.endsWith('.txt')).map((f) => path.join(frusSample, f)),
  ...readdirSync(path.join(root, 'source', 'transcripts')).map((f) => path.join(root, 'source', 'transcripts', f)),
].map((f) => ({ name: path.basename(f), text: readFileSync(f, 'utf8') }));

const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-bench-pdf-'));
const inputs = [];
const texts = variedTranscripts(sources, n);
for (let i = 0; i < n; i++) {
  const text = texts[i];
  const file = path.join(dir, `doc-${String(i).padStart(4, '0')}.txt`);
  writeFileSync(file, text);
  inputs.push(file);
}
const imported = await importFiles(inputs, { outDir: path.join(dir, 'tei'), personsPath: path.join(dir, 'persons.xml'), importDate: '2026-01-01', validate: false });
const failed = imported.filter((r) => r.status === 'failed').length;

/** Chromium's processes (every process below this one): resident memory summed, in bytes;
    CPU time of each, in seconds (the largest seen per process is what it used). */
const chromiumCpu = new Map();
function childrenRss() {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss=,cputimes='], { encoding: 'utf8' }).trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const below = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of rows) if (below.has(ppid) && !below.has(pid)) (below.add(pid), (grew = true));
  }
  const mine = rows.filter(([pid]) => pid !== process.pid && below.has(pid));
  for (const [pid, , , cpu] of mine) chromiumCpu.set(pid, Math.max(chromiumCpu.get(pid) ?? 0, cpu));
  return mine.reduce((s, [, , rss]) => s + rss * 1024, 0);
}

let peakNode = process.memoryUsage().rss;
let peakChromium = 0;
const timer = setInterval(() => {
  peakNode = Math.max(peakNode, process.memoryUsage().rss);
  try {
    peakChromium = Math.max(peakChromium, childrenRss());
  } catch {
    /* ps not there: Chromium's memory is not reported */
  }
}, 1000);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const result = await buildPdfEdition({ source: path.join(dir, 'tei'), out: path.join(dir, 'print'), persons: path.join(dir, 'persons.xml'), documents: process.argv.includes('--documents') });
const seconds = (performance.now() - t0) / 1000;
const nodeCpu = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpu0));
clearInterval(timer);
const cpu = nodeCpu + [...chromiumCpu.values()].reduce((a, b) => a + b, 0);
peakNode = Math.max(peakNode, process.resourceUsage().maxRSS * 1024);
const mib = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;
console.log(
  `pdf: volume of ${n} documents (${failed} failed to import), ${result.pages} pages in ${seconds.toFixed(1)} s: ` +
    `${((seconds / result.pages) * 100).toFixed(2)} s per 100 pages (CPU time, Node and Chromium: ${((cpu / result.pages) * 100).toFixed(2)} s per 100 pages, ` +
    `at least ${((cpu / result.pages) * 100 / Math.min(2, availableParallelism())).toFixed(2)} s per 100 pages on ${Math.min(2, availableParallelism())} free cores); peak RSS Node ${mib(peakNode)}, Chromium ${peakChromium ? mib(peakChromium) : 'not measured'}` +
    (result.documents.length ? `; ${result.documents.length} document PDFs` : '') +
    (result.warnings.length ? `; ${result.warnings.length} warnings (first: ${result.warnings[0]})` : ''),
);
rmSync(dir, { recursive: true, force: true });
