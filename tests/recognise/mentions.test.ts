/**
 * Names in the running text: the tagger (register names and variants, titles outside, possessives,
 * German genitive, lone surnames only when distinctive, family name first), the proposals of new
 * persons and organisations on evidence, and the sample edition imported with its register.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nameIndex, tagNames, type Nameable } from '../../src/recognise/enrich.js';
import { proposeNames } from '../../src/recognise/mentions.js';
import type { Block, Inline } from '../../src/model/types.js';
import { repo, run, tempDir } from '../helpers/run.js';

const pos = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const txt = (value: string): Inline[] => [{ type: 'text', value, offset: 0 }];

/** The tagged text as a string: [ref|words]. */
function tagged(value: string, entries: Nameable[], genitive = false): string {
  const show = (xs: Inline[]): string => xs.map((x) => (x.type === 'text' ? x.value : x.type === 'persName' || x.type === 'placeName' || x.type === 'orgName' ? `[${x.ref}|${show(x.children)}]` : 'children' in x ? show(x.children) : '')).join('');
  return show(tagNames(txt(value), nameIndex(entries, { genitive })));
}

const register: Nameable[] = [
  { kind: 'persName', ref: 'b', names: ['Leonid Ilyich Brezhnev', 'Brezhnev'] },
  { kind: 'persName', ref: 'a', names: ['Andropov', 'Chairman Andropov'] },
  { kind: 'persName', ref: 'k', names: ['Kim Il Sung'], familyFirst: true },
  { kind: 'persName', ref: 'h', names: ['Erich Honecker'] },
  { kind: 'persName', ref: 'w', names: ['White'] },
  { kind: 'placeName', ref: 'm', names: ['Moscow'] },
  { kind: 'orgName', ref: 'cc', names: ['Central Committee of the CPSU'] },
  { kind: 'orgName', ref: 'kgb', names: ['KGB'] },
];

describe('names of the register in the text', () => {
  it('keeps titles outside the name and ties full names, variants and surnames', () => {
    expect(tagged('Comrade Leonid Ilyich Brezhnev and General Secretary Brezhnev met.', register)).toBe('Comrade [b|Leonid Ilyich Brezhnev] and General Secretary [b|Brezhnev] met.');
  });
  it('keeps a possessive outside the name, both apostrophes', () => {
    expect(tagged("Comrade Andropov's funeral and Andropov’s predecessors", register)).toBe("Comrade [a|Andropov]'s funeral and [a|Andropov]’s predecessors");
  });
  it('takes a German genitive -s only in German text', () => {
    expect(tagged('Honeckers Rede', register, true)).toBe('[h|Honeckers] Rede');
    expect(tagged('Honeckers Rede', register, false)).toBe('Honeckers Rede');
  });
  it('files a family-name-first name by its first word: no lone "Sung"', () => {
    expect(tagged('Kim Il Sung said; Sung nodded', register)).toBe('[k|Kim Il Sung] said; Sung nodded');
  });
  it('needs a title before a lone surname that is a common word', () => {
    expect(tagged('the White House; Mr. White said', register)).toBe('the White House; Mr. [w|White] said');
  });
  it('ties places and organisations, longest name first, acronyms in their case', () => {
    expect(tagged('the Central Committee of the CPSU in Moscow; the KGB, not the kgb', register)).toBe('the [cc|Central Committee of the CPSU] in [m|Moscow]; the [kgb|KGB], not the kgb');
  });
  it('ties a surname two persons share to neither', () => {
    const two: Nameable[] = [{ kind: 'persName', ref: 'x', names: ['Paul Markov'] }, { kind: 'persName', ref: 'y', names: ['Ivan Markov'] }];
    expect(tagged('Markov and Ivan Markov', two)).toBe('Markov and [y|Ivan Markov]');
  });
  it('reads the text once: 100 times the names take about the same time', () => {
    const names = (n: number): Nameable[] => Array.from({ length: n }, (_, k) => ({ kind: 'persName', ref: `p${k}`, names: [`Name${k} Surname${k}`] }));
    const text = 'Comrade Surname199 spoke with Name5 Surname5 about nothing at all. '.repeat(2_000);
    const time = (index: ReturnType<typeof nameIndex>): number => {
      let best = Infinity;
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        const out = tagNames(txt(text), index);
        best = Math.min(best, performance.now() - t0);
        expect(out.filter((x) => x.type === 'persName').length).toBe(4_000);
      }
      return best;
    };
    const few = time(nameIndex(names(200)));
    const many = time(nameIndex(names(20_000)));
    // A regex of every name (or a search per name) grows with the names: 100 times the names, about 100 times the time.
    expect(many).toBeLessThan(few * 5 + 50);
  });
});

describe('proposals for the register', () => {
  const body = (value: string): Block[] => [{ type: 'p', children: txt(value), position: pos } as Block];
  const none = () => false;
  it('proposes a person after an honorific or an office, with the titles as role', () => {
    const ps = proposeNames(body('I told Comrade Chernenko, and General Secretary Nikita S. Khrushchev spoke; comrades Brezhnev and Andropov.'), none);
    expect(ps.map((p) => [p.name, p.titles.join(' ')])).toEqual([['Chernenko', ''], ['Nikita S. Khrushchev', 'General Secretary'], ['Brezhnev', '']]);
  });
  it('proposes nothing from a title alone, an office with a common noun, or a name going on in a bracket', () => {
    const blocks: Block[] = [{ type: 'p', children: [{ type: 'text', value: 'Mr. President, the General Staff and the Deputy Prime Minister came. [former Afghan President Hafizullah', offset: 0 }, { type: 'supplied', children: txt(' Amin') } as Inline], position: pos } as Block];
    expect(proposeNames(blocks, none)).toEqual([]);
  });
  it('proposes an organisation "Central Committee of the ACRONYM", and nothing the register knows', () => {
    expect(proposeNames(body('the Central Committee of the CPSU and Comrade Hager'), (kind, name) => kind === 'person' && name === 'Hager').map((p) => [p.kind, p.name])).toEqual([['org', 'Central Committee of the CPSU']]);
  });
});

/** The sample's register as the editor keeps it: its entries without those import proposed. */
function editorRegister(): string {
  return readFileSync(path.join(repo, 'source/persons.xml'), 'utf8')
    .split('\n')
    .filter((l) => !l.includes('<note type="proposed">'))
    .join('\n')
    .replace(/\s*<listOrg>\s*<\/listOrg>|\s*<listPlace>\s*<\/listPlace>/g, '');
}

describe('the sample edition imported with its register', () => {
  let out: string;
  let registerXml: string;
  let tei: string;
  let stderr: string;
  beforeAll(async () => {
    out = tempDir();
    mkdirSync(path.join(out, 'tei'));
    writeFileSync(path.join(out, 'persons.xml'), editorRegister());
    const r = await run('import', path.join(repo, 'source/transcripts'), '--out', path.join(out, 'tei'), '--persons', path.join(out, 'persons.xml'));
    expect(r.code, r.stderr).toBe(0);
    stderr = r.stderr + r.stdout;
    registerXml = readFileSync(path.join(out, 'persons.xml'), 'utf8');
    tei = readdirSync(path.join(out, 'tei')).map((f) => readFileSync(path.join(out, 'tei', f), 'utf8')).join('\n');
  }, 120_000);

  it('has Brezhnev, Chernenko and Ulbricht in the register, each with a note saying where it was found', () => {
    for (const id of ['per-brezhnev', 'per-chernenko', 'per-walter-ulbricht']) expect(registerXml, id).toMatch(new RegExp(`<person xml:id="${id}"><persName>[^<]+</persName>(?:<persName type="styled">.*?</persName>)?<note type="proposed">Proposed by tei-edition import from “[^”]+” in [a-z0-9-]+ \\(line \\d+\\)`));
  });
  it('reports each proposal at its line', () => {
    expect(stderr).toMatch(/36:8\s+info\s+“Comrade Chernenko” names a person the register does not know/);
  });
  it('ties the mentions in the text, possessives too', () => {
    expect(tei).toContain('Comrade <persName ref="../persons.xml#per-andropov">Andropov</persName>\'s funeral');
    expect(tei).toContain('<persName ref="../persons.xml#per-brezhnev">Brezhnev</persName>\'s burial');
    expect(tei).toContain('Comrade <persName ref="../persons.xml#per-chernenko">Chernenko</persName>');
    expect(tei).toContain('Comrade <persName ref="../persons.xml#per-walter-ulbricht">Walter Ulbricht</persName>');
    expect(tei).toContain('<placeName ref="../persons.xml#pl-moscow">Moscow</placeName>');
    expect(tei).toContain('<orgName ref="../persons.xml#org-kgb">KGB</orgName>');
  });
  it('keeps every byte of the editor’s entries (a second import adds nothing)', async () => {
    const editor = editorRegister();
    const kept = editor.slice(0, editor.indexOf('</listPerson>')).trimEnd();
    expect(registerXml.startsWith(kept)).toBe(true);
    copyFileSync(path.join(out, 'persons.xml'), path.join(out, 'before.xml'));
    const r = await run('import', path.join(repo, 'source/transcripts'), '--out', path.join(out, 'tei'), '--persons', path.join(out, 'persons.xml'), '--force');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'persons.xml'), 'utf8')).toBe(readFileSync(path.join(out, 'before.xml'), 'utf8'));
  }, 120_000);
});
