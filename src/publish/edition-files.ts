/**
 * The parts of the web edition that need no XSLT processor: which files make the edition, the
 * name of each page, the parameters every page shares, the search's record of a page. The build
 * command uses them without loading SaxonJS (a rebuild with nothing to do starts fast).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { readFileHeadSync } from '../util/inputs.js';
import type { SearchMeta } from './search-index.js';

/** What a document's page gives the search index. */
export interface RenderedDocument {
  title: string;
  entries: [string, string][];
  /** Date, kind, language and persons for the search's documents table (records cached before it existed have none). */
  meta?: SearchMeta;
}

/** The TEI files of a folder and its subfolders, in path order (the persons register left out). */
export function listTeiFiles(source: string): string[] {
  return listTeiSources(source).files;
}

/**
 * The TEI documents of a folder, its subfolders included (hidden folders and node_modules
 * left out): each *.xml whose root element is TEI or teiCorpus, in path order, but the persons
 * register (persons.xml). The other XML files (an XInclude's target, a taxonomy, a schema's
 * examples) are not documents: they are listed apart, with their root element.
 */
export function listTeiSources(source: string): { files: string[]; skipped: { file: string; root: string }[] } {
  const files: string[] = [];
  const skipped: { file: string; root: string }[] = [];
  const walk = (dir: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < 8 && !entry.name.startsWith('.') && entry.name !== 'node_modules') walk(full, depth + 1);
        continue;
      }
      if (!entry.isFile() || !entry.name.endsWith('.xml') || (depth === 0 && entry.name === 'persons.xml')) continue;
      const root = rootElementName(full);
      if (root === null || root === 'TEI' || root === 'teiCorpus') files.push(full);
      else skipped.push({ file: full, root });
    }
  };
  walk(source, 0);
  files.sort();
  return { files, skipped };
}

/**
 * The local name of a file's root element, read from its first 64 KiB; null when it cannot be
 * told there (not XML, or a very long prolog): such a file is left to the validator, which
 * says what is wrong with it.
 */
export function rootElementName(file: string): string | null {
  // The first 4 KiB, and the first 64 KiB only where the root element is not told there.
  try {
    const first = readFileHeadSync(file, 4096);
    const name = rootIn(first.toString('utf8'));
    if (name !== undefined || first.length < 4096) return name ?? null;
    return rootIn(readFileHeadSync(file, 65536).toString('utf8')) ?? null;
  } catch {
    return null;
  }
}

/** The root element's local name in the start of a file; undefined where the start ends before the name does. */
function rootIn(text: string): string | undefined {
  // Skip the XML declaration, processing instructions, comments and a DOCTYPE.
  const prolog = /^(?:\uFEFF)?(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text);
  return prolog && prolog[0].length < text.length ? prolog[2]! : undefined;
}

/** A file stem that is safe as a page name. */
export function pageStem(file: string): string {
  return basename(file).replace(/\.xml$/, '').replace(/[^A-Za-z0-9._-]+/g, '-');
}

/**
 * What a page name read from elsewhere (a shard's record) must look like: letters, digits,
 * "." "_" "-", starting with a letter, digit or "_" (so no "..", no hidden file, no path, no
 * scheme), at most 200 characters.
 */
export const pageNamePattern = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;

/** A file's page name: its path below the source folder, made safe as a file name. */
export function pageStemIn(source: string, file: string): string {
  const rel = relative(source, file);
  return pageStem(rel.startsWith('..') ? basename(file) : rel.split(sep).join('-'));
}

/** What citations say of the edition as a whole (the configuration's keys: docs/build.md). */
export interface CiteInfo {
  editors?: string[];
  publisher?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  published?: string;
  licence?: string;
}

/**
 * The citation data as the stylesheets' parameter `cite-meta`: a JSON object (editors,
 * publisher, published, licence), absent keys left out; undefined when there is nothing.
 */
export function citeMeta(info: CiteInfo | undefined): string | undefined {
  if (!info) return undefined;
  const o: Record<string, unknown> = {};
  if (info.editors?.length) o['editors'] = info.editors;
  for (const key of ['publisher', 'published', 'licence'] as const) if (info[key]) o[key] = info[key];
  return Object.keys(o).length ? JSON.stringify(o) : undefined;
}

/** What the edition's configuration gives every page (config.ts has checked it). */
export interface EditionSettings {
  title?: string;
  baseUrl?: string;
  editors?: string[];
  publisher?: string;
  licence?: string;
  description?: string[];
  /** The text of the edition's own CSS (web.css) and page frame (web.template). */
  css?: string;
  template?: string;
  /** The year in the home page's citation (default: the year of `cite.published`, else this year). */
  year?: string;
  /** What citations say of the edition (editors, publisher, published, licence). */
  cite?: CiteInfo;
}

/**
 * Stylesheet parameters shared by every page: the introduction's stem, title, base URL, and
 * the edition's settings (each a plain string: editors one a line, the description's
 * paragraphs apart by an empty line).
 */
export function commonParams(options: EditionSettings, intro: string | undefined): Record<string, string | undefined> {
  const meta = citeMeta(options.cite);
  const nonEmpty = (v: string | undefined) => (v !== undefined && v.trim() ? v : undefined);
  const entries: [string, string | undefined][] = [
    ['edition-editors', nonEmpty((options.editors ?? []).join('\n'))],
    ['edition-description', nonEmpty((options.description ?? []).join('\n\n'))],
    ['edition-publisher', nonEmpty(options.publisher)],
    ['edition-licence', nonEmpty(options.licence)],
    ['web-css', nonEmpty(options.css)],
    ['web-template', nonEmpty(options.template)],
  ];
  return {
    'intro-stem': intro,
    ...(options.title ? { 'edition-title': options.title } : {}),
    ...(options.baseUrl ? { 'base-url': options.baseUrl.replace(/\/?$/, '/') } : {}),
    ...(meta ? { 'cite-meta': meta } : {}),
    'edition-year': options.year ?? options.cite?.published?.slice(0, 4) ?? String(new Date().getUTCFullYear()),
    ...Object.fromEntries(entries.filter(([, v]) => v !== undefined)),
  };
}

const introPattern = /<(?:tei:)?div\s[^>]*type\s*=\s*["']introduction["']/;

/** Whether a TEI text holds the edition's introduction (read from the text, as the stylesheet decides it; bytes decoded only when they say "introduction"). */
export function looksLikeIntroduction(text: string | Buffer): boolean {
  if (typeof text !== 'string') return text.includes('introduction') && introPattern.test(text.toString('utf8'));
  return introPattern.test(text);
}

/**
 * The edition's typeface: Charis SIL (SIL Open Font License), copied from the Debian package
 * fonts-sil-charis where it is installed (fonts/, with its licence); without it the pages fall
 * back to the serif faces of the reader's system (edition.css).
 */
export const charisDir = '/usr/share/fonts/truetype/charis';
export const charisFaces: [string, string][] = [
  ['Charis-Regular.ttf', 'CharisSIL-Regular.ttf'],
  ['Charis-Italic.ttf', 'CharisSIL-Italic.ttf'],
  ['Charis-Bold.ttf', 'CharisSIL-Bold.ttf'],
  ['Charis-BoldItalic.ttf', 'CharisSIL-BoldItalic.ttf'],
];

/** The files of the edition's fonts: [name in fonts/, path on this machine]; none where Charis SIL is not installed. */
export function fontAssets(dir = charisDir): [string, string][] {
  const found: [string, string][] = [];
  for (const [name, ...alts] of charisFaces) {
    const file = [name, ...alts].map((n) => join(dir, n)).find((f) => existsSync(f));
    if (file) found.push([name, file]);
  }
  // The package's copyright file: the SIL Open Font License's terms, which go with the fonts.
  const licence = join(dirname(dir), '..', '..', 'doc', 'fonts-sil-charis', 'copyright');
  if (found.length && existsSync(licence)) found.push(['LICENSE-Charis-SIL.txt', licence]);
  return found;
}

