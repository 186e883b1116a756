/** Types of fuzz/check.js, for the tests that replay saved cases. */
export interface Finding {
  kind: 'crash' | 'hang' | 'invalid-output' | 'conservation' | 'unclear';
  stage: string;
  detail: string;
}
export interface FuzzCase {
  index: number;
  kind: 'transcript' | 'tei';
  bytes: Uint8Array;
}
export interface CaseResult {
  findings: Finding[];
  outcome: string;
  written?: string;
}
export const teiAll: string;
export const hasPrint: boolean;
export const MAX_PAGE_DEPTH: number;
export function htmlProblems(html: string, options?: { allowStyle?: boolean }): string[];
export function printCssProblems(html: string, css: string): string[];
export function checkBatch(cases: FuzzCase[], dir: string, options?: { progress?: (index: number, stage: string) => void; print?: boolean; printEvery?: number; maxBytes?: number }): Promise<CaseResult[]>;
export function teiAllProblems(files: string[], timeoutMs?: number): Promise<Map<string, string[]>>;
