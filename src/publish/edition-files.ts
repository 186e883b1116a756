/**
 * The parts of the web edition that need no XSLT processor: which files make the edition, the
 * name of each page, the parameters every page shares, the search index script. The build
 * command uses them without loading SaxonJS (a rebuild with nothing to do starts fast).
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** What a document's page gives the search index. */
export interface RenderedDocument {
  title: string;
  entries: [string, string][];
}

/** The TEI files of a folder, in name order (the persons register left out). */
export function listTeiFiles(source: string): string[] {
  return readdirSync(source)
    .filter((name) => name.endsWith('.xml') && name !== 'persons.xml')
    .sort()
    .map((name) => join(source, name));
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

/** The search index script of the edition, from each document's title and entries (in edition order). */
export function searchIndexScript(stems: string[], rendered: RenderedDocument[]): string {
  const search: { docs: [string, string][]; entries: [number, string, string][] } = { docs: [], entries: [] };
  rendered.forEach((r, i) => {
    search.docs.push([stems[i]!, r.title]);
    for (const [id, text] of r.entries) search.entries.push([i, id, text]);
  });
  // A script, not JSON: it loads from file:// too (fetch would not).
  return `window.teiEditionSearch = ${JSON.stringify(search).replace(/</g, '\\u003c')};\n`;
}
