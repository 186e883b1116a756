/**
 * The validator (what users run) and jing (the TEI community's reference validator)
 * must agree on the project grammar: the same documents valid, and the errors at the same
 * lines, for every fixture.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { validateFiles } from '../../src/validate/index.js';
import { editionRng, fixtures, hasJing, jing, sourceTei, xmlFiles, type JingError } from './helpers.js';

// Hostile fixtures with a DOCTYPE are left out: jing would expand their entities.
const files = [
  ...xmlFiles(path.join(fixtures, 'valid')),
  ...xmlFiles(path.join(fixtures, 'rules')),
  path.join(fixtures, 'hostile/not-well-formed.xml'),
  path.join(fixtures, 'hostile/undeclared-entity.xml'),
  ...sourceTei,
];

let ours: Map<string, VFile>;
let theirs: Map<string, JingError[]>;

beforeAll(async () => {
  const validated = await validateFiles(files, { schematron: false });
  ours = new Map(validated.map((f, i) => [files[i]!, f]));
  theirs = jing(editionRng, files);
});

function grammarLines(file: VFile): number[] {
  return [...new Set(file.messages.filter((m) => m.source === 'relaxng' || m.source === 'xml').map((m) => m.line ?? 0))].sort((a, b) => a - b);
}

function jingLines(errors: JingError[]): number[] {
  // jing adds a note at the first occurrence of a duplicated ID; libxml2 does not.
  return [...new Set(errors.filter((e) => !e.message.startsWith('first occurrence of ID')).map((e) => e.line))].sort((a, b) => a - b);
}

describe.skipIf(!hasJing)('the validator and jing on the edition grammar', () => {
  it('see a mix of valid and invalid fixtures', () => {
    const invalid = files.filter((f) => theirs.get(f)!.length > 0);
    expect(invalid.length).toBeGreaterThanOrEqual(18);
    expect(files.length - invalid.length).toBeGreaterThanOrEqual(30);
  });

  it.each(files.map((f) => [path.relative(fixtures, f), f]))('agree on %s', (_name, file) => {
    const mine = ours.get(file)!;
    const reference = theirs.get(file)!;
    const mineValid = !mine.messages.some((m) => m.fatal === true);
    expect(mineValid, `xmllint: ${mine.messages.map((m) => `${m.line}: ${m.reason}`).join('; ')} / jing: ${reference.map((e) => `${e.line}: ${e.message}`).join('; ')}`).toBe(
      reference.length === 0,
    );
    const fatal = reference.filter((e) => e.fatal);
    if (fatal.length > 0) {
      // Not well-formed: libxml2 validates nothing, jing what it read before the error.
      expect(mine.messages.filter((m) => m.source === 'xml').map((m) => m.line)).toEqual(fatal.map((e) => e.line));
    } else {
      expect(grammarLines(mine)).toEqual(jingLines(reference));
    }
  });
});
