import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commonParams, documentDigest, listTeiFiles, parseTei, renderNamedPage } from '../../src/publish/html.js';
import { indexPageFiles } from '../../src/publish/index-pages.js';
import { buildInto, parseHtml, repo, sampleTei } from './helpers.js';

const persons = path.join(repo, 'source/persons.xml');
const html = (out: string) => readdirSync(out).filter((f) => f.endsWith('.html'));
const read = (out: string, f: string) => readFileSync(path.join(out, f), 'utf8');
const ids = (text: string) => new Set([...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));

/** Every internal link of every page of `out` that does not resolve (file, then fragment). */
function brokenLinks(out: string): string[] {
  const idsOf = new Map<string, Set<string>>();
  const idsIn = (f: string) => idsOf.get(f) ?? idsOf.set(f, ids(read(out, f))).get(f)!;
  const broken: string[] = [];
  for (const page of html(out)) {
    for (const [, href] of read(out, page).matchAll(/\shref="([^"]+)"/g)) {
      if (/^[a-z]+:/i.test(href!) || href!.startsWith('//')) continue;
      const [file0, frag] = href!.replace(/&amp;/g, '&').split('#') as [string, string | undefined];
      const file = decodeURIComponent(file0.split('?')[0]!) || page;
      if (!existsSync(path.join(out, file))) broken.push(`${page}: ${href}`);
      else if (frag && file.endsWith('.html') && !idsIn(file).has(decodeURIComponent(frag))) broken.push(`${page}: ${href}`);
    }
  }
  return broken;
}

/** The ids of the entries (li.person / li.entity, li.doc-entry links) on the pages `files`. */
function entryIds(out: string, files: string[]): string[] {
  return files.flatMap((f) => [...read(out, f).matchAll(/<li id="([^"]+)" class="(?:person|entity)/g)].map((m) => m[1]!));
}
function docLinks(out: string, files: string[]): string[] {
  return files.flatMap((f) => [...read(out, f).matchAll(/<li class="doc-entry"[^>]*><h3><span class="doc-no">[^<]*<\/span> <a href="([^"]+)"/g)].map((m) => m[1]!));
}

describe('index pages past the size limit (index-pages.ts)', () => {
  const whole = buildInto(sampleTei, persons);
  const limit = 4000;
  const split = buildInto(sampleTei, persons, { indexPageBytes: limit });

  it('writes one page each under the limit, as before', () => {
    expect(whole.result.pages.filter((p) => /^(documents|persons|places|orgs)-/.test(p))).toEqual([]);
    expect(read(whole.out, 'index.html')).toContain('<ol class="documents">');
    expect(read(whole.out, 'index.html')).not.toContain('doc-years');
    // The sample's pages are far under the default limit.
    for (const f of ['index.html', 'persons.html', 'places.html', 'orgs.html']) expect(statSync(path.join(whole.out, f)).size).toBeLessThan(1_000_000);
  });

  it('splits the sample with a low limit: every page written exists, parses, and no internal link is broken', () => {
    const pages = split.result.pages;
    expect(pages.filter((p) => p.startsWith('documents-')).length).toBeGreaterThan(1);
    expect(pages.filter((p) => p.startsWith('persons-')).length).toBeGreaterThan(1);
    for (const p of pages) expect(existsSync(path.join(split.out, p)), p).toBe(true);
    for (const p of html(split.out)) expect(() => parseHtml(read(split.out, p)), p).not.toThrow();
    expect(brokenLinks(split.out)).toEqual([]);
    expect(brokenLinks(whole.out)).toEqual([]);
  });

  it('lists every document exactly once across the year pages, the years with their counts on index.html', () => {
    const years = html(split.out).filter((f) => /^documents-/.test(f)).sort();
    const listed = docLinks(split.out, years);
    const all = docLinks(whole.out, ['index.html']);
    expect(listed.slice().sort()).toEqual(all.slice().sort());
    expect(new Set(listed).size).toBe(listed.length);
    const index = read(split.out, 'index.html');
    expect(index).not.toContain('doc-entry');
    expect(index).toContain('id="documents"');
    for (const f of years.filter((f) => !/-\d+\.html$/.test(f) || /^documents-\d{4}\.html$/.test(f))) {
      const year = /^documents-(\w+)\.html$/.exec(f)![1]!;
      const n = years.filter((g) => g === f || g.startsWith(`documents-${year}-`)).reduce((s, g) => s + docLinks(split.out, [g]).length, 0);
      expect(index).toContain(`<a href="${f}">${year === 'undated' ? 'Undated' : year}</a> <span class="doc-year-count">(${n} ${n === 1 ? 'document' : 'documents'})</span>`);
    }
    // The numbers and the order of the edition are kept across the year pages.
    const numbers = years.flatMap((f) => [...read(split.out, f).matchAll(/<span class="doc-no">Document (\d+)<\/span>/g)].map((m) => Number(m[1])));
    expect(numbers.slice().sort((a, b) => a - b)).toEqual(all.map((_x, i) => i + 1));
  });

  for (const base of ['persons', 'places', 'orgs']) {
    it(`${base}: every entry exactly once across the letter pages, the A–Z links to its letter's page, the directory links each entry`, () => {
      const letters = html(split.out).filter((f) => f.startsWith(`${base}-`));
      expect(letters.length).toBeGreaterThan(0);
      const listed = entryIds(split.out, letters);
      const all = entryIds(whole.out, [`${base}.html`]);
      expect(all.length).toBeGreaterThan(0);
      expect(listed.slice().sort()).toEqual(all.slice().sort());
      expect(new Set(listed).size).toBe(listed.length);
      const landing = read(split.out, `${base}.html`);
      const az = /<nav class="az"[\s\S]*?<\/nav>/.exec(landing)![0];
      const links = [...az.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)];
      expect(links.length).toBeGreaterThan(0);
      for (const [, href, letter] of links) {
        expect(href).toBe(`${base}-${letter === '#' ? 'other' : letter}.html`);
        expect(read(split.out, href!)).toContain(`<h2 class="az-letter">${letter}`);
      }
      // Each entry's id on the landing page, linking to it on its letter's page.
      for (const id of all) expect(landing).toMatch(new RegExp(`<li id="${id}"><a href="${base}-[A-Za-z0-9-]+\\.html#${id}">`));
    });
  }

  it('keeps every split page under the limit unless it holds a single entry', () => {
    for (const f of html(split.out).filter((f) => /^(documents|persons|places|orgs)-/.test(f))) {
      const text = read(split.out, f);
      const entries = (text.match(/<li class="doc-entry"|<li id="[^"]+" class="(?:person|entity|entry-cont)/g) ?? []).length;
      if (Buffer.byteLength(text) > limit) expect(entries, f).toBe(1);
    }
  });
});

describe('index pages split in an edition\'s own page frame (web.template)', () => {
  it('keeps the frame on every split page, and no internal link is broken', () => {
    const frame = '<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head data-tei-edition="head"></head><body><div class="banner">Our project</div><div data-tei-edition="header"></div><section data-tei-edition="main"></section><footer data-tei-edition="footer"></footer><p class="funding">Funded.</p></body></html>';
    const { out, result } = buildInto(sampleTei, persons, { indexPageBytes: 4000, template: frame });
    const split = result.pages.filter((p) => /^(documents|persons|places|orgs)-/.test(p));
    expect(split.length).toBeGreaterThan(4);
    for (const p of [...split, 'index.html', 'persons.html']) {
      const text = read(out, p);
      expect(text, p).toContain('<div class="banner">Our project</div>');
      expect(text, p).toContain('<p class="funding">Funded.</p>');
      expect(() => parseHtml(text), p).not.toThrow();
    }
    expect(brokenLinks(out)).toEqual([]);
  });
});

describe('index pages of a large edition', () => {
  it('stay under the limit: 400 documents, the index and the persons index from document digests', () => {
    const files = listTeiFiles(sampleTei);
    const docs = files.map((f) => documentDigest(parseTei(readFileSync(f, 'utf8'))));
    const letters = docs.filter((d) => !/type="introduction"/.test(d));
    expect(letters.length).toBeGreaterThan(1);
    // Each round moves every date back one year: 400 documents over 200 years.
    const count = 400;
    const digests = Array.from({ length: count }, (_x, i) => letters[i % letters.length]!.replace(/\b(1[89]\d\d)-/g, (_m, y: string) => `${Number(y) - Math.floor(i / letters.length)}-`));
    const stems = digests.map((_d, i) => `d${String(i).padStart(4, '0')}`);
    const common = commonParams({ title: 'Large edition' }, undefined);
    const register = readFileSync(persons, 'utf8');
    const limit = 50_000;
    for (const template of ['index', 'persons'] as const) {
      const page = renderNamedPage(template, digests, stems, register, common);
      expect(Buffer.byteLength(page), `${template}.html as one page`).toBeGreaterThan(2 * limit);
      const split = indexPageFiles(`${template}.html`, page, limit);
      expect(split.size).toBeGreaterThan(2);
      // Every page under the limit: an entry larger than a page is cut between two documents.
      for (const [name, text] of split) expect(Buffer.byteLength(text), name).toBeLessThanOrEqual(limit);
      if (template === 'index') {
        const listed = [...split.values()].flatMap((t) => [...t.matchAll(/<li class="doc-entry"/g)]);
        expect(listed.length).toBe(count);
      } else {
        // Cut entries: every document an entry lists is still listed once, in its pieces.
        const docsOf = (t: string, id: string) => [...t.matchAll(new RegExp(`<li id="${id}(?:-cont-\\d+)?" class="[^"]*">([\\s\\S]*?)</li>`, 'g'))].flatMap((m) => [...m[1]!.matchAll(/<a href="(d\d+\.html)">/g)].map((x) => x[1]));
        // The largest entry (larger than a page): cut into pieces.
        const id = [...page.matchAll(/<li id="([^"]+)" class="person">([\s\S]*?)<\/li>/g)].sort((a, b) => b[0].length - a[0].length)[0]![1]!;
        expect(Buffer.byteLength(new RegExp(`<li id="${id}" class="person">[\\s\\S]*?</li>`).exec(page)![0])).toBeGreaterThan(limit);
        const before = docsOf(page, id);
        expect(before.length).toBeGreaterThan(50);
        const after = [...split].filter(([n]) => n !== 'persons.html').flatMap(([, t]) => docsOf(t, id));
        expect(after).toEqual(before);
        expect([...split.values()].some((t) => t.includes(`id="${id}-cont-1"`))).toBe(true);
      }
    }
  }, 60_000);
});
