/**
 * The alignment every metric reads: the gold body tokens (footnote markers left out) aligned
 * with the produced text tokens (footnotes left out), and the two ways of moving between them.
 */
import { align } from './align.js';
import type { Gold } from './gold.js';
import type { Produced } from './produced.js';
import { tokenise, type Token } from './tokens.js';

export interface ScoringContext {
  gold: Gold;
  /** The gold body's tokens, without those of footnote markers. */
  goldTokens: Token[];
  produced: Produced;
  /** Gold token → produced token, or -1. */
  goldToProduced: Int32Array;
  /** Produced token → gold token, or -1. */
  producedToGold: Int32Array;
  /** Index of the first gold token that starts at or after a character offset. */
  goldIndexAt(offset: number): number;
  /** The gold token for a produced position: the last aligned token at or before it, moved on by the distance; -1 if none. */
  toGold(producedIndex: number): number;
}

/** Whether a character offset is inside one of the gold notes' `[n]` markers. */
export function inNoteMarker(gold: Gold): (offset: number) => boolean {
  const markers = gold.notes.map((n) => n.marker).filter(Boolean);
  return (s) => markers.some((m) => s >= m.start && s < m.end);
}

export function goldBodyTokens(gold: Gold): Token[] {
  const [b0, b1] = gold.sections.body;
  const inMarker = inNoteMarker(gold);
  return tokenise(gold.transcript.slice(b0, b1), b0).filter((x) => !inMarker(x.s));
}

export function scoringContext(gold: Gold, produced: Produced): ScoringContext {
  const goldTokens = goldBodyTokens(gold);
  const { aToB, bToA } = align(
    goldTokens.map((x) => x.t),
    produced.main.map((x) => x.t),
  );
  const goldIndexAt = (offset: number): number => {
    let lo = 0;
    let hi = goldTokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (goldTokens[mid]!.s < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const toGold = (pj: number): number => {
    for (let j = Math.min(pj, bToA.length - 1); j >= 0; j--) if (bToA[j]! >= 0) return bToA[j]! + (pj - j);
    return -1;
  };
  return { gold, goldTokens, produced, goldToProduced: aToB, producedToGold: bToA, goldIndexAt, toGold };
}
