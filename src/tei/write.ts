import type { Block, DocumentModel, FrontItem, Inline, Person } from '../model/types.js';
import { inlinesToTei } from './inlines.js';
import { el, text } from './xml.js';

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';

export interface WriteOptions {
  toolVersion: string;
  /** Relative hrefs from the output file to the project's RNG and Schematron. */
  rngHref?: string;
  schHref?: string;
  /** Relative href from the TEI file to the edition's persons register. */
  registerHref?: string;
  /** Date of the import (ISO 8601) for revisionDesc. */
  importDate: string;
  /** Path of the transcript as recorded in appInfo. */
  sourceRef: string;
  publisher: string;
}

export const CHECKSUM_PLACEHOLDER = '0'.repeat(64);

const EDITORIAL_DECL = [
  'Square brackets of the translator and editor are encoded by their meaning: words added to make sense as supplied, [sic] as sic around what it qualifies, omissions and losses as gap (with the bracket text as desc), doubtful readings as unclear, glosses as inline notes, [stamp:] as stamp, and words marked (handwritten) as add in a declared hand. A one-word bracket that corrects the word before it is corr. Brackets that the editions print are drawn back from this encoding.',
  'Footnote markers [n] are replaced by the note text at the marker (note place="foot"); a marker without text keeps an empty note with a gap, a text without marker is kept in back.',
  'Speaker labels are encoded as sp with speaker, pointing with @who to a person in particDesc; unlabelled paragraphs after a label belong to the same turn until the next label. A narrative line introducing direct speech stays a paragraph, and the first-person paragraphs after it are an sp without speaker.',
];

/** Write a document model as a TEI file; the output checksum field holds a placeholder until it is sealed. */
export function writeTei(doc: DocumentModel, o: WriteOptions): string {
  const ids = new IdCounter(doc.id);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  if (o.rngHref) out.push(`<?xml-model href="${o.rngHref}" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>`);
  if (o.schHref) out.push(`<?xml-model href="${o.schHref}" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>`);
  out.push(`<TEI xmlns="${TEI_NS}" xml:id="${doc.id}" xml:lang="en">`);
  out.push(header(doc, o));
  out.push('  <text>');
  // TEI's front holds its paragraphs before its divisions: header fields printed after the
  // participants ("DATE AND TIME: …", "PLACE: …") are written before the participants' div.
  const frontOrder = [...doc.front.filter((f) => f.type !== 'participants'), ...doc.front.filter((f) => f.type === 'participants')];
  if (doc.front.length) out.push('    <front>', ...frontOrder.map((f) => frontItem(f, '      ')), '    </front>');
  out.push('    <body>', `      <div type="${doc.kind === 'introduction' ? 'introduction' : 'document'}">`);
  for (const line of divContent(doc.body, ids, '        ')) out.push(line);
  out.push('      </div>', '    </body>');
  // The header's title and summary are plain text: a note whose marker stands there (its
  // only marker) is kept with the notes without an anchor, its marker left as text.
  const headerNotes = [...(doc.meta.titleInlines ?? []), ...(doc.meta.abstract ?? [])].filter((i): i is Extract<Inline, { type: 'note' }> => i.type === 'note');
  if (doc.orphanNotes.length || headerNotes.length) {
    out.push('    <back>', '      <div type="notes">');
    doc.orphanNotes.forEach((n, k) => out.push(`        ${el('note', { place: 'foot', n: n.n, type: 'unanchored', 'xml:id': `${doc.id}-n${n.n}-u${k + 1}` }, inlinesToTei(n.children))}`));
    for (const n of headerNotes) out.push(`        ${el('note', { place: 'foot', n: n.n, type: 'unanchored', 'xml:id': n.id }, inlinesToTei(n.children))}`);
    out.push('      </div>', '    </back>');
  }
  out.push('  </text>', '</TEI>', '');
  return out.join('\n');
}

/** Elements a bibliography entry may hold after its title (schema/tei-edition.rng: bibl). */
const BIBL_CHILDREN = new Set(['title', 'date', 'idno', 'persName', 'orgName', 'placeName', 'hi', 'ref', 'ptr', 'lb']);

/** YYYY-MM-DD naming a day that exists ("1984-13-45" does not). */
function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

class IdCounter {
  private n = 0;
  constructor(private readonly doc: string) {}
  next(): string {
    this.n++;
    return `${this.doc}-p${this.n}`;
  }
}

function header(doc: DocumentModel, o: WriteOptions): string {
  const m = doc.meta;
  const h: string[] = ['  <teiHeader>', '    <fileDesc>', '      <titleStmt>'];
  // A title of editorial signs only ("[?]") would be an empty title: it is kept as printed.
  const title = m.titleInlines ? plain(m.titleInlines) : '';
  h.push(`        ${el('title', { type: 'main' }, title.replace(/<[^>]*>/g, '').trim() ? title : text(m.title ?? doc.id))}`);
  for (const a of m.authors) h.push(`        ${el('author', {}, text(a))}`);
  for (const t of m.translators) h.push(`        <respStmt><resp>translation</resp>${el('persName', {}, text(t))}</respStmt>`);
  for (const f of new Set([...m.funders, ...m.donors])) h.push(`        ${el('funder', {}, text(f))}`);
  h.push('      </titleStmt>', '      <publicationStmt>', `        ${el('publisher', {}, text(o.publisher))}`);
  if (m.recordId) h.push(`        ${el('idno', { type: 'record' }, text(m.recordId))}`);
  if (m.uploaded) h.push(`        ${el('date', { type: 'uploaded', when: isCalendarDate(m.uploaded) ? m.uploaded : undefined }, text(m.uploaded))}`);
  h.push('        <availability>');
  if (m.rights.length) for (const r of m.rights) h.push(`          ${el('p', {}, text(r))}`);
  else h.push('          <p>No rights statement was found in the transcript.</p>');
  h.push('        </availability>', '      </publicationStmt>');
  if (m.trailerOther.length || m.fundingLines.length) {
    h.push('      <notesStmt>');
    for (const t of m.fundingLines) h.push(`        ${el('note', { type: 'funding' }, text(t))}`);
    for (const t of m.trailerOther) h.push(`        ${el('note', { type: 'trailer' }, text(t))}`);
    h.push('      </notesStmt>');
  }
  h.push('      <sourceDesc>', '        <bibl>');
  h.push(`          ${el('title', { level: 'u' }, text(m.title ?? doc.id))}`);
  if (m.when || m.from) h.push(`          ${el('date', { when: m.when, from: m.from, to: m.to }, text(m.dateText ?? m.when ?? `${m.from}/${m.to}`))}`);
  if (m.archive) h.push(`          ${el('idno', { type: 'archive' }, text(m.archive))}`);
  if (m.sourceLine) h.push(`          ${el('note', { type: 'source' }, text(m.sourceLine))}`);
  if (m.language) h.push(`          ${el('note', { type: 'language' }, text(m.language))}`);
  h.push('        </bibl>', '      </sourceDesc>', '    </fileDesc>');

  h.push('    <encodingDesc>', '      <editorialDecl>');
  for (const p of EDITORIAL_DECL) h.push(`        ${el('p', {}, text(p))}`);
  h.push('      </editorialDecl>', '      <appInfo>');
  h.push(`        <application ident="tei-edition" version="${o.toolVersion}">`);
  h.push('          <label>tei-edition import</label>');
  h.push(`          <p>Imported from ${el('ref', { target: o.sourceRef }, text(o.sourceRef))}; source checksum ${el('idno', { type: 'source-sha256' }, doc.sourceChecksum)}; output checksum ${el('idno', { type: 'tei-sha256' }, CHECKSUM_PLACEHOLDER)}.</p>`);
  h.push('        </application>', '      </appInfo>', '    </encodingDesc>');

  h.push('    <profileDesc>');
  if (m.when || m.from) h.push(`      <creation>${el('date', { when: m.when, from: m.from, to: m.to }, text(m.dateText ?? ''))}</creation>`);
  if (m.abstract) h.push(`      <abstract>${el('p', {}, plain(m.abstract))}</abstract>`);
  if (m.classification.length || m.genre.length) {
    h.push('      <textClass>', '        <keywords>');
    for (const c of m.classification) h.push(`          ${el('term', { type: 'classification' }, text(c))}`);
    for (const g of m.genre) h.push(`          ${el('term', { type: 'genre' }, text(g))}`);
    h.push('        </keywords>', '      </textClass>');
  }
  const persons = doc.persons;
  if (persons.length) {
    h.push('      <particDesc>', '        <listPerson>');
    for (const p of persons) h.push(`          ${person(p, o)}`);
    h.push('        </listPerson>', '      </particDesc>');
  }
  h.push('      <langUsage><language ident="en">English</language></langUsage>');
  if (m.hands.length) {
    h.push('      <handNotes>');
    for (const hand of m.hands) h.push(`        ${el('handNote', { 'xml:id': hand.id }, el('p', {}, text(hand.label)))}`);
    h.push('      </handNotes>');
  }
  h.push('    </profileDesc>');
  h.push('    <revisionDesc>', `      ${el('change', { type: 'import', when: o.importDate }, text(`Imported by tei-edition ${o.toolVersion} from ${o.sourceRef}.`))}`, '    </revisionDesc>');
  h.push('  </teiHeader>');
  return h.join('\n');
}

function person(p: Person, o: WriteOptions): string {
  const parts = [el('persName', {}, text(p.name))];
  // TEI allows roleName only within a name: the styled form carries the rank or office.
  if (p.roleName) parts.push(el('persName', { type: 'styled' }, `${el('roleName', {}, text(p.roleName))} ${text(p.name)}`));
  if (p.affiliation) parts.push(el('affiliation', {}, text(p.affiliation)));
  return el('person', { 'xml:id': p.id, role: p.role, sameAs: o.registerHref ? `${o.registerHref}#${p.registerId ?? p.id}` : undefined }, parts.join(''));
}

/** Title and abstract in the header are plain text with their editorial signs, no notes. */
function plain(inlines: Inline[]): string {
  return inlinesToTei(inlines.filter((i) => i.type !== 'note').map((i) => (i.type === 'noteMarker' ? { type: 'text', value: i.text } : i)));
}

function frontItem(f: FrontItem, pad: string): string {
  switch (f.type) {
    case 'docTitle':
      return `${pad}<docTitle>${f.lines.map((l) => el('titlePart', {}, inlinesToTei(l))).join('')}</docTitle>`;
    case 'docDate': {
      const when = dateOf(f.children);
      return `${pad}${el('docDate', when, inlinesToTei(unwrapDate(f.children)))}`;
    }
    case 'p':
      return `${pad}${el('p', {}, inlinesToTei(f.children))}`;
    case 'participants': {
      const lines = [`${pad}<div type="participants">`];
      const groups = f.groups.filter((g) => g.members.length || g.head);
      if (f.head && groups.length) lines.push(`${pad}  ${el('head', {}, inlinesToTei(f.head))}`);
      // A heading with no one under it: the heading is the division's only paragraph.
      if (!groups.length) return [`${pad}<div type="participants">`, `${pad}  ${el('p', {}, inlinesToTei(f.head ?? []))}`, `${pad}</div>`].join('\n');
      const single = groups.length === 1 && !groups[0]!.head;
      lines.push(`${pad}  <list type="participants">`);
      for (const g of groups) {
        const items = g.members.map((m) => el('item', {}, memberInlines(m.children, m.personId)));
        if (single) lines.push(...items.map((i) => `${pad}    ${i}`));
        // A group label with no one under it is an item of its own (a list needs an item).
        else if (!items.length) lines.push(`${pad}    ${el('item', {}, inlinesToTei(g.head ?? []).replace(/\s+$/, ''))}`);
        else lines.push(`${pad}    <item>${el('list', {}, (g.head ? el('head', {}, inlinesToTei(g.head).replace(/\s+$/, '')) : '') + items.join(''))}</item>`);
      }
      lines.push(`${pad}  </list>`, `${pad}</div>`);
      return lines.join('\n');
    }
  }
}

/** A participants-list entry: the name is a persName pointing to the person, whatever the recognisers found. */
function memberInlines(children: Inline[], personId: string): string {
  const has = JSON.stringify(children).includes('"persName"');
  if (has) return inlinesToTei(children);
  return el('persName', { ref: `#${personId}` }, inlinesToTei(children));
}

function dateOf(children: Inline[]): { when?: string; from?: string; to?: string } {
  const d = children.find((c) => c.type === 'date');
  return d && d.type === 'date' ? { when: d.when, from: d.from, to: d.to } : {};
}

function unwrapDate(children: Inline[]): Inline[] {
  return children.flatMap((c) => (c.type === 'date' ? c.children : [c]));
}

/**
 * A div's content in TEI order: opener and leading heads, the text, then a
 * nested div for every later heading (TEI allows no head after paragraphs).
 */
function divContent(blocks: Block[], ids: IdCounter, pad: string): string[] {
  const out: string[] = [];
  let k = 0;
  while (k < blocks.length && (blocks[k]!.type === 'dateline' || blocks[k]!.type === 'head')) out.push(...block(blocks[k++]!, ids, pad));
  const sections: Block[][] = [];
  let current: Block[] = [];
  for (; k < blocks.length; k++) {
    const b = blocks[k]!;
    if (b.type === 'head' && current.some((c) => c.type !== 'head' && c.type !== 'pb' && c.type !== 'milestone')) {
      sections.push(current);
      current = [];
    }
    current.push(b);
  }
  sections.push(current);
  const [first, ...rest] = sections;
  for (const line of bodyBlocks(first ?? [], ids, pad)) out.push(line);
  for (const section of rest) {
    out.push(`${pad}<div type="section">`, ...divContent(section, ids, pad + '  '), `${pad}</div>`);
  }
  return out;
}

function bodyBlocks(blocks: Block[], ids: IdCounter, pad: string): string[] {
  const out: string[] = [];
  // A signature or date line closes a division only after its text; elsewhere (nothing
  // before it, or text after it) it is a paragraph.
  const content = (b: Block): boolean => b.type !== 'signed' && b.type !== 'dateline' && b.type !== 'pb' && b.type !== 'milestone' && b.type !== 'head';
  const first = blocks.findIndex(content);
  let last = -1;
  blocks.forEach((b, k) => {
    if (content(b)) last = k;
  });
  blocks.forEach((b, k) => {
    if ((b.type === 'signed' || b.type === 'dateline') && (first < 0 || k < last)) out.push(`${pad}${el('p', { 'xml:id': ids.next() }, inlinesToTei(b.children))}`);
    else for (const line of block(b, ids, pad)) out.push(line);
  });
  return out;
}

function block(b: Block, ids: IdCounter, pad: string): string[] {
  switch (b.type) {
    case 'p':
      return [`${pad}${el('p', { 'xml:id': ids.next(), rend: b.rend }, inlinesToTei(b.children))}`];
    case 'head':
      return [`${pad}${el('head', {}, inlinesToTei(b.children))}`];
    case 'stage':
      return [`${pad}${el('stage', {}, inlinesToTei(b.children))}`];
    case 'list': {
      const items = b.items.map((i) => (i.label ? `${pad}  ${el('label', {}, text(i.label))}${el('item', {}, inlinesToTei(i.children))}` : `${pad}  ${el('item', {}, inlinesToTei(i.children))}`));
      return [`${pad}<list rend="${b.ordered ? 'numbered' : 'bulleted'}">`, ...items, `${pad}</list>`];
    }
    case 'sp': {
      const id = ids.next();
      const lines = [`${pad}<sp who="${b.who}" xml:id="${id}">`];
      if (b.speaker) lines.push(`${pad}  ${el('speaker', {}, inlinesToTei(b.speaker))}`);
      for (const line of bodyBlocks(b.blocks, ids, pad + '  ')) lines.push(line);
      // A turn with no words (none, or only a page break after the speaker): TEI's sp needs a paragraph.
      if (b.blocks.every((x) => x.type === 'pb' || x.type === 'milestone' || x.type === 'stage') && !b.blocks.some((x) => x.type === 'stage')) lines.push(`${pad}  <p xml:id="${ids.next()}"><gap reason="missing" agent="source"/></p>`);
      lines.push(`${pad}</sp>`);
      return lines;
    }
    case 'milestone':
      return [`${pad}${el('milestone', { unit: 'section', rend: 'asterism' }, '')}`];
    case 'pb':
      return [`${pad}${el('pb', { n: b.n }, '')}`];
    case 'dateline':
      return [`${pad}<opener>${el('dateline', {}, inlinesToTei(b.children))}</opener>`];
    case 'signed':
      return [`${pad}<closer>${el('signed', {}, inlinesToTei(b.children))}</closer>`];
    case 'listBibl': {
      let fits = true;
      const entries = b.entries.map((e) => {
        const title = inlinesToTei(e.title);
        const rest: string[] = [];
        if (e.date) rest.push(inlinesToTei(e.date));
        if (e.idno) rest.push(`${el('idno', { type: 'archive' }, text(e.idno))}.`);
        if (e.source) rest.push(inlinesToTei(e.source));
        // A bibl holds bibliographic phrases, and its title no footnote.
        if (/<note\b/.test(title) || rest.some((r) => [...r.matchAll(/<([A-Za-z]+)/g)].some((m) => !BIBL_CHILDREN.has(m[1]!)))) fits = false;
        return [el('title', {}, title), ...rest].join(' ');
      });
      // Entries with editorial signs or notes where a bibl cannot hold them (a gap after
      // the date, a footnote in the title) stay paragraphs, with every word and sign.
      if (!fits) {
        return b.entries.map((e) => {
          const parts = [inlinesToTei(e.title)];
          if (e.date) parts.push(inlinesToTei(e.date));
          if (e.idno) parts.push(`${text(e.idno)}.`);
          if (e.source) parts.push(inlinesToTei(e.source));
          return `${pad}${el('p', {}, parts.join(' '))}`;
        });
      }
      return [`${pad}<listBibl>`, ...entries.map((e) => `${pad}  <bibl>${e}</bibl>`), `${pad}</listBibl>`];
    }
  }
}
