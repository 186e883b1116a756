/**
 * The PDF build's edges, in Debian's chromium: a broken document among good ones, the trade
 * page size, per-document PDFs of some documents only, through build --pdf; a missing Chromium.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listTeiFiles, pageStem, parseTei } from '../../src/publish/html.js';
import { buildPdfEdition } from '../../src/publish/pdf.js';
import { openPrinter } from '../../src/publish/pdf-browser.js';
import { orderForPrint, transformToPrintHtml } from '../../src/publish/print.js';
import { runBuild } from '../../src/publish/command.js';
import { expandPages, flat, pageTexts, pdfInfo, sampleTei, samplePersons } from './helpers.js';

let source: string;
let out: string;
let cli: { code: number; stdout: string; stderr: string };

/** src/publish/command.ts's build --pdf (the flags the one-command build keeps), in-process. */
async function build(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runBuild(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  source = mkdtempSync(path.join(tmpdir(), 'tei-edition-pdf-src-'));
  for (const f of ['wilson-208236.xml', 'doc-1984-05-31-honecker-kim-il-sung.xml']) copyFileSync(path.join(sampleTei, f), path.join(source, f));
  copyFileSync(samplePersons, path.join(source, 'persons.xml'));
  writeFileSync(path.join(source, 'broken.xml'), '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>unclosed</body></text></TEI>\n');
  out = mkdtempSync(path.join(tmpdir(), 'tei-edition-pdf-out-'));
  cli = await build('--pdf', '--source', source, '--out', out, '--page-size', 'trade', '--title', 'Two Documents');
}, 120_000);

const savedEnv = process.env.TEI_EDITION_CHROMIUM;
afterEach(() => {
  if (savedEnv === undefined) delete process.env.TEI_EDITION_CHROMIUM;
  else process.env.TEI_EDITION_CHROMIUM = savedEnv;
});

describe('tei-edition build --pdf', () => {
  it('reports the broken document, leaves it out and builds the rest', () => {
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`${path.join(source, 'broken.xml')}: not well-formed XML, left out`);
    expect(cli.stdout).toMatch(/edition\.pdf \(\d+ pages\) and 2 document PDFs/);
    expect(readdirSync(out).sort()).toEqual(['doc-1984-05-31-honecker-kim-il-sung.pdf', 'edition.pdf', 'wilson-208236.pdf']);
    const text = pageTexts(path.join(out, 'edition.pdf')).join('\n');
    expect(text).toContain('2 documents');
    expect(text).not.toContain('unclosed');
  });

  it('prints on 6 × 9 in pages', () => {
    for (const f of readdirSync(out)) expect(pdfInfo(path.join(out, f))['Page size'], f).toMatch(/^432 x 648 pts/);
    expect(pdfInfo(path.join(out, 'edition.pdf')).Title).toBe('Two Documents');
  });

  it('builds the PDFs of the documents asked for only, without the volume', async () => {
    const only = mkdtempSync(path.join(tmpdir(), 'tei-edition-pdf-only-'));
    const result = await buildPdfEdition({ source, out: only, volume: false, only: ['wilson-208236.xml'] });
    expect(result.volume).toBeUndefined();
    expect(result.pages).toBe(0);
    expect(result.documents).toEqual([path.join(only, 'wilson-208236.pdf')]);
    expect(readdirSync(only)).toEqual(['wilson-208236.pdf']); // nothing half-written left behind
    expect(pageTexts(result.documents[0]!).join(' ')).toMatch(/Document 2\s+Memorandum about the Discussion/);
  }, 60_000);
});

describe('the volume in one HTML (transformToPrintHtml), laid out in one piece', () => {
  it('gets its contents from target-counter and its index during layout', async () => {
    const docs = orderForPrint(listTeiFiles(source).filter((f) => !f.endsWith('broken.xml')).map((f) => ({ stem: pageStem(f), doc: parseTei(readFileSync(f, 'utf8')) })));
    const html = transformToPrintHtml({ documents: docs, register: parseTei(readFileSync(samplePersons, 'utf8')), title: 'One Piece' });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tei-edition-pdf-one-')), 'one.pdf');
    const printer = await openPrinter();
    try {
      const printed = await printer.print(html, file, { title: 'One Piece', lang: 'en' });
      expect(printed.indexFilled).toBe(true);
    } finally {
      await printer.close();
    }
    const pages = pageTexts(file).map(flat);
    const contents = pages.findIndex((t) => t.startsWith('Contents '));
    const opening = pages.findIndex((t) => /^Document 2 Memorandum about/.test(t)) + 1;
    expect(opening).toBeGreaterThan(contents + 1);
    // The number stands on the entry's first line, after its date.
    expect(pages[contents]).toMatch(new RegExp(`25 May 1987 ${opening} `)); // the volume's date style
    const index = pages.findIndex((t) => t.startsWith('Index of persons'));
    const salevsky = /Salevsky, Lieutenant Colonel, GDR’s MfS, interpreter ([\d–, ]+)/.exec(flat(pageTexts(file, false)[index]!)); // columns read one after the other
    expect(salevsky).not.toBeNull();
    for (const p of expandPages(salevsky![1]!)) expect(pages[p - 1]).toContain('Salevsky');
  }, 60_000);
});

describe('without Chromium', () => {
  it('says how to install it, and writes nothing', async () => {
    const nowhere = path.join(tmpdir(), 'tei-edition-no-chromium', 'chromium');
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'tei-edition-pdf-none-')), 'print');
    await expect(buildPdfEdition({ source: sampleTei, out: target, chromium: nowhere })).rejects.toThrow(/Chromium was not found at .*tei-edition-no-chromium.*sudo apt-get install chromium/);
    expect(existsSync(target)).toBe(false);
    process.env.TEI_EDITION_CHROMIUM = nowhere;
    const r = await build('--pdf', '--source', sampleTei, '--out', target);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Chromium was not found at ${nowhere}`);
    expect(r.stderr).toContain('sudo apt-get install chromium');
    expect(existsSync(target)).toBe(false);
  });
});
