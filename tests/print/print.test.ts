/** TEI → print HTML (XSLT under SaxonJS), without a browser. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { listTeiFiles, pageStem, parseTei } from '../../src/publish/html.js';
import { orderForPrint, pageSizeCss, transformToPrintHtml, type PrintSource } from '../../src/publish/print.js';
import { parseHtml, sampleTei, samplePersons, unhyphenated, xpath } from './helpers.js';

let sources: PrintSource[];
let register: unknown;
let raw: string; // with the soft hyphens the XSLT writes
let text: string;
let html: unknown;

beforeAll(() => {
  sources = orderForPrint(listTeiFiles(sampleTei).map((f) => ({ stem: pageStem(f), doc: parseTei(readFileSync(f, 'utf8')) })));
  register = parseTei(readFileSync(samplePersons, 'utf8'));
  raw = transformToPrintHtml({ documents: sources, register, title: 'The Title' });
  text = unhyphenated(raw);
  html = parseHtml(raw);
});

const strings = (expr: string, params: Record<string, unknown> = {}) => xpath<unknown[]>(`(${expr}) ! string()`, html, params).map(String);

describe('the print HTML of the volume', () => {
  it('orders the introduction first, then the documents by date, numbered', () => {
    expect(sources.map((s) => s.stem)).toEqual([
      'introduction-cooperation-east-german-ministry-state-security',
      'doc-1968-04-23-hager-kim-il-sung',
      'doc-1981-07-11-mielke-andropov',
      'doc-1984-05-31-honecker-kim-il-sung',
      'wilson-208236',
    ]);
    expect(strings("//h:article/h:header/h:p[@class = 'doc-number']")).toEqual(['Introduction', 'Document 1', 'Document 2', 'Document 3', 'Document 4']);
    expect(strings("//h:li[contains(@class, 'toc-entry')]/h:a/@href")).toEqual([...sources.map((s) => `#d-${s.stem}`), '#sources', '#persons']);
  });

  it('inlines its stylesheet and loads nothing', () => {
    expect(text).toMatch(/<style>@page \{ size: 210mm 297mm;/);
    expect(text).toContain('float: footnote');
    expect(text).not.toMatch(/<link|<script|\/\*te:css\*\//);
  });

  it("numbers each document's footnotes itself, as the TEI does, and anchors them to the word before", () => {
    for (const s of sources) {
      const tei = xpath<string[]>("//tei:text//tei:note[not(@place = ('inline', 'margin', 'left', 'right', 'above', 'below'))][not(parent::tei:div[@type = 'notes'])] ! string(@n)", s.doc);
      expect(strings("//h:article[@id = $id]//h:sup[@class = 'fn-ref']", { id: `d-${s.stem}` }), s.stem).toEqual(tei);
    }
    // The marker, its note and the word before it stand together.
    expect(strings("//h:span[@class = 'fn'][not(parent::h:span[@class = 'fn-anchor'])]")).toEqual([]);
    expect(text).toContain('<span class="fn-anchor">Germany.<sup class="fn-ref">15</sup>');
    expect(text).toContain('<span class="fn-anchor"><time datetime="1982-09-02">September 2, 1982</time>,<sup class="fn-ref">2</sup>');
  });

  it('marks every name of a person for the index, and lists each person once', () => {
    const refs = sources.reduce((n, s) => n + Number(xpath<number[]>('count(//tei:text//tei:persName[@ref])', s.doc)[0]), 0);
    expect(Number(xpath<number[]>("count(//h:article//*[contains(@class, 'persName')][not(ancestor::h:p[@class = 'doc-participants'])][@data-p])", html)[0])).toBe(refs);
    const entries = strings("//h:li[@class = 'ix-entry']/@data-ix");
    expect(new Set(entries).size).toBe(entries.length);
    expect(entries).toContain('per-andropov');
    for (const key of new Set(strings('//*[@data-p]/@data-p'))) expect(entries, key).toContain(key);
    expect(strings("//h:span[@data-ix-pages][normalize-space()]")).toEqual([]); // filled in during layout
  });

  it('draws the editorial signs as the diplomatic view does and hides the reading view', () => {
    expect(text).toContain('<span class="br">[</span>Ministry for State Security<span class="br">]</span>');
    expect(text).toContain('.read-only { display: none; }');
    expect(strings("//h:span[@class = 'sic-mark']").length).toBeGreaterThan(0);
  });
});

describe('other books', () => {
  it('prints one document with its number in the volume and the volume title for the running heads', () => {
    const doc = sources.find((s) => s.stem === 'wilson-208236')!;
    const one = parseHtml(transformToPrintHtml({ documents: [doc], register, title: 'The Title', pageSize: 'trade', single: { number: 4 } }));
    expect(xpath<string[]>("//h:article ! string(@id)", one)).toEqual(['d-wilson-208236']);
    expect(xpath<string[]>("string(//h:p[@class = 'doc-number'])", one)[0]).toBe('Document 4');
    expect(xpath<string[]>("string(//h:p[@class = 'book-rh'])", one)[0]).toBe('The Title');
    expect(xpath<number[]>("count(//h:nav | //h:section[contains(@class, 'persons-index')])", one)[0]).toBe(0);
  });

  it('sets the page size and margins of each page size', () => {
    expect(pageSizeCss('trade')).toContain('size: 6in 9in');
    expect(pageSizeCss('letter')).toContain('size: 8.5in 11in');
    expect(pageSizeCss('a4')).toContain('size: 210mm 297mm');
  });

  it('ends the text with the mark the index waits for', () => {
    expect(xpath<number[]>("count(//*[@data-te-end])", html)[0]).toBe(1);
    expect(xpath<boolean[]>("exists(//*[@data-te-end]/following::*[@data-p])", html)[0]).toBe(false);
  });
});
