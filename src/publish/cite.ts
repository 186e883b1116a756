/**
 * The citation exports of the web edition (transform/cite/cite.xsl): CSL-JSON, BibTeX and RIS
 * for every document and for the edition, in one transformation for the whole edition (SaxonJS
 * has a fixed cost per transformation). Read from the documents' digests (documentDigest in
 * html.ts: the whole teiHeader and the text's dates), as the index pages are.
 */
import { readFileSync } from 'node:fs';
import { compileStylesheet } from './compile.js';
import { saxon } from '../util/saxon.js';

let compiled: unknown;
function loadCiteStylesheet(): unknown {
  compiled ??= JSON.parse(readFileSync(compileStylesheet('cite').sef, 'utf8'));
  return compiled;
}

/** The folder of the web edition the exports go to. */
export const CITE_DIR = 'cite';

/** The file names (below cite/) the exports of these documents take: three per document, three for the edition. */
export function citeFileNames(stems: string[]): string[] {
  return [...stems, 'edition'].flatMap((s) => [`${s}.json`, `${s}.bib`, `${s}.ris`]);
}

/**
 * The exports as the stylesheet makes them: a JSON object, file name → text. `docs` are parsed
 * documents (or digests), in the order of `stems`; `common` the shared stylesheet parameters.
 */
export function citeExportsJson(docs: unknown[], stems: string[], common: Record<string, unknown>): string {
  const stylesheetParams: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({ ...common, docs, stems })) if (v !== undefined) stylesheetParams[`Q{}${k}`] = v;
  const result = saxon().transform({ stylesheetInternal: loadCiteStylesheet(), initialTemplate: 'Q{}cite', stylesheetParams, destination: 'serialized' });
  return String(result.principalResult);
}

/** The exports as files: name below cite/ → text; every name of citeFileNames is there. */
export function parseCiteExports(json: string, stems: string[]): Map<string, string> {
  const o = JSON.parse(json) as Record<string, unknown>;
  const files = new Map<string, string>();
  for (const name of citeFileNames(stems)) {
    const text = o[name];
    if (typeof text !== 'string') throw new Error(`the citation exports have no ${name}`);
    files.set(name, text);
  }
  return files;
}
