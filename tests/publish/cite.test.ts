/**
 * Citations: the exports (CSL-JSON, BibTeX, RIS) read back by pandoc's citeproc and BibTeX
 * reader (Debian's pandoc 2.17 has no RIS reader: RIS is checked line by line against the
 * RIS format), absolute URLs from the base URL, none without it, escaping of a hostile title,
 * the configuration's keys and the build's warning without a base URL.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHtmlEdition } from '../../src/publish/html.js';
import { resolveConfig } from '../../src/build/config.js';
import { main } from '../../src/cli/main.js';
import { sampleEdition } from '../build/helpers.js';
import { parsePage, sampleTei, xstring } from './helpers.js';

const base = 'https://example.org/edition/';
const stem = 'wilson-208236';
const cite = { editors: ['Müller, Anna', 'tei-edition contributors'], publisher: 'Example Press', published: '2026-03', licence: 'CC BY 4.0' };

function tmp(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** pandoc with citeproc: the markdown citing `key`, rendered as plain text. */
function citeproc(bibliography: string, key: string): string {
  const dir = tmp('tei-edition-citeproc-');
  const md = path.join(dir, 'cite.md');
  writeFileSync(md, `See [@${key}].\n`);
  return execFileSync('pandoc', [md, '--citeproc', '--bibliography', bibliography, '-t', 'plain', '--wrap=none'], { encoding: 'utf8' });
}

/** pandoc reading BibTeX: the CSL-JSON items it finds. */
function bibtexItems(file: string): Record<string, unknown>[] {
  return JSON.parse(execFileSync('pandoc', ['-f', 'bibtex', '-t', 'csljson', file], { encoding: 'utf8' })) as Record<string, unknown>[];
}

/** RIS as its format has it: CRLF lines "XX  - value", TY first, ER last. */
function risProblems(text: string): string[] {
  const problems: string[] = [];
  if (!text.endsWith('\r\n')) problems.push('no CRLF at the end');
  if (/[^\r]\n/.test(text)) problems.push('a line ends without CR');
  const lines = text.replace(/\r\n$/, '').split('\r\n');
  lines.forEach((l, i) => { if (!/^[A-Z][A-Z0-9]  - /.test(l)) problems.push(`line ${i + 1} is not "XX  - value": ${l}`); });
  if (!lines[0]?.startsWith('TY  - ')) problems.push('TY is not first');
  if (lines.at(-1) !== 'ER  - ') problems.push('ER is not last');
  if (lines.filter((l) => l.startsWith('TY  - ')).length !== 1) problems.push('not one TY');
  return problems;
}

const tag = (ris: string, t: string) => ris.split('\r\n').filter((l) => l.startsWith(`${t}  - `)).map((l) => l.slice(6));

describe('citation exports of the sample edition with a base URL', () => {
  let out = '';
  beforeAll(() => {
    out = tmp('tei-edition-cite-');
    buildHtmlEdition({ source: sampleTei, out, baseUrl: base, cite });
  });

  it('writes CSL-JSON, BibTeX and RIS for every document and the edition', () => {
    const docs = readdirSync(sampleTei).filter((f) => f.endsWith('.xml')).map((f) => f.replace(/\.xml$/, ''));
    const names = readdirSync(path.join(out, 'cite')).sort();
    expect(names).toEqual([...docs, 'edition'].flatMap((s) => [`${s}.bib`, `${s}.json`, `${s}.ris`]).sort());
  });

  it('CSL-JSON: a document, absolute URL, editors, archive, date; citeproc renders it', () => {
    const file = path.join(out, 'cite', `${stem}.json`);
    const items = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>[];
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item).toMatchObject({ id: stem, type: 'document', URL: `${base}${stem}.html`, publisher: 'Example Press', issued: { 'date-parts': [[1987, 5, 25]] } });
    expect(item.editor).toEqual([{ family: 'Müller', given: 'Anna' }, { literal: 'tei-edition contributors' }]);
    expect(item['archive_location']).toBe('BStU, MfS, Abt. X, Nr. 245, p. 290-302');
    expect(item.title).toContain('Memorandum about the Discussion');
    expect(item.accessed).toBeUndefined();
    const text = citeproc(file, stem).replace(/\s+/g, ' ');
    expect(text).toContain('Memorandum about the Discussion');
    expect(text).toContain('Müller');
    expect(text).toContain('tei-edition contributors');
    expect(text).toContain(`${base}${stem}.html`);
  });

  it('CSL-JSON of the edition: a book with its editors, publisher, year, licence, the base URL', () => {
    const file = path.join(out, 'cite', 'edition.json');
    const [item] = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>[];
    expect(item).toMatchObject({ id: 'edition', type: 'book', URL: base, publisher: 'Example Press', license: 'CC BY 4.0', issued: { 'date-parts': [[2026, 3]] } });
    const text = citeproc(file, 'edition');
    expect(text).toContain('Müller');
    expect(text).toContain('2026');
  });

  it('BibTeX: pandoc reads the title, the editors, the year and the URL', () => {
    const [item] = bibtexItems(path.join(out, 'cite', `${stem}.bib`)) as Record<string, any>[];
    expect(item!.id).toBe(stem);
    expect(String(item!.title)).toContain('Memorandum about the Discussion');
    expect(item!.editor).toEqual([{ family: 'Müller', given: 'Anna' }, { literal: 'tei-edition contributors' }]);
    expect(item!.URL).toBe(`${base}${stem}.html`);
    expect(JSON.stringify(item!.issued)).toContain('1987');
    const text = citeproc(path.join(out, 'cite', `${stem}.bib`), stem);
    expect(text).toContain('Müller');
    const [book] = bibtexItems(path.join(out, 'cite', 'edition.bib')) as Record<string, any>[];
    expect(book).toMatchObject({ type: 'book', publisher: 'Example Press', URL: base });
  });

  it('RIS: CRLF lines, TY first, ER last, the editors as A2, the URL', () => {
    for (const name of readdirSync(path.join(out, 'cite')).filter((n) => n.endsWith('.ris'))) expect(risProblems(readFileSync(path.join(out, 'cite', name), 'utf8')), name).toEqual([]);
    const ris = readFileSync(path.join(out, 'cite', `${stem}.ris`), 'utf8');
    expect(tag(ris, 'TY')).toEqual(['GEN']);
    expect(tag(ris, 'A2')).toEqual(['Müller, Anna', 'tei-edition contributors']);
    expect(tag(ris, 'UR')).toEqual([`${base}${stem}.html`]);
    expect(tag(ris, 'PY')).toEqual(['1987']);
    expect(tag(readFileSync(path.join(out, 'cite', 'edition.ris'), 'utf8'), 'TY')).toEqual(['EDBOOK']);
  });

  it('Cite this on the page: editors, publisher, year, the permanent URL, "[date]" to fill in, the exports', () => {
    const page = parsePage(path.join(out, `${stem}.html`));
    const chicago = xstring('//h:span[@class="citation chicago"]', page).replace(/\s+/g, ' ');
    expect(chicago).toContain('Edited by Anna Müller and tei-edition contributors. Example Press, 2026.');
    expect(chicago).toContain(`${base}${stem}.html (accessed [date]).`);
    expect(xstring('//h:details[@class="cite"]/@data-url', page)).toBe(`${base}${stem}.html`);
    expect(xstring('//h:span[@class="citation mla"]', page)).toMatch(/Accessed \[date\]\.$/);
  });
});

describe('citations without a base URL', () => {
  it('carry no URL, and nothing of the sample edition names 127.0.0.1 or localhost', () => {
    const out = tmp('tei-edition-cite-nobase-');
    buildHtmlEdition({ source: sampleTei, out, cite });
    const [item] = JSON.parse(readFileSync(path.join(out, 'cite', `${stem}.json`), 'utf8')) as Record<string, unknown>[];
    expect(item!.URL).toBeUndefined();
    expect(readFileSync(path.join(out, 'cite', `${stem}.bib`), 'utf8')).not.toContain('url');
    expect(tag(readFileSync(path.join(out, 'cite', `${stem}.ris`), 'utf8'), 'UR')).toEqual([]);
    const all = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    for (const f of all(out)) expect(readFileSync(f, 'utf8'), f).not.toMatch(/127\.0\.0\.1|\/\/localhost/);
  });
});

describe('escaping', () => {
  const title = 'He said "no" {sic}\\ – 100% A&B_C #1 ~ ^ $x$ by Müller';
  let out = '';
  beforeAll(() => {
    const src = tmp('tei-edition-cite-esc-');
    const tei = readFileSync(path.join(sampleTei, `${stem}.xml`), 'utf8');
    const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const changed = tei.replace(/<title type="main">[\s\S]*?<\/title>/, `<title type="main">${escaped}</title>`);
    expect(changed).not.toBe(tei);
    writeFileSync(path.join(src, `${stem}.xml`), changed);
    out = tmp('tei-edition-cite-esc-out-');
    buildHtmlEdition({ source: src, out, baseUrl: base, cite: { ...cite, publisher: 'Smith & "Sons" {Ltd}' } });
  });

  it('CSL-JSON keeps the title as it is (quotes, backslash, non-ASCII)', () => {
    const [item] = JSON.parse(readFileSync(path.join(out, 'cite', `${stem}.json`), 'utf8')) as Record<string, unknown>[];
    expect(item!.title).toBe(title);
    expect(item!.publisher).toBe('Smith & "Sons" {Ltd}');
  });

  it('BibTeX escapes braces, backslash and TeX specials, and pandoc reads the title back', () => {
    const bib = readFileSync(path.join(out, 'cite', `${stem}.bib`), 'utf8');
    expect(bib).toContain('\\{sic\\}\\textbackslash{}');
    expect(bib).toContain('publisher = {Smith \\& "Sons" \\{Ltd\\}}');
    expect(bib).toContain('100\\% A\\&B\\_C \\#1');
    // Braces balanced in every field (BibTeX counts escaped ones too).
    let depth = 0;
    for (const ch of bib) { depth += ch === '{' ? 1 : ch === '}' ? -1 : 0; expect(depth).toBeGreaterThanOrEqual(0); }
    expect(depth).toBe(0);
    const [item] = bibtexItems(path.join(out, 'cite', `${stem}.bib`)) as Record<string, any>[];
    const read = String(item!.title);
    for (const part of ['He said', '"no"', '{sic}\\', '100% A&B_C #1', 'Müller']) expect(read, part).toContain(part);
    expect(item!.publisher).toBe('Smith & "Sons" {Ltd}');
  });

  it('BibTeX writes unpaired braces so that the braces of the file still pair up', async () => {
    const src = tmp('tei-edition-cite-brace-');
    const tei = readFileSync(path.join(sampleTei, `${stem}.xml`), 'utf8').replace(/<title type="main">[\s\S]*?<\/title>/, '<title type="main">Open { only</title>');
    writeFileSync(path.join(src, `${stem}.xml`), tei);
    const o = tmp('tei-edition-cite-brace-out-');
    buildHtmlEdition({ source: src, out: o, cite });
    const bib = readFileSync(path.join(o, 'cite', `${stem}.bib`), 'utf8');
    expect(bib).toContain('Open \\textbraceleft{} only');
    expect((bib.match(/\{/g) ?? []).length).toBe((bib.match(/\}/g) ?? []).length);
    expect(bibtexItems(path.join(o, 'cite', `${stem}.bib`))[0]!.id).toBe(stem);
  });

  it('RIS keeps the title on one line, as it is', () => {
    const ris = readFileSync(path.join(out, 'cite', `${stem}.ris`), 'utf8');
    expect(risProblems(ris)).toEqual([]);
    expect(tag(ris, 'TI')).toEqual([title]);
  });
});

describe('configuration and build', () => {
  const err = (raw: unknown): string => {
    try {
      resolveConfig('/edition', 'tei-edition.config.json', raw);
    } catch (error) {
      return (error as Error).message;
    }
    return '';
  };

  it('checks published and baseUrl', () => {
    expect(resolveConfig('/e', null, { published: 2026 }).published).toBe('2026');
    expect(resolveConfig('/e', null, { published: '2026-02-28' }).published).toBe('2026-02-28');
    expect(err({ published: '2026-02-30' })).toMatch(/"published" must be a year, year-month or date/);
    expect(err({ published: 'spring 2026' })).toMatch(/"published" must be a year/);
    expect(err({ baseUrl: 'http://127.0.0.1:8093/' })).toMatch(/"baseUrl" must be the address where the edition is published/);
    expect(err({ baseUrl: 'http://localhost/x/' })).toMatch(/"baseUrl" must be the address where the edition is published/);
    expect(err({ baseUrl: 'example.org' })).toMatch(/"baseUrl" must be an http\(s\) address/);
    expect(resolveConfig('/e', null, { baseUrl: 'https://example.org/e/' }).baseUrl).toBe('https://example.org/e/');
  });

  it('a build without baseUrl warns once, naming the configuration file; with it, not at all', async () => {
    const dir = sampleEdition(['html']);
    const file = path.join(dir, 'tei-edition.config.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete config['baseUrl'];
    writeFileSync(file, JSON.stringify(config));
    let stderr = '';
    const io = { stdout: () => undefined, stderr: (s: string) => (stderr += s) };
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await main(['build', '--html', '--jobs', '1'], io)).toBe(0);
      const warnings = stderr.split('\n').filter((l) => l.includes('(no-base-url)'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`no "baseUrl" in ${file}`);
      expect(warnings[0]).toContain('the citations carry no URL');
      expect(await main(['build', '--html', '--base-url', 'http://127.0.0.1:8093/'], io)).toBe(2);
      stderr = '';
      expect(await main(['build', '--html', '--jobs', '1', '--base-url', base], io)).toBe(0);
      expect(stderr).not.toContain('no-base-url');
      const [item] = JSON.parse(readFileSync(path.join(dir, 'editions', 'html', 'cite', `${stem}.json`), 'utf8')) as Record<string, unknown>[];
      expect(item!.URL).toBe(`${base}${stem}.html`);
      expect(item!.editor).toEqual([{ literal: 'tei-edition contributors' }]);
    } finally {
      process.chdir(cwd);
    }
  });
});
