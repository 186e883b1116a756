#!/usr/bin/env node
/**
 * The fuzzing campaign: `npm run fuzz -- --cases N --seed S [--workers W] [--batch B]
 * [--timeout-ms T] [--start K] [--no-tei-all] [--save DIR | --no-save] [--json]`.
 *
 * Cases are mutated transcripts and TEI files (fuzz/mutate.js), each a function of the seed
 * and its index; they run through import, validation, tei_all and the editions in worker
 * threads (fuzz/worker.js). A watchdog ends a worker whose step outlasts its time limit
 * (T, default 30 s, plus 30 s per MB of the case) and counts a hang. Failing cases are saved
 * as fixtures (tests/fixtures/fuzz/) that tests/robustness/fuzz-fixtures.test.ts replays.
 * Exit status: 0 nothing found, 1 something found, 2 usage error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { loadCorpus, repo } from './corpus.js';
import { makeCase } from './mutate.js';

const usage = 'Usage: npm run fuzz -- --cases N --seed S [--workers W] [--batch B] [--timeout-ms T] [--start K] [--no-tei-all] [--save DIR | --no-save] [--json]';
let args;
try {
  args = parseArgs({
    options: {
      cases: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      start: { type: 'string', default: '0' },
      workers: { type: 'string' },
      batch: { type: 'string', default: '16' },
      'timeout-ms': { type: 'string', default: '30000' },
      'no-tei-all': { type: 'boolean', default: false },
      save: { type: 'string', default: path.join(repo, 'tests', 'fixtures', 'fuzz') },
      'no-save': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (error) {
  process.stderr.write(`${error.message}\n${usage}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const int = (name, min) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`--${name} takes a whole number (at least ${min})\n${usage}\n`);
    process.exit(2);
  }
  return n;
};
const total = int('cases', 1);
const start = int('start', 0);
const batchSize = int('batch', 1);
const timeoutMs = int('timeout-ms', 100);
const workerCount = args.workers ? int('workers', 1) : Math.max(1, Math.min(2, availableParallelism() - 1));
const seed = args.seed;
const teiAll = !args['no-tei-all'];
const corpus = loadCorpus();
if (!corpus.transcripts.length) {
  process.stderr.write('fuzz: no transcripts to mutate (source/transcripts, tests/corpus)\n');
  process.exit(2);
}

const scratch = path.join(process.env.FUZZ_TMP ?? (process.platform === 'linux' ? '/dev/shm' : tmpdir()), `tei-edition-fuzz-${process.pid}`);
const queue = [];
for (let i = start; i < start + total; i += batchSize) queue.push(Array.from({ length: Math.min(batchSize, start + total - i) }, (_, k) => i + k));

const KINDS = ['crash', 'hang', 'invalid-output', 'conservation', 'unclear'];
const failures = new Map(); // index → findings
const outcomes = new Map();
let done = 0;
let bytesDone = 0;
let teiAllValidated = 0;
const t0 = performance.now();

function record(index, finding) {
  const list = failures.get(index) ?? [];
  list.push(finding);
  failures.set(index, list);
}

/** Each worker: its thread, its batch, its current step and when it began. */
const slots = [];
let finishedWorkers = 0;

function spawn(slot) {
  const worker = new Worker(new URL('./worker.js', import.meta.url), {
    workerData: { dir: path.join(scratch, `w${slot.id}`), teiAll, teiAllBatch: 300 },
    resourceLimits: { maxOldGenerationSizeMb: 3072 },
  });
  Object.assign(slot, { worker, batch: null, step: null, since: performance.now(), finishing: false });
  worker.on('message', (m) => onMessage(slot, m));
  worker.on('error', (error) => onDeath(slot, 'crash', `worker died: ${error.message}`));
  worker.on('exit', (code) => {
    if (slot.worker === worker && !slot.ended) onDeath(slot, 'crash', `worker exited with code ${code}`);
  });
}

function dispatch(slot) {
  const batch = queue.shift();
  if (batch) {
    slot.batch = batch;
    slot.step = { index: batch[0], stage: 'start' };
    slot.since = performance.now();
    slot.worker.postMessage({ seed, indices: batch });
  } else if (!slot.finishing) {
    slot.finishing = true;
    slot.batch = null;
    slot.step = { index: -1, stage: 'finish' };
    slot.since = performance.now();
    slot.worker.postMessage({ type: 'finish' });
  }
}

function onMessage(slot, m) {
  if (m.type === 'step') {
    slot.step = m;
    slot.since = performance.now();
  } else if (m.type === 'done') {
    for (const r of m.results) {
      done++;
      bytesDone += r.bytes;
      outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
      for (const f of r.findings) record(r.index, f);
    }
    slot.batch = null;
  } else if (m.type === 'late') {
    teiAllValidated += m.validated ?? 0;
    for (const { index, finding } of m.findings) record(index, finding);
  } else if (m.type === 'ready') {
    dispatch(slot);
  } else if (m.type === 'finished') {
    slot.ended = true;
    void slot.worker.terminate();
    if (++finishedWorkers === slots.length) finish();
  }
}

/** A worker hung or died: blame the case it was on, or retry its batch case by case. */
function onDeath(slot, kind, detail) {
  if (slot.ended) return;
  const { batch, step } = slot;
  slot.ended = true;
  void slot.worker.terminate();
  if (batch) {
    if (step && step.index >= 0 && batch.includes(step.index)) {
      record(step.index, { kind, stage: step.stage, detail });
      done++;
      outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
      const rest = batch.filter((i) => i !== step.index);
      if (rest.length) queue.unshift(rest);
    } else if (batch.length > 1) {
      for (const i of [...batch].reverse()) queue.unshift([i]);
    } else {
      record(batch[0], { kind, stage: step?.stage ?? '?', detail });
      done++;
    }
  } else if (step?.stage === 'tei_all' || step?.stage === 'finish') {
    process.stderr.write(`fuzz: tei_all run of a worker ${kind === 'hang' ? 'hung' : 'failed'}: ${detail}\n`);
  }
  slot.ended = false;
  spawn(slot);
  if (slot.finishing) {
    slot.finishing = false;
  }
}

function limitFor(slot) {
  if (!slot.step || slot.step.stage === 'tei_all' || slot.step.stage === 'finish') return 15 * 60_000;
  if (slot.step.stage === 'validate' || slot.step.stage === 'start') return timeoutMs * 2 + 30_000 * (slot.batch?.length ?? 1) / 4;
  return timeoutMs;
}

const watchdog = setInterval(() => {
  const now = performance.now();
  for (const slot of slots) if (slot.worker && !slot.ended && now - slot.since > limitFor(slot)) onDeath(slot, 'hang', `no progress for ${((now - slot.since) / 1000).toFixed(0)} s in ${slot.step?.stage}`);
}, 500);

const ticker = setInterval(() => {
  const s = (performance.now() - t0) / 1000;
  process.stderr.write(`fuzz: ${done}/${total} cases, ${failures.size} failing, ${(done / s).toFixed(1)} cases/s\n`);
}, 30_000);

function signature(f) {
  return `${f.kind}|${f.stage}|${f.detail.replace(/\d+/g, '#').replace(/“[^”]*”/g, '“…”').slice(0, 80)}`;
}

function finish() {
  clearInterval(watchdog);
  clearInterval(ticker);
  const seconds = (performance.now() - t0) / 1000;
  const counts = Object.fromEntries(KINDS.map((k) => [k, [...failures.values()].filter((list) => list.some((f) => f.kind === k)).length]));
  const saved = [];
  if (!args['no-save'] && failures.size) {
    mkdirSync(args.save, { recursive: true });
    const seen = new Map();
    for (const [index, findings] of [...failures].sort((a, b) => a[0] - b[0])) {
      const sig = signature(findings[0]);
      if ((seen.get(sig) ?? 0) >= 2 || saved.length >= 40) continue;
      seen.set(sig, (seen.get(sig) ?? 0) + 1);
      const c = makeCase(seed, index, corpus);
      const name = `${String(seed).replace(/[^A-Za-z0-9_-]/g, '_')}-${index}`;
      writeFileSync(path.join(args.save, `${name}.${c.kind === 'tei' ? 'xml' : 'txt'}`), c.bytes);
      writeFileSync(path.join(args.save, `${name}.json`), `${JSON.stringify({ seed: c.seed, index, kind: c.kind, base: c.base, mutations: c.mutations, findings }, null, 2)}\n`);
      saved.push(name);
    }
  }
  const summary = {
    seed,
    stoppedEarly: stopped,
    start,
    cases: done,
    ...counts,
    failing: failures.size,
    teiAllValidated,
    seconds: Number(seconds.toFixed(1)),
    casesPerSecond: Number((done / seconds).toFixed(1)),
    mbPerSecond: Number((bytesDone / 1e6 / seconds).toFixed(2)),
    workers: workerCount,
    outcomes: Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1])),
    saved,
  };
  if (args.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    process.stdout.write(
      `fuzz: seed ${seed}, ${done} cases${stopped ? ` (stopped early, of ${total})` : ''} in ${summary.seconds} s (${summary.casesPerSecond} cases/s, ${summary.mbPerSecond} MB/s, ${workerCount} workers)\n` +
        `  crashes ${counts.crash}, hangs ${counts.hang}, invalid outputs ${counts['invalid-output']}, conservation failures ${counts.conservation}, unclear errors ${counts.unclear}\n` +
        `  tei_all: ${teiAllValidated} imported documents validated\n` +
        `  outcomes: ${Object.entries(summary.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}\n`,
    );
    for (const [index, findings] of [...failures].sort((a, b) => a[0] - b[0]).slice(0, 30)) {
      process.stdout.write(`  case ${index}: ${findings.map((f) => `${f.kind} (${f.stage}): ${f.detail.split('\n')[0].slice(0, 160)}`).join('; ')}\n`);
    }
    if (saved.length) process.stdout.write(`  saved ${saved.length} fixtures in ${path.relative(process.cwd(), args.save) || '.'}\n`);
  }
  process.exitCode = failures.size ? 1 : 0;
  import('node:fs').then(({ rmSync }) => rmSync(scratch, { recursive: true, force: true }));
}

// Stopped early (Ctrl-C, or a time budget): report the cases completed so far.
let stopped = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopped) process.exit(130);
    stopped = true;
    process.stderr.write(`fuzz: ${signal}: stopping; the summary covers the ${done} cases completed\n`);
    for (const slot of slots) {
      slot.ended = true;
      void slot.worker?.terminate();
    }
    finish();
  });
}

for (let id = 0; id < workerCount; id++) {
  const slot = { id };
  slots.push(slot);
  spawn(slot);
}
