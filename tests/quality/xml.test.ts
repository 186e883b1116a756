import { describe, expect, it } from 'vitest';
import { NotWellFormed, parseXml, textOf } from '../../src/quality/xml.js';

describe('parseXml', () => {
  it('joins the text on either side of a comment or processing instruction, and reads CDATA as text', () => {
    const root = parseXml('<?xml version="1.0"?><a>to<!-- x -->mor<?pi x?>row <![CDATA[<b>]]></a>');
    expect(root.children).toEqual([{ kind: 'text', text: 'tomorrow <b>' }]);
  });

  it('expands character references and the predefined entities only', () => {
    expect(textOf(parseXml('<a t="&quot;x&quot;">&#65;&#x42;&amp;&lt;&nbsp;</a>'))).toBe('AB&<&nbsp;');
    expect(parseXml('<a t="&quot;x&quot;"/>').attrs.t).toBe('"x"');
  });

  it('keeps names and prefixes as written, with the local name beside', () => {
    const root = parseXml('<tei:TEI xmlns:tei="urn:x"><tei:text xml:id="t"/></tei:TEI>');
    expect(root).toMatchObject({ name: 'tei:TEI', local: 'TEI' });
    expect(root.children[0]).toMatchObject({ name: 'tei:text', local: 'text', attrs: { 'xml:id': 't' } });
  });

  it.each([
    ['a transcript', 'Smith: We must meet.'],
    ['an unclosed element', '<TEI><text></TEI>'],
    ['two roots', '<a/><b/>'],
    ['a bare ampersand', '<a>A & B</a>'],
    ['a repeated attribute', '<a x="1" x="2"/>'],
  ])('refuses %s as not well-formed', (_, xml) => {
    expect(() => parseXml(xml)).toThrow(NotWellFormed);
  });
});
