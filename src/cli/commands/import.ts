import path from 'node:path';
import { parseArgs } from 'node:util';
import { reporter } from 'vfile-reporter';
import { importFiles, type ImportOptions } from '../../import/index.js';
import { messageToJson } from '../../diagnostics/report.js';
import { listInputs } from '../../util/files.js';
import { EXTENSIONS, INPUT_FORMATS, type InputFormat } from '../../readers/index.js';
import { UsageError, type CliIo } from '../io.js';

export const importHelp = `Usage: tei-edition import <files or folders…> [options]

Import transcripts into TEI-XML, one file per document: plain text (.txt;
UTF-8, also with BOM or CRLF; Windows-1252 is detected and converted),
Markdown (.md, .markdown; [^n] footnotes), HTML pages (.html, .htm; the main
content, without navigation and scripts) and Word documents (.docx; Word's
footnotes and endnotes). Folders are searched for files with these endings.
Every document is validated against the project's schema (RELAX NG and
Schematron) before it is written; one that fails is reported and not written.

Options:
  --from FORMAT      read every input as txt, md, html or docx (default: by
                     file name ending; with --from, folders give only that format)
  --out DIR          where to write the TEI (default: source/tei)
  --persons FILE     the edition's persons register (default: persons.xml beside
                     the default output folder; none when --out is given)
  --force            overwrite TEI files that were changed by hand
  --names input      name outputs after their input (<stem>.xml) instead of the document id
  --kind KIND        document or introduction (default: recognised per file)
  --max-size BYTES   largest input accepted (default: 16777216)
  --timeout-ms MS    time limit per document for recognition (default: none)
  --report json      print per input: output path, document id, diagnostics
  -h, --help         show this help

Exit status: 0 all documents imported, 1 a document failed, 2 usage error.`;

export async function runImport(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      persons: { type: 'string' },
      force: { type: 'boolean' },
      names: { type: 'string' },
      kind: { type: 'string' },
      from: { type: 'string' },
      'max-size': { type: 'string' },
      'timeout-ms': { type: 'string' },
      report: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(importHelp + '\n');
    return 0;
  }
  if (!positionals.length) throw new UsageError('import needs at least one file or folder');
  if (values.report !== undefined && values.report !== 'json') throw new UsageError(`--report takes "json", not "${values.report}"`);
  if (values.names !== undefined && values.names !== 'input' && values.names !== 'id') throw new UsageError(`--names takes "input" or "id"`);
  if (values.kind !== undefined && values.kind !== 'document' && values.kind !== 'introduction') throw new UsageError(`--kind takes "document" or "introduction"`);
  if (values.from !== undefined && !INPUT_FORMATS.includes(values.from as InputFormat)) throw new UsageError(`--from takes ${INPUT_FORMATS.join(', ')}, not "${values.from}"`);
  const from = values.from as InputFormat | undefined;
  const maxBytes = values['max-size'] !== undefined ? Number(values['max-size']) : undefined;
  if (maxBytes !== undefined && !(Number.isInteger(maxBytes) && maxBytes > 0)) throw new UsageError('--max-size takes a whole number of bytes');
  const timeoutMs = values['timeout-ms'] !== undefined ? Number(values['timeout-ms']) : undefined;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) throw new UsageError('--timeout-ms takes a whole number of milliseconds');

  const outDir = values.out ?? path.join('source', 'tei');
  const personsPath = values.persons ?? (values.out ? null : path.join(path.dirname(outDir), 'persons.xml'));
  const extensions = from ? EXTENSIONS[from] : INPUT_FORMATS.flatMap((f) => EXTENSIONS[f]);
  const { files, missing } = await listInputs(positionals, extensions);
  for (const m of missing) io.stderr(`tei-edition import: ${m}: no such file or folder\n`);
  if (!files.length) {
    io.stderr(`tei-edition import: no transcripts (${extensions.map((e) => `*${e}`).join(', ')}) found\n`);
    return 2;
  }
  const options: ImportOptions = {
    outDir,
    personsPath,
    force: Boolean(values.force),
    nameFromInput: values.names === 'input',
    ...(values.kind ? { kind: values.kind as 'document' | 'introduction' } : {}),
    ...(maxBytes ? { maxBytes } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(from ? { from } : {}),
  };
  const results = await importFiles(files, options);
  const failed = results.filter((r) => r.status === 'failed').length;
  if (values.report === 'json') {
    io.stdout(JSON.stringify(results.map((r) => ({ input: r.input, output: r.output ?? null, id: r.id ?? null, status: r.status, messages: r.file.messages.map(messageToJson) })), null, 2) + '\n');
  } else {
    const text = reporter(results.map((r) => r.file), { quiet: false, color: Boolean(io.color) });
    if (text) io.stderr(text + '\n');
    const written = results.filter((r) => r.status === 'written').length;
    const unchanged = results.filter((r) => r.status === 'unchanged').length;
    io.stderr(`import: ${written} written, ${unchanged} unchanged, ${failed} failed (${outDir})\n`);
  }
  return failed || missing.length ? 1 : 0;
}
