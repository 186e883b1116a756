/**
 * Previous/next links and the document's number on each document page. A page is rendered on
 * its own (in a worker, from its TEI alone), so the stylesheet leaves three marks in it
 * (`<!--te:doc-links-->` in the head, `<!--te:doc-number-->` before the title,
 * `<!--te:doc-nav-->` after the notes); once the order of the whole edition is known (the
 * stylesheet's "edition-order", te:order-key in transform/common/common.xsl, the order and
 * numbers of the print volume), the build puts the links there. Only these marks, which the
 * stylesheet itself writes, are replaced; the text of a page is never rewritten.
 */

/** A document in the edition's order: its page, its number in the print volume ('' for an introduction), its title. */
export interface OrderEntry {
  stem: string;
  number: string;
  title: string;
}

/** What a page gets: the head's links, the number line, the navigation. */
export interface DocNav {
  links: string;
  number: string;
  nav: string;
}

/** What places a document in the edition's order: te:order-key, whether it is an introduction, its title. */
export interface OrderKey {
  key: string;
  intro: boolean;
  title: string;
}

/** The lines of the stylesheet's "order-entries" ("order key TAB stem TAB 0|1 TAB title"), by stem. */
export function parseOrderEntries(text: string): Map<string, OrderKey> {
  const keys = new Map<string, OrderKey>();
  for (const line of text.split('\n')) {
    const [key = '', stem = '', intro = '', ...title] = line.split('\t');
    if (line.includes('\t')) keys.set(stem, { key, intro: intro === '0', title: title.join('\t') });
  }
  return keys;
}

/** Strings in the order of their code points (xsl:sort's default collation), not of their UTF-16 units. */
function compareCodepoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (a character past U+FFFF) comes after every character of U+E000–U+FFFF.
    const rank = (c: number) => (c >= 0xd800 && c <= 0xdfff ? c + 0x2000 : c >= 0xe000 ? c - 0x800 : c);
    return rank(x) - rank(y);
  }
  return a.length - b.length;
}

/**
 * The edition's order from each document's order key, as the stylesheet's "edition-order"
 * makes it: by key (ties in the documents' order), introductions unnumbered, the others
 * numbered from 1.
 */
export function editionOrder(docs: (OrderKey & { stem: string })[]): OrderEntry[] {
  const sorted = docs.map((d, i) => ({ d, i })).sort((a, b) => compareCodepoints(a.d.key, b.d.key) || a.i - b.i);
  const intros = sorted.filter((x) => x.d.intro).length;
  return sorted.map(({ d }, position) => ({ stem: d.stem, number: d.intro ? '' : String(position + 1 - intros), title: d.title }));
}

/** The lines of the stylesheet's "edition-order" ("stem TAB number TAB title"). */
export function parseEditionOrder(text: string): OrderEntry[] {
  return text
    .split('\n')
    .filter((line) => line.includes('\t'))
    .map((line) => {
      const [stem = '', number = '', ...title] = line.split('\t');
      return { stem, number, title: title.join('\t') };
    });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function label(e: OrderEntry): string {
  return e.number ? `${e.number}. ${e.title}` : e.title;
}

/** Each page's previous and next document, and its number, by page name. */
export function docNavs(order: OrderEntry[]): Map<string, DocNav> {
  const navs = new Map<string, DocNav>();
  // Counted once (counted for each page, the navigation of 10,000 documents took a second).
  const numbered = order.filter((x) => x.number).length;
  order.forEach((e, i) => {
    const prev = order[i - 1];
    const next = order[i + 1];
    const page = (x: OrderEntry) => `${encodeURIComponent(x.stem)}.html`;
    const links = [prev ? `<link rel="prev" href="${page(prev)}"/>` : '', next ? `<link rel="next" href="${page(next)}"/>` : ''].join('');
    const number = e.number ? `<p class="doc-number">Document ${escapeHtml(e.number)} of ${numbered}</p>` : '';
    const item = (x: OrderEntry | undefined, rel: 'prev' | 'next') =>
      x
        ? `<li class="doc-nav-${rel}"><a rel="${rel}" href="${page(x)}"><span class="doc-nav-dir">${rel === 'prev' ? '← Previous' : 'Next →'}</span> <span class="doc-nav-title">${escapeHtml(label(x))}</span></a></li>`
        : '';
    const nav = prev || next ? `<nav class="doc-nav" aria-label="Previous and next document"><ul>${item(prev, 'prev')}${item(next, 'next')}</ul></nav>` : '';
    navs.set(e.stem, { links, number, nav });
  });
  return navs;
}

/** The page with its marks filled in (left empty for a page the order does not know). */
export function fillDocNav(html: string, nav: DocNav | undefined): string {
  return html
    .replace('<!--te:doc-links-->', nav?.links ?? '')
    .replace('<!--te:doc-number-->', nav?.number ?? '')
    .replace('<!--te:doc-nav-->', nav?.nav ?? '');
}

/** What a page's navigation depends on, for its key. */
export function navKey(nav: DocNav | undefined): string {
  return nav ? `${nav.links}\n${nav.number}\n${nav.nav}` : '';
}
