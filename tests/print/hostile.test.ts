/**
 * Hostile text through the print edition, in Debian's chromium, read back with poppler's
 * pdftotext: titles, names, notes and body text that would escape into CSS (a backslash before
 * a quote closed Paged.js's string-set string; a url(), @import or image-set() after it made
 * Chromium fetch a local file or a URL into the PDF), and the stylesheet's old placeholder.
 * The safe outcome: the text is printed as text, no request leaves the book, the stylesheet is
 * in place (A4, Charis SIL). And the guard behind it: a print page that asks for anything but
 * its own files gets nothing, and the refusal is reported.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTei } from '../../src/publish/html.js';
import { openPrinter } from '../../src/publish/pdf-browser.js';
import { buildPdfEdition, type PdfBuildResult } from '../../src/publish/pdf.js';
import { transformToPrintHtml } from '../../src/publish/print.js';
import { flat, pageTexts, parseHtml, pdfFonts, pdfInfo, repo, xpath } from './helpers.js';

let tmp: string;
let server: Server;
let base: string; // the local server's URL
let secretUrl: string; // a local SVG file whose text must never reach a PDF
const requests: string[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'tei-edition-print-hostile-'));
  const secret = path.join(tmp, 'secret', 'secret.svg');
  mkdirSync(path.dirname(secret));
  writeFileSync(secret, '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="30"><text x="0" y="20" font-size="16">SECRETFILEMARKER</text></svg>');
  secretUrl = pathToFileURL(secret).href;
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/svg+xml' });
    res.end('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="30"><text x="0" y="20" font-size="16">SERVERURLMARKER</text></svg>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

/** The hostile fixture with the secret file's and the server's URLs filled in. */
function fixture(): string {
  return readFileSync(path.join(repo, 'tests/fixtures/hostile/print-css.xml'), 'utf8').replaceAll('@SECRET@', secretUrl).replaceAll('@URL@', base);
}

describe('text that would escape into the print CSS', () => {
  let result: PdfBuildResult;
  let out: string;
  let editionTitle: string;

  beforeAll(async () => {
    const source = path.join(tmp, 'tei');
    mkdirSync(source);
    writeFileSync(path.join(source, 'print-css.xml'), fixture());
    out = path.join(tmp, 'pdf');
    editionTitle = `Edition\\" url(${base}/edition)`;
    result = await buildPdfEdition({ source, out, title: editionTitle, author: `Editor\\" url(${base}/author)` });
  }, 120_000);

  it('is printed as text: no file or URL is fetched, nothing refused, no foreign text in any PDF', () => {
    expect(requests).toEqual([]);
    expect(result.warnings).toEqual(['no persons register found: the index of persons lists the names the documents point to']);
    for (const file of [result.volume!, ...result.documents]) {
      const text = pageTexts(file).join('\n');
      expect(text).not.toContain('SECRETFILEMARKER');
      expect(text).not.toContain('SERVERURLMARKER');
    }
  });

  it('puts the hostile titles in the running heads, letter for letter', () => {
    const pages = pageTexts(path.join(out, 'print-css.pdf')).map(flat);
    expect(pages.length).toBeGreaterThan(3);
    // The opening page has no running head; the right pages after it the short title, the left pages the edition's title.
    expect(pages[0]).toMatch(/^Document 1 Memo \/\*te:css\*\/ \\" url\(http:/);
    const short = `Document 1 · Short\\" url(${secretUrl})`;
    expect(pages[2]!.startsWith(short), pages[2]).toBe(true);
    expect(pages[1]!.startsWith(editionTitle), pages[1]).toBe(true);
    const volume = pageTexts(result.volume!).map(flat);
    // The half-title (its line broken inside the long URL).
    expect(volume[0]!.replace(/\s/g, '')).toBe(editionTitle.replace(/\s/g, ''));
    expect(volume.some((p) => p.startsWith(short))).toBe(true);
  });

  it('keeps the stylesheet in place: A4 pages in Charis SIL, the title in the PDF information', () => {
    for (const file of [result.volume!, path.join(out, 'print-css.pdf')]) {
      expect(pdfInfo(file)['Page size']).toMatch(/^59[45](\.\d+)? x 841(\.\d+)? pts \(A4\)/);
      expect(pdfFonts(file).some((f) => /CharisSIL$/.test(f.name))).toBe(true);
    }
    expect(pdfInfo(path.join(out, 'print-css.pdf')).Title).toBe(`Memo /*te:css*/ \\" url(${base}/title) image-set("${secretUrl}" 1x)`);
  });
});

describe('the stylesheet in the print HTML', () => {
  it('is the style element of the head, whatever the titles hold; the title is text', () => {
    const html = transformToPrintHtml({ documents: [{ stem: 'print-css', doc: parseTei(fixture()) }], single: {}, pageSize: 'trade' });
    const page = parseHtml(html);
    expect(xpath<string[]>('string(/h:html/h:head/h:title)', page)[0]).toBe(`Memo /*te:css*/ \\" url(${base}/title) image-set("${secretUrl}" 1x)`);
    expect(xpath<number[]>('count(//h:style)', page)[0]).toBe(1);
    const style = xpath<string[]>('string(/h:html/h:head/h:style)', page)[0]!;
    expect(style.startsWith('@page { size: 6in 9in;')).toBe(true);
    expect(style).toContain('.rh { position: running(doc-head); }');
    // No string-set, no content(): no text of the page becomes CSS.
    expect(style).not.toMatch(/string-set|content\(/);
    expect(style).not.toContain('url(');
  });
});

describe("Chromium's page", () => {
  it('loads only the book: files, URLs, style sheets, imports and frames the page asks for are refused and reported', async () => {
    const refused: string[] = [];
    const printer = await openPrinter({ onRefused: (url) => refused.push(url) });
    const pdf = path.join(tmp, 'asks.pdf');
    try {
      const html = `<!DOCTYPE html><html><head><meta charset="utf-8"/><title>t</title><style>.b { background: url("${secretUrl}"); } @font-face { font-family: X; src: url("${base}/font.woff"); } .f { font-family: X; }</style></head><body><p class="b f">Only this text.</p><img src="${secretUrl}"/><img src="${base}/img.svg"/><iframe src="${base}/frame.html"></iframe></body></html>`;
      await printer.print(html, pdf, { title: 't', lang: 'en' });
      // A linked style sheet and an @import: Paged.js fetches them itself; refused, the layout fails (no PDF).
      for (const head of [`<link rel="stylesheet" href="${base}/link.css"/>`, `<style>@import url("${base}/import.css");</style>`]) {
        const linked = `<!DOCTYPE html><html><head><meta charset="utf-8"/><title>t</title>${head}</head><body><p>x</p></body></html>`;
        await expect(printer.print(linked, path.join(tmp, 'linked.pdf'), { title: 't', lang: 'en' })).rejects.toThrow('ProgressEvent');
      }
    } finally {
      await printer.close();
    }
    expect(requests).toEqual([]);
    expect(new Set(refused)).toEqual(new Set([`${base}/link.css`, `${base}/import.css`, secretUrl, `${base}/font.woff`, `${base}/img.svg`, `${base}/frame.html`]));
    const text = flat(pageTexts(pdf).join(' '));
    expect(text).toBe('Only this text.');
  }, 60_000);
});
