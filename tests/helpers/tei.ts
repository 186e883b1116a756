import { XMLParser } from 'fast-xml-parser';

/** A parsed XML element: name, attributes, children (elements and text). */
export interface Node {
  name: string;
  attrs: Record<string, string>;
  children: (Node | string)[];
}

type Raw = Record<string, unknown>;

/** Parse XML into a small element tree for structural assertions. */
export function parseXml(xml: string): Node {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, processEntities: true, ignorePiTags: true, parseTagValue: false, parseAttributeValue: false });
  const raw = parser.parse(xml) as Raw[];
  const convert = (r: Raw): Node | string | null => {
    if ('#text' in r) return String(r['#text']);
    const name = Object.keys(r).find((k) => k !== ':@');
    if (!name || name.startsWith('?')) return null;
    const attrs = (r[':@'] as Record<string, string> | undefined) ?? {};
    const children = (r[name] as Raw[]).map(convert).filter((c): c is Node | string => c !== null);
    return { name, attrs, children };
  };
  const roots = raw.map(convert).filter((n): n is Node => typeof n === 'object' && n !== null);
  return roots[0]!;
}

export function all(node: Node, name: string): Node[] {
  const out: Node[] = [];
  const walk = (n: Node): void => {
    for (const c of n.children) {
      if (typeof c === 'string') continue;
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

export function first(node: Node, name: string): Node | undefined {
  return all(node, name)[0];
}

export function text(node: Node | undefined): string {
  if (!node) return '';
  return node.children.map((c) => (typeof c === 'string' ? c : text(c))).join('');
}

export function kids(node: Node, name: string): Node[] {
  return node.children.filter((c): c is Node => typeof c !== 'string' && c.name === name);
}
