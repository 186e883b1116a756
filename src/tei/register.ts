import { XMLParser } from 'fast-xml-parser';
import type { Person } from '../model/types.js';
import { fold } from '../recognise/names.js';
import { el, text } from './xml.js';

/** A person of the edition's register (source/persons.xml). */
export interface RegisterPerson {
  id: string;
  names: string[];
  /** True when the person was added in this run (and is to be written). */
  added?: Person;
}

export class PersonsRegister {
  readonly persons: RegisterPerson[] = [];

  constructor(readonly source: string | null) {
    if (source) this.read(source);
  }

  private read(xml: string): void {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['person', 'persName', 'forename', 'surname'].includes(name), processEntities: false, textNodeName: '#text' });
    const tree = parser.parse(xml) as Record<string, unknown>;
    const found: Record<string, unknown>[] = [];
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach(walk);
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
        if (k === 'person') (v as Record<string, unknown>[]).forEach((p) => found.push(p));
        else if (!k.startsWith('@')) walk(v);
      }
    };
    walk(tree);
    for (const p of found) {
      const id = p['@xml:id'];
      if (typeof id !== 'string') continue;
      const names = ((p['persName'] as unknown[]) ?? []).map(nameText).filter(Boolean);
      this.persons.push({ id, names });
    }
  }

  /** The register person that is the same as `p`: the words of one name contain the other's; only a unique match counts. */
  find(p: Person): RegisterPerson | undefined {
    const mine = [p.name, ...p.variants].map(words);
    const hits = this.persons.filter((r) =>
      r.names.map(words).some((theirs) => mine.some((m) => m.length && theirs.length && (m.every((w) => theirs.includes(w)) || theirs.every((w) => m.includes(w))))),
    );
    return hits.length === 1 ? hits[0] : undefined;
  }

  add(p: Person): RegisterPerson {
    let id = p.id;
    for (let k = 2; this.persons.some((r) => r.id === id); k++) id = `${p.id}-${k}`;
    const r: RegisterPerson = { id, names: [p.name], added: p };
    this.persons.push(r);
    return r;
  }

  /** The register as XML: the editor's file with new persons appended before </listPerson>. */
  serialise(): string | null {
    const added = this.persons.filter((r) => r.added);
    if (!added.length && this.source) return null;
    const entries = added.map((r) => `        ${personXml(r.id, r.added!)}`).join('\n');
    if (this.source && /<\/listPerson>/.test(this.source)) {
      const at = this.source.lastIndexOf('</listPerson>');
      const lineStart = this.source.lastIndexOf('\n', at) + 1;
      return `${this.source.slice(0, lineStart)}${entries}\n${this.source.slice(lineStart)}`;
    }
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="persons" xml:lang="en">',
      '  <teiHeader>',
      '    <fileDesc>',
      '      <titleStmt><title type="main">Persons register</title></titleStmt>',
      '      <publicationStmt><p>The edition’s register of persons. Editors may add, correct and merge entries by hand; tei-edition import only appends new persons.</p></publicationStmt>',
      '      <sourceDesc><p>Compiled from the participants and speakers of the edition’s documents.</p></sourceDesc>',
      '    </fileDesc>',
      '  </teiHeader>',
      '  <text>',
      '    <body>',
      '      <listPerson>',
      ...(entries ? [entries] : []),
      '      </listPerson>',
      '    </body>',
      '  </text>',
      '</TEI>',
      '',
    ].join('\n');
  }
}

function words(name: string): string[] {
  return name.split(/\s+/).map(fold).filter((w) => w.length > 0);
}

function nameText(n: unknown): string {
  if (typeof n === 'string') return n;
  if (n && typeof n === 'object') {
    return Object.entries(n as Record<string, unknown>)
      .filter(([k]) => !k.startsWith('@'))
      .map(([, v]) => (Array.isArray(v) ? v.map(nameText).join(' ') : nameText(v)))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }
  return '';
}

function personXml(id: string, p: Person): string {
  const parts = [el('persName', {}, text(p.name))];
  if (p.roleName) parts.push(el('persName', { type: 'styled' }, `${el('roleName', {}, text(p.roleName))} ${text(p.name)}`));
  if (p.affiliation) parts.push(el('affiliation', {}, text(p.affiliation)));
  return el('person', { 'xml:id': id, role: p.role }, parts.join(''));
}
