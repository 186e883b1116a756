/**
 * What the metrics read from a produced TEI document: the word tokens of its `<text>` (outside
 * footnotes) with, for each, the speaker turn and editorial element it stands in; the
 * footnotes with their anchors; the speaker turns; and the editorial events (gap, sic, anchor,
 * editorial elements) by token position.
 */
import { tokenise } from './tokens.js';
import { findElement, textOf, type XmlElement, type XmlNode } from './xml.js';

/** A token of the produced text. */
export interface ProducedToken {
  t: string;
  /** Index of the `<sp>` it stands in, or -1. */
  sp: number;
  /** Inside that turn's `<speaker>`. */
  inSpeaker: boolean;
  /** The editorial class of the innermost editorial element around it, or null. */
  ed: EditorialClass | null;
}

export type EditorialClass = 'supplied' | 'sic' | 'corr' | 'gap' | 'unclear' | 'editorial';

/** Something at a token position: an element that marks a spot (gap, sic, anchor), the end of a sic, or an editorial element. */
export type ProducedEvent = { pos: number; kind: 'gap' | 'sic' | 'anchor' | 'sic-end' } | { pos: number; kind: 'ed'; cls: EditorialClass };

export interface ProducedNote {
  el: XmlElement;
  /** Number of text tokens before the note. */
  pos: number;
  text: string;
  /** Token position of its anchor: its @target, else the first ref/ptr pointing to it, else its own position. */
  anchor: number;
}

export interface ProducedTurn {
  el: XmlElement;
  who: string;
  /** The text of its `<speaker>`s, each followed by a space. */
  speaker: string;
}

export interface Produced {
  main: ProducedToken[];
  events: ProducedEvent[];
  notes: ProducedNote[];
  sps: ProducedTurn[];
}

const EDITORIAL_ELEMENTS = new Map<string, EditorialClass>([
  ['supplied', 'supplied'],
  ['sic', 'sic'],
  ['corr', 'corr'],
  ['gap', 'gap'],
  ['unclear', 'unclear'],
  ['stamp', 'editorial'],
  ['desc', 'editorial'],
  ['metamark', 'editorial'],
  ['label', 'editorial'],
]);

/** A footnote: a `<note>` that is neither editorial (stamp, handwriting, margin, annotation) nor inline. */
export function isFootnote(el: XmlElement): boolean {
  return el.local === 'note' && !(/editorial|stamp|handwritten|marginal|annotation/.test(el.attrs.type ?? '') || el.attrs.place === 'inline');
}

/** The editorial class an element gives the text inside it, or null. */
export function editorialClass(el: XmlElement): EditorialClass | null {
  if (el.local === 'desc' && el.parent?.local === 'gap') return 'gap';
  if (el.local === 'note' && !isFootnote(el)) return 'editorial';
  if (el.local === 'seg' && /editorial/.test(el.attrs.type ?? '')) return 'editorial';
  return EDITORIAL_ELEMENTS.get(el.local) ?? null;
}

/** The `<text>` of the document: a child of the root, else the first such element anywhere, else the root. */
function textElement(root: XmlElement): XmlElement {
  return (
    root.children.find((c): c is XmlElement => c.kind === 'element' && c.local === 'text') ?? findElement(root, (e) => e.local === 'text') ?? root
  );
}

interface Context {
  sp: number;
  inSpeaker: boolean;
  ed: EditorialClass | null;
}

export function producedStreams(root: XmlElement): Produced {
  const main: ProducedToken[] = [];
  const events: ProducedEvent[] = [];
  const notes: ProducedNote[] = [];
  const sps: ProducedTurn[] = [];
  const idPos = new Map<string, number>();
  const refs: { target: string; pos: number }[] = [];
  const visit = (node: XmlNode, ctx: Context): void => {
    if (node.kind === 'text') {
      for (const tk of tokenise(node.text)) main.push({ t: tk.t, sp: ctx.sp, inSpeaker: ctx.inSpeaker, ed: ctx.ed });
      return;
    }
    const name = node.local;
    const pos = main.length;
    const id = node.attrs['xml:id'];
    if (id) idPos.set(id, pos);
    if (isFootnote(node)) {
      notes.push({ el: node, pos, text: textOf(node), anchor: pos });
      return;
    }
    if ((name === 'ref' || name === 'ptr' || name === 'noteref') && node.attrs.target)
      for (const t of node.attrs.target.split(/\s+/)) refs.push({ target: t.replace(/^#/, ''), pos });
    if (name === 'gap' || name === 'sic' || name === 'anchor') events.push({ pos, kind: name });
    const cls = editorialClass(node);
    if (cls) events.push({ pos, kind: 'ed', cls });
    const inner: Context = { ...ctx };
    if (name === 'sp') {
      inner.sp = sps.length;
      sps.push({ el: node, who: node.attrs.who ?? '', speaker: '' });
    }
    if (name === 'speaker') {
      inner.inSpeaker = true;
      if (ctx.sp >= 0) sps[ctx.sp]!.speaker += textOf(node) + ' ';
    }
    if (cls) inner.ed = cls;
    for (const child of node.children) visit(child, inner);
    if (name === 'sic') events.push({ pos: main.length, kind: 'sic-end' });
  };
  visit(textElement(root), { sp: -1, inSpeaker: false, ed: null });
  for (const note of notes) {
    const target = note.el.attrs.target?.replace(/^#/, '').split(/\s+/)[0];
    const id = note.el.attrs['xml:id'];
    if (target && idPos.has(target)) note.anchor = idPos.get(target)!;
    else if (id) {
      const ref = refs.find((r) => r.target === id);
      if (ref) note.anchor = ref.pos;
    }
  }
  return { main, events, notes, sps };
}

/** Every word of the document (header, text, notes) and of each `<gap>`'s @reason and @desc: what text conservation counts. */
export function documentWords(root: XmlElement): string[] {
  const out: string[] = [];
  const visit = (node: XmlNode): void => {
    if (node.kind === 'text') {
      for (const tk of tokenise(node.text)) out.push(tk.t);
      return;
    }
    if (node.local === 'gap') for (const k of ['reason', 'desc']) if (node.attrs[k]) for (const tk of tokenise(node.attrs[k]!)) out.push(tk.t);
    for (const child of node.children) visit(child);
  };
  visit(root);
  return out;
}
