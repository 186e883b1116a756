import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editionTitleFrom } from '../../src/build/title.js';
import { corpus } from '../helpers/corpus.js';

const foreign = path.join(corpus, 'foreign-sample');
const read = (...rel: string[]) => rel.map((r) => ({ bytes: readFileSync(path.join(foreign, r)) }));

describe('the edition’s title, when the configuration gives none', () => {
  it('is the series most documents share (the Schnitzler letters’)', () => {
    expect(editionTitleFrom(read('schnitzler/L00500.xml', 'schnitzler/L01000.xml', 'schnitzler/L01500.xml'), foreign)).toBe('Arthur Schnitzler: Briefwechsel mit Autorinnen und Autoren');
  });
  it('is a single document’s title', () => {
    expect(editionTitleFrom(read('dracor/kleist-der-zerbrochene-krug.xml'), foreign)).toBe('Der zerbrochne Krug');
  });
  it('is the authority all documents share (I.Sicily)', () => {
    expect(editionTitleFrom(read('isicily/inscriptions/ISic000050.xml', 'isicily/inscriptions/ISic000051.xml'), foreign)).toBe('I.Sicily');
  });
  it('is the folder’s name for a mixed folder, never a placeholder', () => {
    expect(editionTitleFrom(read('dracor/kleist-der-zerbrochene-krug.xml', 'pta/pta0001.pta002.pta-grc1.xml'), foreign)).toBe('Foreign sample');
  });
});
