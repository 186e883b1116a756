/** `tei-edition build --html [--source DIR] [--out DIR] [--persons FILE]`. */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildHtmlEditionParallel } from './html.js';

export const buildHelp = `Usage: tei-edition build --html [--source DIR] [--out DIR] [--persons FILE] [--title TEXT] [--base-url URL]

Build the static web edition from the TEI:
  --html            write the HTML edition (the only format so far)
  --source DIR      folder of TEI documents (default source/tei)
  --out DIR         output folder (default editions/html)
  --persons FILE    persons register (default persons.xml in or beside --source)
  --title TEXT      the edition's title on every page
  --base-url URL    where the edition will be published (permanent links in "Cite this")
Exit status: 0 built, 1 a document could not be read, 2 usage error.`;

export async function runBuild(argv: string[], io: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  let values: { html?: boolean; source?: string; out?: string; persons?: string; title?: string; 'base-url'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        html: { type: 'boolean' },
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
  if (!values.html) {
    io.stderr(`tei-edition build: say which edition to build (--html)\n${buildHelp}\n`);
    return 2;
  }
  const source = values.source ?? 'source/tei';
  const out = values.out ?? 'editions/html';
  if (!existsSync(source) || !statSync(source).isDirectory()) {
    io.stderr(`tei-edition build: ${source}: no such folder\n`);
    return 2;
  }
  if (values.persons && !existsSync(values.persons)) {
    io.stderr(`tei-edition build: ${values.persons}: no such file\n`);
    return 2;
  }
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
