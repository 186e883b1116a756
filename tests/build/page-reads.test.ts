/**
 * What each index page reads of a digest (src/build/page-reads.ts): the page made from those
 * parts is the page made from the whole digests, byte for byte (with title slots, as the build
 * makes them), for the sample edition with its register and for TEI of other projects; and a
 * change a page does not read leaves its parts as they were.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageReads } from '../../src/build/page-reads.js';
import { documentDigest, parseTei, renderNamedPage } from '../../src/publish/html.js';
import { INDEX_PAGES } from '../../src/publish/index-pages.js';
import { cli, sampleEdition } from './helpers.js';

const repo = path.resolve(import.meta.dirname, '../..');
const teiDir = path.join(repo, 'source', 'tei');
const foreign = path.join(repo, 'tests', 'corpus', 'foreign-sample');
const common = { 'edition-title': 'Test', 'title-slots': true };

function samePages(files: string[], register: string | null): void {
  const digests = files.map((f) => documentDigest(parseTei(readFileSync(f, 'utf8'))));
  const stems = files.map((f) => path.basename(f, '.xml'));
  for (const template of INDEX_PAGES) {
    const reads = digests.map((d) => pageReads(template, d));
    // The parts leave something out (else the test proves nothing).
    expect(reads.join('').length, template).toBeLessThan(digests.join('').length);
    expect(renderNamedPage(template, reads, stems, register, common), template).toBe(renderNamedPage(template, digests, stems, register, common));
  }
}

describe('pageReads', () => {
  it('makes the sample edition’s index pages as the whole digests do', () => {
    const files = readdirSync(teiDir).filter((f) => f.endsWith('.xml') && f !== 'persons.xml').sort().map((f) => path.join(teiDir, f));
    samePages(files, readFileSync(path.join(repo, 'source', 'persons.xml'), 'utf8'));
  }, 60_000);

  it('makes the index pages of other projects’ TEI (plays, letters, inscriptions, papyri) as the whole digests do', () => {
    const files = ['dracor/lessing-minna-von-barnhelm.xml', 'schnitzler/L00500.xml', 'schnitzler/L01000.xml', 'isicily/inscriptions/ISic000050.xml', 'pta/pta0001.pta002.pta-grc1.xml', 'teic/testspoken.xml', 'teic/testnames.xml'].map((f) => path.join(foreign, f));
    samePages(files, null);
  }, 60_000);

  it('leaves a page’s parts as they were after a change the page does not read', () => {
    const xml = readFileSync(path.join(teiDir, readdirSync(teiDir).filter((f) => f.startsWith('doc-')).sort()[0]!), 'utf8');
    const text = xml.indexOf('<body');
    const unlinked = xml.slice(0, text) + xml.slice(text).replace(/<persName ref="[^"]*">/, '<persName>');
    expect(unlinked).not.toBe(xml);
    const [before, after] = [xml, unlinked].map((t) => documentDigest(parseTei(t)));
    expect(pageReads('index', after!)).toBe(pageReads('index', before!));
    expect(pageReads('places', after!)).toBe(pageReads('places', before!));
    expect(pageReads('orgs', after!)).toBe(pageReads('orgs', before!));
    expect(pageReads('persons', after!)).not.toBe(pageReads('persons', before!));
  });

  it('is the whole digest where the digest is not shaped as documentDigest writes it', () => {
    expect(pageReads('places', '<TEI><text/></TEI>')).toBe('<TEI><text/></TEI>');
  });
});

describe('build: the names of one document’s text unlinked', () => {
  it('makes the index of persons again and keeps the others; the pages are those of a build from scratch', () => {
    const dir = sampleEdition(['html']);
    const kept = () => readdirSync(path.join(dir, '.tei-edition-cache', 'index-slots'), { recursive: true }).filter((f) => !String(f).endsWith('.sha256') && String(f).includes('/')).length;
    expect(cli(dir, 'build', '--html').status).toBe(0);
    const html = path.join(dir, 'editions', 'html');
    const before = Object.fromEntries(INDEX_PAGES.map((p) => [p, readFileSync(path.join(html, `${p}.html`), 'utf8')]));
    const blobs = kept();
    const tei = path.join(dir, 'source', 'tei');
    const file = path.join(tei, readdirSync(tei).filter((f) => f.startsWith('doc-')).sort()[0]!);
    const xml = readFileSync(file, 'utf8');
    const body = xml.indexOf('<body');
    writeFileSync(file, xml.slice(0, body) + xml.slice(body).replace(/<persName ref="[^"]*">/g, '<persName>'));
    const r = cli(dir, 'build', '--html');
    expect(r.status, r.stderr).toBe(0);
    // One page made again (the index of persons), kept under a new key; the others filled from theirs.
    expect(kept()).toBe(blobs + 1);
    expect(readFileSync(path.join(html, 'persons.html'), 'utf8')).not.toBe(before.persons);
    const fresh = path.join(dir, 'fresh');
    expect(cli(dir, 'build', '--html', '--out', fresh, '--cache', path.join(dir, 'cache2')).status).toBe(0);
    for (const page of INDEX_PAGES) expect(readFileSync(path.join(html, `${page}.html`), 'utf8'), page).toBe(readFileSync(path.join(fresh, `${page}.html`), 'utf8'));
  }, 240_000);
});
