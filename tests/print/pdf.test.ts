/**
 * The print edition of the sample edition, built once in Debian's chromium and read back with
 * poppler's tools: footnotes on their marker's page, the index's and the contents' page
 * numbers, every word of every TEI body, embedded fonts, metadata and bookmarks, one PDF per
 * document, a page count that does not change between builds.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listTeiFiles, pageStem, parseTei } from '../../src/publish/html.js';
import { buildPdfEdition, type PdfBuildResult } from '../../src/publish/pdf.js';
import { orderForPrint, transformToPrintHtml } from '../../src/publish/print.js';
import { escapeRegExp, expandPages, flat, pageTexts, parseHtml, pdfFonts, pdfInfo, rawPageTexts, sampleTei, samplePersons, words, xpath } from './helpers.js';

const title = 'Stasi and KGB: A Sample Edition';
const author = 'Jane Q. Editor';
// The citation data the build gives (cite-meta, base URL): "Cite as" in the imprint.
const citeMeta = JSON.stringify({ editors: ['Editor, Jane Q.', 'Müller, Anna'], publisher: 'Example Press', published: '2026' });
const baseUrl = 'https://example.org/ed';
let out: string;
let result: PdfBuildResult;
let pages: string[]; // -layout text of each page of the volume
let flatPages: string[];
let html: unknown; // the print HTML the volume was laid out from

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'tei-edition-pdf-'));
  // Two documents a piece: the volume is joined from front matter, three runs and back matter.
  result = await buildPdfEdition({ source: sampleTei, out, title, author, citeMeta, baseUrl, documentsPerPiece: 2 });
  pages = pageTexts(result.volume!);
  flatPages = pages.map(flat);
  const docs = listTeiFiles(sampleTei).map((f) => ({ stem: pageStem(f), doc: parseTei(readFileSync(f, 'utf8')) }));
  html = parseHtml(transformToPrintHtml({ documents: orderForPrint(docs), register: parseTei(readFileSync(samplePersons, 'utf8')), title, author }));
}, 120_000);

/** The 1-based number of the first page whose flattened text matches. */
function pageOf(re: RegExp, from = 1): number {
  const i = flatPages.findIndex((t, k) => k >= from - 1 && re.test(t));
  return i + 1;
}

describe('the volume', () => {
  it('is written with its page count, no warnings, and a PDF per document', () => {
    expect(result.warnings).toEqual([]);
    expect(result.volume).toBe(path.join(out, 'edition.pdf'));
    expect(Number(pdfInfo(result.volume!).Pages)).toBe(result.pages);
    expect(result.pages).toBe(pages.length);
    expect(result.documents.map((f) => path.basename(f)).sort()).toEqual(listTeiFiles(sampleTei).map((f) => `${pageStem(f)}.pdf`).sort());
  });

  it('has its title, author and language, and A4 pages', () => {
    const info = pdfInfo(result.volume!);
    expect(info.Title).toBe(title);
    expect(info.Author).toBe(author);
    expect(info['Page size']).toMatch(/^59[45](\.\d+)? x 841(\.\d+)? pts \(A4\)/);
    expect(readFileSync(result.volume!, 'latin1')).toMatch(/\/Lang \(en\)/);
  });

  it('embeds every font, and every glyph is from Charis SIL', () => {
    const fonts = pdfFonts(result.volume!);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.some((f) => /CharisSIL$/.test(f.name))).toBe(true);
    expect(fonts.filter((f) => !/^[A-Z]{6}\+CharisSIL(-\w+)?$/.test(f.name))).toEqual([]);
  });

  it('has no run of two spaces in the text of its pages (the source double spaces are gone)', () => {
    const raw = rawPageTexts(result.volume!, false);
    expect(raw.join('\n')).toMatch(/\w/);
    for (const [i, page] of raw.entries()) expect(page.replace(/\u00AD/g, '').match(/\S {2,}\S/g) ?? [], `page ${i + 1}`).toEqual([]);
    expect(flatPages.join(' ')).toMatch(/historical event\. It would/);
  });

  it('hyphenates: lines end in a hyphen inside a word of the TEI', () => {
    const tei = new Set<string>();
    for (const file of listTeiFiles(sampleTei)) for (const w of words(xpath<string[]>('string-join(//tei:text//text(), " ")', parseTei(readFileSync(file, 'utf8')))[0]!).keys()) tei.add(w);
    const breaks = [...rawPageTexts(result.volume!, false).join('\n').replace(/\u00AD/g, '').matchAll(/(\p{L}+)\u2010\n(\p{L}+)/gu)];
    expect(breaks.length).toBeGreaterThan(20);
    const joined = breaks.map(([, a, b]) => a! + b!);
    for (const w of joined) expect(tei.has(w), w).toBe(true);
    // Word parts are not words of their own (a real break, not a compound's hyphen).
    expect(joined.filter((w) => w.length >= 8).length).toBeGreaterThan(10);
  });

  it('is a tagged PDF: one structure tree over every piece it was joined from, its language and title shown', () => {
    const info = pdfInfo(result.volume!);
    expect(info.Tagged).toBe('yes');
    const pdf = readFileSync(result.volume!, 'latin1');
    expect(pdf).toMatch(/\/DisplayDocTitle true/);
    expect(pdf).toMatch(/\/Lang \(en\)/);
    const tree = execFileSync('pdfinfo', ['-struct-text', result.volume!], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    expect(tree.split('\n')[0]).toBe('Document');
    // The pieces are parts of the one document (front matter, three runs of documents, back matter).
    expect(tree.split('\n').filter((l) => /^ {2}Part$/.test(l)).length).toBe(5);
    const text = tree.replace(/\u00AD/g, '');
    // Headings, paragraphs and list items of every piece, with their text: each document's
    // title, a paragraph of the last document, the index. (poppler shows a paragraph's text up to its
    // first soft hyphen, in Chromium's own tagged PDFs too.)
    expect(tree).toMatch(/^\s+H1 \(block\)$/m);
    expect(tree).toMatch(/^\s+LI \(block\)$/m);
    for (const heading of xpath<string[]>("//h:h1[@class = 'doc-title'] ! string()", html)) expect(flat(text), heading).toContain(heading.split(' ').slice(0, 4).join(' '));
    expect(text).toContain('"Index of persons"');
    expect(tree).toContain('"Many thanks for the valu'); // document 4, in the last run
  });

  it('has the page count recorded for the sample volume', () => {
    expect(result.pages).toBe(50);
  });

  it('prints no placeholder for a missing note, and says once which notes the source does not give', () => {
    const all = flatPages.join(' ');
    expect(all).not.toContain('the source gives no text for this note');
    expect(all.match(/The source gives no text for notes 1–15\./g)?.length).toBe(1);
  });

  it('prints a supplied speaker label in brackets, run in on the line of its first paragraph', () => {
    expect(pages.join('\n')).toMatch(/\[Kim Il Sung\] +We welcome the visit/);
  });

  it('gives the dates of the contents in one style', () => {
    const contents = flatPages[4]!;
    for (const d of ['23 April 1968', '11 July 1981', '31 May 1984', '25 May 1987']) expect(contents).toContain(d);
  });

  it('opens with a half-title, a blank page, the title page, the imprint and the contents', () => {
    expect(flatPages[0]).toBe(title);
    expect(flatPages[1]).toBe('');
    expect(flatPages[2]).toBe(`${title} 4 documents with an introduction ${author}`);
    expect(flatPages[3]).toMatch(/^Printed from the TEI by tei-edition\./);
    expect(flatPages[3]).toContain(`Cite as: Jane Q. Editor and Anna Müller, eds. ${title}. Example Press, 2026. https://example.org/ed/.`);
    expect(flatPages[4]).toMatch(/^Contents /);
    // Without a base URL and citation data: the title alone, no address.
    expect(String(xpath<string[]>('normalize-space(//*:p[@class = "cite-as"])', html))).toBe(`Cite as: ${title}.`);
  });

  it("prints every word of every TEI body", () => {
    const have = words(pages.join('\n'));
    for (const file of listTeiFiles(sampleTei)) {
      const body = xpath<string[]>('string-join(//tei:text/tei:body//text(), " ")', parseTei(readFileSync(file, 'utf8')))[0]!;
      const missing = [...words(body)].filter(([w, n]) => (have.get(w) ?? 0) < n).map(([w, n]) => `${w} (${n - (have.get(w) ?? 0)})`);
      expect(missing, path.basename(file)).toEqual([]);
    }
  });

  it("puts every footnote's text at the foot of the page where its number stands", () => {
    const notes = xpath<[string, string, string][]>(
      `//h:span[@class = 'fn'] ! [
         string(h:span[@class = 'fn-n']),
         normalize-space(string-join(node() except h:span[@class = 'fn-n'], '')),
         string-join(preceding-sibling::h:sup[@class = 'fn-ref'][1]/preceding::text()[not(ancestor::h:span[@class = 'fn'])][position() le 6], '')
       ]`,
      html,
    );
    expect(notes.length).toBeGreaterThanOrEqual(4); // the notes the source gives a text for
    for (const [n, text, before] of notes) {
      const start = text.split(' ').slice(0, 4).map(escapeRegExp).join('\\s+');
      const noteLine = new RegExp(`(^|\\n)\\s*${n}\\s+${start}`);
      const withNote = pages.map((p, i) => (noteLine.test(p) ? i : -1)).filter((i) => i >= 0);
      expect(withNote.length, `note ${n} "${text.slice(0, 40)}"`).toBeGreaterThan(0);
      const last = (before.match(/[\p{L}\p{N}]+/gu) ?? []).at(-1)!;
      const marker = new RegExp(`${escapeRegExp(last)}[^\\p{L}\\p{N}]{0,3}${n}(?!\\d)`, 'u');
      // The marker stands above the note, on the same page.
      const page = withNote.find((i) => {
        const m = marker.exec(pages[i]!);
        return m !== null && m.index < pages[i]!.search(noteLine);
      });
      expect(page, `note ${n}: marker after "${last}" on the page of its text`).toBeDefined();
    }
  });

  it('gives every index entry (person, place, organisation) the pages where its name is printed', () => {
    const from = pageOf(/^Index of persons/);
    expect(from).toBeGreaterThan(6);
    // The index's entries, one a paragraph in pdftotext's text (a blank line between): an entry is
    // read from its own start, never from a name in another entry's description ("Mielke,
    // Minister, MfS 7–14" is not the entry of the organisation MfS).
    // (A heading's line is glued to the first entry below it: it is cut off.)
    const blocks = pageTexts(result.volume!, false).slice(from - 1).join('\n\n').replace(/^Index of \p{L}+\n/gmu, '\n\n').split(/\n\s*\n/).map(flat);
    const entries = xpath<[string, string, string][]>(
      "//h:li[@class = 'ix-entry'] ! [string(@data-ix), string(h:span[@class = 'ix-name']), string(h:span[@class = 'ix-about'])]",
      html,
    );
    // The persons, places and organisations the volume names (issue 19: Brezhnev, Chernenko, Ulbricht among them).
    expect(entries.length).toBeGreaterThan(17);
    for (const name of ['Brezhnev', 'Chernenko', 'Ulbricht, Walter', 'Kim Il Sung', 'Honecker, Erich', 'Moscow', 'KGB']) expect(entries.map((e) => e[1]), name).toContain(name);
    // A cross-reference: "see" and the heading it points to, a space between.
    expect(blocks).toContain('Stasi, see Ministry for State Security');
    // Persons, places and organisations: every page listed prints the name.
    for (const [key, name, about] of entries) {
      const entry = new RegExp(`^${escapeRegExp(name)}${escapeRegExp(about)}\\s+((?:\\d+(?:–\\s?\\d+)?(?:,\\s*)?)+)$`);
      const found = blocks.map((b) => entry.exec(b)).filter((m) => m !== null);
      expect(found.length, `index entry ${name}`).toBe(1);
      const m = found[0];
      const listed = expandPages(m![1]!);
      expect(listed.length).toBeGreaterThan(0);
      // The forms the volume prints for this person (names in the text, labels, participants).
      const forms = [...new Set(xpath<string[]>('//*[@data-p = $k] ! normalize-space()', html, { k: key }).filter(Boolean))];
      for (const p of listed) {
        expect(p).toBeLessThan(from);
        // Without hyphens and spaces: pdftotext drops a name's own hyphen where the line breaks at it ("Pak Seong-" / "cheol").
        const bare = (s: string) => s.replace(/[-\u2010\u00ad\s]/g, '');
        expect(forms.some((f) => bare(flatPages[p - 1]!).includes(bare(f))), `${name} on page ${p} (one of ${forms.join(' | ')})`).toBe(true);
      }
    }
  });

  it('gives the page where each part begins in the contents', () => {
    const contents = pages[4]!;
    const numbers = contents.split('\n').map((l) => /\S\s{3,}(\d+)\s*$/.exec(l)?.[1]).filter(Boolean).map(Number);
    const parts = xpath<[string, string][]>("//h:li[contains(@class, 'toc-entry')] ! [string(h:span[@class = 'toc-n']), string(h:span[@class = 'toc-title'])]", html);
    expect(numbers.length).toBe(parts.length);
    parts.forEach(([n, partTitle], i) => {
      const firstWords = partTitle.replace(/^Introduction: /, '').split(' ').slice(0, 3).map(escapeRegExp).join(' ');
      // Where the part begins: its label and title as a heading (the running heads have "·").
      const opening = n
        ? new RegExp(`(^| )Document ${n} ${firstWords}`)
        : partTitle.startsWith('Introduction')
          ? new RegExp(`(^| )Introduction ${firstWords}`)
          : new RegExp(`^${firstWords} `);
      expect(numbers[i], partTitle).toBe(pageOf(opening, 6));
    });
  });

  it('has running heads: the title on left pages, the document on right pages, and folios', () => {
    const doc2 = pageOf(/(^| )Document 2 Stasi Note/, 6);
    const next = flatPages[doc2]!; // the page after the opening, a left or a right page
    const after = flatPages[doc2 + 1]!;
    const [left, right] = (doc2 + 1) % 2 === 0 ? [next, after] : [after, next];
    expect(left.startsWith(title)).toBe(true);
    expect(right.startsWith('Document 2 · Stasi Note on Meeting Between Minister Mielke and KGB')).toBe(true);
    // Every page from the contents on has its folio; blank pages (before a right-hand page) nothing.
    for (let p = 5; p <= pages.length; p++) if (flatPages[p - 1]) expect(flatPages[p - 1]!.endsWith(` ${p}`), `folio on page ${p}`).toBe(true);
    expect(flatPages.filter((t) => !t).length).toBeLessThan(6);
    // Each piece (introduction and document 1, documents 2 and 3, document 4) opens on a
    // right-hand (odd) page, as it was laid out.
    for (const opening of [/^Introduction Cooperation/, /(^| )Document 2 Stasi/, /(^| )Document 4 Memorandum/]) expect(pageOf(opening, 6) % 2, String(opening)).toBe(1);
  });

  it('draws the editorial signs as the diplomatic view does', () => {
    const all = flatPages.join(' ');
    expect(all).toContain('[Ministry for State Security]'); // supplied
    expect(all).toMatch(/Ch’oe Dwu Sen \[sic\]/); // sic
    expect(all).toContain('(handwritten)'); // add in a hand
  });

  it('has a bookmark for every part', () => {
    const pdf = readFileSync(result.volume!, 'latin1');
    const titles = [...pdf.matchAll(/\/Title (\((?:[^()\\]|\\.)*\)|<FEFF[0-9A-F]*>)/g)].map(([, t]) =>
      t!.startsWith('<') ? Buffer.from(t!.slice(5, -1), 'hex').swap16().toString('utf16le') : t!.slice(1, -1).replace(/\\(.)/g, '$1'),
    );
    const squash = (s: string) => s.replace(/\s+/g, '');
    for (const partTitle of xpath<string[]>("//h:h1[@class = 'doc-title'] ! string()", html)) {
      expect(titles.some((t) => squash(t).endsWith(squash(partTitle))), partTitle).toBe(true);
    }
  });

  it('lists the sources', () => {
    const from = pageOf(/^List of sources/);
    const text = flatPages.slice(from - 1, pageOf(/^Index of persons/) - 1).join(' ');
    // Chromium's text layer loses the hyphen of "1-19" inside a line, and breaks the line after it (main too): any form.
    expect(text).toMatch(/Office of the Federal Commissioner for the Stasi Records \(BStU\), MfS, ZAIG 5382, p\. 1-? ?19/);
    expect(text).toMatch(/1 Memorandum On the Visit/);
    expect(text).not.toContain('..');
  });

  it('has the same pages and text when built again', async () => {
    const again = await buildPdfEdition({ source: sampleTei, out: mkdtempSync(path.join(tmpdir(), 'tei-edition-pdf-')), title, author, citeMeta, baseUrl, documents: false, documentsPerPiece: 2 });
    expect(again.pages).toBe(result.pages);
    expect(again.documents).toEqual([]);
    expect(pageTexts(again.volume!)).toEqual(pages);
  }, 120_000);
});

describe('the PDF of each document', () => {
  it('has the document alone, with its number in the volume, its title and embedded fonts', () => {
    const file = path.join(out, 'doc-1981-07-11-mielke-andropov.pdf');
    const info = pdfInfo(file);
    expect(info.Title).toBe('Stasi Note on Meeting Between Minister Mielke and KGB Chairman Andropov');
    expect(info.Tagged).toBe('yes');
    const text = pageTexts(file).map(flat);
    expect(text[0]).toMatch(/^Document 2 Stasi Note on Meeting/);
    expect(text.join(' ')).not.toContain('Index of persons');
    expect(Number(info.Pages)).toBe(text.length);
    expect(Number(info.Pages)).toBeLessThan(result.pages);
    expect(pdfFonts(file).every((f) => f.embedded)).toBe(true);
    // The author, which Chromium does not write, added by an incremental update (any script).
    const introFile = path.join(out, 'introduction-cooperation-east-german-ministry-state-security.pdf');
    expect(pdfInfo(introFile).Author).toBe('Walter Süß');
    expect(pdfInfo(introFile).Creator).toBe('tei-edition (Paged.js in Chromium)');
    expect(readFileSync(introFile, 'latin1')).toMatch(/\/Lang \(en\)/);
    const intro = pageTexts(introFile).map(flat);
    expect(intro[0]).toMatch(/^Introduction Cooperation between/);
    expect(existsSync(path.join(out, 'wilson-208236.pdf'))).toBe(true);
  });
});
