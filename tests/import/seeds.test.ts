import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { repo, run, teiAll, tempDir } from '../helpers/run.js';
import { all, first, kids, parseXml, text, type Node } from '../helpers/tei.js';

const transcripts = path.join(repo, 'source', 'transcripts');

interface Report {
  input: string;
  output: string | null;
  id: string | null;
  status: string;
  messages: { ruleId: string; severity: string; line: number | null; reason: string }[];
}

describe('the sample edition: the five seeds imported', () => {
  let out: string;
  let reports: Report[];
  const tei = new Map<string, Node>();
  const load = (stem: string): Node => tei.get(stem)!;

  beforeAll(async () => {
    const dir = tempDir();
    out = path.join(dir, 'tei');
    const r = await run('import', transcripts, '--out', out, '--persons', path.join(dir, 'persons.xml'), '--report', 'json');
    expect(r.code, r.stderr).toBe(0);
    reports = JSON.parse(r.stdout) as Report[];
    for (const rep of reports) tei.set(path.basename(rep.input, '.txt'), parseXml(readFileSync(rep.output!, 'utf8')));
  });

  it('imports every seed with zero errors', () => {
    expect(reports).toHaveLength(5);
    for (const r of reports) {
      expect(r.status).toBe('written');
      expect(r.messages.filter((m) => m.severity === 'error')).toEqual([]);
    }
  });

  it('gives documents the archive record id, or date and persons of the title', () => {
    expect(readdirSync(out).sort()).toEqual([
      'doc-1968-04-23-hager-kim-il-sung.xml',
      'doc-1981-07-11-mielke-andropov.xml',
      'doc-1984-05-31-honecker-kim-il-sung.xml',
      'introduction-cooperation-east-german-ministry-state-security.xml',
      'wilson-208236.xml',
    ]);
  });

  it('encodes the Mielke–Ch’oe memorandum (seed 000): header, participants, turns, notes, brackets', () => {
    const doc = load('1987-05-25-mielke-choe-dwu-sen');
    expect(doc.attrs['xml:id']).toBe('wilson-208236');
    expect(first(first(doc, 'creation')!, 'date')!.attrs.when).toBe('1987-05-25');
    expect(text(all(doc, 'idno').find((i) => i.attrs.type === 'archive'))).toBe('BStU, MfS, Abt. X, Nr. 245, p. 290-302');
    expect(text(all(doc, 'idno').find((i) => i.attrs.type === 'record'))).toBe('208236');
    expect(text(first(first(doc, 'respStmt')!, 'persName'))).toBe('Thomas Stock');
    expect(all(doc, 'term').map(text)).toContain('TOP SECRET!');
    expect(text(first(doc, 'abstract'))).toMatch(/^A discussion about cooperation/);
    const persons = all(first(doc, 'particDesc')!, 'person');
    expect(persons.filter((p) => p.attrs.role === 'interpreter').map((p) => text(first(p, 'persName')))).toEqual(['Ko Gon', 'Salevsky']);
    const sps = all(doc, 'sp');
    expect(sps.map((s) => s.attrs.who)).toEqual(['#per-mielke', '#per-choe-dwu-sen', '#per-mielke', '#per-choe-dwu-sen', '#per-mielke', '#per-choe-dwu-sen']);
    expect(sps.every((s) => text(kids(s, 'speaker')[0]).match(/^Comrade (Mielke|Ch’oe):$/))).toBe(true);
    for (const sp of sps) expect(persons.map((p) => `#${p.attrs['xml:id']}`)).toContain(sp.attrs.who);
    const notes = all(first(doc, 'text')!, 'note').filter((n) => n.attrs.place === 'foot');
    expect(notes.map((n) => [n.attrs.n, n.attrs['xml:id'], text(n)])).toEqual([
      ['1', 'wilson-208236-n1', 'Ministry for State Security'],
      ['2', 'wilson-208236-n2', 'SED = Socialist Unity Party of Germany'],
    ]);
    expect(all(first(doc, 'text')!, 'sic').map(text)).toEqual(['Ch’oe Dwu Sen']);
    const supplied = all(doc, 'supplied').map(text);
    expect(supplied).toContain('the DPRK');
    expect(supplied).toContain('our two countries’');
    expect(supplied.filter((s) => s === 'We')).toHaveLength(4);
    expect(all(doc, 'list').filter((l) => l.attrs.rend === 'bulleted').map((l) => kids(l, 'item').length)).toEqual([6, 1, 2]);
  });

  it('encodes the Mielke–Andropov note (seed 001): groups of participants, nine turns, a turn after “Statements by”', () => {
    const doc = load('1981-07-11-mielke-andropov');
    const groups = all(first(doc, 'div')!, 'head').map(text);
    expect(groups).toEqual(['from the KGB:', 'from the MfS Ministry for State Security:']);
    const sps = all(doc, 'sp');
    expect(sps).toHaveLength(9);
    const unlabelled = sps.filter((s) => kids(s, 'speaker').length === 0);
    expect(unlabelled.map((s) => s.attrs.who)).toEqual(['#per-andropov']);
    const notes = all(first(doc, 'text')!, 'note').filter((n) => n.attrs.place === 'foot');
    expect(notes.map((n) => n.attrs.n)).toEqual(['1', '2']);
    // A bracketed year is the editor's addition, not a note marker.
    expect(all(doc, 'supplied').map(text)).toEqual(expect.arrayContaining(['1979', '1980', 'Erich Mielke']));
    expect(all(first(doc, 'text')!, 'sic').map(text)).toEqual(['Xiang']);
    expect(all(doc, 'funder').map(text)).toEqual(['Blavatnik Family Foundation', 'Leon Levy Foundation']);
    const rep = reports.find((r) => r.input.includes('mielke-andropov'))!;
    expect(rep.messages.filter((m) => m.ruleId === 'obfuscated-email').map((m) => m.severity)).toEqual(['warning']);
  });

  it('encodes the Hager–Kim memorandum (seed 002): a handwritten classification and turns after narrative introductions', () => {
    const doc = load('1968-04-23-hager-kim-il-sung');
    const add = first(doc, 'add')!;
    expect(add.attrs.hand).toBe('#hand-handwritten');
    expect(text(add)).toBe('Highly Confidential');
    expect(first(doc, 'handNote')!.attrs['xml:id']).toBe('hand-handwritten');
    const sps = all(doc, 'sp');
    expect(sps.map((s) => [s.attrs.who, kids(s, 'speaker').length])).toEqual([
      ['#per-kim-il-sung', 0],
      ['#per-kim-il-sung', 0],
      ['#per-kim-il-sung', 1],
    ]);
    expect(text(first(doc, 'abstract'))).toMatch(/^In a meeting with Dr\. Kurt Hager/);
  });

  it('imports seed 003 as an introduction, keeping every note marker without text', () => {
    const doc = load('introduction-stasi-kgb-cooperation');
    expect(first(doc, 'div')!.attrs.type).toBe('introduction');
    const notes = all(doc, 'note').filter((n) => n.attrs.place === 'foot');
    expect(notes.map((n) => n.attrs.n)).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
    expect(notes.every((n) => first(n, 'gap')?.attrs.reason === 'missing')).toBe(true);
    const rep = reports.find((r) => r.input.includes('introduction'))!;
    expect(rep.messages.filter((m) => m.ruleId === 'note-without-body').map((m) => m.line)).toHaveLength(15);
    expect(text(first(doc, 'title'))).toBe('Cooperation between the East German Ministry for State Security (Stasi) and the Soviet Committee for State Security (KGB): A Documentary Overview');
    expect(all(doc, 'milestone').length).toBeGreaterThanOrEqual(4);
    const bibls = all(first(doc, 'listBibl')!, 'bibl');
    expect(bibls).toHaveLength(9);
    expect(bibls.map((b) => text(first(b, 'idno'))).slice(0, 2)).toEqual(['BStU, MfS, SdM 576, p. 1-30', 'BStU, MfS, SdM 577, p. 88-110']);
    expect(first(bibls[0]!, 'date')!.attrs).toMatchObject({ from: '1964-11-30', to: '1964-12-01' });
    expect(first(bibls[8]!, 'date')!.attrs.when).toBe('1987-09-26');
  });

  it('encodes the Honecker–Kim memorandum (seed 004): stamp and lines cut off', () => {
    const doc = load('1984-05-31-honecker-kim-il-sung');
    expect(text(first(doc, 'stamp'))).toBe('Personal Classified Information');
    const gaps = all(doc, 'gap');
    expect(gaps.map((g) => [g.attrs.reason, text(first(g, 'desc'))])).toEqual([
      ['cut-off', 'line cut off'],
      ['cut-off', 'line cut off'],
    ]);
    expect(first(doc, 'docDate')!.attrs.when).toBe('1984-05-31');
  });

  it('writes TEI that is valid against tei_all (jing, the reference validator)', () => {
    const files = [...readdirSync(out).map((f) => path.join(out, f)), path.join(out, '..', 'persons.xml')];
    const r = spawnSync('jing', [teiAll, ...files], { encoding: 'utf8' });
    expect(r.error, 'jing must be installed (Debian package jing)').toBeUndefined();
    expect(r.stdout.split('\n').filter((l) => l.includes('error'))).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('keeps one person per person across documents, in the register and in each document', () => {
    const register = parseXml(readFileSync(path.join(out, '..', 'persons.xml'), 'utf8'));
    const ids = all(register, 'person').map((p) => p.attrs['xml:id']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id === 'per-mielke')).toHaveLength(1);
    for (const stem of ['1987-05-25-mielke-choe-dwu-sen', '1981-07-11-mielke-andropov']) {
      const mielke = all(load(stem), 'person').find((p) => p.attrs['xml:id'] === 'per-mielke');
      expect(mielke?.attrs.sameAs).toBe('../persons.xml#per-mielke');
    }
  });
});
