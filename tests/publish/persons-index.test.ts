// The web index of persons on the built sample edition: filed by surname (name-order.xsl) under
// letters, with A–Z navigation that links only the letters that have entries.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { filing } from '../helpers/name-order.js';
import { buildInto, parsePage, repo, sampleTei, xstring, xstrings } from './helpers.js';

describe('index of persons (sample edition)', () => {
  let persons: unknown;
  beforeAll(() => {
    const { out } = buildInto(sampleTei, path.join(repo, 'source/persons.xml'));
    persons = parsePage(path.join(out, 'persons.html'));
  });

  it('files Kim Il Sung under K and Erich Honecker under H, as an index heads them', () => {
    expect(xstring('//h:li[@id = "per-kim-il-sung"]/ancestor::h:section/@id', persons)).toBe('letter-K');
    expect(xstring('//h:li[@id = "per-kim-il-sung"]/h:h3', persons)).toBe('Kim Il Sung');
    expect(xstring('//h:li[@id = "per-erich-honecker"]/ancestor::h:section/@id', persons)).toBe('letter-H');
    expect(xstring('//h:li[@id = "per-erich-honecker"]/h:h3', persons)).toBe('Honecker, Erich');
    expect(xstring('//h:li[@id = "per-kurt-hager"]/ancestor::h:section/@id', persons)).toBe('letter-H');
  });

  it('links every letter that has entries to its section, and no other', () => {
    const sections = xstrings('//h:section[@class = "az-group"]/@id', persons);
    const linked = xstrings('//h:nav[@class = "az"]//h:a/@href', persons);
    expect(linked).toEqual(sections.map((s) => `#${s}`));
    const unlinked = xstrings('//h:nav[@class = "az"]//h:span[@class = "az-empty"]', persons);
    expect(unlinked.length + linked.length).toBe(26 + (sections.includes('letter-other') ? 1 : 0));
    for (const letter of unlinked) expect(sections).not.toContain(`letter-${letter}`);
    expect(unlinked).toContain('Q');
    expect(sections).toEqual([...sections].sort());
  });

  it('sorts each letter by the sort keys of the register', async () => {
    const register = readFileSync(path.join(repo, 'source/persons.xml'), 'utf8');
    const keyOf = new Map<string, string>();
    for (const m of register.matchAll(/<person [^>]*xml:id="([^"]+)"[\s\S]*?<\/person>/g)) {
      keyOf.set(m[1]!, (await filing(m[0].replace('<person ', '<person xmlns="http://www.tei-c.org/ns/1.0" '))).sortKey);
    }
    const ids = xstrings('//h:li[@class = "person"]/@id', persons).filter((id) => keyOf.has(id));
    expect(ids.length).toBe(keyOf.size);
    const keys = ids.map((id) => keyOf.get(id)!);
    expect(keys).toEqual([...keys].sort());
    for (const id of ids) {
      const section = xstring('//h:li[@id = $id]/ancestor::h:section/@id', persons, { id });
      expect(section, id).toBe(`letter-${keyOf.get(id)![0]!.toUpperCase()}`);
    }
  });
});
