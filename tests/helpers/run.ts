import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process, as `tei-edition …` would, and capture what it prints. */
export async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

export function tempDir(prefix = 'tei-edition-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export const repo = path.resolve(import.meta.dirname, '../..');
import { corpus, referenceScorer, teiAll } from './corpus.js';
export { corpus, referenceScorer, teiAll };
