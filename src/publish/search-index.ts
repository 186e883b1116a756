/**
 * The search index of the web edition, in fragments the search page loads on demand (as
 * scripts, so that it works from file:// too). The words are normalised by the same code the
 * search page runs (transform/html/search.js, evaluated here), so index and query agree.
 *
 * Layout (docs/web-edition.md, "Search"): search/meta.js, the documents table (the facets
 * and lengths of every document, the shard list); search/index-XX.js, the postings of the
 * index keys starting with XX (a shard is split by a longer prefix while it is over
 * `shardBytes`); search/d/N.js, document N's page name, title and paragraphs (loaded for
 * the results shown only).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { transformDir } from './compile.js';

/** What a document's page tells the search index besides its text. */
export interface SearchMeta {
  /** The document's own date, ISO (yyyy, yyyy-mm or yyyy-mm-dd), or ''. */
  date: string;
  /** Its kind (genre), or ''. */
  kind: string;
  /** Its language (xml:lang), or ''. */
  lang: string;
  /** The names of the persons it names in its header (participants, sender, addressee). */
  persons: string[];
}

export interface SearchDocument {
  stem: string;
  title: string;
  entries: [string, string][];
  meta?: SearchMeta;
}

interface Core {
  tokens(paragraphs: string[], lang: string, memo?: Map<string, string | null>): { keys: string[]; pos: number[] };
  language(lang: string): string;
  shardFile(prefix: string): string;
  shardOf(term: string, shards: string[]): string | null;
  parse(q: string): [string, number][][];
  queryKeys(w: string): string[];
  decode(list: number[]): Map<number, number[]>;
  rank(phrases: [string, number][][], meta: unknown, postings: (k: string) => Map<number, number[]>, filter?: ((d: number) => boolean) | null): { results: { doc: number; score: number }[]; words: Map<string, { keys: string[]; docs: Map<number, number[]> }> };
  snippet(paragraphs: string[], lang: string, phrases: [string, number][][], weights: Record<string, { keys: string[]; idf: number }>, width?: number): { index: number; parts: [string, boolean][] };
  stemEn(w: string): string;
  stemDe(w: string): string;
  words(text: string): { w: string; start: number; end: number }[];
  fold(w: string): string;
}

export const searchScript = path.join(transformDir, 'html', 'search.js');
let core: Core | undefined;

/** The search page's own tokeniser, stemmers and query engine, run in Node. */
export function searchCore(): Core {
  if (core) return core;
  // The script takes `window` as its root: here a plain object, without a document.
  const holder: { teiSearchCore?: Core } = {};
  new Function('window', readFileSync(searchScript, 'utf8'))(holder);
  core = holder.teiSearchCore!;
  return core;
}

/** The documents table as meta.js holds it. */
export interface SearchTable {
  n: number;
  avgdl: number;
  len: number[];
  date: number[];
  kind: number[];
  kinds: string[];
  lang: number[];
  langs: string[];
  pers: number[][];
  persons: string[];
  shards: string[];
}

/** An ISO date as yyyymmdd (0 when there is none). */
function dateNumber(date: string): number {
  const m = /^(-?\d{1,4})(?:-(\d\d)(?:-(\d\d))?)?/.exec(date.trim());
  if (!m) return 0;
  return Number(m[1]) * 10000 + (m[2] ? Number(m[2]) : 0) * 100 + (m[3] ? Number(m[3]) : 0);
}

/** The length of a list of non-negative integers printed as JSON. */
function printedSize(list: number[]): number {
  let n = 1;
  for (const x of list) n += x < 10 ? 2 : x < 100 ? 3 : x < 1000 ? 4 : x < 10000 ? 5 : String(x).length + 1;
  return n;
}

function script(kind: string, name: string, data: unknown): string {
  // JSON in a script: "<" escaped so that no "</script>" or comment opener ever appears.
  return `teiSearchData(${JSON.stringify(kind)},${JSON.stringify(name)},${JSON.stringify(data).replace(/</g, '\\u003c')});\n`;
}

/**
 * What the search index holds of some documents in a row, numbered from 0: for each index key
 * the first and last of them that have it and its postings (the first gap counted from 0), and
 * each document's length and facets. The index of the whole edition is made from such parts
 * (searchFilesFromChunks), so that a part whose documents did not change is kept, not made again.
 */
export interface SearchChunk {
  n: number;
  len: number[];
  date: number[];
  kind: string[];
  lang: string[];
  persons: string[][];
  /** [key, first, last, postings]: postings as in a shard (gap to the document, count, gaps between positions, …). */
  postings: [string, number, number, number[]][];
}

/** The search index's part for `docs` (tokenised by the search page's own code). */
export function searchChunk(docs: SearchDocument[]): SearchChunk {
  const c = searchCore();
  const chunk: SearchChunk = { n: docs.length, len: [], date: [], kind: [], lang: [], persons: [], postings: [] };
  const postings = new Map<string, [string, number, number, number[]]>();
  const memos = new Map<string, Map<string, string | null>>();
  docs.forEach((d, id) => {
    const meta = d.meta ?? { date: '', kind: '', lang: '', persons: [] };
    const lang = c.language(meta.lang);
    let memo = memos.get(lang);
    if (!memo) memos.set(lang, (memo = new Map()));
    if (memo.size > 500000) memo.clear();
    // The title is the document's first paragraph for the index (not shown as a snippet).
    const toks = c.tokens([d.title, ...d.entries.map((e) => e[1])], lang, memo);
    const own = new Map<string, number[]>();
    for (let t = 0; t < toks.keys.length; t++) {
      const k = toks.keys[t]!;
      const list = own.get(k);
      if (list) list.push(toks.pos[t]!);
      else own.set(k, [toks.pos[t]!]);
    }
    for (const [k, ps] of own) {
      let entry = postings.get(k);
      if (!entry) postings.set(k, (entry = [k, id, id, []]));
      const list = entry[3];
      list.push(id - (list.length ? entry[2] : 0), ps.length);
      let prev = 0;
      for (const p of ps) {
        list.push(p - prev);
        prev = p;
      }
      entry[2] = id;
    }
    chunk.len.push(toks.keys.length);
    chunk.date.push(dateNumber(meta.date));
    chunk.kind.push(meta.kind);
    chunk.lang.push(lang);
    chunk.persons.push(meta.persons);
  });
  chunk.postings = [...postings.values()];
  return chunk;
}

/** A document's file of the search index (search/d/N.js): page name, title and paragraphs. */
export function searchDocumentFile(id: number, d: SearchDocument): [string, string] {
  return [`search/d/${id}.js`, script('doc', String(id), { s: d.stem, t: d.title, p: d.entries })];
}

/**
 * The files of the search index, relative to the edition (search/…), with their content.
 * `shardBytes`: the size over which a shard is split by a longer prefix (default 64 KiB).
 */
export function searchIndexFiles(docs: SearchDocument[], options: { shardBytes?: number } = {}): Map<string, string> {
  const files = new Map(docs.map((d, id) => searchDocumentFile(id, d)));
  for (const [rel, text] of searchFilesFromChunks([searchChunk(docs)], options)) files.set(rel, text);
  return files;
}

/**
 * The documents table and the shards of the search index (search/meta.js, search/index-XX.js;
 * not the documents' own files) from the parts of the edition's documents in their order: the
 * same files, byte for byte, however the documents are cut into parts. The parts are taken one
 * at a time (a generator that makes or reads each when asked holds one part at a time).
 */
export function searchFilesFromChunks(chunks: Iterable<SearchChunk>, options: { shardBytes?: number } = {}): Map<string, string> {
  const c = searchCore();
  const limit = options.shardBytes ?? 65536;
  const files = new Map<string, string>();
  const postings = new Map<string, number[]>();
  const last = new Map<string, number>();
  const kinds: string[] = [''];
  const langs: string[] = [''];
  const persons: string[] = [];
  const personIndex = new Map<string, number>();
  const table: SearchTable = { n: 0, avgdl: 0, len: [], date: [], kind: [], kinds, lang: [], langs, pers: [], persons, shards: [] };
  const indexOf = (list: string[], value: string): number => {
    let i = list.indexOf(value);
    if (i < 0) i = list.push(value) - 1;
    return i;
  };
  let total = 0;
  let start = 0;
  for (const chunk of chunks) {
    // A key's postings go on from the part before: only the gap to its first document here changes.
    for (const [k, first, lastHere, list] of chunk.postings) {
      let all = postings.get(k);
      if (!all) postings.set(k, (all = []));
      all.push(start + first - (last.get(k) ?? 0));
      for (let i = 1; i < list.length; i++) all.push(list[i]!);
      last.set(k, start + lastHere);
    }
    for (let id = 0; id < chunk.n; id++) {
      table.len.push(chunk.len[id]!);
      total += chunk.len[id]!;
      table.date.push(chunk.date[id]!);
      table.kind.push(indexOf(kinds, chunk.kind[id]!));
      table.lang.push(indexOf(langs, chunk.lang[id]!));
      table.pers.push(
        chunk.persons[id]!.map((name) => {
          let i = personIndex.get(name);
          if (i === undefined) personIndex.set(name, (i = persons.push(name) - 1));
          return i;
        }),
      );
    }
    start += chunk.n;
  }
  const n = (table.n = start);
  table.avgdl = n ? total / n : 0;
  // Persons listed by name (the filter's order); the documents point to them by number.
  const order = persons.map((_, i) => i).sort((a, b) => persons[a]!.localeCompare(persons[b]!));
  const renumber = new Array<number>(persons.length);
  order.forEach((old, i) => (renumber[old] = i));
  table.persons = order.map((i) => persons[i]!);
  table.pers = table.pers.map((ps) => ps.map((i) => renumber[i]!));
  // Shards: split by a longer prefix while over the limit.
  const sized = [...postings.keys()].sort().map((k) => ({ k, chars: Array.from(k), bytes: k.length + 4 + printedSize(postings.get(k)!) }));
  const shards: { prefix: string; terms: string[] }[] = [];
  const split = (prefix: string, depth: number, terms: typeof sized): void => {
    const bytes = terms.reduce((s, t) => s + t.bytes, 0);
    if (bytes <= limit || terms.every((t) => t.chars.length <= depth)) {
      shards.push({ prefix, terms: terms.map((t) => t.k) });
      return;
    }
    const exact = terms.filter((t) => t.chars.length <= depth);
    if (exact.length) shards.push({ prefix, terms: exact.map((t) => t.k) });
    const groups = new Map<string, typeof sized>();
    for (const t of terms) {
      if (t.chars.length <= depth) continue;
      const next = prefix + t.chars[depth];
      const g = groups.get(next);
      if (g) g.push(t);
      else groups.set(next, [t]);
    }
    for (const [next, g] of groups) split(next, depth + 1, g);
  };
  if (sized.length) split('', 0, sized);
  table.shards = shards.map((s) => s.prefix);
  for (const s of shards) {
    const data: Record<string, number[]> = {};
    for (const k of s.terms) data[k] = postings.get(k)!;
    files.set(`search/${c.shardFile(s.prefix)}`, script('shard', s.prefix, data));
  }
  files.set('search/meta.js', script('meta', '', table));
  return files;
}
