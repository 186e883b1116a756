/**
 * `tei-edition validate <files or folders…> [--schema edition|tei_all|PATH.rng] [--report json]`
 *
 * Grammar and Schematron, every error and warning as file:line:column. Exit status: 0 valid
 * (warnings allowed), 1 invalid, 2 usage error or unreadable input (or an unusable schema).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { reporter } from 'vfile-reporter';
import { validateFiles, isValid, teiAllSchema, type ValidateOptions } from './index.js';
import { SchemaError } from './relaxng.js';
import { SchematronCompileError } from './schematron-compile.js';
import { REGISTER_FILE } from './registers.js';
import { parseDepth, parseSize } from '../cli/limits.js';

/** A place to write: a function (the CLI's CliIo) or a stream (process.stdout). */
export type Sink = ((chunk: string) => void) | { write(chunk: string): unknown; isTTY?: boolean };

export interface CommandIo {
  stdout: Sink;
  stderr: Sink;
  /** Colours in the human report (default: whether stdout is a terminal). */
  color?: boolean;
  /** Folder relative paths are resolved and shown from (default: process.cwd()). */
  cwd?: string;
}

function write(sink: Sink, chunk: string): void {
  if (typeof sink === 'function') sink(chunk);
  else sink.write(chunk);
}

export const validateUsage = `Usage: tei-edition validate <files or folders…> [options]

Validate TEI files against the edition's RELAX NG grammar and Schematron rules (or
against any RELAX NG grammar), in-process. Folders are searched for *.xml files; a
folder's persons.xml (the persons register) is not a document and is skipped.

Options:
  --schema edition|tei_all|PATH.rng
                             grammar to validate against: the edition's (default), the
                             full TEI P5 schema shipped with tei-edition, or any RELAX NG
  --schematron               also run the edition's Schematron with another grammar
  --no-schematron            grammar only
  --all                      every message, also for a file that is not an edition file
                             (which otherwise gets a short summary with the edition's grammar)
  --include-root DIR         folder that XIncludes may read from (default: the current
                             folder); URLs, absolute paths and paths leaving it are refused
  --report json              print a JSON report instead of the human one
  --max-size SIZE            refuse larger files (default 32MB; bytes, or KB, MB, GB)
  --max-depth N              refuse elements nested deeper than N (default 200)
  -h, --help                 show this help

Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error or unreadable input.
`;

class UsageError extends Error {}

interface Parsed {
  inputs: string[];
  options: ValidateOptions;
  json: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Parsed {
  const parsed: Parsed = { inputs: [], options: {}, json: false, help: false };
  const value = (i: number, name: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = (name: string): string => {
      if (inline !== undefined) return inline;
      const v = value(i, name);
      i++;
      return v;
    };
    switch (arg) {
      case '-h':
      case '--help':
        parsed.help = true;
        break;
      case '--schema': {
        const v = take('--schema');
        parsed.options.schema = v;
        break;
      }
      case '--report': {
        const v = take('--report');
        if (v !== 'json') throw new UsageError(`unknown report format "${v}" (only json)`);
        parsed.json = true;
        break;
      }
      case '--schematron':
        parsed.options.schematron = true;
        break;
      case '--no-schematron':
        parsed.options.schematron = false;
        break;
      case '--all':
        parsed.options.all = true;
        break;
      case '--include-root':
        parsed.options.includeRoot = take('--include-root');
        break;
      case '--max-size':
        parsed.options.maxBytes = parseSize(take('--max-size'));
        break;
      case '--max-depth':
        parsed.options.maxDepth = parseDepth(take('--max-depth'));
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        parsed.inputs.push(argv[i]!);
    }
  }
  return parsed;
}

/** Expand folders to the *.xml files in them (recursively, sorted), skipping persons registers. */
function expandInputs(inputs: string[], cwd: string): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      files.push(input); // reported as unreadable by the validator
      continue;
    }
    if (!isDir) {
      files.push(input);
      continue;
    }
    const found: string[] = [];
    const walk = (dir: string): void => {
      const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile() && e.name.toLowerCase().endsWith('.xml') && e.name !== REGISTER_FILE) found.push(relative(cwd, p) || p);
      }
    };
    walk(abs);
    if (found.length === 0) problems.push(`${input}: no .xml files in this folder`);
    files.push(...found);
  }
  return { files, problems };
}

function severity(m: VFileMessage): 'error' | 'warning' | 'info' {
  return m.fatal === true ? 'error' : m.fatal === false ? 'warning' : 'info';
}

function toJson(files: VFile[]): unknown {
  const out = files.map((f) => ({
    path: f.path,
    valid: isValid(f),
    messages: f.messages.map((m) => ({
      source: m.source ?? null,
      ruleId: m.ruleId ?? null,
      severity: severity(m),
      reason: m.reason,
      line: m.line ?? null,
      column: m.column ?? null,
      ...(m.url ? { url: m.url } : {}),
    })),
  }));
  const errors = files.reduce((n, f) => n + f.messages.filter((m) => m.fatal === true).length, 0);
  const warnings = files.reduce((n, f) => n + f.messages.filter((m) => m.fatal === false).length, 0);
  return {
    valid: out.every((f) => f.valid),
    summary: { files: files.length, invalid: out.filter((f) => !f.valid).length, errors, warnings },
    files: out,
  };
}

/** Run `validate`; returns the exit status. */
export async function runValidate(argv: string[], io: CommandIo): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    write(io.stderr, `tei-edition validate: ${(e as Error).message}\n\n${validateUsage}`);
    return 2;
  }
  if (parsed.help) {
    write(io.stdout, validateUsage);
    return 0;
  }
  if (parsed.inputs.length === 0) {
    write(io.stderr, `tei-edition validate: no files or folders given\n\n${validateUsage}`);
    return 2;
  }
  const cwd = io.cwd ?? process.cwd();
  if (parsed.options.includeRoot !== undefined) parsed.options.includeRoot = resolve(cwd, parsed.options.includeRoot);
  if (parsed.options.schema === 'tei_all') parsed.options.schema = teiAllSchema;
  else if (parsed.options.schema !== undefined && parsed.options.schema !== 'edition') parsed.options.schema = resolve(cwd, parsed.options.schema);
  const { files: paths, problems } = expandInputs(parsed.inputs, cwd);
  for (const p of problems) write(io.stderr, `tei-edition validate: ${p}\n`);

  let files: VFile[];
  try {
    files = await validateFiles(paths, { ...parsed.options, cwd });
  } catch (e) {
    if (e instanceof SchemaError || e instanceof SchematronCompileError) {
      write(io.stderr, `tei-edition validate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }

  if (parsed.json) {
    write(io.stdout, `${JSON.stringify(toJson(files), null, 2)}\n`);
  } else {
    const color = io.color ?? (typeof io.stdout !== 'function' && io.stdout.isTTY === true);
    const report = reporter(files, { quiet: true, color });
    if (report) write(io.stdout, `${report}\n`);
    const invalid = files.filter((f) => !isValid(f)).length;
    write(io.stdout, `${files.length} file${files.length === 1 ? '' : 's'} checked: ${files.length - invalid} valid, ${invalid} invalid.\n`);
  }

  const unreadable = files.some((f) => f.messages.some((m) => m.ruleId === 'read-error'));
  if (problems.length > 0 || unreadable) return 2;
  return files.every(isValid) ? 0 : 1;
}
