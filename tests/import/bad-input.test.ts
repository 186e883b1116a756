import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/run.js';

const SAMPLE = 'Skip to content\n\nMay 25, 1987\n\nA Memorandum of Talks\n\nComrade Mielke:\n\nGreetings to the comrades [of the DPRK].\n\nDocument Information\n\nSource\n\nBStU, MfS, Nr. 1, p. 2. Translated by A. B.\n';

/** Import one file given as bytes; return the run and what was written. */
async function importBytes(bytes: Uint8Array | string, ...flags: string[]) {
  const dir = tempDir();
  const input = path.join(dir, 'input.txt');
  writeFileSync(input, bytes);
  const out = path.join(dir, 'tei');
  const r = await run('import', input, '--out', out, '--report', 'json', ...flags);
  const written = existsSync(out) ? readdirSync(out) : [];
  const report = r.stdout ? (JSON.parse(r.stdout) as { status: string; messages: { ruleId: string; severity: string; line: number | null }[] }[])[0]! : undefined;
  return { r, written, report, out };
}

describe('bad input gives a clear diagnostic and exit status, never a crash or a partial output', () => {
  it('an empty file', async () => {
    const { r, written, report } = await importBytes('');
    expect(r.code).toBe(1);
    expect(report!.messages.map((m) => m.ruleId)).toEqual(['empty-input']);
    expect(written).toEqual([]);
  });

  it('a binary file', async () => {
    const { r, written, report } = await importBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01, 0xff, 0x00]));
    expect(r.code).toBe(1);
    expect(report!.messages[0]!.ruleId).toBe('binary-input');
    expect(written).toEqual([]);
  });

  it('invalid UTF-8 is read as Windows-1252, with a warning', async () => {
    const bytes = Buffer.from(SAMPLE.replace('Greetings', 'Gr\u00fc\u00dfe'), 'latin1');
    const { r, written, report, out } = await importBytes(bytes);
    expect(r.code).toBe(0);
    expect(report!.messages.find((m) => m.ruleId === 'legacy-encoding')?.line).toBe(9);
    expect(readFileSync(path.join(out, written[0]!), 'utf8')).toContain('Grüße to the comrades');
  });

  it('UTF-8 with a byte order mark and CRLF line ends', async () => {
    const { r, written, out } = await importBytes('\ufeff' + SAMPLE.replace(/\n/g, '\r\n'));
    expect(r.code).toBe(0);
    const xml = readFileSync(path.join(out, written[0]!), 'utf8');
    expect(xml).toContain('<speaker>Comrade Mielke:</speaker>');
    expect(xml).not.toContain('\r');
  });

  it('a transcript larger than the limit', async () => {
    const big = SAMPLE + 'Comrade Mielke:\n\n' + 'All is well. '.repeat(4_500_000);
    const { r, written, report } = await importBytes(big);
    expect(r.code).toBe(1);
    expect(report!.messages[0]!.ruleId).toBe('input-too-large');
    expect(written).toEqual([]);
  });

  it('a file that is only a header', async () => {
    const { r, written, report } = await importBytes('Skip to content\n\nMay 25, 1987\n\nA Memorandum of Talks\n');
    expect(r.code).toBe(1);
    expect(report!.messages.map((m) => m.ruleId)).toContain('header-only');
    expect(written).toEqual([]);
  });

  it('brackets that never close and a marker [999] without note', async () => {
    const { r, written, report, out } = await importBytes(SAMPLE.replace('Greetings', 'Greetings [to all[999] and ] friends'));
    expect(r.code).toBe(0);
    const rules = report!.messages.map((m) => `${m.ruleId}@${m.line}`);
    expect(rules).toEqual(expect.arrayContaining(['unclosed-bracket@9', 'note-without-body@9', 'unopened-bracket@9']));
    const xml = readFileSync(path.join(out, written[0]!), 'utf8');
    expect(xml).toContain('<note place="foot" n="999"');
    expect(xml).toMatch(/Greetings \[to all<note/);
  });

  it('a folder with one broken file still imports the others', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), SAMPLE);
    writeFileSync(path.join(dir, 'b.txt'), '');
    writeFileSync(path.join(dir, 'c.txt'), SAMPLE.replace('May 25, 1987', 'May 26, 1987'));
    const r = await run('import', dir, '--out', path.join(dir, 'tei'));
    expect(r.code).toBe(1);
    expect(readdirSync(path.join(dir, 'tei'))).toHaveLength(2);
    expect(r.stderr).toMatch(/b\.txt[\s\S]*empty/);
  });

  it('a document whose TEI fails the schema is reported and not written', async () => {
    // A document dated in the future breaks the Schematron rule on @when.
    const { r, written, report } = await importBytes(SAMPLE.replace('May 25, 1987', 'May 25, 2999'));
    expect(r.code).toBe(1);
    const invalid = report!.messages.filter((m) => m.ruleId === 'invalid-tei');
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid[0]!.severity).toBe('error');
    expect(written).toEqual([]);
  });

  it('a second source-like line in the document information is kept, not put in the place of the first', async () => {
    const { r, written, out } = await importBytes(SAMPLE + '\n[1] A stray line, p. 3.\n');
    expect(r.code, r.stderr).toBe(0);
    const xml = readFileSync(path.join(out, written[0]!), 'utf8');
    expect(xml).toContain('<note type="source">BStU, MfS, Nr. 1, p. 2. Translated by A. B.</note>');
    expect(xml).toContain('<note type="trailer">[1] A stray line, p. 3.</note>');
  });

  it('two transcripts of one document id are an error naming both; neither is written, the others are', async () => {
    const dir = tempDir();
    const text = SAMPLE.replace('[of the DPRK].', '[of the DPRK].[1]\n\n[1] A note.');
    writeFileSync(path.join(dir, 'a.txt'), text.replace('Document Information', 'Document Information\n\nRecord ID\n\n4711'));
    writeFileSync(path.join(dir, 'b.txt'), text.replace('Greetings', 'Other greetings').replace('Document Information', 'Document Information\n\nRecord ID\n\n4711'));
    writeFileSync(path.join(dir, 'c.txt'), text.replace('Document Information', 'Document Information\n\nRecord ID\n\n4712'));
    const r = await run('import', dir, '--out', path.join(dir, 'tei'), '--report', 'json');
    expect(r.code).toBe(1);
    expect(readdirSync(path.join(dir, 'tei')).sort()).toEqual(['wilson-4712.xml']);
    const results = JSON.parse(r.stdout) as { input: string; status: string; messages: { ruleId: string; reason: string; line: number }[] }[];
    const [a, b] = ['a.txt', 'b.txt'].map((n) => results.find((x) => x.input.endsWith(n))!);
    for (const [one, other] of [[a!, 'b.txt'], [b!, 'a.txt']] as const) {
      expect(one.status).toBe('failed');
      const dup = one.messages.find((m) => m.ruleId === 'duplicate-id')!;
      expect(dup.reason).toContain(other);
      expect(dup.reason).toContain('wilson-4711 (record ID 4711): neither is written');
      expect(dup.line).toBe(17);
    }
  });

  it('usage errors exit 2', async () => {
    expect((await run('import')).code).toBe(2);
    expect((await run('import', '--report', 'xml', 'x.txt')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('import', '/nonexistent/folder')).code).toBe(2);
  });
});

describe('the TEI is canonical', () => {
  it('re-import leaves an unchanged file alone, refuses to overwrite an edited one, and --force overwrites it', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'memo.txt');
    writeFileSync(input, SAMPLE);
    const out = path.join(dir, 'tei');
    expect((await run('import', input, '--out', out)).code).toBe(0);
    const file = path.join(out, readdirSync(out)[0]!);
    const original = readFileSync(file, 'utf8');
    const again = await run('import', input, '--out', out);
    expect(again.stderr).toContain('0 written, 1 unchanged');
    const edited = original.replace('Greetings to the comrades', 'Greetings to all comrades');
    writeFileSync(file, edited);
    const refused = await run('import', input, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('changed by hand');
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect((await run('import', input, '--out', out, '--force')).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to overwrite a TEI file tei-edition did not write', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'memo.txt');
    writeFileSync(input, SAMPLE);
    const out = path.join(dir, 'tei');
    await run('import', input, '--out', out);
    const file = path.join(out, readdirSync(out)[0]!);
    writeFileSync(file, '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>');
    const r = await run('import', input, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not written by tei-edition');
  });
});
