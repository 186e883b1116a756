#!/usr/bin/env node
// `tei-edition build` on an edition of N transcripts (default 1,000, made from the FRUS
// corpus and the sample transcripts as bench/import.js makes them), web edition only:
// cold build (time and peak memory per stage), rebuild with nothing changed, one document's
// text edited, one document's title edited, one name in it unlinked, one participant in its
// header renamed (the indexes too), and the web edition stage with
// one worker against two. Each build is the CLI in its own process, timed from spawn to exit.
//
//   npm run build && node bench/build.js [--docs 1000] [--no-workers] [--json]
//
// --no-workers leaves out the one-worker/two-worker comparison (two more cold web builds),
// as the 10,000-document run in docs/benchmarks.md does.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { variedTranscripts } from './documents.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const frusSample = path.join(root, 'tests', 'corpus', 'frus-sample');
const args = process.argv.slice(2);
const n = Number(args[args.indexOf('--docs') + 1]) || 1000;
const bin = path.join(root, 'dist/cli/bin.js');
if (!existsSync(bin)) {
  console.error('bench/build.js: run `npm run build` first');
  process.exit(2);
}

const sources = [
  ...readdirSync(frusSample).filter((f) => f.endsWith('.txt')).map((f) => path.join(frusSample, f)),
  ...readdirSync(path.join(root, 'source', 'transcripts')).map((f) => path.join(root, 'source', 'transcripts', f)),
].map((f) => ({ name: path.basename(f), text: readFileSync(f, 'utf8') }));

const dir = path.join(root, 'bench', 'out', 'build');
rmSync(dir, { recursive: true, force: true });
mkdirSync(path.join(dir, 'source', 'transcripts'), { recursive: true });
const texts = variedTranscripts(sources, n);
for (let i = 0; i < n; i++) {
  const text = texts[i];
  writeFileSync(path.join(dir, 'source', 'transcripts', `doc-${String(i).padStart(4, '0')}.txt`), text);
}
writeFileSync(path.join(dir, 'tei-edition.config.json'), JSON.stringify({ title: 'Benchmark edition', outputs: ['html'] }));

function build(...extra) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, 'build', '--json', ...extra], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  const lines = r.stdout.trim().split('\n').filter(Boolean);
  const done = lines.length ? JSON.parse(lines.at(-1)) : null;
  if (!done || done.event !== 'done') {
    console.error(r.stderr.slice(0, 2000));
    process.exit(1);
  }
  return { seconds: +seconds.toFixed(2), report: done.report };
}

const stageLine = (s) => `${s.stage} ${s.seconds.toFixed(2)} s (${s.worked}/${s.documents} worked on, peak ${s.peakMemoryMiB} MiB${s.errors ? `, ${s.errors} failed` : ''})`;
const tei = path.join(dir, 'source', 'tei');

const cold = build('--jobs', '2');
const noop = build('--jobs', '2');

// One document's text: its page, TEI copy and the search index.
const target = readdirSync(tei).filter((f) => f.endsWith('.xml') && f !== 'persons.xml').sort()[Math.floor(n / 2)];
const file = path.join(tei, target);
const xml = readFileSync(file, 'utf8');
const body = xml.indexOf('<body');
writeFileSync(file, xml.slice(0, body) + xml.slice(body).replace(/(<p\b[^>]*>)/, '$1Corrected. '));
const editText = build('--jobs', '2');
// Its title: the index of documents and of persons too.
writeFileSync(file, readFileSync(file, 'utf8').replace(/(<title type="main">)/, '$1Retitled: '));
const editTitle = build('--jobs', '2');
// Its persons: the first linked name of its body loses its link (a wrong identification
// taken back), so the index of persons and the index of documents change.
const retitled = readFileSync(file, 'utf8');
const text = retitled.indexOf('<body');
const unlinked = retitled.slice(0, text) + retitled.slice(text).replace(/<persName ref="[^"]*">/, '<persName>');
if (unlinked === retitled) {
  console.error(`bench/build.js: ${target} links no name in its text`);
  process.exit(1);
}
writeFileSync(file, unlinked);
const editPersons = build('--jobs', '2');
// A participant renamed in its header: the list of persons may change, so the indexes of
// documents and of persons are made again from what is kept of the other documents.
const before = readFileSync(file, 'utf8');
const renamed = before.replace(/(<particDesc>[\s\S]*?<persName\b[^>]*>)/, '$1Renamed ');
let editHeader = null;
if (renamed !== before) {
  writeFileSync(file, renamed);
  editHeader = build('--jobs', '2');
} else console.error(`bench/build.js: ${target} lists no participant; the header edit is left out`);

// The web edition stage alone, from a cold cache, with one worker and with two.
const compareWorkers = !args.includes('--no-workers');
const html1 = compareWorkers && build('--html', '--jobs', '1', '--out', path.join(dir, 'jobs1'), '--cache', path.join(dir, 'cache1'));
const html2 = compareWorkers && build('--html', '--jobs', '2', '--out', path.join(dir, 'jobs2'), '--cache', path.join(dir, 'cache2'));
const stage = (b, name) => b.report.stages.find((s) => s.stage === name);
const speedup = compareWorkers ? stage(html1, 'html').seconds / stage(html2, 'html').seconds : null;

const result = {
  stage: 'build',
  documents: n,
  cold: { seconds: cold.seconds, stages: cold.report.stages.map(({ stage, seconds, peakMemoryMiB, worked, errors }) => ({ stage, seconds, peakMemoryMiB, worked, errors })) },
  noopSeconds: noop.seconds,
  editTextSeconds: editText.seconds,
  editTitleSeconds: editTitle.seconds,
  editPersonsSeconds: editPersons.seconds,
  editHeaderSeconds: editHeader?.seconds ?? null,
  html1WorkerSeconds: compareWorkers ? stage(html1, 'html').seconds : null,
  html2WorkersSeconds: compareWorkers ? stage(html2, 'html').seconds : null,
  speedup: compareWorkers ? +speedup.toFixed(2) : null,
};
if (args.includes('--json')) console.log(JSON.stringify(result));
else {
  console.log(`build: ${n} transcripts → web edition (the CLI, timed from spawn to exit)`);
  console.log(`  cold build: ${cold.seconds} s: ${cold.report.stages.map(stageLine).join('; ')}`);
  console.log(`  no-op rebuild: ${noop.seconds} s (aim < 1 s): ${noop.report.stages.map((s) => `${s.stage} ${s.seconds.toFixed(2)} s`).join(', ')}`);
  console.log(`  one document's text edited: ${editText.seconds} s to updated HTML (aim < 2 s): ${editText.report.stages.map((s) => `${s.stage} ${s.seconds.toFixed(2)} s`).join(', ')}`);
  console.log(`  one document's title edited (indexes too): ${editTitle.seconds} s: ${editTitle.report.stages.map((s) => `${s.stage} ${s.seconds.toFixed(2)} s`).join(', ')}`);
  console.log(`  one document's persons edited (a name unlinked; indexes too): ${editPersons.seconds} s: ${editPersons.report.stages.map((s) => `${s.stage} ${s.seconds.toFixed(2)} s`).join(', ')}`);
  if (editHeader) console.log(`  one document's header edited (a participant renamed; indexes too, aim < 2 s): ${editHeader.seconds} s: ${editHeader.report.stages.map((s) => `${s.stage} ${s.seconds.toFixed(2)} s`).join(', ')}`);
  if (compareWorkers) console.log(`  web edition stage, cold: 1 worker ${result.html1WorkerSeconds} s, 2 workers ${result.html2WorkersSeconds} s: speed-up ×${result.speedup}`);
}
