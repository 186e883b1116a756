/**
 * RELAX NG validation in-process, in TypeScript (rng/): the grammar is compiled once and kept
 * in memory (per path, while its files are unchanged), documents are parsed by xml-parse.ts
 * (DOCTYPE internal subsets read within limits, no external DTD or entity fetched), their
 * XIncludes resolved inside the allowed folder (xinclude.ts), and every error reported with
 * jing's message at jing's line and column. Large batches are shared with worker threads.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compileGrammar, SchemaError, type CompiledGrammar } from './rng/schema.js';
import { DocumentValidator } from './rng/validator.js';
import { defaultEntityLimits, parseXml, XmlSyntaxError, type DoctypeInfo, type EntityLimits, type ParseHandler } from './xml-parse.js';
import { xincludeHandler } from './xinclude.js';
import { LineIndex } from './scan.js';

export { SchemaError };

export interface RelaxNGSchema {
  /** Path of the grammar (for messages). */
  path: string;
  grammar: CompiledGrammar;
}

export interface GrammarIssue {
  source: 'relaxng' | 'xml' | 'xinclude';
  ruleId: string;
  message: string;
  line: number | null;
  column: number | null;
  /** false: a warning (an external DTD not read, an include replaced by its fallback). */
  fatal?: boolean;
}

export interface DocumentInput {
  text: string;
  /** Where the document is (XIncludes are resolved from there); null: no XInclude. */
  path: string | null;
  /** The folder XIncludes may read from. */
  root: string;
}

export interface EngineLimits {
  maxBytes: number;
  /** Deepest element nesting (checked by scan.ts for the document, here for what it includes). */
  maxDepth?: number;
  entities: EntityLimits;
}

const cache = new Map<string, { stamp: string; schema: RelaxNGSchema }>();
const MAX_PATTERNS = 2_000_000;

function stampOf(files: string[]): string {
  return files
    .map((f) => {
      try {
        const st = statSync(f);
        return `${f}:${st.mtimeMs}:${st.size}`;
      } catch {
        return `${f}:missing`;
      }
    })
    .join('|');
}

/** Load a grammar (XML syntax) and compile it, or take the compiled one kept from an earlier call. */
export function loadRelaxNG(path: string): RelaxNGSchema {
  const hit = cache.get(path);
  // The memoised derivatives grow with the documents seen: past a bound, start afresh.
  if (hit && hit.stamp === stampOf(hit.schema.grammar.files) && hit.schema.grammar.builder.size < MAX_PATTERNS) return hit.schema;
  try {
    statSync(path);
  } catch (e) {
    throw new SchemaError(`cannot read the grammar ${path}: ${(e as Error).message}`);
  }
  const grammar = compileGrammar(path);
  const schema = { path, grammar };
  cache.set(path, { stamp: stampOf(grammar.files), schema });
  return schema;
}

/** Below this many documents (or this many characters) a batch is validated on the calling thread. */
const PARALLEL_DOCS = 24;
const PARALLEL_CHARS = 2 * 1024 * 1024;

/**
 * Validate documents against a grammar; per document, its issues (empty when valid). Large
 * batches are shared between the calling thread and `workers - 1` worker threads (each compiles
 * the grammar once); small ones, a single core, or running from the TypeScript sources (no
 * compiled worker script) stay on the calling thread. The results are the same either way.
 */
export async function validateRelaxNG(
  docs: DocumentInput[],
  schema: RelaxNGSchema,
  limits: EngineLimits = { maxBytes: 32 * 1024 * 1024, entities: defaultEntityLimits },
  workers = availableParallelism(),
): Promise<GrammarIssue[][]> {
  const script = fileURLToPath(new URL('./relaxng-worker.js', import.meta.url));
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  const threads = Math.min(workers, Math.floor(docs.length / (PARALLEL_DOCS / 2)));
  if (threads < 2 || chars < PARALLEL_CHARS || !existsSync(script)) return docs.map((doc) => validateDocument(doc, schema.grammar, limits));
  // Shares of about equal size in characters, in order.
  const shares: DocumentInput[][] = Array.from({ length: threads }, () => []);
  let acc = 0;
  for (const d of docs) {
    const k = Math.min(threads - 1, Math.floor((acc / chars) * threads));
    shares[k]!.push(d);
    acc += d.text.length;
  }
  const pending = shares.slice(1).map(
    (share) =>
      new Promise<GrammarIssue[][]>((resolveShare, reject) => {
        const worker = new Worker(script, { workerData: { path: schema.path, docs: share, limits } });
        worker.once('message', (m: { ok: boolean; results?: GrammarIssue[][]; error?: string }) => {
          void worker.terminate();
          if (m.ok) resolveShare(m.results!);
          else reject(new SchemaError(m.error ?? 'the grammar worker failed'));
        });
        worker.once('error', reject);
      }),
  );
  const first = shares[0]!.map((doc) => validateDocument(doc, schema.grammar, limits));
  const rest = await Promise.all(pending);
  return [first, ...rest].flat();
}

export function validateDocument(doc: DocumentInput, grammar: CompiledGrammar, limits: EngineLimits): GrammarIssue[] {
  let lines: LineIndex | null = null;
  const at = (offset: number): { line: number; column: number } => (lines ??= new LineIndex(doc.text)).lineColumn(offset);
  const issues: GrammarIssue[] = [];
  const validator = new DocumentValidator(grammar, doc.text);
  let root = doc.root;
  let file: string | null = null;
  // XInclude only for documents that mention its namespace (the others skip a layer of events).
  if (doc.path !== null && doc.text.includes('http://www.w3.org/200')) {
    try {
      file = realpathSync(doc.path);
      root = realpathSync(doc.root);
      const rel = relative(root, file);
      if (rel.startsWith('..') || isAbsolute(rel)) root = dirname(file);
    } catch {
      file = resolve(doc.path);
    }
  }
  const onDoctype = (info: DoctypeInfo): void => {
    if (info.systemId !== null) {
      const { line, column } = at(info.start);
      issues.push({
        source: 'xml',
        ruleId: 'doctype-external',
        message: `The DOCTYPE names the external DTD "${info.systemId}"; it was not read (no DTD, external entity or parameter entity ever is), and the document was validated without it.`,
        line,
        column,
        fatal: false,
      });
    }
  };
  let handler: ParseHandler & { problems?: { offset: number; message: string; fatal: boolean }[] };
  if (file !== null) {
    handler = xincludeHandler(validator, file, {
      root,
      maxBytes: limits.maxBytes,
      maxIncludes: 200,
      maxDepth: 10,
      maxNesting: limits.maxDepth ?? 200,
      entityLimits: limits.entities,
      onInclude: (href) => {
        validator.context = href === null ? '' : ` (in the content included from ${href})`;
      },
    });
  } else handler = validator;
  handler.doctype = onDoctype;
  try {
    parseXml(doc.text, handler, limits.entities);
  } catch (e) {
    if (!(e instanceof XmlSyntaxError)) throw e;
    const { line, column } = at(e.offset);
    issues.push({ source: 'xml', ruleId: e.ruleId, message: e.message, line, column });
    if (e.ruleId === 'doctype') return issues.filter((x) => x.ruleId === 'doctype');
  }
  for (const p of handler.problems ?? []) {
    const { line, column } = at(p.offset);
    issues.push({ source: 'xinclude', ruleId: p.fatal ? 'xinclude' : 'xinclude-fallback', message: p.fatal ? p.message : `${p.message} Its xi:fallback was used.`, line, column, ...(p.fatal ? {} : { fatal: false }) });
  }
  for (const i of validator.issues) {
    const { line, column } = at(i.offset);
    issues.push({ source: 'relaxng', ruleId: i.ruleId, message: i.message, line, column });
  }
  return issues;
}
