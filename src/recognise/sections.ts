import type { VFile } from 'vfile';
import type { RawBlock } from '../model/types.js';
import { report } from '../diagnostics/report.js';
import { plainText } from '../model/clip.js';
import { parseDateLine, type DateValue } from './dates.js';

/** The labels of the "Document Information" trailer: page layout, not document text. */
export const TRAILER_LABEL = /^(Source|Rights|Original Uploaded Date|Language|Record ID|Donors|Type|Original Archive)$/i;
const NOTE_BODY = /^\[(\d{1,4})\][\s\u00a0]*(.*)$/;
const FUNDING = /^This document was made possible with support from\s+/i;

/** The text of a paragraph as the recognisers read it (formatting and placed notes left out). */
export function textOf(block: RawBlock): string {
  return plainText(block.children);
}

export interface NoteBodyBlock {
  n: string;
  /** The body's first paragraph, without its "[n]" marker. */
  first: RawBlock;
  /** Offset of the text after the marker. */
  textStart: number;
  more: RawBlock[];
}

export interface Sections {
  kind: 'document' | 'introduction';
  skip?: RawBlock;
  date?: { block: RawBlock; value: DateValue };
  title?: RawBlock;
  funding: RawBlock[];
  body: RawBlock[];
  notes: NoteBodyBlock[];
  abstract?: RawBlock;
  authorsLabel?: RawBlock;
  authors: RawBlock[];
  trailerLabel?: RawBlock;
  trailer: RawBlock[];
}

/**
 * The offset ranges of the transcript that are page layout, not document text:
 * "Skip to content", "Document Information", "Author(s):", the trailer's labels and
 * the "[n]" before each note text. Text conservation leaves exactly these out.
 */
export function layoutRanges(s: Sections): [number, number][] {
  const blocks = [s.skip, s.trailerLabel, s.authorsLabel, ...s.trailer.filter((b) => TRAILER_LABEL.test(textOf(b).trim()))];
  const ranges: [number, number][] = blocks.filter((b): b is RawBlock => Boolean(b)).map((b) => [b.position.start.offset, b.position.end.offset]);
  for (const n of s.notes) ranges.push([n.first.position.start.offset, n.textStart]);
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * Cut a transcript into its parts: the page header (date, title, funding line),
 * the document text, the note texts, the summary and the "Document Information"
 * trailer. The parts keep their source blocks, so nothing is lost.
 */
export function splitSections(blocks: RawBlock[], file: VFile): Sections {
  const s: Sections = { kind: 'document', funding: [], body: [], notes: [], authors: [], trailer: [] };
  let i = 0;
  const at = (k: number): string => (blocks[k] ? textOf(blocks[k]!).trim() : '');

  if (/^Skip to content$/i.test(at(0))) s.skip = blocks[i++];
  const date = blocks[i] ? parseDateLine(at(i)) : null;
  if (date) s.date = { block: blocks[i]!, value: date };
  if (date) i++;

  // The trailer starts at the last "Document Information" line.
  let end = blocks.length;
  for (let k = blocks.length - 1; k >= i; k--) {
    if (/^Document Information$/i.test(at(k))) {
      s.trailerLabel = blocks[k];
      s.trailer = blocks.slice(k + 1);
      end = k;
      break;
    }
  }
  const headed = Boolean(s.skip || s.date || s.trailerLabel);
  if (!headed) {
    s.kind = 'introduction';
    report(file, 'introduction', null, blocks[0]?.position);
  } else if (blocks[i]) {
    s.title = blocks[i++];
    while (blocks[i] && FUNDING.test(at(i))) s.funding.push(blocks[i++]!);
  }

  // "Author(s):" and the names after it, just before the trailer.
  for (let k = i; k < end; k++) {
    if (/^Author(\(s\))?s?:$/i.test(at(k))) {
      s.authorsLabel = blocks[k];
      s.authors = blocks.slice(k + 1, end);
      end = k;
      break;
    }
  }
  const wilson = Boolean(s.authorsLabel) || s.trailer.some((b) => /^(Original Uploaded Date|Donors)$/i.test(textOf(b).trim()));

  const region = blocks.slice(i, end);
  const noteStart = findNoteStart(region);
  let bodyEnd = noteStart >= 0 ? noteStart : region.length;
  let tail: RawBlock[] = [];
  if (noteStart >= 0) {
    let current: NoteBodyBlock | undefined;
    for (const b of region.slice(noteStart)) {
      const m = NOTE_BODY.exec(textOf(b));
      if (m && (!current || Number(m[1]) > Number(current.n))) {
        current = { n: String(Number(m[1])), first: b, textStart: b.position.start.offset + (textOf(b).length - m[2]!.length), more: [] };
        s.notes.push(current);
        tail = [];
      } else {
        tail.push(b);
        current!.more.push(b);
      }
    }
    // What follows the last note: on Wilson Center pages, the last paragraph is the summary.
    if (tail.length && wilson) {
      s.abstract = tail[tail.length - 1];
      s.notes[s.notes.length - 1]!.more.pop();
      tail = tail.slice(0, -1);
    }
    for (const b of tail) report(file, 'note-continuation', null, b.position);
  } else if (wilson && bodyEnd > 1) {
    s.abstract = region[bodyEnd - 1];
    bodyEnd--;
    report(file, 'abstract-guessed', null, s.abstract!.position);
  }
  s.body = region.slice(0, bodyEnd);
  return s;
}

/**
 * Where the note texts begin: the first "[n] text" paragraph from which every
 * later "[n]" paragraph has a higher number and nothing but continuation
 * paragraphs (at most three in a row) stands between them.
 */
function findNoteStart(region: RawBlock[]): number {
  const lines = region.map((b) => NOTE_BODY.exec(textOf(b)));
  let start = -1;
  let gap = 0;
  let lastN = Infinity;
  for (let k = region.length - 1; k >= 0; k--) {
    const m = lines[k];
    if (m && m[2]!.trim() !== '') {
      const n = Number(m[1]);
      if (n >= lastN) break;
      lastN = n;
      start = k;
      gap = 0;
    } else {
      gap++;
      if (gap > 3 && start >= 0) break;
      if (start < 0 && gap > 3) return -1;
    }
  }
  return start;
}
