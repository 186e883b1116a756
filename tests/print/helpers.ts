/** Poppler's tools on the PDFs the print edition writes (apt-get install poppler-utils). */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import SaxonJSModule from 'saxon-js';

const SaxonJS = SaxonJSModule as unknown as { XPath: { evaluate(e: string, c?: unknown, o?: Record<string, unknown>): unknown } };

export const repo = path.resolve(import.meta.dirname, '../..');
export const sampleTei = path.join(repo, 'source/tei');
export const samplePersons = path.join(repo, 'source/persons.xml');

function tool(name: string, args: string[]): string {
  return execFileSync(name, args, { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
}

/** pdfinfo's fields. */
export function pdfInfo(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of tool('pdfinfo', [file]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

/** pdffonts' rows: name, type and whether the font is embedded. */
export function pdfFonts(file: string): { name: string; type: string; embedded: boolean }[] {
  return tool('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const m = /^(\S+)\s+(.*?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l.trim());
      if (!m) throw new Error(`pdffonts: cannot read "${l}"`);
      return { name: m[1]!, type: m[2]!, embedded: m[4] === 'yes' };
    });
}

/** The text of every page (index 0 is page 1) as pdftotext gives it; -layout keeps lines and columns. */
export function rawPageTexts(file: string, layout = true): string[] {
  const pages = tool('pdftotext', [...(layout ? ['-layout'] : []), file, '-']).split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/**
 * The text of every page as a reader reads it: without the soft hyphens Chromium writes into the
 * text at every place a word may break, and with each word broken at a line's end (the hyphen
 * Chromium draws there, U+2010) joined again.
 */
export function pageTexts(file: string, layout = true): string[] {
  return rawPageTexts(file, layout).map((p) => p.replace(/\u00AD/g, '').replace(/(\p{L})\u2010\n[ \t]*(?=\p{L})/gu, '$1'));
}

/** Whitespace collapsed. */
export function flat(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words (letters and digits), as a multiset. */
export function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Page numbers from an index entry's "3, 5–7, 12". */
export function expandPages(list: string): number[] {
  const out: number[] = [];
  for (const part of list.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [a, b] = part.split(/[–-]/).map(Number);
    for (let p = a!; p <= (b ?? a!); p++) out.push(p);
  }
  return out;
}

/** The print HTML without its soft hyphens (the XSLT writes them for hyphenation; PDF text has none but at a line's end). */
export function unhyphenated(html: string): string {
  return html.replace(/\u00AD/g, '');
}

/** Parse the print HTML (polyglot XHTML) for XPath, without its soft hyphens. */
export function parseHtml(html: string): unknown {
  return SaxonJS.XPath.evaluate('parse-xml($t)', null, { params: { t: unhyphenated(html).replace(/^<!DOCTYPE html>\s*/, '') } });
}

export function xpath<T = unknown>(expr: string, context: unknown, params: Record<string, unknown> = {}): T {
  return SaxonJS.XPath.evaluate(expr, context, {
    params,
    namespaceContext: { h: 'http://www.w3.org/1999/xhtml', tei: 'http://www.tei-c.org/ns/1.0' },
    resultForm: 'array',
  }) as T;
}
