/**
 * What each index page reads of a document's digest (html.ts, documentDigest), as a digest
 * itself: the page made from it with title slots is the page made so from the whole digest
 * (tested on the sample and on TEI of other projects). The build makes the index pages from
 * these, smaller to parse, and keys a kept page by them, so that a change a page does not read
 * (a name linked in the text, for the index of documents; a place, for the index of persons)
 * leaves that page as it is.
 *
 * - index: the header (titles, dates, correspondence, participants, abstract), the events,
 *   the front (docTitle, dateline) and whether the document is an introduction; not the text's
 *   names and turns.
 * - persons: the header but its file and encoding descriptions and revisions (the
 *   participants), the text's turns and linked persons; not the front, the events, places or
 *   organisations.
 * - places, orgs: the text's linked places (or organisations) and the blocks they stand in.
 */
import type { INDEX_PAGES } from '../publish/index-pages.js';

/** Where documentDigest's text begins: a page's reads before it are the header's. */
export const FRONT = '<text><front>';
const BODY = '</front><body>';
/** Where documentDigest's text ends. */
export const END = '</body></text></TEI>';
const INTRO = '<div type="introduction"/>';

/** The part of `digest` the index page `template` reads; the whole digest where it is not shaped as documentDigest writes it. */
export function pageReads(template: (typeof INDEX_PAGES)[number], digest: string): string {
  const bodyStart = digest.lastIndexOf(BODY);
  const frontStart = bodyStart < 0 ? -1 : digest.lastIndexOf(FRONT, bodyStart);
  // Attribute values of the root are written with "<" escaped: its start tag ends before the first "<" after it.
  const rootEnd = digest.indexOf('<', 1);
  if (frontStart < 0 || rootEnd < 0 || rootEnd > frontStart || !digest.endsWith(END)) return digest;
  const root = digest.slice(0, rootEnd);
  const head = digest.slice(rootEnd, frontStart);
  const front = digest.slice(frontStart + FRONT.length, bodyStart);
  const body = digest.slice(bodyStart + BODY.length, digest.length - END.length);
  const intro = body.startsWith(INTRO) ? INTRO : '';
  const header = head.slice(0, head.startsWith('<teiHeader') ? head.lastIndexOf('</teiHeader>') + '</teiHeader>'.length : 0);
  const whole = (h: string, f: string, b: string) => `${root}${h}${FRONT}${f}${BODY}${b}${END}`;
  if (template === 'index') return whole(head, front, intro);
  if (template === 'persons') return whole(participants(header), '', names(body, ['persName'], true));
  return whole('', '', names(body, [template === 'places' ? 'placeName' : 'orgName'], false));
}

/**
 * The header without the parts the index of persons never reads (the file description,
 * encoding description and revisions), each left in where it is not there once or holds a
 * particDesc.
 */
function participants(header: string): string {
  let kept = header;
  for (const part of ['fileDesc', 'encodingDesc', 'revisionDesc']) {
    const start = kept.indexOf(`<${part}`);
    const end = kept.indexOf(`</${part}>`);
    if (start < 0 || end < start || kept.indexOf(`<${part}`, start + 1) >= 0 || !/[\s>]/.test(kept[start + part.length + 1] ?? '')) continue;
    const cut = kept.slice(start, end + part.length + 3);
    if (!cut.includes('<particDesc')) kept = kept.slice(0, start) + kept.slice(end + part.length + 3);
  }
  return kept;
}

/** The body's linked names of the given kinds, in their blocks, and its turns (`turns`); the intro marker goes. */
function names(body: string, kinds: string[], turns: boolean): string {
  const other = ['persName', 'placeName', 'orgName'].filter((k) => !kinds.includes(k));
  return body
    .replace(new RegExp(`<(?:${other.join('|')}) ref="[^"]*"/>`, 'g'), '')
    .replace(/<sp who="[^"]*"\/>/g, (sp) => (turns ? sp : ''))
    .replace(/<ab xml:id="[^"]*"><\/ab>/g, '')
    .replace(INTRO, '');
}
