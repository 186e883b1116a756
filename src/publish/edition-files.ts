/**
 * The parts of the web edition that need no XSLT processor: which files make the edition, the
 * name of each page, the parameters every page shares, the search's record of a page. The build
 * command uses them without loading SaxonJS (a rebuild with nothing to do starts fast).
 */
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
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
  let text: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(65536);
      const n = readSync(fd, buffer, 0, buffer.length, 0);
      text = buffer.subarray(0, n).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  // Skip the XML declaration, processing instructions, comments and a DOCTYPE.
  const prolog = /^(?:\uFEFF)?(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text);
  return prolog ? prolog[2]! : null;
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

/** Stylesheet parameters shared by every page: the introduction's stem, title, base URL. */
export function commonParams(options: { title?: string; baseUrl?: string }, intro: string | undefined): Record<string, string | undefined> {
  return {
    'intro-stem': intro,
    ...(options.title ? { 'edition-title': options.title } : {}),
    ...(options.baseUrl ? { 'base-url': options.baseUrl.replace(/\/?$/, '/') } : {}),
  };
}

const introPattern = /<(?:tei:)?div\s[^>]*type\s*=\s*["']introduction["']/;

/** Whether a TEI text holds the edition's introduction (read from the text, as the stylesheet decides it). */
export function looksLikeIntroduction(text: string): boolean {
  return introPattern.test(text);
}
