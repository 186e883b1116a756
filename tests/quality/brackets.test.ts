import { describe, expect, it } from 'vitest';
import { scoreDocument } from '../../src/quality/document.js';
import { makeGold, memoGold, memoTei, tei } from './fixtures.js';

describe('editorial brackets', () => {
  it('give each gold bracket the class of the element around its words', () => {
    const r = scoreDocument(memoGold(), memoTei());
    expect(r.bracketAcc).toBe(1);
    expect(r.confusion).toEqual({ supplied: { supplied: 1 }, gap: { gap: 1 } });
  });

  it('count a wrong class, and show it in the confusion table', () => {
    const r = scoreDocument(memoGold(), memoTei('wrong-bracket'));
    expect(r.bracketAcc).toBe(0.5);
    expect(r.confusion).toEqual({ supplied: { unclear: 1 }, gap: { gap: 1 } });
  });

  const gold = makeGold('We must meet [again] tomorrow; the [illegible] plan is god [sic].', {
    brackets: [
      ['[again]', 'supplied'],
      ['[illegible]', 'gap'],
      ['[sic]', 'sic'],
    ],
  });

  it('predict "none" for words kept without an element and "missing" for words lost', () => {
    const r = scoreDocument(gold, tei('<p>We must meet again tomorrow; the plan is god [sic].</p>'));
    expect(r.confusion).toEqual({ supplied: { none: 1 }, gap: { missing: 1 }, sic: { none: 1 } });
    expect(r.bracketAcc).toBe(0);
  });

  it('take the class of an empty element at the spot when the words are gone: <gap/>, a <sic> before [sic]', () => {
    const r = scoreDocument(gold, tei('<p>We must meet <supplied>again</supplied> tomorrow; the <gap reason="illegible"/> plan is <sic>god</sic>.</p>'));
    expect(r.confusion).toEqual({ supplied: { supplied: 1 }, gap: { gap: 1 }, sic: { sic: 1 } });
    expect(r.bracketAcc).toBe(1);
  });

  it('are not applicable without gold brackets', () => {
    expect(scoreDocument(makeGold('We meet.', {}), tei('<p>We <supplied>meet</supplied>.</p>')).bracketAcc).toBeNull();
  });
});
