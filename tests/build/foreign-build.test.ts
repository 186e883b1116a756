/**
 * `build --schema tei_all` on TEI from other projects (tests/corpus/foreign-sample, folders as
 * the projects publish them): every document jing finds valid against tei_all is built, the
 * others are reported and left out; on a folder of valid documents the exit status is 0.
 * jing (Debian's, which resolves XInclude as Xerces does) is the reference.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/validate/index.js';
import { corpus, teiAll } from '../helpers/corpus.js';
import { run, tempDir } from '../helpers/run.js';

const foreign = path.join(corpus, 'foreign-sample');
const documents = readdirSync(foreign, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.xml') && !f.split(path.sep).includes('alists'))
  .sort();
const stemOf = (rel: string) => rel.replace(/\.xml$/, '').split(path.sep).join('-');

/** jing's verdict on each document, one run per file (a fatal error in one stops a batch). */
function jingValid(): Set<string> {
  const valid = new Set<string>();
  for (const rel of documents) if (spawnSync('jing', [teiAll, path.join(foreign, rel)], { encoding: 'utf8' }).status === 0) valid.add(rel);
  return valid;
}

let valid: Set<string>;
/** Whether the in-process validator resolves XInclude as jing does (the validator's own work). */
let xinclude: boolean;

beforeAll(async () => {
  valid = jingValid();
  const [isicily] = await validateFiles([path.join(foreign, 'isicily/inscriptions/ISic000050.xml')], { schema: teiAll });
  xinclude = !isicily!.messages.some((m) => m.fatal === true);
}, 300_000);

/** What jing finds valid, less what needs XInclude while the validator does not resolve it. */
function expected(): string[] {
  return documents.filter((rel) => valid.has(rel) && (xinclude || !rel.startsWith('isicily'))).map(stemOf).sort();
}

function pages(out: string): string[] {
  return readdirSync(out).filter((f) => f.endsWith('.html') && !['index.html', 'persons.html', 'places.html', 'orgs.html', 'search.html'].includes(f)).map((f) => f.replace(/\.html$/, '')).sort();
}

describe('build --schema tei_all on TEI of other projects', () => {
  it('jing sees valid and invalid documents in the sample', () => {
    expect(valid.size).toBeGreaterThanOrEqual(6);
    expect(valid.size).toBeLessThan(documents.length);
    for (const rel of ['dracor/kleist-der-zerbrochene-krug.xml', 'pta/pta0001.pta002.pta-grc1.xml', 'teic/testspoken.xml']) expect(valid.has(rel), rel).toBe(true);
    for (const rel of ['schnitzler/L00500.xml', 'teic/testdrama.xml']) expect(valid.has(rel), rel).toBe(false);
  });

  it('builds every document jing finds valid and leaves out, reported, the others (exit 1)', async () => {
    const out = tempDir('tei-edition-foreign-out-');
    const r = await run('build', '--html', '--source', foreign, '--out', out, '--schema', 'tei_all', '--cache', path.join(out, '.cache'), '--jobs', '2');
    expect(r.code, r.stderr).toBe(1);
    expect(pages(out)).toEqual([...expected(), stemOf('teic/testchinese.xml')].sort());
    // jing stops at the external DTD it cannot load (testchinese): the validator and the web edition
    // read such a file without it (the validator warns), so it is built; the others are left out, reported.
    expect(r.stderr).toMatch(/validate: warning: .*testchinese\.xml: line 2: The DOCTYPE names the external DTD/);
    for (const rel of documents.filter((d) => !valid.has(d) && d !== 'teic/testchinese.xml')) expect(r.stderr, rel).toMatch(new RegExp(`validate: error: .*${rel.replace(/[.]/g, '\\.')}: invalid \\(schema tei_all\\), left out`));
    // The XInclude targets are not documents: told, not built.
    expect(r.stderr).toMatch(/2 XML files are not a TEI document and not built: .*charDecl\.xml \(<charDecl>\)/);
  });

  it('exits 0 on a folder of documents jing finds valid', async () => {
    const src = tempDir('tei-edition-foreign-valid-');
    for (const rel of documents.filter((d) => valid.has(d) && (xinclude || !d.startsWith('isicily')))) {
      mkdirSync(path.join(src, path.dirname(rel)), { recursive: true });
      cpSync(path.join(foreign, rel), path.join(src, rel));
    }
    cpSync(path.join(foreign, 'isicily/alists'), path.join(src, 'isicily/alists'), { recursive: true });
    const out = tempDir('tei-edition-foreign-out-');
    const r = await run('build', '--html', '--source', src, '--out', out, '--schema', 'tei_all', '--cache', path.join(out, '.cache'), '--jobs', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(pages(out)).toEqual(expected());
  });

  it('refuses the foreign TEI against the edition’s own schema, and says what to do', async () => {
    const src = tempDir('tei-edition-foreign-one-');
    cpSync(path.join(foreign, 'teic/testspoken.xml'), path.join(src, 'testspoken.xml'));
    const out = tempDir('tei-edition-foreign-out-');
    const r = await run('build', '--html', '--source', src, '--out', out, '--cache', path.join(out, '.cache'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('build with --schema tei_all');
  });

  it('builds with --schema none what no schema accepts (the Schnitzler letters), and with a grammar given by path', async () => {
    const out = tempDir('tei-edition-foreign-out-');
    const r = await run('build', '--html', '--source', path.join(foreign, 'schnitzler'), '--out', out, '--schema', 'none', '--cache', path.join(out, '.cache'));
    expect(r.code, r.stderr).toBe(0);
    expect(pages(out)).toEqual(['L00500', 'L01000', 'L01500']);
    const rng = await run('build', '--html', '--source', path.join(foreign, 'teic'), '--out', tempDir(), '--schema', teiAll, '--cache', path.join(out, '.cache2'));
    expect(rng.stderr).toContain('invalid (schema ' + teiAll + ')');
  });

  it('names a wrong --schema, and a wrong "schema" key', async () => {
    const bad = await run('build', '--html', '--source', foreign, '--schema', 'tei-lite');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--schema must be "edition", "tei_all", "none" or the path of a RELAX NG grammar');
    const both = await run('build', '--html', '--source', foreign, '--schema', 'tei_all', '--no-validate');
    expect(both.code).toBe(2);
  });
});
