/**
 * A pool of worker threads for the render tasks; tasks go to whichever worker is free, and
 * results come back to the task's promise, so output does not depend on the number of workers.
 * Where the compiled worker is missing (running from TypeScript sources), tasks run here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PageResult, RenderTask } from './render-task.js';

interface Pending {
  id: number;
  task: RenderTask;
  resolve: (r: PageResult | string) => void;
  reject: (e: Error) => void;
}

export class RenderPool {
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  /** The task each busy worker is on. */
  private readonly busy = new Map<Worker, Pending>();
  private nextId = 0;
  private closing = false;
  private readonly inThread: boolean;
  private readonly file = fileURLToPath(new URL('./render-worker.js', import.meta.url));

  /** Workers start as tasks wait for one (a build with nothing to render starts none, one page one). */
  constructor(readonly size: number) {
    this.inThread = !existsSync(this.file);
  }

  private start(): void {
    const worker = new Worker(this.file, { execArgv: [] });
    worker.on('message', ({ id, result, error }: { id: number; result?: PageResult | string; error?: string }) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      if (job && job.id === id) {
        if (error !== undefined) job.reject(new Error(error));
        else job.resolve(result!);
      }
      this.idle.push(worker);
      this.pump();
    });
    // A worker that dies (out of memory, a crash in the processor) fails its own task only;
    // the tasks waiting go to the other workers, or to a new one.
    const lost = (reason: string) => {
      if (!this.workers.delete(worker)) return;
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      job?.reject(new Error(`the worker thread stopped: ${reason}`));
      if (!this.closing && this.queue.length && this.workers.size < Math.max(1, this.size)) this.start();
      this.pump();
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.workers.add(worker);
    this.idle.push(worker);
  }

  /** Start workers now (up to `tasks`, within the pool's size), before the tasks are known. */
  warm(tasks: number): void {
    if (this.inThread) return;
    while (this.workers.size < Math.min(Math.max(1, this.size), tasks)) this.start();
  }

  run(task: RenderTask): Promise<PageResult | string> {
    if (this.inThread) {
      return import('./render-task.js').then(({ runRenderTask }) => runRenderTask(task));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      if (this.idle.length < this.queue.length && this.workers.size < Math.max(1, this.size)) this.start();
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.shift()!;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.postMessage({ id: job.id, task: job.task });
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    const all = [...this.workers];
    this.workers.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }
}
