/**
 * The edition's order made from each document's kept order key (doc-nav.ts, editionOrder) is
 * the order the stylesheet's "edition-order" makes from all the documents at once: on the
 * sample, the FRUS and DraCor reference TEI and the foreign sample, with undated documents
 * (filed by title, ties among them) and titles past U+FFFF and in the private use area.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editionOrder, parseEditionOrder, parseOrderEntries } from '../../src/publish/doc-nav.js';
import { documentDigest, parseTei, renderNamedPage } from '../../src/publish/html.js';

const repo = path.resolve(import.meta.dirname, '../..');
const xmlIn = (dir: string, test: (f: string) => boolean = (f) => f.endsWith('.xml')): string[] =>
  readdirSync(dir, { recursive: true }).map(String).filter(test).sort().map((f) => path.join(dir, f));

describe('editionOrder', () => {
  it('is the stylesheet’s edition-order, from the documents’ order keys', () => {
    const files = [
      ...xmlIn(path.join(repo, 'source', 'tei'), (f) => f.endsWith('.xml') && f !== 'persons.xml'),
      ...xmlIn(path.join(repo, 'tests', 'corpus', 'frus-sample'), (f) => f.endsWith('.ref.xml')),
      ...xmlIn(path.join(repo, 'tests', 'corpus', 'dracor-de-sample'), (f) => f.endsWith('.ref.xml')),
      ...xmlIn(path.join(repo, 'tests', 'corpus', 'foreign-sample')),
    ];
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    // Undated documents, filed by their titles: one past U+FFFF, one in the private use area, two alike.
    const undated = (t: string, title: string) => t.replace(/ (when|from|notBefore|to|notAfter)="[^"]*"/g, '').replace(/<date\b[^>]*>[^<]*<\/date>/g, '').replace(/(<title type="main">)[^<]*/, `$1${title}`);
    const sample = texts[0]!.includes('type="introduction"') ? texts[1]! : texts[0]!;
    texts.push(undated(sample, '\u{1D11E} Clef'), undated(sample, '\uFB01 Ligature'), undated(sample, 'Alike'), undated(sample, 'Alike'), undated(sample, 'alike'));
    const stems = texts.map((_, i) => `d${String(i).padStart(3, '0')}`);
    const digests = texts.map((t) => {
      try {
        return documentDigest(parseTei(t));
      } catch {
        return null;
      }
    });
    const kept = digests.flatMap((d, i) => (d === null ? [] : [{ d, stem: stems[i]! }]));
    expect(kept.length).toBeGreaterThan(30);
    const expected = parseEditionOrder(renderNamedPage('edition-order', kept.map((k) => k.d), kept.map((k) => k.stem), null, {}));
    // Each document's key found on its own (as a build keeps them), the order made from the keys.
    const keys = kept.map((k) => ({ stem: k.stem, ...parseOrderEntries(renderNamedPage('order-entries', [k.d], [k.stem], null, {})).get(k.stem)! }));
    expect(editionOrder(keys)).toEqual(expected);
    expect(expected.some((e) => e.number === '')).toBe(true);
  }, 120_000);
});
