/**
 * Index pages that scale: the index of documents (index.html) and the indexes of persons,
 * places and organisations (persons.html, places.html, orgs.html) are written as one page each
 * while the page stays within a size limit (default 1,000,000 bytes of UTF-8). Past it, the page
 * is split after the stylesheet has written it:
 *
 * - index.html keeps the edition's header, how to cite, the licence and the introduction, and
 *   lists the years with their number of documents, each linking to documents-YYYY.html
 *   (documents-undated.html for the undated); a year whose page would still be too large is cut
 *   into documents-YYYY.html, documents-YYYY-2.html, … in the edition's order.
 * - persons.html (and places.html, orgs.html) keeps the A–Z navigation, which now links to one
 *   page per letter (persons-A.html, …, persons-other.html for "#"; persons-A-2.html, … where a
 *   letter is still too large), and a compact directory: every entry's name, with the entry's
 *   id, linking to the entry on its letter's page. So every link `persons.html#id` written in a
 *   document page still lands on that entry's name, one click from the entry.
 *
 * Only the stylesheet's own markup is cut (the entries are copied as they were written), so a
 * page under the limit is written exactly as before: an edition that never reaches the limit
 * is byte-identical to one built without this step.
 */

export const DEFAULT_INDEX_PAGE_BYTES = 1_000_000;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Entries (their HTML, in order) into chunks whose page, shell included, stays within the limit (one entry at least a chunk). */
function chunk(entries: string[], shellBytes: number, limit: number): string[][] {
  const chunks: string[][] = [];
  let cur: string[] = [];
  let size = shellBytes;
  for (const e of entries) {
    const b = bytes(e);
    if (cur.length && size + b > limit) {
      chunks.push(cur);
      cur = [];
      size = shellBytes;
    }
    cur.push(e);
    size += b;
  }
  if (cur.length) chunks.push(cur);
  return chunks;
}

/** The start offsets of every match of `re` (global) in `s` from `from` to `to`. */
function starts(s: string, re: RegExp, from: number, to: number): number[] {
  const out: number[] = [];
  re.lastIndex = from;
  for (let m = re.exec(s); m && m.index < to; m = re.exec(s)) out.push(m.index);
  return out;
}

function cut(s: string, at: number[], end: number): string[] {
  return at.map((a, i) => s.slice(a, at[i + 1] ?? end));
}

/** The links between the parts of a split page (none for a single part): `files[current]` is this one. */
function partsNav(cls: string, label: string, files: string[], current: number): string {
  if (files.length < 2) return '';
  const items = files.map((f, j) => (j === current ? `<li><span aria-current="page">${j + 1}</span></li>` : `<li><a href="${f}">${j + 1}</a></li>`));
  return `<nav class="az ${cls}" aria-label="Parts of ${label}"><ul>${items.join('')}</ul></nav>`;
}

/** The title of the page with a qualifier: "Persons · X" → "Persons: A · X"; the home page's "X" → "Documents 1968 · X". */
function retitle(html: string, add: string): string {
  return html.replace(/<title>([^<]*)<\/title>/, (_m, t: string) => {
    const at = t.indexOf(' · ');
    return `<title>${at < 0 ? `${add} · ${t}` : `${t.slice(0, at)}: ${add}${t.slice(at)}`}</title>`;
  });
}

/**
 * The files of an index page: just `name` → `html` under the limit, else the split pages.
 * `name` is 'index.html', 'persons.html', 'places.html' or 'orgs.html'. A split page that
 * would take the name of one of the edition's document pages (`documentStems`) is an error:
 * nothing is overwritten.
 */
export function indexPageFiles(name: string, html: string, limit = DEFAULT_INDEX_PAGE_BYTES, documentStems: readonly string[] = []): Map<string, string> {
  const whole = new Map([[name, html]]);
  if (bytes(html) <= limit) return whole;
  const split = name === 'index.html' ? splitDocuments(html, limit) : splitEntities(name.replace(/\.html$/, ''), html, limit);
  const stems = new Set(documentStems);
  for (const file of split?.keys() ?? []) {
    if (file !== name && stems.has(file.replace(/\.html$/, ''))) throw new Error(`the split index page ${file} would overwrite the document page of the same name`);
  }
  return split ?? whole;
}

/** The index pages the stylesheet writes, each split past the size limit. */
export const INDEX_PAGES = ['index', 'persons', 'places', 'orgs'] as const;

/** The page names a split index may write (for a check against the document pages' names). */
export const splitPagePattern = /^(documents|persons|places|orgs)-[A-Za-z0-9-]+\.html$/;

function splitDocuments(html: string, limit: number): Map<string, string> | null {
  const olStart = html.indexOf('<ol class="documents">');
  const contentStart = html.indexOf('<header class="edition-header">');
  if (olStart < 0 || contentStart < 0) return null;
  // The list ends after its last entry (an entry may hold lists of its own; the page frame may follow with others).
  const lastEntry = html.lastIndexOf('<li class="doc-entry"');
  const olEnd = lastEntry > olStart ? html.indexOf('</li></ol>', lastEntry) + '</li>'.length : -1;
  if (olEnd < olStart) return null;
  const filtersStart = html.indexOf('<div class="filters"');
  const listStart = filtersStart >= 0 && filtersStart < olStart ? filtersStart : olStart;
  const filters = html.slice(listStart, olStart);
  const entries = cut(html, starts(html, /<li class="doc-entry"/g, olStart, olEnd), olEnd);
  if (!entries.length) return null;
  const prefix = html.slice(0, contentStart);
  const suffix = html.slice(olEnd + '</ol>'.length);
  // The years, in the edition's order (dated by date, the undated last).
  const years = new Map<string, string[]>();
  for (const e of entries) {
    // A year as the stylesheet writes it (four characters of the sort date), safe as a file name.
    const year = (/^<li class="doc-entry" data-year="([^"]*)"/.exec(e)?.[1] ?? '').replace(/[^A-Za-z0-9-]/g, 'x') || 'undated';
    (years.get(year) ?? years.set(year, []).get(year)!).push(e);
  }
  const files = new Map<string, string>();
  const links: string[] = [];
  let number = 1;
  for (const [year, list] of years) {
    const label = year === 'undated' ? 'Undated' : year;
    const head = (part: string) =>
      `<nav class="breadcrumbs" aria-label="Breadcrumbs"><ol><li><a href="index.html">Edition</a></li><li><a href="index.html#documents">Documents</a></li><li><span aria-current="page">${label}${part}</span></li></ol></nav><h1 id="documents">Documents: ${label}${part}</h1>`;
    const shell = bytes(prefix) + bytes(suffix) + bytes(head(' (part 99)')) + bytes(filters) + 64;
    const chunks = chunk(list, shell, limit);
    const pages = chunks.map((_c, i) => `documents-${year}${i ? `-${i + 1}` : ''}.html`);
    chunks.forEach((c, i) => {
      const part = chunks.length > 1 ? ` (part ${i + 1} of ${chunks.length})` : '';
      const partNav = partsNav('doc-parts', label, pages, i);
      files.set(pages[i]!, retitle(prefix, `Documents ${label}${part}`) + head(part) + partNav + filters + `<ol class="documents" start="${number}">` + c.join('') + '</ol>' + partNav + suffix);
      number += c.length;
    });
    links.push(`<li><a href="${pages[0]}">${label}</a> <span class="doc-year-count">(${list.length} ${list.length === 1 ? 'document' : 'documents'})</span></li>`);
  }
  return new Map([['index.html', html.slice(0, listStart) + `<ul class="doc-years">${links.join('')}</ul>` + suffix], ...files]);
}

function splitEntities(base: string, html: string, limit: number): Map<string, string> | null {
  const navStart = html.indexOf('<nav class="az"');
  if (navStart < 0) return null;
  const navEnd = html.indexOf('</nav>', navStart) + '</nav>'.length;
  // The groups end with the last group's section (a group holds no section; the page frame may follow with its own).
  const lastGroup = html.lastIndexOf('<section class="az-group" id="letter-');
  if (lastGroup < navEnd) return null;
  const end = html.indexOf('</section>', lastGroup) + '</section>'.length;
  const sections = cut(html, starts(html, /<section class="az-group" id="letter-/g, navEnd, end), end);
  if (!sections.length) return null;
  const prefix = html.slice(0, navStart);
  const suffix = html.slice(end);
  const nav = html.slice(navStart, navEnd);
  const files = new Map<string, string>();
  const first = new Map<string, string>();
  const directory: string[] = [];
  const pagesOf: { letter: string; id: string; sec: string; ulOpenEnd: number; ulEnd: number; pages: { file: string; entries: string[] }[] }[] = [];
  for (const sec of sections) {
    const id = /^<section class="az-group" id="letter-([^"]+)"/.exec(sec)![1]!;
    const letter = id === 'other' ? '#' : id;
    const ulStart = sec.indexOf('<ul');
    const ulOpenEnd = sec.indexOf('>', ulStart) + 1;
    const ulEnd = sec.lastIndexOf('</ul>');
    const entries = cut(sec, starts(sec, /<li id="[^"]*" class="(?:person|entity)/g, ulOpenEnd, ulEnd), ulEnd);
    const shell = bytes(prefix) + bytes(suffix) + bytes(nav) * 2 + ulOpenEnd + (sec.length - ulEnd) + 256;
    const pieces = entries.flatMap((e) => (shell + bytes(e) > limit ? cutEntry(e, limit - shell) : [e]));
    const chunks = pieces.length ? chunk(pieces, shell, limit) : [[]];
    const pages = chunks.map((c, i) => ({ file: `${base}-${id}${i ? `-${i + 1}` : ''}.html`, entries: c }));
    first.set(id, pages[0]!.file);
    pagesOf.push({ letter, id, sec, ulOpenEnd, ulEnd, pages });
  }
  const azNav = nav.replace(/href="#letter-([^"]+)"/g, (_m, id: string) => `href="${first.get(id) ?? `#letter-${id}`}"`);
  for (const { letter, id, sec, ulOpenEnd, ulEnd, pages } of pagesOf) {
    const items: string[] = [];
    pages.forEach((p, i) => {
      const part = pages.length > 1 ? ` (part ${i + 1} of ${pages.length})` : '';
      const partNav = partsNav('az-parts', escapeHtml(letter), pages.map((q) => q.file), i);
      const head = sec.slice(0, ulOpenEnd).replace(/<h2 class="az-letter">([^<]*)<\/h2>/, (_m, l: string) => `<h2 class="az-letter">${l}${part}</h2>${partNav}`);
      files.set(p.file, retitle(prefix, `${escapeHtml(letter)}${part}`) + azNav + head + p.entries.join('') + sec.slice(ulEnd) + partNav + suffix);
      for (const e of p.entries) {
        const m = /^<li id="([^"]*)" class="(?:person|entity)[^"]*"><h3>(.*?)<\/h3>/s.exec(e);
        if (m) items.push(`<li id="${m[1]}"><a href="${p.file}#${m[1]}">${m[2]}</a></li>`);
      }
    });
    directory.push(`<section class="az-group" id="letter-${id}"><h2 class="az-letter"><a href="${pages[0]!.file}">${escapeHtml(letter)}</a></h2><ul class="az-directory">${items.join('')}</ul></section>`);
  }
  return new Map([[`${base}.html`, prefix + azNav + directory.join('') + suffix], ...files]);
}

/**
 * An entry larger than a page, in pieces of at most `budget` bytes: the entry's head and its
 * first documents, then "continued" pieces (`<li id="<id>-cont-N" class="entry-cont …">`) with
 * the rest of each list of documents ("Mentioned in (continued): …"). The lists are cut only
 * between two documents (at "; <a href=", which no title has: its text is escaped).
 */
export function cutEntry(entry: string, budget: number): string[] {
  const m = /^<li id="([^"]*)" class="([^"]*)"><h3>(.*?)<\/h3>/s.exec(entry);
  const firstPara = entry.indexOf('<p class="person-docs');
  if (!m || firstPara < 0 || !entry.endsWith('</li>')) return [entry];
  const [, id, cls, name] = m;
  const head = entry.slice(0, firstPara);
  const body = entry.slice(firstPara, -'</li>'.length);
  // The paragraphs of documents: their class, their label, their items.
  const paras = [...body.matchAll(/<p class="([^"]*)">([^:<]*): (.*?)<\/p>/gs)];
  if (paras.map((p) => p[0]).join('') !== body) return [entry];
  const more = '<p class="entry-more">Continued on the next page.</p>';
  const pieces: string[] = [];
  // The piece being filled, as parts and its size (joined once: no string grows item by item).
  let cur: string[] = [head];
  let size = bytes(head);
  const put = (x: string) => {
    cur.push(x);
    size += bytes(x);
  };
  let n = 0;
  const open = () => `<li id="${id}-cont-${n}" class="entry-cont ${cls}"><h3>${name} (continued)</h3>`;
  const reserve = bytes(more) + 16;
  for (const [, pcls, label, items] of paras) {
    let started = false;
    for (const item of items!.split(/; (?=<a href=")/)) {
      const add = (started ? '; ' : `<p class="${pcls}">${label}: `) + item;
      if (size + bytes(add) + reserve > budget && (started || cur.length > 1)) {
        pieces.push(cur.join('') + (started ? '</p>' : '') + more + '</li>');
        n += 1;
        cur = [];
        size = 0;
        put(open() + `<p class="${pcls}">${label}${started ? ' (continued)' : ''}: ` + item);
      } else put(add);
      started = true;
    }
    put('</p>');
  }
  pieces.push(cur.join('') + '</li>');
  return pieces;
}
