/**
 * Text conservation: how much of the transcript's text the produced document holds, as a bag
 * of words weighted by word length: Σ min(gold, produced) ÷ Σ gold over every distinct word.
 * The whole transcript counts (header, body, footnotes, document information) except the
 * layout's boilerplate lines ("Skip to content", "Source", "Record ID" …), the footnote
 * markers in the body and before each note, and the word inside `[sic]`. The produced side is
 * every word of the document, `teiHeader` and notes included, and `<gap>`'s @reason and @desc.
 */
import { inNoteMarker } from './context.js';
import type { Gold } from './gold.js';
import { tokenise } from './tokens.js';

export interface ConservationScores {
  conservation: number;
  /** Σ min(gold, produced) and Σ gold, each word weighted by its length. */
  conservationCounts: [number, number];
  /** Gold words the output lacks, with how many of each are missing. */
  missingWords: { word: string; missing: number }[];
}

const BOILERPLATE = /^(Skip to content|Document Information|Source|Rights|Original Uploaded Date|Record ID|Author\(s\):?|Language|Donors)$/;

/** The words of the transcript that the output should hold. */
export function goldWords(gold: Gold): string[] {
  const T = gold.transcript;
  const excluded: [number, number][] = [];
  let offset = 0;
  for (const line of T.split('\n')) {
    if (BOILERPLATE.test(line.trim())) excluded.push([offset, offset + line.length]);
    offset += line.length + 1;
  }
  for (const n of gold.notes) if (n.bodyMarker) excluded.push([n.bodyMarker.start, n.bodyMarker.end]);
  const inMarker = inNoteMarker(gold);
  const sics = gold.brackets.filter((b) => b.class === 'sic');
  return tokenise(T)
    .filter((x) => !inMarker(x.s) && !excluded.some(([a, b]) => x.s >= a && x.s < b) && !sics.some((b) => x.s >= b.start && x.e <= b.end))
    .map((x) => x.t);
}

function countWords(words: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Σ gold over the transcript's words, each weighted by its length (what a missing document loses). */
export function goldWeight(gold: Gold): number {
  let weight = 0;
  for (const w of goldWords(gold)) weight += w.length;
  return weight;
}

export function scoreConservation(gold: Gold, producedWords: string[]): ConservationScores {
  const want = countWords(goldWords(gold));
  const have = countWords(producedWords);
  let kept = 0;
  let total = 0;
  const missingWords: { word: string; missing: number }[] = [];
  for (const [word, n] of want) {
    const m = Math.min(n, have.get(word) ?? 0);
    total += n * word.length;
    kept += m * word.length;
    if (m < n) missingWords.push({ word, missing: n - m });
  }
  return { conservation: total ? kept / total : 1, conservationCounts: [kept, total], missingWords };
}
