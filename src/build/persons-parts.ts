/**
 * The index of persons made without every document's tree at once (one transformation over
 * 10,000 documents holds gigabytes). Who is named where is found a few hundred documents at a
 * time (names.xsl, person-mentions: one "key TAB how TAB stem…" string a mention, in the
 * documents' order). The page is then made from those findings: first with no one's mentions
 * (every entry, from the register and from the first header that lists each participant),
 * then the entries again in groups of persons, each from the mentions of its persons only and
 * the headers that first list them, put into the page in their places (persons-patch.ts). With
 * the pages kept, a change to one document makes again its own mentions, the groups of the
 * persons it names and (where its header first lists a participant) the page without them. The
 * page is the one a single transformation makes: an entry depends only on the register, its
 * person's mentions in the documents' order and the first header that lists them.
 */
import { chunked } from '../util/chunked.js';
import { hashOf } from './cache.js';
import { END, FRONT } from './page-reads.js';
import { personEntries, replaceEntries } from './persons-patch.js';

/** Mentions a transformation of a group of persons reads (a person named more often is a group alone). */
export const MENTIONS_PER_GROUP = 50_000;

export interface PersonsPartsInput {
  /** The documents' stems and what the page reads of each (page-reads.ts), in the edition's list order. */
  stems: string[];
  reads: string[];
  /** Documents a transformation of person-mentions reads. */
  per: number;
  /** Mentions a transformation of a group of persons reads (default MENTIONS_PER_GROUP). */
  mentionsPerGroup?: number;
  /** person-mentions over some documents (by index, in order) with mentions-by-document: the JSON list of strings. */
  mentionsOf: (indices: number[]) => Promise<string>;
  /** Each document's mentions as found before (by index), and where to keep those found now. */
  kept?: { get: (index: number) => string[] | undefined; put: (index: number, mentions: string[]) => void };
  /** The pages made before (the page without mentions, each group's), by a key of what they were made from and `base` (what else the page depends on), and where to keep those made now. */
  keptPages?: { base: string; get: (key: string) => string | undefined; put: (key: string, page: string) => void };
  /** The index of persons from some documents' reads (with their stems, in order) and stylesheet parameters added. */
  renderPage: (reads: string[], stems: string[], params: Record<string, unknown>) => Promise<string>;
}

/** A document's reads with its text left empty (the header is what the page reads once the mentions are given); as it is where not shaped so. */
export function headerOnly(reads: string): string {
  const at = reads.lastIndexOf(FRONT);
  if (at < 0 || !reads.endsWith(END)) return reads;
  return `${reads.slice(0, at)}${FRONT}</front><body>${END}`;
}

/**
 * The persons' keys in groups of about `most` mentions, and each key's mentions (in order). A
 * key's group is fixed by a hash of the key and the number of groups, so that a change to one
 * person's mentions changes one group only (and the groups kept of the others stay right).
 */
function groups(mentions: string[], most: number): { byKey: Map<string, string[]>; groups: string[][] } {
  const byKey = new Map<string, string[]>();
  for (const m of mentions) {
    const tab = m.indexOf('\t');
    // (A mention without a tab is grouped under no key by the stylesheet.)
    const key = tab < 0 ? '' : m.slice(0, tab);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(m);
  }
  const count = Math.max(1, Math.ceil(mentions.length / most));
  const out: string[][] = Array.from({ length: count }, () => []);
  for (const key of byKey.keys()) out[Number.parseInt(hashOf(key).slice(0, 8), 16) % count]!.push(key);
  return { byKey, groups: out.filter((g) => g.length) };
}

/** Each document's mentions: those kept, and the others found `per` documents at a time (each document's strings end with an empty one). */
async function mentionsByDocument(input: PersonsPartsInput): Promise<string[][]> {
  const byDocument: (string[] | undefined)[] = input.reads.map((_r, i) => input.kept?.get(i));
  const missing = byDocument.flatMap((m, i) => (m ? [] : [i]));
  await Promise.all(
    chunked(missing, input.per).map(async (part) => {
      const strings = JSON.parse(await input.mentionsOf(part)) as string[];
      let k = 0;
      let current: string[] = [];
      for (const m of strings) {
        if (m !== '') current.push(m);
        else {
          byDocument[part[k]!] = current;
          input.kept?.put(part[k]!, current);
          k++;
          current = [];
        }
      }
      if (k !== part.length) throw new Error(`person-mentions: ${k} documents' mentions for ${part.length} documents`);
    }),
  );
  return byDocument as string[][];
}

/**
 * The index of persons made in parts. With persons-only among `params` (the entries of a few
 * persons: persons-patch.ts) it is the page of those persons alone, made as a group is, from
 * their mentions and the headers that first list them. With persons-mentioned, or where a stem
 * holds a tab or a line break (a mention's fields could not be told apart), the page is made in
 * one transformation from the mentions and every header.
 */
export async function personsInParts(input: PersonsPartsInput, params: Record<string, unknown>): Promise<string> {
  const { stems, reads, per } = input;
  const all = reads.map((_r, k) => k);
  const mentions = (await mentionsByDocument(input)).flat();
  const given = (list: string[]) => ({ ...params, 'mentions-given': true, 'given-mentions': list });
  // The headers, cut once: each page reads and is keyed by some of them.
  const heads = reads.map(headerOnly);
  const render = (indices: number[], extra: Record<string, unknown>) => input.renderPage(indices.map((i) => heads[i]!), indices.map((i) => stems[i]!), extra);
  const whole = () => render(all, given(mentions));
  // A page kept under a key of its documents' stems and headers and of its persons' mentions.
  const page = async (indices: number[], keys: string[] | null, list: string[]): Promise<string> => {
    const { keptPages } = input;
    const extra = keys === null ? given(list) : { ...given(list), 'persons-only': keys };
    const key = keptPages && hashOf('persons-part', keptPages.base, JSON.stringify(params), keys === null ? '' : keys.join('\n'), list.join('\n'), ...indices.flatMap((i) => [stems[i]!, hashOf(heads[i]!)]));
    const before = key === undefined ? undefined : keptPages!.get(key);
    if (before !== undefined) return before;
    const made = await render(indices, extra);
    if (key !== undefined) keptPages!.put(key, made);
    return made;
  };
  const only = params['persons-only'];
  if ((only !== undefined && !(Array.isArray(only) && only.every((k) => typeof k === 'string'))) || params['persons-mentioned'] !== undefined || stems.some((s) => /[\t\n\r]/.test(s))) return whole();
  // The first document whose header lists each participant (by key).
  const at = new Map(stems.map((s, i) => [s, i]));
  if (at.size !== stems.length) return whole();
  const first = new Map<string, number>();
  for (const m of mentions) {
    const fields = m.split('\t');
    if (fields.length === 3 && fields[1] === 'participant' && !first.has(fields[0]!)) first.set(fields[0]!, at.get(fields[2]!)!);
  }
  const firsts = (keys: Iterable<string>) => [...new Set([...keys].flatMap((k) => (first.has(k) ? [first.get(k)!] : [])))].sort((a, b) => a - b);
  const { byKey, groups: keyGroups } = groups(mentions, input.mentionsPerGroup ?? MENTIONS_PER_GROUP);
  // Some persons' entries only (the persons patch): one group of them, from their mentions and the headers that first list them.
  if (only !== undefined) return page(firsts(only as string[]), only as string[], (only as string[]).flatMap((k) => byKey.get(k) ?? []));
  const [skeleton, ...made] = await Promise.all([
    page(firsts(first.keys()), null, []),
    ...keyGroups.map((keys) => page(firsts(keys), keys, keys.flatMap((k) => byKey.get(k)!))),
  ]);
  const entries = personEntries(skeleton!);
  if (entries.entries.size !== entries.order.length) return whole();
  const updated = new Map<string, string>();
  for (const part of made) for (const [id, entry] of personEntries(part!).entries) updated.set(id, entry);
  return replaceEntries(entries, updated) ?? whole();
}
