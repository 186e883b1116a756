import type { VFile } from 'vfile';
import type { GapReason, Inline } from '../model/types.js';
import { report } from '../diagnostics/report.js';
import { isTitle } from './names.js';
import { plainText } from '../model/clip.js';

/** Finds the line and column of an offset in the input. */
import type { Locate } from '../util/locate.js';
export type { Locate };

export interface BracketContext {
  file: VFile;
  locate: Locate;
  /** Hands declared so far (`hand-handwritten`), filled when `(handwritten)` is met. */
  hands: Map<string, string>;
  /** Numbers that have a note text: a bracketed year such as [1979] is only a marker when it has one. */
  noteNumbers?: Set<string>;
}

const GAP_REASONS: [RegExp, GapReason][] = [
  [/cut off|cut-off|cropped/i, 'cut-off'],
  [/illegible|indecipherable|unreadable|undecipherable|garbled/i, 'illegible'],
  [/not declassified|declassified|excised|withheld|redacted|sanitized|deleted/i, 'not-declassified'],
  [/missing|lost|page(s)? not|line(s)? not|text not/i, 'missing'],
  [/damaged|torn|faded|destroyed|hole/i, 'damaged'],
  [/omitted|omission|abridged|not translated|not printed|excerpt/i, 'omitted'],
];
const ELLIPSIS = /^\s*(…+|(\.\s*){2,}\.?|\*\s*\*\s*\*)\s*$/;
const SIC = /^\s*sic\s*!?\s*\.?\s*$/i;
const GLOSS = /^\s*(i\.\s?e\.?|e\.\s?g\.?|lit\.|literally|viz\.|meaning|=)(\s|,|$)/i;
const EDITORIAL = /^\s*(see\b|cf\.|here follows|follows\b|attachment|enclosure|inclosure|appendix|tab [a-z0-9]|translator[’']?s? note|editor[’']?s? note|note\b|notation|not printed|the following|remainder|footnote|emphasis|underlin|crossed out|strike|in the margin|marginal|on the margin|in pencil|in ink|illustration|photograph|table|chart|signature|signed|initial(l)?ed|seal|letterhead|emblem|coat of arms|page \d|p\. \d|telegram|paraphrase|translation|extracts?\b|untitled|received|typed|printed|written|text of|original\b|file\b|filed\b)/i;
/** Bracket texts that describe an omission or loss whatever their length ("[Omitted here is …]"). */
const GAP_LEAD = /^\s*(omitted|omission|text not|not declassified|less than|\d+\s+(?:lines?|paragraphs?|pages?|words?)\b.*\bnot\b|illegible|page(s)? missing|line(s)? missing)/i;
const LITERAL = /^\s*(pdf|doc|docx|link|email\s*protected|email&#160;protected|video|audio|image|photo|map|print|download|more|read more)\s*$/i;
const STAMP_LABEL = /^\s*stamp\s*:?\s*$/i;
/** "[stamp: Confidential Matter]": the stamp's words inside the bracket. */
const STAMP_WITH_TEXT = /^(\s*stamp\s*:\s*)(\S[^]*?)\s*$/i;
const HAND_LABEL = /^\s*(handwritten|handwriting|in handwriting|manuscript|handwritten note)\s*:?\s*$/i;

/** Words (letters, digits, inner apostrophes and hyphens) at the end of a string. */
// A name starts at a word's start: not after a letter, digit or mark ("აQĸ๖Ձيa" is one word).
const TRAILING_NAME = /(?<![\p{L}\p{N}\p{M}’'ʼ-])((?:[\p{Lu}][\p{L}\p{M}’'ʼ-]*\s+){1,3}[\p{Lu}][\p{L}\p{M}’'ʼ-]*)(\s*)$/u;
/** How much of the text before a bracket the end-anchored patterns look at. */
const TAIL = 200;
const TRAILING_WORD = /([\p{L}\p{N}][\p{L}\p{M}\p{N}’'ʼ-]*)(\s*)$/u;

/**
 * Turn a run of transcript text into inlines: editorial brackets become TEI-like
 * nodes by their meaning, `[n]` becomes a note marker, and `(handwritten)` an
 * addition in another hand. Everything that is not recognised stays text.
 */
export function recogniseBrackets(text: string, base: number, ctx: BracketContext): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  let bufferStart = base;
  const flush = (): void => {
    if (buffer) out.push({ type: 'text', value: buffer, offset: bufferStart });
    buffer = '';
  };
  const appendText = (value: string, offset: number): void => {
    if (!buffer) bufferStart = offset;
    buffer += value;
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ']') {
      report(ctx.file, 'unopened-bracket', null, ctx.locate(base + i));
      appendText(ch, base + i);
      i++;
      continue;
    }
    if (ch !== '[') {
      const next = nextSpecial(text, i);
      appendText(text.slice(i, next), base + i);
      i = next;
      continue;
    }
    const close = text.indexOf(']', i + 1);
    const reopen = text.indexOf('[', i + 1);
    if (close < 0 || (reopen >= 0 && reopen < close)) {
      report(ctx.file, 'unclosed-bracket', null, ctx.locate(base + i));
      appendText(ch, base + i);
      i++;
      continue;
    }
    const inner = text.slice(i + 1, close);
    const at = base + i;
    const after = close + 1;

    // A note number as the editions print it ("[01]" is not one: its "0" would be lost).
    if ((/^\s*\d{1,3}\s*$/.test(inner) || (/^\s*\d{4}\s*$/.test(inner) && ctx.noteNumbers?.has(inner.trim()))) && inner.trim() === String(Number(inner.trim()))) {
      flush();
      out.push({ type: 'noteMarker', n: String(Number(inner.trim())), offset: at, text: text.slice(i, after) });
      i = after;
      continue;
    }
    if (SIC.test(inner)) {
      flush();
      if (!wrapSic(out)) {
        report(ctx.file, 'sic-without-word', null, ctx.locate(at));
        out.push({ type: 'editorialNote', children: [{ type: 'text', value: inner, offset: at + 1 }] });
      }
      i = after;
      continue;
    }
    if (STAMP_LABEL.test(inner) || HAND_LABEL.test(inner)) {
      // The label qualifies the rest of the line.
      flush();
      const rest = text.slice(after);
      const lead = /^\s*/.exec(rest)![0].length;
      const children = recogniseBrackets(rest.slice(lead), base + after + lead, ctx);
      // The space after the label belongs to it: the editions draw "[stamp:] " back.
      if (STAMP_LABEL.test(inner)) out.push({ type: 'stamp', label: text.slice(i, after), children });
      else out.push({ type: 'add', hand: declareHand(ctx, 'handwritten'), label: text.slice(i, after), children });
      return out;
    }
    const stamp = STAMP_WITH_TEXT.exec(inner);
    if (stamp) {
      flush();
      const from = at + 1 + stamp[1]!.length;
      out.push({ type: 'stamp', label: text.slice(i, i + 1 + stamp[1]!.length), children: [{ type: 'text', value: stamp[2]!, offset: from }] });
      i = after;
      continue;
    }
    if (LITERAL.test(inner)) {
      report(ctx.file, 'literal-bracket', `“${text.slice(i, after)}” belongs to the web page, not to the editor; it is kept as text.`, ctx.locate(at));
      appendText(text.slice(i, after), at);
      i = after;
      continue;
    }
    flush();
    out.push(classify(inner, at + 1, out, ctx));
    i = after;
  }
  flush();
  return markHandwritten(out, ctx);
}

/**
 * Editorial brackets in inlines a reader gave: the text runs are read as by
 * `recogniseBrackets`, the formatting around them and the notes a reader placed
 * are kept (their texts read too). Formatting of a whole bracket ("*[sic]*") is
 * presentation and is dropped; a bracket opened in one run and closed in a later
 * one ("[*the* comrades]", "[*sic*]") is read as one, the formatting inside it kept.
 */
export function recogniseInlineBrackets(inlines: Inline[], ctx: BracketContext): Inline[] {
  const nodes = unwrapBracketFormatting(inlines);
  const out: Inline[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.type === 'text') {
      const span = bracketAcross(nodes, i);
      if (!span) {
        for (const x of recogniseBrackets(node.value, node.offset ?? 0, ctx)) out.push(x);
        continue;
      }
      const base = node.offset ?? 0;
      const closing = nodes[span.end] as Extract<Inline, { type: 'text' }>;
      const closeOffset = closing.offset ?? 0;
      const inner: Inline[] = [
        ...(span.open + 1 < node.value.length ? [{ type: 'text' as const, value: node.value.slice(span.open + 1), offset: base + span.open + 1 }] : []),
        ...nodes.slice(i + 1, span.end),
        ...(span.close > 0 ? [{ type: 'text' as const, value: closing.value.slice(0, span.close), offset: closeOffset }] : []),
      ];
      const innerText = plainText(inner);
      // The source text is contiguous across formatting, so the flattened bracket keeps its offsets.
      const flat = recogniseBrackets(`${node.value.slice(0, span.open)}[${innerText}]`, base, ctx);
      const last = flat[flat.length - 1];
      if (last && 'children' in last && last.type !== 'sic' && plainText(last.children) === innerText) flat[flat.length - 1] = { ...last, children: recogniseInlineBrackets(inner, ctx) } as Inline;
      for (const x of flat) out.push(x);
      // The rest of the closing run is read on.
      nodes[span.end] = { type: 'text', value: closing.value.slice(span.close + 1), offset: closeOffset + span.close + 1 };
      i = span.end - 1;
    } else if (node.type === 'hi' || node.type === 'note') out.push({ ...node, children: recogniseInlineBrackets(node.children, ctx) });
    else out.push(node);
  }
  return out.filter((n) => n.type !== 'text' || n.value !== '');
}

/** Formatting around a whole bracket ("*[sic]*") is dropped, and its text joins the runs beside it. */
function unwrapBracketFormatting(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of inlines) {
    let n: Inline = node;
    if (node.type === 'hi' && /^\s*\[[^[\]]*\]\s*$/.test(plainText(node.children)) && node.children.every((c) => c.type === 'text' || c.type === 'hi')) {
      const first = firstText(node.children);
      n = { type: 'text', value: plainText(node.children), ...(first?.offset !== undefined ? { offset: first.offset } : {}) };
    }
    const last = out[out.length - 1];
    if (n.type === 'text' && last?.type === 'text' && (last.offset === undefined || n.offset === undefined || last.offset + last.value.length === n.offset)) out[out.length - 1] = { ...last, value: last.value + n.value };
    else out.push(n);
  }
  return out;
}

function firstText(inlines: Inline[]): Extract<Inline, { type: 'text' }> | undefined {
  for (const n of inlines) {
    if (n.type === 'text') return n;
    if (n.type === 'hi') {
      const t = firstText(n.children);
      if (t) return t;
    }
  }
  return undefined;
}

/** A bracket opened at the end of text run `i` and closed in a later run, with only formatted text between. */
function bracketAcross(nodes: Inline[], i: number): { open: number; end: number; close: number } | null {
  const v = (nodes[i] as Extract<Inline, { type: 'text' }>).value;
  const open = v.lastIndexOf('[');
  if (open < 0 || v.indexOf(']', open) >= 0) return null;
  for (let j = i + 1; j < nodes.length; j++) {
    const n = nodes[j]!;
    if (n.type === 'hi') {
      if (/[[\]]/.test(plainText(n.children)) || !n.children.every((c) => c.type === 'text' || c.type === 'hi')) return null;
      continue;
    }
    if (n.type !== 'text') return null;
    const c = n.value.indexOf(']');
    const o = n.value.indexOf('[');
    if (c >= 0 && (o < 0 || c < o)) return { open, end: j, close: c };
    if (o >= 0) return null;
  }
  return null;
}

function nextSpecial(text: string, from: number): number {
  for (let k = from; k < text.length; k++) if (text[k] === '[' || text[k] === ']') return k;
  return text.length;
}

function classify(inner: string, offset: number, before: Inline[], ctx: BracketContext): Inline {
  const content = (value: string): Inline[] => (value ? [{ type: 'text', value, offset }] : []);
  if (ELLIPSIS.test(inner) || inner.trim() === '') return { type: 'gap', reason: 'omitted', ...(inner.trim() && !ELLIPSIS.test(inner) ? { desc: inner } : {}) };
  const short = inner.split(/\s+/).length <= 8;
  for (const [re, reason] of GAP_REASONS) if (re.test(inner) && (short || GAP_LEAD.test(inner))) return { type: 'gap', reason, desc: inner.trim() };
  if (/\?\s*$/.test(inner) && inner.split(/\s+/).length <= 4) return { type: 'unclear', children: content(inner) };
  if (GLOSS.test(inner)) return { type: 'gloss', children: content(inner) };
  // A description ending with a colon introduces what follows ("[Handwritten note:]").
  if (EDITORIAL.test(inner) || /:\s*$/.test(inner)) return { type: 'editorialNote', children: content(inner) };
  if (isCorrection(inner, before)) return { type: 'corr', children: content(inner) };
  const words = inner.trim().split(/\s+/).length;
  if (words > 15 || /:\s*\S/.test(inner)) {
    report(ctx.file, 'unclassified-bracket', `The bracket “[${inner.length > 40 ? inner.slice(0, 40) + '…' : inner}]” could not be classified; it is encoded as <supplied>.`, ctx.locate(offset - 1));
  }
  return { type: 'supplied', reason: 'clarification', children: content(inner) };
}

/** A one-word bracket right after a word it resembles corrects that word: "Delegation [Legation]". */
function isCorrection(inner: string, before: Inline[]): boolean {
  const word = inner.trim();
  if (!/^[\p{L}][\p{L}’'-]{3,}$/u.test(word)) return false;
  const last = before[before.length - 1];
  if (!last || last.type !== 'text') return false;
  const tail = last.value.length > TAIL ? last.value.slice(-TAIL) : last.value;
  const m = /([\p{L}][\p{L}’'-]{3,})\s*(\(\?\)\s*)?$/u.exec(tail);
  if (!m) return false;
  const prev = m[1]!;
  if (prev.toLowerCase() === word.toLowerCase()) return false;
  if (Math.abs(prev.length - word.length) / Math.max(prev.length, word.length) > 0.34) return false;
  const d = levenshtein(prev.toLowerCase(), word.toLowerCase());
  return d / Math.max(prev.length, word.length) <= 0.34;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Wrap what `[sic]` qualifies: the name before it, or the word before it. */
function wrapSic(out: Inline[]): boolean {
  const last = out[out.length - 1];
  if (!last) return false;
  if (last.type !== 'text') {
    if (last.type === 'gap' || last.type === 'noteMarker') return false;
    out[out.length - 1] = { type: 'sic', children: [last] };
    return true;
  }
  // The patterns are anchored at the end: run them on the tail only (on a long run of
  // letters they would try every start, in quadratic time). A word longer than the tail is
  // not wrapped.
  const tail = last.value.length > TAIL ? last.value.slice(-TAIL) : last.value;
  const m = TRAILING_NAME.exec(tail) ?? TRAILING_WORD.exec(tail);
  if (!m || (m.index === 0 && tail.length < last.value.length)) return false;
  // Titles before a name are not what [sic] doubts: "Colonel General Ch’oe Dwu Sen [sic]".
  let words = m[1]!;
  // Words and the spaces between them as written (a no-break space and a space are two characters).
  const parts = words.split(/(\s+)/);
  while (parts.length > 1 && isTitle(parts[0]!)) parts.splice(0, 2);
  words = parts.join('');
  const space = m[2]!;
  const start = last.value.length - words.length - space.length;
  const offset = last.offset ?? 0;
  out.pop();
  if (start > 0) out.push({ type: 'text', value: last.value.slice(0, start), offset });
  out.push({ type: 'sic', children: [{ type: 'text', value: words, offset: offset + start }] });
  // The space before "[sic]" belongs to the bracket, which the editions draw back.
  return true;
}

export function declareHand(ctx: BracketContext, kind: string): string {
  const id = `hand-${kind}`;
  if (!ctx.hands.has(id)) ctx.hands.set(id, kind === 'handwritten' ? 'Handwritten additions to the typescript' : kind);
  return `#${id}`;
}

/** "Highly Confidential (handwritten)": the words before the mark are an addition in another hand. */
function markHandwritten(out: Inline[], ctx: BracketContext): Inline[] {
  const last = out[out.length - 1];
  if (!last || last.type !== 'text' || out.length !== 1 || !/\((hand|manuscript|in handwriting)/i.test(last.value)) return out;
  const m = /^(.*\S)(\s*\((?:handwritten|hand-written|in handwriting|manuscript)\))\s*$/i.exec(last.value);
  if (!m) return out;
  const offset = last.offset ?? 0;
  return [{ type: 'add', hand: declareHand(ctx, 'handwritten'), label: m[2]!, children: [{ type: 'text', value: m[1]!, offset }] }];
}
