/**
 * The print edition stage of `tei-edition build` (two sample documents, Debian's chromium):
 * a rebuild with nothing changed touches no PDF; an edit to one document makes its PDF and the
 * volume again and leaves the other document's PDF as it was.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changed, cli, repo, snapshot } from './helpers.js';

describe('tei-edition build --pdf', () => {
  it('rebuilds the edited document’s PDF and the volume only', () => {
    if (!existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium is missing: apt-get install -y chromium (see .ci/run)');
    const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-pdf-'));
    mkdirSync(path.join(dir, 'source', 'tei'), { recursive: true });
    for (const f of ['wilson-208236.xml', 'doc-1984-05-31-honecker-kim-il-sung.xml']) cpSync(path.join(repo, 'source', 'tei', f), path.join(dir, 'source', 'tei', f));
    cpSync(path.join(repo, 'source', 'persons.xml'), path.join(dir, 'source', 'persons.xml'));
    writeFileSync(path.join(dir, 'tei-edition.config.json'), JSON.stringify({ title: 'Print test', outputs: ['pdf'], pageSize: 'a4' }));
    const print = path.join(dir, 'editions', 'print');
    const first = cli(dir, 'build');
    expect(first.stderr).not.toMatch(/error/);
    expect(first.status).toBe(0);
    const before = snapshot(print);
    expect([...before.keys()].sort()).toEqual(['doc-1984-05-31-honecker-kim-il-sung.pdf', 'edition.pdf', 'wilson-208236.pdf']);

    expect(cli(dir, 'build').status).toBe(0);
    expect(changed(before, snapshot(print))).toEqual([]);

    const file = path.join(dir, 'source', 'tei', 'wilson-208236.xml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(<title type="main">)/, '$1Revised: '));
    const r = cli(dir, 'build');
    expect(r.status).toBe(0);
    expect(changed(before, snapshot(print))).toEqual(['edition.pdf', 'wilson-208236.pdf']);
  });
});
