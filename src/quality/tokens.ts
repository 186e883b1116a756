/**
 * Word tokens, as the quality metrics compare text: runs of letters and digits, each
 * NFKC-normalised and lower-cased on its own. Punctuation, white space and layout do not count.
 */

/** A word and where it stands in the string it was taken from (offsets before normalisation). */
export interface Token {
  /** The word, normalised (NFKC, lower case). */
  t: string;
  /** Offset of its first character. */
  s: number;
  /** Offset after its last character. */
  e: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function normaliseWord(word: string): string {
  return word.normalize('NFKC').toLowerCase();
}

/** The tokens of a string; `base` is added to every offset (for a slice of a longer text). */
export function tokenise(text: string, base = 0): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) out.push({ t: normaliseWord(m[0]), s: base + m.index, e: base + m.index + m[0].length });
  return out;
}

/** The normalised words of a string. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) out.push(normaliseWord(m[0]));
  return out;
}

/** The distinct normalised words of a string. */
export function wordSet(text: string): Set<string> {
  return new Set(words(text));
}
