import { describe, expect, it } from 'vitest';
import { tokenise, words } from '../../src/quality/tokens.js';

describe('tokenise', () => {
  it('takes runs of letters and digits, lower-cased, with their offsets in the original', () => {
    expect(tokenise('Mr. SMITH: [sic] 1950!', 10)).toEqual([
      { t: 'mr', s: 10, e: 12 },
      { t: 'smith', s: 14, e: 19 },
      { t: 'sic', s: 22, e: 25 },
      { t: '1950', s: 27, e: 31 },
    ]);
  });

  it('normalises each word (NFKC): a ligature is two letters, a full-width digit a digit', () => {
    expect(words('ﬁnal ２ Straße')).toEqual(['final', '2', 'straße']);
  });

  it("splits at marks and punctuation: a letter and a combining accent are two runs", () => {
    expect(words('e\u0301t\u00e9 don’t')).toEqual(['e', 't\u00e9', 'don', 't']);
  });
});
