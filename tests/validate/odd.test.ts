/**
 * The ODD (documentation of the profile) and the hand-written RELAX NG grammar agree: the
 * same elements, the same attributes on each, the same closed value lists, the same required
 * attributes. Parsed from both files, so that an edit to one without the other fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { descendants, elementChildren, parseXmlTree, type XmlElement } from '../../src/validate/xml-tree.js';
import { editionOdd, editionRng, hasJing, jing, teiAllRng } from './helpers.js';

const RNG = 'http://relaxng.org/ns/structure/1.0';
const TEI = 'http://www.tei-c.org/ns/1.0';

interface AttributeInfo {
  values: Set<string>;
  /** Any value of a datatype is allowed (besides the listed ones). */
  open: boolean;
  required: boolean;
}
type Profile = Map<string, Map<string, AttributeInfo>>;

/** Elements and their attributes as the grammar defines them (all patterns of a name merged). */
function fromRng(text: string): Profile {
  const grammar = parseXmlTree(text);
  const defines = new Map(elementChildren(grammar, RNG, 'define').map((d) => [d.attrs.name!, d]));
  const profile: Profile = new Map();
  const valuesOf = (p: XmlElement, info: AttributeInfo): void => {
    for (const c of elementChildren(p, RNG)) {
      if (c.local === 'value') info.values.add(c.children.join(''));
      else if (c.local === 'data' || c.local === 'text') info.open = true;
      else if (c.local === 'ref') valuesOf(defines.get(c.attrs.name!)!, info);
      else valuesOf(c, info);
    }
  };
  const attributesOf = (p: XmlElement, into: Map<string, AttributeInfo>, optional: boolean, seen: Set<string>): void => {
    for (const c of elementChildren(p, RNG)) {
      if (c.local === 'element') continue;
      if (c.local === 'attribute') {
        const info = into.get(c.attrs.name!) ?? { values: new Set<string>(), open: false, required: true };
        info.required &&= !optional;
        valuesOf(c, info);
        into.set(c.attrs.name!, info);
      } else if (c.local === 'ref') {
        if (!seen.has(c.attrs.name!)) attributesOf(defines.get(c.attrs.name!)!, into, optional, new Set([...seen, c.attrs.name!]));
      } else {
        attributesOf(c, into, optional || ['optional', 'zeroOrMore', 'choice'].includes(c.local), seen);
      }
    }
  };
  for (const el of descendants(grammar, RNG, 'element')) {
    const name = el.attrs.name!;
    const own = new Map<string, AttributeInfo>();
    attributesOf(el, own, false, new Set());
    const merged = profile.get(name);
    if (!merged) {
      profile.set(name, own);
      continue;
    }
    // Several patterns for one element (div, note): an attribute is required only if every
    // pattern requires it.
    for (const [a, info] of own) {
      const m = merged.get(a);
      if (!m) merged.set(a, { ...info, required: false });
      else merged.set(a, { values: new Set([...m.values, ...info.values]), open: m.open || info.open, required: m.required && info.required });
    }
    for (const [a, m] of merged) if (!own.has(a)) m.required = false;
  }
  return profile;
}

interface OddAttribute {
  closed: Set<string> | null;
  suggested: Set<string>;
  required: boolean;
}

function fromOdd(): { elements: Map<string, Map<string, OddAttribute>>; modules: Map<string, string[]> } {
  const odd = parseXmlTree(readFileSync(editionOdd, 'utf8'));
  const spec = descendants(odd, TEI, 'schemaSpec')[0]!;
  const elements = new Map<string, Map<string, OddAttribute>>();
  for (const es of elementChildren(spec, TEI, 'elementSpec')) {
    const attrs = new Map<string, OddAttribute>();
    for (const ad of descendants(es, TEI, 'attDef')) {
      if (ad.attrs.mode === 'delete') continue;
      const list = elementChildren(ad, TEI, 'valList')[0];
      const items = new Set(list ? elementChildren(list, TEI, 'valItem').map((v) => v.attrs.ident!) : []);
      attrs.set(ad.attrs.ident!, {
        closed: list?.attrs.type === 'closed' ? items : null,
        suggested: list?.attrs.type === 'closed' ? new Set() : items,
        required: ad.attrs.usage === 'req',
      });
    }
    elements.set(es.attrs.ident!, attrs);
  }
  const modules = new Map(elementChildren(spec, TEI, 'moduleRef').map((m) => [m.attrs.key!, (m.attrs.include ?? '').split(/\s+/).filter(Boolean)]));
  return { elements, modules };
}

/** Every difference between the grammar and the ODD, in words ([] when they agree). */
function differences(rng: Profile, odd: ReturnType<typeof fromOdd>): string[] {
  const out: string[] = [];
  const oddNames = new Set(odd.elements.keys());
  for (const e of rng.keys()) if (!oddNames.has(e)) out.push(`element ${e} is not in the ODD`);
  for (const e of oddNames) if (!rng.has(e)) out.push(`element ${e} is not in the grammar`);
  const included = [...odd.modules.values()].flat();
  for (const e of rng.keys()) if (included.filter((x) => x === e).length !== 1) out.push(`element ${e} is not included from exactly one module`);
  for (const [element, attrs] of rng) {
    const documented = odd.elements.get(element);
    if (!documented) continue;
    for (const a of documented.keys()) if (!attrs.has(a)) out.push(`${element}/@${a} is in the ODD only`);
    for (const [name, info] of attrs) {
      const doc = documented.get(name);
      const where = `${element}/@${name}`;
      if (!doc) {
        out.push(`${where} is in the grammar only`);
        continue;
      }
      if (doc.required !== info.required) out.push(`${where} is ${info.required ? '' : 'not '}required by the grammar`);
      if (!info.open) {
        if (!doc.closed) out.push(`${where} has a closed value list in the grammar only`);
        else if (sorted(doc.closed).join(' ') !== sorted(info.values).join(' ')) out.push(`${where}: values ${sorted(info.values).join(' ')} in the grammar, ${sorted(doc.closed).join(' ')} in the ODD`);
      } else {
        if (doc.closed) out.push(`${where} has a closed value list in the ODD only`);
        for (const v of info.values) if (!doc.suggested.has(v)) out.push(`${where}: value ${v} of the grammar is not in the ODD`);
      }
    }
  }
  return out;
}

const rngText = readFileSync(editionRng, 'utf8');
const rng = fromRng(rngText);
const odd = fromOdd();
const sorted = (s: Iterable<string>): string[] => [...s].sort();

describe('ODD and RELAX NG', () => {
  it('parse to a full profile', () => {
    expect(rng.size).toBeGreaterThan(60);
    expect(odd.elements.size).toBe(rng.size);
  });

  it('agree: same elements, modules, attributes, closed value lists, required attributes', () => {
    expect(differences(rng, odd)).toEqual([]);
  });

  it.each([
    ['a value added to a closed list', (t: string) => t.replace('<value>smallcaps</value>', '<value>smallcaps</value><value>blink</value>'), 'hi/@rend'],
    ['an attribute made optional', (t: string) => t.replace(/(<attribute name="who">[\s\S]*?<\/attribute>)/, '<optional>$1</optional>'), 'sp/@who'],
    ['an attribute added', (t: string) => t.replace('<element name="lb">', '<element name="lb"><optional><attribute name="rend"><text/></attribute></optional>'), 'lb/@rend'],
    ['an element added', (t: string) => t.replace('<ref name="pb"/>\n    </choice>', '<ref name="pb"/><element name="emph"><text/></element>\n    </choice>'), 'emph'],
    ['a closed list opened', (t: string) => t.replace(/<value>bulleted<\/value>/, '<data type="token"/><value>bulleted</value>'), 'list/@rend'],
  ])('notice %s', (_what, mutate, where) => {
    const mutated = mutate(rngText);
    expect(mutated).not.toBe(rngText);
    expect(differences(fromRng(mutated), odd).join('\n')).toContain(where);
  });

  it.skipIf(!hasJing)('the ODD is itself valid TEI (tei_all)', () => {
    expect(jing(teiAllRng, [editionOdd]).get(editionOdd)).toEqual([]);
  });
});
