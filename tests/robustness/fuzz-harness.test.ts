/**
 * The fuzzing harness itself: cases are reproducible from the seed, and its checks of the
 * editions' output see what they must (a check that cannot fail would pass anything).
 */
import { describe, expect, it } from 'vitest';
import { htmlProblems, MAX_PAGE_DEPTH } from '../../fuzz/check.js';

describe('the fuzzing harness', () => {
  it('makes the same case from the same seed and index, and another from another', async () => {
    const { loadCorpus } = (await import('../../fuzz/corpus.js')) as { loadCorpus: () => unknown };
    const { makeCase } = (await import('../../fuzz/mutate.js')) as { makeCase: (seed: string, index: number, corpus: unknown) => { bytes: Buffer; mutations: string[]; base: string } };
    const corpus = loadCorpus();
    const a = makeCase('s', 7, corpus);
    const b = makeCase('s', 7, corpus);
    expect(b.bytes.equals(a.bytes)).toBe(true);
    expect(b.mutations).toEqual(a.mutations);
    const others = [8, 9, 10].map((i) => makeCase('s', i, corpus).bytes);
    expect(others.some((o) => !o.equals(a.bytes))).toBe(true);
  });

  it('finds script, event handlers, script URLs and malformed markup in a page', () => {
    const ok = '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><script src="edition.js" defer="defer"></script></head><body><p>&lt;script&gt;</p><a href="https://example.org/">x</a></body></html>';
    expect(htmlProblems(ok)).toEqual([]);
    expect(htmlProblems(ok.replace('<p>&lt;script&gt;</p>', '<script>alert(1)</script>'))).toEqual(['script element {}']);
    expect(htmlProblems(ok.replace('<p>', '<p onclick="alert(1)">'))).toEqual(['event-handler attribute onclick="alert(1)" on <p>']);
    expect(htmlProblems(ok.replace('https://example.org/', ' java&#x0A;script:alert(1)'))).toHaveLength(1);
    expect(htmlProblems(ok.replace('</p>', ''))[0]).toMatch(/^HTML not well-formed/);
    expect(htmlProblems(ok.replace('<body>', '<body><style>p{}</style>'))).toEqual(['<style> element']);
    expect(htmlProblems(ok.replace('<body>', '<body><style>p{}</style>'), { allowStyle: true })).toEqual([]);
  });

  it('accepts a page as deep as TEI the editions accept makes it, and finds one deeper than browsers build', () => {
    const nested = (n: number): string => `<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>${'<span>'.repeat(n)}deep${'</span>'.repeat(n)}</body></html>`;
    // 200 levels of TEI (the scan's limit) inside the page's own frame (case 2028-90488: 203).
    expect(htmlProblems(nested(220))).toEqual([]);
    expect(htmlProblems(nested(600))).toEqual([`page nested more than ${MAX_PAGE_DEPTH} elements deep (browsers re-parent deeper elements)`]);
  });
});
