/**
 * The two test transcripts of tests/corpus/newcomer, in conventions the samples lack, imported
 * end to end: what a careful editor would encode, and what the report must say.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpus, run, tempDir, type Run } from '../helpers/run.js';
import { all, first, kids, parseXml, text, type Node } from '../helpers/tei.js';

const dir = path.join(corpus, 'newcomer');
let out: string;
let result: Run;
const tei = (stem: string): Node => parseXml(readFileSync(path.join(out, `${stem}.xml`), 'utf8'));
const turns = (doc: Node) => all(first(doc, 'body')!, 'sp').map((sp) => [sp.attrs.who, text(kids(sp, 'speaker')[0])]);

beforeAll(async () => {
  out = path.join(tempDir(), 'tei');
  result = await run('import', path.join(dir, '1972-03-12-kissinger-huang-hua.txt'), path.join(dir, '1979-09-14-axen-kim-yong-nam.txt'), '--out', out, '--names', 'input', '--report', 'json');
});

describe('a US-style memorandum (participants in one paragraph, DATE AND TIME, INTERPRETER, MR. LORD)', () => {
  it('imports', () => expect(result.code, result.stderr).toBe(0));

  it('reads the one-paragraph participants list, with the roles after the commas', () => {
    const doc = tei('1972-03-12-kissinger-huang-hua');
    const persons = all(first(doc, 'particDesc')!, 'person');
    expect(persons.map((p) => p.attrs['xml:id'])).toEqual(['per-henry-kissinger', 'per-huang-hua', 'per-shih-yen-hua', 'per-winston-lord', 'per-jonathan-t-howe']);
    expect(persons.find((p) => p.attrs['xml:id'] === 'per-shih-yen-hua')!.attrs.role).toBe('interpreter');
  });

  it('keeps DATE AND TIME and PLACE as header fields, not speakers or persons', () => {
    const doc = tei('1972-03-12-kissinger-huang-hua');
    const front = all(first(doc, 'front')!, 'p').map(text);
    expect(front).toContain('DATE AND TIME: Sunday, 12 March 1972, 4:00-5:30 p.m.');
    expect(front).toContain('PLACE: 155 West 66th Street, New York City');
    expect(readFileSync(path.join(out, '1972-03-12-kissinger-huang-hua.xml'), 'utf8')).not.toMatch(/per-date|per-place/);
  });

  it('gives the interpreter his own turn and ties MR. LORD to Winston Lord', () => {
    expect(turns(tei('1972-03-12-kissinger-huang-hua'))).toEqual([
      ['#per-henry-kissinger', 'KISSINGER:'],
      ['#per-huang-hua', 'HUANG:'],
      ['#per-shih-yen-hua', 'INTERPRETER:'],
      ['#per-henry-kissinger', 'KISSINGER:'],
      ['#per-huang-hua', 'HUANG:'],
      ['#per-henry-kissinger', 'KISSINGER:'],
      ['#per-winston-lord', 'MR. LORD:'],
      ['#per-henry-kissinger', 'KISSINGER:'],
      ['#per-huang-hua', 'HUANG:'],
    ]);
  });

  it('sets “(through interpreter)” apart as a stage direction before the speech', () => {
    const sp = all(first(tei('1972-03-12-kissinger-huang-hua'), 'body')!, 'sp')[1]!;
    expect(kids(sp, 'stage').map(text)).toEqual(['(through interpreter)']);
    expect(text(kids(sp, 'p')[0])).toMatch(/^We agree\./);
  });

  it('reports the convention, every tie by surname or role and every field kept as text, at file:line', () => {
    const report = JSON.parse(result.stdout) as { input: string; messages: { ruleId: string; line?: number }[] }[];
    const memo = report.find((r) => r.input.endsWith('1972-03-12-kissinger-huang-hua.txt'))!;
    const at = (rule: string) => memo.messages.filter((m) => m.ruleId === rule).map((m) => m.line);
    expect(at('label-convention')).toEqual([17]);
    expect(at('speaker-by-office')).toEqual([21]);
    expect(at('speaker-by-surname')).toEqual([17, 19, 29]);
    expect(memo.messages.some((m) => m.ruleId === 'unknown-speaker')).toBe(false);
  });
});

describe('a GDR memorandum with a stamp that carries text', () => {
  it('keeps the title and all six participants after “[stamp: Confidential Matter]”', () => {
    const doc = tei('1979-09-14-axen-kim-yong-nam');
    expect(text(first(first(doc, 'front')!, 'stamp'))).toBe('Confidential Matter');
    expect(all(first(doc, 'docTitle')!, 'titlePart').map(text)[0]).toBe('Memorandum');
    const persons = all(first(doc, 'particDesc')!, 'person');
    expect(persons).toHaveLength(6);
    expect(persons.filter((p) => p.attrs.role === 'interpreter').map((p) => p.attrs['xml:id'])).toEqual(['per-pak-yong-chol', 'per-lothar-herzog']);
  });

  it('ties the turns to the participants, no heading made of an interpreter line', () => {
    const doc = tei('1979-09-14-axen-kim-yong-nam');
    expect(turns(doc).map((t) => t[0])).toEqual(['#per-hermann-axen', '#per-kim-yong-nam', '#per-hermann-axen', '#per-hwang-jang-yop', '#per-kim-yong-nam']);
    expect(all(first(doc, 'body')!, 'head').map(text)).not.toContain('Comrade Pak Yong Chol/Interpreter');
  });
});
