import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/quality/corpus.js';
import { scoreDocument } from '../../src/quality/document.js';
import { confusionTable, documentTable, summaryTable } from '../../src/quality/report.js';
import { memoGold, memoTei } from './fixtures.js';

describe('report tables', () => {
  const gold = memoGold();
  const corpus = summarise([scoreDocument(gold, memoTei('wrong-speaker')), scoreDocument(gold, null)]);

  it('prints a row per document with its figures and what went wrong', () => {
    const rows = documentTable(corpus, 10);
    expect(rows[0]).toBe('document   valid turnP turnR turnF1 bndF1 attrib noteAnc brackAcc conserv');
    expect(rows[1]).toBe('memo         yes 0.667 0.667  0.667 1.000  0.563   1.000    1.000   0.972');
    expect(rows[2]).toBe('memo          NO 0.000 0.000  0.000 0.000  0.000   0.000    0.000   0.000  missing');
  });

  it('prints the confusion table with a row per gold class', () => {
    expect(confusionTable(corpus.confusion)).toEqual([
      'bracket confusion (row: gold class, column: predicted)',
      'gold        supplied       gap',
      'supplied           1         .',
      'gap                .         1',
    ]);
  });

  it('prints two lines per corpus in the summary: MICRO then MACRO', () => {
    const lines = summaryTable([{ name: 'memo', score: corpus }]);
    expect(lines).toEqual([
      'corpus pooled docs valid turnP turnR turnF1 bndF1 attrib noteAnc brackAcc conserv',
      'memo   MICRO     2 0.500 0.667 0.333  0.444 0.667  0.281   0.500    0.500   0.486',
      '       MACRO       0.500 0.333 0.333  0.333 0.500  0.281   0.500    0.500   0.486',
    ]);
  });
});
