/**
 * The index of persons with only the changed persons' entries made again
 * (src/build/persons-patch.ts): after edits to the text of one document (names unlinked, a
 * person linked who was not named there, a turn given to another speaker), the patched page
 * is the page made from scratch, byte for byte; an edit to a header is not patched.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../../src/build/cache.js';
import { pageReads } from '../../src/build/page-reads.js';
import { entryStems, patchedPersons, personEntries, rememberPersons, replaceEntries, type PersonsPatchInput } from '../../src/build/persons-patch.js';
import { personsInParts } from '../../src/build/persons-parts.js';
import { documentDigest, parseTei, renderNamedPage } from '../../src/publish/html.js';

const repo = path.resolve(import.meta.dirname, '../..');
const teiDir = path.join(repo, 'source', 'tei');
const register = readFileSync(path.join(repo, 'source', 'persons.xml'), 'utf8');
const common = { 'edition-title': 'Test', 'title-slots': true };
const files = readdirSync(teiDir).filter((f) => f.endsWith('.xml') && f !== 'persons.xml').sort();
const stems = files.map((f) => f.replace(/\.xml$/, ''));
const texts = files.map((f) => readFileSync(path.join(teiDir, f), 'utf8'));

/** How the documents' page is made: in one transformation, or as the build makes it past a hundred documents (persons-parts.ts, here in parts of two). */
type Via = 'one transformation' | 'parts' | 'parts, without a register';
const registerOf = (via: Via) => (via === 'parts, without a register' ? null : register);

function input(cache: BuildCache, docs: string[], calls: number[][], via: Via = 'one transformation'): PersonsPatchInput {
  const reads = docs.map((t) => pageReads('persons', documentDigest(parseTei(t))));
  const pick = <T,>(items: T[], indices: number[]) => indices.map((i) => items[i]!);
  return {
    stems,
    reads,
    base: 'test',
    cache,
    share: 1,
    renderSome: async (some, params) => {
      calls.push(some);
      const someReads = pick(reads, some);
      const someStems = pick(stems, some);
      if (via === 'one transformation') return renderNamedPage('persons', someReads, someStems, register, { ...common, ...params });
      const withRegister = registerOf(via);
      return personsInParts(
        {
          stems: someStems,
          reads: someReads,
          per: 2,
          mentionsOf: async (indices) => renderNamedPage('person-mentions', pick(someReads, indices), pick(someStems, indices), null, { ...common, 'mentions-by-document': true }),
          renderPage: async (r, s, p) => renderNamedPage('persons', r, s, withRegister, { ...common, ...p }),
        },
        params,
      );
    },
  };
}

/** Make the page of `before` and keep it; then patch it for `after`. */
async function patch(before: string[], after: string[], via: Via = 'one transformation'): Promise<{ patched: string | undefined; full: string; calls: number[][] }> {
  const cache = new BuildCache(mkdtempSync(path.join(tmpdir(), 'persons-patch-')));
  const calls: number[][] = [];
  const first = input(cache, before, calls, via);
  const page = renderNamedPage('persons', first.reads, stems, registerOf(via), common);
  cache.putBlob('index-slots', 'ab'.repeat(32), page);
  rememberPersons(first, 'ab'.repeat(32));
  const second = input(cache, after, calls, via);
  const patched = await patchedPersons(second);
  return { patched, full: renderNamedPage('persons', second.reads, stems, registerOf(via), common), calls };
}

const inBody = (xml: string, edit: (body: string) => string) => {
  const at = xml.indexOf('<body');
  return xml.slice(0, at) + edit(xml.slice(at));
};

describe('patchedPersons', () => {
  const target = texts.findIndex((t) => new Set([...t.matchAll(/<sp who="([^"]*)"/g)].map((m) => m[1])).size > 1);

  it.each(['one transformation', 'parts', 'parts, without a register'] as const)('after names unlinked in one document’s text: the page made from scratch, from that document and those naming the same persons (entries made in %s)', async (via) => {
    const after = texts.slice();
    after[target] = inBody(texts[target]!, (b) => b.replace(/<persName ref="[^"]*">/g, '<persName>'));
    const { patched, full, calls } = await patch(texts, after, via);
    expect(patched).toBeDefined();
    expect(patched).toBe(full);
    expect(calls[0]).toEqual([target]);
  }, 60_000);

  it.each(['one transformation', 'parts', 'parts, without a register'] as const)('after a person linked who was not named in that document, and a turn given to another speaker (entries made in %s)', async (via) => {
    const after = texts.slice();
    // A person of the register the document does not name, linked in place of its first linked name.
    const stranger = [...register.matchAll(/<person xml:id="([^"]*)"/g)].map((m) => m[1]!).find((id) => !texts[target]!.includes(id));
    expect(stranger).toBeDefined();
    let edited = inBody(texts[target]!, (b) => b.replace(/<persName ref="[^"]*">/, `<persName ref="../persons.xml#${stranger}">`));
    // Every turn of its first speaker given to the second.
    const speakers = [...new Set([...edited.matchAll(/<sp who="([^"]*)"/g)].map((m) => m[1]!))];
    edited = edited.replaceAll(`<sp who="${speakers[0]}"`, `<sp who="${speakers[1]}"`);
    after[target] = edited;
    const { patched, full } = await patch(texts, after, via);
    expect(patched).toBe(full);
    expect(full).not.toBe(renderNamedPage('persons', texts.map((t) => pageReads('persons', documentDigest(parseTei(t)))), stems, register, common));
  }, 60_000);

  it('is not made after an edit to a header (the list of persons may change)', async () => {
    const after = texts.slice();
    after[target] = texts[target]!.replace(/(<particDesc>[\s\S]*?<persName>)/, '$1Dr. ');
    expect(after[target]).not.toBe(texts[target]);
    expect((await patch(texts, after)).patched).toBeUndefined();
  }, 60_000);
});

describe('personEntries and replaceEntries', () => {
  const page = '<ul><li id="a" class="person"><h3>A</h3><p>\uF8FFx &amp; y\uF8FF; \uF8FFz\uF8FF</p></li><li id="b" class="person"><h3>B</h3></li></ul>';
  it('split a page into its entries and put it together again', () => {
    const p = personEntries(page);
    expect(p.order).toEqual(['a', 'b']);
    expect(replaceEntries(p, new Map())).toBe(page);
    expect(replaceEntries(p, new Map([['b', '<li id="b" class="person">B2</li>']]))).toBe(page.replace('<h3>B</h3>', 'B2'));
    expect(replaceEntries(p, new Map([['c', '<li id="c" class="person"></li>']]))).toBeNull();
  });
  it('read an entry’s documents from its title slots', () => {
    expect(entryStems(personEntries(page).entries.get('a')!)).toEqual(['x & y', 'z']);
  });
});
