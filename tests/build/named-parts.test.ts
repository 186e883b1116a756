/**
 * The index of documents and the index of persons made in parts (src/build/index-parts.ts,
 * src/build/persons-parts.ts): on the sample edition and on TEI of other projects (letters,
 * plays, FRUS documents), made two documents at a time, each page is the page one
 * transformation makes from every document, byte for byte; a document whose own text holds
 * the index's mark is not made in parts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexInParts, splitAtMarks, ENTRIES_MARK } from '../../src/build/index-parts.js';
import { pageReads } from '../../src/build/page-reads.js';
import { headerOnly, personsInParts } from '../../src/build/persons-parts.js';
import { editionOrder, parseOrderEntries } from '../../src/publish/doc-nav.js';
import { documentDigest, parseTei, renderNamedPage } from '../../src/publish/html.js';

const repo = path.resolve(import.meta.dirname, '../..');
const register = readFileSync(path.join(repo, 'source', 'persons.xml'), 'utf8');
const common = { 'edition-title': 'Test', 'title-slots': true };

function edition(dirs: string[]): { stems: string[]; digests: string[] } {
  const files = dirs.flatMap((d) => readdirSync(path.join(repo, d)).filter((f) => f.endsWith('.xml') && f !== 'persons.xml').map((f) => path.join(repo, d, f)));
  return { stems: files.map((f) => path.basename(f).replace(/\.(ref\.)?xml$/, '')), digests: files.map((f) => documentDigest(parseTei(readFileSync(f, 'utf8')))) };
}

function orderOf(stems: string[], digests: string[]) {
  const keys = parseOrderEntries(renderNamedPage('order-entries', digests, stems, null, common));
  return editionOrder(stems.map((stem) => ({ stem, ...keys.get(stem)! })));
}

const pick = <T>(items: T[], indices: number[]) => indices.map((i) => items[i]!);

async function indexBoth(stems: string[], digests: string[]) {
  const reads = digests.map((d) => pageReads('index', d));
  const whole = renderNamedPage('index', reads, stems, register, common);
  const parted = await indexInParts({ stems, reads, order: orderOf(stems, digests), per: 2, renderPart: async (some, params) => renderNamedPage('index', pick(reads, some), pick(stems, some), register, { ...common, ...params }) });
  return { whole, parted };
}

async function personsBoth(stems: string[], digests: string[], params: Record<string, unknown> = {}, registerText: string | null = register) {
  const reads = digests.map((d) => pageReads('persons', d));
  const whole = renderNamedPage('persons', reads, stems, registerText, { ...common, ...params });
  let pages = 0;
  const parted = await personsInParts(
    {
      stems,
      reads,
      per: 2,
      mentionsPerGroup: 20,
      mentionsOf: async (some) => renderNamedPage('person-mentions', pick(reads, some), pick(stems, some), null, { ...common, 'mentions-by-document': true }),
      renderPage: async (r, s, p) => {
        pages++;
        return renderNamedPage('persons', r, s, registerText, { ...common, ...p });
      },
    },
    params,
  );
  return { whole, parted, pages };
}

const editions = {
  sample: ['source/tei'],
  'other projects': ['tests/corpus/foreign-sample/schnitzler', 'tests/corpus/foreign-sample/dracor', 'tests/corpus/foreign-sample/teic', 'tests/corpus/frus-sample'],
};

describe('the indexes made in parts', () => {
  for (const [name, dirs] of Object.entries(editions)) {
    const { stems, digests } = edition(dirs);

    it(`the index of documents of the ${name} edition, two documents a part`, async () => {
      expect(stems.length).toBeGreaterThan(4);
      const { whole, parted } = await indexBoth(stems, digests);
      expect(parted).not.toBeNull();
      expect(parted).toBe(whole);
      expect(whole).toContain(`Document ${stems.length - 1}<`);
    }, 120_000);

    it(`the index of persons of the ${name} edition, mentions found two documents at a time`, async () => {
      const { whole, parted, pages } = await personsBoth(stems, digests);
      expect(parted).toBe(whole);
      // The page without anyone's mentions, and more than one group of persons.
      expect(pages).toBeGreaterThan(2);
      expect(whole).toMatch(/Speaks in: /);
      const { whole: some, parted: someParted } = await personsBoth(stems, digests, { 'persons-mentioned': true });
      expect(someParted).toBe(some);
      // With no register, everyone from the documents' lists of persons.
      const { whole: unregistered, parted: unregisteredParted, pages: unregisteredPages } = await personsBoth(stems, digests, {}, null);
      expect(unregisteredParted).toBe(unregistered);
      expect(unregisteredPages).toBeGreaterThan(2);
    }, 120_000);
  }

  it('a document whose participant’s name holds the mark: the index is not made in parts', async () => {
    const { stems, digests } = edition(editions.sample);
    const marked = digests.map((d, i) => (i === 1 ? d.replace(/(<particDesc>[\s\S]*?<persName[^>]*>)/, `$1${ENTRIES_MARK}`) : d));
    expect(marked[1]).toContain(ENTRIES_MARK);
    const { parted } = await indexBoth(stems, marked);
    expect(parted).toBeNull();
  }, 120_000);

  it('the parts of the index of documents kept from the last page are not made again', async () => {
    const { stems, digests } = edition(editions['other projects']);
    const order = orderOf(stems, digests);
    const kept = new Map<string, string>();
    let made = 0;
    const make = (r: string[]) =>
      indexInParts({
        stems,
        reads: r,
        order,
        per: 2,
        kept: { base: 'test', get: (k) => kept.get(k), put: (k, v) => void kept.set(k, v) },
        renderPart: async (some, params) => {
          made++;
          return renderNamedPage('index', pick(r, some), pick(stems, some), register, { ...common, ...params });
        },
      });
    const reads = digests.map((d) => pageReads('index', d));
    const first = await make(reads);
    const parts = made;
    expect(parts).toBeGreaterThan(2);
    made = 0;
    expect(await make(reads)).toBe(first);
    expect(made).toBe(0);
    // A participant renamed in the header of one document: its part is made again, and only it.
    const last = reads.findIndex((r) => /<particDesc>[\s\S]*?<persName/.test(r));
    const edited = reads.slice();
    edited[last] = reads[last]!.replace(/(<particDesc>[\s\S]*?<persName[^>]*>)/, '$1Renamed ');
    expect(edited[last]).not.toBe(reads[last]);
    const second = await make(edited);
    expect(made).toBe(1);
    expect(second).toBe(renderNamedPage('index', edited, stems, register, common));
    expect(second).toContain('Renamed ');
  }, 120_000);

  it('the mentions of documents kept from the last page are not found again', async () => {
    const { stems, digests } = edition(editions['other projects']);
    const reads = digests.map((d) => pageReads('persons', d));
    const kept = new Map<number, string[]>();
    const pages = new Map<string, string>();
    let rendered = 0;
    const asked: number[][] = [];
    const make = (r: string[]) =>
      personsInParts(
        {
          stems,
          reads: r,
          per: 2,
          mentionsPerGroup: 20,
          kept: { get: (i) => kept.get(i), put: (i, m) => void kept.set(i, m) },
          keptPages: { base: 'test', get: (k) => pages.get(k), put: (k, p) => void pages.set(k, p) },
          mentionsOf: async (some) => {
            asked.push(some);
            return renderNamedPage('person-mentions', pick(r, some), pick(stems, some), null, { ...common, 'mentions-by-document': true });
          },
          renderPage: async (rr, s, p) => {
            rendered++;
            return renderNamedPage('persons', rr, s, register, { ...common, ...p });
          },
        },
        {},
      );
    const first = await make(reads);
    const groups = rendered;
    expect(groups).toBeGreaterThan(3);
    rendered = 0;
    expect(await make(reads)).toBe(first);
    expect(rendered).toBe(0);
    expect(asked.flat().sort((a, b) => a - b)).toEqual(stems.map((_s, i) => i));
    expect(kept.size).toBe(stems.length);
    // One document's turns all given to its first speaker: only its mentions are found again.
    const target = reads.findIndex((r) => new Set([...r.matchAll(/<sp who="([^"]*)"/g)].map((m) => m[1])).size > 1);
    const who = reads[target]!.match(/<sp who="([^"]*)"/)![1]!;
    const edited = reads.slice();
    edited[target] = reads[target]!.replace(/<sp who="[^"]*"/g, `<sp who="${who}"`);
    kept.delete(target);
    asked.length = 0;
    rendered = 0;
    const second = await make(edited);
    expect(asked).toEqual([[target]]);
    // The groups of the persons whose turns changed, not the others.
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(groups);
    expect(second).not.toBe(first);
    expect(second).toBe(renderNamedPage('persons', edited, stems, register, common));
  }, 120_000);

  it('splitAtMarks takes two marks exactly', () => {
    expect(splitAtMarks(`a${ENTRIES_MARK}b${ENTRIES_MARK}c`)).toEqual({ before: 'a', entries: 'b', after: 'c' });
    expect(splitAtMarks(`a${ENTRIES_MARK}b`)).toBeNull();
    expect(splitAtMarks(`a${ENTRIES_MARK}b${ENTRIES_MARK}c${ENTRIES_MARK}`)).toBeNull();
  });

  it('headerOnly leaves a document’s text empty, and anything not shaped as page reads as it is', () => {
    const reads = pageReads('persons', edition(editions.sample).digests[0]!);
    expect(headerOnly(reads)).toMatch(/<text><front><\/front><body><\/body><\/text><\/TEI>$/);
    expect(headerOnly(reads)).not.toContain('<sp ');
    expect(headerOnly('<TEI/>')).toBe('<TEI/>');
  });
});
