/**
 * Corpus figures from the documents' scores. MACRO: each metric's mean over the documents
 * where it applies. MICRO: the counts pooled over the documents, then the metric.
 *
 * A pooled figure whose gold and output are both empty is 1, as the reference scorer gives it;
 * the gold counts beside it (`goldTurns`, `goldNotes`, `goldBrackets`) tell such a figure apart.
 */
import type { Confusion } from './brackets.js';
import { METRICS, type DocumentScore, type Metric } from './document.js';

export type Macro = Record<Metric, number | null>;

export interface Micro {
  turnP: number;
  turnR: number;
  turnF1: number;
  boundaryP: number;
  boundaryR: number;
  boundaryF1: number;
  attribution: number;
  noteFound: number;
  noteAnchor: number;
  bracketAcc: number;
  conservation: number;
  /** Share of the documents that are valid. */
  valid: number;
  goldTurns: number;
  producedTurns: number;
  goldNotes: number;
  goldBrackets: number;
  /** Gold tokens inside turns (what attribution is over). */
  goldInTurnTokens: number;
  documents: number;
}

/** The mean of a metric over the documents where it applies, or null where it applies to none. */
export function macroMean(results: DocumentScore[], metric: Metric): number | null {
  const values = results.map((r) => r[metric]).filter((v): v is number | boolean => v !== null && v !== undefined).map(Number);
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

export function macro(results: DocumentScore[]): Macro {
  return Object.fromEntries(METRICS.map((m) => [m, macroMean(results, m)])) as Macro;
}

const f1 = (p: number, r: number): number => (p + r ? (2 * p * r) / (p + r) : 0);
/** matched / of, or `empty` when there is nothing to divide by. */
const share = (matched: number, of: number, empty: number): number => (of ? matched / of : empty);

export function micro(results: DocumentScore[]): Micro {
  const sum = (fn: (r: DocumentScore) => number): number => results.reduce((s, r) => s + fn(r), 0);
  const goldTurns = sum((r) => r.counts.gold.turns);
  const producedTurns = sum((r) => r.counts.turnsProduced);
  const matched = sum((r) => r.counts.turnsMatched);
  const boundary = sum((r) => r.counts.boundaryMatched);
  const goldNotes = sum((r) => r.counts.gold.notes);
  const goldBrackets = sum((r) => r.counts.gold.brackets);
  // Precision with no produced turns: 0 if the gold has some, else 1.
  const turnP = share(matched, producedTurns, goldTurns ? 0 : 1);
  const turnR = share(matched, goldTurns, 1);
  const boundaryP = share(boundary, producedTurns, goldTurns ? 0 : 1);
  const boundaryR = share(boundary, goldTurns, 1);
  return {
    turnP,
    turnR,
    turnF1: f1(turnP, turnR),
    boundaryP,
    boundaryR,
    boundaryF1: f1(boundaryP, boundaryR),
    attribution: share(sum((r) => r.counts.attribution[0]), sum((r) => r.counts.attribution[1]), 1),
    noteFound: share(sum((r) => r.counts.notesFound), goldNotes, 1),
    noteAnchor: share(sum((r) => r.counts.notesAnchored), goldNotes, 1),
    bracketAcc: share(sum((r) => r.counts.bracketsCorrect), goldBrackets, 1),
    conservation: share(sum((r) => r.counts.conservation[0]), sum((r) => r.counts.conservation[1]), 1),
    valid: share(sum((r) => (r.valid ? 1 : 0)), results.length, 1),
    goldTurns,
    producedTurns,
    goldNotes,
    goldBrackets,
    goldInTurnTokens: sum((r) => r.counts.attribution[1]),
    documents: results.length,
  };
}

/**
 * The pooled figures as the tables print them: null (not applicable) where the gold has no
 * items of the kind and the output invented none, instead of the vacuous 1.
 */
export function microApplicable(m: Micro): Record<Metric, number | null> {
  const noTurns = m.goldTurns === 0;
  return {
    valid: m.valid,
    turnP: noTurns && m.producedTurns === 0 ? null : m.turnP,
    turnR: noTurns ? null : m.turnR,
    turnF1: noTurns && m.producedTurns === 0 ? null : m.turnF1,
    boundaryF1: noTurns && m.producedTurns === 0 ? null : m.boundaryF1,
    attribution: m.goldInTurnTokens ? m.attribution : null,
    noteAnchor: m.goldNotes ? m.noteAnchor : null,
    bracketAcc: m.goldBrackets ? m.bracketAcc : null,
    conservation: m.conservation,
  };
}

/** The documents' bracket confusion tables added up. */
export function pooledConfusion(results: DocumentScore[]): Confusion {
  const out: Confusion = {};
  for (const r of results)
    for (const [g, row] of Object.entries(r.confusion))
      for (const [p, n] of Object.entries(row)) {
        const o = (out[g] ??= {});
        o[p] = (o[p] ?? 0) + n;
      }
  return out;
}
