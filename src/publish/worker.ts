/** A worker thread of buildHtmlEditionParallel: renders the document pages it is sent. */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseTei, renderDocument } from './html.js';

const { out, common } = workerData as { out: string; common: Record<string, unknown> };
parentPort!.on('message', (job: { i: number; file: string; stem: string }) => {
  try {
    const text = readFileSync(job.file, 'utf8');
    const result = renderDocument(parseTei(text), job.stem, text, out, common);
    parentPort!.postMessage({ i: job.i, result });
  } catch (error) {
    parentPort!.postMessage({ i: job.i, error: (error as Error).message });
  }
});
