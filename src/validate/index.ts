/**
 * Validate TEI documents in-process: hostile-input checks (scan.ts), RELAX NG with
 * xmllint-wasm (relaxng.ts), and the project's Schematron with SaxonJS (schematron.ts).
 * Every problem becomes a message on the document's vfile, with a line and, where known, a
 * column; errors are `fatal: true`, warnings `fatal: false`, information `fatal: undefined`.
 *
 * Message sources: 'xml' (unreadable, refused or not well-formed), 'relaxng', 'schematron'.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { loadRelaxNG, validateRelaxNG, type RelaxNGSchema } from './relaxng.js';
import { RegisterCache } from './registers.js';
import { decodeUtf8, defaultLimits, LineIndex, locatePath, scanMarkup, tooLarge, type Limits, type Problem } from './scan.js';
import { loadSchematron, runSchematron, runSchematronParallel, type LoadedSchematron, type SchematronFinding } from './schematron.js';

export { SchemaError } from './relaxng.js';
export { SchematronCompileError } from './schematron-compile.js';

/** The project's schema files. */
export const editionSchema = {
  rng: fileURLToPath(new URL('../../schema/tei-edition.rng', import.meta.url)),
  sch: fileURLToPath(new URL('../../schema/tei-edition.sch', import.meta.url)),
  odd: fileURLToPath(new URL('../../schema/tei-edition.odd', import.meta.url)),
};

/** The full TEI P5 schema shipped with the package (`--schema tei_all`). */
export const teiAllSchema = fileURLToPath(new URL('../../schema/tei_all.rng', import.meta.url));

export const RULES_URL = 'docs/schema.md';

export interface ValidateOptions {
  /** 'edition' (default): the project's grammar; or the path of any RELAX NG grammar (XML syntax). */
  schema?: 'edition' | string;
  /** Run the Schematron rules: true, false, or the path of a Schematron schema. Default: on with the edition grammar, off with another. */
  schematron?: boolean | string;
  /** Largest document accepted, in bytes (default 32 MiB). */
  maxBytes?: number;
  /** Deepest element nesting accepted (default 200). */
  maxDepth?: number;
  /** Persons registers held in memory (path → XML), used instead of the files at those paths. */
  registers?: Record<string, string>;
  /** Folder that relative paths are resolved from (default: process.cwd()). */
  cwd?: string;
  /** Most worker threads for the Schematron rules on large batches (default: the number of cores). */
  workers?: number;
}

export interface StringInput {
  /** Where the document is (or will be) written: names the vfile, and resolves ../persons.xml. */
  path: string;
  xml: string;
}

interface Prepared {
  file: VFile;
  text: string | null;
}

/** Validate files on disk. One vfile per path, in the same order. */
export async function validateFiles(paths: string[], options: ValidateOptions = {}): Promise<VFile[]> {
  const limits = limitsOf(options);
  const cwd = options.cwd ?? process.cwd();
  const prepared = paths.map((path) => readDocument(path, cwd, limits));
  return validatePrepared(prepared, options, limits);
}

/** Validate documents held in memory (e.g. what the importer is about to write). */
export async function validateStrings(docs: StringInput[], options: ValidateOptions = {}): Promise<VFile[]> {
  const limits = limitsOf(options);
  const prepared = docs.map((doc) => {
    const file = new VFile({ path: doc.path, cwd: options.cwd ?? process.cwd() });
    const bytes = Buffer.byteLength(doc.xml, 'utf8');
    const big = tooLarge(bytes, limits);
    if (big) return refuse(file, big);
    if (LONE_SURROGATE.test(doc.xml)) {
      return refuse(file, { ruleId: 'invalid-utf8', reason: 'The text contains unpaired surrogate code units: it cannot be written as UTF-8.' });
    }
    file.value = doc.xml;
    return checkMarkup(file, doc.xml, limits);
  });
  return validatePrepared(prepared, options, limits);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function limitsOf(options: ValidateOptions): Limits {
  return { maxBytes: options.maxBytes ?? defaultLimits.maxBytes, maxDepth: options.maxDepth ?? defaultLimits.maxDepth };
}

/** Read a file within the size limit (checked before reading), as strict UTF-8. */
function readDocument(path: string, cwd: string, limits: Limits): Prepared {
  const file = new VFile({ path, cwd });
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO is opened without waiting for a writer, then refused by fstat.
    fd = openSync(resolve(cwd, path), constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return refuse(file, { ruleId: 'read-error', reason: `The file cannot be read: ${(e as Error).message}` });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return refuse(file, { ruleId: 'read-error', reason: 'Not a regular file.' });
    const big = tooLarge(st.size, limits);
    if (big) return refuse(file, big);
    // Read at most the limit (plus one byte, to notice a file that grew after fstat).
    const bytes = Buffer.alloc(Math.min(st.size, limits.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, bytes, length, bytes.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === bytes.length) break;
    }
    if (length > limits.maxBytes) {
      const grown = tooLarge(length, limits);
      if (grown) return refuse(file, grown);
    }
    const decoded = decodeUtf8(bytes.subarray(0, length));
    if ('problem' in decoded) return refuse(file, decoded.problem);
    file.value = decoded.text;
    return checkMarkup(file, decoded.text, limits);
  } catch (e) {
    return refuse(file, { ruleId: 'read-error', reason: `The file cannot be read: ${(e as Error).message}` });
  } finally {
    closeSync(fd);
  }
}

function checkMarkup(file: VFile, text: string, limits: Limits): Prepared {
  const { problem } = scanMarkup(text, limits.maxDepth);
  if (problem) return refuse(file, problem);
  return { file, text };
}

function refuse(file: VFile, problem: Problem): Prepared {
  const place = problem.line !== undefined ? { line: problem.line, column: problem.column ?? 1 } : undefined;
  const message = file.message(problem.reason, { place, ruleId: problem.ruleId, source: 'xml' });
  message.fatal = true;
  return { file, text: null };
}

async function validatePrepared(prepared: Prepared[], options: ValidateOptions, limits: Limits): Promise<VFile[]> {
  const schemaPath = options.schema === undefined || options.schema === 'edition' ? editionSchema.rng : resolve(options.schema);
  const isEdition = schemaPath === editionSchema.rng;
  const schematronPath =
    typeof options.schematron === 'string' ? resolve(options.schematron) : (options.schematron ?? isEdition) ? editionSchema.sch : null;

  // Load both schemas before any document, so that a broken schema fails the whole call.
  const grammar: RelaxNGSchema = loadRelaxNG(schemaPath);
  const rules: LoadedSchematron | null = schematronPath ? loadSchematron(schematronPath) : null;

  const todo = prepared.filter((p): p is Prepared & { text: string } => p.text !== null);
  // The grammar runs in a worker thread (xmllint-wasm), the rules on this thread and in
  // workers of their own: start the grammar, check the rules meanwhile, then wait for it.
  const grammarRun = validateRelaxNG(
    todo.map((p) => p.text),
    grammar,
  );
  let findings: SchematronFinding[][] | null = null;
  if (rules && todo.length > 0) {
    const registers = new RegisterCache(limits, new Map(Object.entries(options.registers ?? {}).map(([k, v]) => [resolve(options.cwd ?? process.cwd(), k), v])));
    const inputs = todo.map((p) => {
      const path = resolve(p.file.cwd, p.file.path);
      return { text: p.text, params: { 'file-id': basename(path).replace(/\.xml$/i, ''), ...registers.paramsFor(path, p.text) } };
    });
    try {
      findings = await runSchematronParallel(rules, inputs, options.workers);
    } catch {
      // One document the rules cannot run on (SaxonJS out of stack on pathological text)
      // must not fail the others: run them one by one, and report the one that fails.
      findings = inputs.map((input) => {
        try {
          return runSchematron(rules, [input])[0] ?? [];
        } catch (e) {
          return [{ id: 'rules-failed', role: 'error', path: '', message: `The Schematron rules could not be run on this document: ${(e as Error).message.split('\n')[0]}` }];
        }
      });
    }
  }
  const grammarIssues = await grammarRun;

  todo.forEach((p, i) => {
    const issues = grammarIssues[i] ?? [];
    for (const issue of issues) {
      const place = issue.line === null ? undefined : { line: issue.line, column: issue.column ?? undefined };
      const message = p.file.message(issue.message, { place: place as { line: number; column: number } | undefined, ruleId: issue.ruleId, source: issue.source });
      message.fatal = true;
    }
    // A document that is not well-formed has only that error: the rules could not read it.
    const list = findings?.[i] ?? [];
    if (list.length === 0 || issues.some((issue) => issue.source === 'xml')) return;
    const { index } = scanMarkup(p.text, Number.POSITIVE_INFINITY, true);
    const lines = new LineIndex(p.text);
    for (const f of list) {
      const place = f.path && index ? locatePath(lines, index, f.path) : null;
      const message = p.file.message(f.message, { place: place ?? undefined, ruleId: f.id, source: 'schematron' });
      message.fatal = f.role === 'error' || f.role === 'fatal' ? true : f.role === 'warning' ? false : undefined;
      message.url = `${RULES_URL}#${f.id}`;
    }
  });

  for (const p of prepared) p.file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return prepared.map((p) => p.file);
}

/** Whether a validated file has an error (a fatal message). */
export function isValid(file: VFile): boolean {
  return !file.messages.some((m) => m.fatal === true);
}

