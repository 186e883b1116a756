/**
 * The account of one stage as it goes: documents, messages by severity, files written; every
 * message goes out as an event (the progress lines, --json) with its rule id.
 */
import type { VFile } from 'vfile';
import { rules, type Rule, type RuleId } from '../diagnostics/rules.js';
import { StageMeter, type Emit, type Problem, type Severity, type StageName, type StageReport } from './events.js';

export function severityOf(p: { fatal?: boolean | null | undefined }): Severity {
  return p.fatal === true ? 'error' : p.fatal === false ? 'warning' : 'info';
}

/** A message of the catalogue (src/diagnostics/rules.ts), as a build problem. */
export function problemOf(ruleId: RuleId, reason?: string, place?: { line?: number; column?: number }, severity?: Severity): Problem {
  const rule: Rule = rules[ruleId];
  const s = severity ?? rule.severity;
  return {
    ...(place?.line ? { line: place.line } : {}),
    ...(place?.column ? { column: place.column } : {}),
    reason: reason ?? rule.summary,
    ruleId,
    source: rule.source,
    ...(s === 'error' ? { fatal: true } : s === 'warning' ? { fatal: false } : {}),
    severity: s,
  };
}

/** The messages of a vfile as build problems. */
export function problemsOf(file: VFile): Problem[] {
  return file.messages.map((m) => ({
    ...(m.line ? { line: m.line } : {}),
    ...(m.column ? { column: m.column } : {}),
    reason: m.reason,
    ...(m.ruleId ? { ruleId: m.ruleId } : {}),
    ...(m.source ? { source: m.source } : {}),
    ...(m.fatal !== undefined && m.fatal !== null ? { fatal: m.fatal } : {}),
    severity: severityOf(m),
  }));
}

/** The first error (else warning, else message) of a list, as one line. */
export function firstError(problems: Problem[]): string {
  const p = problems.find((x) => x.fatal === true) ?? problems.find((x) => x.fatal === false) ?? problems[0];
  return p ? `${p.line ? `line ${p.line}: ` : ''}${p.reason}${p.ruleId ? ` (${p.ruleId})` : ''}` : '';
}

function count(problems: Problem[], severity: Severity): number {
  return problems.filter((p) => severityOf(p) === severity).length;
}

/** A one-line account of a document's messages ("2 warnings, 1 info"). */
export function countsOf(problems: Problem[]): string {
  const parts: string[] = [];
  for (const [s, n] of [['error', count(problems, 'error')], ['warning', count(problems, 'warning')], ['info', count(problems, 'info')]] as const) if (n) parts.push(`${n} ${s}${n === 1 || s === 'info' ? '' : 's'}`);
  return parts.join(', ');
}

/** Counts of one stage, filled as it goes. */
export class StageCounter {
  readonly meter = new StageMeter();
  documents = 0;
  worked = 0;
  ok = 0;
  failed = 0;
  kept = 0;
  errors = 0;
  warnings = 0;
  infos = 0;
  written = 0;
  skipped: string | undefined;
  pages: number | undefined;

  constructor(readonly stage: StageName, private readonly emit: Emit) {}

  start(documents: number): void {
    this.documents = documents;
    this.emit({ event: 'stage-start', stage: this.stage, documents });
  }

  /** Every message of a file (each counted by its severity), with a summary line. */
  report(file: string, problems: Problem[], summary?: string): void {
    if (!problems.length) return;
    this.errors += count(problems, 'error');
    this.warnings += count(problems, 'warning');
    this.infos += count(problems, 'info');
    const status: Severity = problems.some((p) => p.fatal === true) ? 'error' : problems.some((p) => p.fatal === false) ? 'warning' : 'info';
    const line = summary ?? (status === 'error' ? firstError(problems) : problems.length === 1 ? firstError(problems) : countsOf(problems));
    this.emit({ event: 'document', stage: this.stage, file, status, summary: line, problems: problems.map((p) => ({ ...p, severity: severityOf(p) })) });
  }

  /** A document that failed (status 'error') or has warnings: reported, and counted as failed when it is an error. */
  problem(file: string, status: 'warning' | 'error', problems: Problem[], summary?: string): void {
    if (status === 'error') this.failed++;
    const marked = status === 'error' && !problems.some((p) => p.fatal === true) ? problems.map((p) => ({ ...p, fatal: true })) : problems;
    this.report(file, marked.length ? marked : [{ reason: summary ?? '', fatal: status === 'error' }], summary);
  }

  /** A message about the stage rather than a document (counted like the others). */
  notice(message: string, ruleId?: RuleId, severity?: Severity): void {
    const s = severity ?? (ruleId ? rules[ruleId].severity : 'info');
    if (s === 'error') this.errors++;
    else if (s === 'warning') this.warnings++;
    else this.infos++;
    this.emit({ event: 'notice', stage: this.stage, message, ...(ruleId ? { ruleId } : {}), severity: s });
  }

  end(): StageReport {
    const report: StageReport = {
      stage: this.stage,
      documents: this.documents,
      worked: this.worked,
      ok: this.ok,
      failed: this.failed,
      kept: this.kept,
      errors: this.errors,
      warnings: this.warnings,
      infos: this.infos,
      written: this.written,
      ...(this.pages !== undefined ? { pages: this.pages } : {}),
      ...this.meter.stop(),
      ...(this.skipped ? { skipped: this.skipped } : {}),
    };
    this.emit({ event: 'stage-end', report });
    return report;
  }
}
