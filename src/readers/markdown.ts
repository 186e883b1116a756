import type { VFile } from 'vfile';
import type { Nodes, PhrasingContent, Root, RootContent, FootnoteDefinition } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { report } from '../diagnostics/report.js';
import type { RawBlock } from '../model/types.js';
import { SourceText, type Draft, type Origin, type ReadResult } from './source.js';

/** Deepest nesting of lists and block quotes read; deeper input is refused before parsing (the parser slows down quadratically). */
export const MAX_MARKDOWN_NESTING = 100;

/**
 * Read a Markdown transcript (CommonMark with GFM footnotes, tables and
 * strikethrough): paragraphs, headings and list items become blocks (list items
 * with their bullet or number, as printed); emphasis, strong and `<sup>`-less
 * text become `hi`; `[^n]` footnotes become notes at their references.
 * Positions are lines and columns of the Markdown file.
 */
export function readMarkdown(text: string, file: VFile): ReadResult | null {
  const deep = deepestNesting(text);
  if (deep.depth > MAX_MARKDOWN_NESTING) {
    report(file, 'nesting-too-deep', `Lists or block quotes are nested ${deep.depth} deep at line ${deep.line}; at most ${MAX_MARKDOWN_NESTING} levels are read.`, { line: deep.line, column: 1 });
    return null;
  }
  const busy = busiestParagraph(text);
  if (busy.signs > MAX_MARKDOWN_SIGNS) {
    report(file, 'nesting-too-deep', `The paragraph at line ${busy.line} has ${busy.signs} emphasis or link signs (*, _, [); at most ${MAX_MARKDOWN_SIGNS} in a paragraph are read.`, { line: busy.line, column: 1 });
    return null;
  }
  const tree = unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
  const source = new SourceText();
  const blocks: RawBlock[] = [];
  const definitions = new Map<string, FootnoteDefinition>();
  for (const node of tree.children) if (node.type === 'footnoteDefinition') definitions.set(node.identifier, node);
  const referenced = new Set<string>();
  let numbered = 0;
  const numbers = new Map<string, string>();
  const htmlSeen: Origin[] = [];

  const origin = (node: Nodes): Origin => ({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });

  const phrasing = (nodes: PhrasingContent[]): Draft[] => {
    const out: Draft[] = [];
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          out.push({ type: 'text', value: node.value, origin: origin(node) });
          break;
        case 'inlineCode':
          out.push({ type: 'text', value: node.value, origin: origin(node) });
          break;
        case 'emphasis':
          out.push({ type: 'hi', rend: 'italic', children: phrasing(node.children) });
          break;
        case 'strong':
          out.push({ type: 'hi', rend: 'bold', children: phrasing(node.children) });
          break;
        case 'delete':
        case 'link':
        case 'linkReference':
          out.push(...phrasing(node.children));
          break;
        case 'image':
        case 'imageReference':
          if (node.alt) out.push({ type: 'text', value: node.alt, origin: origin(node) });
          break;
        case 'break':
          out.push({ type: 'text', value: ' ' });
          break;
        case 'html':
          out.push(...inlineHtml(node.value, origin(node), htmlSeen));
          break;
        case 'footnoteReference': {
          const def = definitions.get(node.identifier);
          if (!def) {
            out.push({ type: 'text', value: `[^${node.label ?? node.identifier}]`, origin: origin(node) });
            break;
          }
          if (!numbers.has(node.identifier)) numbers.set(node.identifier, /^\d+$/.test(node.identifier) ? String(Number(node.identifier)) : String(++numbered));
          const n = numbers.get(node.identifier)!;
          if (referenced.has(node.identifier)) {
            out.push({ type: 'marker', n, origin: origin(node) });
            break;
          }
          referenced.add(node.identifier);
          out.push({ type: 'note', n, children: noteText(def) });
          break;
        }
        default:
          break;
      }
    }
    return out;
  };

  const noteText = (def: FootnoteDefinition): ReturnType<SourceText['inlines']> => {
    const paragraphs: ReturnType<SourceText['inlines']>[] = [];
    const walk = (nodes: RootContent[]): void => {
      for (const node of nodes) {
        if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') walk(node.children as RootContent[]);
        else if (node.type === 'paragraph' || node.type === 'heading') paragraphs.push(source.inlines(phrasing(node.children), origin(node)));
        else if (node.type === 'code') paragraphs.push(source.inlines([{ type: 'text', value: node.value, origin: origin(node) }], origin(node)));
      }
    };
    walk(def.children);
    return source.joinNote(paragraphs);
  };

  const push = (block: RawBlock | null): void => {
    if (block) blocks.push(block);
  };

  // Blocks in document order, with an explicit stack (nesting is bounded above, but kept off the call stack).
  const stack: { node: RootContent; prefix?: string; depth: number }[] = tree.children.map((node) => ({ node, depth: 0 })).reverse();
  while (stack.length) {
    const { node, prefix, depth } = stack.pop()!;
    const lead: Draft[] = prefix ? [{ type: 'text', value: prefix }] : [];
    switch (node.type) {
      case 'paragraph':
        push(source.paragraph([...lead, ...phrasing(node.children)], origin(node), { indent: depth * 2 }));
        break;
      case 'heading':
        push(source.paragraph([...lead, ...phrasing(node.children)], origin(node), { heading: node.depth }));
        break;
      case 'thematicBreak':
        push(source.paragraph([{ type: 'text', value: '* * *' }], origin(node)));
        break;
      case 'code':
        for (const [k, line] of node.value.split('\n').entries()) push(source.paragraph([{ type: 'text', value: line, origin: { line: origin(node).line + 1 + k, column: 1 } }], { line: origin(node).line + 1 + k, column: 1 }));
        break;
      case 'html': {
        push(source.paragraph(inlineHtml(node.value, origin(node), htmlSeen), origin(node)));
        break;
      }
      case 'blockquote':
        stack.push(...node.children.map((c) => ({ node: c, depth: depth + 1 })).reverse());
        break;
      case 'list': {
        const start = node.start ?? 1;
        const items = node.children.map((item, k) => ({ node: item as RootContent, prefix: node.ordered ? `${start + k}. ` : '• ', depth: depth + 1 }));
        stack.push(...items.reverse());
        break;
      }
      case 'listItem': {
        // The item's marker goes to its first paragraph.
        const kids = node.children.map((c, k) => ({ node: c, ...(k === 0 && prefix ? { prefix } : {}), depth }));
        if (!kids.length && prefix) push(source.paragraph([{ type: 'text', value: prefix.trim() }], origin(node)));
        stack.push(...kids.reverse());
        break;
      }
      case 'table':
        for (const row of node.children) {
          const cells: Draft[] = [];
          for (const cell of row.children) {
            if (cells.length) cells.push({ type: 'text', value: ' ' });
            cells.push(...phrasing(cell.children));
          }
          push(source.paragraph(cells, origin(row)));
        }
        break;
      default:
        // Footnote definitions are read at their references; link definitions hold no text.
        break;
    }
  }
  // A footnote text that nothing refers to stays a paragraph "[n] text" at the end, as in a plain transcript.
  for (const [id, def] of definitions) {
    if (referenced.has(id)) continue;
    const paragraphs = def.children.filter((c) => c.type === 'paragraph');
    paragraphs.forEach((p, k) => push(source.paragraph([...(k === 0 ? [{ type: 'text' as const, value: `[${def.label ?? id}] ` }] : []), ...phrasing(p.children)], origin(p))));
  }
  if (htmlSeen.length) report(file, 'markup-ignored', `${htmlSeen.length} piece${htmlSeen.length > 1 ? 's' : ''} of raw HTML: the tags were left out, their text kept.`, htmlSeen[0]);
  return { blocks, text: source.text(), locate: source.locate };
}

/** Raw HTML in Markdown: its text is kept, its tags are not (a `<sup>` or `<br>`). */
function inlineHtml(value: string, at: Origin, seen?: Origin[]): Draft[] {
  seen?.push(at);
  const text = value.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<[^>]*>/g, ' ');
  return text.trim() ? [{ type: 'text', value: decodeBasicEntities(text), origin: at }] : [];
}

function decodeBasicEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' })[e]!);
}

/** Most emphasis and link signs in one paragraph: the parser's time grows with their square (1,000 nested emphases take seconds). */
export const MAX_MARKDOWN_SIGNS = 500;

/** The paragraph (lines between blank lines) with the most unescaped `*`, `_` and `[`. */
export function busiestParagraph(text: string): { signs: number; line: number } {
  let best = { signs: 0, line: 1 };
  let signs = 0;
  let start = 1;
  let line = 1;
  let blank = true;
  let inParagraph = false;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (i === text.length || c === 10) {
      if (blank) {
        signs = 0;
        inParagraph = false;
      }
      line++;
      blank = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    blank = false;
    if (!inParagraph) {
      start = line;
      inParagraph = true;
    }
    if (c === 92) i++; // a backslash escapes the next sign
    else if (c === 42 || c === 95 || c === 91) {
      signs++;
      if (signs > best.signs) best = { signs, line: start };
    }
  }
  return best;
}

/**
 * The deepest nesting of list items and block quotes, from the markers and
 * indentation at the start of each line (read before parsing, in one pass).
 */
export function deepestNesting(text: string): { depth: number; line: number } {
  let best = { depth: 0, line: 1 };
  let line = 1;
  let i = 0;
  while (i < text.length) {
    let depth = 0;
    let indent = 0;
    for (;;) {
      const c = text.charCodeAt(i);
      // Indentation before the first marker nests (continuation lines, indented lists); spaces after markers do not.
      if (c === 32) { if (!depth) indent++; i++; continue; }
      if (c === 9) { if (!depth) indent += 4; i++; continue; }
      if (c === 62) { depth++; i++; continue; } // >
      if ((c === 45 || c === 42 || c === 43) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) { depth++; i += 2; continue; } // - * +
      let j = i;
      while (j < text.length && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      if (j > i && (text[j] === '.' || text[j] === ')') && (text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 9)) { depth++; i = j + 2; continue; }
      break;
    }
    const total = depth + Math.floor(indent / 2);
    if (total > best.depth) best = { depth: total, line };
    const nl = text.indexOf('\n', i);
    if (nl < 0) break;
    i = nl + 1;
    line++;
  }
  return best;
}
