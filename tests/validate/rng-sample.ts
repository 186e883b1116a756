/**
 * Random documents from a RELAX NG grammar (the subset of RELAX NG the project grammar uses),
 * to test that everything the grammar accepts is also valid TEI: generate many documents
 * from tei-edition.rng, and have jing check them against tei_all.
 */
import { readFileSync } from 'node:fs';
import { elementChildren, parseXmlTree, type XmlElement } from '../../src/validate/xml-tree.js';

const RNG = 'http://relaxng.org/ns/structure/1.0';

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sample values for the datatypes (type + pattern facet) the grammar uses. */
const SAMPLES: Record<string, string[]> = {
  'anyURI \\S+': ['#per-a', '../persons.xml#per-b', 'https://example.org/a?b=c'],
  date: ['1987-05-25', '1901-01-01'],
  gYearMonth: ['1987-05'],
  gYear: ['1987'],
  dateTime: ['1987-05-25T10:15:00', '2020-01-01T00:00:00Z'],
  'token [^\\p{C}\\p{Z}]+': ['source', 'a-b', 'x.y', 'Ω'],
  string: ['1', 'iv', 'a b'],
  language: ['en', 'de', 'zh-Hant'],
  'Name [a-z][a-z0-9\\-]*': ['tei-edition', 'x1'],
  'token [\\d]+[a-z]*[\\d]*(\\.[\\d]+[a-z]*[\\d]*){0,3}': ['0.1.0', '2', '1.2b3'],
};

export class Sampler {
  private readonly defines = new Map<string, XmlElement>();
  private readonly cost = new Map<XmlElement, number>();
  private ids = 0;
  readonly elements = new Set<string>();
  readonly attributes = new Set<string>();
  readonly values = new Set<string>();

  constructor(rngPath: string, private readonly rand: () => number, private readonly budget = 14) {
    const grammar = parseXmlTree(readFileSync(rngPath, 'utf8'));
    for (const d of elementChildren(grammar, RNG, 'define')) this.defines.set(d.attrs.name!, d);
    this.start = elementChildren(grammar, RNG, 'start')[0]!;
    // Fixpoint of the least element depth each pattern needs to be completed.
    let changed = true;
    while (changed) {
      changed = false;
      for (const d of this.defines.values()) {
        const c = this.minCost(d);
        if (c !== this.cost.get(d)) {
          this.cost.set(d, c);
          changed = true;
        }
      }
    }
  }

  private readonly start: XmlElement;

  private kids(p: XmlElement): XmlElement[] {
    return elementChildren(p, RNG).filter((c) => c.local !== 'param');
  }

  private minCost(p: XmlElement): number {
    switch (p.local) {
      case 'element':
        return 1 + Math.max(0, ...this.kids(p).filter((c) => c.local !== 'attribute').map((c) => this.costOf(c)));
      case 'choice':
        return Math.min(...this.kids(p).map((c) => this.costOf(c)));
      case 'optional':
      case 'zeroOrMore':
      case 'text':
      case 'empty':
      case 'data':
      case 'value':
      case 'attribute':
      case 'list':
        return 0;
      case 'ref':
        return this.cost.get(this.defines.get(p.attrs.name!)!) ?? Number.POSITIVE_INFINITY;
      default: // define, group, oneOrMore, start
        return Math.max(0, ...this.kids(p).map((c) => this.costOf(c)));
    }
  }

  private costOf(p: XmlElement): number {
    if (p.local === 'ref') return this.cost.get(this.defines.get(p.attrs.name!)!) ?? Number.POSITIVE_INFINITY;
    return this.minCost(p);
  }

  private pick<T>(items: T[]): T {
    return items[Math.floor(this.rand() * items.length)]!;
  }

  /** One random document. */
  document(): string {
    const out: Out = { attrs: [], content: [] };
    this.gen(this.start, 0, out);
    return `<?xml version="1.0" encoding="UTF-8"?>\n${out.content.join('')}`;
  }

  private gen(p: XmlElement, depth: number, out: Out): void {
    const tight = depth >= this.budget;
    switch (p.local) {
      case 'start':
      case 'define':
      case 'group':
        for (const c of this.kids(p)) this.gen(c, depth, out);
        return;
      case 'ref':
        this.gen(this.defines.get(p.attrs.name!)!, depth, out);
        return;
      case 'choice': {
        const options = this.kids(p);
        const usable = tight ? options.filter((o) => this.costOf(o) === Math.min(...options.map((x) => this.costOf(x)))) : options.filter((o) => depth + this.costOf(o) <= this.budget + 6);
        this.gen(this.pick(usable.length ? usable : options), depth, out);
        return;
      }
      case 'optional':
        if (!tight && this.rand() < 0.6) for (const c of this.kids(p)) this.gen(c, depth, out);
        return;
      case 'zeroOrMore':
      case 'oneOrMore': {
        const min = p.local === 'oneOrMore' ? 1 : 0;
        const n = tight ? min : min + Math.floor(this.rand() * 3);
        for (let i = 0; i < n; i++) for (const c of this.kids(p)) this.gen(c, depth, out);
        return;
      }
      case 'element': {
        const name = p.attrs.name!;
        this.elements.add(name);
        const inner: Out = { attrs: [], content: [] };
        for (const c of this.kids(p)) this.gen(c, depth + 1, inner);
        const ns = depth === 0 ? ' xmlns="http://www.tei-c.org/ns/1.0"' : '';
        const attrs = inner.attrs.map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
        out.content.push(inner.content.length ? `<${name}${ns}${attrs}>${inner.content.join('')}</${name}>` : `<${name}${ns}${attrs}/>`);
        return;
      }
      case 'attribute': {
        const name = p.attrs.name!;
        this.attributes.add(name);
        const parts: Out = { attrs: [], content: [] };
        const [pattern] = this.kids(p);
        if (pattern) this.gen(pattern, depth, parts);
        else parts.content.push('x');
        out.attrs.push([name, parts.content.join('')]);
        return;
      }
      case 'text':
        out.content.push(escape(this.pick(['Mielke', 'said ', ' “yes” & no', 'x'])));
        return;
      case 'empty':
        return;
      case 'value':
        this.values.add(`${p.attrs.type ?? ''}:${p.children.join('')}`);
        out.content.push(String(p.children.join('')));
        return;
      case 'list': {
        const items: string[] = [];
        const sub: Out = { attrs: [], content: [] };
        for (const c of this.kids(p)) this.gen(c, depth, sub);
        items.push(...sub.content);
        out.content.push(items.join(' '));
        return;
      }
      case 'data': {
        const type = p.attrs.type!;
        if (type === 'ID') {
          out.content.push(`id${++this.ids}`);
          return;
        }
        const param = elementChildren(p, RNG, 'param')[0];
        const key = param ? `${type} ${param.children.join('')}` : type;
        const samples = SAMPLES[key];
        if (!samples) throw new Error(`no sample values for datatype "${key}"`);
        out.content.push(this.pick(samples));
        return;
      }
      default:
        throw new Error(`RELAX NG pattern ${p.local} is not supported by the sampler`);
    }
  }
}

interface Out {
  attrs: [string, string][];
  content: string[];
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
