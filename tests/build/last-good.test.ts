/**
 * The last good version of a document stays published while its TEI is invalid (issue 14):
 * `npx tei-edition build` (web and print editions, Debian's chromium) on a copy of the sample
 * edition. A typo in a hand edit reports the errors (file:line), keeps the previous page, TEI
 * copy and PDF, and the volume's numbering; the table says so. A document never published is
 * left out; fixed, the document is built again.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountOf, changed, cli, sampleEdition, snapshot } from './helpers.js';

describe('tei-edition build keeps the last good version of an invalid document', () => {
  it('keeps its page and PDF, says so, and builds it again once it is fixed', () => {
    if (!existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium is missing: apt-get install -y chromium (see .ci/run)');
    const dir = sampleEdition(['html', 'pdf']);
    const editions = path.join(dir, 'editions');
    const first = cli(dir, 'build');
    expect(first.status, first.stderr).toBe(0);
    expect(existsSync(path.join(editions, 'print', 'wilson-208236.pdf'))).toBe(true);
    const before = snapshot(editions);

    // The hand edit of the issue: an id the Schematron rules refuse.
    const file = path.join(dir, 'source', 'tei', 'wilson-208236.xml');
    const good = readFileSync(file, 'utf8');
    const bad = good.replace('xml:id="wilson-208236-p2"', 'xml:id="wilson-208236-p9a"');
    expect(bad).not.toBe(good);
    writeFileSync(file, bad);
    const line = bad.slice(0, bad.indexOf('wilson-208236-p9a')).split('\n').length;
    const r = cli(dir, 'build', '--json');
    expect(r.status).toBe(1);
    const account = accountOf(r.stdout);
    expect(account.stages.find((s) => s.stage === 'validate')).toMatchObject({ failed: 1, kept: 1, ok: 4 });
    expect(account.stages.find((s) => s.stage === 'html')).toMatchObject({ documents: 5, failed: 0 });
    expect(account.stages.find((s) => s.stage === 'pdf')).toMatchObject({ documents: 5, failed: 0 });
    // Nothing of the edition changed: the page, the TEI copy, the PDF and the volume are the last good ones.
    expect(changed(before, snapshot(editions))).toEqual([]);

    const plain = cli(dir, 'build');
    expect(plain.status).toBe(1);
    expect(plain.stderr).toContain('validate: error: source/tei/wilson-208236.xml: invalid: its last good version stays published: ');
    expect(plain.stderr).toMatch(new RegExp(`\\n  source/tei/wilson-208236\\.xml:${line}:\\d+: error: .*wilson-208236-p9a.* \\(id-block\\)\\n`));
    expect(plain.stderr).toContain('(previous-version-kept)');
    expect(plain.stdout).toMatch(/\nvalidate +5 +0 +4 +1 +1 +1 /);
    expect(plain.stdout).toContain('1 document failed (see above); 1 of them stays published in its last good version; the others are built');
    expect(changed(before, snapshot(editions))).toEqual([]);

    // A document never published has no good version to keep: it is left out, and said so.
    const fresh = path.join(dir, 'source', 'tei', 'wilson-999999.xml');
    writeFileSync(fresh, good.replace(/wilson-208236/g, 'wilson-999999').replace('</p>', '<bogus/></p>'));
    const left = cli(dir, 'build', '--html');
    expect(left.status).toBe(1);
    expect(left.stderr).toContain('validate: error: source/tei/wilson-999999.xml: invalid, left out of the edition (no earlier version was published): ');
    expect(existsSync(path.join(editions, 'html', 'wilson-999999.html'))).toBe(false);
    expect(existsSync(path.join(editions, 'html', 'wilson-208236.html'))).toBe(true);
    rmSync(fresh);

    // Fixed: built from the TEI again, the same as before.
    writeFileSync(file, good);
    const fixed = cli(dir, 'build');
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(changed(before, snapshot(editions))).toEqual([]);
  });
});
