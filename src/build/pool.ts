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
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<number, Pending>();
  private nextId = 0;
  private readonly inThread: boolean;
  private readonly file = fileURLToPath(new URL('./render-worker.js', import.meta.url));

  /** Workers start as tasks wait for one (a build with nothing to render starts none, one page one). */
  constructor(readonly size: number) {
    this.inThread = !existsSync(this.file);
  }

  private start(): void {
    const worker = new Worker(this.file, { execArgv: [] });
    worker.on('message', ({ id, result, error }: { id: number; result?: PageResult | string; error?: string }) => {
      const job = this.running.get(id);
      this.running.delete(id);
      if (job) {
        if (error !== undefined) job.reject(new Error(error));
        else job.resolve(result!);
      }
      this.idle.push(worker);
      this.pump();
    });
    worker.on('error', (error) => {
      for (const job of [...this.running.values(), ...this.queue]) job.reject(error);
      this.running.clear();
      this.queue.length = 0;
    });
    this.workers.push(worker);
    this.idle.push(worker);
  }

  run(task: RenderTask): Promise<PageResult | string> {
    if (this.inThread) {
      return import('./render-task.js').then(({ runRenderTask }) => runRenderTask(task));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      if (this.idle.length < this.queue.length && this.workers.length < Math.max(1, this.size)) this.start();
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.shift()!;
      const job = this.queue.shift()!;
      this.running.set(job.id, job);
      worker.postMessage({ id: job.id, task: job.task });
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
