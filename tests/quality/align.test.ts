import { describe, expect, it } from 'vitest';
import { align } from '../../src/quality/align.js';

const pairs = (a: string[], b: string[]): [number, number][] => {
  const { aToB } = align(a, b);
  return [...aToB].flatMap((j, i) => (j >= 0 ? [[i, j] as [number, number]] : []));
};

describe('align', () => {
  it('aligns equal sequences one to one', () => {
    expect(pairs(['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual([[0, 0], [1, 1], [2, 2]]);
  });

  it('leaves out what only one side has (a longest common subsequence)', () => {
    expect(pairs(['we', 'must', 'meet', 'again'], ['march', 'we', 'meet', 'again', 'soon'])).toEqual([[0, 1], [2, 2], [3, 3]]);
  });

  it('keeps the two maps consistent', () => {
    const a = 'x a b x c d x'.split(' ');
    const b = 'a x b c x d'.split(' ');
    const { aToB, bToA } = align(a, b);
    aToB.forEach((j, i) => {
      if (j >= 0) expect(bToA[j]).toBe(i);
    });
    expect([...aToB].filter((j) => j >= 0).length).toBe(4);
  });

  it('aligns long texts through the tokens that occur once on each side', () => {
    // 3,000 × 3,000 tokens is beyond a full LCS table: the unique tokens anchor the alignment.
    const a = Array.from({ length: 3000 }, (_, i) => (i % 10 === 0 ? `u${i}` : 'the'));
    const b = ['extra', ...a.slice(0, 1500), 'inserted', ...a.slice(1500)];
    const { aToB } = align(a, b);
    expect(aToB[0]).toBe(1);
    expect(aToB[1499]).toBe(1500);
    expect(aToB[1500]).toBe(1502);
    expect(aToB[2999]).toBe(3001);
  });
});
