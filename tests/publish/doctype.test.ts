/**
 * A DOCTYPE for the editions (src/publish/doctype.ts): the internal subset's entities
 * expanded and attribute defaults written out by the validator's parser, the DOCTYPE left
 * out, the namespaces kept; what cannot be resolved without reading another file is refused
 * with its line; the page is built.
 */
import { describe, expect, it } from 'vitest';
import { hasDoctype, withoutDoctype } from '../../src/publish/doctype.js';
import { parseTei, transformToHtml } from '../../src/publish/html.js';

const tei = (subset: string, body: string) => `<?xml version="1.0"?>
<!DOCTYPE TEI SYSTEM "tei.dtd" [
${subset}
]>
<!-- a comment -->
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>${body}</body></text></TEI>`;

describe('withoutDoctype', () => {
  it('tells a DOCTYPE before the root from one in the text', () => {
    expect(hasDoctype(tei('', '<p/>'))).toBe(true);
    expect(hasDoctype('<TEI><p>&lt;!DOCTYPE x></p></TEI>')).toBe(false);
  });

  it('expands the internal entities, writes the attribute defaults out and keeps the namespaces', () => {
    const out = withoutDoctype(tei('<!ENTITY ed "the editor &amp; &lt;her&gt; team">\n<!ATTLIST p rend CDATA "indent">\n<!ENTITY % TEI.drama "INCLUDE">', '<p>By &ed;, <hi rend="it">"quoted"</hi>.</p><p rend="flush"/><xi:include href="a.xml"/>'));
    expect(out).not.toContain('DOCTYPE');
    expect(out).toContain('<p rend="indent">By the editor &amp; &lt;her&gt; team, <hi rend="it">"quoted"</hi>.</p><p rend="flush"/>');
    expect(out).toMatch(/^<TEI xmlns="http:\/\/www\.tei-c\.org\/ns\/1\.0">/);
    expect(out).toContain('<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="a.xml"/>');
  });

  it('refuses an entity only the external DTD could declare, and an external entity, with the line', () => {
    expect(() => parseTei(tei('', '<p>&nbsp;</p>'))).toThrow(/^line 6: .*nbsp/);
    expect(() => parseTei(tei('<!ENTITY secret SYSTEM "file:///etc/passwd">', '<p>&secret;</p>'))).toThrow(/^line \d+: /);
  });

  it('makes the page of a document with a DOCTYPE', () => {
    const html = transformToHtml({ doc: parseTei(tei('<!ENTITY ed "the editor">', '<p>By &ed;.</p>')), params: { stem: 'x' } });
    expect(html).toContain('By the editor.');
  });
});
