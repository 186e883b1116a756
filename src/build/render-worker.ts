/** A worker thread of the build: SaxonJS and the stylesheet loaded once, then task after task. */
import { parentPort } from 'node:worker_threads';
import { runRenderTask, warm, type RenderTask } from './render-task.js';

warm();
parentPort!.on('message', ({ id, task }: { id: number; task: RenderTask }) => {
  try {
    parentPort!.postMessage({ id, result: runRenderTask(task) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
