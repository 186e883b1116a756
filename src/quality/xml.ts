/**
 * The produced TEI as a small element tree for scoring: elements with their names and
 * attributes as written, and text. Parsed by fast-xml-parser (well-formedness checked by its
 * validator); comments and processing instructions are dropped and the text on either side of
 * them joined, CDATA is text, and only the five predefined entities and character references
 * are expanded (any other entity reference is kept as written, since no DTD is read).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  kind: 'element';
  /** The name as written, with its prefix. */
  name: string;
  /** The name without its prefix. */
  local: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  parent: XmlElement | null;
}

export interface XmlText {
  kind: 'text';
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export class NotWellFormed extends Error {}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  maxNestedTags: 10_000,
});

type Raw = Record<string, unknown>;

/** Parse a document and return its root element; throws NotWellFormed. */
export function parseXml(source: string): XmlElement {
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  const checked = XMLValidator.validate(source);
  if (checked !== true) throw new NotWellFormed(`line ${checked.err.line}, column ${checked.err.col}: ${checked.err.msg}`);
  const top = parser.parse(source) as Raw[];
  const roots: XmlElement[] = [];
  for (const raw of top) {
    if ('#text' in raw) {
      if (/\S/.test(String(raw['#text']))) throw new NotWellFormed('text outside the root element');
      continue;
    }
    const el = convert(raw, null);
    if (el) roots.push(el);
  }
  if (roots.length !== 1) throw new NotWellFormed(roots.length ? 'more than one root element' : 'no root element');
  return roots[0]!;
}

function convert(raw: Raw, parent: XmlElement | null): XmlElement | null {
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (name === undefined || name === '#comment' || name === '#cdata' || name === '#text') return null;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries((raw[':@'] as Record<string, unknown> | undefined) ?? {})) attrs[k] = decodeReferences(String(v));
  const colon = name.indexOf(':');
  const el: XmlElement = { kind: 'element', name, local: colon >= 0 ? name.slice(name.lastIndexOf(':') + 1) : name, attrs, children: [], parent };
  const addText = (text: string): void => {
    const last = el.children[el.children.length - 1];
    if (last?.kind === 'text') last.text += text;
    else if (text) el.children.push({ kind: 'text', text });
  };
  for (const child of (raw[name] as Raw[] | undefined) ?? []) {
    if ('#text' in child) addText(decodeReferences(String(child['#text'])));
    else if ('#cdata' in child) addText(((child['#cdata'] as Raw[]) ?? []).map((c) => String(c['#text'] ?? '')).join(''));
    else if (!('#comment' in child)) {
      const sub = convert(child, el);
      if (sub) el.children.push(sub);
    }
  }
  return el;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Expand character references and the predefined entities; keep any other entity reference as written. */
function decodeReferences(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);|&/g, (whole, ref: string | undefined) => {
    if (!ref) throw new NotWellFormed("a bare '&'");
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return PREDEFINED[ref] ?? whole;
  });
}

/** All the text inside a node, in document order. */
export function textOf(node: XmlNode): string {
  if (node.kind === 'text') return node.text;
  let s = '';
  for (const c of node.children) s += textOf(c);
  return s;
}

/** The first element in document order (the node itself included) that satisfies `test`. */
export function findElement(el: XmlElement, test: (e: XmlElement) => boolean): XmlElement | null {
  if (test(el)) return el;
  for (const c of el.children) {
    if (c.kind !== 'element') continue;
    const found = findElement(c, test);
    if (found) return found;
  }
  return null;
}
