/**
 * Everything the project grammar accepts is valid TEI: random documents generated from
 * tei-edition.rng (every element, attribute and value of the grammar, in random
 * combinations) are valid against tei-edition.rng and against TEI P5 tei_all (jing), and
 * libxml2 accepts them too.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/validate/index.js';
import { descendants, parseXmlTree } from '../../src/validate/xml-tree.js';
import { editionRng, hasJing, jing, teiAllRng } from './helpers.js';
import { random, Sampler } from './rng-sample.js';

const RNG = 'http://relaxng.org/ns/structure/1.0';
const COUNT = 150;
let dir: string;
let files: string[];
let sampler: Sampler;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-subset-'));
  sampler = new Sampler(editionRng, random(20240601));
  files = [];
  for (let i = 0; i < COUNT; i++) {
    const file = path.join(dir, `sample-${String(i).padStart(3, '0')}.xml`);
    writeFileSync(file, sampler.document());
    files.push(file);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('random documents from the project grammar', () => {
  it('use every element and every attribute the grammar defines', () => {
    const grammar = parseXmlTree(readFileSync(editionRng, 'utf8'));
    const elements = new Set(descendants(grammar, RNG, 'element').map((e) => e.attrs.name!));
    const attributes = new Set(descendants(grammar, RNG, 'attribute').map((e) => e.attrs.name!));
    expect([...elements].filter((e) => !sampler.elements.has(e))).toEqual([]);
    expect([...attributes].filter((a) => !sampler.attributes.has(a))).toEqual([]);
  });

  it.skipIf(!hasJing)('are valid against the project grammar (jing): the sampler is sound', () => {
    const invalid = [...jing(editionRng, files)].filter(([, e]) => e.length > 0).map(([f, e]) => `${path.basename(f)}:${e[0]!.line}: ${e[0]!.message}`);
    expect(invalid).toEqual([]);
  });

  it.skipIf(!hasJing)('are valid against TEI P5 tei_all (jing)', () => {
    const invalid = [...jing(teiAllRng, files)].filter(([, e]) => e.length > 0).map(([f, e]) => `${path.basename(f)}:${e[0]!.line}: ${e[0]!.message}`);
    expect(invalid).toEqual([]);
  });

  it('are valid against the project grammar for the in-process validator', async () => {
    const validated = await validateFiles(files, { schematron: false });
    const invalid = validated.filter((f) => f.messages.length > 0).map((f) => `${path.basename(f.path)}: ${f.messages[0]!.line}: ${f.messages[0]!.reason}`);
    expect(invalid).toEqual([]);
  });
});
