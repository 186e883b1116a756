import type { VFile } from 'vfile';
import type { HeaderMeta, RawBlock } from '../model/types.js';
import { report } from '../diagnostics/report.js';
import { findDates } from './dates.js';
import { TRAILER_LABEL, textOf, type Sections } from './sections.js';

const TRANSLATOR = /\b(?:(?:Obtained and )?[Tt]ranslated(?: from [A-Z][a-z]+)?(?: for [A-Z][\w]*)?(?: and [a-z]+)? by|Translation by|Translator:)\s+(.+?)\.?\s*$/;
const RIGHTS = /\b(welcomes reuse|rights|copyright|permission|public domain|licen[cs]e)\b/i;
const GENRE = /^(Minutes|Memorandum|Record|Note|Notes|Letter|Report|Telegram|Cable|Transcript|Protocol|Speech|Diary|Information|Decree|Resolution|Agreement|Statement|Cable|Instruction|Directive)( of [A-Z][a-z]+)?( [A-Z][a-z]+){0,3}$/;

export function emptyMeta(): HeaderMeta {
  return { funders: [], fundingLines: [], translators: [], donors: [], rights: [], classification: [], genre: [], authors: [], trailerOther: [], hands: [] };
}

/** Read the page header (date, title, funding) and the "Document Information" trailer. */
export function recogniseHeader(s: Sections, file: VFile): HeaderMeta {
  const meta = emptyMeta();
  if (s.title) meta.title = textOf(s.title).trim();
  if (s.date) {
    meta.dateText = textOf(s.date.block).trim();
    Object.assign(meta, s.date.value);
  }
  for (const b of s.funding) meta.fundingLines.push(textOf(b).trim());
  for (const b of s.funding) meta.funders.push(textOf(b).replace(/^This document was made possible with support from\s+/i, '').trim());
  for (const b of s.authors) meta.authors.push(textOf(b).trim());
  readTrailer(s.trailer, meta, file);

  if (s.kind === 'document') {
    if (!meta.title) report(file, 'no-title', null);
    if (!meta.when && !meta.from && meta.title) {
      const found = findDates(meta.title);
      const first = found[0];
      if (first) {
        if (first.when) meta.when = first.when;
        else if (first.from && first.to) { meta.from = first.from; meta.to = first.to; }
        meta.dateText = meta.title.slice(first.index, first.index + first.length);
        report(file, 'date-guessed', `The document date ${first.when ?? `${first.from}/${first.to}`} was taken from the title (“${meta.dateText}”).`, s.title?.position);
      } else {
        report(file, 'no-date', null, s.title?.position);
      }
    }
  }
  return meta;
}

/**
 * The trailer is a list of labels ("Source", "Rights", "Record ID") each followed
 * by its value; copied pages often lose labels or values, so unlabelled lines are
 * classified by what they say.
 */
function readTrailer(lines: RawBlock[], meta: HeaderMeta, file: VFile): void {
  let label: string | null = null;
  for (const b of lines) {
    const text = textOf(b).trim();
    if (TRAILER_LABEL.test(text)) {
      label = text.toLowerCase();
      continue;
    }
    let kind = classifyTrailerLine(text, label);
    // One source line; a second one is kept, not put in its place.
    if (kind === 'source' && meta.sourceLine !== undefined) kind = 'other';
    if (kind === 'record' && meta.recordId !== undefined) kind = 'other';
    if (kind === 'uploaded' && meta.uploaded !== undefined) kind = 'other';
    label = kind === 'rights' ? 'rights' : null;
    switch (kind) {
      case 'source': {
        meta.sourceLine = text;
        const t = TRANSLATOR.exec(text);
        const archive = t ? text.slice(0, t.index).replace(/[.\s]+$/, '') : text.replace(/\.\s*$/, '');
        if (archive) meta.archive = archive;
        if (t) meta.translators.push(...t[1]!.split(/\s+and\s+|,\s*/).map((x) => x.trim()).filter(Boolean));
        break;
      }
      case 'rights':
        meta.rights.push(text);
        if (/\[email(\s|&#160;|\u00a0)*protected\]/i.test(text)) report(file, 'obfuscated-email', null, b.position);
        break;
      case 'uploaded':
        meta.uploaded = text;
        break;
      case 'record':
        meta.recordId = text;
        break;
      case 'language':
        meta.language = text;
        break;
      case 'donors':
        // "Blavatnik Family Foundation and Leon Levy Foundation": one funder each.
        {
          const parts = text.split(/\s*,\s*|\s+and\s+(?=[\p{Lu}])/u).map((d) => d.trim()).filter(Boolean);
          meta.donors.push(...parts);
          // The line as printed stays in notesStmt when it named several.
          if (parts.length > 1) meta.fundingLines.push(text);
        }
        break;
      case 'genre':
        meta.genre.push(text);
        break;
      default:
        meta.trailerOther.push(text);
        report(file, 'trailer-unknown-line', `“${text.length > 60 ? text.slice(0, 60) + '…' : text}” in the document information was not recognised; it is kept in notesStmt.`, b.position);
    }
  }
}

type TrailerKind = 'source' | 'rights' | 'uploaded' | 'record' | 'language' | 'donors' | 'genre' | 'other';

function classifyTrailerLine(text: string, label: string | null): TrailerKind {
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const isRecord = /^[\w./:-]+$/.test(text) && /\d/.test(text);
  if (label === 'source') return 'source';
  if (label === 'rights' || RIGHTS.test(text)) return 'rights';
  if (label === 'original uploaded date' && isDate) return 'uploaded';
  if (label === 'record id' && isRecord) return 'record';
  if (label === 'language' && /^[A-Z][a-z]+(,? [A-Z][a-z]+)*$/.test(text)) return 'language';
  if (label === 'donors') return 'donors';
  if (isDate) return 'uploaded';
  if (isRecord && !/\s/.test(text)) return 'record';
  if (GENRE.test(text)) return 'genre';
  if (/\b(Foundation|University|Fund|Institute|Trust|Endowment|Council)\b/.test(text) && !/[.;]\s/.test(text)) return 'donors';
  if (/[,.]/.test(text) && (/\b(p|pp|Nr|No|Bl|fol|f)\.\s*\d/.test(text) || TRANSLATOR.test(text) || /\d/.test(text))) return 'source';
  return 'other';
}
