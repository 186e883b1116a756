import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/run.js';

const SAMPLE = 'Skip to content\n\nMay 25, 1987\n\nA Memorandum of Talks\n\nComrade Mielke:\n\nGreetings to the comrades [of the DPRK].\n\nDocument Information\n\nSource\n\nBStU, MfS, Nr. 1, p. 2. Translated by A. B.\n';

describe('import chooses the reader by file ending or --from', () => {
  it('a folder gives every known format; --from gives only that one', async () => {
    const dir = tempDir();
    const inputs = path.join(dir, 'in');
    mkdirSync(inputs);
    writeFileSync(path.join(inputs, 'a.txt'), SAMPLE);
    writeFileSync(path.join(inputs, 'b.md'), SAMPLE.replace('May 25', 'May 26').replace('comrades', '*comrades*'));
    writeFileSync(path.join(inputs, 'c.html'), `<p>${SAMPLE.replace('May 25', 'May 27').split('\n\n').join('</p><p>')}</p>`);
    writeFileSync(path.join(inputs, 'd.rtf'), '{\\rtf1 not read}');
    const all = await run('import', inputs, '--out', path.join(dir, 'all'), '--names', 'input');
    expect(all.code, all.stderr).toBe(0);
    expect(readdirSync(path.join(dir, 'all')).sort()).toEqual(['a.xml', 'b.xml', 'c.xml']);
    const md = await run('import', inputs, '--from', 'md', '--out', path.join(dir, 'md'), '--names', 'input');
    expect(md.code, md.stderr).toBe(0);
    expect(readdirSync(path.join(dir, 'md'))).toEqual(['b.xml']);
  });

  it('--from reads a file whatever its name; a file of unknown ending without --from is an error naming it', async () => {
    const dir = tempDir();
    const notes = path.join(dir, 'notes.transcript');
    writeFileSync(notes, SAMPLE.replace('comrades', '**comrades**'));
    const unknown = await run('import', notes, '--out', path.join(dir, 'a'), '--report', 'json');
    expect(unknown.code).toBe(1);
    const rep = (JSON.parse(unknown.stdout) as { messages: { ruleId: string; reason: string }[] }[])[0]!;
    expect(rep.messages.map((m) => [m.ruleId, m.reason])).toEqual([['unknown-format', 'The format of notes.transcript is not known from its name; name it .txt, .md, .html or .docx, or give --from.']]);
    const asMd = await run('import', notes, '--from', 'md', '--out', path.join(dir, 'b'));
    expect(asMd.code, asMd.stderr).toBe(0);
    expect(readdirSync(path.join(dir, 'b'))).toHaveLength(1);
  });

  it('an unknown --from is a usage error', async () => {
    const r = await run('import', '.', '--from', 'rtf');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from takes txt, md, html, docx, not "rtf"');
  });

  it('--help names the formats and --from', async () => {
    const r = await run('import', '--help');
    expect(r.stdout).toMatch(/--from FORMAT\s+read every input as txt, md, html or docx/);
    expect(r.stdout).toContain('Word documents (.docx');
  });
});
