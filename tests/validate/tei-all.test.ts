/**
 * `--schema PATH.rng`: validating TEI this project did not make against TEI P5 tei_all, with
 * libxml2 in-process (tei_all compiles in about 8 s, so everything here is one call).
 *
 * The FRUS reference files of tests/corpus/frus-sample are NOT valid tei_all as shipped:
 * each has `<idno>` after `<p>` in publicationStmt, which TEI does not allow (jing says the
 * same). The test records that, and proves that the files are otherwise valid by moving the
 * idno into the paragraph.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { validateFiles } from '../../src/validate/index.js';
import { fixtures, frusDir, hasJing, jing, sourceTei, teiAllRng, xmlFiles } from './helpers.js';

const frus = xmlFiles(frusDir).filter((f) => f.endsWith('.ref.xml'));
const valid = [...xmlFiles(path.join(fixtures, 'valid')), ...sourceTei];

/** The FRUS header with its idno moved into the publicationStmt paragraph. */
function repair(xml: string): string {
  return xml.replace(/<\/p>(<idno>[^<]*<\/idno>)<\/publicationStmt>/, ' $1</p></publicationStmt>');
}

let asShipped: VFile[];
let repaired: VFile[];
let ours: VFile[];
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'tei-edition-frus-'));
  const repairedPaths = frus.map((f) => {
    const copy = path.join(tmp, path.basename(f).replace(/\.ref\.xml$/, '.repaired.xml'));
    writeFileSync(copy, repair(readFileSync(f, 'utf8')));
    return copy;
  });
  // One call: libxml2 compiles tei_all once.
  const files = await validateFiles([...frus, ...repairedPaths, ...valid], { schema: teiAllRng });
  asShipped = files.slice(0, frus.length);
  repaired = files.slice(frus.length, 2 * frus.length);
  ours = files.slice(2 * frus.length);
}, 180_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('validation against tei_all with --schema', () => {
  it('runs no Schematron with another grammar', () => {
    expect([...asShipped, ...repaired, ...ours].flatMap((f) => f.messages).filter((m) => m.source === 'schematron')).toEqual([]);
  });

  it('finds the one known error in each FRUS reference file (idno after p in publicationStmt, line 4)', () => {
    expect(frus.length).toBe(10);
    for (const f of asShipped) {
      expect(f.messages.map((m) => [m.source, m.ruleId, m.line])).toEqual([['relaxng', 'unexpected-element', 4]]);
      expect(f.messages[0]!.reason).toBe('element "idno" not allowed here; expected the element end-tag or element "ab" or "p"');
    }
  });

  it('accepts the FRUS reference files once that idno is inside the paragraph', () => {
    for (const f of repaired) expect(f.messages.map((m) => `${m.line}: ${m.reason}`), f.path).toEqual([]);
  });

  it('accepts every valid fixture and every TEI file of source/tei', () => {
    for (const f of ours) expect(f.messages.map((m) => `${m.line}: ${m.reason}`), f.path).toEqual([]);
  });

  it.skipIf(!hasJing)('agrees with jing on the FRUS files', () => {
    const reference = jing(teiAllRng, frus);
    frus.forEach((f, i) => {
      expect(reference.get(f)!.map((e) => e.line)).toEqual(asShipped[i]!.messages.map((m) => m.line));
    });
  });
});
