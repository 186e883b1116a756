/**
 * A file of many documents (src/publish/volume.ts, transform/split/split.xsl): a volume of
 * div[@type='document'] (FRUS) and a teiCorpus become a page per document, an entry each in
 * the index, and, for a volume, a page of its own listing its documents; every word of each
 * document reaches its page; a file of one document is not split.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHtmlEdition, parseTei } from '../../src/publish/html.js';
import { mayHoldDocuments, splitDocuments } from '../../src/publish/volume.js';
import { run, tempDir } from '../helpers/run.js';
import { missingWords, parseHtml, repo, sampleTei, xstring, xstrings } from './helpers.js';

const volume = path.join(repo, 'tests/fixtures/volume/volume-frus.xml');
const volumeText = readFileSync(volume, 'utf8');
const split = (text: string, stem: string) => splitDocuments(text, stem, () => parseTei(text));

describe('a FRUS volume (div type="document")', () => {
  const parts = split(volumeText, 'vol')!;

  it('is cut into the volume and one document per division, named after the file and the division', () => {
    expect(parts.map((p) => p.stem)).toEqual(['vol', 'vol-d130', 'vol-d133', 'vol-d136']);
  });

  it('gives each document the division’s head as its title, the volume as its series, an id of its own', () => {
    const doc = parseTei(parts[2]!.text);
    expect(xstring("string(//*:titleStmt/*:title[@type = 'main'])", doc)).toBe('Minutes of the Daily Meetings of the Commissioners Plenipotentiary, Monday, August 11, 1919');
    expect(xstring("string(//*:titleStmt/*:title[@level = 's'])", doc)).toMatch(/^Papers Relating to the Foreign Relations of the United States/);
    expect(parts.map((p) => xstring('string(/*/@xml:id)', parseTei(p.text)))).toEqual(['frus1919Parisv11', 'frus1919Parisv11-d130', 'frus1919Parisv11-d133', 'frus1919Parisv11-d136']);
  });

  it('builds a page per document and one for the volume, listed in the index; every word reaches its page', () => {
    const src = tempDir();
    mkdirSync(path.join(src, 'tei'));
    writeFileSync(path.join(src, 'tei', 'volume-frus.xml'), volumeText);
    const out = path.join(src, 'html');
    const result = buildHtmlEdition({ source: path.join(src, 'tei'), out });
    expect(result.documents).toBe(4);
    const index = parseHtml(readFileSync(path.join(out, 'index.html'), 'utf8'));
    expect(xstrings('//h:main//h:a/@href', index).filter((h) => h.startsWith('volume-frus')).sort()).toEqual(['volume-frus-d130.html', 'volume-frus-d133.html', 'volume-frus-d136.html', 'volume-frus.html']);
    // The volume's page lists its documents, linking to pages that exist.
    const own = parseHtml(readFileSync(path.join(out, 'volume-frus.html'), 'utf8'));
    const links = xstrings("//h:main//h:a[not(ancestor::h:nav)]/@href[ends-with(., '.html')][starts-with(., 'volume-frus-')]", own);
    expect(links).toEqual(['volume-frus-d130.html', 'volume-frus-d133.html', 'volume-frus-d136.html']);
    for (const l of links) expect(readdirSync(out)).toContain(l);
    // Every word of each division on its page.
    const tei = parseTei(volumeText);
    for (const id of ['d130', 'd133', 'd136']) {
      const words = xstring(`string-join(//*:div[@xml:id = '${id}']//text(), ' ')`, tei);
      const page = parseHtml(readFileSync(path.join(out, `volume-frus-${id}.html`), 'utf8'));
      expect(missingWords(words, xstring('string-join(//h:main//text(), " ")', page)), id).toEqual([]);
    }
  });

  it('is split in the build too (build --schema tei_all)', async () => {
    const src = tempDir();
    mkdirSync(path.join(src, 'tei'));
    writeFileSync(path.join(src, 'tei', 'volume-frus.xml'), volumeText);
    const out = path.join(src, 'html');
    const r = await run('build', '--html', '--source', path.join(src, 'tei'), '--out', out, '--schema', 'tei_all', '--title', 'A volume', '--cache', path.join(src, '.cache'));
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => f.startsWith('volume-frus')).sort()).toEqual(['volume-frus-d130.html', 'volume-frus-d133.html', 'volume-frus-d136.html', 'volume-frus.html']);
  });
});

describe('a teiCorpus', () => {
  it('gives each TEI in it a page, named by its id', () => {
    const members = readdirSync(sampleTei).filter((f) => f.startsWith('doc-')).slice(0, 2).map((f) => readFileSync(path.join(sampleTei, f), 'utf8').replace(/^<\?xml[^>]*\?>\s*/, ''));
    const corpus = `<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Two</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>${members.join('\n')}</teiCorpus>`;
    const parts = split(corpus, 'two')!;
    const ids = members.map((m) => /<TEI[^>]*xml:id="([^"]*)"/.exec(m)![1]);
    expect(parts.map((p) => p.stem)).toEqual(ids.map((id) => `two-${id}`));
    expect(parts.map((p) => xstring('string(/*/@xml:id)', parseTei(p.text)))).toEqual(ids);
  });
});

describe('a file of one document', () => {
  it('is not split (the sample edition, the FRUS documents)', () => {
    for (const f of readdirSync(sampleTei)) {
      const text = readFileSync(path.join(sampleTei, f), 'utf8');
      expect(split(text, 'x'), f).toBeNull();
    }
  });
});

describe('the cheap test before a file is parsed', () => {
  it('tells the same from the bytes as from the text: a volume, a teiCorpus, one document (one division of type "document"), two such divisions, "document" in quotes elsewhere', () => {
    const one = readFileSync(path.join(sampleTei, readdirSync(sampleTei).find((f) => f.startsWith('doc-'))!), 'utf8');
    const cases = [volumeText, `<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">${one}</teiCorpus>`, one, one.replace('<body>', "<body><div type='document'><p>x</p></div>"), one.replace('<body>', '<body><p rend="document"/><p n=\'document\'/>')];
    expect(cases.map((t) => mayHoldDocuments(t))).toEqual([true, true, false, true, false]);
    // A document that never says "document" (decided without decoding it).
    cases.push('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>');
    expect(mayHoldDocuments(cases.at(-1)!)).toBe(false);
    // A teiCorpus past the first 64 KiB of bytes but within the first 65,536 characters.
    cases.push(`<!--${'é'.repeat(40_000)}--><teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><TEI><text><body><p>x</p></body></text></TEI></teiCorpus>`);
    expect(mayHoldDocuments(cases.at(-1)!)).toBe(true);
    for (const t of cases) expect(mayHoldDocuments(Buffer.from(t)), t.slice(0, 60)).toBe(mayHoldDocuments(t));
  });
});
