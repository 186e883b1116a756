import { promises as fs } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { VFile } from 'vfile';
import { XMLValidator } from 'fast-xml-parser';
import { validateStrings } from '../validate/index.js';
import { report, hasErrors } from '../diagnostics/report.js';
import { DEFAULT_MAX_BYTES } from '../readers/decode.js';
import { formatOf, readInput, type InputFormat } from '../readers/index.js';
import type { Locate } from '../recognise/brackets.js';
import { PersonsRegister, RegisterError } from '../tei/register.js';
import { writeTei } from '../tei/write.js';
import { mapLimit, relativeHref, writeAtomic } from '../util/files.js';
import { NotAFileError, readRegularFile, TooLargeError } from '../util/inputs.js';
import { packageRoot, version } from '../version.js';
import { checkConservation } from './conservation.js';
import { comparable, recordedSource, seal, teiState } from './canonical.js';

export { recordedSource, seal, teiState, type TeiState } from './canonical.js';
import { structureDocument, tagDocument, type RecogniseOptions, type Structured } from './recognise-document.js';

export interface ImportOptions {
  outDir: string;
  /** Overwrite TEI files changed by hand since they were imported. */
  force?: boolean;
  /** The edition's persons register, or null for none. */
  personsPath?: string | null;
  /** How many documents are encoded, validated and written together (default 200): the bound on the TEI held in memory. */
  chunkSize?: number;
  maxBytes?: number;
  /** Deepest nesting of elements accepted in the TEI written (default 200, as the validator's). */
  maxDepth?: number;
  /** Name output files after their input (`<stem>.xml`) rather than the document id. */
  nameFromInput?: boolean;
  kind?: 'document' | 'introduction';
  /** Read every input as this format (default: from its file name ending). */
  from?: InputFormat;
  /** Validate the TEI against the project's grammar and Schematron before writing (default true). */
  validate?: boolean;
  publisher?: string;
  /** Date recorded in revisionDesc (defaults to today). */
  importDate?: string;
  /**
   * Time limit per document for reading and recognition, in ms (default: none). It is
   * checked between the stages: a document over it is refused with time-limit.
   */
  timeoutMs?: number;
  /**
   * The TEI files edited by hand already hold their transcripts' changes (merged by hand):
   * record the transcripts' checksums in them, and change nothing else.
   */
  merged?: boolean;
  /** Called with the source text of every document read (its checksum as the TEI records it), e.g. to keep it for a later diff. */
  onSource?: (checksum: string, text: string) => void;
}

export type ImportStatus = 'written' | 'unchanged' | 'failed';

export interface ImportResult {
  input: string;
  output?: string;
  id?: string;
  status: ImportStatus;
  file: VFile;
  /** The register ids of the document's persons. */
  personIds?: string[];
  /**
   * The output exists and was edited by hand (so it was not overwritten): the checksum of the
   * transcript it was imported from, and the transcript as it is now (source text, one block a
   * line; `lines[k]`: the line of the file where its line k + 1 stands).
   */
  edited?: { output: string; recordedChecksum: string; checksum: string; text: string; lines: number[] };
}

/** Import transcripts into TEI files: one result per input; one broken input never stops the others. */
export async function importFiles(inputs: string[], options: ImportOptions): Promise<ImportResult[]> {
  let register: PersonsRegister | undefined;
  if (options.personsPath) {
    try {
      register = new PersonsRegister(await readOptional(options.personsPath));
    } catch (error) {
      // A register that cannot be read is never rewritten: nothing is imported until it is fixed.
      const e = error instanceof RegisterError ? error : new RegisterError('register-not-well-formed', `The persons register ${options.personsPath} cannot be read: ${(error as Error).message}`);
      return inputs.map((input) => {
        const file = new VFile({ path: input });
        report(file, e.rule, `${options.personsPath}: ${e.message}`);
        return { input, status: 'failed', file };
      });
    }
  }
  const results: ImportResult[] = [];
  // Inputs are read ahead, several at a time, while they are small.
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const cache = new Map<string, Buffer>();
  let cached = 0;
  await mapLimit(inputs, 16, async (input) => {
    try {
      const stat = await fs.lstat(input);
      if (!stat.isFile() || stat.size > max || cached + stat.size > 256 * 2 ** 20) return;
      cached += stat.size;
      cache.set(input, await readRegularFile(input, max));
    } catch {
      // stage() reports what cannot be read.
    }
  });
  // First every document's structure, which gives its persons to the register; then
  // names are tagged with the whole register, whatever the order of the inputs.
  let staged: Staged[] = [];
  const spent = new Map<string, number>();
  for (const input of inputs) {
    const file = new VFile({ path: input });
    try {
      const start = performance.now();
      const done = await stage(input, file, options, register, cache.get(input));
      spent.set(input, performance.now() - start);
      cache.delete(input);
      if ('packed' in done) staged.push(done);
      else results.push(done);
    } catch (error) {
      report(file, 'internal-error', `The importer failed: ${(error as Error).message}`);
      results.push({ input, status: 'failed', file });
    }
  }
  // Two inputs of one document id or one output file: neither is written.
  const duplicates = findDuplicates(staged);
  for (const st of duplicates) results.push({ input: st.input, status: 'failed', file: st.file });
  staged = staged.filter((st) => !duplicates.has(st));
  // Encoded, validated and written a chunk at a time, so that only one chunk's TEI (and its
  // validation) is in memory at once; each chunk is validated with the register as it stands
  // (entries are only added, so a document's references stay resolved).
  // A chunk is taken out of the list, so its models are released once it is written.
  const size = Math.max(1, Math.floor(options.chunkSize ?? IMPORT_CHUNK));
  while (staged.length) results.push(...(await encodeValidateWrite(staged.splice(0, size), options, register, spent)));
  // The register gets the persons of the documents that stand written; a failed import adds none.
  if (register && options.personsPath) {
    const keep = new Set(results.filter((r) => r.status !== 'failed').flatMap((r) => r.personIds ?? []));
    const xml = register.serialise(keep);
    if (xml !== null) await writeAtomic(options.personsPath, xml);
  }
  const order = new Map(inputs.map((input, k) => [input, k]));
  results.sort((a, b) => order.get(a.input)! - order.get(b.input)!);
  return results;
}

/** How many documents are encoded, validated and written together. */
const IMPORT_CHUNK = 200;

/** Encode staged documents, validate them in one call (the grammar is compiled once per process), write the valid ones. */
async function encodeValidateWrite(staged: Staged[], options: ImportOptions, register: PersonsRegister | undefined, spent: Map<string, number>): Promise<ImportResult[]> {
  const pending: Pending[] = [];
  const results: ImportResult[] = [];
  for (const st of staged) {
    try {
      if (overTime(st, spent.get(st.input) ?? 0, options)) {
        results.push({ input: st.input, status: 'failed', file: st.file });
        continue;
      }
      const start = performance.now();
      const done = encode(st, options, register);
      if (overTime(st, (spent.get(st.input) ?? 0) + performance.now() - start, options)) {
        results.push({ input: st.input, status: 'failed', file: st.file });
        continue;
      }
      if ('xml' in done) pending.push(done);
      else results.push(done);
    } catch (error) {
      report(st.file, 'internal-error', `The importer failed: ${(error as Error).message}`);
      results.push({ input: st.input, status: 'failed', file: st.file });
    }
  }
  const registerXml = register ? register.serialise() : null;
  // Validate the chunk's documents in one call (the grammar is compiled once), then write the valid ones.
  // The TEI's size follows from the transcript's, which --max-size limits: no limit of its own.
  if (options.validate !== false && pending.length) {
    const registers = registerXml !== null && options.personsPath ? { [path.resolve(options.personsPath)]: registerXml } : {};
    const checked = await validateStrings(pending.map((p) => ({ path: p.output, xml: p.xml })), { registers, maxBytes: Number.POSITIVE_INFINITY, ...(options.maxDepth ? { maxDepth: options.maxDepth } : {}) });
    pending.forEach((p, k) => {
      for (const m of checked[k]?.messages ?? []) {
        if (m.fatal === true) report(p.file, 'invalid-tei', `${path.basename(p.output)}:${m.line ?? '?'}:${m.column ?? '?'}: ${m.reason} (${m.source}:${m.ruleId})`);
        else p.file.message(`${path.basename(p.output)}:${m.line ?? '?'}: ${m.reason}`, { ruleId: m.ruleId ?? 'schema-warning', source: m.source ?? 'validate' });
      }
    });
  }
  results.push(
    ...(await mapLimit(pending, 16, async (p): Promise<ImportResult> => {
      try {
        const result = hasErrors(p.file) ? { input: p.input, status: 'failed' as const, file: p.file } : await write(p, options);
        return { personIds: p.personIds, ...result };
      } catch (error) {
        report(p.file, 'internal-error', `The TEI could not be written: ${(error as Error).message}`);
        return { input: p.input, status: 'failed', file: p.file };
      }
    })),
  );
  return results;
}

/** Where the document id comes from in the input: the record ID (the last time it stands), else the title (the first). */
function placeOfId(st: Staged): { line: number; column: number } | undefined {
  const meta = st.meta;
  const at = meta.recordId ? st.source.lastIndexOf(meta.recordId) : meta.title ? st.source.indexOf(meta.title) : -1;
  return at >= 0 ? st.locate(at) : st.locate(0);
}

/** A path as messages show it: relative to the current folder when inside it. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** A file name as file systems that ignore case see it. */
function folded(file: string): string {
  return path.resolve(file).toLowerCase();
}

/**
 * The inputs of this run that give the same document id or would be written to the same file
 * (names that differ only in case count as the same): each is reported, naming the others.
 */
function findDuplicates(staged: Staged[]): Set<Staged> {
  const out = new Set<Staged>();
  const groups = (key: (st: Staged) => string) => {
    const map = new Map<string, Staged[]>();
    for (const st of staged) map.set(key(st), [...(map.get(key(st)) ?? []), st]);
    return [...map.values()].filter((g) => g.length > 1);
  };
  const named = (sts: Staged[]) => sts.map((o) => shown(o.input)).join(', ');
  for (const group of groups((st) => st.id)) {
    for (const st of group) {
      const others = group.filter((o) => o !== st);
      report(st.file, 'duplicate-id', `${named(others)} ${others.length === 1 ? 'gives' : 'give'} the same document id, ${st.id} (${st.meta.recordId ? `record ID ${st.meta.recordId}` : 'the same date and title'}): neither is written. Give each its own record ID or title.`, placeOfId(st));
      out.add(st);
    }
  }
  for (const group of groups((st) => folded(st.output))) {
    for (const st of group) {
      if (out.has(st) && group.every((o) => o.id === st.id)) continue;
      const others = group.filter((o) => o !== st);
      report(st.file, 'duplicate-output', `${named(others)} would be written to the same file, ${path.basename(st.output)}${group.some((o) => o.output !== st.output) ? ' (names that differ only in case are one file on many systems)' : ''}: neither is written. Rename one${st.output.endsWith(`${st.id}.xml`) ? '' : ', or import without --names input'}.`, placeOfId(st));
      out.add(st);
    }
  }
  return out;
}

/** Whether a document has used more than its time (reported on its file). */
function overTime(st: Staged, ms: number, options: ImportOptions): boolean {
  if (options.timeoutMs === undefined || ms <= options.timeoutMs) return false;
  report(st.file, 'time-limit', `Recognising the document took ${Math.round(ms)} ms, more than the limit of ${options.timeoutMs} ms per document (raise it with --timeout-ms); it was not written.`);
  return true;
}

/** A document recognised and encoded, waiting for validation and writing. */
interface Pending {
  input: string;
  output: string;
  id: string;
  file: VFile;
  xml: string;
  /** The register ids of its persons. */
  personIds: string[];
  /** The source text (one block a line) and the line of the file of each of its lines. */
  source: string;
  lines: () => number[];
  sourceChecksum: string;
}

/** A document recognised but for its names and dates. */
interface Staged {
  input: string;
  file: VFile;
  /** The source text conservation checks (for plain text, the transcript itself). */
  source: string;
  /** Where an offset of the source text lies in the input. */
  locate: Locate;
  /**
   * Its model, serialized and compressed (pack): every document of a run waits as one until
   * the register has every document's persons, and as objects 10,000 documents' models take
   * gigabytes (packed, a model is about 0.8 times its transcript's size, some 7 times as objects;
   * packing and unpacking it costs well under a millisecond).
   */
  packed: Buffer;
  /** What messages about the document id name. */
  meta: { recordId?: string; title?: string };
  id: string;
  output: string;
}

async function stage(input: string, file: VFile, options: ImportOptions, register: PersonsRegister | undefined, cachedBytes?: Buffer): Promise<ImportResult | Staged> {
  const fail = (): ImportResult => ({ input, status: 'failed', file });
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  if (cachedBytes) bytes = cachedBytes;
  else
    try {
      // Within the limit, checked on the open file; a FIFO or device is refused, never waited on.
      bytes = await readRegularFile(input, max);
    } catch (error) {
      if (error instanceof TooLargeError) report(file, 'input-too-large', `The file has ${error.size} bytes; the maximum is ${max} (raise it with --max-size).`);
      else if (error instanceof NotAFileError) report(file, 'read-error', `The file could not be read: ${error.message}.`);
      else report(file, 'read-error', `The file could not be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
      return fail();
    }
  const format = options.from ?? formatOf(input);
  if (!format) {
    report(file, 'unknown-format', `The format of ${path.basename(input)} is not known from its name; name it .txt, .md, .html or .docx, or give --from.`);
    return fail();
  }
  const read = await readInput(bytes, format, file, { maxBytes: max });
  if (read === null) return fail();
  const { blocks, text: source, locate } = read;
  const structured = structureDocument(blocks, source, file, { ...recogniseOptions(options, register), locate, ...(read.checksum ? { sourceChecksum: read.checksum } : {}) });
  if (!structured) return fail();
  options.onSource?.(structured.doc.sourceChecksum, source);
  const id = structured.doc.id;
  const stem = path.basename(input).replace(/\.[^.]+$/, '');
  const output = path.join(options.outDir, `${options.nameFromInput ? stem : id}.xml`);
  const { recordId, title } = structured.doc.meta;
  return { input, file, source, locate, packed: pack(structured), meta: { ...(recordId ? { recordId } : {}), ...(title ? { title } : {}) }, id, output };
}

/** A model as a compact buffer: the structured clone of it (every value and its kind kept), deflated. */
function pack(structured: Structured): Buffer {
  return deflateRawSync(serialize(structured), { level: 1 });
}

function unpack(packed: Buffer): Structured {
  return deserialize(inflateRawSync(packed)) as Structured;
}

function recogniseOptions(options: ImportOptions, register: PersonsRegister | undefined): RecogniseOptions {
  const registerHref = options.personsPath ? relativeHref(options.outDir, options.personsPath) : undefined;
  return { ...(register ? { register } : {}), ...(registerHref ? { registerHref } : {}), ...(options.kind ? { kind: options.kind } : {}) };
}

/** Tag names and dates, write the TEI, and check that nothing was lost. */
function encode(st: Staged, options: ImportOptions, register: PersonsRegister | undefined): ImportResult | Pending {
  const { input, file, source, output } = st;
  const fail = (): ImportResult => ({ input, status: 'failed', file });
  const recognition = recogniseOptions(options, register);
  const doc = tagDocument(unpack(st.packed), recognition);
  const id = doc.id;
  const registerHref = recognition.registerHref;
  const xml = writeTei(doc, {
    toolVersion: version,
    rngHref: relativeHref(options.outDir, path.join(packageRoot, 'schema', 'tei-edition.rng')),
    schHref: relativeHref(options.outDir, path.join(packageRoot, 'schema', 'tei-edition.sch')),
    ...(registerHref ? { registerHref } : {}),
    importDate: options.importDate ?? new Date().toISOString().slice(0, 10),
    sourceRef: relativeHref(options.outDir, input),
    publisher: options.publisher ?? 'tei-edition',
  });

  // Nothing of the transcript may be lost.
  const conservation = checkConservation(source, doc.layout, xml);
  if (!conservation.ok) {
    const first = conservation.missing[0]!;
    const list = conservation.missing.slice(0, 10).map((m) => `“${m.word}”${m.count > 1 ? ` ×${m.count}` : ''}`).join(', ');
    report(file, 'text-lost', `Text of the transcript would be missing from the TEI: ${list}${conservation.missing.length > 10 ? ` and ${conservation.missing.length - 10} more` : ''}.`, st.locate(first.offset));
    return fail();
  }
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    report(file, 'internal-error', `The TEI written is not well-formed XML (line ${wellFormed.err.line}): ${wellFormed.err.msg}`);
    return fail();
  }
  const personIds = [...new Set([...doc.persons.map((p) => p.registerId), ...(doc.proposed ?? [])].filter((r): r is string => Boolean(r)))];
  return { input, output, id, file, xml, personIds, source, lines: () => sourceLines(source, st.locate), sourceChecksum: doc.sourceChecksum };
}

/** The line of the input file where each line of the source text stands (for plain text, the same line). */
function sourceLines(source: string, locate: Locate): number[] {
  const lines = [locate(0).line];
  for (let k = source.indexOf('\n'); k >= 0; k = source.indexOf('\n', k + 1)) lines.push(locate(k + 1).line);
  return lines;
}

/** Write a valid document, unless that would overwrite an editor's work or another transcript's TEI. */
async function write(p: Pending, options: ImportOptions): Promise<ImportResult> {
  const { input, output, id, file } = p;
  const xml = seal(p.xml);
  // The TEI is canonical: never overwrite an editor's changes.
  let existing: string | null;
  try {
    existing = await readOptional(output);
  } catch (error) {
    if (!(error instanceof NotAFileError)) throw error;
    report(file, 'tei-not-ours', `${output} exists and is not a file tei-edition wrote (${error.message.replace(`${output} is `, '')}); it is not replaced.`);
    return { input, status: 'failed', file };
  }
  if (existing !== null) {
    const state = teiState(existing);
    const recorded = recordedSource(existing);
    // Another transcript's TEI (one that is still there) is never overwritten, not even with --force.
    const other = recorded.ref !== undefined ? path.resolve(options.outDir, recorded.ref) : undefined;
    if (other !== undefined && !(await samePath(other, input)) && (await isFile(other))) {
      report(file, 'tei-other-source', `${shown(output)} was imported from ${shown(other)}, which is still there${state.kind === 'edited' ? ' (and edited by hand since)' : ''}: it is not overwritten, and ${path.basename(input)} is not imported. They give the same document id, ${id}: give each its own record ID or title, or remove one of them and its TEI.`);
      return { input, status: 'failed', file };
    }
    if (state.kind === 'foreign' && !options.force) {
      report(file, 'tei-not-ours', `${output} exists and was not written by tei-edition; use --force to overwrite it.`);
      return { input, status: 'failed', file };
    }
    if (state.kind === 'edited' && !options.force) {
      if (options.merged) {
        // The editor took the transcript's changes by hand: record its checksum, change nothing else.
        await writeAtomic(output, existing.replace(/(<idno type="source-sha256">)([0-9a-f]{64})(<\/idno>)/, `$1${p.sourceChecksum}$3`));
        report(file, 'source-recorded', `${output}: the checksum of ${path.basename(input)} is recorded in the TEI edited by hand (--merged); nothing else in it was changed.`);
        // Its persons are the editor's to keep: none is added to the register for it.
        return { input, output, id, status: 'written', file, personIds: [] };
      }
      report(file, 'tei-edited', `${output} was changed by hand since it was imported; your changes are kept. Use --force to overwrite them.`);
      return { input, status: 'failed', file, edited: { output, recordedChecksum: recorded.checksum ?? '', checksum: p.sourceChecksum, text: p.source, lines: p.lines() } };
    }
    if (state.kind === 'ours' && comparable(existing) === comparable(xml)) return { input, output, id, status: 'unchanged', file };
  }
  await writeAtomic(output, xml);
  return { input, output, id, status: 'written', file };
}

/** Whether two paths name one file (the same path, or the same file through links). */
async function samePath(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    return (await fs.realpath(a)) === (await fs.realpath(b));
  } catch {
    return false;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}


/** A file's text, or null when there is none; a FIFO, folder or device is refused (NotAFileError), never waited on. */
async function readOptional(file: string): Promise<string | null> {
  try {
    return (await readRegularFile(file)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

