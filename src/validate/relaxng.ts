/**
 * RELAX NG validation in-process, in TypeScript (rng/): the grammar is compiled once and kept
 * in memory (per path, while its files are unchanged), documents are parsed by xml-parse.ts
 * (DOCTYPE internal subsets read within limits, no external DTD or entity fetched), their
 * XIncludes resolved inside the allowed folder (xinclude.ts), and every error reported with
 * jing's message at jing's line and column.
 */
import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
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
  entities: EntityLimits;
}

const cache = new Map<string, { stamp: string; schema: RelaxNGSchema }>();

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
  if (hit && hit.stamp === stampOf(hit.schema.grammar.files)) return hit.schema;
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

/** Validate documents against a grammar; per document, its issues (empty when valid). */
export async function validateRelaxNG(docs: DocumentInput[], schema: RelaxNGSchema, limits: EngineLimits = { maxBytes: 32 * 1024 * 1024, entities: defaultEntityLimits }): Promise<GrammarIssue[][]> {
  return docs.map((doc) => validateDocument(doc, schema.grammar, limits));
}

export function validateDocument(doc: DocumentInput, grammar: CompiledGrammar, limits: EngineLimits): GrammarIssue[] {
  const lines = new LineIndex(doc.text);
  const at = (offset: number): { line: number; column: number } => lines.lineColumn(offset);
  const issues: GrammarIssue[] = [];
  const validator = new DocumentValidator(grammar, doc.text);
  let root = doc.root;
  let file: string | null = null;
  if (doc.path !== null) {
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
