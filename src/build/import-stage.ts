/**
 * The build's import stage: every transcript of the transcripts folder that `import` reads (text,
 * Markdown, HTML, Word), by the same rules, imported when it is new or changed. Every message of
 * the importer goes into the build's account as `import` prints it. A transcript whose TEI was
 * edited by hand is not imported again (the TEI is built as it is); when the transcript changed
 * since, the build shows what changed (a diff, file:line) and how to take it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { recordedSource } from '../import/canonical.js';
import type { ImportResult } from '../import/index.js';
import { DEFAULT_MAX_BYTES } from '../readers/decode.js';
import { EXTENSIONS, INPUT_FORMATS } from '../readers/index.js';
import { diffLines, formatHunks } from '../util/diff.js';
import { listInputs, readFileHeadSync, readRegularFileSync } from '../util/inputs.js';
import { version } from '../version.js';
import { hashOf, type BuildCache } from './cache.js';
import { firstError, problemOf, problemsOf, StageCounter } from './counter.js';
import type { Problem, StageReport } from './events.js';
import type { BuildOptions } from './pipeline.js';

/** What `import` reads in a folder: every format. */
export const IMPORT_EXTENSIONS = INPUT_FORMATS.flatMap((f) => EXTENSIONS[f]);

/** Errors that depend on other files than the transcript (another transcript, an existing TEI, the register): never cached, tried again on the next build. */
const CONTEXT_RULES = new Set(['duplicate-id', 'duplicate-output', 'tei-other-source', 'tei-not-ours', 'register-not-well-formed', 'register-unusable', 'read-error', 'internal-error']);

interface ImportRecord {
  status: 'written' | 'unchanged' | 'kept' | 'failed';
  output?: string;
  /** What the output said of its transcript when the record was made: the record holds while it still says so. */
  outputSource?: { ref?: string; checksum?: string };
  problems: Problem[];
}

/** The transcript an existing TEI file records (appInfo), read without the importer. */
export function recordedSourceOf(file: string): { ref?: string; checksum?: string } | undefined {
  // The header's start first (the application element is in the first few KB of a TEI the
  // importer wrote); the whole file where it is not there.
  let head: Buffer;
  try {
    head = readFileHeadSync(file, 16 * 1024);
  } catch {
    return undefined;
  }
  // (Shorter than asked: the whole file.)
  const found = applicationIn(head, head.length < 16 * 1024);
  if (found !== undefined) return found;
  try {
    return applicationIn(readRegularFileSync(file), true);
  } catch {
    return undefined;
  }
}

/**
 * What recordedSource finds in `bytes`, reading (decoding) only the application element whose
 * start tag holds the first ident="tei-edition" (the match it would find in the whole text).
 * Undefined where `bytes` is the start of a file only and does not hold the whole element.
 */
function applicationIn(bytes: Buffer, whole: boolean): { ref?: string; checksum?: string } | undefined {
  const ident = bytes.indexOf('ident="tei-edition"');
  const end = ident < 0 ? -1 : bytes.indexOf('</application>', ident);
  if (!whole && end < 0) return undefined;
  if (ident < 0) return {};
  const start = bytes.lastIndexOf('<application', ident);
  if (start >= 0 && end >= 0 && !bytes.subarray(start, ident).includes('>')) return recordedSource(bytes.subarray(start, end + '</application>'.length).toString('utf8'));
  return whole ? recordedSource(bytes.toString('utf8')) : undefined;
}


function sameSource(a: ImportRecord['outputSource'], b: ImportRecord['outputSource']): boolean {
  return a?.ref === b?.ref && a?.checksum === b?.checksum;
}

/** Import the transcripts that are new or changed since they were last imported. */
export async function importStage(options: BuildOptions, cache: BuildCache): Promise<StageReport> {
  const c = new StageCounter('import', options.emit);
  const transcripts = options.transcripts!;
  const root = options.config.root;
  const rel = (file: string) => path.relative(root, file) || file;
  const listing = existsSync(transcripts) ? await listInputs([transcripts], IMPORT_EXTENSIONS) : { files: [], skipped: [], missing: [] };
  const files = listing.files;
  c.start(files.length);
  for (const s of listing.skipped) c.report(s.path, [problemOf(s.rule, s.reason)]);
  const persons = options.persons ?? null;
  const maxBytes = options.limits?.maxBytes ?? DEFAULT_MAX_BYTES;
  const keyOf = (file: string): string | undefined => {
    let bytes: Buffer;
    try {
      bytes = readRegularFileSync(file, maxBytes);
    } catch {
      return undefined; // too large, or not readable: the importer says so, every time
    }
    return hashOf('import', version, path.relative(root, file), bytes, path.resolve(options.tei), persons ?? '', options.config.publisher ?? '', JSON.stringify(options.limits ?? {}));
  };
  const keys = new Map<string, string | undefined>();
  const todo: string[] = [];
  const account = (file: string, record: ImportRecord) => {
    if (record.status === 'failed') {
      c.failed++;
      c.report(file, record.problems, firstError(record.problems));
      return;
    }
    c.ok++;
    const changed = record.problems.find((p) => p.ruleId === 'source-changed');
    c.report(file, record.problems, changed ? changed.reason : undefined);
  };
  for (const file of files) {
    const key = keyOf(file);
    keys.set(file, key);
    const record = key ? cache.get<ImportRecord>('import', key) : undefined;
    // A record holds while its TEI is there and still says it is this transcript's, at this version.
    const holds = record && (!record.output || (existsSync(record.output) && (!record.outputSource || sameSource(record.outputSource, recordedSourceOf(record.output)))));
    if (holds) account(file, record);
    else todo.push(file);
  }
  c.worked = todo.length;
  if (todo.length) {
    options.emit({ event: 'progress', stage: 'import', done: 0, total: todo.length });
    // Loaded when there is something to import (a rebuild with nothing to do starts faster).
    const { importFiles } = await import('../import/index.js');
    const results = await importFiles(todo, {
      outDir: options.tei,
      personsPath: persons,
      ...(options.config.publisher ? { publisher: options.config.publisher } : {}),
      ...(options.limits?.maxBytes ? { maxBytes: options.limits.maxBytes } : {}),
      ...(options.limits?.maxDepth ? { maxDepth: options.limits.maxDepth } : {}),
      ...(options.limits?.timeoutMs ? { timeoutMs: options.limits.timeoutMs } : {}),
      // The transcript as it was imported, for the diff shown when it changes under a TEI edited by hand.
      onSource: (checksum, text) => {
        if (!cache.hasBlob('transcript', checksum)) cache.putBlob('transcript', checksum, text);
      },
    });
    for (const r of results) {
      let problems = problemsOf(r.file);
      let status: ImportRecord['status'] = r.status;
      let output = r.output;
      if (r.edited) {
        // Edited by hand: kept, and built as it is. What changed in the transcript since is shown.
        status = 'kept';
        output = r.edited.output;
        problems = problems.filter((p) => p.ruleId !== 'tei-edited');
        if (r.edited.recordedChecksum !== r.edited.checksum) problems.push(sourceChanged(r, cache, options, rel));
      }
      const record: ImportRecord = { status, ...(output ? { output } : {}), ...(output ? { outputSource: recordedSourceOf(output) ?? {} } : {}), problems };
      if (r.status === 'written') c.written++;
      account(r.input, record);
      const key = keys.get(r.input);
      if (key && !problems.some((p) => p.fatal === true && CONTEXT_RULES.has(String(p.ruleId)))) cache.put('import', key, record);
    }
    options.emit({ event: 'progress', stage: 'import', done: todo.length, total: todo.length });
  }
  return c.end();
}

/** The transcript changed under a TEI edited by hand: what changed (a short diff, at the transcript's lines) and how to take it. */
function sourceChanged(r: ImportResult, cache: BuildCache, options: BuildOptions, rel: (file: string) => string): Problem {
  const edited = r.edited!;
  const src = rel(r.input);
  const tei = rel(edited.output);
  const before = cache.getBlob('transcript', edited.recordedChecksum)?.toString('utf8');
  const lineOf = (n: number) => edited.lines[n - 1] ?? n;
  let detail: string[];
  let line: number | undefined;
  if (before === undefined) detail = [`(the version ${tei} was imported from is not in the build cache, so what changed cannot be shown)`];
  else {
    const hunks = diffLines(before.split('\n'), edited.text.split('\n'));
    if (hunks && hunks.length) {
      line = lineOf(hunks[0]!.newLine);
      detail = formatHunks(hunks, { lineOf });
    } else detail = ['(more lines changed than a short diff shows)'];
  }
  const flags = [
    ...(path.resolve(options.tei) !== path.resolve(options.config.root, 'source', 'tei') ? [`--out ${rel(options.tei)}`] : []),
    ...(options.persons && path.resolve(options.persons) !== path.resolve(options.config.root, 'source', 'persons.xml') ? [`--persons ${rel(options.persons)}`] : []),
  ].join(' ');
  const command = (flag: string) => `tei-edition import ${src}${flags ? ` ${flags}` : ''} ${flag}`;
  detail.push(`take it: ${command('--force')} (the hand edits to ${tei} are lost),`, `  or merge it into ${tei} by hand, then: ${command('--merged')}`);
  return { ...problemOf('source-changed', `${src} changed since ${tei} was imported, and ${tei} was edited by hand since: the change is not applied; ${tei} is built as it is.`, line ? { line } : undefined), detail };
}
