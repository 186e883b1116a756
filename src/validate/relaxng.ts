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
  const results = parseOutput(await runXmllint(names, texts, schema, false), names, texts);
  // libxml2's tree validation reports some errors (a required attribute missing) without a
  // line. Its streaming validation has the line: ask it, for those documents only.
  const unlocated = results.map((issues, i) => (issues.some((x) => x.line === null && x.element !== undefined) ? i : -1)).filter((i) => i >= 0);
  if (unlocated.length > 0) {
    const streamed = parseOutput(
      await runXmllint(unlocated.map((i) => names[i]!), unlocated.map((i) => texts[i]!), schema, true),
      unlocated.map((i) => names[i]!),
      unlocated.map((i) => texts[i]!),
    );
    unlocated.forEach((doc, k) => {
      const pool = streamed[k]!.filter((x) => x.line !== null);
      for (const issue of results[doc]!) {
        if (issue.line !== null || issue.element === undefined) continue;
        const at = pool.findIndex((x) => x.raw === issue.raw);
        if (at >= 0) {
          issue.line = pool[at]!.line;
          issue.column = pool[at]!.column;
          pool.splice(at, 1);
        }
      }
    });
  }
  return results.map((issues) => issues.map(({ source, ruleId, message, line, column }) => ({ source, ruleId, message, line, column })));
}

async function runXmllint(names: string[], texts: string[], schema: RelaxNGSchema, stream: boolean): Promise<string> {
  try {
    const result = await validateXML({
      xml: texts.map((contents, i) => ({ fileName: names[i]!, contents })),
      schema: schema.files[0]!,
      preload: schema.files.slice(1),
      extension: 'relaxng',
      stream,
      initialMemoryPages: 256,
      maxMemoryPages: 2 * memoryPages.GiB,
    });
    return result.rawOutput;
  } catch (e) {
    const err = e as Error & { code?: number };
    // xmllint exits 1 when a document is not well-formed: the output is still per file.
    if (err.code === 1 || err.code === 2 || err.code === 4) return err.message;
    if (err.code === 5 || err.code === 7) throw new SchemaError(`${schema.path}: the grammar does not compile: ${firstLines(err.message)}`);
    throw new SchemaError(`xmllint failed on ${schema.path} (exit ${String(err.code)}): ${firstLines(err.message)}`);
  }
}

function firstLines(s: string): string {
  return s.split('\n').slice(0, 5).join(' | ').replace(/schema\//g, '');
}

export interface RawIssue extends GrammarIssue {
  /** libxml2's message as printed (without file and line), to match tree and stream output. */
  raw: string;
  /** The element the message is about, for RELAX NG messages. */
  element?: string;
}

const LINE = /^(doc\d+\.xml):(\d+): (.*)$/;

/** Map xmllint's stderr to issues per document. */
export function parseOutput(output: string, names: string[], texts: string[]): RawIssue[][] {
  const results: RawIssue[][] = names.map(() => []);
  const byName = new Map(names.map((n, i) => [n, i]));
  const lineIndexes = new Map<number, LineIndex>();
  const linesOf = (i: number): LineIndex => {
    let li = lineIndexes.get(i);
    if (!li) {
      li = new LineIndex(texts[i]!);
      lineIndexes.set(i, li);
    }
    return li;
  };
  // Messages printed without "file:line:" belong to the file named by the next status line.
  let pending: RawIssue[] = [];
  const rows = output.split('\n');
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const status = /^(doc\d+\.xml) (fails to validate|validates|validation generated an internal error)$/.exec(row);
    if (status) {
      const list = results[byName.get(status[1]!) ?? -1];
      if (list) {
        list.push(...pending);
        if (status[2] === 'validation generated an internal error') {
          list.push({ source: 'relaxng', ruleId: 'internal-error', message: 'The RELAX NG validator failed on this document.', line: null, column: null, raw: row });
        } else if (status[2] === 'fails to validate' && !list.some((x) => x.source === 'relaxng')) {
          list.push({ source: 'relaxng', ruleId: 'invalid', message: 'The document is not valid against the grammar.', line: null, column: null, raw: row });
        }
      }
      pending = [];
      continue;
    }
    const unlocated = /^(?:element ([^:]+): )?Relax-NG validity error : (.*)$/.exec(row);
    if (unlocated) {
      const raw = unlocated[2]!.trim();
      const element = unlocated[1]?.trim() ?? /^Element (\S+) /.exec(raw)?.[1];
      pending.push({ source: 'relaxng', ruleId: relaxngRuleId(raw), message: explain(element ?? '?', raw), line: null, column: null, raw, ...(element ? { element } : {}) });
      continue;
    }
    const m = LINE.exec(row);
    if (!m) continue;
    const doc = byName.get(m[1]!) ?? -1;
    const line = Number(m[2]);
    const rest = m[3]!;
    const list = results[doc];
    if (!list) continue;
    const parser = /^(parser|namespace|validity) (error|warning) : (.*)$/.exec(rest);
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
      if (parser[2] === 'warning') continue;
      const text = parser[3]!.trim();
      const badId = /^xml:id : attribute value (.*) is not an NCName$/.exec(text);
      if (badId) {
        list.push({
          source: 'relaxng',
          ruleId: 'invalid-id',
          message: `xml:id="${badId[1]}" is not an XML name (NCName): an xml:id must begin with a letter or "_" (e.g. doc-1987-05-25-… rather than 1987-05-25-…).`,
          line,
          column,
          raw: text,
        });
      } else if (parser[1] === 'validity') {
        list.push({ source: 'relaxng', ruleId: 'invalid', message: text, line, column, raw: text });
      } else {
        list.push({ source: 'xml', ruleId: 'not-well-formed', message: text, line, column, raw: text });
      }
      continue;
    }
    const rng = /^element ([^:]+): Relax-NG validity (error|warning) : (.*)$/.exec(rest);
    if (rng) {
      const element = rng[1]!.trim();
      const raw = rng[3]!.trim();
      list.push({ source: 'relaxng', ruleId: relaxngRuleId(raw), message: explain(element, raw), line, column: elementColumn(linesOf(doc), line, element), raw, element });
      continue;
    }
    list.push({ source: 'relaxng', ruleId: 'invalid', message: rest.trim(), line, column: null, raw: rest.trim() });
  }
  return results.map(dropConsequences);
}

/**
 * libxml2 reports one fault several times: an element "not expected" is also the parent's
 * "extra content"; an xml:id that is not an NCName is also an invalid ID and an invalid
 * attribute; a tag mismatch is followed by more as the parser recovers. Keep the most
 * telling message.
 */
function dropConsequences(all: RawIssue[]): RawIssue[] {
  // After the first well-formedness error the parser only recovers: the rest follow from it.
  const firstFatal = all.findIndex((x) => x.source === 'xml');
  const issues = firstFatal < 0 ? all : all.filter((x, i) => x.source !== 'xml' || i === firstFatal);
  const unexpected = new Set(issues.filter((x) => x.ruleId === 'unexpected-element').map((x) => `${x.line}:${x.element}`));
  const badIdLines = new Set(issues.filter((x) => x.ruleId === 'invalid-id' && x.raw.startsWith('xml:id :')).map((x) => x.line));
  const specificAttr = new Set(issues.filter((x) => x.ruleId === 'invalid-value' || x.ruleId === 'invalid-id').map((x) => `${x.line}:${x.element}`));
  return issues.filter((x) => {
    if (x.ruleId === 'unexpected-content') {
      const m = /has extra content: (\S+)/.exec(x.raw);
      if (m && unexpected.has(`${x.line}:${m[1]}`)) return false;
    }
    if (x.element !== undefined && badIdLines.has(x.line) && /^Invalid attribute id for element|^Type ID doesn't allow value|failed to validate attributes$/.test(x.raw)) return false;
    if (x.ruleId === 'invalid-attribute' && specificAttr.has(`${x.line}:${x.element}`)) return false;
    return true;
  });
}

/** A kebab-case id for libxml2's RELAX NG messages. */
function relaxngRuleId(message: string): string {
  if (/^Did not expect element|^Expecting element .*, got/.test(message)) return 'unexpected-element';
  if (/^Expecting an element .*, got nothing|^Expecting an element, got nothing/.test(message)) return 'missing-element';
  if (/^Element .* has extra content/.test(message)) return 'unexpected-content';
  if (/^Invalid attribute id for element/.test(message) || /^Type ID doesn't allow value/.test(message)) return 'invalid-id';
  if (/^Invalid attribute/.test(message)) return 'invalid-attribute';
  if (/failed to validate attributes/.test(message)) return 'invalid-attribute';
  if (/^Element .* failed to validate content/.test(message)) return 'invalid-content';
  if (/^Datatype element .* has child elements|^Error validating datatype|^Error validating value|^Type \S+ doesn't allow value/.test(message)) return 'invalid-value';
  if (/^ID .* redefined/.test(message)) return 'duplicate-id';
  if (/wrong namespace|^Expecting no namespace|^Expecting a namespace/.test(message)) return 'wrong-namespace';
  if (/^Expecting element .* to be empty|^Element .* is not empty/.test(message)) return 'not-empty';
  if (/^Extra element .* in interleave|^Invalid sequence/.test(message)) return 'unexpected-element';
  return 'invalid';
}

/** libxml2's messages name the element; say so in words an editor reads. */
function explain(element: string, message: string): string {
  if (/^Did not expect element .* there$/.test(message)) return `<${element}> is not allowed here (${message}).`;
  if (/failed to validate attributes/.test(message)) return `<${element}> has a missing, unexpected or invalid attribute (${message}).`;
  if (/^Invalid attribute id for element/.test(message)) return `<${element}>'s xml:id is not valid or not unique (${message}).`;
  const attr = /^Invalid attribute (\S+) for element/.exec(message);
  if (attr) return `<${element}>: @${attr[1]} is not allowed here, or its value is not valid (${message}).`;
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
