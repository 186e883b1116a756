/**
 * Any TEI P5 document: fixture pairs per module of the web edition's XSLT
 * (tests/fixtures/publish/<module>.xml, the TEI, and <module>.json, what the page must hold,
 * as XPath over the page), then the TEI of other projects (tests/corpus/foreign-sample):
 * every word of each text on its page, valid HTML, the readings of the critical texts in the
 * apparatus, the stage directions of the plays marked, the characters of two plays apart.
 */
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTei, transformToHtml } from '../../src/publish/html.js';
import { htmlProblems } from '../helpers/html-validate.js';
import { tempDir } from '../helpers/run.js';
import { buildInto, corpus, missingWords, parseHtml, repo, xpath, xstring, xstrings } from './helpers.js';

const fixtures = path.join(repo, 'tests/fixtures/publish');
const foreign = path.join(corpus, 'foreign-sample');

interface Check {
  xpath: string;
  equals: string | number | boolean;
  why?: string;
}

function page(html: string): unknown {
  return parseHtml(html);
}

/** Every word of a TEI document's text (the TEI's own words) and of the page's main. */
function lostWords(teiText: string, html: string): string[] {
  const tei = parseTei(teiText);
  const words = xstring('string-join(//*:text//text()[not(ancestor::*:teiHeader)], " ")', tei);
  return missingWords(words, xstring('string-join(//h:main//text(), " ")', page(html)));
}

describe('fixture pairs: small TEI → the page', () => {
  for (const name of readdirSync(fixtures).filter((f) => f.endsWith('.xml')).sort()) {
    const stem = name.replace(/\.xml$/, '');
    describe(stem, () => {
      const text = readFileSync(path.join(fixtures, name), 'utf8');
      const html = transformToHtml({ doc: parseTei(text), params: { 'doc-id': stem, 'edition-title': 'Fixtures' } });
      const checks = JSON.parse(readFileSync(path.join(fixtures, `${stem}.json`), 'utf8')) as Check[];
      for (const check of checks) {
        it(check.why ?? check.xpath, () => {
          const value = xpath<unknown[]>(check.xpath, page(html))[0];
          expect(value, check.xpath).toEqual(check.equals);
        });
      }
      it('keeps every word of the text and is valid HTML', async () => {
        expect(lostWords(text, html)).toEqual([]);
        expect(await htmlProblems(html, `${stem}.html`)).toEqual([]);
      });
    });
  }
});

describe('TEI of other projects (tests/corpus/foreign-sample)', () => {
  let out = '';
  let built: string[] = [];
  const sources = new Map<string, string>();
  beforeAll(() => {
    // One folder, as a library would hand it over (XInclude targets beside, in alists/).
    const src = tempDir('tei-edition-foreign-');
    cpSync(foreign, src, { recursive: true });
    for (const file of readdirSync(src, { recursive: true }).map(String).filter((f) => f.endsWith('.xml') && !f.includes('alists'))) sources.set(path.basename(file, '.xml'), path.join(src, file));
    ({ out } = buildInto(src));
    built = readdirSync(out).filter((f) => f.endsWith('.html') && !['index.html', 'persons.html', 'places.html', 'orgs.html', 'search.html'].includes(f)).map((f) => f.replace(/\.html$/, ''));
  });

  it('builds a page for every document, the two with a DOCTYPE too (read by our own parser)', () => {
    expect(built.sort()).toEqual([...sources.keys()].sort());
  });

  it('brings every word of each text to its page', () => {
    for (const stem of built) expect(lostWords(readFileSync(sources.get(stem)!, 'utf8'), readFileSync(path.join(out, `${stem}.html`), 'utf8')), stem).toEqual([]);
  });

  it('writes valid HTML5: every page, the index of documents and of persons', async () => {
    for (const file of [...built.map((s) => `${s}.html`), 'index.html', 'persons.html', 'places.html', 'orgs.html', 'search.html']) expect(await htmlProblems(readFileSync(path.join(out, file), 'utf8'), file), file).toEqual([]);
  });

  it('puts the readings of the PTA texts in the apparatus, not in the running text', () => {
    for (const stem of built.filter((s) => s.startsWith('pta'))) {
      const tei = parseTei(readFileSync(sources.get(stem)!, 'utf8'));
      const p = page(readFileSync(path.join(out, `${stem}.html`), 'utf8'));
      const readings = xstrings('//*:text//*:app/*:rdg ! normalize-space()', tei);
      const apparatus = xstring('string-join(//h:section[@class = "apparatus"]//text(), " ")', p);
      const running = xstring('string-join(//h:section[contains-token(@class, "body")]//text(), " ")', p);
      expect(xpath<unknown[]>('//h:section[@class = "apparatus"]//h:ol/h:li', p).length).toBe(xpath<unknown[]>('//*:text//*:app[*:lem or *:rdg]', tei).length);
      for (const r of readings) {
        expect(apparatus, stem).toContain(r);
        expect(running.split(/\s+/), stem).not.toContain(r);
      }
      // The reading's source, by its siglum; the conjecture's author.
      if (readings.length) expect(apparatus).toMatch(/conj\.\s+AvS\s*\]\s+Ἰώβ\s+PG/);
    }
  });

  it('marks every stage direction of the plays as such, and numbers Kleist’s verse', () => {
    for (const stem of ['kleist-der-zerbrochene-krug', 'lessing-minna-von-barnhelm']) {
      const tei = parseTei(readFileSync(sources.get(stem)!, 'utf8'));
      const p = page(readFileSync(path.join(out, `${stem}.html`), 'utf8'));
      expect(xpath<unknown[]>('//*[contains-token(@class, "stage")]', p).length, stem).toBe(xpath<unknown[]>('//*:text//*:stage', tei).length);
      expect(xpath<unknown[]>('//h:div[contains-token(@class, "castList")]//h:li', p).length, stem).toBe(xpath<unknown[]>('//*:castItem', tei).length);
    }
    const kleist = page(readFileSync(path.join(out, 'kleist-der-zerbrochene-krug.html'), 'utf8'));
    const numbers = xstrings('//h:span[@class = "l-n"]', kleist).map(Number);
    expect(numbers.slice(0, 3)).toEqual([5, 10, 15]);
    expect(numbers.length).toBe(Math.floor(xpath<unknown[]>('//h:span[contains-token(@class, "l")]', kleist).length / 5));
  });

  it('keeps the characters of Kleist’s and Lessing’s plays apart in the index of persons', () => {
    const persons = page(readFileSync(path.join(out, 'persons.html'), 'utf8'));
    const bediente = xpath<unknown[]>('//h:li[@class = "person"][normalize-space(h:h3) = "Der Bediente"]', persons);
    expect(bediente.length).toBe(2);
    const links = bediente.map((b) => xstrings('.//h:a/@href', b).join(' '));
    expect(links.some((l) => l.includes('kleist'))).toBe(true);
    expect(links.some((l) => l.includes('lessing'))).toBe(true);
    // Every person link of a play lands on an entry of its own play.
    const ids = new Set(xstrings('//h:li[@class = "person"]/@id', persons));
    const lessing = page(readFileSync(path.join(out, 'lessing-minna-von-barnhelm.html'), 'utf8'));
    for (const href of xstrings('//h:a[starts-with(@href, "persons.html#")]/@href', lessing)) expect(ids.has(href.split('#')[1]!), href).toBe(true);
  });

  it('shows a letter’s sender, addressee, places and dates (correspDesc) in the header and the index', () => {
    const letter = page(readFileSync(path.join(out, 'L00500.html'), 'utf8'));
    expect(xstring('normalize-space(//h:dt[. = "From"]/following-sibling::h:dd[1])', letter)).toMatch(/^David, Jakob Julius, Wien, \[5\.\s10\.\s1895\]$/);
    expect(xstring('normalize-space(//h:dt[. = "To"]/following-sibling::h:dd[1])', letter)).toContain('Schnitzler, Arthur, Wien');
    const index = page(readFileSync(path.join(out, 'index.html'), 'utf8'));
    expect(xstring('normalize-space(//h:li[.//h:a/@href = "L00500.html"]//*[@class = "doc-corresp"])', index)).toBe('From David, Jakob Julius (Wien) to Schnitzler, Arthur (Wien)');
  });

  it('gives the inscriptions their divisions’ headings and numbered lines', () => {
    const ins = page(readFileSync(path.join(out, 'ISic000052.html'), 'utf8'));
    expect(xstrings('//h:section[contains-token(@class, "div")]/h:h2', ins).slice(0, 2)).toEqual(['Edition', 'Apparatus criticus']);
    expect(xstrings('//h:span[@class = "lb-n"]', ins)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('orders the index by each document’s own date, and shows that date', () => {
    const index = page(readFileSync(path.join(out, 'index.html'), 'utf8'));
    const order = xstrings('//h:ol[@class = "documents"]/h:li/h:h3/h:a/@href', index).map((h) => h.replace(/\.html$/, ''));
    // The plays by when they were printed (1767, 1811), the letters by when they were sent.
    expect(order.indexOf('lessing-minna-von-barnhelm')).toBeLessThan(order.indexOf('kleist-der-zerbrochene-krug'));
    expect(order.indexOf('kleist-der-zerbrochene-krug')).toBeLessThan(order.indexOf('L00500'));
    expect(xstring('normalize-space(//h:li[.//h:a/@href = "lessing-minna-von-barnhelm.html"]//*[@class = "doc-date"])', index)).toBe('1767 (printed)');
    expect(existsSync(path.join(out, 'index.html'))).toBe(true);
  });
});
