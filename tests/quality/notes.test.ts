import { describe, expect, it } from 'vitest';
import { scoreDocument } from '../../src/quality/document.js';
import { wordJaccard } from '../../src/quality/notes.js';
import { makeGold, memoGold, memoTei, tei } from './fixtures.js';

describe('footnote anchors', () => {
  it('find the note at its marker, inline or as an end note a <ref> points to', () => {
    for (const variant of [undefined, 'end-note']) expect(scoreDocument(memoGold(), memoTei(variant))).toMatchObject({ noteFound: 1, noteAnchor: 1 });
  });

  it('find a note at the wrong place but do not count its anchor', () => {
    const r = scoreDocument(memoGold(), memoTei('note-misplaced'));
    expect(r).toMatchObject({ noteFound: 1, noteAnchor: 0 });
    expect(r.counts).toMatchObject({ notesFound: 1, notesAnchored: 0, notesProduced: 1 });
  });

  it('anchor a note at the element its @target names', () => {
    const gold = makeGold('We meet again.[1] Then it is settled.', { notes: [['[1]', 'A second meeting.']] });
    const xml = tei('<p>We meet again.<anchor xml:id="a1"/> Then it is settled.</p><note target="#a1">A second meeting.</note>');
    expect(scoreDocument(gold, xml)).toMatchObject({ noteFound: 1, noteAnchor: 1 });
  });

  it('leave out editorial and inline notes, and pair only notes with words alike', () => {
    const gold = makeGold('We meet again.[1] Then it is settled.', { notes: [['[1]', 'A second meeting was held in May.']] });
    const editorial = tei('<p>We meet again.<note type="editorial">A second meeting was held in May.</note> Then it is settled.</p>');
    expect(scoreDocument(gold, editorial)).toMatchObject({ noteFound: 0, noteAnchor: 0 });
    const unlike = tei('<p>We meet again.<note>Nothing of the kind.</note> Then it is settled.</p>');
    expect(scoreDocument(gold, unlike)).toMatchObject({ noteFound: 0, noteAnchor: 0 });
  });

  it('are not applicable without gold notes, even where the output has notes', () => {
    const gold = makeGold('We meet again.', {});
    expect(scoreDocument(gold, tei('<p>We meet again.<note>Invented.</note></p>'))).toMatchObject({ noteFound: null, noteAnchor: null });
  });

  it('compare note texts by word Jaccard', () => {
    expect(wordJaccard('A second meeting.', 'a SECOND meeting')).toBe(1);
    expect(wordJaccard('a b c d', 'a b')).toBe(0.5);
    expect(wordJaccard('', '')).toBe(1);
  });
});
