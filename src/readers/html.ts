import type { VFile } from 'vfile';
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { report } from '../diagnostics/report.js';
import type { HiRend, Inline, RawBlock } from '../model/types.js';
import { SourceText, type Draft, type Origin, type ReadResult } from './source.js';

/** Elements that are never document text. */
const NEVER = new Set(['head', 'script', 'style', 'noscript', 'template', 'nav', 'form', 'button', 'iframe', 'svg', 'canvas', 'select', 'input', 'textarea', 'dialog', 'object', 'embed', 'audio', 'video', 'map']);
/** Page chrome when it is not inside the content (a site's header and footer). */
const CHROME = new Set(['header', 'footer']);
const SECTIONING = new Set(['main', 'article', 'section', 'aside']);
/** Elements that start a paragraph of their own. */
const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'dl', 'dt', 'dd', 'section', 'article', 'main', 'aside', 'header', 'footer', 'figure', 'figcaption', 'address', 'hr', 'br', 'center', 'caption', 'details', 'summary', 'body', 'html', 'fieldset', 'legend']);
const RENDS: Record<string, HiRend> = { em: 'italic', i: 'italic', cite: 'italic', dfn: 'italic', var: 'italic', strong: 'bold', b: 'bold', u: 'underline', ins: 'underline', sup: 'superscript', sub: 'subscript' };
/** Deeper element nesting is read as plain text (no formatting), without recursion. */
const MAX_DEPTH = 400;
/** Pages nested deeper are refused before parsing (the HTML parser recurses, and fails near 2,000 levels). */
export const MAX_HTML_NESTING = 500;
/** Elements without content, and elements whose end tag may be left out (they do not nest in practice). */
const NOT_NESTING = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'tbody', 'thead', 'tfoot', 'colgroup', 'caption', 'rb', 'rt', 'rtc', 'rp', 'html', 'head', 'body']);

/** How deep the page's elements nest, from its tags (one pass, before parsing; script and style contents skipped). */
export function deepestElementNesting(text: string): { depth: number; line: number } {
  const tag = /<(\/?)([a-zA-Z][\w:-]*)([^>]*)>|<!--[\s\S]*?-->/g;
  let depth = 0;
  let best = { depth: 0, line: 1 };
  let line = 1;
  let counted = 0;
  let lower: string | undefined;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (!m[2]) continue;
    const name = m[2].toLowerCase();
    if (NOT_NESTING.has(name) || m[3]!.endsWith('/')) continue;
    if (m[1]) {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (name === 'script' || name === 'style') {
      lower ??= text.toLowerCase();
      const end = lower.indexOf(`</${name}`, tag.lastIndex);
      tag.lastIndex = end < 0 ? text.length : end;
      continue;
    }
    depth++;
    if (depth > best.depth) {
      for (let k = text.indexOf('\n', counted); k >= 0 && k < m.index; k = text.indexOf('\n', k + 1)) {
        line++;
        counted = k + 1;
      }
      best = { depth, line };
    }
  }
  return best;
}

/**
 * Read an HTML page, such as a document page saved from an archive's web site:
 * the main content (`main`, else the body) without navigation, scripts, styles
 * and the site's header and footer; paragraphs, headings, list items (with
 * their bullet or number), table rows and lines split by `<br>` become blocks;
 * emphasis, bold, underline, superscript, subscript and small caps become
 * `hi`; footnote links (a link to a note that links back, or marked as a note
 * reference) become notes at their anchors, their texts taken out of the flow.
 * Positions are lines and columns of the HTML file.
 */
export function readHtml(text: string, file: VFile): ReadResult | null {
  const deep = deepestElementNesting(text);
  if (deep.depth > MAX_HTML_NESTING) {
    report(file, 'nesting-too-deep', `Elements are nested ${deep.depth} deep at line ${deep.line}; at most ${MAX_HTML_NESTING} levels are read.`, { line: deep.line, column: 1 });
    return null;
  }
  let tree: Root;
  try {
    tree = unified().use(rehypeParse).parse(text) as Root;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    report(file, 'nesting-too-deep', 'The page nests its elements too deeply to be parsed.');
    return null;
  }
  const source = new SourceText();
  const blocks: RawBlock[] = [];
  const dropped = new Map<string, number>();
  let firstDropped: Origin | undefined;
  const parents = new Map<Element, Element | Root>();
  const byId = new Map<string, Element>();
  const anchors: Element[] = [];
  const elements: Element[] = [];
  // One pass over the tree, without recursion: parents, ids and names, links.
  const pending: (Element | Root)[] = [tree];
  while (pending.length) {
    const node = pending.pop()!;
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      parents.set(child, node);
      elements.push(child);
      const id = str(child.properties.id);
      const name = str(child.properties.name);
      if (id && !byId.has(id)) byId.set(id, child);
      if (name && !byId.has(name)) byId.set(name, child);
      if (child.tagName === 'a' && str(child.properties.href)?.startsWith('#')) anchors.push(child);
      pending.push(child);
    }
  }
  const root = contentRoot(elements, tree);

  // Footnotes: a reference links to the note, and the note links back (or the reference says what it is).
  const refs = new Map<Element, Element>();
  // Links by the id they point to, so that finding a link back is one look-up (pages may have thousands of links).
  const linksTo = new Map<string, Element[]>();
  for (const b of anchors) {
    const to = str(b.properties.href)!.slice(1);
    const list = linksTo.get(to);
    if (list) list.push(b);
    else linksTo.set(to, [b]);
  }
  for (const a of anchors) {
    const target = byId.get(decodeURIComponent(str(a.properties.href)!.slice(1)));
    if (!target || target === a || contains(target, a, parents)) continue;
    const own = [str(a.properties.id), str(a.properties.name)].filter((x): x is string => Boolean(x));
    const linksBack = own.some((id) => (linksTo.get(id) ?? []).some((b) => b === target || contains(target, b, parents) || near(target, b, parents)));
    const marked = str(a.properties.role) === 'doc-noteref' || classes(a).some((c) => /^(footnote-ref|sdfootnoteanc|sdendnoteanc|fnref|noteref)$/i.test(c));
    if (linksBack || marked) refs.set(a, target);
  }
  // Reference and note link to each other (Word and LibreOffice pages): the reference is the one that comes first.
  const order = new Map<Element, number>();
  elements.forEach((e) => order.set(e, position(e)));
  for (const [a, t] of [...refs]) if (refs.get(t) === a && order.get(a)! > order.get(t)!) refs.delete(a);
  // Each note's container: the largest element around its target that holds no other note and no reference.
  const targets = new Set(refs.values());
  const counts = new Map<Element | Root, { targets: number; refs: number }>();
  for (const t of targets) for (let p = parents.get(t); p; p = p.type === 'element' ? parents.get(p) : undefined) bump(counts, p, 'targets');
  for (const a of refs.keys()) for (let p = parents.get(a); p; p = p.type === 'element' ? parents.get(p) : undefined) bump(counts, p, 'refs');
  const container = new Map<Element, Element>();
  const consumed = new Set<Element>();
  for (const t of targets) {
    let c = t;
    for (;;) {
      const p = parents.get(c);
      // A list item is a note of its own (the list holds them all, even when it holds one).
      if (!p || p.type !== 'element' || p === root || p.tagName === 'body' || p.tagName === 'html' || c.tagName === 'li' || p.tagName === 'ol' || p.tagName === 'ul') break;
      const n = counts.get(p)!;
      if (n.targets > 1 || n.refs > 0) break;
      c = p;
    }
    container.set(t, c);
    consumed.add(c);
  }
  // Links from a note back to its reference ("↩", or the note's own "[1]") are not note text.
  const refIds = new Set<string>();
  for (const a of refs.keys()) for (const x of [str(a.properties.id), str(a.properties.name)]) if (x) refIds.add(x);
  const inNote = (el: Element): boolean => {
    for (let p: Element | Root | undefined = el; p && p.type === 'element'; p = parents.get(p)) if (consumed.has(p)) return true;
    return false;
  };
  const backlinks = new Set<Element>(anchors.filter((b) => refIds.has(str(b.properties.href)!.slice(1)) && inNote(b)));

  const placed = new Map<Element, string>();
  let numbered = 0;
  const origin = (node: { position?: { start: { line: number; column: number } } | undefined }): Origin => ({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
  const drop = (el: Element): void => {
    dropped.set(el.tagName, (dropped.get(el.tagName) ?? 0) + 1);
    firstDropped ??= origin(el);
  };
  const skip = (el: Element): boolean => {
    if (NEVER.has(el.tagName) || el.properties.hidden !== undefined && el.properties.hidden !== false) return true;
    if (CHROME.has(el.tagName)) {
      for (let p = parents.get(el); p && p.type === 'element'; p = parents.get(p)) if (SECTIONING.has(p.tagName)) return false;
      return true;
    }
    return false;
  };

  /** The note at a reference: its container's text, paragraphs joined, back links left out. */
  const note = (a: Element): Draft => {
    const t = refs.get(a)!;
    const c = container.get(t)!;
    const label = plain(a).replace(/[\s[\]()]/g, '');
    const known = placed.get(c);
    if (known) return { type: 'marker', n: known, origin: origin(a) };
    const n = /^\d+$/.test(label) ? String(Number(label)) : String(++numbered);
    placed.set(c, n);
    const paragraphs: Inline[][] = [];
    collect(c.tagName === 'a' || !BLOCK.has(c.tagName) ? [c] : c.children, (drafts, at) => paragraphs.push(source.inlines(drafts, at)), 1, true);
    return { type: 'note', n, children: source.joinNote(paragraphs) };
  };

  /** Walk content, calling `emit` for each paragraph's inline drafts. */
  function collect(nodes: (RootContent | ElementContent)[], emit: (drafts: Draft[], at: Origin, extra?: { heading?: number }) => void, depth: number, inNote = false): void {
    let run: Draft[] = [];
    let runAt: Origin | undefined;
    const flush = (extra?: { heading?: number }): void => {
      if (run.length) emit(run, runAt ?? { line: 1, column: 1 }, extra);
      run = [];
      runAt = undefined;
    };
    const inline = (node: RootContent | ElementContent, level: number): Draft[] => {
      if (node.type === 'text') return [{ type: 'text', value: node.value, origin: origin(node) }];
      if (node.type !== 'element') return [];
      if (skip(node)) {
        drop(node);
        return [];
      }
      if (backlinks.has(node)) return [];
      if (refs.has(node)) return [note(node)];
      if (consumed.has(node)) return [];
      if (node.tagName === 'img') {
        const alt = str(node.properties.alt);
        return alt ? [{ type: 'text', value: alt, origin: origin(node) }] : [];
      }
      if (level > MAX_DEPTH) return [{ type: 'text', value: plain(node), origin: origin(node) }];
      const kids = node.children.flatMap((c) => inline(c, level + 1));
      const rend = RENDS[node.tagName] ?? (isSmallCaps(node) ? 'smallcaps' : undefined);
      return rend ? [{ type: 'hi', rend, children: kids }] : kids;
    };
    for (const node of nodes) {
      if (node.type === 'element' && skip(node)) {
        drop(node);
        continue;
      }
      if (node.type === 'element' && consumed.has(node)) continue;
      if (node.type === 'element' && BLOCK.has(node.tagName) && !refs.has(node)) {
        flush();
        const tag = node.tagName;
        if (tag === 'br') continue;
        if (tag === 'hr') {
          // A rule beside the notes separates them from the text; any other is a section break.
          const p = parents.get(node);
          if (!inNote && !(p && (counts.get(p)?.targets ?? 0) > 0)) emit([{ type: 'text', value: '* * *' }], origin(node));
          continue;
        }
        if (depth > MAX_DEPTH) {
          emit([{ type: 'text', value: plain(node), origin: origin(node) }], origin(node));
          continue;
        }
        if (tag === 'pre') {
          const lines = plain(node).split('\n');
          lines.forEach((line, k) => emit([{ type: 'text', value: line }], { line: origin(node).line + k, column: 1 }));
          continue;
        }
        const heading = /^h([1-6])$/.exec(tag);
        if (heading) {
          emit(node.children.flatMap((c) => inline(c, depth + 1)), origin(node), { heading: Number(heading[1]) });
          continue;
        }
        if (tag === 'li') {
          const list = parents.get(node);
          const ordered = list?.type === 'element' && list.tagName === 'ol';
          const index = list?.type === 'element' ? list.children.filter((c) => c.type === 'element' && c.tagName === 'li').indexOf(node) : 0;
          const start = list?.type === 'element' ? Number(list.properties.start ?? 1) || 1 : 1;
          let first = true;
          collect(node.children, (drafts, at, extra) => {
            emit(first ? [{ type: 'text', value: ordered ? `${start + index}. ` : '• ' }, ...drafts] : drafts, at, extra);
            first = false;
          }, depth + 1, inNote);
          continue;
        }
        if (tag === 'tr') {
          const cells: Draft[] = [];
          for (const cell of node.children) {
            if (cells.length) cells.push({ type: 'text', value: ' ' });
            cells.push(...inline(cell, depth + 1));
          }
          emit(cells, origin(node));
          continue;
        }
        collect(node.children, emit, depth + 1, inNote);
        continue;
      }
      const drafts = inline(node, depth);
      if (drafts.length) {
        runAt ??= origin(node as Text);
        run.push(...drafts);
      }
    }
    flush();
  }

  collect(root.type === 'root' ? root.children : [root], (drafts, at, extra) => {
    const block = source.paragraph(drafts, at, extra ?? {});
    if (block) blocks.push(block);
  }, 0);
  if (dropped.size) {
    const list = [...dropped].map(([tag, n]) => `${n} ${tag}`).join(', ');
    report(file, 'page-chrome-dropped', `Left out of the page: ${list} element${[...dropped.values()].reduce((a, b) => a + b, 0) > 1 ? 's' : ''}.`, firstDropped);
  }
  return { blocks, text: source.text(), locate: source.locate };
}

/** Where an element starts in the page (its offset), for document order. */
function position(e: Element): number {
  return e.position?.start.offset ?? 0;
}

/** The content: the page's `main` (or the element with role main), else its body. */
function contentRoot(elements: Element[], tree: Root): Element | Root {
  const main = elements.find((e) => e.tagName === 'main') ?? elements.find((e) => str(e.properties.role) === 'main');
  return main ?? elements.find((e) => e.tagName === 'body') ?? tree;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.join(' ');
  return undefined;
}

function classes(el: Element): string[] {
  const c: unknown = el.properties.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
}

function isSmallCaps(el: Element): boolean {
  const style = str(el.properties.style) ?? '';
  return /font-variant\s*:\s*small-caps/i.test(style) || classes(el).some((c) => /^(smallcaps|small-caps|sc)$/i.test(c));
}

function contains(outer: Element, inner: Element, parents: Map<Element, Element | Root>): boolean {
  for (let p = parents.get(inner); p; p = p.type === 'element' ? parents.get(p) : undefined) if (p === outer) return true;
  return false;
}

/** A back link right beside the target (`<a name="_ftn1"></a><a href="#_ftnref1">`), within the same paragraph. */
function near(target: Element, link: Element, parents: Map<Element, Element | Root>): boolean {
  const p = parents.get(target);
  return Boolean(p && p.type === 'element' && (parents.get(link) === p || contains(p, link, parents)));
}

function bump(counts: Map<Element | Root, { targets: number; refs: number }>, el: Element | Root, key: 'targets' | 'refs'): void {
  const c = counts.get(el) ?? { targets: 0, refs: 0 };
  c[key]++;
  counts.set(el, c);
}

/** The text of an element, without recursion. */
function plain(node: Element): string {
  let s = '';
  const stack: (Element | ElementContent)[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') s += n.value;
    else if (n.type === 'element' && !NEVER.has(n.tagName)) for (let k = n.children.length - 1; k >= 0; k--) stack.push(n.children[k]!);
  }
  return s;
}
