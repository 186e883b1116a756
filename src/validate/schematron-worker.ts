/**
 * A worker thread that checks a share of a batch with the Schematron rules (see
 * runSchematronParallel in schematron.ts): SaxonJS runs on one thread, so large batches are
 * split over the machine's cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSchematron, runSchematron, type SchematronInput } from './schematron.js';

const { path, inputs } = workerData as { path: string; inputs: SchematronInput[] };
try {
  parentPort!.postMessage({ ok: true, results: runSchematron(loadSchematron(path), inputs) });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: (e as Error).message });
}
