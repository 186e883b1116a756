/**
 * Files that hold many documents, for the web edition: a teiCorpus, or a TEI whose text has
 * two or more divisions of type "document" (a FRUS volume), become a page per document and
 * an entry each in the indexes, and, for a volume, a page of the volume itself (its front
 * and back matter and the list of its documents). transform/split/split.xsl decides and cuts;
 * this module runs it and names the parts. Anything else stays one document.
 */
import { readFileSync } from 'node:fs';
import { saxon } from '../util/saxon.js';
import { compileStylesheet } from './compile.js';

let compiled: unknown;
function stylesheet(): unknown {
  compiled ??= JSON.parse(readFileSync(compileStylesheet('split').sef, 'utf8'));
  return compiled;
}

/** A document cut from a file: its page name and its TEI. */
export interface VolumePart {
  stem: string;
  text: string;
}

/**
 * Whether a file's text can hold several documents (cheap test before any parsing). Given its
 * bytes, it decodes them only when they name a teiCorpus or at least two "document"s.
 */
export function mayHoldDocuments(content: string | Buffer): boolean {
  if (typeof content !== 'string') {
    // (The text's first 65,536 characters are at most four times as many bytes.)
    const head = content.subarray(0, 4 << 16);
    if (!head.includes('teiCorpus') && occurrences(content, 'document"', 2) + occurrences(content, "document'", 2) < 2) return false;
    return mayHoldDocuments(content.toString('utf8'));
  }
  const text = content;
  if (/<(?:\w+:)?teiCorpus\b/.test(text.slice(0, 1 << 16))) return true;
  const divisions = /<(?:\w+:)?div\b[^>]*\btype\s*=\s*["']document["']/g;
  return divisions.test(text) && divisions.test(text);
}

/** How many times `needle` is in `bytes`, counted up to `most`. */
function occurrences(bytes: Buffer, needle: string, most: number): number {
  let n = 0;
  for (let at = bytes.indexOf(needle); at >= 0 && n < most; at = bytes.indexOf(needle, at + needle.length)) n++;
  return n;
}

/**
 * The documents of a file that holds many (`doc`, its text parsed), with page names after the
 * file's (`stem-d12`); null for a file that is one document. A part's TEI is written without
 * an XML declaration.
 */
export function splitDocuments(text: string, stem: string, doc: () => unknown): VolumePart[] | null {
  if (!mayHoldDocuments(text)) return null;
  const result = saxon().transform({ stylesheetInternal: stylesheet(), sourceNode: doc(), stylesheetParams: { 'Q{}stem': stem }, destination: 'document' });
  const parts = saxon().XPath.evaluate('/*/*', result.principalResult, { resultForm: 'array' }) as unknown[];
  if (parts.length === 0) return null;
  return parts.map((part) => {
    const suffix = saxon().XPath.evaluate('string(@suffix)', part) as string;
    const tei = saxon().XPath.evaluate("serialize(*[1], map { 'method': 'xml', 'omit-xml-declaration': true() })", part) as string;
    return { stem: suffix ? `${stem}-${suffix}` : stem, text: tei };
  });
}
