import { describe, expect, it } from 'vitest';
import { scoreDocument } from '../../src/quality/document.js';
import { makeGold, memoGold, memoTei, tei } from './fixtures.js';

const turnFigures = (variant?: string) => {
  const r = scoreDocument(memoGold(), memoTei(variant));
  return { turnP: r.turnP, turnR: r.turnR, turnF1: r.turnF1, boundaryF1: r.boundaryF1, attribution: r.attribution };
};

describe('speaker turns and attribution', () => {
  it('give 1 to the three turns as the gold has them', () => {
    expect(turnFigures()).toEqual({ turnP: 1, turnR: 1, turnF1: 1, boundaryF1: 1, attribution: 1 });
  });

  it('count a missing turn against recall, and its words as not attributed', () => {
    // 2 of 3 turns found, none invented; 9 of the 16 in-turn words in a turn of their speaker.
    const r = turnFigures('missing-turn');
    expect(r.turnP).toBe(1);
    expect(r.turnR).toBeCloseTo(2 / 3, 10);
    expect(r.turnF1).toBeCloseTo(0.8, 10);
    expect(r.boundaryF1).toBeCloseTo(0.8, 10);
    expect(r.attribution).toBeCloseTo(9 / 16, 10);
  });

  it('count a turn given to the wrong speaker in turnF1 and attribution, not in boundary F1', () => {
    const r = turnFigures('wrong-speaker');
    expect(r.turnP).toBeCloseTo(2 / 3, 10);
    expect(r.turnR).toBeCloseTo(2 / 3, 10);
    expect(r.boundaryF1).toBe(1);
    expect(r.attribution).toBeCloseTo(9 / 16, 10);
  });

  it('count a turn split in two: the second half is a turn the gold does not have', () => {
    const gold = makeGold('Smith: We must meet tomorrow. Then it is settled.', { turns: [['Smith', 'smith', 'We must meet tomorrow. Then it is settled.']] });
    const r = scoreDocument(gold, tei('<sp who="#smith"><speaker>Smith</speaker><p>We must meet tomorrow.</p></sp><sp who="#smith"><speaker>Smith</speaker><p>Then it is settled.</p></sp>'));
    expect([r.turnP, r.turnR, r.attribution]).toEqual([0.5, 1, 1]);
    expect(r.turnF1).toBeCloseTo(2 / 3, 10);
  });

  it('are not applicable where the gold has no turns and the output none, and 0 where the output invented some', () => {
    const gold = makeGold('We must meet tomorrow.', {});
    expect(scoreDocument(gold, tei('<p>We must meet tomorrow.</p>'))).toMatchObject({ turnP: null, turnR: null, turnF1: null, boundaryF1: null, attribution: null });
    expect(scoreDocument(gold, tei('<sp><speaker>We</speaker><p>must meet tomorrow.</p></sp>'))).toMatchObject({ turnP: 0, turnR: null, turnF1: 0, boundaryF1: 0 });
  });
});
