/**
 * Validate TEI documents in-process: hostile-input checks (scan.ts), RELAX NG with the
 * project's own validator (relaxng.ts, rng/: jing's verdicts and messages, XInclude, DOCTYPE
 * internal subsets within limits), and the project's Schematron with SaxonJS (schematron.ts).
 * Every problem becomes a message on the document's vfile, with a line and, where known, a
 * column; errors are `fatal: true`, warnings `fatal: false`, information `fatal: undefined`.
 *
 * Message sources: 'xml' (unreadable, refused or not well-formed), 'relaxng', 'schematron'.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VFile } from 'vfile';
import { loadRelaxNG, validateRelaxNG, type RelaxNGSchema } from './relaxng.js';
import { RegisterCache } from './registers.js';
import { defaultEntityLimits } from './xml-parse.js';
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
  /** Most threads for large batches (default: the number of cores): the Schematron rules' workers, or, without rules, the grammar's. */
  workers?: number;
  /** Folder that XIncludes may read from (default: cwd; a document outside it may read its own folder). */
  includeRoot?: string;
  /** With the edition's grammar, every message even for a document that is not an edition file (default: a short summary). */
  all?: boolean;
}

/** With the edition's grammar, a document that is not an edition file gets this many grammar messages (unless `all`). */
export const FOREIGN_SUMMARY = 5;

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
  const { problem } = scanMarkup(text, limits.maxDepth, false, true);
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
  const cwd = options.cwd ?? process.cwd();
  const root = resolve(cwd, options.includeRoot ?? '.');
  // The rules first (one share on this thread, the others in workers, which go on while the
  // grammar is checked here: each document in a few milliseconds once it is compiled).
  let findingsRun: Promise<SchematronFinding[][] | null> = Promise.resolve(null);
  if (rules && todo.length > 0) {
    const registers = new RegisterCache(limits, new Map(Object.entries(options.registers ?? {}).map(([k, v]) => [resolve(cwd, k), v])));
    const inputs = todo.map((p) => {
      const path = resolve(p.file.cwd, p.file.path);
      return { text: p.text, params: { 'file-id': basename(path).replace(/\.xml$/i, ''), ...registers.paramsFor(path, p.text) } };
    });
    findingsRun = runSchematronParallel(rules, inputs, options.workers).catch(() =>
      // One document the rules cannot run on (SaxonJS out of stack on pathological text)
      // must not fail the others: run them one by one, and report the one that fails.
      inputs.map((input) => {
        try {
          return runSchematron(rules, [input])[0] ?? [];
        } catch (e) {
          return [{ id: 'rules-failed', role: 'error', path: '', message: `The Schematron rules could not be run on this document: ${(e as Error).message.split('\n')[0]}` }];
        }
      }),
    );
  }
  const grammarIssues = await validateRelaxNG(
    todo.map((p) => ({ text: p.text, path: resolve(p.file.cwd, p.file.path), root })),
    grammar,
    { maxBytes: limits.maxBytes, maxDepth: limits.maxDepth, entities: defaultEntityLimits },
    // With the Schematron rules the cores are busy with them: the grammar stays on this thread.
    rules ? 1 : (options.workers ?? availableParallelism()),
  );
  const findings = await findingsRun;

  todo.forEach((p, i) => {
    let issues = grammarIssues[i] ?? [];
    const grammarErrors = issues.filter((x) => x.fatal !== false && x.source === 'relaxng');
    if (isEdition && grammarErrors.length > 0 && !issues.some((x) => x.source === 'xml' && x.fatal !== false) && !isEditionDocument(p.text)) {
      // A foreign TEI file: say so first, then a few of the messages about house conventions.
      const first = p.file.message(`not a tei-edition document: validate against TEI with --schema tei_all (${grammarErrors.length} message${grammarErrors.length === 1 ? '' : 's'} against the edition's grammar${options.all ? '' : `; the first ${Math.min(FOREIGN_SUMMARY, grammarErrors.length)} follow, --all shows every one`}).`, {
        place: { line: 1, column: 1 },
        ruleId: 'not-edition',
        source: 'relaxng',
      });
      first.fatal = true;
      if (!options.all) {
        let kept = 0;
        issues = issues.filter((x) => x.source !== 'relaxng' || x.fatal === false || kept++ < FOREIGN_SUMMARY);
      }
    }
    for (const issue of issues) {
      const place = issue.line === null ? undefined : { line: issue.line, column: issue.column ?? undefined };
      const message = p.file.message(issue.message, { place: place as { line: number; column: number } | undefined, ruleId: issue.ruleId, source: issue.source });
      message.fatal = issue.fatal === false ? false : true;
    }
    // A document that is not well-formed has only that error: the rules could not read it.
    const list = findings?.[i] ?? [];
    if (list.length === 0 || issues.some((issue) => issue.source === 'xml' && issue.fatal !== false)) return;
    const { index } = scanMarkup(p.text, Number.POSITIVE_INFINITY, true, true);
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

/** Whether a document says it is made for this edition (its xml-model or its publisher). */
function isEditionDocument(text: string): boolean {
  const head = text.slice(0, 8192);
  return /<\?xml-model[^>]*tei-edition\.rng/.test(head) || /<publisher>\s*tei-edition\s*<\/publisher>/.test(head);
}

/** Whether a validated file has an error (a fatal message). */
export function isValid(file: VFile): boolean {
  return !file.messages.some((m) => m.fatal === true);
}

