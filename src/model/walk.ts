import type { Block, Inline } from './types.js';

/** Inline node types whose children are transcript text that recognisers may refine. */
const OPEN = new Set(['hi', 'supplied', 'sic', 'corr', 'unclear', 'stamp', 'add', 'note']);

/**
 * Replace every text node (also inside open containers) by what `fn` returns.
 * Nodes that already carry meaning for names or dates are left alone.
 */
export function mapText(inlines: Inline[], fn: (node: Extract<Inline, { type: 'text' }>) => Inline[], skip: Set<string> = new Set()): Inline[] {
  const out: Inline[] = [];
  for (const node of inlines) {
    if (node.type === 'text') for (const x of fn(node)) out.push(x);
    else if ('children' in node && OPEN.has(node.type) && !skip.has(node.type)) out.push({ ...node, children: mapText(node.children, fn, skip) } as Inline);
    else out.push(node);
  }
  return out;
}

/** Visit every block, also those inside turns. */
export function* walkBlocks(blocks: Block[]): Generator<Block> {
  for (const b of blocks) {
    yield b;
    if (b.type === 'sp') yield* walkBlocks(b.blocks);
  }
}

/** Every inline array held by a block (paragraph text, list items, speaker labels). */
export function* blockInlines(block: Block): Generator<Inline[]> {
  switch (block.type) {
    case 'p':
    case 'head':
    case 'dateline':
    case 'signed':
      yield block.children;
      break;
    case 'list':
      for (const item of block.items) yield item.children;
      break;
    case 'sp':
      if (block.speaker) yield block.speaker;
      break;
    case 'listBibl':
      if (block.head) yield block.head;
      for (const e of block.entries) {
        yield e.title;
        if (e.date) yield e.date;
        if (e.source) yield e.source;
      }
      break;
    default:
      break;
  }
}
