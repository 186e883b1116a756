import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/quality/corpus.js';
import { scoreDocument } from '../../src/quality/document.js';
import { microApplicable } from '../../src/quality/pool.js';
import { makeGold, memoGold, memoTei, tei } from './fixtures.js';

describe('pooled figures', () => {
  const gold = memoGold();
  const corpus = summarise([scoreDocument(gold, memoTei()), scoreDocument(gold, memoTei('missing-turn')), scoreDocument(gold, memoTei('wrong-bracket'))]);

  it('MACRO: the mean of each document figure', () => {
    expect(corpus.macro.turnF1).toBeCloseTo((1 + 0.8 + 1) / 3, 10);
    expect(corpus.macro.bracketAcc).toBeCloseTo((1 + 1 + 0.5) / 3, 10);
    expect(corpus.macro.valid).toBe(1);
  });

  it('MICRO: the counts pooled, then the metric', () => {
    // 8 of 9 gold turns found, 8 produced; 5 of 6 brackets right; 9 + 16 + 16 of 48 in-turn words.
    expect(corpus.micro).toMatchObject({ turnP: 1, goldTurns: 9, producedTurns: 8, goldNotes: 3, goldBrackets: 6, documents: 3 });
    expect(corpus.micro.turnR).toBeCloseTo(8 / 9, 10);
    expect(corpus.micro.turnF1).toBeCloseTo(16 / 17, 10);
    expect(corpus.micro.bracketAcc).toBeCloseTo(5 / 6, 10);
    expect(corpus.micro.attribution).toBeCloseTo(41 / 48, 10);
  });

  it('adds up the confusion tables', () => {
    expect(corpus.confusion).toEqual({ supplied: { supplied: 2, unclear: 1 }, gap: { gap: 3 } });
  });

  it('MACRO leaves out the documents where a metric does not apply; MICRO gives such a figure 1, which the tables print as "-"', () => {
    const none = summarise([scoreDocument(makeGold('We meet.', {}), tei('<p>We meet.</p>'))]);
    expect(none.macro).toMatchObject({ turnF1: null, noteAnchor: null, bracketAcc: null, conservation: 1 });
    expect(none.micro).toMatchObject({ turnP: 1, turnR: 1, noteAnchor: 1, bracketAcc: 1, goldTurns: 0, goldNotes: 0, goldBrackets: 0 });
    expect(microApplicable(none.micro)).toMatchObject({ turnP: null, turnR: null, turnF1: null, noteAnchor: null, bracketAcc: null, conservation: 1 });
  });
});
