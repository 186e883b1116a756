/**
 * Text conservation: every word of the transcript must stand in the TEI, with
 * the signs the encoding replaced ([sic], [stamp:], note numbers, page numbers)
 * written back as the editions print them. Words are compared as a multiset of
 * letter-and-digit tokens, so white space, punctuation and order of header
 * fields do not count.
 */

/** Letters and digits, with the combining marks on them (so that "l" + U+0301 is one token before and after NFKC). */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** Compatibility forms, case and the Greek final sigma (lower case depends on the neighbours) folded. */
function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/ς/g, 'σ');
}

export function tokens(s: string): string[] {
  return (fold(s).match(TOKEN) ?? []) as string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The words a reader of the TEI sees, editorial signs written back. */
export function teiWords(xml: string): string[] {
  const text = teiText(xml);
  // As for the source: tokens are found before folding, then folded one by one (NFKC can
  // make letters of a symbol, "軪㏉" → "軪Gy", and would join them to the word before).
  if (text.normalize('NFKC') === text) return tokens(text);
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) for (const t of tokens(m[0])) out.push(t);
  return out;
}

function teiText(xml: string): string {
  const body = xml
    .replace(/<\?[^>]*\?>/g, ' ')
    .replace(/<\/sic>/g, ' sic ')
    .replace(/<stamp\/?>/g, ' stamp ')
    .replace(/<add hand="#hand-handwritten"\/?>/g, ' handwritten ')
    // "Highly Confidential (handwritten)": the mark follows the words it qualifies.
    .replace(/<\/add>/g, ' handwritten ')
    .replace(/<note place="foot" n="([^"]+)"/g, ' $1 <note ')
    .replace(/<pb n="([^"]+)"/g, ' p $1 <pb ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITIES[e] ?? ' '),
    );
  return body;
}

export interface ConservationResult {
  ok: boolean;
  /** Words of the source not found (often enough) in the TEI, with the offset of their first occurrence. */
  missing: { word: string; count: number; offset: number }[];
}

/**
 * Compare the transcript (less the layout lines and the note-text markers listed
 * in `exclude`, as offset ranges) with the TEI.
 */
export function checkConservation(source: string, exclude: [number, number][], xml: string): ConservationResult {
  const teiTokens = teiWords(xml);
  const have = new Map<string, number>();
  for (const t of teiTokens) have.set(t, (have.get(t) ?? 0) + 1);
  const need = new Map<string, { count: number; offset: number }>();
  const sorted = [...exclude].sort((a, b) => a[0] - b[0]);
  // Folded once when that keeps every offset (NFKC changes nothing, and lower case changes
  // no length: only U+0130 grows); else each token of the source is folded on its own.
  const aligned = source.normalize('NFKC') === source && !source.includes('\u0130');
  const folded = aligned ? fold(source) : '';
  const text = aligned ? folded : source;
  const exact = text === folded;
  let e = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index;
    while (e < sorted.length && sorted[e]![1] <= at) e++;
    if (e < sorted.length && sorted[e]![0] <= at && at < sorted[e]![1]) continue;
    for (const t of exact ? [m[0]] : tokens(m[0])) {
      const n = need.get(t);
      if (n) n.count++;
      else need.set(t, { count: 1, offset: at });
    }
  }
  const missing: ConservationResult['missing'] = [];
  for (const [word, { count, offset }] of need) {
    const got = have.get(word) ?? 0;
    if (got < count) missing.push({ word, count: count - got, offset });
  }
  missing.sort((a, b) => a.offset - b.offset);
  if (!missing.length) for (const m of checkLineOrder(text, exact, sorted, teiTokens)) missing.push(m);
  return { ok: missing.length === 0, missing };
}

/**
 * Every line's words must stand in the TEI in their order (editorial signs and
 * note texts may come between them): this catches a word cut short or dropped
 * that the multiset check cannot see when the same word occurs elsewhere.
 */
function checkLineOrder(source: string, exact: boolean, exclude: [number, number][], tei: string[]): ConservationResult['missing'] {
  const positions = new Map<string, number[]>();
  tei.forEach((t, i) => {
    const list = positions.get(t);
    if (list) list.push(i);
    else positions.set(t, [i]);
  });
  const lost: ConservationResult['missing'] = [];
  let offset = 0;
  let e = 0;
  for (const line of source.split('\n')) {
    const words: string[] = [];
    for (const m of line.matchAll(TOKEN)) {
      const at = offset + m.index;
      while (e < exclude.length && exclude[e]![1] <= at) e++;
      if (e < exclude.length && exclude[e]![0] <= at && at < exclude[e]![1]) continue;
      if (exact) words.push(m[0]);
      else words.push(...tokens(m[0]));
    }
    offset += line.length + 1;
    if (!words.length) continue;
    // Anchor on the line's rarest word, then look for the line as a subsequence around it.
    let anchor = 0;
    for (let k = 1; k < words.length; k++) if ((positions.get(words[k]!)?.length ?? 0) < (positions.get(words[anchor]!)?.length ?? 0)) anchor = k;
    const at = positions.get(words[anchor]!) ?? [];
    // A line of words that all occur very often cannot be placed cheaply; the multiset check covers it.
    const found = at.length > 2000 || at.some((p) => {
      // Notes (their text) may stand between the words of a line, before or after the anchor.
      let i = Math.max(0, p - anchor * 4 - 400);
      const end = Math.min(tei.length, p + (words.length - anchor) * 4 + 400);
      let k = 0;
      for (; i < end && k < words.length; i++) if (tei[i] === words[k]) k++;
      return k === words.length;
    });
    if (!found) lost.push({ word: words.join(' ').slice(0, 80), count: 1, offset: offset - line.length - 1 });
  }
  return lost;
}
