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

async function personsBoth(stems: string[], digests: string[], params: Record<string, unknown> = {}) {
  const reads = digests.map((d) => pageReads('persons', d));
  const whole = renderNamedPage('persons', reads, stems, register, { ...common, ...params });
  let pages = 0;
  const parted = await personsInParts(
    {
      stems,
      reads,
      per: 2,
      mentionsPerGroup: 20,
      mentionsOf: async (some) => renderNamedPage('person-mentions', pick(reads, some), pick(stems, some), null, common),
      renderPage: async (r, s, p) => {
        pages++;
        return renderNamedPage('persons', r, s, register, { ...common, ...p });
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
    }, 120_000);
  }

  it('a document whose participant’s name holds the mark: the index is not made in parts', async () => {
    const { stems, digests } = edition(editions.sample);
    const marked = digests.map((d, i) => (i === 1 ? d.replace(/(<particDesc>[\s\S]*?<persName[^>]*>)/, `$1${ENTRIES_MARK}`) : d));
    expect(marked[1]).toContain(ENTRIES_MARK);
    const { parted } = await indexBoth(stems, marked);
    expect(parted).toBeNull();
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
