/**
 * A small namespace-aware element tree for the project's own XML files (Schematron,
 * RELAX NG, ODD): parsed by fast-xml-parser, then resolved to namespace URIs and local
 * names. Not for untrusted documents: those go through `scan.ts` and the validators.
 */
import { XMLParser } from 'fast-xml-parser';

export interface XmlElement {
  /** The name as written, with its prefix ("sch:rule"). */
  name: string;
  local: string;
  ns: string;
  /** Attributes by their name as written ("xml:id", "test"). */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** The namespace bindings in scope (prefix → URI, "" for the default namespace). */
  scope: Record<string, string>;
}

export type XmlNode = XmlElement | string;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

type Raw = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignorePiTags: true,
  commentPropName: '#comment',
});

/** Parse XML text into an element tree; throws on malformed input. */
export function parseXmlTree(text: string): XmlElement {
  const raw = parser.parse(text) as Raw[];
  const roots = raw.map((node) => convert(node, { xml: XML_NS })).filter((n): n is XmlElement => typeof n !== 'string' && n !== null);
  const root = roots[0];
  if (!root) throw new Error('no root element');
  return root;
}

function convert(node: Raw, parentScope: Record<string, string>): XmlNode | null {
  if ('#text' in node) return String(node['#text']);
  if ('#comment' in node) return null;
  const name = Object.keys(node).find((k) => k !== ':@');
  if (name === undefined) return null;
  const attrs = { ...((node[':@'] as Record<string, string> | undefined) ?? {}) };
  const scope = { ...parentScope };
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'xmlns') scope[''] = v;
    else if (k.startsWith('xmlns:')) scope[k.slice(6)] = v;
  }
  const colon = name.indexOf(':');
  const prefix = colon >= 0 ? name.slice(0, colon) : '';
  const local = colon >= 0 ? name.slice(colon + 1) : name;
  const ns = scope[prefix] ?? '';
  const children: XmlNode[] = [];
  for (const child of (node[name] as Raw[] | undefined) ?? []) {
    const c = convert(child, scope);
    if (c === null) continue;
    const last = children[children.length - 1];
    if (typeof c === 'string' && typeof last === 'string') children[children.length - 1] = last + c;
    else children.push(c);
  }
  return { name, local, ns, attrs, children, scope };
}

export function elementChildren(el: XmlElement, ns?: string, local?: string): XmlElement[] {
  return el.children.filter(
    (c): c is XmlElement => typeof c !== 'string' && (ns === undefined || c.ns === ns) && (local === undefined || c.local === local),
  );
}

/** Every descendant element (document order), optionally filtered by namespace and name. */
export function descendants(el: XmlElement, ns?: string, local?: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if ((ns === undefined || c.ns === ns) && (local === undefined || c.local === local)) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

export function textContent(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

/** Serialize an element back to XML, declaring the namespaces it uses from its scope. */
export function serializeElement(el: XmlElement, declared: Record<string, string> = {}): string {
  const decls: string[] = [];
  const inScope = { ...declared };
  const need = (prefix: string): void => {
    if (prefix === 'xml' || prefix === 'xmlns') return;
    const uri = el.scope[prefix] ?? '';
    if (inScope[prefix] !== uri) {
      decls.push(prefix === '' ? ` xmlns="${escapeAttr(uri)}"` : ` xmlns:${prefix}="${escapeAttr(uri)}"`);
      inScope[prefix] = uri;
    }
  };
  const colon = el.name.indexOf(':');
  need(colon >= 0 ? el.name.slice(0, colon) : '');
  // Prefixes used in attribute values (XPath, QNames) cannot be told apart from text, so
  // every binding in scope is declared on the element where it differs from the parent.
  for (const prefix of Object.keys(el.scope)) need(prefix);
  const attrs = Object.entries(el.attrs)
    .filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  const inner = el.children.map((c) => (typeof c === 'string' ? escapeText(c) : serializeElement(c, inScope))).join('');
  return inner === '' ? `<${el.name}${decls.join('')}${attrs}/>` : `<${el.name}${decls.join('')}${attrs}>${inner}</${el.name}>`;
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
