/**
 * The edition's persons register (source/persons.xml), read and updated as an XML tree: the
 * persons are the TEI `person` elements with an xml:id, whatever prefix, white space,
 * comments or elements of the editor's own the file has; new persons are inserted before the
 * end tag of its `listPerson`, and every other byte of the file stays as the editor left it.
 * A register is written from scratch only where there was none.
 */
import type { Person } from '../model/types.js';
import { fold } from '../recognise/names.js';
import { elementsOf, parseSourceTree, SourceTreeError, TEI_NS, wordsOf, type SourceElement } from './source-tree.js';
import { el, text } from './xml.js';

/** A person of the edition's register (source/persons.xml). */
export interface RegisterPerson {
  id: string;
  names: string[];
  /** The xml:lang of the register's first name that has one ("ko-Latn": family name first). */
  lang?: string;
  /** True when the person was added in this run (and is to be written). */
  added?: Person;
  /** Why import proposed the person (a name in the text, not a participant): kept as a note in the entry. */
  proposal?: string;
}

/** A place or an organisation of the register (listPlace/place, listOrg/org). */
export interface RegisterEntity {
  kind: 'place' | 'org';
  id: string;
  names: string[];
  /** Set when the entry was added in this run: its name, variants and why. */
  added?: { name: string; variants: string[]; evidence: string };
}

const ENTITY = { place: { list: 'listPlace', item: 'place', name: 'placeName', prefix: 'pl' }, org: { list: 'listOrg', item: 'org', name: 'orgName', prefix: 'org' } } as const;

/** Why a register cannot be read or added to (reported on every document; nothing is written). */
export class RegisterError extends Error {
  constructor(
    readonly rule: 'register-not-well-formed' | 'register-unusable',
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** TEI elements, and elements in no namespace (a register written without the TEI namespace). */
const isTei = (e: SourceElement, local: string) => e.local === local && (e.ns === TEI_NS || e.ns === '');

export class PersonsRegister {
  readonly persons: RegisterPerson[] = [];
  /** The places and organisations of the register (its listPlace and listOrg). */
  readonly entities: RegisterEntity[] = [];
  /** Every xml:id of the file (new ids must not take one). */
  private readonly ids = new Set<string>();
  private readonly tree: SourceElement | null = null;

  /** The editor's file (null: there is none yet, or it is empty). */
  readonly source: string | null;

  /** Throws RegisterError when `source` is not a register tei-edition can read. */
  constructor(source: string | null) {
    // An empty file holds nothing to keep: it is a register to make.
    this.source = source !== null && source.trim() !== '' ? source : null;
    if (this.source === null) return;
    try {
      this.tree = parseSourceTree(this.source);
    } catch (error) {
      const e = error as SourceTreeError;
      throw new RegisterError('register-not-well-formed', `The persons register is not well-formed XML${e.line ? ` (line ${e.line}${e.column ? `, column ${e.column}` : ''})` : ''}: ${e.message}. It is not rewritten; nothing is imported until it is fixed.`, e.line, e.column);
    }
    for (const e of elementsOf(this.tree)) {
      const id = e.attrs['xml:id'];
      if (id !== undefined) this.ids.add(id);
    }
    for (const p of elementsOf(this.tree, (e) => isTei(e, 'person'))) {
      const id = p.attrs['xml:id'];
      if (id === undefined) continue;
      const named = elementsOf(p, (e) => e !== p && isTei(e, 'persName'));
      const names = named.map(wordsOf).filter(Boolean);
      const lang = named.map((e) => e.attrs['xml:lang']).find((l) => l !== undefined);
      this.persons.push({ id, names, ...(lang ? { lang } : {}) });
    }
    for (const kind of ['place', 'org'] as const) {
      for (const e of elementsOf(this.tree, (x) => isTei(x, ENTITY[kind].item))) {
        const id = e.attrs['xml:id'];
        if (id === undefined) continue;
        const names = elementsOf(e, (x) => isTei(x, ENTITY[kind].name)).map(wordsOf).map((n) => n.replace(/\s+/g, ' ').trim()).filter(Boolean);
        if (names.length) this.entities.push({ kind, id, names });
      }
    }
    // Where new persons go must exist before anything is imported.
    if (!this.target()) throw new RegisterError('register-unusable', 'The persons register has no listPerson element (nor a body to put one in): add <listPerson/> to its body. Nothing is imported until it has one.');
  }

  /** The register person that is the same as `p`: the words of one name contain the other's; only a unique match counts. */
  find(p: Person): RegisterPerson | undefined {
    const mine = [p.name, ...p.variants].map(words);
    const hits = this.persons.filter((r) =>
      r.names.map(words).some((theirs) => mine.some((m) => m.length && theirs.length && (m.every((w) => theirs.includes(w)) || theirs.every((w) => m.includes(w))))),
    );
    return hits.length === 1 ? hits[0] : undefined;
  }

  /** Whether some register person has a name whose words hold, or are held by, the words of `name` (one or many: a name known is no proposal). */
  knows(name: string): boolean {
    const mine = words(name);
    return mine.length > 0 && this.persons.some((r) => r.names.map(words).some((theirs) => theirs.length > 0 && (mine.every((w) => theirs.includes(w)) || theirs.every((w) => mine.includes(w)))));
  }

  add(p: Person, proposal?: string): RegisterPerson {
    let id = p.id;
    for (let k = 2; this.ids.has(id); k++) id = `${p.id}-${k}`;
    const r: RegisterPerson = { id, names: [p.name], added: p, ...(p.lang ? { lang: p.lang } : {}), ...(proposal ? { proposal } : {}) };
    this.persons.push(r);
    this.ids.add(id);
    return r;
  }

  /** The place or organisation one of whose names is `name` (folded words compared), if there is one. */
  findEntity(kind: 'place' | 'org', name: string): RegisterEntity | undefined {
    const key = words(name).join(' ');
    return this.entities.find((e) => e.kind === kind && e.names.some((n) => words(n).join(' ') === key));
  }

  /** Add a place or organisation found in a document's metadata (its first name is the entry's name). */
  addEntity(kind: 'place' | 'org', name: string, variants: string[], evidence: string): RegisterEntity {
    const base = `${ENTITY[kind].prefix}-${slugOf(name) || 'unnamed'}`;
    let id = base;
    for (let k = 2; this.ids.has(id); k++) id = `${base}-${k}`;
    const e: RegisterEntity = { kind, id, names: [name, ...variants.filter((v) => v !== name)], added: { name, variants: variants.filter((v) => v !== name), evidence } };
    this.entities.push(e);
    this.ids.add(id);
    return e;
  }

  /**
   * The register as XML with the persons added in this run (only those in `keep`, when given:
   * the persons of the documents that were written), or null when there is nothing to write.
   * The editor's file is kept byte for byte; the new persons are inserted before the end tag
   * of its listPerson, in its prefix and indentation.
   */
  serialise(keep?: Set<string>): string | null {
    const added = this.persons.filter((r) => r.added && (!keep || keep.has(r.id)));
    const entities = this.entities.filter((e) => e.added && (!keep || keep.has(e.id)));
    if (!added.length && !entities.length) return null;
    let xml = this.source === null || !this.tree ? newRegister(added) : added.length ? insertPersons(this.source, this.target()!, added) : this.source;
    // Places and organisations: into the register's listPlace / listOrg, made after its listPerson where there is none.
    for (const kind of ['place', 'org'] as const) {
      const mine = entities.filter((e) => e.kind === kind);
      if (mine.length) xml = insertEntities(xml, kind, mine);
    }
    return xml;
  }

  /** The listPerson new persons go into (the last outside the header), else the body to put one in. */
  private target(): { list: SourceElement } | { body: SourceElement } | null {
    if (!this.tree) return null;
    const lists = elementsOf(this.tree, (e) => isTei(e, 'listPerson'));
    const outside = lists.filter((l) => !ancestors(l).some((a) => isTei(a, 'teiHeader') || isTei(a, 'person')));
    const list = outside[outside.length - 1] ?? lists[lists.length - 1];
    if (list) return { list };
    const body = elementsOf(this.tree, (e) => isTei(e, 'body'))[0];
    return body ? { body } : null;
  }
}

function ancestors(e: SourceElement): SourceElement[] {
  const out: SourceElement[] = [];
  for (let p = e.parent; p; p = p.parent) out.push(p);
  return out;
}

/** The white space that starts the line an offset is on. */
function indentAt(source: string, offset: number): string {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart, offset))![0];
}

function insertPersons(source: string, target: { list: SourceElement } | { body: SourceElement }, added: RegisterPerson[]): string {
  const holder = 'list' in target ? target.list : target.body;
  const prefix = holder.prefix ? `${holder.prefix}:` : '';
  const base = indentAt(source, holder.start);
  const lastChild = [...holder.children].reverse().find((c) => c.type === 'element');
  // Each new person on a line of its own, indented as the last element of the list (or one step in).
  const childIndent = lastChild ? indentAt(source, lastChild.start) : `${base}  `;
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const entries = (indent: string) => added.map((r) => `${eol}${indent}${personXml(r.id, r.added!, prefix, r.proposal)}`).join('');
  if ('list' in target) {
    const list = target.list;
    if (list.selfClosing) {
      const open = source.slice(list.start, list.startTagEnd).replace(/\s*\/>$/, '>');
      return `${source.slice(0, list.start)}${open}${entries(childIndent)}${eol}${base}</${list.name}>${source.slice(list.end)}`;
    }
    // After the last element (or comment, text) of the list, before the white space that closes it.
    const closing = /[ \t\r\n]*$/.exec(source.slice(list.startTagEnd, list.endTagStart))![0];
    const at = list.endTagStart - closing.length;
    const tail = closing.includes('\n') ? closing : `${eol}${base}`;
    return `${source.slice(0, at)}${entries(childIndent)}${tail}${source.slice(list.endTagStart)}`;
  }
  const body = target.body;
  const list = (indent: string) => `${eol}${indent}<${prefix}listPerson>${entries(`${indent}  `)}${eol}${indent}</${prefix}listPerson>`;
  if (body.selfClosing) {
    const open = source.slice(body.start, body.startTagEnd).replace(/\s*\/>$/, '>');
    return `${source.slice(0, body.start)}${open}${list(`${base}  `)}${eol}${base}</${body.name}>${source.slice(body.end)}`;
  }
  const closing = /[ \t\r\n]*$/.exec(source.slice(body.startTagEnd, body.endTagStart))![0];
  const at = body.endTagStart - closing.length;
  return `${source.slice(0, at)}${list(lastChild ? indentAt(source, lastChild.start) : `${base}  `)}${closing.includes('\n') ? closing : `${eol}${base}`}${source.slice(body.endTagStart)}`;
}

/** Insert places or organisations into the list of their kind (re-read: the text may have grown), or a new list after the listPerson. */
function insertEntities(source: string, kind: 'place' | 'org', added: RegisterEntity[]): string {
  const tree = parseSourceTree(source);
  const spec = ENTITY[kind];
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const lists = elementsOf(tree, (e) => isTei(e, spec.list) && !ancestors(e).some((a) => isTei(a, 'teiHeader')));
  const anchor = elementsOf(tree, (e) => isTei(e, 'listPerson') && !ancestors(e).some((a) => isTei(a, 'teiHeader') || isTei(a, 'person')));
  const list = lists[lists.length - 1];
  const holder = list ?? anchor[anchor.length - 1];
  if (!holder) return source;
  const prefix = holder.prefix ? `${holder.prefix}:` : '';
  const base = indentAt(source, holder.start);
  const entry = (e: RegisterEntity, indent: string) => `${eol}${indent}${entityXml(e, prefix)}`;
  if (list && !list.selfClosing) {
    const lastChild = [...list.children].reverse().find((c) => c.type === 'element');
    const indent = lastChild ? indentAt(source, lastChild.start) : `${base}  `;
    const closing = /[ \t\r\n]*$/.exec(source.slice(list.startTagEnd, list.endTagStart))![0];
    const at = list.endTagStart - closing.length;
    return `${source.slice(0, at)}${added.map((e) => entry(e, indent)).join('')}${closing.includes('\n') ? closing : `${eol}${base}`}${source.slice(list.endTagStart)}`;
  }
  const block = `<${prefix}${spec.list}>${added.map((e) => entry(e, `${base}  `)).join('')}${eol}${base}</${prefix}${spec.list}>`;
  if (list) return `${source.slice(0, list.start)}${block}${source.slice(list.end)}`;
  return `${source.slice(0, holder.end)}${eol}${base}${block}${source.slice(holder.end)}`;
}

/** A place or organisation entry: its names, and a note saying where import found it. */
function entityXml(e: RegisterEntity, prefix: string): string {
  const spec = ENTITY[e.kind];
  const a = e.added!;
  const names = [a.name, ...a.variants].map((n) => el(`${prefix}${spec.name}`, {}, text(n))).join('');
  return el(`${prefix}${spec.item}`, { 'xml:id': e.id }, `${names}${el(`${prefix}note`, { type: 'proposed' }, text(a.evidence))}`);
}

function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'ʼ`‘]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

function newRegister(added: RegisterPerson[]): string {
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
    ...added.map((r) => `        ${personXml(r.id, r.added!, '', r.proposal)}`),
    '      </listPerson>',
    '    </body>',
    '  </text>',
    '</TEI>',
    '',
  ].join('\n');
}

function words(name: string): string[] {
  return name.split(/\s+/).map(fold).filter((w) => w.length > 0);
}

/** A register entry, its elements in the prefix of the list it goes into ("tei:" or none). */
function personXml(id: string, p: Person, prefix: string, proposal?: string): string {
  const named = (name: string, attrs: Record<string, string | undefined>, content: string) => el(`${prefix}${name}`, attrs, content);
  const parts = [named('persName', { 'xml:lang': p.lang }, text(p.name))];
  if (p.roleName) parts.push(named('persName', { type: 'styled' }, `${named('roleName', {}, text(p.roleName))} ${text(p.name)}`));
  if (p.affiliation) parts.push(named('affiliation', {}, text(p.affiliation)));
  if (proposal) parts.push(named('note', { type: 'proposed' }, text(proposal)));
  return named('person', { 'xml:id': id, role: p.role }, parts.join(''));
}
