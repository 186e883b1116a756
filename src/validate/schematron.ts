/**
 * Run the project's Schematron in-process: the schema is compiled to XSLT by
 * schematron-compile.ts (cached per process), and SaxonJS compiles and runs that XSLT once
 * per batch of documents through XPath 3.1 fn:transform, its public API for stylesheets
 * given as source text.
 */
import { readFileSync, statSync } from 'node:fs';
import SaxonJS from 'saxon-js';
import { compileSchematron, type CompiledSchematron } from './schematron-compile.js';

export interface SchematronInput {
  /** The document, already checked by scan.ts (no DOCTYPE, bounded depth). */
  text: string;
  /** Values for the schema-level lets (e.g. register-ids, file-id). */
  params: Record<string, unknown>;
}

export interface SchematronFinding {
  /** The assert or report id (the rule id). */
  id: string;
  role: 'error' | 'warning' | 'info' | string;
  /** Element-position path of the failing node ("1/2/3", "1/2/@when"); "" for none. */
  path: string;
  message: string;
}

const cache = new Map<string, { mtimeMs: number; size: number; compiled: CompiledSchematron }>();

/** Compile a Schematron file (cached while the file is unchanged). */
export function loadSchematron(path: string): CompiledSchematron {
  const st = statSync(path);
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.compiled;
  const compiled = compileSchematron(readFileSync(path, 'utf8'));
  cache.set(path, { mtimeMs: st.mtimeMs, size: st.size, compiled });
  return compiled;
}

/** Batches stay below this many characters of document text (one compilation each). */
const BATCH_CHARS = 32 * 1024 * 1024;

/** Check documents; returns, per input, the failed asserts and successful reports. */
export function runSchematron(compiled: CompiledSchematron, inputs: SchematronInput[]): SchematronFinding[][] {
  const results: SchematronFinding[][] = [];
  let start = 0;
  while (start < inputs.length) {
    let end = start;
    let chars = 0;
    while (end < inputs.length && (end === start || chars + inputs[end]!.text.length <= BATCH_CHARS)) {
      chars += inputs[end]!.text.length;
      end++;
    }
    results.push(...runBatch(compiled, inputs.slice(start, end)));
    start = end;
  }
  return results;
}

function runBatch(compiled: CompiledSchematron, inputs: SchematronInput[]): SchematronFinding[][] {
  if (inputs.length === 0) return [];
  const batch = JSON.stringify(inputs.map((i) => ({ text: i.text, params: i.params })));
  const json = SaxonJS.XPath.evaluate(
    `transform(map{
       'stylesheet-text': $xslt,
       'initial-template': QName('', 'validate-batch'),
       'stylesheet-params': map{ QName('', 'batch'): $batch },
       'delivery-format': 'raw'
     })?output`,
    null,
    { params: { xslt: compiled.xslt, batch } },
  );
  if (typeof json !== 'string') throw new Error('Schematron: the compiled rules returned no result');
  const parsed = JSON.parse(json) as SchematronFinding[][];
  if (parsed.length !== inputs.length) throw new Error(`Schematron: ${parsed.length} results for ${inputs.length} documents`);
  return parsed;
}
