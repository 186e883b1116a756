import path from 'node:path';
import { parseArgs } from 'node:util';
import { reporter } from 'vfile-reporter';
import { importFiles, type ImportOptions } from '../../import/index.js';
import { messageToJson } from '../../diagnostics/report.js';
import { rules, type Rule } from '../../diagnostics/rules.js';
import { listInputs, type Skipped } from '../../util/inputs.js';
import { VFile } from 'vfile';
import { limitOptions, parseLimits } from '../limits.js';
import { EXTENSIONS, INPUT_FORMATS, type InputFormat } from '../../readers/index.js';
import { UsageError, type CliIo } from '../io.js';

export const importHelp = `Usage: tei-edition import <files or folders…> [options]

Import transcripts into TEI-XML, one file per document: plain text (.txt;
UTF-8, also with BOM or CRLF; a few bytes that are not UTF-8 are replaced and
reported; a file that is not UTF-8 at all is read as Windows-1252), Markdown
(.md, .markdown; [^n] footnotes), HTML pages (.html, .htm; the main content,
without navigation and scripts) and Word documents (.docx; Word's footnotes
and endnotes). Folders are searched for files with these endings; what is not
a regular file among them (folders, FIFOs, sockets, dangling links) is
reported and skipped, and a symbolic link in a folder is followed only to a
file inside it. Two transcripts of one document id (or one output file) are
an error, and neither is written; a TEI imported from another transcript is
never overwritten. Every document is validated against the project's schema
(RELAX NG and Schematron) before it is written; one that fails is reported
and not written.

Options:
  --from FORMAT      read every input as txt, md, html or docx (default: by
                     file name ending; with --from, folders give only that format)
  --out DIR          where to write the TEI (default: source/tei)
  --persons FILE     the edition's persons register (default: persons.xml beside
                     the default output folder; none when --out is given)
  --force            overwrite TEI files that were changed by hand
  --merged           the TEI files changed by hand already hold their transcripts'
                     changes (merged by hand): record the transcripts' checksums
                     in them, and change nothing else
  --names input      name outputs after their input (<stem>.xml) instead of the document id
  --kind KIND        document or introduction (default: recognised per file)
  --max-size SIZE    the largest transcript read, in bytes or with KB, MB, GB
                     (default: 16MB; the TEI written has no size limit of its own)
  --max-depth N      the deepest nesting of elements in the TEI written (default 200)
  --timeout-ms MS    time limit per document for reading and recognising it (default: none)
  --report json      print per input: output path, document id, diagnostics
  -h, --help         show this help

Exit status: 0 all documents imported, 1 a document failed, 2 usage error.`;

/** What was skipped, as the files of the report: one warning (or note) on each. */
export function skippedFiles(skipped: Skipped[]): VFile[] {
  return skipped.map((s) => {
    const file = new VFile({ path: s.path });
    const rule: Rule = rules[s.rule];
    const m = file.message(s.reason, { ruleId: s.rule, source: rule.source });
    m.fatal = rule.severity === 'error' ? true : rule.severity === 'warning' ? false : undefined;
    m.url = `docs/rules.md#${s.rule}`;
    return file;
  });
}

export async function runImport(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      persons: { type: 'string' },
      force: { type: 'boolean' },
      merged: { type: 'boolean' },
      names: { type: 'string' },
      kind: { type: 'string' },
      from: { type: 'string' },
      ...limitOptions,
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
  if (values.force && values.merged) throw new UsageError('--force and --merged exclude each other: --force takes the transcript (the hand edits are lost), --merged keeps the TEI as it is');
  const from = values.from as InputFormat | undefined;
  const limits = parseLimits(values);

  const outDir = values.out ?? path.join('source', 'tei');
  const personsPath = values.persons ?? (values.out ? null : path.join(path.dirname(outDir), 'persons.xml'));
  const extensions = from ? EXTENSIONS[from] : INPUT_FORMATS.flatMap((f) => EXTENSIONS[f]);
  const { files, missing, skipped } = await listInputs(positionals, extensions);
  for (const m of missing) io.stderr(`tei-edition import: ${m}: no such file or folder\n`);
  const skippedReport = skippedFiles(skipped);
  if (!files.length) {
    if (skippedReport.length) io.stderr(reporter(skippedReport, { quiet: false, color: Boolean(io.color) }) + '\n');
    io.stderr(`tei-edition import: no transcripts (${extensions.map((e) => `*${e}`).join(', ')}) found\n`);
    return 2;
  }
  const options: ImportOptions = {
    outDir,
    personsPath,
    force: Boolean(values.force),
    merged: Boolean(values.merged),
    nameFromInput: values.names === 'input',
    ...(values.kind ? { kind: values.kind as 'document' | 'introduction' } : {}),
    ...limits,
    ...(from ? { from } : {}),
  };
  const results = await importFiles(files, options);
  const failed = results.filter((r) => r.status === 'failed').length;
  if (values.report === 'json') {
    const entries = [
      ...results.map((r) => ({ input: r.input, output: r.output ?? null, id: r.id ?? null, status: r.status, messages: r.file.messages.map(messageToJson) })),
      ...skippedReport.map((f) => ({ input: f.path, output: null, id: null, status: 'skipped', messages: f.messages.map(messageToJson) })),
    ];
    io.stdout(JSON.stringify(entries, null, 2) + '\n');
  } else {
    const text = reporter([...results.map((r) => r.file), ...skippedReport], { quiet: false, color: Boolean(io.color) });
    if (text) io.stderr(text + '\n');
    const written = results.filter((r) => r.status === 'written').length;
    const unchanged = results.filter((r) => r.status === 'unchanged').length;
    io.stderr(`import: ${written} written, ${unchanged} unchanged, ${failed} failed${skipped.length ? `, ${skipped.length} skipped` : ''} (${outDir})\n`);
  }
  return failed || missing.length ? 1 : 0;
}
