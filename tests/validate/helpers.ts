/** Shared helpers of the validator tests: fixture paths, expectations, and jing. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';

export const repo = path.resolve(import.meta.dirname, '../..');
import { corpus, referenceScorer, teiAll } from '../helpers/corpus.js';
export { corpus, referenceScorer, teiAll };
export const fixtures = path.join(repo, 'tests/fixtures/validate');
export const editionRng = path.join(repo, 'schema/tei-edition.rng');
export const editionSch = path.join(repo, 'schema/tei-edition.sch');
export const editionOdd = path.join(repo, 'schema/tei-edition.odd');
export const teiAllRng = teiAll;
export const frusDir = path.join(corpus, 'frus-sample');

/** The XML files of a fixture folder, sorted, as absolute paths. */
export function xmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The TEI the importer wrote (source/tei/*.xml), when there is any. */
export const sourceTei = xmlFiles(path.join(repo, 'source/tei'));

export interface Expectation {
  source: string;
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  line: number;
  /** A fragment the message must contain. */
  reason?: string;
}

/**
 * The messages a fixture expects, written in it as comments on the line where the message
 * belongs: <!-- expect: SOURCE RULE-ID SEVERITY ["fragment of the reason"] -->
 */
export function expectations(file: string): Expectation[] {
  const out: Expectation[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      for (const m of text.matchAll(/<!-- expect: (\S+) (\S+) (error|warning|info)(?: "([^"]*)")? -->/g)) {
        out.push({ source: m[1]!, ruleId: m[2]!, severity: m[3] as Expectation['severity'], line: i + 1, ...(m[4] ? { reason: m[4].replace(/&quot;/g, '"') } : {}) });
      }
    });
  return out;
}

export function severity(fatal: boolean | null | undefined): Expectation['severity'] {
  return fatal === true ? 'error' : fatal === false ? 'warning' : 'info';
}

/** A vfile's messages as "source rule-id severity line" keys, sorted. */
export function messageKeys(file: VFile): string[] {
  return file.messages.map((m) => `${m.source} ${m.ruleId} ${severity(m.fatal)} ${m.line}`).sort();
}

export function expectationKeys(list: Expectation[]): string[] {
  return list.map((e) => `${e.source} ${e.ruleId} ${e.severity} ${e.line}`).sort();
}

export interface JingError {
  line: number;
  column: number;
  message: string;
  /** A well-formedness error (jing stops reading the document there). */
  fatal?: boolean;
}

/**
 * Validate files with jing (Debian package), the TEI community's reference validator, in one
 * run. Returns the errors per file (an empty list for a valid file).
 */
export function jing(schema: string, files: string[]): Map<string, JingError[]> {
  const result = new Map<string, JingError[]>(files.map((f) => [path.resolve(f), []]));
  let rest = files.map((f) => path.resolve(f));
  while (rest.length > 0) {
    const r = spawnSync('jing', [schema, ...rest], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    const output = `${r.stdout}\n${r.stderr}`;
    let fatalAt = -1;
    for (const row of output.split('\n')) {
      const m = /^(.*?):(\d+):(\d+): (error|fatal): (.*)$/.exec(row);
      if (!m) continue;
      const file = path.resolve(m[1]!);
      result.get(file)?.push({ line: Number(m[2]), column: Number(m[3]), message: m[5]!, ...(m[4] === 'fatal' ? { fatal: true } : {}) });
      if (m[4] === 'fatal') fatalAt = rest.indexOf(file);
    }
    if (r.status !== 0 && rest.every((f) => result.get(f)!.length === 0)) throw new Error(`jing failed without reporting errors:\n${output}`);
    // jing stops at the first document that is not well-formed: go on after it.
    rest = fatalAt >= 0 ? rest.slice(fatalAt + 1) : [];
  }
  return result;
}

/** Whether jing is installed (the tests that compare with it need it). */
export const hasJing = spawnSync('jing', [], { encoding: 'utf8' }).error === undefined;
