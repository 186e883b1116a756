import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, resolveConfig } from '../../src/build/config.js';
import { main } from '../../src/cli/main.js';
import { repo } from './helpers.js';

function configError(raw: unknown): string {
  try {
    resolveConfig('/edition', 'tei-edition.config.json', raw);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('tei-edition.config.json', () => {
  it('reads the sample edition’s configuration, paths resolved from its folder', () => {
    const c = loadConfig(repo);
    expect(c.file).toBe(path.join(repo, 'tei-edition.config.json'));
    expect(c.paths).toEqual({ transcripts: path.join(repo, 'source/transcripts'), tei: path.join(repo, 'source/tei'), persons: path.join(repo, 'source/persons.xml'), out: path.join(repo, 'editions') });
    expect(c.outputs).toEqual(['html', 'pdf', 'epub']);
    // Without "outputs", the web and print editions; "epub" is asked for by name.
    expect(resolveConfig('/edition', null, {}).outputs).toEqual(['html', 'pdf']);
    expect(resolveConfig('/edition', null, { outputs: ['epub'] }).outputs).toEqual(['epub']);
    expect(c.pageSize).toBe('a4');
    expect(c.dateStyle).toBe('long');
    expect(resolveConfig('/edition', null, { dateStyle: 'month-day' }).dateStyle).toBe('month-day');
    expect(c.title).toBeTruthy();
  });

  it('names the key of every mistake', () => {
    expect(configError({ titel: 'x' })).toMatch(/tei-edition\.config\.json: "titel" is not a configuration key/);
    expect(configError({ title: 3 })).toMatch(/"title" must be a non-empty string/);
    expect(configError({ editors: 'Ann' })).toMatch(/"editors" must be a list of names/);
    expect(configError({ paths: { tei: 7 } })).toMatch(/"paths\.tei" must be a non-empty string/);
    expect(configError({ paths: { html: 'x' } })).toMatch(/"paths\.html" is not a path of the edition/);
    expect(configError({ pageSize: 'A5' })).toMatch(/"pageSize" must be one of a4, letter, trade/);
    expect(configError({ dateStyle: 'short' })).toMatch(/"dateStyle" must be one of "long", "month-day", "iso", "source" .*, not "short"/);
    expect(configError({ outputs: ['html', 'docx'] })).toMatch(/"outputs" must be a non-empty list of "html", "pdf", "epub"/);
    expect(configError({ baseUrl: 'example.org' })).toMatch(/"baseUrl" must be an http\(s\) address/);
    expect(configError([])).toMatch(/must be a JSON object/);
    expect(configError({ schema: 'tei-lite' })).toMatch(/"schema" must be "edition", "tei_all", "none" or the path of a RELAX NG grammar/);
    expect(configError({ schema: 'missing.rng' })).toMatch(/"schema" names \/edition\/missing\.rng: no such file/);
  });

  it('reads the schema to validate against: edition by default, tei_all, none, or a grammar’s path', () => {
    expect(resolveConfig('/edition', null, {}).schema).toBe('edition');
    expect(resolveConfig('/edition', null, { schema: 'tei_all' }).schema).toBe('tei_all');
    expect(resolveConfig('/edition', null, { schema: 'none' }).schema).toBe('none');
    expect(resolveConfig(repo, null, { schema: 'schema/tei_all.rng' }).schema).toEqual({ rng: path.join(repo, 'schema/tei_all.rng') });
  });

  it('stops the build with exit status 2 and the key named', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-config-'));
    const file = path.join(dir, 'tei-edition.config.json');
    writeFileSync(file, JSON.stringify({ paths: { tei: 'source/tei', persns: 'p.xml' } }));
    let stderr = '';
    const code = await main(['build', '--config', file], { stdout: () => undefined, stderr: (s) => (stderr += s) });
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}: "paths.persns" is not a path of the edition`);
    writeFileSync(file, '{ "title": "x", }');
    stderr = '';
    expect(await main(['build', '--config', file], { stdout: () => undefined, stderr: (s) => (stderr += s) })).toBe(2);
    expect(stderr).toContain('not valid JSON');
  });
});
