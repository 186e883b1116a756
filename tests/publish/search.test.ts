/**
 * The search index writer (src/publish/search-index.ts) and the query engine of the search page
 * (transform/html/search.js, the same code in Node): tokeniser, stemmers (fixture pairs), AND,
 * phrases, BM25 order, filters, snippets, shards split by prefix.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchChunk, searchCore, searchDocumentFile, searchFilesFromChunks, searchIndexFiles, type SearchDocument } from '../../src/publish/search-index.js';
import { buildHtmlEdition } from '../../src/publish/html.js';
import { repo, sampleTei } from './helpers.js';

const c = searchCore();

function pairs(file: string): [string, string][] {
  return readFileSync(path.join(repo, 'tests/fixtures/search', file), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t') as [string, string]);
}

/** The engine over an index held in memory (the files the writer made), as the page runs it. */
function engine(files: Map<string, string>) {
  const data: Record<string, any> = {};
  const loaded: string[] = [];
  const load = (rel: string) => {
    const text = files.get(`search/${rel}`);
    if (text === undefined) throw new Error(`no ${rel}`);
    loaded.push(rel);
    new Function('teiSearchData', text)((k: string, n: string, d: unknown) => (data[`${k}:${n}`] = d));
  };
  load('meta.js');
  const meta = data['meta:'];
  const query = (q: string, filter?: (d: number) => boolean) => {
    const phrases = c.parse(q);
    const postings = (k: string) => {
      const s = c.shardOf(k, meta.shards);
      if (s === null) return new Map<number, number[]>();
      if (!data[`shard:${s}`]) load(c.shardFile(s));
      const shard = data[`shard:${s}`];
      return Object.hasOwn(shard, k) ? c.decode(shard[k]) : new Map<number, number[]>();
    };
    return c.rank(phrases, meta, postings, filter ?? null).results.map((r) => r.doc);
  };
  return { meta, query, loaded, data, load };
}

const doc = (stem: string, paragraphs: string[], meta: Partial<SearchDocument['meta']> = {}): SearchDocument => ({
  stem,
  title: stem,
  entries: paragraphs.map((p, i) => [`${stem}-p${i + 1}`, p]),
  meta: { date: '', kind: '', lang: 'en', persons: [], ...meta },
});

describe('search: words', () => {
  it('folds case, diacritics and apostrophes, and keeps offsets into the text', () => {
    const text = 'Kim Il Sung’s talk with Ch’oe in the Café, naïve Übermut';
    const ws = c.words(text);
    expect(ws.map((w) => w.w)).toEqual(['kim', 'il', 'sung', 'talk', 'with', 'choe', 'in', 'the', 'cafe', 'naive', 'ubermut']);
    for (const w of ws) expect(c.fold(text.slice(w.start, w.end))).toBe(w.w);
    // Decomposed input folds as the composed one does.
    expect(c.words('Cafe\u0301')[0]!.w).toBe('cafe');
  });

  it('stems English with Porter (fixture pairs)', () => {
    const list = pairs('stem-en.tsv');
    expect(list.length).toBeGreaterThan(70);
    for (const [w, stem] of list) expect(c.stemEn(w), w).toBe(stem);
  });

  it('stems German lightly (fixture pairs)', () => {
    for (const [w, stem] of pairs('stem-de.tsv')) expect(c.stemDe(c.fold(w)), w).toBe(stem);
  });

  it('parses all-words queries and quoted phrases', () => {
    expect(c.parse('Honecker "Kim Il Sung" x')).toEqual([[['honecker', 0]], [['kim', 0], ['il', 1], ['sung', 2]], [['x', 0]]]);
    expect(c.queryKeys('the')).toEqual([]);
    expect(c.queryKeys('talks')).toEqual(['talk', 'talks']);
  });
});

describe('search: queries', () => {
  const docs = [
    doc('a', ['Honecker met the delegation.', 'Kim spoke of the talks.']),
    doc('b', ['Honecker and Kim Il Sung talked. Kim Il Sung said: Honecker is right.', 'Kim again.'], { date: '1984-05-31', persons: ['Erich Honecker'], kind: 'Memorandum' }),
    doc('c', ['Only Honecker here, Honecker and Honecker.']),
    doc('d', ['Sung Il Kim, in the wrong order, and Honecker.'], { date: '1968-04-23', kind: 'Minutes' }),
    doc('e', ['Die Verhandlungen mit Honecker und Kim.'], { lang: 'de' }),
  ];
  const files = searchIndexFiles(docs);
  const e = engine(files);

  it('finds documents with all the words (AND), the one that says them most first (BM25)', () => {
    expect(e.query('Honecker Kim')[0]).toBe(1);
    expect(new Set(e.query('Honecker Kim'))).toEqual(new Set([0, 1, 3, 4]));
    expect(e.query('Honecker delegation')).toEqual([0]);
    expect(e.query('Honecker nowhere')).toEqual([]);
  });

  it('ranks by BM25: term frequency against document length, rare words weigh more', () => {
    // c says Honecker three times in a short paragraph.
    expect(e.query('Honecker')[0]).toBe(2);
  });

  it('matches a quoted phrase only where its words stand adjacent, in order', () => {
    expect(e.query('"Kim Il Sung"')).toEqual([1]);
    expect(new Set(e.query('Kim Il Sung'))).toEqual(new Set([1, 3]));
    // A stop word holds its place: one word, any (stop words are not indexed), between the two;
    // e's "Honecker und Kim" has one too.
    expect(e.query('"Honecker and Kim"')).toEqual([1, 4]);
    expect(e.query('"Honecker Kim"')).toEqual([]);
    // No phrase across two paragraphs (a: "delegation." | "Kim").
    expect(e.query('"delegation Kim"')).toEqual([]);
  });

  it('stems by the document language: German endings, English endings', () => {
    expect(e.query('Verhandlung')).toEqual([4]);
    expect(e.query('talk')).toEqual(expect.arrayContaining([0, 1]));
  });

  it('filters by date, person and kind from the documents table', () => {
    const m = e.meta;
    expect(e.query('Honecker', (d) => m.date[d] >= 19800101)).toEqual([1]);
    const honecker = m.persons.indexOf('Erich Honecker');
    expect(e.query('Kim', (d) => m.pers[d].includes(honecker))).toEqual([1]);
    expect(e.query('Honecker', (d) => m.kinds[m.kind[d]] === 'Minutes')).toEqual([3]);
  });

  it('makes a snippet of the best paragraph, on word boundaries, with the words marked', () => {
    const phrases = c.parse('Honecker Kim');
    const weights = { honecker: { keys: c.queryKeys('honecker'), idf: 1 }, kim: { keys: c.queryKeys('kim'), idf: 1 } };
    const sn = c.snippet(docs[1]!.entries.map((x) => x[1]), 'en', phrases, weights, 6);
    expect(sn.index).toBe(0);
    expect(sn.parts.filter(([, m]) => m).map(([t]) => t)).toEqual(expect.arrayContaining(['Honecker', 'Kim']));
    const text = sn.parts.map(([t]) => t).join('');
    // Cut at word boundaries: every word of the snippet is a whole word of the paragraph.
    for (const w of c.words(text.replace(/…/g, ''))) expect(c.words(docs[1]!.entries[0]![1]).map((x) => x.w)).toContain(w.w);
    expect(text.endsWith('…')).toBe(true);
  });

  it('splits shards by a longer prefix and answers the same from them', () => {
    const small = searchIndexFiles(docs, { shardBytes: 40 });
    const s = engine(small);
    expect(s.meta.shards.length).toBeGreaterThan(e.meta.shards.length);
    for (const q of ['Honecker Kim', '"Kim Il Sung"', 'Verhandlung', 'talk']) expect(s.query(q), q).toEqual(e.query(q));
    // A query loads the shards of its words only.
    const before = s.loaded.length;
    s.query('Verhandlung');
    expect(s.loaded.length - before).toBeLessThanOrEqual(1);
  });
});

describe('search: the sample edition', () => {
  it('finds "Honecker Kim" in the document where Honecker and Kim Il Sung speak, first', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'tei-edition-search-'));
    buildHtmlEdition({ source: sampleTei, out });
    const e = engine({ get: (rel: string) => readFileSync(path.join(out, rel), 'utf8') } as unknown as Map<string, string>);
    const results = e.query('Honecker Kim');
    e.load(`d/${results[0]}.js`);
    expect(e.data[`doc:${results[0]}`].s).toBe('doc-1984-05-31-honecker-kim-il-sung');
    expect(results.length).toBe(2);
  });
});

describe('search: the index made from parts', () => {
  const docs = [
    doc('a', ['Honecker met the delegation.', 'Kim spoke of the talks.']),
    doc('b', ['Honecker and Kim Il Sung talked.', 'Kim again.'], { date: '1984-05-31', persons: ['Erich Honecker', 'Kim Il Sung'], kind: 'Memorandum' }),
    doc('c', ['Only Honecker here, Honecker and Honecker.'], { persons: ['Kim Il Sung'] }),
    doc('d', ['Sung Il Kim, in the wrong order, and Honecker.'], { date: '1968-04-23', kind: 'Minutes', persons: ['Anna Seghers'] }),
    doc('e', ['Die Verhandlungen mit Honecker und Kim.'], { lang: 'de', kind: 'Minutes' }),
  ];
  it('writes the same documents table and shards however the documents are cut into parts', () => {
    for (const shardBytes of [40, 65536]) {
      const whole = searchIndexFiles(docs, { shardBytes });
      const shared = new Map([...whole].filter(([rel]) => !rel.startsWith('search/d/')));
      for (const size of [1, 2, 3, 4]) {
        const chunks = [];
        for (let i = 0; i < docs.length; i += size) chunks.push(searchChunk(docs.slice(i, i + size)));
        // Through JSON, as the build keeps them.
        const parts = searchFilesFromChunks(chunks.map((c) => JSON.parse(JSON.stringify(c))), { shardBytes });
        expect([...parts.keys()].sort(), `parts of ${size}`).toEqual([...shared.keys()].sort());
        for (const [rel, text] of parts) expect(text, `${rel}, parts of ${size}`).toBe(shared.get(rel));
      }
    }
  });
  it('gives each document its own file by its number', () => {
    const whole = searchIndexFiles(docs);
    docs.forEach((d, id) => expect(searchDocumentFile(id, d)).toEqual([`search/d/${id}.js`, whole.get(`search/d/${id}.js`)]));
  });
});
