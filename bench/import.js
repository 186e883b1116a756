// Import throughput over 1,000 transcripts built from the FRUS sample (tests/corpus) and the seeds.
// Usage: node bench/import.js [--docs N]
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFiles } from '../dist/index.js';
import { variedTranscripts } from './documents.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const frusSample = path.join(root, 'tests', 'corpus', 'frus-sample');
const n = Number(process.argv[process.argv.indexOf('--docs') + 1]) || 1000;

const sources = [
  ...readdirSync(frusSample).filter((f) => f.endsWith('.txt')).map((f) => path.join(frusSample, f)),
  ...readdirSync(path.join(root, 'source', 'transcripts')).map((f) => path.join(root, 'source', 'transcripts', f)),
].map((f) => ({ name: path.basename(f), text: readFileSync(f, 'utf8') }));

const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-bench-'));
const inputs = [];
const texts = variedTranscripts(sources, n);
for (let i = 0; i < n; i++) {
  const text = texts[i];
  const file = path.join(dir, `doc-${String(i).padStart(4, '0')}.txt`);
  writeFileSync(file, text);
  inputs.push(file);
}
const bytes = inputs.reduce((s, f) => s + statSync(f).size, 0);
let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const t0 = performance.now();
const validate = !process.argv.includes('--no-validate');
const results = await importFiles(inputs, { outDir: path.join(dir, 'tei'), personsPath: path.join(dir, 'persons.xml'), importDate: '2026-01-01', validate });
const seconds = (performance.now() - t0) / 1000;
clearInterval(timer);
peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
const failed = results.filter((r) => r.status === 'failed').length;
console.log(`import${validate ? " (with validation)" : " (without validation)"}: ${n} transcripts, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s: ${(n / seconds).toFixed(0)} documents/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB, ${failed} failed`);
rmSync(dir, { recursive: true, force: true });
