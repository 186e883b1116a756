/**
 * The index of persons brought up to date by making again only the entries of the persons
 * whose mentions changed, when the documents changed only in their text (the turns and the
 * persons they link: page-reads.ts, the part after the header). The list of persons, their
 * order and letters then stay as they were, and an entry depends only on the register and the
 * documents that name the person: the entries of the persons named by a changed document
 * (before or after the change) are made again from those documents and the others that name
 * the same persons, and put in the place of the old ones. The page is made with title slots
 * (title-slots.ts), so an entry's documents are its slots.
 */
import { hashOf, type BuildCache } from './cache.js';
import { FRONT } from './page-reads.js';

/** A persons page made with title slots, split into its entries (`<li id="…" class="person">…</li>`) and the text around them. */
export interface PersonEntries {
  /** Entry HTML by its id attribute as written. */
  entries: Map<string, string>;
  /** The page with each entry's place as its index into `order`. */
  parts: string[];
  order: string[];
}

// Entries hold no list of their own: the first "</li>" after an entry's start ends it (text is
// written with "<" escaped).
const entryPattern = /<li id="([^"]*)" class="person">[\s\S]*?<\/li>/g;

export function personEntries(page: string): PersonEntries {
  const entries = new Map<string, string>();
  const parts: string[] = [];
  const order: string[] = [];
  let last = 0;
  for (const m of page.matchAll(entryPattern)) {
    parts.push(page.slice(last, m.index));
    entries.set(m[1]!, m[0]);
    order.push(m[1]!);
    last = m.index + m[0].length;
  }
  parts.push(page.slice(last));
  return { entries, parts, order };
}

/** The stems of the documents an entry links to (its title slots, as written: "&" as "&amp;"). */
export function entryStems(entry: string): string[] {
  return [...entry.matchAll(/\uF8FF([^\uF8FF<>"]*)\uF8FF/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** The page with the entries of `updated` in the places of theirs, or null where an updated entry had no place (the list of persons changed). */
export function replaceEntries(page: PersonEntries, updated: ReadonlyMap<string, string>): string | null {
  for (const id of updated.keys()) if (!page.entries.has(id)) return null;
  let out = page.parts[0]!;
  for (let i = 0; i < page.order.length; i++) {
    const id = page.order[i]!;
    out += (updated.get(id) ?? page.entries.get(id)!) + page.parts[i + 1]!;
  }
  return out;
}

/** A persons page's reads split where documentDigest's text begins: what decides the list of persons (the header), and the turns and linked persons. */
export function splitReads(reads: string): { head: string; text: string } {
  const at = reads.lastIndexOf(FRONT);
  return at < 0 ? { head: reads, text: '' } : { head: reads.slice(0, at), text: reads.slice(at) };
}

/** What the build keeps of the last index of persons it made for a list of documents: the page's key and a hash of each document's reads, header and text apart. */
interface LastPersons {
  key: string;
  heads: string[];
  texts: string[];
}

export interface PersonsPatchInput {
  /** The documents' stems and their reads for the index of persons (page-reads.ts), in the edition's list order. */
  stems: string[];
  reads: string[];
  /** A key of everything else the page depends on (stylesheet, parameters, register, version). */
  base: string;
  cache: BuildCache;
  /** The page made with title slots from some of the documents (by index, in order), with stylesheet parameters added. */
  renderSome: (indices: number[], params: Record<string, unknown>) => Promise<string>;
  /** The largest share of the documents a patch reads (default one half: past it, the whole page costs about as much). */
  share?: number;
}

const KIND = 'persons-last';

function lastKey(input: PersonsPatchInput): string {
  return hashOf(KIND, input.base, ...input.stems);
}

function hashes(input: PersonsPatchInput): { heads: string[]; texts: string[] } {
  const split = input.reads.map(splitReads);
  return { heads: split.map((s) => hashOf(s.head)), texts: split.map((s) => hashOf(s.text)) };
}

/** Remember `key` as the index of persons of these documents (its page is kept under it by the caller). */
export function rememberPersons(input: PersonsPatchInput, key: string): void {
  input.cache.putBlob(KIND, lastKey(input), JSON.stringify({ key, ...hashes(input) } satisfies LastPersons));
}

/** The ids a document's turns and names point to (who, ref: the part after "#" of each pointer), as its reads hold them. */
function pointedTo(text: string): Set<string> {
  const ids = new Set<string>();
  for (const m of text.matchAll(/\s(?:who|ref)="([^"]*)"/g)) {
    for (const pointer of m[1]!.split(/\s+/)) {
      const hash = pointer.indexOf('#');
      if (hash >= 0) ids.add(xmlUnescape(pointer.slice(hash + 1)));
    }
  }
  return ids;
}

function xmlUnescape(value: string): string {
  return value.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(quot|lt|gt|apos|amp));/g, (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ({ quot: '"', lt: '<', gt: '>', apos: "'", amp: '&' } as Record<string, string>)[name!]!,
  );
}

/** An id as the serializer wrote it, read back; null where it holds a character reference. */
function unescapeId(id: string): string | null {
  if (id.includes('&#')) return null;
  return id.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The last index of persons of the same documents with the entries of the persons whose
 * mentions changed made again, or undefined where it cannot be made so: no such page kept, a
 * header changed (the list of persons may have), too many documents needed to be worth it,
 * or an entry went or came.
 */
export async function patchedPersons(input: PersonsPatchInput): Promise<string | undefined> {
  const { stems, cache } = input;
  let last: LastPersons;
  try {
    last = JSON.parse(cache.getBlob(KIND, lastKey(input))?.toString('utf8') ?? 'null') as LastPersons;
  } catch {
    return undefined;
  }
  if (!last || last.heads.length !== stems.length) return undefined;
  const now = hashes(input);
  if (now.heads.some((h, i) => h !== last.heads[i])) return undefined;
  const changed = stems.map((_s, i) => i).filter((i) => now.texts[i] !== last.texts[i]);
  const most = (input.share ?? 0.5) * stems.length;
  if (changed.length === 0 || changed.length > most) return undefined;
  const old = cache.getBlob('index-slots', last.key)?.toString('utf8');
  if (old === undefined) return undefined;
  const page = personEntries(old);
  const changedStems = new Set(changed.map((i) => stems[i]!));
  // The persons the changed documents named before, and those they name now.
  const affected = new Set([...page.entries].filter(([, entry]) => entryStems(entry).some((s) => changedStems.has(s))).map(([id]) => id));
  for (const id of personEntries(await input.renderSome(changed, { 'persons-mentioned': true })).entries.keys()) affected.add(id);
  // And the persons of the page that the changed documents point to now: without a register, a
  // person listed by another document only is no entry of the changed documents' own page.
  const byId = new Map([...page.entries.keys()].flatMap((id) => {
    const plain = unescapeId(id);
    return plain === null ? [] : [[plain, id] as const];
  }));
  for (const i of changed) for (const id of pointedTo(splitReads(input.reads[i]!).text)) if (byId.has(id)) affected.add(byId.get(id)!);
  if (affected.size === 0) return old;
  const keys = [...affected].map(unescapeId);
  if (keys.some((k) => k === null)) return undefined;
  // Every document that names one of them (before or after the change).
  const needed = new Set(changedStems);
  for (const id of affected) for (const s of entryStems(page.entries.get(id) ?? '')) needed.add(s);
  const indices = stems.map((_s, i) => i).filter((i) => needed.has(stems[i]!));
  if (indices.length > most) return undefined;
  const made = personEntries(await input.renderSome(indices, { 'persons-only': keys }));
  if (made.entries.size !== affected.size || [...affected].some((id) => !made.entries.has(id))) return undefined;
  return replaceEntries(page, made.entries) ?? undefined;
}
