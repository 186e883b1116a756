/**
 * A worker thread of the campaign: it makes the cases it is sent (from the seed and their
 * index), checks them in batches, and validates the TEI the importer wrote against tei_all
 * (jing, many files per run). It reports each step before it starts, so that the main
 * thread can tell a hang from a slow batch.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { checkBatch, teiAllProblems } from './check.js';
import { loadCorpus } from './corpus.js';
import { makeCase } from './mutate.js';

const { dir, teiAll, teiAllBatch } = workerData;
const corpus = loadCorpus();
const pendingDir = path.join(dir, 'tei-all');
rmSync(pendingDir, { recursive: true, force: true });
mkdirSync(pendingDir, { recursive: true });
let pending = []; // [index, file]

async function flushTeiAll() {
  if (!pending.length) return;
  const batch = pending;
  pending = [];
  parentPort.postMessage({ type: 'step', index: -1, stage: 'tei_all', files: batch.length });
  let problems;
  try {
    problems = await teiAllProblems(batch.map(([, f]) => f));
  } catch (error) {
    parentPort.postMessage({ type: 'late', findings: batch.map(([index]) => ({ index, finding: { kind: 'crash', stage: 'tei_all', detail: String(error.message) } })) });
    return;
  }
  const findings = [];
  for (const [index, file] of batch) for (const p of problems.get(file) ?? []) findings.push({ index, finding: { kind: 'invalid-output', stage: 'tei_all', detail: p } });
  for (const [, file] of batch) rmSync(file, { force: true });
  parentPort.postMessage({ type: 'late', findings, validated: batch.length });
}

parentPort.on('message', async (job) => {
  if (job.type === 'finish') {
    await flushTeiAll();
    parentPort.postMessage({ type: 'finished' });
    return;
  }
  const cases = job.indices.map((index) => makeCase(job.seed, index, corpus));
  const results = await checkBatch(cases, path.join(dir, 'batch'), {
    progress: (index, stage) => parentPort.postMessage({ type: 'step', index, stage }),
  });
  if (teiAll) {
    results.forEach((r, k) => {
      if (!r.written || r.outcome !== 'written') return;
      const keep = path.join(pendingDir, `${cases[k].index}.xml`);
      copyFileSync(r.written, keep);
      pending.push([cases[k].index, keep]);
    });
  }
  parentPort.postMessage({
    type: 'done',
    results: results.map((r, k) => ({ index: cases[k].index, kind: cases[k].kind, bytes: cases[k].bytes.length, outcome: r.outcome, findings: r.findings })),
  });
  if (pending.length >= teiAllBatch) await flushTeiAll();
  parentPort.postMessage({ type: 'ready' });
});
parentPort.postMessage({ type: 'ready' });
