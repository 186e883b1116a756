import yazl from 'yazl';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../../src/readers/docx.js';
import { plainText } from '../../src/model/clip.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

function zip(entries: [string, string][]): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of entries) z.addBuffer(Buffer.from(data), name);
  z.end();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * WordprocessingML that Word writes and pandoc and LibreOffice do not, in the
 * smallest form: a character style, a letter-numbered list, a table, a line
 * break, a hyperlink, tracked changes, superscript, a field.
 */
const DOCUMENT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>
<w:p><w:r><w:t>Plain and </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Emphasis"/></w:rPr><w:t>emphasised</w:t></w:r><w:r><w:t xml:space="preserve"> and </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Emphasis"/><w:i w:val="0"/></w:rPr><w:t>not italic</w:t></w:r><w:r><w:t>, 10</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>th</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>first</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>second</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell one</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cell two</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>Line one</w:t><w:br/><w:t>line two</w:t></w:r></w:p>
<w:p><w:hyperlink w:anchor="x"><w:r><w:t>a link</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> kept, </w:t></w:r><w:ins w:id="1" w:author="A"><w:r><w:t>inserted</w:t></w:r></w:ins><w:del w:id="2" w:author="A"><w:r><w:delText>deleted words</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> 7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:sectPr/></w:body></w:document>`;
const STYLES = `<?xml version="1.0"?><w:styles ${W}><w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style></w:styles>`;
const NUMBERING = `<?xml version="1.0"?><w:numbering ${W}><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num></w:numbering>`;

describe('DOCX reader details', () => {
  it('reads character styles (direct formatting over them), list letters, table rows, line breaks, links, insertions and field results; reports deletions', async () => {
    const bytes = await zip([['word/document.xml', DOCUMENT], ['word/styles.xml', STYLES], ['word/numbering.xml', NUMBERING], ['word/media/image1.png', 'not inflated']]);
    const file = new VFile();
    const r = (await readDocx(bytes, file, { maxBytes: 1 << 20 }))!;
    expect(r.blocks.map((b) => plainText(b.children))).toEqual(['Plain and emphasised and not italic, 10th.', 'a) first', 'b) second', 'Cell one Cell two', 'Line one', 'line two', 'a link kept, inserted 7']);
    expect(r.blocks[0]!.children).toMatchObject([
      { type: 'text', value: 'Plain and ' },
      { type: 'hi', rend: 'italic', children: [{ type: 'text', value: 'emphasised' }] },
      { type: 'text', value: ' and not italic, 10' },
      { type: 'hi', rend: 'superscript', children: [{ type: 'text', value: 'th' }] },
      { type: 'text', value: '.' },
    ]);
    expect(r.blocks.map((b) => b.position.start.line)).toEqual([1, 2, 3, 4, 5, 5, 6]);
    expect(file.messages.map((m) => [m.ruleId, m.line, m.reason])).toEqual([['docx-deleted-text', 6, '1 passage of deleted text (tracked changes) left out, the first in paragraph 6.']]);
    expect(r.text).not.toContain('deleted words');
    expect(r.text).not.toContain('PAGE');
  });

  it('refuses a part that declares entities', async () => {
    const bytes = await zip([['word/document.xml', `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><w:document ${W}><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>`]]);
    const file = new VFile();
    expect(await readDocx(bytes, file, { maxBytes: 1 << 20 })).toBeNull();
    expect(file.messages.map((m) => [m.ruleId, m.reason])).toEqual([['docx-invalid', 'The part word/document.xml of the DOCX file is not well-formed XML: it declares a DOCTYPE or entities, which Word never writes']]);
  });

  it('an archive without word/document.xml is not a Word document', async () => {
    const file = new VFile();
    expect(await readDocx(await zip([['content.xml', '<x/>']]), file, { maxBytes: 1 << 20 })).toBeNull();
    expect(file.messages.map((m) => m.ruleId)).toEqual(['docx-invalid']);
  });
});
