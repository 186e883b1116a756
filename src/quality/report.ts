/**
 * The quality figures as text tables: one row per document, the bracket confusion table, and
 * the pooled summary of several corpora (MICRO and MACRO, one line each).
 */
import type { Confusion } from './brackets.js';
import type { CorpusScore } from './corpus.js';
import { METRICS, type Metric } from './document.js';
import { microApplicable } from './pool.js';

const HEADINGS: Record<Metric, string> = {
  valid: 'valid',
  turnP: 'turnP',
  turnR: 'turnR',
  turnF1: 'turnF1',
  boundaryF1: 'bndF1',
  attribution: 'attrib',
  noteAnchor: 'noteAnc',
  bracketAcc: 'brackAcc',
  conservation: 'conserv',
};

/** A figure to three decimals; '-' where the metric does not apply. */
export function figure(value: number | boolean | null | undefined): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'NO';
  return value === null || value === undefined ? '-' : value.toFixed(3);
}

const cells = (values: Record<Metric, number | boolean | null>): string =>
  METRICS.map((m) => figure(values[m]).padStart(HEADINGS[m].length)).join(' ');
const headings = (): string => METRICS.map((m) => HEADINGS[m]).join(' ');

/** One row per document, with what went wrong where a document could not be scored. */
export function documentTable(score: CorpusScore, width = 28): string[] {
  const lines = [`${'document'.padEnd(width)} ${headings()}`];
  for (const d of score.documents) {
    const row = `${d.id.slice(0, width).padEnd(width)} ${cells(d)}`;
    lines.push(d.error ? `${row}  ${d.error.slice(0, 70)}` : row);
  }
  return lines;
}

const CLASS_ORDER = ['supplied', 'sic', 'corr', 'gap', 'unclear', 'editorial', 'none', 'missing'];
const byClassOrder = (a: string, b: string): number => (CLASS_ORDER.indexOf(a) >>> 0) - (CLASS_ORDER.indexOf(b) >>> 0) || a.localeCompare(b);

/** The bracket confusion table: a row per gold class, a column per predicted class. */
export function confusionTable(confusion: Confusion): string[] {
  const gold = Object.keys(confusion).sort(byClassOrder);
  if (!gold.length) return ['bracket confusion: no gold brackets'];
  const predicted = [...new Set(gold.flatMap((g) => Object.keys(confusion[g]!)))].sort(byClassOrder);
  const w = Math.max(9, ...predicted.map((p) => p.length));
  const lines = [`bracket confusion (row: gold class, column: predicted)`, `${'gold'.padEnd(10)}${predicted.map((p) => p.padStart(w + 1)).join('')}`];
  for (const g of gold) lines.push(`${g.padEnd(10)}${predicted.map((p) => String(confusion[g]![p] ?? '.').padStart(w + 1)).join('')}`);
  return lines;
}

/** The pooled figures of each corpus: a MICRO and a MACRO line each. */
export function summaryTable(corpora: { name: string; score: CorpusScore }[]): string[] {
  const width = Math.max(6, ...corpora.map((c) => c.name.length));
  const lines = [`${'corpus'.padEnd(width)} pooled docs ${headings()}`];
  for (const { name, score } of corpora) {
    lines.push(`${name.padEnd(width)} MICRO  ${String(score.documents.length).padStart(4)} ${cells(microApplicable(score.micro))}`);
    lines.push(`${''.padEnd(width)} MACRO       ${cells(score.macro)}`);
  }
  return lines;
}

/** The gold items of a corpus, in words. */
export function goldSummary(score: CorpusScore): string {
  const m = score.micro;
  return `${m.documents} documents; gold: ${m.goldTurns} turns, ${m.goldNotes} notes, ${m.goldBrackets} brackets; produced: ${m.producedTurns} turns`;
}
