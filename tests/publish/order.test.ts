/**
 * The edition's order (issue 21), one definition for the web and the print edition
 * (te:order-key, transform/common/common.xsl): introductions first, then the documents by
 * their own date, the undated after the dated, by title; numbered as the print volume numbers
 * them; previous/next in that order.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHtmlEdition, parseTei } from '../../src/publish/html.js';
import { orderForPrint } from '../../src/publish/print.js';
import { parseHtml, xstrings } from './helpers.js';

function tei(title: string, date?: string, intro = false): string {
  return `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title type="main">${title}</title></titleStmt><publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Test</p></sourceDesc></fileDesc>${date ? `<profileDesc><creation><date when="${date}">${date}</date></creation></profileDesc>` : ''}</teiHeader><text><body>${intro ? '<div type="introduction"><p>About the edition.</p></div>' : `<p>The text of ${title}.</p>`}</body></text></TEI>`;
}

describe('the order of the edition', () => {
  // File names in another order than the edition's: the order comes from the documents.
  const files: [string, string][] = [
    ['a-undated-zeta.xml', tei('Zeta, a note without date')],
    ['b-late.xml', tei('A late letter', '1990-01-02')],
    ['c-undated-alpha.xml', tei('Alpha, an undated memorandum')],
    ['d-early.xml', tei('An early report', '1950-06-01')],
    ['e-intro.xml', tei('Introduction to the edition', undefined, true)],
  ];
  const source = mkdtempSync(path.join(tmpdir(), 'tei-edition-order-src-'));
  for (const [name, text] of files) writeFileSync(path.join(source, name), text);
  const out = mkdtempSync(path.join(tmpdir(), 'tei-edition-order-'));
  buildHtmlEdition({ source, out });
  const expected = ['d-early', 'b-late', 'c-undated-alpha', 'a-undated-zeta'];

  it('lists the dated documents by date, then the undated by title, numbered from 1', () => {
    const index = parseHtml(readFileSync(path.join(out, 'index.html'), 'utf8'));
    expect(xstrings('//h:li[@class="doc-entry"]/h:h3/h:a/@href', index)).toEqual(expected.map((s) => `${s}.html`));
    expect(xstrings('//h:li[@class="doc-entry"]//h:span[@class="doc-no"]', index)).toEqual(['Document 1', 'Document 2', 'Document 3', 'Document 4']);
  });

  it('is the print volume’s order', () => {
    const docs = files.map(([name, text]) => ({ stem: name.replace(/\.xml$/, ''), doc: parseTei(text) }));
    expect(orderForPrint(docs).map((d) => d.stem)).toEqual(['e-intro', ...expected]);
  });

  it('links each page to the one before and after it, and gives its number', () => {
    const all = ['e-intro', ...expected];
    all.forEach((stem, i) => {
      const page = parseHtml(readFileSync(path.join(out, `${stem}.html`), 'utf8'));
      expect(xstrings('//h:a[@rel="prev"]/@href', page), stem).toEqual(i > 0 ? [`${all[i - 1]}.html`] : []);
      expect(xstrings('//h:a[@rel="next"]/@href', page), stem).toEqual(i < all.length - 1 ? [`${all[i + 1]}.html`] : []);
      expect(xstrings('//h:link[@rel="next"]/@href', page)).toEqual(i < all.length - 1 ? [`${all[i + 1]}.html`] : []);
      expect(xstrings('//h:p[@class="doc-number"]', page)).toEqual(i === 0 ? [] : [`Document ${i} of 4`]);
    });
  });
});
