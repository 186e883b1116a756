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

/**
 * Faults made on purpose, the same every run: foreign files with elements, text and
 * attributes put where TEI does not allow them, attributes taken away, elements wrapped.
 */
function mutants(dir: string): string[] {
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const names = ['p', 'hi', 'note', 'div', 'head', 'l', 'sp', 'speaker', 'stage', 'seg', 'bogus', 'listPerson', 'date', 'title', 'rdg', 'lem', 'app'];
  const sources = ['dracor/lessing-minna-von-barnhelm.xml', 'pta/pta0001.pta005.pta-grc1.xml', 'teic/testnames.xml'].map((f) => path.join(foreignDir, f));
  const out: string[] = [];
  for (const source of [...sources, path.join(fixtures, 'valid/wilson-208236.xml')]) {
    const text = readFileSync(source, 'utf8');
    for (let k = 0; k < 8; k++) {
      let t = text;
      for (let m = 0; m < 6; m++) {
        const tags = [...t.matchAll(/<([A-Za-z][\w:.-]*)(\s[^<>]*)?>/g)].filter((x) => !x[0].endsWith('/>') && !x[0].startsWith('<TEI'));
        const pick = tags[Math.floor(random() * tags.length)];
        if (!pick) continue;
        const at = pick.index!;
        const after = at + pick[0].length;
        const r = random();
        if (r < 0.25) {
          const name = names[Math.floor(random() * names.length)];
          t = `${t.slice(0, after)}<${name}>x</${name}>${t.slice(after)}`;
        } else if (r < 0.45) t = `${t.slice(0, after)} stray text ${t.slice(after)}`;
        else if (r < 0.65) {
          if (!/\s(n|when|bogusAttr)=/.test(pick[0])) t = `${t.slice(0, at + 1 + pick[1]!.length)} bogusAttr="1" n="" when="x"${t.slice(at + 1 + pick[1]!.length)}`;
        } else if (r < 0.85) {
          if (pick[2]) t = `${t.slice(0, at)}<${pick[1]}>${t.slice(after)}`;
        } else t = `${t.slice(0, at)}<ab>${pick[0]}</ab>${t.slice(after)}`;
      }
      const file = path.join(dir, `mutant-${out.length}.xml`);
      writeFileSync(file, t);
      out.push(file);
    }
  }
  return out;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'tei-edition-foreign-'));
  for (const [name, schema, files] of [
    ['tei_all', teiAllRng, [...foreign, ...editionFiles]],
    ['edition', editionRng, editionFiles],
    ['mutants', teiAllRng, mutants(tmp)],
  ] as const) {
    const ours = await validateFiles(files, { schema, schematron: false, cwd: repo, includeRoot: repo, all: true });
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

  for (const name of ['tei_all', 'edition', 'mutants']) {
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

  it('say what jing says: at least 95% of its messages word for word at the same line and column', () => {
    let theirs = 0;
    let same = 0;
    const differ: string[] = [];
    for (const run of runs) {
      run.files.forEach((f, i) => {
        const mine = new Set(run.ours[i]!.messages.map((m) => `${m.line}:${m.column} ${m.reason}`));
        for (const e of run.theirs.get(f)!) {
          if (e.fatal || e.message.startsWith('first occurrence of ID')) continue;
          theirs++;
          if (mine.has(`${e.line}:${e.column} ${e.message}`)) same++;
          else differ.push(`${path.basename(f)}:${e.line}:${e.column} ${e.message.slice(0, 160)}`);
        }
      });
    }
    expect(theirs).toBeGreaterThan(100);
    expect(same / theirs, differ.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

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
