/**
 * Cheap checks that run before any XML parser sees a document, so that hostile input fails
 * fast with a clear message: size, UTF-8, DOCTYPE (hence no entity can be declared, expanded
 * or fetched), and nesting depth. The same single-pass tokenizer also indexes element
 * positions, to turn a node path reported by Schematron into a line and column.
 */

export interface Limits {
  /** Largest document accepted, in bytes. */
  maxBytes: number;
  /** Deepest element nesting accepted. */
  maxDepth: number;
}

export const defaultLimits: Limits = { maxBytes: 32 * 1024 * 1024, maxDepth: 200 };

export interface Problem {
  ruleId: 'read-error' | 'too-large' | 'invalid-utf8' | 'not-utf8' | 'doctype' | 'too-deep' | 'empty' | 'not-well-formed' | 'name-too-long' | 'too-many-attributes';
  reason: string;
  line?: number;
  column?: number;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

export function tooLarge(size: number, limits: Limits): Problem | null {
  if (size <= limits.maxBytes) return null;
  return {
    ruleId: 'too-large',
    reason: `The file is ${formatBytes(size)}, larger than the limit of ${formatBytes(limits.maxBytes)}; it was not read (raise the limit with --max-size).`,
  };
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decode UTF-8 strictly; on failure report the line and column of the first bad byte. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { problem: Problem } {
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const byte = bytes[at] ?? 0;
    return {
      problem: {
        ruleId: 'invalid-utf8',
        reason: `The file is not valid UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at offset ${at} cannot be decoded (TEI files must be UTF-8).`,
        line,
        column: at - lineStart + 1,
      },
    };
  }
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let need = 0;
    let min = 0;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= b.length) return i;
    let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return b.length;
}

/** C0 controls but tab and line ends, U+FFFE, U+FFFF and unpaired surrogates. */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const QNAME = /^[^:]+:[^:]+$/;
/** Longest element or attribute name accepted (the parsers and transforms slow down on huge names). */
const MAX_NAME = 1000;
/**
 * Most attributes (namespace declarations included) on one element. TEI elements carry a
 * handful; the parsers and the validator slow down faster than linearly on tens of thousands
 * (50,000 took a minute), so more than this is refused before any of them runs.
 */
export const MAX_ATTRIBUTES = 1000;

export interface ElementPosition {
  /** Local name (prefix removed). */
  name: string;
  /** Offset of "<" in the text. */
  offset: number;
  /** Offset just after the start tag's ">". */
  tagEnd: number;
}

export interface ScanResult {
  problem: Problem | null;
  /** Elements in document order with their child-position path ("1/2/1"), when indexed. */
  index?: Map<string, ElementPosition>;
}

/**
 * One pass over the markup: rejects DOCTYPE and other declarations, a non-UTF-8 encoding
 * declaration, and nesting deeper than `maxDepth`. Malformed markup is left to the parser
 * (which reports it with its own message). With `index`, records every element's path.
 */
export function scanMarkup(text: string, maxDepth: number, index = false, allowDoctype = false): ScanResult {
  const positions = index ? new Map<string, ElementPosition>() : undefined;
  const fail = (ruleId: Problem['ruleId'], reason: string, offset: number): ScanResult => {
    const { line, column } = lineColumn(text, offset);
    return { problem: { ruleId, reason, line, column } };
  };
  if (text.trim() === '') return { problem: { ruleId: 'empty', reason: 'The file is empty.' } };
  const decl = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']*)["']/.exec(text);
  if (decl && !/^utf-?8$/i.test(decl[1]!)) {
    return fail('not-utf8', `The XML declaration names the encoding "${decl[1]}"; TEI files must be UTF-8.`, decl.index);
  }
  // Characters XML 1.0 forbids: the parsers would stop there (or, SaxonJS, fail later).
  const bad = NOT_XML_CHAR.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return fail('not-well-formed', `The character U+${code} is not allowed in XML (remove it or write the character meant).`, bad.index);
  }
  // Character references to characters XML forbids ("&#xD800;", "&#0;"): SaxonJS accepts
  // some of them and then cannot serialise them.
  for (const m of text.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const code = m[1]![0] === 'x' ? parseInt(m[1]!.slice(1), 16) : parseInt(m[1]!, 10);
    const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
    if (!allowed) return fail('not-well-formed', `The character reference ${m[0].slice(0, 20)} names a character XML does not allow.`, m.index);
  }
  // Path bookkeeping: for each open element, its path and how many children it has seen.
  const stack: { path: string; children: number }[] = [{ path: '', children: 0 }];
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) break;
        i = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) break;
        i = end + 3;
      } else if (allowDoctype && text.startsWith('<!DOCTYPE', lt)) {
        // The validator's parser reads the DOCTYPE (with limits): step over it here.
        const end = doctypeEnd(text, lt);
        if (end < 0) break;
        i = end;
      } else {
        const what = /^<!([A-Za-z]*)/.exec(text.slice(lt, lt + 20))?.[1] || 'declaration';
        return fail(
          'doctype',
          what.toUpperCase() === 'DOCTYPE'
            ? 'The document has a DOCTYPE declaration. TEI needs none, and a DOCTYPE can declare entities that expand without bound or read other files, so documents with one are refused: remove it.'
            : `The document contains a <!${what}> declaration; declarations are not allowed (remove it).`,
          lt,
        );
      }
    } else if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) break;
      i = end + 2;
    } else if (next === 0x2f /* / */) {
      const end = text.indexOf('>', lt + 2);
      if (end < 0) break;
      if (depth > 0) {
        depth--;
        stack.pop();
      }
      i = end + 1;
    } else {
      // A start tag: find its end outside quoted attribute values.
      let j = lt + 1;
      let quote = 0;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e /* > */) break;
      }
      if (j >= n) break;
      // Names with more than one colon (or an empty prefix or local part) are not XML
      // namespace names: some parsers accept them and the transforms then fail on them.
      const tag = text.slice(lt + 1, j).replace(/"[^"]*"|'[^']*'/g, '""');
      // (An attribute name follows white space: the pattern stays linear on a long run of letters.)
      const attributes = [...tag.matchAll(/\s([^\s=/<>"']+)\s*=/g)].map((m) => m[1]!);
      if (attributes.length > MAX_ATTRIBUTES) {
        const declarations = attributes.filter((a) => a === 'xmlns' || a.startsWith('xmlns:')).length;
        return fail('too-many-attributes', `An element with ${attributes.length} attributes (${declarations} of them namespace declarations); more than ${MAX_ATTRIBUTES.toLocaleString('en')} on one element are refused (TEI elements carry a few).`, lt);
      }
      for (const name of [/^[^\s/>]+/.exec(tag)?.[0] ?? '', ...attributes]) {
        if (name.includes(':') && !QNAME.test(name)) return fail('not-well-formed', `"${name.slice(0, 60)}" is not a qualified XML name (a prefix, one colon, a local name).`, lt);
        // A name (or its local part) that starts with a digit, "-" or ".": SaxonJS's parser
        // accepts "xml:9d" and its transform then fails on it.
        if (/(^|:)[-.0-9\u00B7\u0300-\u036F\u203F\u2040]/.test(name)) return fail('not-well-formed', `"${name.slice(0, 60)}" is not an XML name (a name starts with a letter or "_").`, lt);
        if (name.length > MAX_NAME) return fail('name-too-long', `A name of ${name.length} characters ("${name.slice(0, 20)}…"); names longer than ${MAX_NAME} characters are refused.`, lt);
      }
      // An id is a name: SaxonJS indexes ids in a trie it walks by recursion, one call per
      // character, and runs out of stack on ids of a few thousand characters.
      if (j - lt > MAX_NAME) {
        const id = /\sxml:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(text.slice(lt, j));
        const value = id ? (id[1] ?? id[2] ?? '') : '';
        if (value.length > MAX_NAME) return fail('name-too-long', `An xml:id of ${value.length} characters ("${value.slice(0, 20)}…"); ids longer than ${MAX_NAME} characters are refused.`, lt);
      }
      const selfClosing = text.charCodeAt(j - 1) === 0x2f;
      const parent = stack[stack.length - 1]!;
      parent.children++;
      const path = parent.path === '' ? String(parent.children) : `${parent.path}/${parent.children}`;
      if (positions) {
        const m = /^<([^\s/>]+)/.exec(text.slice(lt, Math.min(j + 1, lt + 200)));
        const qname = m?.[1] ?? '';
        positions.set(path, { name: qname.slice(qname.indexOf(':') + 1), offset: lt, tagEnd: j + 1 });
      }
      if (!selfClosing) {
        depth++;
        if (depth > maxDepth) {
          return fail(
            'too-deep',
            `Elements are nested more than ${maxDepth} levels deep; the document is refused (TEI documents of this edition nest about 15 levels; raise the limit with --max-depth).`,
            lt,
          );
        }
        stack.push({ path, children: 0 });
      }
      i = j + 1;
    }
  }
  return positions ? { problem: null, index: positions } : { problem: null };
}

/** The offset after a DOCTYPE declaration (its internal subset included), or -1. */
function doctypeEnd(text: string, at: number): number {
  let quote = 0;
  let subset = false;
  for (let j = at + 9; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (subset && text.startsWith('<!--', j)) {
      const end = text.indexOf('-->', j + 4);
      if (end < 0) return -1;
      j = end + 2;
    } else if (c === 0x5b /* [ */) subset = true;
    else if (c === 0x5d /* ] */) subset = false;
    else if (c === 0x3e /* > */ && !subset) return j + 1;
  }
  return -1;
}

/** Line starts of a text, for 1-based line and column lookups by binary search. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) this.starts.push(k + 1);
  }
  lineColumn(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
  /** The text of a 1-based line, without its line break. */
  line(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const end = this.starts[line];
    return this.text.slice(start, end === undefined ? undefined : end - 1).replace(/\r$/, '');
  }
  get lineCount(): number {
    return this.starts.length;
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Where a node reported by path lies: the element's start tag, or the attribute inside it
 * ("1/2/@when"). Returns null when the path is not in the index.
 */
export function locatePath(lines: LineIndex, index: Map<string, ElementPosition>, path: string): { line: number; column: number } | null {
  const text = lines.text;
  const at = path.indexOf('/@');
  const elementPath = at >= 0 ? path.slice(0, at) : path;
  const attribute = at >= 0 ? path.slice(at + 2) : null;
  const pos = index.get(elementPath);
  if (!pos) return null;
  let offset = pos.offset;
  if (attribute) {
    const tag = text.slice(pos.offset, pos.tagEnd);
    const m = new RegExp(`\\s(${attribute.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})\\s*=`).exec(tag);
    if (m) offset = pos.offset + m.index + 1;
  }
  return lines.lineColumn(offset);
}
