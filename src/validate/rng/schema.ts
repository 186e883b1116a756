/**
 * Read a RELAX NG grammar (XML syntax) and compile it to patterns (patterns.ts): include and
 * externalRef (inside the grammar's folder only), define/ref/parentRef with combine, nested
 * grammars, div, the inherited ns and datatypeLibrary, name classes, data/value/param/except,
 * list, mixed, interleave. Every element's content is compiled once, before any document is
 * validated, so that a broken grammar fails the whole call.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import { Builder, type NameClass, type Pattern } from './patterns.js';
import { DatatypeError, makeDatatype, type Datatype } from './datatypes.js';
import { parseXml, XmlSyntaxError, type NamespaceScope } from '../xml-parse.js';

export const RNG_NS = 'http://relaxng.org/ns/structure/1.0';

export class SchemaError extends Error {
  override name = 'SchemaError';
}

interface Node {
  local: string;
  ns: string;
  attrs: Map<string, string>;
  children: Node[];
  text: string;
  scope: NamespaceScope;
  file: string;
  line: number;
}

/** Parse one grammar file into RELAX NG elements (foreign elements and attributes dropped). */
function readTree(path: string): Node {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SchemaError(`cannot read the grammar ${path}: ${(e as Error).message}`);
  }
  const stack: { node: Node; foreign: number }[] = [];
  let root: Node | null = null;
  let foreignDepth = 0;
  let lines: number[] | null = null;
  const lineOf = (offset: number): number => {
    lines ??= [...text.matchAll(/\n/g)].map((m) => m.index!);
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  try {
    parseXml(text, {
      startElement(tag) {
        if (foreignDepth > 0 || tag.ns !== RNG_NS) {
          foreignDepth++;
          return;
        }
        const attrs = new Map<string, string>();
        for (const a of tag.attributes) if (a.ns === '') attrs.set(a.local, a.value);
        const node: Node = { local: tag.local, ns: tag.ns, attrs, children: [], text: '', scope: tag.scope, file: path, line: lineOf(tag.start) };
        if (stack.length > 0) stack[stack.length - 1]!.node.children.push(node);
        else root = node;
        stack.push({ node, foreign: 0 });
      },
      endElement() {
        if (foreignDepth > 0) {
          foreignDepth--;
          return;
        }
        stack.pop();
      },
      text(value) {
        if (foreignDepth === 0 && stack.length > 0) stack[stack.length - 1]!.node.text += value;
      },
    });
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new SchemaError(`the grammar ${path} is not well-formed XML: ${e.message}`);
    throw e;
  }
  if (!root) throw new SchemaError(`${path} is not a RELAX NG grammar in XML syntax`);
  return root;
}

interface Define {
  bodies: { node: Node; ctx: Ctx }[];
  combine: string | null;
  pattern: Pattern | null;
  busy: boolean;
}

class Grammar {
  defines = new Map<string, Define>();
  start: Define = { bodies: [], combine: null, pattern: null, busy: false };
  constructor(readonly parent: Grammar | null) {}
}

interface Ctx {
  grammar: Grammar;
  ns: string;
  dtLib: string;
}

export interface CompiledGrammar {
  path: string;
  builder: Builder;
  start: Pattern;
  /** Every element pattern reachable from the start. */
  elements: Pattern[];
  /** Files read. */
  files: string[];
}

/** Load and compile a grammar. Throws SchemaError when it cannot be used. */
export function compileGrammar(path: string): CompiledGrammar {
  const root = dirname(path);
  const files: string[] = [];
  const load = (file: string, from: Node | null): Node => {
    const rel = relative(root, file).split(sep).join('/');
    if (rel.startsWith('..') || isAbsolute(rel)) throw new SchemaError(`${from?.file ?? path}: included grammar ${file} lies outside the grammar's folder`);
    files.push(file);
    return readTree(file);
  };
  const b = new Builder();
  const fail = (node: Node, message: string): never => {
    throw new SchemaError(`${path} does not compile: ${node.file}:${node.line}: ${message}`);
  };
  const elementsOf = (node: Node): Node[] => node.children;
  const inherit = (node: Node, ctx: Ctx): Ctx => {
    const ns = node.attrs.get('ns');
    const dt = node.attrs.get('datatypeLibrary');
    if (ns === undefined && dt === undefined) return ctx;
    return { grammar: ctx.grammar, ns: ns ?? ctx.ns, dtLib: dt ?? ctx.dtLib };
  };

  // ---------------------------------------------------------------- grammar contents
  const addDefine = (g: Grammar, name: string, node: Node, ctx: Ctx): void => {
    const d = g.defines.get(name) ?? { bodies: [], combine: null, pattern: null, busy: false };
    const combine = node.attrs.get('combine') ?? null;
    if (combine !== null) {
      if (d.combine !== null && d.combine !== combine) fail(node, `define "${name}" combined with both "${d.combine}" and "${combine}"`);
      d.combine = combine;
    }
    d.bodies.push({ node, ctx });
    g.defines.set(name, d);
  };
  const addStart = (g: Grammar, node: Node, ctx: Ctx): void => {
    const combine = node.attrs.get('combine') ?? null;
    if (combine !== null) g.start.combine = combine;
    g.start.bodies.push({ node, ctx });
  };
  /** Grammar content; `skip` names the defines (and "start") an include overrides. */
  const grammarContent = (nodes: Node[], g: Grammar, ctx: Ctx, skip: Set<string> | null): void => {
    for (const node of nodes) {
      const c = inherit(node, ctx);
      switch (node.local) {
        case 'start':
          if (!skip?.has('\u0000start')) addStart(g, node, c);
          break;
        case 'define': {
          const name = node.attrs.get('name')?.trim();
          if (!name) fail(node, 'define without a name');
          if (!skip?.has(name!)) addDefine(g, name!, node, c);
          break;
        }
        case 'div':
          grammarContent(elementsOf(node), g, c, skip);
          break;
        case 'include': {
          const href = node.attrs.get('href');
          if (!href) fail(node, 'include without href');
          const overrides = new Set<string>();
          const collect = (ns: Node[]): void => {
            for (const n of ns) {
              if (n.local === 'start') overrides.add('\u0000start');
              else if (n.local === 'define') overrides.add(n.attrs.get('name')!.trim());
              else if (n.local === 'div') collect(n.children);
            }
          };
          collect(node.children);
          const included = load(normalize(join(dirname(node.file), href!)), node);
          if (included.local !== 'grammar') fail(node, `included file ${href} is not a grammar`);
          const all = new Set([...(skip ?? []), ...overrides]);
          grammarContent(elementsOf(included), g, inherit(included, { ...c, ns: included.attrs.get('ns') ?? c.ns }), all);
          grammarContent(elementsOf(node), g, c, skip);
          break;
        }
        default:
          fail(node, `<${node.local}> is not allowed in a grammar`);
      }
    }
  };

  const defineRef = (g: Grammar, name: string, at: Node): Pattern => {
    const d = g.defines.get(name);
    if (!d) return fail(at, `reference to undefined pattern "${name}"`);
    return combined(d, at, `"${name}"`);
  };
  const combined = (d: Define, at: Node, what: string): Pattern => {
    if (d.pattern) return d.pattern;
    if (d.busy) fail(at, `the reference to ${what} is recursive but not inside an element`);
    if (d.bodies.length === 0) fail(at, `${what} has no definition`);
    if (d.bodies.length > 1 && d.combine === null) fail(at, `${what} is defined more than once without combine`);
    d.busy = true;
    const parts = d.bodies.map(({ node, ctx }) => group(node.children, ctx));
    d.busy = false;
    d.pattern = d.combine === 'interleave' ? parts.reduce((x, y) => b.interleave(x, y)) : b.choiceAll(parts);
    return d.pattern;
  };

  // ---------------------------------------------------------------- patterns
  const group = (nodes: Node[], ctx: Ctx): Pattern => {
    let r = b.empty;
    for (let i = nodes.length - 1; i >= 0; i--) r = b.group(pattern(nodes[i]!, ctx), r);
    return r;
  };
  const qname = (raw: string, node: Node, ctx: Ctx, attribute: boolean): { ns: string; local: string } => {
    const name = raw.trim();
    const colon = name.indexOf(':');
    if (colon < 0) return { ns: attribute ? (node.attrs.get('ns') ?? '') : ctx.ns, local: name };
    const ns = node.scope.lookup(name.slice(0, colon));
    if (ns === undefined) fail(node, `the prefix of "${name}" is not declared`);
    return { ns: ns!, local: name.slice(colon + 1) };
  };
  const nameClass = (node: Node, ctx: Ctx): NameClass => {
    const c = inherit(node, ctx);
    switch (node.local) {
      case 'name': {
        const colon = node.text.trim().indexOf(':');
        if (colon >= 0) {
          const q = qname(node.text, node, c, false);
          return { kind: 'name', ns: q.ns, local: q.local };
        }
        return { kind: 'name', ns: c.ns, local: node.text.trim() };
      }
      case 'anyName': {
        const ex = node.children.find((n) => n.local === 'except');
        return { kind: 'anyName', except: ex ? ncChoice(ex.children, c) : null };
      }
      case 'nsName': {
        const ex = node.children.find((n) => n.local === 'except');
        return { kind: 'nsName', ns: c.ns, except: ex ? ncChoice(ex.children, c) : null };
      }
      case 'choice':
        return ncChoice(node.children, c);
      default:
        return fail(node, `<${node.local}> is not a name class`);
    }
  };
  const ncChoice = (nodes: Node[], ctx: Ctx): NameClass => {
    if (nodes.length === 0) fail(nodes[0]!, 'empty name class');
    return nodes.map((n) => nameClass(n, ctx)).reduce((x, y) => ({ kind: 'choice', a: x, b: y }));
  };
  const datatype = (node: Node, ctx: Ctx, type: string, params: { name: string; value: string }[]): Datatype => {
    try {
      return makeDatatype(ctx.dtLib, type.trim(), params);
    } catch (e) {
      if (e instanceof DatatypeError) return fail(node, e.message);
      throw e;
    }
  };

  const pattern = (node: Node, ctx0: Ctx): Pattern => {
    const ctx = inherit(node, ctx0);
    switch (node.local) {
      case 'element': {
        const nameAttr = node.attrs.get('name');
        let nc: NameClass;
        let rest: Node[];
        if (nameAttr !== undefined) {
          const q = qname(nameAttr, node, ctx, false);
          nc = { kind: 'name', ns: q.ns, local: q.local };
          rest = node.children;
        } else {
          if (node.children.length === 0) fail(node, 'element without a name');
          nc = nameClass(node.children[0]!, ctx);
          rest = node.children.slice(1);
        }
        return b.element(nc, nameAttr?.trim() ?? '', () => group(rest, ctx));
      }
      case 'attribute': {
        const nameAttr = node.attrs.get('name');
        let nc: NameClass;
        let rest: Node[];
        if (nameAttr !== undefined) {
          const q = qname(nameAttr, node, ctx, true);
          nc = { kind: 'name', ns: q.ns, local: q.local };
          rest = node.children;
        } else {
          if (node.children.length === 0) fail(node, 'attribute without a name');
          nc = nameClass(node.children[0]!, ctx);
          rest = node.children.slice(1);
        }
        return b.attribute(nc, rest.length === 0 ? b.text : group(rest, ctx));
      }
      case 'group':
        return group(node.children, ctx);
      case 'interleave': {
        let r = b.empty;
        for (const n of node.children) r = b.interleave(r, pattern(n, ctx));
        return r;
      }
      case 'choice':
        return b.choiceAll(node.children.map((n) => pattern(n, ctx)));
      case 'optional':
        return b.choice(group(node.children, ctx), b.empty);
      case 'zeroOrMore':
        return b.choice(b.oneOrMore(group(node.children, ctx)), b.empty);
      case 'oneOrMore':
        return b.oneOrMore(group(node.children, ctx));
      case 'mixed': {
        return b.interleave(group(node.children, ctx), b.text);
      }
      case 'list':
        return b.list(group(node.children, ctx));
      case 'ref':
        return defineRef(ctx.grammar, node.attrs.get('name')?.trim() ?? '', node);
      case 'parentRef':
        if (!ctx.grammar.parent) fail(node, 'parentRef outside a nested grammar');
        return defineRef(ctx.grammar.parent!, node.attrs.get('name')?.trim() ?? '', node);
      case 'empty':
        return b.empty;
      case 'text':
        return b.text;
      case 'notAllowed':
        return b.notAllowed;
      case 'data': {
        const type = node.attrs.get('type');
        if (type === undefined) fail(node, 'data without a type');
        const params = node.children.filter((n) => n.local === 'param').map((n) => ({ name: n.attrs.get('name')!.trim(), value: n.text }));
        const ex = node.children.find((n) => n.local === 'except');
        return b.data(datatype(node, ctx, type!, params), ex ? b.choiceAll(ex.children.map((n) => pattern(n, ctx))) : null);
      }
      case 'value': {
        const type = node.attrs.get('type');
        const dt = type === undefined ? datatype(node, { ...ctx, dtLib: '' }, 'token', []) : datatype(node, ctx, type, []);
        return b.valuePattern(dt, node.text);
      }
      case 'externalRef': {
        const href = node.attrs.get('href');
        if (!href) fail(node, 'externalRef without href');
        const ext = load(normalize(join(dirname(node.file), href!)), node);
        return pattern(ext, { grammar: ctx.grammar, ns: ext.attrs.get('ns') ?? ctx.ns, dtLib: '' });
      }
      case 'grammar': {
        const g = new Grammar(ctx.grammar);
        const c = { ...ctx, grammar: g };
        grammarContent(node.children, g, c, null);
        return combined(g.start, node, 'the start of a nested grammar');
      }
      default:
        return fail(node, `<${node.local}> is not a RELAX NG pattern`);
    }
  };

  const top = load(path, null);
  let start: Pattern;
  try {
    start = pattern(top, { grammar: new Grammar(null), ns: '', dtLib: '' });
  } catch (e) {
    if (e instanceof SchemaError) throw e;
    if (e instanceof RangeError) throw new SchemaError(`${path} does not compile: ${e.message}`);
    throw e;
  }
  // Compile every reachable element's content now: errors surface before any document.
  const elements: Pattern[] = [];
  const seen = new Set<Pattern>();
  const todo: Pattern[] = [start];
  while (todo.length > 0) {
    const p = todo.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (p.kind === 'element') {
      elements.push(p);
      todo.push(p.content);
      continue;
    }
    if (p.a) todo.push(p.a);
    if (p.b) todo.push(p.b);
    if (p.except) todo.push(p.except);
  }
  return { path, builder: b, start, elements, files };
}
