import type { HiRend, Inline, RawBlock } from '../model/types.js';

/** Line and column in the original file (for DOCX: paragraph number and character in it). */
export interface Origin {
  line: number;
  column: number;
}

/** What every reader gives the recognisers. */
export interface ReadResult {
  /** One paragraph per block, in reading order; real footnotes stand as notes (empty id) at their anchors. */
  blocks: RawBlock[];
  /**
   * The source text: every character the reader took from the file, once,
   * one block or note paragraph a line. Inline offsets point into it, and text
   * conservation checks that each of its words stands in the TEI.
   */
  text: string;
  /** Where an offset of `text` lies in the original file. */
  locate: (offset: number) => Origin;
  /** Checksum of the original file's bytes, when the source text is not the file itself. */
  checksum?: string;
}

/** Inline content a reader collects for one paragraph, before it has offsets in the source text. */
export type Draft =
  | { type: 'text'; value: string; origin?: Origin }
  | { type: 'hi'; rend: HiRend; children: Draft[] }
  /** A real footnote, its text already in the source text. */
  | { type: 'note'; n: string; children: Inline[] }
  /** A second reference to a footnote already placed (kept as printed, `[n]`). */
  | { type: 'marker'; n: string; origin?: Origin };

const SPACE = /[ \t\n\r\f\v]+/g;

/**
 * The source text a reader builds as it goes: each paragraph's inlines get
 * their offsets here, with white space collapsed as the formats display it,
 * and each piece of text remembers where it came from in the original file.
 */
export class SourceText {
  private chunks: string[] = [];
  private length = 0;
  private markOffsets: number[] = [];
  private markOrigins: Origin[] = [];

  /** A paragraph of the document; null when it holds no text. */
  paragraph(drafts: Draft[], origin: Origin, extra: { heading?: number; indent?: number } = {}): RawBlock | null {
    if (this.length && !this.endsWithNewline()) this.add('\n');
    const start = this.length;
    const children = this.inlines(drafts, origin);
    if (!children.length) return null;
    const end = this.length;
    const block: RawBlock = {
      children,
      indent: extra.indent ?? 0,
      position: { start: { ...origin, offset: start }, end: { ...this.locate(end), offset: end } },
    };
    if (extra.heading !== undefined) block.heading = extra.heading;
    this.add('\n');
    return block;
  }

  /** The inlines of one line of the source text (a paragraph, or a paragraph of a note). */
  inlines(drafts: Draft[], origin: Origin): Inline[] {
    const normal = normalise(drafts);
    if (!normal.length) return [];
    if (this.length && !this.endsWithNewline()) this.add('\n');
    this.mark(origin);
    return this.place(normal);
  }

  /** Join the paragraphs of a note as the plain-text reader does (one space between). */
  joinNote(paragraphs: Inline[][]): Inline[] {
    const out: Inline[] = [];
    for (const p of paragraphs) {
      if (!p.length) continue;
      if (out.length) out.push({ type: 'text', value: ' ' });
      out.push(...p);
    }
    return out;
  }

  text(): string {
    return this.chunks.join('');
  }

  locate = (offset: number): Origin => {
    let lo = 0;
    let hi = this.markOffsets.length - 1;
    if (hi < 0) return { line: 1, column: 1 };
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.markOffsets[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const o = this.markOrigins[lo]!;
    return { line: o.line, column: o.column + Math.max(0, offset - this.markOffsets[lo]!) };
  };

  private endsWithNewline(): boolean {
    return this.chunks[this.chunks.length - 1]?.endsWith('\n') ?? true;
  }

  private add(s: string): number {
    const at = this.length;
    this.chunks.push(s);
    this.length += s.length;
    return at;
  }

  private mark(origin: Origin | undefined): void {
    if (!origin) return;
    this.markOffsets.push(this.length);
    this.markOrigins.push(origin);
  }

  private place(drafts: Draft[]): Inline[] {
    const out: Inline[] = [];
    for (const d of drafts) {
      if (d.type === 'text') {
        this.mark(d.origin);
        out.push({ type: 'text', value: d.value, offset: this.add(d.value) });
      } else if (d.type === 'hi') out.push({ type: 'hi', rend: d.rend, children: this.place(d.children) });
      else if (d.type === 'note') out.push({ type: 'note', n: d.n, id: '', children: d.children });
      else {
        this.mark(d.origin);
        const text = `[${d.n}]`;
        out.push({ type: 'noteMarker', n: d.n, offset: this.add(text), text });
      }
    }
    return out;
  }
}

/**
 * Collapse white space as browsers and word processors display it (runs of
 * spaces, tabs and line ends are one space), trim the paragraph, merge
 * neighbouring text and equal formatting, drop what is left empty.
 */
export function normalise(drafts: Draft[]): Draft[] {
  let space = true; // at the start, a space is dropped
  const walk = (ds: Draft[]): Draft[] => {
    const out: Draft[] = [];
    for (const d of ds) {
      if (d.type === 'text') {
        let v = d.value.replace(SPACE, ' ');
        if (space && v.startsWith(' ')) v = v.slice(1);
        if (!v) continue;
        space = v.endsWith(' ');
        const last = out[out.length - 1];
        if (last?.type === 'text') last.value += v;
        else out.push({ type: 'text', value: v, ...(d.origin ? { origin: d.origin } : {}) });
      } else if (d.type === 'hi') {
        const children = walk(d.children);
        if (!children.length) continue;
        const last = out[out.length - 1];
        if (last?.type === 'hi' && last.rend === d.rend) last.children.push(...children);
        else out.push({ type: 'hi', rend: d.rend, children });
      } else out.push(d);
    }
    return out;
  };
  const out = walk(drafts);
  trimStart(out);
  trimEnd(out);
  // A paragraph of nothing but (no-break) spaces is blank, as in the plain-text reader.
  return out.some(hasContent) ? out : [];
}

function hasContent(d: Draft): boolean {
  if (d.type === 'text') return d.value.trim() !== '';
  if (d.type === 'hi') return d.children.some(hasContent);
  return true;
}

function trimStart(ds: Draft[]): boolean {
  while (ds.length) {
    const first = ds[0]!;
    if (first.type === 'text') {
      first.value = first.value.replace(/^[\s\u00a0]+/, '');
      if (first.value) return true;
      ds.shift();
    } else if (first.type === 'hi') {
      if (trimStart(first.children)) return true;
      ds.shift();
    } else return true;
  }
  return false;
}

function trimEnd(ds: Draft[]): boolean {
  while (ds.length) {
    const last = ds[ds.length - 1]!;
    if (last.type === 'text') {
      last.value = last.value.replace(/[\s\u00a0]+$/, '');
      if (last.value) return true;
      ds.pop();
    } else if (last.type === 'hi') {
      if (trimEnd(last.children)) return true;
      ds.pop();
    } else return true;
  }
  return false;
}
