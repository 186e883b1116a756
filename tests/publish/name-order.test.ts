// Name order and sort keys (transform/common/name-order.xsl): one fixture pair per name order in
// tests/fixtures/names (a register entry NAME.xml, and NAME.json: how it is filed).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filing } from '../helpers/name-order.js';

const dir = path.resolve(import.meta.dirname, '../fixtures/names');
const cases = readdirSync(dir).filter((f) => f.endsWith('.xml')).map((f) => f.replace(/\.xml$/, '')).sort();

describe('name order', () => {
  it('has a fixture pair for every name order', () => {
    for (const c of ['given-first', 'family-first-lang', 'family-first-nationality', 'editor-markup', 'editor-wins-over-lang', 'patronymic', 'particle-lower', 'particle-capital', 'inverted', 'surname-only']) expect(cases).toContain(c);
  });
  for (const c of cases) {
    it(c, async () => {
      const expected = JSON.parse(readFileSync(path.join(dir, `${c}.json`), 'utf8'));
      expect(await filing(readFileSync(path.join(dir, `${c}.xml`), 'utf8'))).toEqual(expected);
    });
  }
});
