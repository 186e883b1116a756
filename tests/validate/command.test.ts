/**
 * `tei-edition validate`: exit status 0 valid, 1 invalid, 2 usage error or unreadable input;
 * human report with file:line:column, or JSON with --report json. A table of cases, run
 * in-process through runValidate (and once through the CLI's main).
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runValidate } from '../../src/validate/command.js';
import { fixtures, frusDir, repo, teiAllRng } from './helpers.js';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function validate(...argv: string[]): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await runValidate(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: repo });
  return { code, stdout, stderr };
}

const rel = (p: string): string => path.relative(repo, path.join(fixtures, p));
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'tei-edition-cmd-'));
  mkdirSync(path.join(tmp, 'edition/tei'), { recursive: true });
  mkdirSync(path.join(tmp, 'empty'));
  copyFileSync(path.join(fixtures, 'valid/conversation.xml'), path.join(tmp, 'edition/tei/conversation.xml'));
  copyFileSync(path.join(fixtures, 'persons.xml'), path.join(tmp, 'edition/persons.xml'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('tei-edition validate', () => {
  it.each<[string, () => string[], number, RegExp, RegExp | null]>([
    ['a valid file', () => [rel('valid/conversation.xml')], 0, /1 file checked: 1 valid, 0 invalid\./, null],
    ['a folder of valid files', () => [rel('valid')], 0, /2 files checked: 2 valid, 0 invalid\./, null],
    ['an invalid file: file:line:column and rule id', () => [rel('rules/who-resolves.xml')], 1, /40:9 +error .*who-resolves +schematron/, null],
    ['warnings only: still valid', () => [rel('rules/note-gap.xml')], 0, /warning .*note-gap/, null],
    ['a grammar error', () => [rel('rules/grammar-hi-rend.xml')], 1, /45:\d+ +error .*value of attribute "rend" is invalid.* +invalid-value +relaxng/, null],
    ['--no-schematron: grammar only', () => [rel('rules/who-resolves.xml'), '--no-schematron'], 0, /1 valid/, null],
    ['a folder skips its persons register', () => [path.join(tmp, 'edition')], 0, /1 file checked: 1 valid/, null],
    ['hostile input is invalid, not unreadable', () => [rel('hostile/xxe.xml')], 1, /3:\d+ +error .*external entity/, null],
    ['--max-size', () => [rel('valid/wilson-208236.xml'), '--max-size', '1KB'], 1, /larger than the limit of 1\.0 KB/, null],
    ['--help', () => ['--help'], 0, /Usage: tei-edition validate/, null],
    ['no input', () => [], 2, /^$/, /no files or folders given/],
    ['an unknown option', () => ['--strict', rel('valid')], 2, /^$/, /unknown option --strict/],
    ['--report with another format', () => ['--report', 'xml', rel('valid')], 2, /^$/, /only json/],
    ['--schema without a value', () => [rel('valid'), '--schema'], 2, /^$/, /--schema needs a value/],
    ['a missing file', () => ['nowhere/missing.xml'], 2, /read-error/, null],
    ['an empty folder', () => [path.join(tmp, 'empty')], 2, /0 files checked/, /no \.xml files/],
    ['a grammar that does not exist', () => [rel('valid'), '--schema', 'nowhere.rng'], 2, /^$/, /cannot read the grammar/],
  ])('%s', async (_name, args, code, stdout, stderr) => {
    const r = await validate(...args());
    expect(r.code, r.stdout + r.stderr).toBe(code);
    expect(r.stdout).toMatch(stdout);
    if (stderr) expect(r.stderr).toMatch(stderr);
  });

  it('--report json: every message with source, rule, severity, line and column', async () => {
    const r = await validate(rel('rules/date-iso.xml'), rel('valid/conversation.xml'), '--report', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      valid: boolean;
      summary: Record<string, number>;
      files: { path: string; valid: boolean; messages: Record<string, unknown>[] }[];
    };
    expect(report.valid).toBe(false);
    expect(report.summary).toEqual({ files: 2, invalid: 1, errors: 2, warnings: 0 });
    expect(report.files.map((f) => [f.path, f.valid])).toEqual([
      [rel('rules/date-iso.xml'), false],
      [rel('valid/conversation.xml'), true],
    ]);
    expect(report.files[0]!.messages).toEqual([
      expect.objectContaining({ source: 'schematron', ruleId: 'date-iso', severity: 'error', line: 22, column: 23, url: expect.stringContaining('#date-iso') }),
      // jing's place: the end of the start tag.
      expect.objectContaining({ source: 'relaxng', ruleId: 'invalid-value', severity: 'error', line: 22, column: 42 }),
    ]);
  });

  it('--schema PATH.rng validates TEI this project did not make (tei_all)', async () => {
    const frus = path.relative(repo, path.join(frusDir, 'frus1934v05_d619.ref.xml'));
    const r = await validate(frus, '--schema', path.relative(repo, teiAllRng));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/4:\d+ +error +element "idno" not allowed here; expected the element end-tag or element "ab" or "p"/);
    expect(r.stdout).not.toMatch(/schematron/);
  });

  it('runs as `tei-edition validate` from the CLI', async () => {
    let stdout = '';
    const code = await main(['validate', path.join(fixtures, 'valid/conversation.xml')], { stdout: (s) => (stdout += s), stderr: () => {} });
    expect(code).toBe(0);
    expect(stdout).toContain('1 file checked: 1 valid');
  });
});
