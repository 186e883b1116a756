import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { readMarkdown, deepestNesting } from '../../src/readers/markdown.js';
import { readHtml } from '../../src/readers/html.js';
import { plainText } from '../../src/model/clip.js';
import type { Inline, RawBlock } from '../../src/model/types.js';

const notes = (blocks: RawBlock[]): Extract<Inline, { type: 'note' }>[] => blocks.flatMap((b) => b.children.filter((c): c is Extract<Inline, { type: 'note' }> => c.type === 'note'));

describe('Markdown reader details', () => {
  it('keeps a footnote nobody refers to as a paragraph "[n] text", and a second reference as a marker', () => {
    const file = new VFile();
    const r = readMarkdown('One.[^1] Two.[^1]\n\n[^1]: The note.\n\n[^2]: Unused.\n', file)!;
    expect(r.blocks.map((b) => plainText(b.children))).toEqual(['One. Two.', '[2] Unused.']);
    expect(r.blocks[0]!.children.map((c) => c.type)).toEqual(['text', 'note', 'text', 'noteMarker']);
    expect(notes(r.blocks)[0]!.n).toBe('1');
    // Every word the reader took is in its source text.
    expect(r.text.split('\n').filter(Boolean).sort()).toEqual(['One. Two.[1]', 'The note.', '[2] Unused.'].sort());
  });

  it('keeps the text of raw HTML, not its tags, and says so', () => {
    const file = new VFile();
    const r = readMarkdown('Paris<sup>2</sup> is <b>big</b>.\n', file)!;
    expect(plainText(r.blocks[0]!.children)).toBe('Paris2 is big.');
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column, m.reason])).toEqual([['markup-ignored', 1, 6, '4 pieces of raw HTML: the tags were left out, their text kept.']]);
  });

  it('measures nesting from markers and indentation before parsing', () => {
    expect(deepestNesting('- a\n  - b\n    - c\n')).toEqual({ depth: 3, line: 3 });
    expect(deepestNesting('> > - 1. x\n')).toEqual({ depth: 4, line: 1 });
    expect(deepestNesting('plain text\n\nmore').depth).toBe(0);
  });
});

describe('HTML reader details', () => {
  it('reads footnotes of a page exported by Word (_ftnref/_ftn links), the body links back', () => {
    // The shape of Word's "save as web page" footnotes, as on archive sites.
    const html = `<html><body><div class="WordSection1">
<p>The Ambassador called.<a href="#_ftn1" name="_ftnref1" title=""><span class="MsoFootnoteReference">[1]</span></a> He left.</p>
<p>Second paragraph.<a href="#_ftn2" name="_ftnref2"><span class="MsoFootnoteReference">[2]</span></a></p>
</div>
<div style="mso-element:footnote-list"><br clear="all"><hr align="left" size="1" width="33%">
<div style="mso-element:footnote" id="ftn1"><p class="MsoFootnoteText"><a href="#_ftnref1" name="_ftn1" title=""><span class="MsoFootnoteReference">[1]</span></a> First <i>note</i>.</p></div>
<div style="mso-element:footnote" id="ftn2"><p class="MsoFootnoteText"><a href="#_ftnref2" name="_ftn2">[2]</a> Second note.</p><p>Its second paragraph.</p></div>
</div></body></html>`;
    const file = new VFile();
    const r = readHtml(html, file)!;
    expect(r.blocks.map((b) => plainText(b.children))).toEqual(['The Ambassador called. He left.', 'Second paragraph.']);
    const ns = notes(r.blocks);
    expect(ns.map((n) => n.n)).toEqual(['1', '2']);
    expect(ns[0]!.children).toEqual([{ type: 'text', value: 'First ', offset: expect.any(Number) }, { type: 'hi', rend: 'italic', children: [{ type: 'text', value: 'note', offset: expect.any(Number) }] }, { type: 'text', value: '.', offset: expect.any(Number) }]);
    expect(plainText(ns[1]!.children)).toBe('Second note. Its second paragraph.');
  });

  it('reads the main element of a page, its lists with their markers, and headings', () => {
    const html = `<body><header><h1>Archive</h1></header><nav>Menu</nav><main><h2>Talks</h2><ol start="3"><li>third</li><li>fourth</li></ol><ul><li>point</li></ul><p>Line one<br>line two</p></main><footer>Contact</footer></body>`;
    const file = new VFile();
    const r = readHtml(html, file)!;
    expect(r.blocks.map((b) => [plainText(b.children), b.heading])).toEqual([['Talks', 2], ['3. third', undefined], ['4. fourth', undefined], ['• point', undefined], ['Line one', undefined], ['line two', undefined]]);
  });
});

describe('editorial brackets and formatting', () => {
  it('a bracket with formatting inside, or formatted as a whole, is read as the plain-text bracket would be', async () => {
    const { recogniseInlineBrackets } = await import('../../src/recognise/brackets.js');
    const file = new VFile();
    const r = readMarkdown('We thank [*the* comrades]. Comrade Xiang [*sic*] and Wang *[sic]* came [*illegible*] and *[line cut off]*, [1].\n', file)!;
    const out = recogniseInlineBrackets(r.blocks[0]!.children, { file, locate: () => ({ line: 1, column: 1 }), hands: new Map() });
    expect(out.map((n) => n.type)).toEqual(['text', 'supplied', 'text', 'sic', 'text', 'sic', 'text', 'gap', 'text', 'gap', 'text', 'noteMarker', 'text']);
    expect(out[1]).toMatchObject({ type: 'supplied', children: [{ type: 'hi', rend: 'italic', children: [{ type: 'text', value: 'the' }] }, { type: 'text', value: ' comrades' }] });
    expect(out[3]).toMatchObject({ type: 'sic', children: [{ type: 'text', value: 'Xiang' }] });
    expect(out[5]).toMatchObject({ type: 'sic', children: [{ type: 'text', value: 'Wang' }] });
    expect(out[7]).toMatchObject({ type: 'gap', reason: 'illegible' });
    expect(out[9]).toMatchObject({ type: 'gap', reason: 'cut-off', desc: 'line cut off' });
    expect(file.messages).toEqual([]);
    // Offsets still point into the source text.
    const supplied = out[1] as { children: { type: string; offset?: number; value?: string }[] };
    expect(r.text.slice(supplied.children[1]!.offset, supplied.children[1]!.offset! + 9)).toBe(' comrades');
  });
});

describe('headings from the reader', () => {
  it('a heading ends the turn before it and is a head of the body', async () => {
    const { run, tempDir } = await import('../helpers/run.js');
    const { readFileSync, readdirSync, writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const dir = tempDir();
    const md = 'Skip to content\n\nMay 25, 1987\n\nA Memorandum of Talks\n\nComrade Mielke:\n\nGreetings.\n\n## Second day of the talks\n\nThe talks went on.\n\nDocument Information\n\nSource\n\nBStU, MfS, Nr. 1, p. 2.\n';
    writeFileSync(path.join(dir, 'talks.md'), md);
    const r = await run('import', path.join(dir, 'talks.md'), '--out', path.join(dir, 'tei'));
    expect(r.code, r.stderr).toBe(0);
    const xml = readFileSync(path.join(dir, 'tei', readdirSync(path.join(dir, 'tei'))[0]!), 'utf8');
    expect(xml).toMatch(/<p xml:id="[^"]+">Greetings\.<\/p>\s*<\/sp>\s*<div type="section">\s*<head>Second day of the talks<\/head>\s*<p xml:id="[^"]+">The talks went on\.<\/p>/);
  });
});
