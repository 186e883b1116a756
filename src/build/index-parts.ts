/**
 * The index of documents made a few hundred documents at a time: one transformation over every
 * document holds every document's tree at once (gigabytes at 10,000 documents). The entries
 * are made in parts of the edition's order (each part numbered on from the last), the page
 * around them from the introductions alone, and the parts put in between (names.xsl,
 * index-part). The page is the one a single transformation makes: a part sorts its documents
 * as the whole list does, since it is a run of that list in order.
 */
import type { OrderEntry } from '../publish/doc-nav.js';
import { chunked } from '../util/chunked.js';
import { hashOf } from './cache.js';

/** Where a part's entries stand in the page made with index-part. */
export const ENTRIES_MARK = '\uF8FE';

export interface IndexPartsInput {
  /** The documents' stems and what the page reads of each (page-reads.ts), in the edition's list order. */
  stems: string[];
  reads: string[];
  /** The edition's order (editionNavs): introductions have no number. */
  order: OrderEntry[];
  /** Documents a transformation reads. */
  per: number;
  /** The index of documents made from some documents (in the order given) with stylesheet parameters added. */
  renderPart: (indices: number[], params: Record<string, unknown>) => Promise<string>;
  /** Parts made before, by a key of their documents' stems and reads, their first number and `base` (what else the page depends on), and where to keep those made now. */
  kept?: { base: string; get: (key: string) => string | undefined; put: (key: string, made: string) => void };
}

/** The text between a page's two marks and the page around it; null unless there are two marks exactly. */
export function splitAtMarks(page: string): { before: string; entries: string; after: string } | null {
  const first = page.indexOf(ENTRIES_MARK);
  const last = page.lastIndexOf(ENTRIES_MARK);
  if (first < 0 || first === last || page.indexOf(ENTRIES_MARK, first + 1) !== last) return null;
  return { before: page.slice(0, first), entries: page.slice(first + 1, last), after: page.slice(last + 1) };
}

/**
 * The index of documents made in parts, or null where it cannot be: the order does not name
 * each document once, a stem cannot be carried by the order's lines (a tab or line break in
 * it), or a document's own text holds the mark.
 */
export async function indexInParts(input: IndexPartsInput): Promise<string | null> {
  const { stems, order, per } = input;
  const at = new Map(stems.map((s, i) => [s, i]));
  if (at.size !== stems.length || order.length !== stems.length || stems.some((s) => /[\t\n\r]/.test(s))) return null;
  const listed = order.map((e) => at.get(e.stem));
  if (listed.some((i) => i === undefined) || new Set(listed).size !== stems.length) return null;
  const intros = order.flatMap((e, k) => (e.number ? [] : [listed[k]!]));
  const numbered = order.flatMap((e, k) => (e.number ? [listed[k]!] : []));
  const parts = chunked(numbered, per);
  // A part is made again only where its documents, what they show or its first number changed.
  const { kept } = input;
  const make = async (indices: number[], first: number): Promise<string> => {
    const key = kept && hashOf('index-part', kept.base, String(first), ...indices.flatMap((i) => [stems[i]!, hashOf(input.reads[i]!)]));
    const before = key === undefined ? undefined : kept!.get(key);
    if (before !== undefined) return before;
    const page = await input.renderPart(indices, first === 0 ? { 'index-part': true } : { 'index-part': true, 'index-first-number': first });
    if (key !== undefined) kept!.put(key, page);
    return page;
  };
  const [frame, ...made] = await Promise.all([make(intros, 0), ...parts.map((part, k) => make(part, k * per + 1))]);
  const around = splitAtMarks(frame!);
  if (!around || around.entries !== '') return null;
  const entries: string[] = [];
  for (const page of made) {
    const split = splitAtMarks(page);
    if (!split) return null;
    entries.push(split.entries);
  }
  return around.before + entries.join('') + around.after;
}
