/**
 * How a build speaks: on a terminal, one line that updates in place (stage, bar, count);
 * otherwise plain lines; with --json, one JSON object per event on stdout (the last one,
 * "done", holds the whole account). Problems with documents are printed as they come, and a
 * table sums up the stages at the end.
 */
import path from 'node:path';
import type { BuildEvent, BuildReport, Emit, Problem, StageName } from './events.js';

export interface ProgressIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export type ProgressMode = 'tty' | 'plain' | 'json';

const verbs: Record<StageName, string> = { import: 'importing', validate: 'validating', html: 'building the web edition', pdf: 'building the print edition', epub: 'building the EPUB edition', merge: 'merging' };

export function createReporter(mode: ProgressMode, io: ProgressIo, root = process.cwd()): Emit {
  if (mode === 'json') return (event) => io.stdout(`${JSON.stringify(event)}\n`);
  let line = '';
  let lastDraw = 0;
  let stageStarted = Date.now();
  const elapsed = () => `${((Date.now() - stageStarted) / 1000).toFixed(1)} s`;
  const clear = () => {
    if (line) io.stderr('\r\x1b[2K');
    line = '';
  };
  const draw = (text: string, force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < 80) return;
    lastDraw = now;
    io.stderr(`\r\x1b[2K${text}`);
    line = text;
  };
  const rel = (file: string) => (path.isAbsolute(file) ? path.relative(root, file) || file : file);
  return (event: BuildEvent) => {
    switch (event.event) {
      case 'stage-start':
        stageStarted = Date.now();
        if (mode === 'tty') draw(`${verbs[event.stage]}…`, true);
        break;
      case 'progress':
        if (mode === 'tty') {
          const width = 24;
          const filled = event.total ? Math.round((event.done / event.total) * width) : width;
          draw(`${verbs[event.stage]} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${event.done}/${event.total} ${elapsed()}`, event.done === event.total);
        }
        break;
      case 'document': {
        clear();
        io.stderr(`${event.stage}: ${event.status}: ${rel(event.file)}: ${event.summary}\n`);
        // Every message at its place, as import prints them (a single message without a place is the summary already).
        const one = event.problems.length === 1 && !event.problems[0]!.line && !event.problems[0]!.detail && event.summary.includes(event.problems[0]!.reason);
        if (!one) for (const p of event.problems) io.stderr(problemLine(rel(event.file), p));
        break;
      }
      case 'notice':
        clear();
        io.stderr(`${event.stage}: ${event.severity && event.severity !== 'info' ? `${event.severity}: ` : ''}${event.message}${event.ruleId ? ` (${event.ruleId})` : ''}\n`);
        break;
      case 'stage-end': {
        const r = event.report;
        if (mode === 'tty') clear();
        else io.stdout(`${r.stage}: ${r.skipped ? `skipped (${r.skipped})` : `${r.documents} documents${r.pages !== undefined ? `, ${r.pages} pages` : ''}, ${r.worked} worked on, ${r.documents - r.worked} up to date, ${r.failed} failed${r.kept ? ` (${r.kept} kept in their last good version)` : ''}, ${r.errors} errors, ${r.warnings} warnings, ${r.infos} infos`} (${r.seconds.toFixed(1)} s)\n`);
        break;
      }
      case 'done':
        clear();
        io.stdout(summaryTable(event.report));
        break;
    }
  };
}

/** One message of a document: file:line:column, severity, reason, rule id; then its detail lines. */
function problemLine(file: string, p: Problem): string {
  const severity = p.severity ?? (p.fatal === true ? 'error' : p.fatal === false ? 'warning' : 'info');
  const place = p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : '';
  const detail = (p.detail ?? []).map((d) => `      ${d}\n`).join('');
  return `  ${file}${place}: ${severity}: ${p.reason}${p.ruleId ? ` (${p.ruleId})` : ''}\n${detail}`;
}

/** The account of a build as a table: one row per stage, then the total. */
export function summaryTable(report: BuildReport): string {
  const head = ['stage', 'documents', 'worked on', 'ok', 'kept', 'failed', 'errors', 'warnings', 'infos', 'files written', 'seconds', 'peak MiB'];
  const sum = (f: (s: BuildReport['stages'][number]) => number) => String(report.stages.reduce((n, s) => n + (f(s) ?? 0), 0));
  const rows = report.stages.map((s) => [s.stage, s.documents, s.skipped ? 'skipped' : s.worked, s.ok, s.kept ?? 0, s.failed ?? 0, s.errors, s.warnings, s.infos ?? 0, s.written, s.seconds.toFixed(2), s.peakMemoryMiB].map(String));
  rows.push(['total', '', '', '', sum((s) => s.kept), String(report.failed), sum((s) => s.errors), sum((s) => s.warnings), sum((s) => s.infos), sum((s) => s.written), report.seconds.toFixed(2), '']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const lines = [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)];
  const kept = report.stages.reduce((n, s) => n + (s.kept ?? 0), 0);
  const outcome = report.ok
    ? report.updated.length
      ? `built: ${report.updated.join(', ')}`
      : 'nothing changed: no output touched'
    : `${report.failed} document${report.failed === 1 ? '' : 's'} failed (see above)${kept ? `; ${kept} of them stay${kept === 1 ? 's' : ''} published in ${kept === 1 ? 'its' : 'their'} last good version` : ''}; the others are built${report.updated.length ? ` (${report.updated.join(', ')})` : ''}`;
  return `${lines.join('\n')}\n${outcome}\n`;
}
