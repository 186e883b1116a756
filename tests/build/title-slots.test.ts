/**
 * The index pages made with title slots (src/build/title-slots.ts, the stylesheet's
 * `title-slots`): filled, they are the pages made with the titles, byte for byte; a retitled
 * document fills the kept pages again instead of making them; anything the slots cannot stand
 * for is made again.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillTitleSlots, titleSkeleton } from '../../src/build/title-slots.js';
import { parseEditionOrder } from '../../src/publish/doc-nav.js';
import { documentDigest, parseTei, renderNamedPage } from '../../src/publish/html.js';
import { INDEX_PAGES } from '../../src/publish/index-pages.js';
import { cli, sampleEdition } from './helpers.js';

const repo = path.resolve(import.meta.dirname, '../..');
const teiDir = path.join(repo, 'source', 'tei');

describe('fillTitleSlots', () => {
  const titles = new Map([
    ['a', 'Fish & Chips <served> "hot"'],
    ['b', 'Plain'],
  ]);
  it('writes each title as the serializer writes text', () => {
    expect(fillTitleSlots('<li>\uF8FFa\uF8FF; <a>\uF8FFb\uF8FF</a></li>', titles)).toBe('<li>Fish &amp; Chips &lt;served&gt; "hot"; <a>Plain</a></li>');
  });
  it('refuses a slot of a document it has no title for', () => {
    expect(fillTitleSlots('<li>\uF8FFc\uF8FF</li>', titles)).toBeNull();
  });
  it('refuses a page that holds the slot character of its own', () => {
    expect(fillTitleSlots('<li>\uF8FFa\uF8FF and \uF8FF in a name</li>', titles)).toBeNull();
    expect(fillTitleSlots('<li>\uF8FFb\uF8FFa\uF8FF</li>', titles)).toBeNull();
  });
});

describe('titleSkeleton', () => {
  const digest = (titles: string) => `<TEI><teiHeader><fileDesc><titleStmt>${titles}<author>X</author></titleStmt></fileDesc><profileDesc><abstract><p>About <title>Y</title></p></abstract></profileDesc></teiHeader></TEI>`;
  it('is the same whatever the titles of the titleStmt say', () => {
    expect(titleSkeleton(digest('<title type="main">One</title><title type="sub">a <hi>b</hi></title>'))).toBe(titleSkeleton(digest('<title type="main">Two &amp; three</title><title type="sub">c</title>')));
  });
  it('keeps everything else, and whether a title is empty', () => {
    expect(titleSkeleton(digest('<title type="main">One</title>'))).not.toBe(titleSkeleton(digest('<title type="main"> </title>')));
    expect(titleSkeleton(digest('<title type="main">One</title>'))).not.toBe(titleSkeleton(digest('<title type="sub">One</title>')));
    expect(titleSkeleton(digest('<title>One</title>'))).toContain('<title>Y</title>');
  });
  it('leaves a titleStmt it cannot read (a title in a title) as it is', () => {
    const nested = digest('<title type="main">A <title>B</title></title>');
    expect(titleSkeleton(nested)).toBe(nested);
  });
});

describe('index pages with title slots, filled, are the pages made with the titles', () => {
  it('for the sample edition, a retitled document with markup characters and an undated one', () => {
    const files = readdirSync(teiDir).filter((f) => f.endsWith('.xml') && f !== 'persons.xml').sort();
    const texts = files.map((f) => readFileSync(path.join(teiDir, f), 'utf8'));
    // A title with the characters the serializer escapes (and a no-break space); a document
    // without a date, which the edition files by its title.
    texts[1] = texts[1]!.replace(/(<title type="main">)/, '$1Fish &amp; Chips &lt;x&gt; "q" \u00A0');
    texts[2] = texts[2]!.replace(/ when="\d{4}-\d{2}-\d{2}"/g, '').replace(/<date\b[^>]*>[^<]*<\/date>/g, '');
    const stems = files.map((f) => f.replace(/\.xml$/, ''));
    const digests = texts.map((t) => documentDigest(parseTei(t)));
    const register = readFileSync(path.join(repo, 'source', 'persons.xml'), 'utf8');
    const common = { 'edition-title': 'Test' };
    const titles = new Map(parseEditionOrder(renderNamedPage('edition-order', digests, stems, null, common)).map((e) => [e.stem, e.title]));
    for (const template of INDEX_PAGES) {
      const made = renderNamedPage(template, digests, stems, register, common);
      const slotted = renderNamedPage(template, digests, stems, register, { ...common, 'title-slots': true });
      expect(slotted, template).toContain('\uF8FF');
      expect(fillTitleSlots(slotted, titles), template).toBe(made);
    }
  }, 60_000);
});

describe('build: a retitled document', () => {
  it('fills the kept index pages, and they are those of a build from scratch', () => {
    const dir = sampleEdition(['html']);
    const kept = () => {
      const root = path.join(dir, '.tei-edition-cache', 'index-slots');
      try {
        return readdirSync(root, { recursive: true }).filter((f) => !String(f).endsWith('.sha256') && String(f).includes('/')).length;
      } catch {
        return 0;
      }
    };
    expect(cli(dir, 'build', '--html').status).toBe(0);
    const before = kept();
    expect(before).toBe(INDEX_PAGES.length);
    const file = path.join(dir, 'source', 'tei', readdirSync(path.join(dir, 'source', 'tei')).filter((f) => f.startsWith('doc-')).sort()[0]!);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(<title type="main">)/, '$1Retitled &amp; '));
    const r = cli(dir, 'build', '--html');
    expect(r.status, r.stderr).toBe(0);
    expect(kept()).toBe(before);
    const html = path.join(dir, 'editions', 'html');
    expect(readFileSync(path.join(html, 'persons.html'), 'utf8')).toContain('Retitled &amp; ');
    // From scratch (no cache): the same index pages.
    const fresh = path.join(dir, 'fresh');
    expect(cli(dir, 'build', '--html', '--out', fresh, '--cache', path.join(dir, 'cache2')).status).toBe(0);
    for (const page of INDEX_PAGES) expect(readFileSync(path.join(html, `${page}.html`), 'utf8'), page).toBe(readFileSync(path.join(fresh, `${page}.html`), 'utf8'));
  }, 240_000);
});
