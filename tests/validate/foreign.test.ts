/**
 * The validator against jing, the TEI community's reference, on TEI this project did not make
 * (tests/corpus/foreign-sample) and on the edition's fixtures (tests/fixtures/validate): per
 * file the same verdict, at least 95% of the lines jing flags flagged, and no more than 5% of
 * ours at lines jing does not flag.
 *
 * jing reads an external DTD, which the validator never does: the two files with one are given
 * to jing with the DOCTYPE's external identifier removed (their internal subset kept). jing
 * (Debian's, Xerces inside) resolves XIncludes, as the validator does.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { validateFiles } from '../../src/validate/index.js';
import { corpus, editionRng, fixtures, hasJing, jing, repo, teiAllRng, xmlFiles, type JingError } from './helpers.js';

const foreignDir = path.join(corpus, 'foreign-sample');
const foreign = ['dracor', 'isicily/inscriptions', 'pta', 'schnitzler', 'teic'].flatMap((d) => xmlFiles(path.join(foreignDir, d)));
const editionFiles = [...xmlFiles(path.join(fixtures, 'valid')), ...xmlFiles(path.join(fixtures, 'rules')), path.join(fixtures, 'hostile/not-well-formed.xml'), path.join(fixtures, 'hostile/undeclared-entity.xml')];

let tmp: string;
const runs: { name: string; schema: string; files: string[]; ours: VFile[]; theirs: Map<string, JingError[]> }[] = [];

/** What jing is given for a file: a copy without the external DTD's identifier, when it names one. */
function forJing(file: string): string {
  const text = readFileSync(file, 'utf8');
  const stripped = text.replace(/(<!DOCTYPE\s+[^\s[>]+)\s+(?:SYSTEM\s+("[^"]*"|'[^']*')|PUBLIC\s+("[^"]*"|'[^']*')\s+("[^"]*"|'[^']*'))/, '$1');
  if (stripped === text) return file;
  const copy = path.join(tmp, path.relative(repo, file).replace(/[/\\]/g, '_'));
  writeFileSync(copy, stripped);
  return copy;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'tei-edition-foreign-'));
  for (const [name, schema, files] of [
    ['tei_all', teiAllRng, [...foreign, ...editionFiles]],
    ['edition', editionRng, editionFiles],
  ] as const) {
    const ours = await validateFiles(files, { schema, schematron: false, cwd: repo, all: true });
    let theirs = new Map<string, JingError[]>();
    if (hasJing) {
      const given = files.map(forJing);
      const raw = jing(schema, given);
      theirs = new Map(files.map((f, i) => [f, raw.get(path.resolve(given[i]!)) ?? []]));
    }
    runs.push({ name, schema, files, ours, theirs });
  }
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function ourLines(file: VFile): Set<number> {
  return new Set(file.messages.filter((m) => m.fatal === true && (m.source === 'relaxng' || m.source === 'xml' || m.source === 'xinclude') && m.ruleId !== 'not-edition').map((m) => m.line ?? 0));
}

function theirLines(errors: JingError[]): Set<number> {
  return new Set(errors.filter((e) => !e.message.startsWith('first occurrence of ID')).map((e) => e.line));
}

describe.skipIf(!hasJing)('the validator and jing', () => {
  it('see a corpus with valid and invalid files, XIncludes and DOCTYPEs', () => {
    const all = runs.find((r) => r.name === 'tei_all')!;
    expect(foreign.length).toBeGreaterThanOrEqual(14);
    expect(foreign.filter((f) => all.theirs.get(f)!.length > 0).length).toBeGreaterThanOrEqual(3);
    expect(foreign.some((f) => readFileSync(f, 'utf8').includes('<xi:include'))).toBe(true);
    expect(foreign.some((f) => readFileSync(f, 'utf8').includes('<!DOCTYPE'))).toBe(true);
  });

  for (const name of ['tei_all', 'edition']) {
    it(`give the same verdict on every file (${name})`, () => {
      const run = runs.find((r) => r.name === name)!;
      const differ = run.files.filter((f, i) => {
        const oursValid = !run.ours[i]!.messages.some((m) => m.fatal === true);
        return oursValid !== (run.theirs.get(f)!.length === 0);
      });
      expect(differ.map((f) => path.relative(repo, f))).toEqual([]);
    });

    it(`flag at least 95% of jing's error lines, and no more than 5% elsewhere (${name})`, () => {
      const run = runs.find((r) => r.name === name)!;
      let theirs = 0;
      let found = 0;
      let mine = 0;
      let extra = 0;
      const report: string[] = [];
      run.files.forEach((f, i) => {
        const t = theirLines(run.theirs.get(f)!);
        const o = ourLines(run.ours[i]!);
        theirs += t.size;
        mine += o.size;
        for (const l of t) if (o.has(l)) found++;
        else report.push(`${path.relative(repo, f)}:${l} missed`);
        for (const l of o) if (!t.has(l)) {
          extra++;
          report.push(`${path.relative(repo, f)}:${l} extra`);
        }
      });
      expect(theirs).toBeGreaterThan(0);
      expect(found / theirs, report.join('\n')).toBeGreaterThanOrEqual(0.95);
      expect(extra / Math.max(mine, 1), report.join('\n')).toBeLessThanOrEqual(0.05);
    });
  }

  it('report an external DTD as not read, and validate the document without it', () => {
    const run = runs.find((r) => r.name === 'tei_all')!;
    const i = run.files.findIndex((f) => f.endsWith('testdrama.xml'));
    const dtd = run.ours[i]!.messages.filter((m) => m.ruleId === 'doctype-external');
    expect(dtd).toHaveLength(1);
    expect(dtd[0]).toMatchObject({ line: 2, fatal: false });
  });

  it('resolve the EpiDoc files\' XIncludes (no xi:include left to the grammar)', () => {
    const run = runs.find((r) => r.name === 'tei_all')!;
    run.files.forEach((f, i) => {
      if (!f.includes('isicily')) return;
      expect(run.ours[i]!.messages.map((m) => `${m.line}: ${m.reason}`)).toEqual([]);
    });
  });
});

describe('worker threads', () => {
  const dist = path.join(repo, 'dist/validate/index.js');
  it.skipIf(!existsSync(dist))('give the same messages as the calling thread on a large batch (the built validator)', async () => {
    const { validateFiles: built } = (await import(dist)) as { validateFiles: typeof validateFiles };
    const files = [...foreign, ...foreign, ...foreign, ...foreign];
    const key = (fs: VFile[]): string[][] => fs.map((f) => f.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`));
    const parallel = await built(files, { schema: teiAllRng, cwd: repo, workers: 2 });
    const single = await built(files, { schema: teiAllRng, cwd: repo, workers: 1 });
    expect(key(parallel)).toEqual(key(single));
    expect(key(single).slice(0, foreign.length)).toEqual(key(runs.find((r) => r.name === 'tei_all')!.ours.slice(0, foreign.length)));
  }, 120_000);
});
