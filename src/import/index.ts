import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { XMLValidator } from 'fast-xml-parser';
import { validateStrings } from '../validate/index.js';
import { report, hasErrors } from '../diagnostics/report.js';
import { DEFAULT_MAX_BYTES } from '../readers/decode.js';
import { formatOf, readInput, type InputFormat } from '../readers/index.js';
import type { Locate } from '../recognise/brackets.js';
import { PersonsRegister } from '../tei/register.js';
import { CHECKSUM_PLACEHOLDER, writeTei } from '../tei/write.js';
import { mapLimit, relativeHref, writeAtomic } from '../util/files.js';
import { packageRoot, version } from '../version.js';
import { checkConservation } from './conservation.js';
import { structureDocument, tagDocument, type RecogniseOptions, type Structured } from './recognise-document.js';

export interface ImportOptions {
  outDir: string;
  /** Overwrite TEI files changed by hand since they were imported. */
  force?: boolean;
  /** The edition's persons register, or null for none. */
  personsPath?: string | null;
  maxBytes?: number;
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
}

export type ImportStatus = 'written' | 'unchanged' | 'failed';

export interface ImportResult {
  input: string;
  output?: string;
  id?: string;
  status: ImportStatus;
  file: VFile;
}

/** Import transcripts into TEI files: one result per input; one broken input never stops the others. */
export async function importFiles(inputs: string[], options: ImportOptions): Promise<ImportResult[]> {
  const registerSource = options.personsPath ? await readOptional(options.personsPath) : null;
  const register = options.personsPath ? new PersonsRegister(registerSource) : undefined;
  const results: ImportResult[] = [];
  const usedIds = new Set<string>();
  // Inputs are read ahead, several at a time, while they are small.
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const cache = new Map<string, Buffer>();
  let cached = 0;
  await mapLimit(inputs, 16, async (input) => {
    try {
      const stat = await fs.stat(input);
      if (stat.size > max || cached + stat.size > 256 * 2 ** 20) return;
      cached += stat.size;
      cache.set(input, await fs.readFile(input));
    } catch {
      // stage() reports what cannot be read.
    }
  });
  // First every document's structure, which gives its persons to the register; then
  // names are tagged with the whole register, whatever the order of the inputs.
  const staged: Staged[] = [];
  const spent = new Map<string, number>();
  for (const input of inputs) {
    const file = new VFile({ path: input });
    try {
      const start = performance.now();
      const done = await stage(input, file, options, register, usedIds, cache.get(input));
      spent.set(input, performance.now() - start);
      cache.delete(input);
      if ('structured' in done) staged.push(done);
      else results.push(done);
    } catch (error) {
      report(file, 'internal-error', `The importer failed: ${(error as Error).message}`);
      results.push({ input, status: 'failed', file });
    }
  }
  const pending: Pending[] = [];
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
  // Validate every document in one call (the grammar is compiled once), then write the valid ones.
  if (options.validate !== false && pending.length) {
    const registers = registerXml !== null && options.personsPath ? { [path.resolve(options.personsPath)]: registerXml } : {};
    const checked = await validateStrings(pending.map((p) => ({ path: p.output, xml: p.xml })), { registers });
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
        return hasErrors(p.file) ? { input: p.input, status: 'failed', file: p.file } : await write(p, options);
      } catch (error) {
        report(p.file, 'internal-error', `The TEI could not be written: ${(error as Error).message}`);
        return { input: p.input, status: 'failed', file: p.file };
      }
    })),
  );
  if (registerXml !== null && options.personsPath) await writeAtomic(options.personsPath, registerXml);
  const order = new Map(inputs.map((input, k) => [input, k]));
  results.sort((a, b) => order.get(a.input)! - order.get(b.input)!);
  return results;
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
}

/** A document recognised but for its names and dates. */
interface Staged {
  input: string;
  file: VFile;
  /** The source text conservation checks (for plain text, the transcript itself). */
  source: string;
  /** Where an offset of the source text lies in the input. */
  locate: Locate;
  structured: Structured;
  output: string;
}

async function stage(input: string, file: VFile, options: ImportOptions, register: PersonsRegister | undefined, usedIds: Set<string>, cachedBytes?: Buffer): Promise<ImportResult | Staged> {
  const fail = (): ImportResult => ({ input, status: 'failed', file });
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  if (cachedBytes) bytes = cachedBytes;
  else
    try {
      const stat = await fs.stat(input);
      if (stat.size > max) {
        report(file, 'input-too-large', `The file has ${stat.size} bytes; the maximum is ${max} (raise it with --max-size).`);
        return fail();
      }
      bytes = await fs.readFile(input);
    } catch (error) {
      report(file, 'read-error', `The file could not be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
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
  const recognise = (target: VFile, id?: string) => structureDocument(blocks, source, target, { ...recogniseOptions(options, register), locate, ...(read.checksum ? { sourceChecksum: read.checksum } : {}), ...(id ? { id } : {}) });
  let structured = recognise(file);
  if (!structured) return fail();
  let id = structured.doc.id;
  for (let k = 2; usedIds.has(id); k++) id = `${structured.doc.id}-${k}`;
  if (id !== structured.doc.id) {
    // Ids of notes and paragraphs derive from the document id: recognise again under the new one.
    const first = structured.doc.id;
    file.messages.length = 0;
    structured = recognise(file, id)!;
    report(file, 'duplicate-id', `Another input of this run has the id ${first}; this document is ${id}.`);
  }
  usedIds.add(id);
  const stem = path.basename(input).replace(/\.[^.]+$/, '');
  const output = path.join(options.outDir, `${options.nameFromInput ? stem : id}.xml`);
  return { input, file, source, locate, structured, output };
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
  const doc = tagDocument(st.structured, recognition);
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
  return { input, output, id, file, xml };
}

/** Write a valid document, unless that would overwrite an editor's work. */
async function write(p: Pending, options: ImportOptions): Promise<ImportResult> {
  const { input, output, id, file } = p;
  const xml = seal(p.xml);
  // The TEI is canonical: never overwrite an editor's changes.
  const existing = await readOptional(output);
  if (existing !== null) {
    const state = teiState(existing);
    if (state.kind === 'foreign' && !options.force) {
      report(file, 'tei-not-ours', `${output} exists and was not written by tei-edition; use --force to overwrite it.`);
      return { input, status: 'failed', file };
    }
    if (state.kind === 'edited' && !options.force) {
      report(file, 'tei-edited', `${output} was changed by hand since it was imported; your changes are kept. Use --force to overwrite them.`);
      return { input, status: 'failed', file };
    }
    if (state.kind === 'ours' && comparable(existing) === comparable(xml)) return { input, output, id, status: 'unchanged', file };
  }
  await writeAtomic(output, xml);
  return { input, output, id, status: 'written', file };
}

/** A TEI file of ours without what changes from one import to the next (date, own checksum). */
function comparable(xml: string): string {
  return xml.replace(TEI_SUM, '$1$3').replace(/(<change type="import" when=")[^"]*"/, '$1"');
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const TEI_SUM = /(<idno type="tei-sha256">)([0-9a-f]{64})(<\/idno>)/;

/** Record the checksum of the TEI as written (computed with the placeholder in its place). */
export function seal(xml: string): string {
  const sum = createHash('sha256').update(xml).digest('hex');
  return xml.replace(`<idno type="tei-sha256">${CHECKSUM_PLACEHOLDER}</idno>`, `<idno type="tei-sha256">${sum}</idno>`);
}

export type TeiState = { kind: 'foreign' } | { kind: 'edited' } | { kind: 'ours'; sourceChecksum: string; version: string };

/** Whether a TEI file is as tei-edition wrote it, changed since, or not ours at all. */
export function teiState(xml: string): TeiState {
  const m = TEI_SUM.exec(xml);
  if (!m) return { kind: 'foreign' };
  const unsealed = xml.replace(TEI_SUM, `$1${CHECKSUM_PLACEHOLDER}$3`);
  const sum = createHash('sha256').update(unsealed).digest('hex');
  if (sum !== m[2]) return { kind: 'edited' };
  return {
    kind: 'ours',
    sourceChecksum: /<idno type="source-sha256">([0-9a-f]{64})<\/idno>/.exec(xml)?.[1] ?? '',
    version: /<application ident="tei-edition" version="([^"]+)"/.exec(xml)?.[1] ?? '',
  };
}
