import type { Inline } from './types.js';

/**
 * The text of inlines as the recognisers read it: text and the text inside
 * formatting (`hi`); notes a reader placed and other nodes count for nothing.
 */
export function plainText(inlines: Inline[]): string {
  let s = '';
  for (const node of inlines) {
    if (node.type === 'text') s += node.value;
    else if (node.type === 'hi') s += plainText(node.children);
  }
  return s;
}

/**
 * The part of inlines between two offsets of their plain text (`plainText`),
 * formatting kept and text offsets moved with the cut. A node without text (a
 * placed note) belongs to the part it stands in; one at the very end belongs to
 * the part that reaches the end.
 */
export function clipInlines(inlines: Inline[], from: number, to: number): Inline[] {
  const total = plainText(inlines).length;
  const out: Inline[] = [];
  clip(inlines, from, to >= total ? Infinity : to, 0, out);
  return out;
}

function clip(inlines: Inline[], from: number, to: number, start: number, out: Inline[]): number {
  let pos = start;
  for (const node of inlines) {
    if (node.type === 'text') {
      const end = pos + node.value.length;
      const a = Math.max(from, pos);
      const b = Math.min(to, end);
      if (a < b) out.push({ type: 'text', value: node.value.slice(a - pos, b - pos), ...(node.offset !== undefined ? { offset: node.offset + (a - pos) } : {}) });
      pos = end;
    } else if (node.type === 'hi') {
      const children: Inline[] = [];
      pos = clip(node.children, from, to, pos, children);
      if (children.length) out.push({ ...node, children });
    } else if (pos >= from && pos < to) out.push(node);
  }
  return pos;
}
