/**
 * The print edition's first step, without a browser: TEI → print HTML (CSS Paged Media).
 * XSLT 3.0 (transform/print/print.xsl), precompiled to SEF, run in-process by SaxonJS; the
 * stylesheet (transform/print/print.css and the page size) is given to the XSLT as a parameter
 * and written by it as the content of the page's style element (never spliced into the HTML
 * as text). No text of the input reaches the CSS: the running heads are elements of the page
 * (position: running() in print.css), not strings.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { saxon } from '../util/saxon.js';
import { compileStylesheet, transformDir } from './compile.js';

/** a4: 210 × 297 mm; letter: 8.5 × 11 in; trade: 6 × 9 in. */
export type PageSize = 'a4' | 'letter' | 'trade';
export const pageSizes: readonly PageSize[] = ['a4', 'letter', 'trade'];

/** Page box, margins (top, outer, bottom, inner) and type size of each page size. */
const geometry: Record<PageSize, { size: string; margins: [string, string, string, string]; font: string }> = {
  a4: { size: '210mm 297mm', margins: ['24mm', '22mm', '26mm', '28mm'], font: '11pt' },
  letter: { size: '8.5in 11in', margins: ['0.95in', '0.85in', '1in', '1.1in'], font: '11pt' },
  trade: { size: '6in 9in', margins: ['0.7in', '0.6in', '0.8in', '0.75in'], font: '10pt' },
};

/** The @page rules for a page size: inner margins wider (the binding), mirrored left/right. */
export function pageSizeCss(pageSize: PageSize): string {
  const g = geometry[pageSize];
  const [top, outer, bottom, inner] = g.margins;
  return [
    `@page { size: ${g.size}; margin: ${top} ${outer} ${bottom} ${inner}; }`,
    `@page :left { margin-left: ${outer}; margin-right: ${inner}; }`,
    `@page :right { margin-left: ${inner}; margin-right: ${outer}; }`,
    `:root { --te-font-size: ${g.font}; }`,
  ].join('\n');
}

let compiled: unknown;
/** The compiled print stylesheet (compiled first when missing or stale). */
export function loadPrintStylesheet(): unknown {
  if (!compiled) compiled = JSON.parse(readFileSync(compileStylesheet('print').sef, 'utf8'));
  return compiled;
}

let css: string | undefined;
function printCss(): string {
  css ??= readFileSync(join(transformDir, 'print', 'print.css'), 'utf8');
  return css;
}

/**
 * The page's stylesheet: the page size's rules and print.css. It is written unescaped into the
 * style element (the HTML parser reads a style element as raw text), so it may hold neither
 * "<" nor "&" (the page must stay well-formed XML, and "</style" would end the element).
 */
export function printStylesheet(pageSize: PageSize = 'a4'): string {
  const style = `${pageSizeCss(pageSize)}\n${printCss()}`;
  if (/[<&]/.test(style)) throw new Error('transform/print/print.css may not contain "<" or "&" (it is written unescaped into the print page)');
  return style;
}

/** How the volume writes the dates of its contents, document heads and list of sources. */
export type DateStyle = 'long' | 'month-day' | 'iso' | 'source';
export const dateStyles: readonly DateStyle[] = ['long', 'month-day', 'iso', 'source'];

type Hyphenator = (text: string) => string;
const hyphenators = new Map<string, Hyphenator | null>();
const requireHere = createRequire(import.meta.url);

/**
 * The hyphenator for a language tag (xml:lang), from the npm package "hyphen" (TeX's patterns,
 * Liang's algorithm): its module for the tag with its region ("en-gb"), else for the language
 * ("de"); null where it has none (the text is left as it is). Only tags of letters reach
 * require(): a language tag comes from the input.
 */
function hyphenatorFor(lang: string): Hyphenator | null {
  const tag = lang.toLowerCase();
  if (hyphenators.has(tag)) return hyphenators.get(tag)!;
  let found: Hyphenator | null = null;
  const m = /^([a-z]{2,3})(?:-([a-z]{2,8}))?(?:-|$)/.exec(tag);
  if (m) {
    for (const name of [m[2] ? `${m[1]}-${m[2]}` : undefined, m[1]].filter((n): n is string => Boolean(n))) {
      try {
        const mod = requireHere(`hyphen/${name}`) as { hyphenateSync?: (t: string, o: Record<string, unknown>) => string };
        if (typeof mod.hyphenateSync === 'function') {
          const hyphenate = mod.hyphenateSync;
          // Word by word, the white space between kept as it is (the library would turn a
          // no-break space into a space), each word's result kept.
          const seen = new Map<string, string>();
          const word = (w: string): string => {
            let h = seen.get(w);
            if (h === undefined) {
              h = w.length < 6 ? w : hyphenate(w, { html: false, minWordLength: 6 });
              if (seen.size > 200_000) seen.clear();
              seen.set(w, h);
            }
            return h;
          };
          found = (text) => text.split(/(\s+)/).map((part, i) => (i % 2 ? part : word(part))).join('');
          break;
        }
      } catch {
        // no patterns for this name
      }
    }
  }
  hyphenators.set(tag, found);
  return found;
}

/** Whether the hyphenation patterns are there (the npm package "hyphen"). */
export function canHyphenate(): boolean {
  return hyphenatorFor('en') !== null;
}

// Called by the print stylesheet (js:teHyphenate, typography.xsl) on running text.
(globalThis as unknown as { teHyphenate: (text: string, lang: string) => string }).teHyphenate = (text, lang) => hyphenatorFor(String(lang))?.(String(text)) ?? String(text);

/** One TEI document for print: its file stem and its parsed tree (parseTei in html.ts). */
export interface PrintSource {
  stem: string;
  doc: unknown;
}

export interface PrintHtmlOptions {
  /** The documents, in print order (orderForPrint); for `single`, the one document. */
  documents: PrintSource[];
  /** The persons register (parsed), for the names and roles in the index. */
  register?: unknown;
  /** The edition's title (half-title, title page, running heads, PDF title). */
  title?: string;
  /** The editor(s) (title page and PDF author). */
  author?: string;
  /** The edition's citation data (cite-meta: editors, publisher, published, licence; a JSON object) and base URL, for "Cite as" in the front matter. */
  citeMeta?: string;
  baseUrl?: string;
  pageSize?: PageSize;
  /** A book of one document; `number` is its number in the volume. */
  single?: { number?: number };
  /**
   * The volume in one HTML (default), or one of the pieces the build lays out separately:
   * "front" (half-title to contents), "part" (these documents; `firstNumber` is the number of
   * the first that is not an introduction), "back" (list of sources and index of persons).
   */
  book?: 'volume' | 'front' | 'part' | 'back';
  firstNumber?: number;
  /** The dates of the contents, document heads and list of sources (default "long"). */
  dateStyle?: DateStyle;
  /** Soft hyphens by language (default: when the patterns are installed). */
  hyphenate?: boolean;
}

function run(template: string, params: Record<string, unknown>, method: 'xhtml' | 'text' = 'xhtml'): string {
  const stylesheetParams: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) stylesheetParams[`Q{}${k}`] = v;
  const result = saxon().transform({
    stylesheetInternal: loadPrintStylesheet(),
    initialTemplate: `Q{}${template}`,
    stylesheetParams,
    destination: 'serialized',
    ...(method === 'text' ? { outputProperties: { method: 'text' } } : {}),
  });
  return String(result.principalResult);
}

/** The documents in the order of the volume: introductions first, then by date. */
export function orderForPrint(documents: PrintSource[]): PrintSource[] {
  if (documents.length < 2) return documents;
  const byStem = new Map(documents.map((d) => [d.stem, d]));
  const stems = run('order', { docs: documents.map((d) => d.doc), stems: documents.map((d) => d.stem) }, 'text').split('\n').filter(Boolean);
  return stems.map((s) => byStem.get(s)!).filter(Boolean);
}

/** TEI → the print HTML of the volume (or of one document), with its stylesheet inlined. */
export function transformToPrintHtml(options: PrintHtmlOptions): string {
  const html = run(options.single ? 'single' : (options.book ?? 'volume'), {
    docs: options.documents.map((d) => d.doc),
    stems: options.documents.map((d) => d.stem),
    register: options.register,
    'edition-title': options.title,
    'edition-author': options.author,
    'cite-meta': options.citeMeta,
    'base-url': options.baseUrl?.replace(/\/?$/, '/'),
    'doc-number': options.single ? options.single.number : options.firstNumber,
    'print-css': printStylesheet(options.pageSize ?? 'a4'),
    'date-style': options.dateStyle ?? 'long',
    hyphenate: options.hyphenate ?? canHyphenate(),
  });
  return `<!DOCTYPE html>\n${html.replace(/^<!DOCTYPE[^>]*>\s*/i, '')}`;
}
