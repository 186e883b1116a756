/**
 * Run Schematron in-process with SaxonJS.
 *
 * The schema is compiled to XSLT by schematron-compile.ts (milliseconds, cached per process).
 * SaxonJS runs XSLT only once it is compiled to SEF; compiling takes SaxonJS about 1.5 s, so
 * the project's rules ship precompiled (schema/compiled/<name>.sef.json, made by
 * `node dist/validate/build-schematron.js` with xslt3, a development dependency) together
 * with the SHA-256 of the XSLT they were made from. When that file is missing or was made from
 * other rules (an edited .sch, another schema), the XSLT is compiled at run time through
 * XPath 3.1 fn:transform, once per batch of documents: slower to start, same results.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { saxon } from '../util/saxon.js';
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

export interface LoadedSchematron extends CompiledSchematron {
  path: string;
  /** SHA-256 (hex) of the XSLT. */
  sha256: string;
  /** The precompiled stylesheet, when one matching the XSLT was found. */
  sef: unknown | null;
}

/** Where the precompiled stylesheet of a schema lives, and the hash it was made from. */
export function compiledPaths(schPath: string): { sef: string; sha256: string } {
  const dir = join(dirname(schPath), 'compiled');
  return { sef: join(dir, `${basename(schPath)}.sef.json`), sha256: join(dir, `${basename(schPath)}.sha256`) };
}

const cache = new Map<string, { mtimeMs: number; size: number; loaded: LoadedSchematron }>();

/** Compile a Schematron file, and find its precompiled SEF (cached while the file is unchanged). */
export function loadSchematron(path: string): LoadedSchematron {
  const st = statSync(path);
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.loaded;
  const compiled = compileSchematron(readFileSync(path, 'utf8'));
  const sha256 = createHash('sha256').update(compiled.xslt).digest('hex');
  const where = compiledPaths(path);
  let sef: unknown | null = null;
  if (existsSync(where.sef) && existsSync(where.sha256) && readFileSync(where.sha256, 'utf8').trim() === sha256) {
    sef = JSON.parse(readFileSync(where.sef, 'utf8')) as unknown;
  }
  const loaded: LoadedSchematron = { ...compiled, path, sha256, sef };
  cache.set(path, { mtimeMs: st.mtimeMs, size: st.size, loaded });
  return loaded;
}

/** Batches stay below this many characters of document text. */
const BATCH_CHARS = 16 * 1024 * 1024;

/** Check documents; returns, per input, the failed asserts and successful reports. */
export function runSchematron(schema: LoadedSchematron, inputs: SchematronInput[]): SchematronFinding[][] {
  const results: SchematronFinding[][] = [];
  let start = 0;
  while (start < inputs.length) {
    let end = start;
    let chars = 0;
    // Without a precompiled stylesheet each batch compiles the XSLT: make batches large.
    // With one, 50 documents per transform: as fast as 200, fewer parsed trees alive at once.
    const limit = schema.sef ? 50 : Number.POSITIVE_INFINITY;
    while (end < inputs.length && end - start < limit && (end === start || chars + inputs[end]!.text.length <= BATCH_CHARS)) {
      chars += inputs[end]!.text.length;
      end++;
    }
    results.push(...runBatch(schema, inputs.slice(start, end)));
    start = end;
  }
  return results;
}

function runBatch(schema: LoadedSchematron, inputs: SchematronInput[]): SchematronFinding[][] {
  if (inputs.length === 0) return [];
  const texts = inputs.map((i) => i.text);
  const params = JSON.stringify(inputs.map((i) => i.params ?? {}));
  let json: unknown;
  if (schema.sef) {
    const result = saxon().transform({
      stylesheetInternal: schema.sef,
      initialTemplate: 'validate-batch',
      stylesheetParams: { texts, params },
      destination: 'raw',
    });
    json = result.principalResult;
  } else {
    json = saxon().XPath.evaluate(
      `transform(map{
         'stylesheet-text': $xslt,
         'initial-template': QName('', 'validate-batch'),
         'stylesheet-params': map{ QName('', 'texts'): $texts, QName('', 'params'): $params },
         'delivery-format': 'raw'
       })?output`,
      null,
      { params: { xslt: schema.xslt, texts, params } },
    );
  }
  if (typeof json !== 'string') throw new Error(`Schematron ${schema.path}: the compiled rules returned no result`);
  const parsed = JSON.parse(json) as SchematronFinding[][];
  if (parsed.length !== inputs.length) throw new Error(`Schematron ${schema.path}: ${parsed.length} results for ${inputs.length} documents`);
  return parsed;
}

/** Below this many documents a batch is checked on the calling thread. */
const PARALLEL_FROM = 48;

/**
 * Check documents on several threads: the batch is cut into at most `maxWorkers` shares
 * (default: the number of cores); the calling thread checks the first share itself, a worker
 * each of the others. (A worker spends about 0.6 s of CPU loading SaxonJS and the rules, which
 * the calling thread has already done: one worker fewer is that much less work.) Small
 * batches, a single core, or running from the TypeScript sources (no compiled worker script)
 * check on the calling thread only. The results are the same either way.
 */
export async function runSchematronParallel(schema: LoadedSchematron, inputs: SchematronInput[], maxWorkers = availableParallelism()): Promise<SchematronFinding[][]> {
  const script = fileURLToPath(new URL('./schematron-worker.js', import.meta.url));
  const workers = Math.min(maxWorkers, Math.floor(inputs.length / (PARALLEL_FROM / 2)));
  if (workers < 2 || !existsSync(script)) return runSchematron(schema, inputs);
  const size = Math.ceil(inputs.length / workers);
  const shares = Array.from({ length: workers }, (_, i) => inputs.slice(i * size, (i + 1) * size)).filter((s) => s.length > 0);
  const [own, ...others] = shares;
  const running = Promise.all(
    others.map(
      (share) =>
        new Promise<SchematronFinding[][]>((resolve, reject) => {
          const worker = new Worker(script, { workerData: { path: schema.path, inputs: share } });
          worker.once('message', (m: { ok: boolean; results?: SchematronFinding[][]; error?: string }) => {
            void worker.terminate();
            if (m.ok) resolve(m.results!);
            else reject(new Error(`Schematron ${schema.path}: ${m.error}`));
          });
          worker.once('error', reject);
        }),
    ),
  );
  // The workers are started: check the first share here while they run.
  let mine: SchematronFinding[][];
  try {
    mine = runSchematron(schema, own!);
  } catch (e) {
    running.catch(() => undefined);
    throw e;
  }
  return [...mine, ...(await running).flat()];
}
