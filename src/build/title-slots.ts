/**
 * The index pages with their documents' titles as slots (the stylesheet's `title-slots`):
 * a page made so does not change when a document is retitled, so the build keeps it (by a key
 * made of the digests with their titles left out) and fills the titles in, instead of making
 * the whole page again from every document's digest.
 */

/** The character around a slot: U+F8FF (private use), then the document's stem, then U+F8FF. */
const SLOT = '\uF8FF';
const slotPattern = /\uF8FF([^\uF8FF<>&"]*)\uF8FF/g;

/** A title as the stylesheet's serializer (method xhtml) writes text. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page with every slot filled with its document's title, or null when the page cannot be
 * filled so: a slot names no document of `titles`, or the page holds the slot character of its
 * own (in a name or an abstract), so that slots cannot be told apart from text.
 */
export function fillTitleSlots(html: string, titles: ReadonlyMap<string, string>): string | null {
  let filled = 0;
  let unknown = false;
  const out = html.replace(slotPattern, (slot, stem: string) => {
    const title = titles.get(stem);
    if (title === undefined) {
      unknown = true;
      return slot;
    }
    filled++;
    return escapeText(title);
  });
  if (unknown) return null;
  let marks = 0;
  for (let i = html.indexOf(SLOT); i >= 0; i = html.indexOf(SLOT, i + 1)) marks++;
  return marks === 2 * filled ? out : null;
}

/**
 * What the index pages made with slots read of a document: its digest with the text of the
 * titles of its titleStmt (where te:title finds the title) replaced by "T". A title left empty
 * stays empty, so the stylesheet still picks the same title element; a titleStmt it cannot
 * read so (a title inside a title) is left as it is, and any change to it counts.
 */
export function titleSkeleton(digest: string): string {
  const file = digest.indexOf('<fileDesc');
  const start = file < 0 ? -1 : digest.indexOf('<titleStmt', file);
  const end = start < 0 ? -1 : digest.indexOf('</titleStmt>', start);
  if (end < 0) return digest;
  const stmt = digest.slice(start, end);
  const opened = stmt.match(/<title[\s>]/g)?.length ?? 0;
  let replaced = 0;
  const blanked = stmt.replace(/(<title(?:\s[^>]*)?>)([^<]*(?:<(?!\/?title[\s>])[^<]*)*)(<\/title>)/g, (_, open: string, content: string, close: string) => {
    replaced++;
    return open + (/[^ \t\r\n]/.test(content.replace(/<[^>]*>/g, '')) ? 'T' : '') + close;
  });
  if (replaced !== opened) return digest;
  return digest.slice(0, start) + blanked + digest.slice(end);
}
