/**
 * RELAX NG validation in-process with xmllint-wasm (libxml2 compiled to WebAssembly, run in
 * a worker thread with an in-memory file system: it can read no file but those given).
 *
 * libxml2 compiles the grammar on every call (about 8 s for tei_all, a few ms for the
 * project's grammar), so many documents are validated per call. Its output is mapped back
 * to each document as issues with a line (and a column where one can be found).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, isAbsolute, sep } from 'node:path';
import { validateXML, memoryPages, type XMLFileInfo } from 'xmllint-wasm';
import { LineIndex } from './scan.js';

export interface RelaxNGSchema {
  /** Path of the grammar (for messages). */
  path: string;
  /** The grammar and the files it includes, as xmllint sees them. */
  files: XMLFileInfo[];
}

export interface GrammarIssue {
  source: 'relaxng' | 'xml';
  ruleId: string;
  message: string;
  line: number | null;
  column: number | null;
}

export class SchemaError extends Error {
  override name = 'SchemaError';
}

/**
 * Load a RELAX NG grammar (XML syntax) with the files it includes or refers to
 * (include/externalRef with relative hrefs inside the grammar's folder).
 */
export function loadRelaxNG(path: string): RelaxNGSchema {
  const root = dirname(path);
  const files: XMLFileInfo[] = [];
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const rel = relative(root, file).split(sep).join('/');
    if (seen.has(rel)) return;
    if (rel.startsWith('..') || isAbsolute(rel)) throw new SchemaError(`${path}: included grammar ${file} lies outside the grammar's folder`);
    seen.add(rel);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new SchemaError(`cannot read the grammar ${file}: ${(e as Error).message}`);
    }
    if (!/<(?:\w+:)?grammar[\s>]|<(?:\w+:)?element[\s>]/.test(text)) throw new SchemaError(`${file} is not a RELAX NG grammar in XML syntax`);
    files.push({ fileName: `schema/${rel}`, contents: text });
    for (const m of text.matchAll(/<(?:\w+:)?(?:include|externalRef)\b[^>]*\bhref\s*=\s*["']([^"']+)["']/g)) {
      visit(normalize(join(dirname(file), m[1]!)));
    }
  };
  visit(path);
  return { path, files };
}

/** Keep one call's documents below this size (the wasm heap holds them all). */
const BATCH_BYTES = 48 * 1024 * 1024;

/**
 * Validate documents against a grammar. Returns, per document, its issues (empty when
 * valid). Documents must already have passed scan.ts (no DOCTYPE, bounded depth).
 */
export async function validateRelaxNG(texts: string[], schema: RelaxNGSchema): Promise<GrammarIssue[][]> {
  const results: GrammarIssue[][] = texts.map(() => []);
  let start = 0;
  while (start < texts.length) {
    let end = start;
    let bytes = 0;
    while (end < texts.length && (end === start || bytes + texts[end]!.length * 3 <= BATCH_BYTES)) {
      bytes += texts[end]!.length * 3;
      end++;
    }
    const batch = texts.slice(start, end);
    const issues = await runBatch(batch, schema);
    issues.forEach((list, i) => (results[start + i] = list));
    start = end;
  }
  return results;
}

async function runBatch(texts: string[], schema: RelaxNGSchema): Promise<GrammarIssue[][]> {
  const names = texts.map((_, i) => `doc${i}.xml`);
  let output: string;
  try {
    const result = await validateXML({
      xml: texts.map((contents, i) => ({ fileName: names[i]!, contents })),
      schema: schema.files[0]!,
      preload: schema.files.slice(1),
      extension: 'relaxng',
      initialMemoryPages: 256,
      maxMemoryPages: 2 * memoryPages.GiB,
    });
    output = result.rawOutput;
  } catch (e) {
    const err = e as Error & { code?: number };
    // xmllint exits 1 when a document is not well-formed: the output is still per file.
    if (err.code === 1 || err.code === 2 || err.code === 4) output = err.message;
    else if (err.code === 5 || err.code === 7) throw new SchemaError(`${schema.path}: the grammar does not compile: ${firstLines(err.message)}`);
    else throw new SchemaError(`xmllint failed on ${schema.path} (exit ${String(err.code)}): ${firstLines(err.message)}`);
  }
  return parseOutput(output, names, texts);
}

function firstLines(s: string): string {
  return s.split('\n').slice(0, 5).join(' | ').replace(/schema\//g, '');
}

const LINE = /^(doc(\d+)\.xml):(\d+): (.*)$/;

/** Map xmllint's stderr to issues per document. */
export function parseOutput(output: string, names: string[], texts: string[]): GrammarIssue[][] {
  const results: GrammarIssue[][] = names.map(() => []);
  const lineIndexes = new Map<number, LineIndex>();
  const linesOf = (i: number): LineIndex => {
    let li = lineIndexes.get(i);
    if (!li) {
      li = new LineIndex(texts[i]!);
      lineIndexes.set(i, li);
    }
    return li;
  };
  const rows = output.split('\n');
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const m = LINE.exec(row);
    if (!m) {
      const failed = /^doc(\d+)\.xml (fails to validate|validation generated an internal error)$/.exec(row);
      if (failed && failed[2] !== 'fails to validate') {
        results[Number(failed[1])]?.push({ source: 'relaxng', ruleId: 'internal-error', message: 'The RELAX NG validator failed on this document.', line: null, column: null });
      }
      continue;
    }
    const doc = Number(m[2]);
    const line = Number(m[3]);
    const rest = m[4]!;
    const list = results[doc];
    if (!list) continue;
    const parser = /^(?:parser|namespace|validity) (?:error|warning) : (.*)$/.exec(rest);
    if (parser) {
      // libxml2 prints the line's text and a caret under the error on the next two rows.
      let column: number | null = null;
      const context = rows[r + 1];
      const caret = rows[r + 2];
      if (context !== undefined && caret !== undefined && /^\s*\^$/.test(caret)) {
        const actual = linesOf(doc).line(line);
        const at = actual.indexOf(context.replace(/\s+$/, ''));
        if (at >= 0) column = at + caret.indexOf('^') + 1;
        r += 2;
      }
      if (/warning :/.test(rest)) continue;
      list.push({ source: 'xml', ruleId: 'not-well-formed', message: parser[1]!.trim(), line, column });
      continue;
    }
    const rng = /^element ([^:]+): Relax-NG validity (error|warning) : (.*)$/.exec(rest);
    if (rng) {
      const element = rng[1]!.trim();
      const message = rng[3]!.trim();
      list.push({ source: 'relaxng', ruleId: relaxngRuleId(message), message: explain(element, message), line, column: elementColumn(linesOf(doc), line, element) });
      continue;
    }
    list.push({ source: 'relaxng', ruleId: 'invalid', message: rest.trim(), line, column: null });
  }
  return results;
}

/** A kebab-case id for libxml2's RELAX NG messages. */
function relaxngRuleId(message: string): string {
  if (/^Did not expect element|^Expecting element .*, got/.test(message)) return 'unexpected-element';
  if (/^Expecting an element .*, got nothing|^Expecting an element, got nothing/.test(message)) return 'missing-element';
  if (/^Element .* has extra content/.test(message)) return 'unexpected-content';
  if (/^Invalid attribute/.test(message)) return 'unexpected-attribute';
  if (/failed to validate attributes/.test(message)) return 'invalid-attribute';
  if (/^Element .* failed to validate content/.test(message)) return 'invalid-content';
  if (/^Datatype element .* has child elements|^Error validating datatype|^Error validating value/.test(message)) return 'invalid-value';
  if (/^ID .* redefined/.test(message)) return 'duplicate-id';
  if (/^Expecting no namespace|^Expecting element .* namespace|^Expecting a namespace/.test(message)) return 'wrong-namespace';
  if (/^Expecting element .* to be empty|^Element .* is not empty/.test(message)) return 'not-empty';
  if (/^Extra element .* in interleave|^Invalid sequence/.test(message)) return 'unexpected-element';
  return 'invalid';
}

/** libxml2's messages name the element; say so in words an editor reads. */
function explain(element: string, message: string): string {
  if (/^Did not expect element .* there$/.test(message)) return `<${element}> is not allowed here (${message}).`;
  if (/failed to validate attributes/.test(message)) return `<${element}> has a missing, unexpected or invalid attribute (${message}).`;
  if (/^Expecting an element .*, got nothing$/.test(message)) return `<${element}> is incomplete: a required child element is missing (${message}).`;
  if (/^Element .* has extra content: (.*)$/.test(message)) return `<${element}> has content that is not allowed (${message}).`;
  return `<${element}>: ${message}`;
}

/** The column of `<element` on its line, when the line has exactly one such start tag. */
function elementColumn(lines: LineIndex, line: number, element: string): number | null {
  const re = new RegExp(`<(?:[\\w.-]+:)?${element.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[\\s/>])`, 'g');
  const found = [...lines.line(line).matchAll(re)];
  return found.length === 1 ? found[0]!.index! + 1 : null;
}
