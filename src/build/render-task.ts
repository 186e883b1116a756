/**
 * The work a build worker does: one document's page (with its search entries and its digest
 * for the indexes), or one page of the whole edition from the digests.
 */
import { citeExportsJson } from '../publish/cite.js';
import { documentDigest, loadHtmlStylesheet, parseTei, renderNamedPage, searchEntries, searchMeta, searchTitle, transformToHtml } from '../publish/html.js';
import type { SearchMeta } from '../publish/search-index.js';

export type RenderTask =
  | { kind: 'page'; text: string; stem: string; common: Record<string, unknown>; /** Deepest nesting accepted (default 200). */ maxDepth?: number }
  | { kind: 'named'; template: 'index' | 'persons' | 'places' | 'orgs' | 'search' | 'edition-order' | 'order-entries' | 'person-mentions'; digests: string[]; stems: string[]; register: string | null; common: Record<string, unknown> }
  | { kind: 'cite'; digests: string[]; stems: string[]; common: Record<string, unknown> };

export interface PageResult {
  html: string;
  title: string;
  entries: [string, string][];
  meta: SearchMeta;
  digest: string;
}

/** Load the compiled stylesheet now (a worker does it before its first document). */
export function warm(): void {
  loadHtmlStylesheet();
}

export function runRenderTask(task: RenderTask): PageResult | string {
  if (task.kind === 'cite') return citeExportsJson(task.digests.map((d) => parseTei(d)), task.stems, task.common);
  if (task.kind === 'named') return renderNamedPage(task.template, task.digests, task.stems, task.register, task.common);
  const doc = parseTei(task.text, task.maxDepth);
  const html = transformToHtml({ doc, params: { ...task.common, 'doc-id': task.stem } });
  return { html, title: searchTitle(doc, task.stem), entries: searchEntries(doc, task.stem), meta: searchMeta(doc), digest: documentDigest(doc) };
}
