/** What a build tells as it goes: stages, progress, documents with problems, the final account. */

export type StageName = 'import' | 'validate' | 'html' | 'pdf' | 'epub' | 'merge';

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  line?: number;
  column?: number;
  reason: string;
  ruleId?: string;
  source?: string;
  /** true: error; false: warning; absent: information. */
  fatal?: boolean;
  /** The same as `fatal`, in words. */
  severity?: Severity;
  /** Lines that go with the message (a diff, what to do), printed under it. */
  detail?: string[];
}

export interface StageReport {
  stage: StageName;
  /** Documents (or transcripts) the stage looked at. */
  documents: number;
  /** Of these, how many it worked on (the others were up to date). */
  worked: number;
  /** Documents that came through (imported or kept, valid, built). */
  ok: number;
  /** Documents that failed (each reported with its errors). */
  failed: number;
  /** Of these, how many stay published in their last good version (web page and PDF). */
  kept: number;
  /** Messages, as import and validate count them: errors, warnings, information. */
  errors: number;
  warnings: number;
  infos: number;
  /** Pages of the edition (web edition and merge). */
  pages?: number;
  /** Output files written (not kept from the previous build). */
  written: number;
  seconds: number;
  peakMemoryMiB: number;
  /** A stage that did not run, and why. */
  skipped?: string;
}

export type BuildEvent =
  | { event: 'stage-start'; stage: StageName; documents: number }
  | { event: 'progress'; stage: StageName; done: number; total: number }
  | { event: 'document'; stage: StageName; file: string; status: Severity; summary: string; problems: Problem[] }
  | { event: 'notice'; stage: StageName; message: string; ruleId?: string; severity?: Severity }
  | { event: 'stage-end'; report: StageReport }
  | { event: 'done'; report: BuildReport };

export interface BuildReport {
  ok: boolean;
  /** Documents that failed (any stage): exit status 1. */
  failed: number;
  stages: StageReport[];
  seconds: number;
  /** Output folders replaced by this build (none on a rebuild with nothing changed). */
  updated: string[];
}

export type Emit = (event: BuildEvent) => void;

/** Measure a stage: wall time and the process's peak resident memory while it runs (workers included). */
export class StageMeter {
  private readonly started = performance.now();
  private peak = process.memoryUsage().rss;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, process.memoryUsage().rss)), 25);
    this.timer.unref();
  }

  stop(): { seconds: number; peakMemoryMiB: number } {
    clearInterval(this.timer);
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
    return { seconds: +((performance.now() - this.started) / 1000).toFixed(3), peakMemoryMiB: Math.round(this.peak / 2 ** 20) };
  }
}
