import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/publish/command.js';
import { main } from '../../src/cli/main.js';
import { sampleTei } from './helpers.js';

async function build(argv: string[], via: 'runBuild' | 'main' = 'runBuild') {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s) };
  const code = via === 'main' ? await main(['build', ...argv], io) : await runBuild(argv, io);
  return { code, stdout, stderr };
}

describe('tei-edition build --html', () => {
  it('builds the sample edition through the CLI', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'tei-edition-build-'));
    const r = await build(['--html', '--source', sampleTei, '--out', out], 'main');
    // The build validates first: the introduction's header has no date (a warning, not an error).
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    // 5 document pages, the index of documents, persons, places, organisations, search.
    expect(r.stdout).toMatch(/5 documents, 10 pages/);
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('wilson-208236.html');
  });

  it('uses the register beside the source folder, or the one given', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'tei-edition-build-'));
    expect((await build(['--html', '--source', sampleTei, '--out', out, '--persons', path.join(sampleTei, '../persons.xml')])).code).toBe(0);
    expect(existsSync(path.join(out, 'tei/persons.xml'))).toBe(true);
  });

  it('refuses usage errors with exit status 2', async () => {
    expect((await build([])).code).toBe(2);
    expect((await build(['--html', '--source', '/nonexistent/tei'])).code).toBe(2);
    expect((await build(['--html', '--bogus'])).code).toBe(2);
    expect((await build(['--html', '--source', sampleTei, '--persons', '/nonexistent.xml'])).code).toBe(2);
    const help = await build(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--source DIR');
  });

  it('is listed in the CLI help', async () => {
    let stdout = '';
    await main(['--help'], { stdout: (s) => (stdout += s), stderr: () => {} });
    expect(stdout).toContain('build --html');
  });
});
