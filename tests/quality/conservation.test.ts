import { describe, expect, it } from 'vitest';
import { goldWords, scoreConservation } from '../../src/quality/conservation.js';
import { scoreDocument } from '../../src/quality/document.js';
import { makeGold, memoGold, memoTei, tei } from './fixtures.js';

describe('text conservation', () => {
  it('is 1 when every word of the transcript stands somewhere in the TEI', () => {
    expect(scoreDocument(memoGold(), memoTei()).conservation).toBe(1);
  });

  it('weights lost words by their length', () => {
    // The memorandum's words weigh 180 letters; "plan is good" weighs 10 ("is" occurs twice, once lost).
    const r = scoreDocument(memoGold(), memoTei('lost-text'));
    expect(r.counts.conservation).toEqual([170, 180]);
    expect(r.conservation).toBeCloseTo(170 / 180, 10);
    expect(r.missingWords).toEqual([
      { word: 'plan', missing: 1 },
      { word: 'is', missing: 1 },
      { word: 'good', missing: 1 },
    ]);
  });

  it('leaves out the layout boilerplate, the note markers and the word in [sic]', () => {
    const words = goldWords(memoGold());
    expect(words).not.toContain('skip');
    expect(words).not.toContain('information');
    expect(words.filter((w) => w === '1')).toEqual(['1']); // "March 1", not the two markers "[1]"
    expect(goldWords(makeGold('It is god [sic].', { brackets: [['[sic]', 'sic']] }))).toEqual(['it', 'is', 'god']);
  });

  it("counts the header, the notes and <gap>'s @reason as produced text", () => {
    const gold = makeGold('Title. We [illegible] meet.', { brackets: [['[illegible]', 'gap']] });
    expect(scoreDocument(gold, tei('<p>We <gap reason="illegible"/> meet.</p>', '<title>Title</title>')).conservation).toBe(1);
  });

  it('compares multisets: a word twice in the gold and once in the TEI is half kept', () => {
    expect(scoreConservation(makeGold('no no', {}), ['no']).conservation).toBe(0.5);
  });
});
