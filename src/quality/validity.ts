/**
 * Validity, as the quality benchmark counts it: the document parses as XML and its root is
 * `TEI` in the TEI namespace (declared on the root) with `teiHeader` and `text` children. It is
 * not validated against a schema (`tei-edition validate` does that).
 */
import type { XmlElement } from './xml.js';

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';

/** Null when the root is a TEI document, else what is wrong. */
export function teiRootProblem(root: XmlElement): string | null {
  const hasChild = (name: string): boolean => root.children.some((c) => c.kind === 'element' && c.local === name);
  const ok = root.local === 'TEI' && root.attrs.xmlns === TEI_NS && hasChild('teiHeader') && hasChild('text');
  return ok ? null : 'not a TEI document (root TEI in the TEI namespace with teiHeader and text)';
}
