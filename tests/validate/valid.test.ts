/**
 * Valid documents: the fixtures in tests/fixtures/validate/valid and the TEI the importer
 * wrote (source/tei) pass the project's grammar and Schematron without a message, and jing
 * agrees that they are valid against the project grammar and against TEI P5 tei_all.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { validateFiles } from '../../src/validate/index.js';
import { editionRng, fixtures, hasJing, jing, sourceTei, teiAllRng, xmlFiles } from './helpers.js';

const validFixtures = xmlFiles(path.join(fixtures, 'valid'));
let results: Map<string, VFile>;

beforeAll(async () => {
  const files = await validateFiles([...validFixtures, ...sourceTei]);
  results = new Map(files.map((f, i) => [[...validFixtures, ...sourceTei][i]!, f]));
});

describe('valid fixtures', () => {
  it('include the kitchen sink (every element of the grammar) and a typical conversation', () => {
    expect(validFixtures.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['wilson-208236.xml', 'conversation.xml']));
  });

  it.each(validFixtures.map((f) => [path.basename(f), f]))('%s has no message at all', (_name, file) => {
    expect(results.get(file)!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).toEqual([]);
  });
});

describe.skipIf(sourceTei.length === 0)('the TEI the importer wrote (source/tei)', () => {
  it.each(sourceTei.map((f) => [path.basename(f), f]))('%s has no error (warnings allowed)', (_name, file) => {
    expect(results.get(file)!.messages.filter((m) => m.fatal === true).map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`)).toEqual([]);
  });
});

describe.skipIf(!hasJing)('jing agrees', () => {
  const all = [...validFixtures, ...sourceTei];
  it('they are valid against the project grammar', () => {
    const errors = [...jing(editionRng, all)].filter(([, e]) => e.length > 0);
    expect(errors).toEqual([]);
  });
  it('they are valid against TEI P5 tei_all', () => {
    const errors = [...jing(teiAllRng, all)].filter(([, e]) => e.length > 0);
    expect(errors).toEqual([]);
  });
});
