/**
 * XInclude 1.0 before validation, as jing's parser (Xerces) does it: `xi:include` with `href`,
 * `parse="xml|text"`, `xpointer` by id (`xpointer="id"`, `element(id)`), and `xi:fallback`
 * when the resource cannot be had. The included elements get the xml:base of their file when
 * it lies in another folder (Xerces' base-URI fixup).
 *
 * Only files inside the root folder are read: a URL, an absolute href, a path that leaves the
 * root, a loop, more than `maxIncludes` inclusions or a nesting deeper than `maxDepth` are
 * refused (the fallback is used when there is one).
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { scanMarkup } from './scan.js';
import { parseXml, XmlSyntaxError, XML_NS, type EntityLimits, type ParseHandler, type StartTag } from './xml-parse.js';

export const XI_NS = 'http://www.w3.org/2001/XInclude';
const XI_NS_OLD = 'http://www.w3.org/2003/XInclude';

export interface XIncludeOptions {
  /** The folder inclusions must stay inside (real path). */
  root: string;
  /** Largest file read, in bytes. */
  maxBytes: number;
  maxIncludes: number;
  maxDepth: number;
  /** Deepest element nesting accepted in an included file (the document's own limit). */
  maxNesting: number;
  entityLimits: EntityLimits;
  /** Told the href before an inclusion's content is passed on, and null after. */
  onInclude?: (href: string | null) => void;
}

export interface XIncludeProblem {
  offset: number;
  message: string;
  /** A failed include without fallback is an error; with a fallback, a warning. */
  fatal: boolean;
}

type Event = { kind: 'start'; tag: StartTag } | { kind: 'end'; tag: StartTag } | { kind: 'text'; value: string };

class IncludeError extends Error {}

interface Shared {
  count: number;
  problems: XIncludeProblem[];
}

/**
 * A handler that resolves inclusions in the events it is given and passes the result on.
 * `file`: the (real) path of the document, or null for a document held in memory.
 */
export function xincludeHandler(target: ParseHandler, file: string, options: XIncludeOptions, shared: Shared = { count: 0, problems: [] }, chain: string[] = [], depth = 0, at: { start: number; end: number } | null = null): ParseHandler & { problems: XIncludeProblem[] } {
  // Inside an xi:include being replaced (skip), or inside one whose fallback is used.
  const modes: ('skip' | 'fallback' | 'drop')[] = [];
  let fallbackDepth = -1;
  const place = (tag: StartTag): { start: number; end: number } => at ?? { start: tag.start, end: tag.end };
  const handler = {
    problems: shared.problems,
    doctype: target.doctype?.bind(target),
    startElement(tag: StartTag): void {
      const mode = modes[modes.length - 1];
      if (mode === 'skip' || mode === 'drop') {
        modes.push(mode);
        return;
      }
      if (mode === 'fallback' && modes.length === fallbackDepth + 1) {
        // A child of the failed xi:include: only xi:fallback passes, and only its content.
        modes.push(isXi(tag, 'fallback') ? 'fallback' : 'drop');
        return;
      }
      if (isXi(tag, 'include')) {
        const where = place(tag);
        try {
          const events = include(tag, file, options, shared, chain, depth, where);
          const href = tag.attributes.find((a) => a.ns === '' && a.local === 'href')?.value ?? '';
          if (depth === 0) options.onInclude?.(href);
          for (const e of events) {
            if (e.kind === 'start') {
              e.tag.start = where.start;
              e.tag.end = where.end;
              target.startElement(e.tag);
            } else if (e.kind === 'end') target.endElement(e.tag, where.end);
            else target.text(e.value, where.start, where.end);
          }
          if (depth === 0) options.onInclude?.(null);
          modes.push('skip');
        } catch (e) {
          if (!(e instanceof IncludeError)) throw e;
          shared.problems.push({ offset: where.end, message: e.message, fatal: true });
          modes.push('fallback');
          fallbackDepth = modes.length - 1;
          (handler as { pendingFallback?: number }).pendingFallback = shared.problems.length - 1;
          fallbacks.push({ problem: shared.problems.length - 1, found: false });
        }
        return;
      }
      if (modes.length > 0) modes.push(mode!);
      if (at) {
        tag.start = at.start;
        tag.end = at.end;
      }
      target.startElement(tag);
    },
    endElement(tag: StartTag, end: number): void {
      if (modes.length > 0) {
        const mode = modes.pop()!;
        if (mode === 'fallback' && modes.length === fallbackDepth) {
          // The end of the failed xi:include.
          const f = fallbacks.pop()!;
          if (f.found) shared.problems[f.problem]!.fatal = false;
          fallbackDepth = -1;
          for (let i = modes.length - 1; i >= 0; i--) if (modes[i] === 'fallback') { fallbackDepth = i; break; }
          return;
        }
        if (mode === 'fallback' && isXi(tag, 'fallback')) {
          const f = fallbacks[fallbacks.length - 1];
          if (f) f.found = true;
          return;
        }
        if (mode === 'skip' || mode === 'drop') return;
      }
      target.endElement(tag, at ? at.end : end);
    },
    text(value: string, start: number, end: number): void {
      const mode = modes[modes.length - 1];
      if (mode === 'skip' || mode === 'drop') return;
      if (mode === 'fallback' && modes.length === fallbackDepth + 1) return;
      if (at) target.text(value, at.start, at.end);
      else target.text(value, start, end);
    },
  };
  const fallbacks: { problem: number; found: boolean }[] = [];
  return handler;
}

function isXi(tag: StartTag, local: string): boolean {
  return (tag.ns === XI_NS || tag.ns === XI_NS_OLD) && tag.local === local;
}

function include(tag: StartTag, file: string, options: XIncludeOptions, shared: Shared, chain: string[], depth: number, where: { start: number; end: number }): Event[] {
  const attr = (name: string): string | undefined => tag.attributes.find((a) => a.ns === '' && a.local === name)?.value;
  const href = attr('href') ?? '';
  const parse = attr('parse') ?? 'xml';
  const xpointer = attr('xpointer');
  const say = (why: string): never => {
    throw new IncludeError(`XInclude: ${why}; the include was not made${href ? ` (href="${href}")` : ''}.`);
  };
  if (parse !== 'xml' && parse !== 'text') say(`parse="${parse}" is neither "xml" nor "text"`);
  if (href === '' && xpointer === undefined) say('an xi:include needs an href or an xpointer');
  if (href === '') say('an include of the document itself (xpointer without href) is not supported');
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(href)) say(`"${href}" is a URL; only files next to the document are included, never a URL`);
  if (isAbsolute(href) || href.startsWith('\\')) say(`"${href}" is an absolute path; only relative paths inside the document's folder tree are included`);
  if (href.includes('#')) say('an href may not have a fragment identifier (use xpointer)');
  shared.count++;
  if (shared.count > options.maxIncludes) say(`more than ${options.maxIncludes} inclusions in one document`);
  if (depth >= options.maxDepth) say(`inclusions nested more than ${options.maxDepth} deep`);
  const wanted = resolve(dirname(file), decodeURIComponent(href));
  let real: string;
  try {
    real = realpathSync(wanted);
  } catch {
    return say(`the file ${relative(options.root, wanted) || wanted} cannot be read`);
  }
  const rel = relative(options.root, real);
  if (rel.startsWith('..') || isAbsolute(rel)) say(`"${href}" lies outside the folder ${options.root}; nothing outside it is read`);
  const key = `${real}#${parse === 'xml' ? (xpointer ?? '') : 'text'}`;
  if (chain.includes(key) || (real === file && parse === 'xml' && xpointer === undefined)) say(`"${href}" includes itself (an inclusion loop)`);
  const text = readBounded(real, options.maxBytes, say);
  if (parse === 'text') return [{ kind: 'text', value: text.replace(/\r\n?/g, '\n') }];
  // The included file passes the document's own checks (nesting depth, characters).
  const { problem } = scanMarkup(text, options.maxNesting, false, true);
  if (problem) say(`${relative(options.root, real).split(sep).join('/')}${problem.line ? `, line ${problem.line}` : ''}: ${problem.reason}`);
  const events: Event[] = [];
  const selector = xpointer === undefined ? null : idOf(xpointer, say);
  let depthIn = 0;
  let selectedAt = -1;
  let top = true;
  const base = dirname(real) !== dirname(file) ? relative(dirname(file), real).split(sep).join('/') : null;
  const recorder: ParseHandler = {
    startElement(t) {
      depthIn++;
      if (selector !== null) {
        if (selectedAt < 0) {
          const id = t.attributes.find((a) => (a.ns === XML_NS && a.local === 'id') || (a.ns === '' && a.local === 'id'))?.value;
          if (id !== selector) return;
          selectedAt = depthIn;
        }
      }
      if (top && base !== null && !t.attributes.some((a) => a.ns === XML_NS && a.local === 'base')) {
        t.attributes.push({ qname: 'xml:base', prefix: 'xml', local: 'base', ns: XML_NS, value: base });
      }
      top = false;
      events.push({ kind: 'start', tag: t });
    },
    endElement(t) {
      const inside = selector === null || (selectedAt >= 0 && depthIn >= selectedAt);
      if (inside) events.push({ kind: 'end', tag: t });
      if (selectedAt === depthIn) {
        selectedAt = -2; // done: nothing after the selected element
      }
      depthIn--;
      if (depthIn === 0 && selector === null) top = true;
    },
    text(value) {
      if (selector === null || (selectedAt >= 0 && depthIn >= selectedAt)) events.push({ kind: 'text', value });
    },
  };
  // Problems inside the included file belong to this xi:include: a failure there fails it.
  const inner: Shared = { count: shared.count, problems: [] };
  const nested = xincludeHandler(recorder, real, options, inner, [...chain, key], depth + 1, null);
  try {
    parseXml(text, nested, options.entityLimits);
  } catch (e) {
    if (e instanceof XmlSyntaxError) say(`${rel.split(sep).join('/')} is not well-formed XML: ${e.message}`);
    throw e;
  }
  shared.count = inner.count;
  const failed = inner.problems.find((p) => p.fatal);
  if (failed) throw new IncludeError(`${failed.message.replace(/\.$/, '')}, inside ${rel.split(sep).join('/')}.`);
  for (const p of inner.problems) shared.problems.push({ offset: where.end, message: p.message, fatal: false });
  if (selector !== null && selectedAt === -1) say(`no element with the id "${selector}" in ${rel.split(sep).join('/')}`);
  void where;
  return events;
}

function idOf(xpointer: string, say: (why: string) => never): string {
  const x = xpointer.trim();
  if (/^[A-Za-z_][\w.-]*$/.test(x)) return x;
  const el = /^element\(([A-Za-z_][\w.-]*)\)$/.exec(x);
  if (el) return el[1]!;
  const id = /^xpointer\(id\((["'])([^"']+)\1\)\)$/.exec(x);
  if (id) return id[2]!;
  return say(`the xpointer "${xpointer}" is not supported (only an id: "x", "element(x)", "xpointer(id('x'))")`);
}

function readBounded(path: string, maxBytes: number, say: (why: string) => never): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return say(`the file cannot be read`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) say('the href does not name a file');
    if (st.size > maxBytes) say(`the file is larger than the limit of ${maxBytes} bytes`);
    const buf = Buffer.alloc(st.size);
    let n = 0;
    while (n < st.size) {
      const k = readSync(fd, buf, n, st.size - n, null);
      if (k === 0) break;
      n += k;
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, n));
    } catch {
      return say('the file is not valid UTF-8');
    }
  } finally {
    closeSync(fd);
  }
}
