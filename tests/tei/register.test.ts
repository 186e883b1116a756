/**
 * The persons register read and updated as an XML tree (src/tei/register.ts): persons found
 * whatever the prefix, white space, comments and elements of the editor's own; new persons
 * inserted before the end of the listPerson, every other byte kept; a register that cannot be
 * read is refused, never regenerated.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Person } from '../../src/model/types.js';
import { PersonsRegister, RegisterError } from '../../src/tei/register.js';

const repo = path.resolve(import.meta.dirname, '../..');
const sample = readFileSync(path.join(repo, 'source', 'persons.xml'), 'utf8');
const person = (id: string, name: string, extra: Partial<Person> = {}): Person => ({ id, name, variants: [], participant: true, ...extra });

/** The register with one person added, and the text it would write. */
function addOne(xml: string, p = person('per-new-comer', 'New Comer', { roleName: 'Major', affiliation: 'MfS' })) {
  const register = new PersonsRegister(xml);
  const before = register.persons.length;
  const added = register.add(p);
  return { register, before, added, out: register.serialise()! };
}

/** The text with the inserted persons taken out again. */
function withoutInserted(out: string, xml: string): string {
  // The insertion is one run of text: what is before it and after it is the editor's file.
  let start = 0;
  while (start < xml.length && out[start] === xml[start]) start++;
  let end = 0;
  while (end < xml.length - start && out[out.length - 1 - end] === xml[xml.length - 1 - end]) end++;
  return out.slice(0, start) + out.slice(out.length - end);
}

describe('the persons register as an XML tree', () => {
  it('reads the sample register (36 persons: 17 participants, 19 proposed from the text) and appends one person before </listPerson>, in its indentation', () => {
    const { before, added, out } = addOne(sample);
    expect(before).toBe(36);
    expect(added.id).toBe('per-new-comer');
    expect(withoutInserted(out, sample)).toBe(sample);
    expect(out).toContain('        <person xml:id="per-salevsky" role="interpreter">');
    expect(out).toContain('</person>\n        <person xml:id="per-new-comer"><persName>New Comer</persName><persName type="styled"><roleName>Major</roleName> New Comer</persName><affiliation>MfS</affiliation></person>\n      </listPerson>');
  });

  const variants: [string, (x: string) => string][] = [
    ['a space in the end tag (</listPerson >)', (x) => x.replace('</listPerson>', '</listPerson >')],
    ['a tei: prefix on every element', (x) => x.replace('<TEI xmlns="http://www.tei-c.org/ns/1.0"', '<tei:TEI xmlns:tei="http://www.tei-c.org/ns/1.0"').replace(/<(\/?)(?!tei:|\?)([A-Za-z]+)/g, '<$1tei:$2')],
    ['comments, notes and the editor’s own elements', (x) => x.replace('<person xml:id="per-mielke">', '<!-- checked 2024 --><person xml:id="per-mielke"><note>Minister for State Security, 1957–1989.</note><my:checked xmlns:my="urn:editor">yes</my:checked>').replace('</listPerson>', '  <!-- more to come -->\n      </listPerson>')],
    ['CRLF line ends and tabs', (x) => x.replace(/\n/g, '\r\n').replace(/ {8}<person/g, '\t\t<person')],
    ['a listPerson inside a listPerson, and one in the header', (x) => x.replace('<sourceDesc>', '<sourceDesc><listPerson><person xml:id="per-in-header"><persName>Header Person</persName></person></listPerson>')],
  ];
  for (const [what, edit] of variants) {
    it(`keeps every byte of a register with ${what}`, () => {
      const xml = edit(sample);
      expect(XMLValidator.validate(xml)).toBe(true);
      const { before, out } = addOne(xml);
      expect(before).toBeGreaterThanOrEqual(17);
      expect(withoutInserted(out, xml)).toBe(xml);
      expect(XMLValidator.validate(out)).toBe(true);
      // The new person is in the body's list, with the list's prefix, and can be read back.
      const again = new PersonsRegister(out);
      expect(again.persons.map((p) => p.id)).toContain('per-new-comer');
      expect(again.persons.length).toBe(before + 1);
      const prefix = /<(\w+:)?listPerson\b[^>]*>(?![\s\S]*<(\w+:)?listPerson\b)/.exec(xml)?.[1] ?? '';
      expect(out).toContain(`<${prefix}person xml:id="per-new-comer"><${prefix}persName>New Comer</${prefix}persName>`);
      expect(out.indexOf('per-new-comer')).toBeGreaterThan(out.indexOf('per-salevsky'));
    });
  }

  it('finds persons by any of their names, with a prefix and names made of parts', () => {
    const xml = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><listPerson><tei:person xmlns:tei="http://www.tei-c.org/ns/1.0" xml:id="per-honecker"><tei:persName><tei:forename>Erich</tei:forename><tei:surname>Honecker</tei:surname></tei:persName></tei:person><person xmlns="urn:other" xml:id="not-a-tei-person"><persName>Other</persName></person></listPerson></body></text></TEI>';
    const register = new PersonsRegister(xml);
    expect(register.persons).toEqual([{ id: 'per-honecker', names: ['Erich Honecker'] }]);
    expect(register.find(person('per-x', 'Honecker'))?.id).toBe('per-honecker');
  });

  it('gives a new person an id no element of the register has', () => {
    const xml = sample.replace('<listPerson>', '<listPerson xml:id="per-new-comer">');
    const { added } = addOne(xml);
    expect(added.id).toBe('per-new-comer-2');
  });

  it('opens a self-closing <listPerson/>, or puts a listPerson into an empty body', () => {
    const empty = sample.replace(/<listPerson>[\s\S]*<\/listPerson>/, '<listPerson/>');
    const a = addOne(empty).out;
    expect(a).toContain('<listPerson>\n        <person xml:id="per-new-comer">');
    expect(a).toMatch(/<\/person>\n {6}<\/listPerson>\n {6}<listOrg>/);
    // A body without lists (the sample's listPerson, listOrg and listPlace taken out).
    const bodyOnly = sample.replace(/<listPerson>[\s\S]*<\/list(?:Person|Org|Place)>/, '<p>The register.</p>');
    const b = addOne(bodyOnly).out;
    expect(withoutInserted(b, bodyOnly)).toBe(bodyOnly);
    expect(b).toContain('<p>The register.</p>\n      <listPerson>\n        <person xml:id="per-new-comer">');
  });

  it('writes nothing when no person was added, or only those asked for', () => {
    const register = new PersonsRegister(sample);
    expect(register.serialise()).toBeNull();
    const a = register.add(person('per-a', 'Anna A'));
    register.add(person('per-b', 'Bert B'));
    const out = register.serialise(new Set([a.id]))!;
    expect(out).toContain('per-a');
    expect(out).not.toContain('"per-b"');
    expect(register.serialise(new Set())).toBeNull();
  });

  it('refuses a register that is not well-formed, or has a DOCTYPE, or has no list: never regenerated', () => {
    for (const bad of [sample.replace('</listPerson>', '</listperson>'), sample.slice(0, -20), `<!DOCTYPE TEI [<!ENTITY x "y">]>${sample.replace(/^<\?xml[^>]*>\n/, '')}`]) {
      expect(() => new PersonsRegister(bad)).toThrow(RegisterError);
      try {
        new PersonsRegister(bad);
      } catch (error) {
        expect((error as RegisterError).rule).toBe('register-not-well-formed');
      }
    }
    expect(() => new PersonsRegister('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>')).toThrow(/no listPerson/);
  });

  it('makes a register where there is none (or the file is empty)', () => {
    for (const none of [null, '', '  \n']) {
      const register = new PersonsRegister(none);
      register.add(person('per-a', 'Anna A'));
      const out = register.serialise()!;
      expect(XMLValidator.validate(out)).toBe(true);
      expect(new PersonsRegister(out).persons.map((p) => p.id)).toEqual(['per-a']);
    }
  });
});
