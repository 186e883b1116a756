import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SaxonJSModule from 'saxon-js';
import { buildHtmlEdition, type HtmlBuildOptions, type HtmlBuildResult } from '../../src/publish/html.js';

const SaxonJS = SaxonJSModule as unknown as { XPath: { evaluate(e: string, c?: unknown, o?: Record<string, unknown>): unknown } };

export const repo = path.resolve(import.meta.dirname, '../..');
import { corpus, referenceScorer, teiAll } from '../helpers/corpus.js';
export { corpus, referenceScorer, teiAll };
export const sampleTei = path.join(repo, 'source/tei');

/** Build a web edition into a fresh temporary folder. */
export function buildInto(source: string, persons?: string, options: Partial<HtmlBuildOptions> = {}): { out: string; result: HtmlBuildResult } {
  const out = mkdtempSync(path.join(tmpdir(), 'tei-edition-html-'));
  const result = buildHtmlEdition({ source, out, ...(persons ? { persons } : {}), ...options });
  return { out, result };
}

/** Parse a page: the output is polyglot HTML5 (well-formed XML), so an XML parser reads it. */
export function parsePage(file: string): unknown {
  return parseHtml(readFileSync(file, 'utf8'));
}

/** Parse a page's text (polyglot HTML5). */
export function parseHtml(html: string): unknown {
  return SaxonJS.XPath.evaluate('parse-xml($t)', null, { params: { t: html.replace(/^<!DOCTYPE html>\s*/, '') } });
}

export function xpath<T = unknown>(expr: string, context: unknown, params: Record<string, unknown> = {}): T {
  return SaxonJS.XPath.evaluate(expr, context, {
    params,
    namespaceContext: { h: 'http://www.w3.org/1999/xhtml', tei: 'http://www.tei-c.org/ns/1.0' },
    resultForm: 'array',
  }) as T;
}

export function xstring(expr: string, context: unknown, params: Record<string, unknown> = {}): string {
  return String(SaxonJS.XPath.evaluate(`string(${expr})`, context, { params, namespaceContext: { h: 'http://www.w3.org/1999/xhtml', tei: 'http://www.tei-c.org/ns/1.0' } }));
}

export function xstrings(expr: string, context: unknown, params: Record<string, unknown> = {}): string[] {
  return xpath<unknown[]>(`(${expr}) ! string()`, context, params).map(String);
}

/** Words (letters and digits), as a multiset. */
export function words(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Words of `tei` missing from `html` (counted: a word twice in the TEI must be twice on the page). */
export function missingWords(tei: string, html: string): string[] {
  const have = words(html);
  const missing: string[] = [];
  for (const [w, n] of words(tei)) if ((have.get(w) ?? 0) < n) missing.push(`${w} (${n - (have.get(w) ?? 0)})`);
  return missing;
}
