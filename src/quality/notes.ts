/**
 * Footnote anchors. Each gold note is paired with the produced footnote whose words are most
 * alike (word Jaccard ≥ 0.5; among equals, the one whose anchor is nearest the gold marker);
 * it is anchored right when the produced anchor falls in the same gold token gap as the
 * `[n]` marker.
 */
import type { ScoringContext } from './context.js';
import { wordSet } from './tokens.js';

export interface NoteScores {
  noteFound: number | null;
  noteAnchor: number | null;
  notesFound: number;
  notesAnchored: number;
  notesProduced: number;
}

/** Jaccard similarity of the two texts' word sets (1 when both have none). */
export function wordJaccard(a: string, b: string): number {
  const A = wordSet(a);
  const B = wordSet(b);
  let common = 0;
  for (const w of A) if (B.has(w)) common++;
  return A.size + B.size ? common / (A.size + B.size - common) : 1;
}

const EPSILON = 1e-9;
const MIN_SIMILARITY = 0.5;

export function scoreNotes(ctx: ScoringContext): NoteScores {
  const { gold, produced } = ctx;
  const taken = new Set<number>();
  let found = 0;
  let anchored = 0;
  for (const gn of gold.notes) {
    // The marker stands after this gold token (-1: before the first).
    const goldGap = ctx.goldIndexAt(gn.marker.start) - 1;
    let best = -1;
    let bestSimilarity = MIN_SIMILARITY;
    let bestDistance = Infinity;
    produced.notes.forEach((pn, k) => {
      if (taken.has(k)) return;
      const similarity = wordJaccard(gn.text, pn.text);
      const distance = Math.abs(ctx.toGold(pn.anchor - 1) - goldGap);
      const better =
        similarity > bestSimilarity + EPSILON ||
        (similarity >= bestSimilarity - EPSILON && best >= 0 && distance < bestDistance) ||
        (best < 0 && similarity >= bestSimilarity);
      if (better) {
        bestSimilarity = Math.max(similarity, bestSimilarity);
        best = k;
        bestDistance = distance;
      }
    });
    if (best < 0) continue;
    taken.add(best);
    found++;
    const note = produced.notes[best]!;
    const producedGap = ctx.toGold(note.anchor - 1);
    if (goldGap === producedGap || (goldGap < 0 && note.anchor === 0)) anchored++;
  }
  const n = gold.notes.length;
  return {
    noteFound: n ? found / n : null,
    noteAnchor: n ? anchored / n : null,
    notesFound: found,
    notesAnchored: anchored,
    notesProduced: produced.notes.length,
  };
}
