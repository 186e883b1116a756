/** `tei-edition build --html|--pdf [--source DIR] [--out DIR] [--persons FILE]`. */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildHtmlEditionParallel } from './html.js';
import { buildPdfEdition } from './pdf.js';
import { pageSizes, type PageSize } from './print.js';

export const buildHelp = `Usage: tei-edition build --html|--pdf [--source DIR] [--out DIR] [--persons FILE] [--title TEXT] [--base-url URL] [--page-size a4|letter|trade]

Build the editions from the TEI:
  --html            write the static web edition (default out editions/html)
  --pdf             write the print edition: edition.pdf (the volume) and a PDF per document
                    (default out editions/print); needs Debian's chromium (apt-get install
                    chromium; another Chromium: TEI_EDITION_CHROMIUM=PATH)
  --source DIR      folder of TEI documents (default source/tei)
  --out DIR         output folder (with both --html and --pdf: html/ and print/ inside it)
  --persons FILE    persons register (default persons.xml in or beside --source)
  --title TEXT      the edition's title on every page
  --base-url URL    where the edition will be published (the URL of every citation)
  --page-size SIZE  the PDFs' page: a4 (default), letter, trade (6 x 9 in)
  --chromium PATH   the Chromium that lays out the PDFs (default $TEI_EDITION_CHROMIUM, else
                    /usr/bin/chromium)
Exit status: 0 built, 1 a document could not be read, 2 usage error.`;

export async function runBuild(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  let values: { html?: boolean; pdf?: boolean; source?: string; out?: string; persons?: string; title?: string; 'base-url'?: string; 'page-size'?: string; chromium?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        html: { type: 'boolean' },
        pdf: { type: 'boolean' },
        'page-size': { type: 'string' },
        chromium: { type: 'string' },
        source: { type: 'string' },
        out: { type: 'string' },
        persons: { type: 'string' },
        title: { type: 'string' },
        'base-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr(`tei-edition build: ${(error as Error).message}\n${buildHelp}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${buildHelp}\n`);
    return 0;
  }
  if (!values.html && !values.pdf) {
    io.stderr(`tei-edition build: say which edition to build (--html, --pdf)\n${buildHelp}\n`);
    return 2;
  }
  const pageSize = values['page-size'] ?? 'a4';
  if (!pageSizes.includes(pageSize as PageSize)) {
    io.stderr(`tei-edition build: --page-size ${pageSize}: say a4, letter or trade\n`);
    return 2;
  }
  const source = values.source ?? 'source/tei';
  const both = values.html && values.pdf;
  // One edition: --out is its folder. Both: html/ and print/ inside --out (default editions).
  const out = both ? `${values.out ?? 'editions'}/html` : (values.out ?? 'editions/html');
  const pdfOut = both ? `${values.out ?? 'editions'}/print` : (values.out ?? 'editions/print');
  if (!existsSync(source) || !statSync(source).isDirectory()) {
    io.stderr(`tei-edition build: ${source}: no such folder\n`);
    return 2;
  }
  if (values.persons && !existsSync(values.persons)) {
    io.stderr(`tei-edition build: ${values.persons}: no such file\n`);
    return 2;
  }
  let status = 0;
  if (values.html) status = await runHtml();
  if (values.pdf && status !== 2) status = Math.max(status, await runPdf());
  return status;

  async function runPdf(): Promise<number> {
    try {
      const started = performance.now();
      const result = await buildPdfEdition({ source, out: pdfOut, pageSize: pageSize as PageSize, ...(values.persons ? { persons: values.persons } : {}), ...(values.title ? { title: values.title } : {}), ...(values.chromium ? { chromium: values.chromium } : {}) });
      for (const w of result.warnings) io.stderr(`tei-edition build: warning: ${w}\n`);
      io.stdout(`${pdfOut}: edition.pdf (${result.pages} pages) and ${result.documents.length} document PDFs in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      return result.warnings.some((w) => w.includes('not well-formed') || w.includes('left out') || w.includes('no PDF written')) ? 1 : 0;
    } catch (error) {
      io.stderr(`tei-edition build: ${(error as Error).message}\n`);
      return 2;
    }
  }

  async function runHtml(): Promise<number> {
    try {
      const started = performance.now();
      const result = await buildHtmlEditionParallel({ source, out, ...(values.persons ? { persons: values.persons } : {}), ...(values.title ? { title: values.title } : {}), ...(values['base-url'] ? { baseUrl: values['base-url'] } : {}) });
      for (const w of result.warnings) io.stderr(`tei-edition build: warning: ${w}\n`);
      io.stdout(`${out}: ${result.documents} documents, ${result.pages.length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      return result.warnings.some((w) => w.includes('not well-formed')) ? 1 : 0;
    } catch (error) {
      io.stderr(`tei-edition build: ${(error as Error).message}\n`);
      return 2;
    }
  }
}
