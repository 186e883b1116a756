/**
 * `tei-edition import` (the built CLI, on a copy of the sample edition): two transcripts of one
 * document never overwrite each other's TEI, in one run or in two; the persons register is
 * kept byte for byte, whatever the editor made of it, and a failed import does not write it.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, memo, sampleEdition } from '../build/helpers.js';

interface Entry {
  input: string;
  output: string | null;
  status: string;
  messages: { ruleId: string; severity: string; reason: string; line: number | null }[];
}
const entries = (stdout: string) => JSON.parse(stdout) as Entry[];

describe('import: duplicates are errors that name both transcripts', () => {
  it('same date and title, two runs: the second is refused, the first’s TEI kept', () => {
    const dir = sampleEdition();
    const a = memo('', { date: 'June 2, 1986', title: 'Memorandum of Conversation between Erich Mielke and Markus Wolf' });
    writeFileSync(path.join(dir, 'a.txt'), a);
    writeFileSync(path.join(dir, 'b.txt'), a.replace('Greetings to the comrades', 'Other greetings to the comrades'));
    const first = cli(dir, 'import', 'a.txt', '--out', 'out', '--report', 'json');
    expect(first.status, first.stderr).toBe(0);
    const [written] = readdirSync(path.join(dir, 'out'));
    const xml = readFileSync(path.join(dir, 'out', written!), 'utf8');
    const second = cli(dir, 'import', 'b.txt', '--out', 'out', '--report', 'json');
    expect(second.status).toBe(1);
    const [b] = entries(second.stdout);
    expect(b!.status).toBe('failed');
    // What the recognisers say of the document (info) aside, one error: the other transcript's TEI.
    const problems = b!.messages.filter((m) => m.severity !== 'info');
    expect(problems.map((m) => m.ruleId)).toEqual(['tei-other-source']);
    expect(problems[0]!.reason).toBe(`out/${written} was imported from a.txt, which is still there: it is not overwritten, and b.txt is not imported. They give the same document id, ${written!.replace(/\.xml$/, '')}: give each its own record ID or title, or remove one of them and its TEI.`);
    expect(readFileSync(path.join(dir, 'out', written!), 'utf8')).toBe(xml);
    // Not even with --force (that is for hand edits, not for another transcript's TEI).
    expect(cli(dir, 'import', 'b.txt', '--out', 'out', '--force').status).toBe(1);
    expect(readFileSync(path.join(dir, 'out', written!), 'utf8')).toBe(xml);
    // A transcript moved (its old path gone) takes its TEI over.
    rmSync(path.join(dir, 'a.txt'));
    expect(cli(dir, 'import', 'b.txt', '--out', 'out').status).toBe(0);
    expect(readFileSync(path.join(dir, 'out', written!), 'utf8')).toContain('Other greetings');
  });

  it('--names input: two inputs of one name are refused, neither written, and said so', () => {
    const dir = sampleEdition();
    for (const sub of ['a', 'b']) mkdirSync(path.join(dir, sub));
    writeFileSync(path.join(dir, 'a', 'memo.txt'), memo('551'));
    writeFileSync(path.join(dir, 'b', 'memo.txt'), memo('552'));
    writeFileSync(path.join(dir, 'b', 'other.txt'), memo('553'));
    const r = cli(dir, 'import', 'a/memo.txt', 'b/memo.txt', 'b/other.txt', '--names', 'input', '--out', 'out');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('import: 1 written, 0 unchanged, 2 failed (out)');
    expect(r.stderr).toContain('b/memo.txt would be written to the same file, memo.xml: neither is written');
    expect(r.stderr).toContain('a/memo.txt would be written to the same file, memo.xml');
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['other.xml']);
  });
});

describe('import: the persons register', () => {
  const prefixed = (xml: string) => xml.replace('<TEI xmlns="http://www.tei-c.org/ns/1.0"', '<tei:TEI xmlns:tei="http://www.tei-c.org/ns/1.0"').replace(/<(\/?)(?!tei:|\?|!)([A-Za-z]+)/g, '<$1tei:$2');

  for (const [what, edit] of [
    ['</listPerson > with a space', (x: string) => x.replace('</listPerson>', '</listPerson >')],
    ['a tei: prefix', prefixed],
  ] as const) {
    it(`with ${what}: a failed import leaves it as it was; a good one adds its person, every other byte kept`, () => {
      const dir = sampleEdition();
      const register = path.join(dir, 'source', 'persons.xml');
      const edited = edit(readFileSync(register, 'utf8').replace('<persName>Mielke</persName>', '<persName>Mielke</persName><note>Minister for State Security.</note>'));
      writeFileSync(register, edited);
      writeFileSync(path.join(dir, 'future.txt'), memo('881', { date: 'May 25, 2999', speaker: 'Comrade Zaisser' }));
      const failed = cli(dir, 'import', 'future.txt', '--report', 'json');
      expect(failed.status).toBe(1);
      expect(entries(failed.stdout)[0]!.messages.map((m) => m.ruleId)).toContain('invalid-tei');
      expect(readFileSync(register, 'utf8')).toBe(edited);
      writeFileSync(path.join(dir, 'zaisser.txt'), memo('882', { speaker: 'Comrade Zaisser' }));
      const ok = cli(dir, 'import', 'zaisser.txt', '--report', 'json');
      expect(ok.status, ok.stdout).toBe(0);
      const now = readFileSync(register, 'utf8');
      // The persons the register had, and Zaisser.
      expect((now.match(/<(tei:)?person /g) ?? []).length).toBe((edited.match(/<(tei:)?person /g) ?? []).length + 1);
      expect(now).toContain('<note>Minister for State Security.</note>'.replace(/<(\/?)note>/g, edit === prefixed ? '<$1tei:note>' : '<$1note>'));
      const at = now.indexOf('xml:id="per-zaisser"');
      expect(at).toBeGreaterThan(0);
      const lineStart = now.lastIndexOf('\n', at);
      expect(now.slice(0, lineStart) + now.slice(now.indexOf('\n', at))).toBe(edited);
      expect(existsSync(path.join(dir, 'source', 'tei', 'wilson-882.xml'))).toBe(true);
    });
  }

  it('not well-formed: nothing is imported, and it is not rewritten', () => {
    const dir = sampleEdition();
    const register = path.join(dir, 'source', 'persons.xml');
    const broken = readFileSync(register, 'utf8').replace('</listPerson>', '</listPersons>');
    writeFileSync(register, broken);
    writeFileSync(path.join(dir, 'zaisser.txt'), memo('883', { speaker: 'Comrade Zaisser' }));
    const r = cli(dir, 'import', 'zaisser.txt', '--report', 'json');
    expect(r.status).toBe(1);
    const [entry] = entries(r.stdout);
    expect(entry!.messages.map((m) => m.ruleId)).toEqual(['register-not-well-formed']);
    expect(entry!.messages[0]!.reason).toMatch(/^source\/persons\.xml: The persons register is not well-formed XML \(line \d+/);
    expect(readFileSync(register, 'utf8')).toBe(broken);
    expect(existsSync(path.join(dir, 'source', 'tei', 'wilson-883.xml'))).toBe(false);
  });
});
