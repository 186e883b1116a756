/** Minimal, strict XML text building: escaping and attribute lists. */

export function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/**
 * Characters XML 1.0 cannot carry (C0 controls but tab and line ends, U+FFFE, U+FFFF,
 * unpaired surrogates) become U+FFFD, so that the words on either side stay apart.
 */
export function xmlSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

export type Attrs = Record<string, string | undefined>;

export function attrs(a: Attrs): string {
  let s = '';
  for (const [k, v] of Object.entries(a)) if (v !== undefined) s += ` ${k}="${escapeAttr(xmlSafe(v))}"`;
  return s;
}

export function el(name: string, a: Attrs, content: string): string {
  return content === '' ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${content}</${name}>`;
}

export function text(s: string): string {
  return escapeText(xmlSafe(s));
}
