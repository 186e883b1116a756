#!/usr/bin/env node
// Validation throughput: documents/s and MB/s on N documents (default 1,000) with the project
// schema (grammar alone, and grammar + Schematron) and with TEI P5 tei_all, in-process
// (the project's RELAX NG validator, SaxonJS), against jing (Java) on the same files in the
// same run; and tei_all on the foreign TEI of tests/corpus/foreign-sample (copied to N files).
//
//   npm run build && node bench/validate.js [--count 1000] [--no-tei-all] [--no-schematron] [--no-jing] [--json]
//
// The documents are the TEI in source/tei (written by the importer) or, when there is none,
// the valid test fixtures, copied with new ids into bench/out/validate/tei until there are N;
// the persons register goes next to them so that references resolve.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const count = Number(option('--count', '1000'));
const teiAll = path.join(repo, 'schema', 'tei_all.rng');
const editionRng = path.join(repo, 'schema/tei-edition.rng');

const dist = path.join(repo, 'dist/validate/index.js');
if (!existsSync(dist)) {
  console.error('bench/validate.js: run `npm run build` first (dist/validate/index.js is missing)');
  process.exit(2);
}
const { validateFiles } = await import(dist);

// ---------------------------------------------------------------- the documents
function sources() {
  const imported = path.join(repo, 'source/tei');
  if (existsSync(imported)) {
    const files = readdirSync(imported).filter((f) => f.endsWith('.xml')).map((f) => path.join(imported, f));
    if (files.length > 0) return { files, register: path.join(repo, 'source/persons.xml'), from: 'source/tei' };
  }
  const valid = path.join(repo, 'tests/fixtures/validate/valid');
  return {
    files: readdirSync(valid).filter((f) => f.endsWith('.xml')).map((f) => path.join(valid, f)),
    register: path.join(repo, 'tests/fixtures/validate/persons.xml'),
    from: 'tests/fixtures/validate/valid',
  };
}

function makeDocuments() {
  const { files, register, from } = sources();
  const out = path.join(repo, 'bench/out/validate');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(out, 'tei'), { recursive: true });
  if (existsSync(register)) copyFileSync(register, path.join(out, 'persons.xml'));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const paths = [];
  for (let i = 0; i < count; i++) {
    const k = i % texts.length;
    const text = texts[k];
    const id = /<TEI\b[^>]*\sxml:id="([^"]+)"/.exec(text)?.[1] ?? 'doc';
    // A new document id; every id derived from it follows (ids stay unique and patterned).
    const newId = `${id}-copy${Math.floor(i / texts.length)}`;
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const varied = text.replace(new RegExp(`(["#])${escaped}(?=["-])`, 'g'), `$1${newId}`);
    const file = path.join(out, 'tei', `${newId}.xml`);
    writeFileSync(file, varied);
    paths.push(file);
  }
  const bytes = paths.reduce((n, p) => n + statSync(p).size, 0);
  return { paths, bytes, from, distinct: texts.length };
}

/** The foreign sample copied until there are about count/10 files (XIncluded lists beside them). */
function foreignDocuments() {
  const src = path.join(repo, 'tests/corpus/foreign-sample');
  if (!existsSync(src)) return { paths: [], bytes: 0 };
  const out = path.join(repo, 'bench/out/validate/foreign');
  rmSync(out, { recursive: true, force: true });
  const list = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.xml') && !p.includes('alists')) list.push(p);
    }
  };
  walk(src);
  const copies = Math.max(1, Math.round(count / 10 / list.length));
  const paths = [];
  for (let c = 0; c < copies; c++) {
    for (const f of list) {
      const rel = path.relative(src, f);
      // jing would fetch the external DTD: give both validators the file without it.
      const text = readFileSync(f, 'utf8').replace(/(<!DOCTYPE\s+\S+)\s+SYSTEM\s+"[^"]*"/, '$1');
      const dest = path.join(out, `copy${c}`, rel);
      mkdirSync(path.dirname(dest), { recursive: true });
      writeFileSync(dest, text);
      paths.push(dest);
    }
    const alists = path.join(src, 'isicily/alists');
    if (existsSync(alists)) {
      mkdirSync(path.join(out, `copy${c}`, 'isicily/alists'), { recursive: true });
      for (const a of readdirSync(alists)) copyFileSync(path.join(alists, a), path.join(out, `copy${c}`, 'isicily/alists', a));
    }
  }
  return { paths, bytes: paths.reduce((n, p) => n + statSync(p).size, 0) };
}

// ---------------------------------------------------------------- the runs
async function ours(label, paths, options) {
  const start = performance.now();
  const files = await validateFiles(paths, { cwd: repo, ...options });
  const seconds = (performance.now() - start) / 1000;
  const invalid = files.filter((f) => f.messages.some((m) => m.fatal === true)).length;
  return { label, seconds, invalid };
}

function jing(label, schema, paths) {
  const start = performance.now();
  const r = spawnSync('jing', [schema, ...paths], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  if (r.error) return { label, seconds: NaN, invalid: NaN, note: `jing not available (${r.error.code})` };
  const invalid = new Set((r.stdout + r.stderr).split('\n').map((l) => /^(.*?):\d+:\d+: (?:error|fatal)/.exec(l)?.[1]).filter(Boolean)).size;
  return { label, seconds, invalid };
}

const docs = makeDocuments();
const mb = docs.bytes / (1024 * 1024);
const rows = [];
// A fresh process for each of our runs would be fairer to jing's start-up; one process with
// the grammar compiled in each run's first call is what a library sees. The first run
// compiles the edition's grammar, the tei_all run compiles tei_all (about 0.5 s).
rows.push(await ours('tei-edition  tei-edition.rng', docs.paths, { schematron: false }));
if (!flag('--no-schematron')) rows.push(await ours('tei-edition + SaxonJS  .rng + .sch', docs.paths, {}));
if (!flag('--no-jing')) rows.push(jing('jing  tei-edition.rng', editionRng, docs.paths));
if (!flag('--no-tei-all') && existsSync(teiAll)) {
  rows.push(await ours('tei-edition  tei_all.rng', docs.paths, { schema: teiAll }));
  if (!flag('--no-jing')) rows.push(jing('jing  tei_all.rng', teiAll, docs.paths));
}
// Foreign TEI (plays, inscriptions with XInclude, apparatus, letters): larger documents.
const foreign = foreignDocuments();
if (!flag('--no-tei-all') && foreign.paths.length > 0) {
  rows.push({ ...(await ours('tei-edition  tei_all.rng, foreign TEI', foreign.paths, { schema: teiAll, schematron: false })), docs: foreign });
  if (!flag('--no-jing')) rows.push({ ...jing('jing  tei_all.rng, foreign TEI', teiAll, foreign.paths), docs: foreign });
}

// ---------------------------------------------------------------- the table
const jingFor = (label) => rows.find((r) => r.label.startsWith('jing') && r.label.replace(/^jing /, '').trim() === label.replace(/^tei-edition /, '').trim());
const table = rows.map((r) => {
  const set = r.docs ?? docs;
  const perSecond = set.paths.length / r.seconds;
  // jing checks grammars only: compare like with like.
  const reference = r.label.startsWith('jing') || r.label.includes('.sch') ? null : jingFor(r.label);
  return {
    run: r.label,
    seconds: r.seconds,
    docsPerSecond: perSecond,
    documents: set.paths.length,
    mbPerSecond: set.bytes / (1024 * 1024) / r.seconds,
    invalid: r.invalid,
    vsJing: reference && Number.isFinite(reference.seconds) ? reference.seconds / r.seconds : null,
    note: r.note,
  };
});

if (flag('--json')) {
  console.log(JSON.stringify({ documents: docs.paths.length, distinct: docs.distinct, from: docs.from, megabytes: mb, node: process.version, runs: table }, null, 2));
} else {
  console.log(`Validation: ${docs.paths.length} documents (${docs.distinct} distinct, from ${docs.from}), ${mb.toFixed(2)} MB, Node ${process.version}, one process`);
  console.log('');
  const head = ['run', 'docs', 'seconds', 'docs/s', 'MB/s', 'invalid', 'speed vs jing'];
  const body = table.map((t) => [
    t.run,
    String(t.documents),
    Number.isFinite(t.seconds) ? t.seconds.toFixed(2) : '-',
    Number.isFinite(t.docsPerSecond) ? t.docsPerSecond.toFixed(0) : '-',
    Number.isFinite(t.mbPerSecond) ? t.mbPerSecond.toFixed(2) : '-',
    Number.isFinite(t.invalid) ? String(t.invalid) : '-',
    t.vsJing === null ? (t.note ?? (t.run.includes('.sch') ? '(no Schematron in jing)' : '')) : `${t.vsJing.toFixed(2)}×`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
  console.log('');
  console.log('speed vs jing: jing\'s time / ours on the same files and grammar (above 1: faster than jing).');
  console.log('Times include start-up: compiling the grammar (tei_all in about 0.5 s, once per process), the JVM for jing.');
}
const failed = table.some((t) => Number.isFinite(t.invalid) && t.invalid > 0 && !t.run.includes('tei_all'));
const slower = table.filter((t) => t.run.includes('tei_all') && t.vsJing !== null && t.vsJing < 1);
if (slower.length > 0) console.log(`slower than jing on tei_all: ${slower.map((t) => t.run).join(', ')}`);
process.exitCode = failed ? 1 : 0;
