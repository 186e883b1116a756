import type { VFile } from 'vfile';
import { XMLParser } from 'fast-xml-parser';
import { report } from '../diagnostics/report.js';
import type { HiRend, Inline, RawBlock } from '../model/types.js';
import { SourceText, type Draft, type Origin, type ReadResult } from './source.js';
import { readZip, ZipError } from './zip.js';

export interface DocxOptions {
  /** Largest DOCX accepted; the XML parts read may inflate to four times as much in all. */
  maxBytes: number;
}

/** The parts of a Word document that are read; everything else in the archive (images, fonts, themes) is not inflated. */
const PARTS = ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml', 'word/styles.xml', 'word/numbering.xml', 'word/comments.xml'];

interface X {
  name: string;
  attrs: Record<string, string>;
  children: (X | string)[];
}

/**
 * Read a Word (DOCX) transcript: paragraphs in order (table rows as one
 * paragraph each), headings from the heading styles, list items with their
 * number or bullet from numbering.xml, italic, bold, small capitals, underline,
 * superscript and subscript (direct or from styles) as `hi`, Word's own
 * footnotes and endnotes as notes at their references; comments and deleted
 * text are reported. Positions are paragraph numbers (as line) and characters
 * within the paragraph (as column).
 */
export async function readDocx(bytes: Uint8Array, file: VFile, options: DocxOptions): Promise<ReadResult | null> {
  let parts: Map<string, Buffer>;
  try {
    parts = await readZip(bytes, (name) => PARTS.includes(name), { maxEntryBytes: options.maxBytes * 4, maxTotalBytes: options.maxBytes * 4, maxEntries: 10_000 });
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    const rule = error.problem === 'not-a-zip' ? 'not-a-zip' : error.problem === 'unsafe-entry' ? 'zip-unsafe-entry' : 'zip-too-large';
    report(file, rule, `The DOCX file cannot be read: ${error.message}.`);
    return null;
  }
  const xml = (name: string): X | null | undefined => {
    const data = parts.get(name);
    if (!data) return undefined;
    try {
      return parseXml(data.toString('utf8'));
    } catch (error) {
      report(file, 'docx-invalid', `The part ${name} of the DOCX file is not well-formed XML: ${(error as Error).message}`);
      return null;
    }
  };
  const document = xml('word/document.xml');
  if (document === undefined) report(file, 'docx-invalid', 'The archive has no word/document.xml: it is not a Word document.');
  if (!document) return null;
  const styles = readStyles(xml('word/styles.xml') ?? undefined);
  const numbering = readNumbering(xml('word/numbering.xml') ?? undefined);
  const notes = new Map<string, X>();
  for (const [part, kind] of [['word/footnotes.xml', 'footnote'], ['word/endnotes.xml', 'endnote']] as const) {
    const tree = xml(part);
    if (tree === null) return null;
    for (const n of tree ? kids(tree, `w:${kind}`) : []) if (!n.attrs['w:type'] || n.attrs['w:type'] === 'normal') notes.set(`${kind}:${n.attrs['w:id']}`, n);
  }
  const comments = new Map<string, X>();
  const commentTree = xml('word/comments.xml');
  for (const c of commentTree ? kids(commentTree, 'w:comment') : []) comments.set(c.attrs['w:id'] ?? '', c);

  const body = first(document, 'w:body');
  const footnoteCount = body ? descendants(body, 'w:footnoteReference').length : 0;
  const source = new SourceText();
  const blocks: RawBlock[] = [];
  const counters = new Map<string, number[]>();
  let paragraphNo = 0;
  const noteNumbers = { footnote: 0, endnote: 0 };
  let deleted = 0;
  let firstDeleted: Origin | undefined;
  let drawings = 0;

  /** The runs of a paragraph as drafts; `split` starts a new line at a break. */
  const runs = (p: X, at: () => Origin, lines: Draft[][], paragraphStyle: string | undefined): void => {
    const visit = (node: X, inherited: Formatting): void => {
      for (const child of node.children) {
        if (typeof child === 'string') continue;
        switch (child.name) {
          case 'w:r': {
            const f = { ...inherited, ...styles.runFormatting(child) };
            for (const part of child.children) {
              if (typeof part === 'string') continue;
              const line = lines[lines.length - 1]!;
              if (part.name === 'w:t') line.push(styled(textOf(part), f, at()));
              else if (part.name === 'w:tab' || part.name === 'w:ptab') line.push({ type: 'text', value: ' ' });
              else if (part.name === 'w:noBreakHyphen') line.push(styled('\u2011', f, at()));
              else if ((part.name === 'w:br' && part.attrs['w:type'] !== 'page' && part.attrs['w:type'] !== 'column') || part.name === 'w:cr') lines.push([]);
              else if (part.name === 'w:footnoteReference' || part.name === 'w:endnoteReference') {
                const kind = part.name === 'w:footnoteReference' ? 'footnote' : 'endnote';
                const body = notes.get(`${kind}:${part.attrs['w:id']}`);
                // Endnotes are numbered on after the footnotes (note numbers are whole numbers in the edition).
                const n = kind === 'footnote' ? String(++noteNumbers.footnote) : String(footnoteCount + ++noteNumbers.endnote);
                line.push({ type: 'note', n, children: body ? noteText(body, at()) : [] });
              } else if (part.name === 'w:commentReference') {
                const c = comments.get(part.attrs['w:id'] ?? '');
                if (c) report(file, 'docx-comment', `Comment${c.attrs['w:author'] ? ` by ${c.attrs['w:author']}` : ''}: “${plainText(c).trim()}” (not imported).`, at());
              } else if (part.name === 'w:drawing' || part.name === 'w:pict' || part.name === 'mc:AlternateContent') {
                if (plainText(part).trim()) drawings++;
              }
            }
            break;
          }
          case 'w:del':
          case 'w:moveFrom': {
            const text = plainText(child, 'w:delText');
            if (text.trim()) {
              deleted++;
              firstDeleted ??= at();
            }
            break;
          }
          case 'w:pPr':
          case 'w:rPr':
            break;
          case 'mc:AlternateContent':
            // The same content in two forms: read one of them.
            if (alternative(child)) visit(alternative(child)!, inherited);
            break;
          default:
            // Hyperlinks, insertions, smart tags, fields, content controls: their runs are text.
            visit(child, inherited);
        }
      }
    };
    visit(p, {});
  };

  const noteText = (note: X, at: Origin): Inline[] => {
    const paragraphs: Inline[][] = [];
    for (const p of descendants(note, 'w:p')) {
      const lines: Draft[][] = [[]];
      runs(p, () => at, lines, styleOf(p));
      for (const line of lines) paragraphs.push(source.inlines(line, at));
    }
    return source.joinNote(paragraphs);
  };

  const paragraph = (p: X, prefix?: string): void => {
    paragraphNo++;
    const no = paragraphNo;
    const style = styleOf(p);
    const lines: Draft[][] = [[]];
    let column = 1;
    const at = (): Origin => ({ line: no, column });
    runs(p, at, lines, style);
    const list = numbering.label(p, styles.numPr(style), counters);
    const heading = styles.headingLevel(style);
    lines.forEach((line, k) => {
      const lead = k === 0 ? (prefix ?? '') + (list ?? '') : '';
      const block = source.paragraph(lead ? [{ type: 'text', value: lead }, ...line] : line, { line: no, column: 1 }, heading ? { heading } : {});
      if (block) blocks.push(block);
      column = 1;
    });
  };


  const walk = (node: X): void => {
    for (const child of node.children) {
      if (typeof child === 'string') continue;
      if (child.name === 'w:p') paragraph(child);
      else if (child.name === 'w:tbl') {
        for (const row of descendants(child, 'w:tr')) {
          // A row is one paragraph: its cells' paragraphs in order, a space between.
          paragraphNo++;
          const no = paragraphNo;
          const line: Draft[] = [];
          for (const p of descendants(row, 'w:p')) {
            const lines: Draft[][] = [[]];
            runs(p, () => ({ line: no, column: 1 }), lines, styleOf(p));
            for (const l of lines) line.push({ type: 'text', value: ' ' }, ...l);
          }
          const block = source.paragraph(line, { line: no, column: 1 });
          if (block) blocks.push(block);
        }
      } else if (child.name === 'mc:AlternateContent') {
        if (alternative(child)) walk(alternative(child)!);
      } else if (child.name !== 'w:sectPr') walk(child);
    }
  };
  if (body) walk(body);
  if (deleted) report(file, 'docx-deleted-text', `${deleted} passage${deleted > 1 ? 's' : ''} of deleted text (tracked changes) left out, the first in paragraph ${firstDeleted!.line}.`, firstDeleted);
  if (drawings) report(file, 'markup-ignored', `${drawings} drawing${drawings > 1 ? 's' : ''} or text box${drawings > 1 ? 'es' : ''} with text left out (text in drawings is not read).`);
  if (!blocks.length) {
    report(file, 'empty-input', 'The DOCX document has no text to import.');
    return null;
  }
  return { blocks, text: source.text(), locate: source.locate };
}

type Formatting = Partial<Record<HiRend, boolean>>;
const ORDER: HiRend[] = ['italic', 'bold', 'smallcaps', 'underline', 'superscript', 'subscript'];

function styled(value: string, f: Formatting, origin: Origin): Draft {
  let d: Draft = { type: 'text', value, origin };
  for (const rend of [...ORDER].reverse()) if (f[rend]) d = { type: 'hi', rend, children: [d] };
  return d;
}

/** Direct formatting of a run properties element (`w:rPr`). */
function formattingOf(rPr: X | undefined): Formatting {
  const f: Formatting = {};
  if (!rPr) return f;
  const on = (el: X | undefined): boolean | undefined => (el ? !/^(0|false|off|none)$/i.test(el.attrs['w:val'] ?? '1') : undefined);
  const set = (rend: HiRend, v: boolean | undefined): void => {
    if (v !== undefined) f[rend] = v;
  };
  set('italic', on(first(rPr, 'w:i')));
  set('bold', on(first(rPr, 'w:b')));
  set('smallcaps', on(first(rPr, 'w:smallCaps')));
  set('underline', on(first(rPr, 'w:u')));
  const va = first(rPr, 'w:vertAlign')?.attrs['w:val'];
  if (va) {
    f.superscript = va === 'superscript';
    f.subscript = va === 'subscript';
  }
  return f;
}

interface Styles {
  runFormatting(run: X): Formatting;
  headingLevel(style: string | undefined): number | undefined;
  numPr(style: string | undefined): X | undefined;
}

function readStyles(tree: X | undefined): Styles {
  const byId = new Map<string, X>();
  for (const s of tree ? kids(tree, 'w:style') : []) byId.set(s.attrs['w:styleId'] ?? '', s);
  const chain = (id: string | undefined): X[] => {
    const out: X[] = [];
    for (let k = 0; id && k < 20; k++) {
      const s = byId.get(id);
      if (!s) break;
      out.unshift(s);
      id = first(s, 'w:basedOn')?.attrs['w:val'];
    }
    return out;
  };
  const cache = new Map<string, Formatting>();
  const styleFormatting = (id: string | undefined): Formatting => {
    if (!id) return {};
    const hit = cache.get(id);
    if (hit) return hit;
    const f = Object.assign({}, ...chain(id).map((s) => formattingOf(first(s, 'w:rPr')))) as Formatting;
    cache.set(id, f);
    return f;
  };
  return {
    runFormatting(run) {
      const rPr = first(run, 'w:rPr');
      // A paragraph style's look (bold headings, italic quotations) is presentation; character styles and direct formatting are the text's.
      return { ...styleFormatting(rPr ? first(rPr, 'w:rStyle')?.attrs['w:val'] : undefined), ...formattingOf(rPr) };
    },
    headingLevel(style) {
      if (!style) return undefined;
      for (const s of chain(style).reverse()) {
        const name = first(s, 'w:name')?.attrs['w:val'] ?? '';
        const m = /^heading\s*([1-9])$/i.exec(name);
        if (m) return Number(m[1]);
        const outline = first(first(s, 'w:pPr') ?? s, 'w:outlineLvl')?.attrs['w:val'];
        if (outline !== undefined && Number(outline) < 9 && first(s, 'w:pPr')) return Number(outline) + 1;
      }
      return undefined;
    },
    numPr(style) {
      for (const s of chain(style).reverse()) {
        const n = first(first(s, 'w:pPr') ?? s, 'w:numPr');
        if (n && first(s, 'w:pPr')) return n;
      }
      return undefined;
    },
  };
}

interface Numbering {
  /** The printed label of a list paragraph ("• ", "2. "), counting as Word does; undefined when it is not in a list. */
  label(p: X, styleNumPr: X | undefined, counters: Map<string, number[]>): string | undefined;
}

function readNumbering(tree: X | undefined): Numbering {
  const abstract = new Map<string, X>();
  const nums = new Map<string, X>();
  for (const a of tree ? kids(tree, 'w:abstractNum') : []) abstract.set(a.attrs['w:abstractNumId'] ?? '', a);
  for (const n of tree ? kids(tree, 'w:num') : []) nums.set(n.attrs['w:numId'] ?? '', n);
  const none: X = { name: '', attrs: {}, children: [] };
  const seen = new Set<string>();
  return {
    label(p, styleNumPr, counters) {
      const numPr = first(first(p, 'w:pPr') ?? p, 'w:numPr') ?? styleNumPr;
      if (!numPr) return undefined;
      const numId = first(numPr, 'w:numId')?.attrs['w:val'];
      if (!numId || numId === '0') return undefined;
      const ilvl = Number(first(numPr, 'w:ilvl')?.attrs['w:val'] ?? 0) || 0;
      const num = nums.get(numId);
      const absId = first(num, 'w:abstractNumId')?.attrs['w:val'] ?? `num-${numId}`;
      const levels = kids(abstract.get(absId) ?? none, 'w:lvl');
      const level = (k: number): X => levels.find((l) => Number(l.attrs['w:ilvl']) === k) ?? none;
      const fmt = (k: number): string => first(level(k), 'w:numFmt')?.attrs['w:val'] ?? 'decimal';
      if (fmt(ilvl) === 'bullet' || fmt(ilvl) === 'none') return '• ';
      // Lists that share a definition count on together, as in Word, unless a list restarts it (startOverride).
      const count = counters.get(absId) ?? [];
      if (!seen.has(numId)) {
        seen.add(numId);
        for (const o of num ? kids(num, 'w:lvlOverride') : []) {
          const start = first(o, 'w:startOverride')?.attrs['w:val'];
          const k = Number(o.attrs['w:ilvl'] ?? 0);
          if (start !== undefined) {
            count[k] = Number(start) - 1;
            count.length = k + 1;
          }
        }
      }
      for (let k = 0; k <= ilvl; k++) if (count[k] === undefined) count[k] = Number(first(level(k), 'w:start')?.attrs['w:val'] ?? 1) - (k === ilvl ? 1 : 0);
      count[ilvl] = count[ilvl]! + 1;
      count.length = ilvl + 1;
      counters.set(absId, count);
      const text = first(level(ilvl), 'w:lvlText')?.attrs['w:val'] ?? `%${ilvl + 1}.`;
      const label = text.replace(/%([1-9])/g, (_, k: string) => formatNumber(count[Number(k) - 1] ?? 1, fmt(Number(k) - 1)));
      return `${label.trim()} `;
    },
  };
}

function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    default:
      return String(n);
  }
}

function roman(n: number): string {
  const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let s = '';
  for (const [v, r] of table) while (n >= v) {
    s += r;
    n -= v;
  }
  return s;
}

/** The form of `mc:AlternateContent` that is read: the first choice, else the fallback. */
function alternative(x: X): X | undefined {
  return first(x, 'mc:Choice') ?? first(x, 'mc:Fallback');
}

function styleOf(p: X): string | undefined {
  const pPr = first(p, 'w:pPr');
  return pPr ? first(pPr, 'w:pStyle')?.attrs['w:val'] : undefined;
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, processEntities: true, htmlEntities: true, ignorePiTags: true, parseTagValue: false, parseAttributeValue: false, ignoreDeclaration: true });

/** Parse a part of the document into a small element tree (no DOCTYPE: Word writes none, and entities are refused). */
function parseXml(xml: string): X | null {
  if (/<!DOCTYPE/i.test(xml.slice(0, 4096)) || /<!ENTITY/i.test(xml)) throw new Error('it declares a DOCTYPE or entities, which Word never writes');
  const raw = parser.parse(xml) as Record<string, unknown>[];
  const convert = (r: Record<string, unknown>): X | string | null => {
    if ('#text' in r) return String(r['#text']);
    const name = Object.keys(r).find((k) => k !== ':@');
    if (!name || name.startsWith('?')) return null;
    const attrs = (r[':@'] as Record<string, string> | undefined) ?? {};
    const children = (r[name] as Record<string, unknown>[]).map(convert).filter((c): c is X | string => c !== null);
    return { name, attrs, children };
  };
  const roots = raw.map(convert).filter((n): n is X => typeof n === 'object' && n !== null);
  if (!roots[0]) throw new Error('it has no root element');
  return roots[0];
}

function kids(x: X, name: string): X[] {
  return x.children.filter((c): c is X => typeof c !== 'string' && c.name === name);
}

function first(x: X | undefined, name: string): X | undefined {
  return x?.children.find((c): c is X => typeof c !== 'string' && c.name === name);
}

/** The elements of a name inside another, in document order (not inside each other). */
function descendants(x: X, name: string): X[] {
  const out: X[] = [];
  const stack: (X | string)[] = [...x.children].reverse();
  while (stack.length) {
    const c = stack.pop()!;
    if (typeof c === 'string') continue;
    if (c.name === name) out.push(c);
    else for (let k = c.children.length - 1; k >= 0; k--) stack.push(c.children[k]!);
  }
  return out;
}

function textOf(t: X): string {
  return t.children.filter((c): c is string => typeof c === 'string').join('');
}

/** All text of an element (`w:t`, or the given text element), e.g. a comment's. */
function plainText(x: X, element = 'w:t'): string {
  let s = '';
  const walk = (n: X): void => {
    for (const c of n.children) {
      if (typeof c === 'string') continue;
      if (c.name === element) s += textOf(c);
      else if (c.name === 'w:p' && s) s += ' ';
      if (c.name !== element) walk(c);
    }
  };
  walk(x);
  return s;
}
