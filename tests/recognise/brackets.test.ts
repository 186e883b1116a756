import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { recogniseBrackets } from '../../src/recognise/brackets.js';
import { makeLocate } from '../../src/import/recognise-document.js';
import { inlinesToTei } from '../../src/tei/inlines.js';

function encode(text: string): { tei: string; rules: string[] } {
  const file = new VFile({ path: 'case.txt' });
  const inlines = recogniseBrackets(text, 0, { file, locate: makeLocate(text), hands: new Map() });
  return { tei: inlinesToTei(inlines), rules: file.messages.map((m) => m.ruleId ?? '') };
}

describe('editorial brackets are encoded by their meaning', () => {
  const cases: [string, string, string, string[]][] = [
    ['words added to make sense', 'Comrade Tisch visited [the DPRK].', 'Comrade Tisch visited <supplied reason="clarification">the DPRK</supplied>.', []],
    ['sic after a name, titles left out', 'Colonel General Ch’oe Dwu Sen [sic], on', 'Colonel General <sic>Ch’oe Dwu Sen</sic>, on', []],
    ['sic after a name written with two spaces, titles left out', 'Major\u00a0 General  RYAN\u00a0 Pr[sic]oblem', 'Major\u00a0 General  <sic>RYAN\u00a0 Pr</sic>oblem', []],
    ['sic after a word', 'with regard to Xiang [sic] who', 'with regard to <sic>Xiang</sic> who', []],
    ['an omission', 'They said [...] and left.', 'They said <gap reason="omitted"/> and left.', []],
    ['an ellipsis character', 'fine […] well', 'fine <gap reason="omitted"/> well', []],
    ['a line cut off', 'for the first time [line cut off]', 'for the first time <gap reason="cut-off"><desc>line cut off</desc></gap>', []],
    ['illegible', 'signed [illegible]', 'signed <gap reason="illegible"><desc>illegible</desc></gap>', []],
    ['not declassified', '[1 paragraph not declassified]', '<gap reason="not-declassified"><desc>1 paragraph not declassified</desc></gap>', []],
    ['a doubtful reading', 'tried [carried?] on', 'tried <unclear reason="uncertain-reading">carried</unclear> on', []],
    ['a gloss', 'PiD [i.e., PiD against the GDR]', 'PiD <note type="gloss" place="inline">i.e., PiD against the GDR</note>', []],
    ['a stamp', '[stamp:] Personal Classified Information', '<stamp>Personal Classified Information</stamp>', []],
    ['a correction of the word before', 'the American Delegation [Legation] at', 'the American Delegation <corr>Legation</corr> at', []],
    ['a note marker', 'in the MfS[1] in Berlin', 'in the MfS[1] in Berlin', []],
    ['a number with a leading zero is no note marker (its zero is kept)', 'Comrade Hoecker:001 [01] left', 'Comrade Hoecker:001 <supplied reason="clarification">01</supplied> left', []],
    ['a web-page bracket stays text', 'German Original [PDF] available', 'German Original [PDF] available', ['literal-bracket']],
    ['an unclosed bracket stays text', 'a [broken bracket', 'a [broken bracket', ['unclosed-bracket']],
    ['a closing bracket alone stays text', 'a broken] bracket', 'a broken] bracket', ['unopened-bracket']],
    ['an unclassifiable bracket is supplied, with a warning', 'x [Remark: something odd] y', 'x <supplied reason="clarification">Remark: something odd</supplied> y', ['unclassified-bracket']],
    ['a long omission note is still a gap', 'text. [Omitted here is a discussion of the trade agreement and of shipping rates.] More', 'text. <gap reason="omitted"><desc>Omitted here is a discussion of the trade agreement and of shipping rates.</desc></gap> More', []],
    ['a description of the original is an editorial note', '[Telegram received at 5 p.m.]', '<note type="editorial" place="inline">Telegram received at 5 p.m.</note>', []],
    ['a label ending with a colon is an editorial note', '[Marginal note by Mielke:] Agreed.', '<note type="editorial" place="inline">Marginal note by Mielke:</note> Agreed.', []],
    ['a handwritten addition', 'Highly Confidential (handwritten)', '<add hand="#hand-handwritten">Highly Confidential</add>', []],
  ];
  for (const [name, input, tei, rules] of cases) {
    it(name, () => {
      const got = encode(input);
      expect(got.tei).toBe(tei);
      expect(got.rules).toEqual(rules);
    });
  }
});
