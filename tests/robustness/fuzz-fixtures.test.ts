/**
 * Every case the fuzzing campaign found failing (tests/fixtures/fuzz/<seed>-<index>.{txt,xml}
 * with its .json: seed, mutations, what went wrong) goes through the same checks again
 * (import, validation, the editions) and must pass now. The checks run over dist/ (built by
 * `npm ci` / `npm run build`), as the campaign does.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const dir = path.join(repo, 'tests', 'fixtures', 'fuzz');
const scratch = mkdtempSync(path.join(tmpdir(), 'tei-edition-fuzz-replay-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Fixture {
  seed: string;
  index: number;
  kind: 'transcript' | 'tei';
  base: string;
  mutations: string[];
  findings: { kind: string; stage: string; detail: string }[];
}

const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const meta = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Fixture;
    const stem = f.replace(/\.json$/, '');
    const input = path.join(dir, `${stem}.${meta.kind === 'tei' ? 'xml' : 'txt'}`);
    return { stem, meta, input };
  });

describe('fuzz cases found failing, replayed', () => {
  it('has a saved input for every fixture', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    for (const f of fixtures) expect(existsSync(f.input), f.input).toBe(true);
  });

  it('passes every check now (no crash, invalid output, lost text or unclear error)', async () => {
    const { checkBatch } = (await import('../../fuzz/check.js')) as typeof import('../../fuzz/check.js');
    const cases = fixtures.map((f) => ({ ...f.meta, bytes: readFileSync(f.input) }));
    // How long each case's import took (a case that once hung there must be quick now).
    const importMs = new Map<number, number>();
    let current: { index: number; stage: string; at: number } | null = null;
    const progress = (index: number, stage: string): void => {
      const now = performance.now();
      if (current?.stage === 'import') importMs.set(current.index, now - current.at);
      current = { index, stage, at: now };
    };
    const results = await checkBatch(cases, scratch, { progress });
    for (const f of fixtures) {
      if (f.meta.findings.some((x) => x.kind === 'hang' && x.stage === 'import')) expect(importMs.get(f.meta.index), f.stem).toBeLessThan(10_000);
    }
    const failing = results.flatMap((r, k) => r.findings.map((x) => `${fixtures[k]!.stem} (was: ${fixtures[k]!.meta.findings[0]?.kind}): ${x.kind} in ${x.stage}: ${x.detail.split('\n')[0]}`));
    expect(failing).toEqual([]);
    // A case that crashed or lost text in the importer now imports (or is refused with a clear error).
    results.forEach((r, k) => expect(r.outcome, fixtures[k]!.stem).not.toMatch(/^(crash|refused:internal-error|refused:text-lost|invalid-tei)$/));
  });
});
