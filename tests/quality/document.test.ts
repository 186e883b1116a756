import { describe, expect, it } from 'vitest';
import { scoreDocument } from '../../src/quality/document.js';
import { memoGold, memoTei } from './fixtures.js';

describe('scoreDocument: validity and documents that cannot be scored', () => {
  it('counts a TEI document as valid', () => {
    expect(scoreDocument(memoGold(), memoTei())).toMatchObject({ valid: true, error: null });
  });

  it('scores a root outside the TEI namespace as invalid, but still measures what it holds', () => {
    const r = scoreDocument(memoGold(), memoTei('no-namespace'));
    expect(r.valid).toBe(false);
    expect(r.error).toMatch(/not a TEI document/);
    expect(r).toMatchObject({ turnF1: 1, conservation: 1 });
  });

  it('scores a missing output and one that is not XML 0 on every metric the gold has items for', () => {
    const gold = memoGold();
    for (const [xml, error] of [
      [null, /^missing$/],
      [gold.transcript, /^not well-formed/],
    ] as const) {
      const r = scoreDocument(gold, xml);
      expect(r.error).toMatch(error);
      expect(r).toMatchObject({ valid: false, turnP: 0, turnR: 0, turnF1: 0, boundaryF1: 0, attribution: 0, noteAnchor: 0, noteFound: 0, bracketAcc: 0, conservation: 0 });
      expect(r.counts.conservation).toEqual([0, 180]);
      expect(r.counts.attribution).toEqual([0, 16]);
    }
  });

  it('leaves the metrics without gold items not applicable for a missing output', () => {
    const gold = { ...memoGold(), turns: [], notes: [], brackets: [] };
    expect(scoreDocument(gold, null)).toMatchObject({ turnF1: null, attribution: null, noteAnchor: null, bracketAcc: null, conservation: 0 });
  });
});
