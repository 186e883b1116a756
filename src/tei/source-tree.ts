/**
 * An XML element tree that remembers where each element stands in its text, so that a file
 * an editor keeps (the persons register) can be read with namespaces resolved and changed by
 * inserting text at a place, every other byte kept as it was. Well-formedness is checked
 * first (fast-xml-parser's validator), and a DOCTYPE or other declaration is refused.
 */
import { XMLValidator } from 'fast-xml-parser';
import { lineColumn, scanMarkup } from '../validate/scan.js';

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface SourceText {
  type: 'text';
  /** The text with entity and character references resolved (CDATA as it stands). */
  value: string;
  start: number;
  end: number;
}

export interface SourceElement {
  type: 'element';
  /** The name as written ("tei:person"). */
  name: string;
  prefix: string;
  local: string;
  ns: string;
  /** Attributes by the name as written, values with references resolved. */
  attrs: Record<string, string>;
  /** Offset of "<" of the start tag, and just after its ">". */
  start: number;
  startTagEnd: number;
  /** Offset of "<" of the end tag (= startTagEnd for an empty-element tag `<x/>`), and just after the element. */
  endTagStart: number;
  end: number;
  selfClosing: boolean;
  children: SourceNode[];
  parent: SourceElement | null;
  /** Namespace bindings in scope (prefix → URI; "" the default namespace). */
  scope: Record<string, string>;
}

export type SourceNode = SourceElement | SourceText;

export class SourceTreeError extends Error {
  constructor(message: string, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function resolveReferences(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);/g, (all, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      try {
        return String.fromCodePoint(code);
      } catch {
        return all;
      }
    }
    return ENTITIES[ref] ?? all;
  });
}

/** Parse well-formed XML into a tree with offsets; throws SourceTreeError (with line and column) otherwise. */
export function parseSourceTree(text: string): SourceElement {
  const { problem } = scanMarkup(text, 1000);
  if (problem) throw new SourceTreeError(problem.reason, problem.line, problem.column);
  const wf = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (wf !== true) throw new SourceTreeError(wf.err.msg, wf.err.line, wf.err.col);
  const root: SourceElement = { type: 'element', name: '', prefix: '', local: '', ns: '', attrs: {}, start: 0, startTagEnd: 0, endTagStart: text.length, end: text.length, selfClosing: false, children: [], parent: null, scope: { xml: XML_NS } };
  let current = root;
  let i = 0;
  const addText = (start: number, end: number, value: string) => {
    if (start >= end) return;
    const last = current.children[current.children.length - 1];
    if (last?.type === 'text' && last.end === start) {
      last.value += value;
      last.end = end;
    } else current.children.push({ type: 'text', value, start, end });
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      addText(i, text.length, resolveReferences(text.slice(i)));
      break;
    }
    addText(i, lt, resolveReferences(text.slice(i, lt)));
    if (text.startsWith('<!--', lt)) {
      i = text.indexOf('-->', lt + 4) + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      addText(lt, end + 3, text.slice(lt + 9, end));
      i = end + 3;
    } else if (text.startsWith('<?', lt)) {
      i = text.indexOf('?>', lt + 2) + 2;
    } else if (text.startsWith('</', lt)) {
      const end = text.indexOf('>', lt + 2);
      current.endTagStart = lt;
      current.end = end + 1;
      current = current.parent ?? root;
      i = end + 1;
    } else {
      let j = lt + 1;
      let quote = 0;
      for (; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e) break;
      }
      const selfClosing = text.charCodeAt(j - 1) === 0x2f;
      const inner = text.slice(lt + 1, selfClosing ? j - 1 : j);
      const name = /^[^\s/>]+/.exec(inner)![0];
      const attrs: Record<string, string> = {};
      for (const m of inner.slice(name.length).matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[m[1]!] = resolveReferences(m[2] ?? m[3] ?? '');
      const scope = { ...current.scope };
      for (const [k, v] of Object.entries(attrs)) {
        if (k === 'xmlns') scope[''] = v;
        else if (k.startsWith('xmlns:')) scope[k.slice(6)] = v;
      }
      const colon = name.indexOf(':');
      const prefix = colon >= 0 ? name.slice(0, colon) : '';
      const local = colon >= 0 ? name.slice(colon + 1) : name;
      const element: SourceElement = { type: 'element', name, prefix, local, ns: scope[prefix] ?? '', attrs, start: lt, startTagEnd: j + 1, endTagStart: j + 1, end: j + 1, selfClosing, children: [], parent: current, scope };
      current.children.push(element);
      if (!selfClosing) current = element;
      i = j + 1;
    }
  }
  const top = root.children.find((c): c is SourceElement => c.type === 'element');
  if (!top) throw new SourceTreeError('no root element');
  return top;
}

/** Every element of the tree (document order), with a namespace and local name to match. */
export function elementsOf(el: SourceElement, test: (e: SourceElement) => boolean = () => true): SourceElement[] {
  const out: SourceElement[] = [];
  const walk = (e: SourceElement): void => {
    for (const c of e.children) {
      if (c.type !== 'element') continue;
      if (test(c)) out.push(c);
      walk(c);
    }
  };
  if (test(el)) out.push(el);
  walk(el);
  return out;
}

/** The text of an element, with a space where an element begins or ends (so that <forename/><surname/> stay two words), white space collapsed. */
export function wordsOf(el: SourceElement): string {
  const parts: string[] = [];
  const walk = (e: SourceElement): void => {
    for (const c of e.children) {
      if (c.type === 'text') parts.push(c.value);
      else {
        parts.push(' ');
        walk(c);
        parts.push(' ');
      }
    }
  };
  walk(el);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Line and column of an offset, for messages. */
export function placeOf(text: string, offset: number): { line: number; column: number } {
  return lineColumn(text, offset);
}
