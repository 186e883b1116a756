/**
 * A worker thread that validates a share of a batch against a RELAX NG grammar (see
 * validateRelaxNG in relaxng.ts): the worker compiles the grammar once and checks its share.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadRelaxNG, validateDocument, type DocumentInput, type EngineLimits } from './relaxng.js';

const { path, docs, limits } = workerData as { path: string; docs: DocumentInput[]; limits: EngineLimits };
try {
  const schema = loadRelaxNG(path);
  parentPort!.postMessage({ ok: true, results: docs.map((d) => validateDocument(d, schema.grammar, limits)) });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: (e as Error).message });
}
