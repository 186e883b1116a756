import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import type { Block, DocumentModel, FrontItem, Inline, NoteBody, RawBlock } from '../model/types.js';
import { walkBlocks } from '../model/walk.js';
import { recogniseInlineBrackets, type BracketContext, type Locate } from '../recognise/brackets.js';
import { makeLocate, type Locate as Locator } from '../util/locate.js';
import { clipInlines } from '../model/clip.js';
import { recogniseBody } from '../recognise/body.js';
import { recogniseFront } from '../recognise/front.js';
import { recogniseHeader } from '../recognise/header.js';
import { slug } from '../recognise/names.js';
import { placeNotes } from '../recognise/notes.js';
import { PersonIndex, namesInTitle } from '../recognise/persons.js';
import { layoutRanges, splitSections, textOf } from '../recognise/sections.js';
import { nameIndex, tagDates, tagNames, type Nameable } from '../recognise/enrich.js';
import { familyFirstLang, proposeNames, seedsOf } from '../recognise/mentions.js';
import { displayName as display } from '../recognise/names.js';
import { report } from '../diagnostics/report.js';
import { parseDateLine } from '../recognise/dates.js';
import type { PersonsRegister } from '../tei/register.js';
import type { Person } from '../model/types.js';

export interface RecogniseOptions {
  /** The edition's persons register: document persons are matched to it, new ones added. */
  register?: PersonsRegister;
  /** Href from the TEI file to the register (for names of register persons in the text). */
  registerHref?: string;
  /** The document id; derived from the record id or date and title when absent. */
  id?: string;
  kind?: 'document' | 'introduction';
  /** Line and column in the original file of an offset of the source text (default: lines of the source text itself). */
  locate?: Locate;
  /** Checksum of the original file (default: of the source text). */
  sourceChecksum?: string;
}

/**
 * Run the recognisers over a reader's paragraphs: sections, header, front,
 * body (speakers, lists, headings), editorial brackets, notes, names and dates.
 */
export function recogniseDocument(blocks: RawBlock[], source: string, file: VFile, options: RecogniseOptions = {}): DocumentModel | null {
  const structured = structureDocument(blocks, source, file, options);
  return structured ? tagDocument(structured, options) : null;
}

/** A document whose structure is recognised and whose persons are linked to the register; names and dates not yet tagged. */
export interface Structured {
  doc: DocumentModel;
}

/**
 * Everything but the tagging of names and dates, which waits until every
 * document of a batch has given its persons to the register.
 */
export function structureDocument(blocks: RawBlock[], source: string, file: VFile, options: RecogniseOptions = {}): Structured | null {
  const locate = options.locate ?? makeLocate(source);
  const sections = splitSections(blocks, file);
  if (options.kind) sections.kind = options.kind;
  const meta = recogniseHeader(sections, file);
  const hands = new Map<string, string>();
  const bctx: BracketContext = { file, locate, hands, noteNumbers: new Set(sections.notes.map((n) => n.n)) };
  const inlines = (b: RawBlock, from = 0): Inline[] => recogniseInlineBrackets(clipInlines(b.children, from, Infinity), bctx);
  if (meta.title && sections.title) meta.titleInlines = inlines(sections.title);
  if (sections.abstract) meta.abstract = inlines(sections.abstract);

  const persons = new PersonIndex();
  if (meta.title) for (const name of namesInTitle(meta.title)) persons.add(name, { participant: true });

  let front: FrontItem[] = [];
  let bodyBlocks = sections.body;
  if (sections.kind === 'document') {
    const f = recogniseFront(sections.body, meta, persons, inlines);
    front = f.items;
    bodyBlocks = sections.body.slice(f.next);
  } else {
    const intro = introductionFront(sections.body, meta, inlines);
    front = intro.items;
    bodyBlocks = sections.body.slice(intro.next);
  }
  if (!bodyBlocks.length) {
    report(file, 'header-only', null, blocks[blocks.length - 1]?.position);
    return null;
  }
  const hasParticipants = front.some((f) => f.type === 'participants');
  const body = recogniseBody(bodyBlocks, { file, persons, inlines, hasParticipants });

  const titleNames = meta.title ? namesInTitle(meta.title).map((n) => persons.match(n)[0]?.name ?? n) : [];
  const id = options.id ?? documentId(meta.recordId, meta.when ?? meta.from, meta.title ?? textOf(bodyBlocks[0]!), sections.kind, titleNames);
  const noteBodies: NoteBody[] = sections.notes.map((n) => {
    const first = recogniseInlineBrackets(clipInlines(n.first.children, n.textStart - n.first.position.start.offset, Infinity), bctx);
    const children = [...first];
    for (const more of n.more) children.push({ type: 'text', value: ' ', offset: more.position.start.offset }, ...inlines(more));
    return { n: n.n, children, position: { start: n.first.position.start, end: (n.more[n.more.length - 1] ?? n.first).position.end }, used: false };
  });
  const frontInlines = frontInlineArrays(front);
  const { orphans } = placeNotes(body, [...frontInlines, ...(meta.titleInlines ? [meta.titleInlines] : [])], noteBodies, id, file, locate);

  const proposed: string[] = [];
  if (options.register) {
    linkRegister(persons, body, front, options.register, file);
    proposeToRegister(id, meta, front, body, persons, options.register, file, locate, proposed);
  }
  meta.hands = [...hands].map(([hid, label]) => ({ id: hid, label }));
  return {
    doc: {
      id,
      kind: sections.kind,
      sourcePath: file.path,
      sourceChecksum: options.sourceChecksum ?? createHash('sha256').update(source).digest('hex'),
      meta,
      front,
      body,
      orphanNotes: orphans,
      persons: persons.persons,
      ...(proposed.length ? { proposed } : {}),
      layout: [...layoutRanges(sections), ...pageMarkerRanges(body)].sort((x, y) => x[0] - y[0]),
    },
  };
}

/** Tag names (of the document's persons and the register's persons, places and organisations) and dates in the text. */
export function tagDocument(structured: Structured, options: RecogniseOptions = {}): DocumentModel {
  const doc = structured.doc;
  const register = options.register;
  const own = new Set(doc.persons.map((p) => p.registerId ?? p.id));
  const langOf = new Map((register?.persons ?? []).map((r) => [r.id, r.lang ?? '']));
  const familyFirst = (id: string | undefined) => /^(ko|zh|vi|hu)\b/i.test(langOf.get(id ?? '') ?? '');
  const href = options.registerHref ?? '';
  const entries: Nameable[] = doc.persons.map((p) => ({ kind: 'persName', ref: p.participant || !href ? `#${p.id}` : `${href}#${p.id}`, names: [p.name, ...p.variants], familyFirst: familyFirst(p.registerId) }));
  for (const r of register?.persons ?? []) if (!own.has(r.id) && r.names.length) entries.push({ kind: 'persName', ref: href ? `${href}#${r.id}` : `#${r.id}`, names: r.names, familyFirst: familyFirst(r.id) });
  if (href) for (const e of register?.entities ?? []) entries.push({ kind: e.kind === 'place' ? 'placeName' : 'orgName', ref: `${href}#${e.id}`, names: e.names });
  const index = nameIndex(entries, { genitive: /^(de|german|deutsch)/i.test(doc.meta.language ?? '') });
  const enrich = (xs: Inline[]): Inline[] => tagDates(tagNames(xs, index));
  for (const block of walkBlocks(doc.body)) enrichBlock(block, enrich);
  for (const item of doc.front) enrichFront(item, enrich);
  return doc;
}

/**
 * Add to the register what the document gives evidence of and the register does not know:
 * places and organisations of its header, persons named after an honorific or an office,
 * organisations "Central Committee of the …" (each reported at its line, with a note in the
 * entry saying where it was found; an editor's entry is never changed).
 */
function proposeToRegister(id: string, meta: DocumentModel['meta'], front: FrontItem[], body: Block[], persons: PersonIndex, register: PersonsRegister, file: VFile, locate: Locator, proposed: string[]): void {
  for (const seed of seedsOf(meta, front, persons.persons)) {
    if ([seed.name, ...seed.variants].some((n) => register.findEntity(seed.kind, n))) continue;
    const e = register.addEntity(seed.kind, seed.name, seed.variants, `Added by tei-edition import from ${seed.evidence} of ${id}: check it.`);
    proposed.push(e.id);
    report(file, 'register-entry-added', `${seed.name} (${seed.kind === 'place' ? 'a place' : 'an organisation'}, from ${seed.evidence}) was added to the register as ${e.id}.`);
  }
  const known = (kind: 'person' | 'org', name: string): boolean =>
    kind === 'org' ? register.findEntity('org', name) !== undefined : persons.match(name).length > 0 || register.knows(name);
  for (const p of proposeNames(body, known)) {
    const at = locate(p.offset);
    if (p.kind === 'org') {
      const e = register.addEntity('org', p.name, [], `Proposed by tei-edition import from “${p.evidence}” in ${id} (line ${at.line}): check it.`);
      proposed.push(e.id);
      report(file, 'register-name-proposed', `“${p.evidence}” names an organisation the register does not know: ${p.name} was added to it as ${e.id}.`, at);
      continue;
    }
    const lang = familyFirstLang(p.name);
    const person: Person = { id: `per-${slug(p.name) || 'unnamed'}`, name: display(p.name), variants: [p.name], participant: false, ...(p.titles.length ? { roleName: p.titles.join(' ') } : {}), ...(lang ? { lang } : {}) };
    const r = register.add(person, `Proposed by tei-edition import from “${p.evidence}” in ${id} (line ${at.line}): check the person, complete or merge the entry.`);
    proposed.push(r.id);
    report(file, 'register-name-proposed', `“${p.evidence}” names a person the register does not know: ${p.name} was added to it as ${r.id}.`, at);
  }
}

/**
 * Give the document's persons the ids of the edition's register (adding the new
 * ones to it).
 */
function linkRegister(persons: PersonIndex, body: Block[], front: FrontItem[], register: PersonsRegister, file: VFile): void {
  const renamed = new Map<string, string>();
  for (const p of persons.persons) {
    let r = register.find(p);
    if (!r) {
      r = register.add(p);
      report(file, 'register-person-added', `${p.name} was added to the persons register as ${r.id}.`);
    }
    p.registerId = r.id;
    if (r.id !== p.id && !persons.persons.some((q) => q.id === r!.id)) {
      renamed.set(p.id, r.id);
      persons.rename(p, r.id);
    }
  }
  if (renamed.size) {
    for (const block of walkBlocks(body)) if (block.type === 'sp') block.who = `#${renamed.get(block.who.slice(1)) ?? block.who.slice(1)}`;
    for (const item of front) if (item.type === 'participants') for (const g of item.groups) for (const m of g.members) m.personId = renamed.get(m.personId) ?? m.personId;
  }
}

function enrichBlock(block: Block, enrich: (xs: Inline[]) => Inline[]): void {
  switch (block.type) {
    case 'p':
    case 'head':
    case 'dateline':
    case 'stage':
      block.children = enrich(block.children);
      break;
    case 'list':
      for (const item of block.items) item.children = enrich(item.children);
      break;
    case 'listBibl':
      for (const e of block.entries) {
        e.title = enrich(e.title);
        if (e.date) e.date = enrich(e.date);
      }
      break;
    default:
      break;
  }
}

function enrichFront(item: FrontItem, enrich: (xs: Inline[]) => Inline[]): void {
  if (item.type === 'docTitle') item.lines = item.lines.map(enrich);
  else if (item.type === 'docDate') item.children = enrich(item.children);
  else if (item.type === 'participants') for (const g of item.groups) for (const m of g.members) m.children = enrich(m.children);
  else item.children = enrich(item.children);
}

function frontInlineArrays(front: FrontItem[]): Inline[][] {
  const out: Inline[][] = [];
  for (const item of front) {
    if (item.type === 'docTitle') out.push(...item.lines);
    else if (item.type === 'participants') {
      if (item.head) out.push(item.head);
      for (const g of item.groups) {
        if (g.head) out.push(g.head);
        for (const m of g.members) out.push(m.children);
      }
    } else out.push(item.children);
  }
  return out;
}

/**
 * An introduction has no page header: its title is the run of short lines
 * before the first repetition of the opening (author) line, else the first line.
 */
function introductionFront(blocks: RawBlock[], meta: DocumentModel['meta'], inlines: (b: RawBlock) => Inline[]): { items: FrontItem[]; next: number } {
  // Nothing but note texts: no title, no body (reported as header-only by the caller).
  if (!blocks[0]) return { items: [], next: 0 };
  const first = textOf(blocks[0]).trim();
  const again = blocks.findIndex((b, k) => k > 0 && textOf(b).trim() === first);
  const items: FrontItem[] = [];
  if (again > 0) {
    let s = again;
    while (s > 0 && isShortLine(textOf(blocks[s - 1]!))) s--;
    const titleLines = blocks.slice(s, again);
    if (titleLines.length) {
      meta.title = titleLines.map((b) => textOf(b).trim()).join(' ');
      meta.authors.push(...first.split(/\s+and\s+|,\s*/));
      for (const b of blocks.slice(0, s)) items.push({ type: 'p', children: inlines(b), position: b.position });
      items.push({ type: 'docTitle', lines: titleLines.map((b) => inlines(b)), position: { start: titleLines[0]!.position.start, end: titleLines[titleLines.length - 1]!.position.end } });
      items.push({ type: 'p', children: inlines(blocks[again]!), position: blocks[again]!.position });
      return { items, next: again + 1 };
    }
  }
  meta.title = first;
  items.push({ type: 'docTitle', lines: [inlines(blocks[0]!)], position: blocks[0]!.position });
  return { items, next: 1 };
}

function isShortLine(t: string): boolean {
  const s = t.trim();
  return s.split(/\s+/).length <= 12 && !/[.!?]$/.test(s) && !/^[•\-*]/.test(s) && !parseDateLine(s);
}

/** The document id: the archive's record number, else a slug of date and title. */
export function documentId(recordId: string | undefined, date: string | undefined, title: string, kind: string, names: string[] = []): string {
  const id = baseId(recordId, date, title, kind, names);
  // An xml:id is an XML name: it cannot start with a digit ("1984-05-31-…").
  return /^[a-z_]/.test(id) ? id : `doc-${id}`;
}

function baseId(recordId: string | undefined, date: string | undefined, title: string, kind: string, names: string[]): string {
  if (recordId) {
    const r = slug(recordId.replace(/\//g, '-'));
    if (/^\d+$/.test(recordId.trim())) return `wilson-${recordId.trim()}`;
    if (r) return r;
  }
  const dated = date ?? (kind === 'introduction' ? 'introduction' : 'undated');
  // "1984-05-31-honecker-kim-il-sung": the date and the persons of the title, where it names them.
  const people = [...new Set(names.map((n) => (n.split(/\s+/).length >= 3 ? slug(n) : slug(n.split(/\s+/).pop()!))).filter(Boolean))];
  if (people.length && date) return `${dated}-${people.slice(0, 3).join('-')}`;
  const words = slug(title, Infinity).split('-').filter((w) => w.length > 2 && !/^(the|and|with|between|about|from|for|memorandum|note|on|of|comrade|led|its|his|her)$/.test(w));
  let base = date ?? (kind === 'introduction' ? 'introduction' : 'undated');
  for (const w of words.slice(0, 6)) {
    if (base.length + w.length + 1 > 60) break;
    base += `-${w}`;
  }
  return base;
}

export { makeLocate };

/**
 * The source lines the body turned into page breaks ("p. 12", "S. 3", "p1"): page layout,
 * which the TEI keeps as <pb n="…"/>, not as words (text conservation leaves them out).
 */
function pageMarkerRanges(blocks: readonly unknown[]): [number, number][] {
  const out: [number, number][] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const b = node as { type?: string; position?: { start: { offset: number }; end: { offset: number } }; blocks?: unknown; children?: unknown; items?: unknown };
    if (b.type === 'pb' && b.position) out.push([b.position.start.offset, b.position.end.offset]);
    for (const k of ['blocks', 'children', 'items'] as const) if (Array.isArray(b[k])) visit(b[k]);
  };
  visit(blocks);
  return out;
}
