/**
 * The print HTML's typography and editorial honesty, without a browser: white space, soft
 * hyphens by language, supplied speaker labels in brackets and run in, note bodies the source
 * does not give, one date style for the volume (transform/print/typography.xsl).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listTeiFiles, pageStem, parseTei } from '../../src/publish/html.js';
import { orderForPrint, transformToPrintHtml, type PrintHtmlOptions, type PrintSource } from '../../src/publish/print.js';
import { parseHtml, sampleTei, samplePersons, xpath } from './helpers.js';

let sources: PrintSource[];
let register: unknown;
let raw: string;
let html: unknown;

const teiText = (name: string) => readFileSync(path.join(sampleTei, name), 'utf8');

beforeAll(() => {
  sources = orderForPrint(listTeiFiles(sampleTei).map((f) => ({ stem: pageStem(f), doc: parseTei(readFileSync(f, 'utf8')) })));
  register = parseTei(readFileSync(samplePersons, 'utf8'));
  raw = transformToPrintHtml({ documents: sources, register, title: 'The Title' });
  html = parseHtml(raw);
});

const strings = (expr: string, context: unknown = html) => xpath<unknown[]>(`(${expr}) ! string()`, context).map(String);

/** One document, its TEI changed by `edit`, in the print HTML of the volume. */
function volumeOf(name: string, edit: (tei: string) => string, options: Partial<PrintHtmlOptions> = {}): unknown {
  const doc = parseTei(edit(teiText(name)));
  return parseHtml(transformToPrintHtml({ documents: [{ stem: pageStem(name), doc }], register, title: 'T', ...options }));
}

describe('white space in print', () => {
  it('the sample TEI has the source double spaces (a space and a no-break space)', () => {
    expect(teiText('wilson-208236.xml')).toContain('. \u00a0It would');
  });

  it('no run of two spaces, and no no-break space beside a space or at the edge of a block', () => {
    const blocks = strings("//h:article//(h:p | h:li | h:span[@class = 'fn'] | h:h1 | h:h2 | h:h3)");
    expect(blocks.length).toBeGreaterThan(100);
    for (const b of blocks) {
      expect(b, b.slice(0, 80)).not.toMatch(/[ \u00a0]{2}/);
      expect(b, b.slice(0, 80)).not.toMatch(/^\u00a0|\u00a0$/);
    }
    expect(strings("//h:article//h:p[contains(., 'It would')]").join(' ')).toMatch(/event\. It would/);
    // A lone no-break space between words is the editor's and stays.
    expect(strings('//h:article').join(' ')).toContain('Andrei\u00a0Sakharov');
  });
});

describe('hyphenation', () => {
  it('writes soft hyphens into running text by its language, none into names or labels', () => {
    expect(raw).toContain('del\u00ade\u00adga\u00adtion');
    const names = xpath<string[]>("//*[@data-p] ! string()", parseTei(raw.replace(/^<!DOCTYPE html>\s*/, '')));
    expect(names.length).toBeGreaterThan(20);
    for (const n of names) expect(n).not.toContain('\u00ad');
    expect(raw).not.toMatch(/<h1 class="doc-title">[^<]*\u00ad/);
  });

  it('hyphenates German text by German patterns', () => {
    const raw = transformToPrintHtml({ documents: [{ stem: 'x', doc: parseTei(teiText('wilson-208236.xml').replace(/(<body[^>]*>\s*<div[^>]*>)/, '$1<p xml:lang="de">Die Zusammenarbeit der Staatssicherheit.</p>')) }], register, title: 'T' });
    expect(raw).toContain('Zu\u00adsam\u00admen\u00adar\u00adbeit');
  });

  it('can be turned off', () => {
    expect(transformToPrintHtml({ documents: sources.slice(0, 2), register, title: 'T', hyphenate: false })).not.toContain('\u00ad');
  });
});

describe('editorial honesty', () => {
  it('prints a speaker label the editor supplied in square brackets, run in at the start of the turn', () => {
    const implied = strings("//h:span[contains(@class, 'speaker implied')]");
    expect(implied.length).toBeGreaterThan(0);
    for (const label of implied) expect(label).toMatch(/^\[[^\]]+\]$/);
    expect(implied).toContain('[Kim Il Sung]');
    // Run in: the label is the first thing of its turn's first paragraph.
    const runIn = strings("//h:p[contains(@class, 'run-in')][h:span[contains(@class, 'speaker')]]");
    expect(runIn.length).toBe(Number(xpath<number[]>("count(//h:div[contains(@class, 'sp')]//h:span[contains(@class, 'speaker')])", html)[0]));
    expect(runIn.some((p) => /^\[Kim Il Sung\] We welcome the visit/.test(p))).toBe(true);
    expect(runIn.some((p) => /^Comrade Kim Il Sung replied: That is correct/.test(p))).toBe(true);
  });

  it('prints no placeholder for a note the source gives no text for: the number stays, the head says which', () => {
    expect(strings("//h:span[contains(@class, 'fn')]").filter((t) => /gives no text/.test(t))).toEqual([]);
    expect(raw).not.toContain('(the source gives no text for this note)');
    const intro = "//h:article[@class = 'introduction']";
    expect(strings(`${intro}//h:p[@class = 'doc-editorial']`)).toEqual(['The source gives no text for notes 1–15.']);
    expect(strings(`${intro}//h:sup[@class = 'fn-ref']`).slice(0, 15)).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
    expect(strings(`${intro}//h:span[@class = 'fn']/h:span[@class = 'fn-n']`)).not.toContain('1');
    expect(strings("//h:article[@class = 'document']//h:p[@class = 'doc-editorial']")).toEqual([]);
  });

  it('compresses the ranges of the missing notes', () => {
    const doc = volumeOf('introduction-cooperation-east-german-ministry-state-security.xml', (t) =>
      t.replace(/(<note place="foot" n="(2|7)"[^>]*>)<gap reason="missing" agent="source"\/>/g, '$1A note the editor found.'),
    );
    expect(strings("//h:p[@class = 'doc-editorial']", doc)).toEqual(['The source gives no text for notes 1, 3–6, 8–15.']);
    expect(strings("//h:span[@class = 'fn']", doc)).toEqual(['2 A note the editor found.', '7 A note the editor found.']);
  });
});

describe('one date style for the volume', () => {
  it('gives the contents and the document heads in one style, from the dates’ values', () => {
    expect(strings("//h:span[@class = 'toc-date']")).toEqual(['23 April 1968', '11 July 1981', '31 May 1984', '25 May 1987']);
    expect(strings("//h:p[@class = 'doc-dateline']")).toEqual(['23 April 1968', '11 July 1981', '31 May 1984', '25 May 1987']);
    expect(strings("//h:span[@class = 'source-date']")).toEqual(['23 April 1968', '11 July 1981', '31 May 1984', '25 May 1987']);
  });

  it('by the language, and in the configured style', () => {
    const de = volumeOf('doc-1968-04-23-hager-kim-il-sung.xml', (t) => t.replace(/(<TEI[^>]*xml:lang=")en"/, '$1de"'));
    expect(strings("//h:span[@class = 'toc-date'] | //h:p[@class = 'doc-dateline']", de)).toEqual(['23. April 1968', '23. April 1968']);
    const us = volumeOf('doc-1968-04-23-hager-kim-il-sung.xml', (t) => t, { dateStyle: 'month-day' });
    expect(strings("//h:span[@class = 'toc-date']", us)).toEqual(['April 23, 1968']);
    const iso = volumeOf('doc-1968-04-23-hager-kim-il-sung.xml', (t) => t, { dateStyle: 'iso' });
    expect(strings("//h:span[@class = 'toc-date']", iso)).toEqual(['1968-04-23']);
    const source = volumeOf('doc-1968-04-23-hager-kim-il-sung.xml', (t) => t, { dateStyle: 'source' });
    expect(strings("//h:span[@class = 'toc-date']", source)).toEqual(['April 23, 1968']);
    const month = volumeOf('doc-1968-04-23-hager-kim-il-sung.xml', (t) => t.replace(/when="1968-04-23"/g, 'when="1968-04"'));
    expect(strings("//h:span[@class = 'toc-date']", month)).toEqual(['April 1968']);
  });

  it('never rewrites a date that has no machine-readable value', () => {
    const doc = volumeOf('doc-1968-04-23-hager-kim-il-sung.xml', (t) => t.replace(/ when="1968-04-23"/g, '').replace(/ when="1968-02-30"/g, ''));
    expect(strings("//h:span[@class = 'toc-date'] | //h:p[@class = 'doc-dateline']", doc)).toEqual(['April 23, 1968', 'April 23, 1968']);
    const bad = volumeOf('doc-1968-04-23-hager-kim-il-sung.xml', (t) => t.replace(/when="1968-04-23"/g, 'when="1968-02-30"'));
    expect(strings("//h:span[@class = 'toc-date']", bad)).toEqual(['April 23, 1968']);
  });
});
