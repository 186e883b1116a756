/**
 * A document with a DOCTYPE, for the editions: read by the validator's own parser
 * (validate/xml-parse.ts: the internal subset's general entities expanded within limits,
 * its attribute defaults applied, no external DTD or entity ever read) and written again
 * without the DOCTYPE, so that SaxonJS, which would otherwise read the declarations itself,
 * sees only elements, attributes and text. What a DOCTYPE cannot change (the content) is
 * kept; comments and processing instructions, which no page shows, are not.
 *
 * TEI from other projects often still carries a DOCTYPE from its DTD days (the TEI
 * Consortium's own test files declare parameter entities only): the validator accepts
 * these, and the editions publish them instead of refusing them.
 */
import { parseXml, XML_NS, XmlSyntaxError, type StartTag } from '../validate/xml-parse.js';

/** Whether the text has a DOCTYPE declaration before its root element. */
export function hasDoctype(text: string): boolean {
  return /^(?:\uFEFF)?(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*<!DOCTYPE\b/.test(text.slice(0, 1 << 16));
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

/**
 * The document again, without its DOCTYPE: entities expanded, attribute defaults written
 * out, namespaces declared where they first apply. Throws XmlSyntaxError (with the offset)
 * where the document is not well-formed or its DOCTYPE is refused (an external entity, an
 * entity beyond the limits, an entity only the external DTD declares).
 */
export function withoutDoctype(text: string): string {
  const out: string[] = [];
  // The namespace bindings written so far, per open element (prefix → URI).
  const written: Map<string, string>[] = [new Map([['', '']])];
  let open: StartTag | null = null;
  const closeStart = (): void => {
    if (open) {
      out.push('>');
      open = null;
    }
  };
  parseXml(text, {
    startElement(tag) {
      closeStart();
      const outer = written[written.length - 1]!;
      const here = new Map(outer);
      const decls: string[] = [];
      const bind = (prefix: string, ns: string): void => {
        if (prefix === 'xml' || here.get(prefix) === ns) return;
        here.set(prefix, ns);
        decls.push(prefix === '' ? ` xmlns="${escapeAttribute(ns)}"` : ` xmlns:${prefix}="${escapeAttribute(ns)}"`);
      };
      bind(tag.prefix, tag.ns);
      for (const a of tag.attributes) if (a.prefix && a.ns !== XML_NS) bind(a.prefix, a.ns);
      out.push(`<${tag.qname}`, ...decls);
      for (const a of tag.attributes) out.push(` ${a.qname}="${escapeAttribute(a.value)}"`);
      written.push(here);
      open = tag;
    },
    endElement(tag) {
      written.pop();
      if (open === tag) {
        out.push('/>');
        open = null;
      } else out.push(`</${tag.qname}>`);
    },
    text(value) {
      if (value === '') return;
      closeStart();
      out.push(escapeText(value));
    },
  });
  return out.join('');
}

/** The line of an offset (for messages). */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export { XmlSyntaxError };
