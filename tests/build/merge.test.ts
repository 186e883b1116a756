/**
 * `tei-edition merge` does not trust shard folders: a page name that climbs out of --out, a
 * TEI copy that is a symbolic link (to /etc/passwd), an introduction named `javascript:…`,
 * settings of the wrong kind are refused with the file and the reason (exit 2, nothing
 * written); pages and records changed in a shard do not reach the merged edition, whose pages
 * are rendered again from the shard's TEI (the same bytes as the full build).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, makeEdition } from './helpers.js';

let dir: string;
let full: string; // the full build's web edition
let shards: [string, string];

beforeAll(() => {
  dir = makeEdition(4);
  expect(cli(dir, 'build').status).toBe(0);
  full = path.join(dir, 'editions', 'html');
  for (const k of [1, 2]) expect(cli(dir, 'build', '--shard', `${k}/2`, '--cache', path.join(dir, `cache-${k}`)).status).toBe(0);
  shards = [path.join(dir, 'editions', 'shard-1-of-2'), path.join(dir, 'editions', 'shard-2-of-2')];
}, 120_000);

/** A copy of the shards to spoil; the shard with documents first. */
function copies(): [string, string] {
  const work = mkdtempSync(path.join(dir, 'spoilt-'));
  const [a, b] = shards.map((s, i) => {
    const to = path.join(work, `s${i + 1}`);
    cpSync(s, to, { recursive: true });
    return to;
  }) as [string, string];
  return readdirSync(a).some((f) => f.endsWith('.html')) ? [a, b] : [b, a];
}

type Shard = { common: Record<string, string>; documents: { stem: string; name: string; title: string; digest: string }[] };
const record = (s: string) => JSON.parse(readFileSync(path.join(s, 'shard.json'), 'utf8')) as Shard;
const rewrite = (s: string, change: (r: Shard) => void) => {
  const r = record(s);
  change(r);
  writeFileSync(path.join(s, 'shard.json'), JSON.stringify(r));
};

function merge(a: string, b: string): { status: number | null; stderr: string; out: string } {
  const out = path.join(path.dirname(a), 'merged');
  const r = cli(dir, 'merge', a, b, '--out', out, '--cache', path.join(path.dirname(a), 'cache'));
  return { status: r.status, stderr: r.stderr, out };
}

describe('tei-edition merge of hostile shards', () => {
  it('refuses a page name that climbs out of the output folder, and writes nothing', () => {
    const [a, b] = copies();
    rewrite(a, (r) => {
      r.documents[0]!.stem = '../../../x';
      r.documents[0]!.name = '../../../x.xml';
    });
    const m = merge(a, b);
    expect(m.status).toBe(2);
    expect(m.stderr).toBe(`tei-edition merge: ${path.join(a, 'shard.json')}: "../../../x" is not a page name (letters, digits, ".", "_", "-", not starting with "." or "-")\n`);
    expect(existsSync(m.out)).toBe(false);
    expect(existsSync(path.resolve(m.out, '../../../x.html'))).toBe(false);
  });

  it('refuses a TEI copy that is a symbolic link (to /etc/passwd)', () => {
    const [a, b] = copies();
    const stem = record(a).documents[0]!.stem;
    const tei = path.join(a, 'tei', `${stem}.xml`);
    rmSync(tei);
    symlinkSync('/etc/passwd', tei);
    const m = merge(a, b);
    expect(m.status).toBe(2);
    expect(m.stderr).toBe(`tei-edition merge: ${tei}: a symbolic link; a shard holds only the files its build wrote (links are not followed)\n`);
    expect(existsSync(m.out)).toBe(false);
  });

  it('refuses a tei folder that is a symbolic link', () => {
    const [a, b] = copies();
    const elsewhere = mkdtempSync(path.join(dir, 'elsewhere-'));
    cpSync(path.join(a, 'tei'), elsewhere, { recursive: true });
    rmSync(path.join(a, 'tei'), { recursive: true });
    symlinkSync(elsewhere, path.join(a, 'tei'));
    const m = merge(a, b);
    expect(m.status).toBe(2);
    expect(m.stderr).toBe(`tei-edition merge: ${path.join(a, 'tei')}: a symbolic link; a shard holds only the files its build wrote (links are not followed)\n`);
  });

  it('refuses an introduction named javascript:…, and settings the configuration would refuse', () => {
    for (const [key, value, reason] of [
      ['intro-stem', 'javascript:alert(document.domain)', 'must be a page name (letters, digits, ".", "_", "-"), not "javascript:alert(document.domain)"'],
      ['base-url', 'javascript:alert(1)//', 'must be an http(s) address ending in "/", not "javascript:alert(1)//"'],
      ['onload', 'x', 'is not an edition setting (known: intro-stem, edition-title, base-url, cite-meta, edition-editors, edition-description, edition-publisher, edition-licence, edition-year)'],
      ['cite-meta', '{"editors":"not a list"}', 'must be a JSON object of editors (a list), publisher, published and licence (strings)'],
      ['cite-meta', '{"onload":"x"}', 'must be a JSON object of editors (a list), publisher, published and licence (strings)'],
      ['web-template', '<html xmlns="http://www.w3.org/1999/xhtml"><body><script>alert(1)</script><main data-tei-edition="main"/></body></html>', "is the edition's own CSS or page frame (web.css, web.template): merge does not take it from a shard; build such an edition whole"],
    ] as const) {
      const [a, b] = copies();
      for (const s of [a, b]) rewrite(s, (r) => void (r.common[key] = value));
      const m = merge(a, b);
      expect(m.status, key).toBe(2);
      expect(m.stderr).toBe(`tei-edition merge: ${path.join(a, 'shard.json')}: the edition setting "${key}" ${reason}\n`);
    }
  });

  it("renders every page again from the shard's TEI: a page, a title or a digest changed in the shard is not published", () => {
    const [a, b] = copies();
    const stem = record(a).documents[0]!.stem;
    writeFileSync(path.join(a, `${stem}.html`), '<html><body><script>alert("shard")</script></body></html>');
    rewrite(a, (r) => {
      r.documents[0]!.title = '<img src=x onerror=alert(1)>';
      r.documents[0]!.digest = '<x>';
    });
    const m = merge(a, b);
    expect(m.stderr).toBe('');
    expect(m.status).toBe(0);
    const files = (d: string) => readdirSync(d, { recursive: true }).map(String).filter((f) => f.includes('.')).sort();
    expect(files(m.out)).toEqual(files(full));
    for (const f of files(full)) expect(readFileSync(path.join(m.out, f), 'latin1') === readFileSync(path.join(full, f), 'latin1'), f).toBe(true);
  });
});
