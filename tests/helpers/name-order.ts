import { readFileSync } from 'node:fs';
import path from 'node:path';
import SaxonJSModule from 'saxon-js';

type Saxon = {
  getResource(o: { text: string; type: 'xml' }): Promise<{ documentElement: unknown }>;
  transform(o: Record<string, unknown>): { principalResult: unknown };
};
const SaxonJS = SaxonJSModule as unknown as Saxon;
const repo = path.resolve(import.meta.dirname, '../..');

/** How the edition's stylesheet (transform/common/name-order.xsl, compiled into html.sef.json) files a person. */
export interface Filing { surname: string; forename: string; heading: string; sortKey: string; letter: string }

let sef: unknown;
export async function filing(personXml: string): Promise<Filing> {
  sef ??= JSON.parse(readFileSync(path.join(repo, 'dist/transform/html.sef.json'), 'utf8'));
  const doc = await SaxonJS.getResource({ text: personXml, type: 'xml' });
  const call = (fn: string) =>
    SaxonJS.transform({ stylesheetInternal: sef, initialFunction: `Q{urn:tei-edition}${fn}`, functionParams: [doc.documentElement], destination: 'raw' }).principalResult;
  const parts = call('name-parts') as Map<string, string> | Record<string, string>;
  const get = (k: string) => String((parts instanceof Map ? parts.get(k) : parts[k]) ?? '');
  return { surname: get('surname'), forename: get('forename'), heading: String(call('index-heading')), sortKey: String(call('sort-key')), letter: String(call('index-letter')) };
}
