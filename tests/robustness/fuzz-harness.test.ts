/**
 * The fuzzing harness itself: cases are reproducible from the seed, and its checks of the
 * editions' output see what they must (a check that cannot fail would pass anything).
 */
import { describe, expect, it } from 'vitest';
import { htmlProblems, MAX_PAGE_DEPTH, printCssProblems } from '../../fuzz/check.js';
import { printStylesheet, transformToPrintHtml } from '../../src/publish/print.js';
import { parseTei } from '../../src/publish/html.js';

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
    // Addresses without a scheme that browsers read as another host's.
    expect(htmlProblems(ok.replace('https://example.org/', '//evil.example/'))).toEqual(['off-site link href="//evil.example/" on <a>']);
    expect(htmlProblems(ok.replace('https://example.org/', '/\\evil.example/'))).toEqual(['off-site link href="/\\evil.example/" on <a>']);
  });

  it("finds input text in a print page's CSS: only the edition's stylesheet, once, and no style attribute", () => {
    const doc = parseTei('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T /*te:css*/ \\" url(x)</title></titleStmt></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>');
    const print = transformToPrintHtml({ documents: [{ stem: 'd', doc }], single: {} });
    expect(printCssProblems(print, printStylesheet('a4'))).toEqual([]);
    expect(printCssProblems(print.replace('</style>', '.rh::after { content: "T" }</style>'), printStylesheet('a4'))).toEqual(["the print page's style element is not the edition's stylesheet"]);
    expect(printCssProblems(print.replace('</head>', '<style>p{}</style></head>'), printStylesheet('a4'))).toEqual(['2 style elements in the print page (one expected)']);
    expect(printCssProblems(print.replace('<body', '<body style="background: url(x)"'), printStylesheet('a4'))).toEqual(['a style attribute in the print page']);
  });

  it('accepts a page as deep as TEI the editions accept makes it, and finds one deeper than browsers build', () => {
    const nested = (n: number): string => `<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>${'<span>'.repeat(n)}deep${'</span>'.repeat(n)}</body></html>`;
    // 200 levels of TEI (the scan's limit) inside the page's own frame (case 2028-90488: 203).
    expect(htmlProblems(nested(220))).toEqual([]);
    expect(htmlProblems(nested(600))).toEqual([`page nested more than ${MAX_PAGE_DEPTH} elements deep (browsers re-parent deeper elements)`]);
  });
});
