/**
 * Hostile transcripts and TEI (tests/fixtures/hostile/, the huge ones generated here) through
 * import, validation and the editions: each gives its exact message or an exactly escaped
 * output, and no file is read or written outside the input and output folders (Node's
 * permission model). tests/validate/hostile.test.ts covers validation alone.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/import/index.js';
import { validateFiles } from '../../src/validate/index.js';
import { buildHtmlEdition, parseTei, transformToHtml } from '../../src/publish/html.js';
import { transformToPrintHtml } from '../../src/publish/print.js';
import { htmlProblems } from '../../fuzz/check.js';

const repo = path.resolve(import.meta.dirname, '../..');
const hostile = (name: string): string => path.join(repo, 'tests', 'fixtures', 'hostile', name);
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'tei-edition-hostile-all-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function messages(file: { messages: { ruleId?: string | null; line?: number | null; column?: number | null; reason: string }[] }): [string | null | undefined, number | null | undefined, number | null | undefined, string][] {
  return file.messages.map((m) => [m.ruleId, m.line ?? null, m.column ?? null, m.reason]);
}

async function importOne(name: string, bytes?: Uint8Array) {
  const dir = mkdtempSync(path.join(tmp, 'import-'));
  const input = path.join(dir, name);
  if (bytes) writeFileSync(input, bytes);
  else copyFileSync(hostile(name), input);
  const [result] = await importFiles([input], { outDir: path.join(dir, 'tei'), personsPath: path.join(dir, 'persons.xml'), importDate: '2026-01-01' });
  return { result: result!, dir };
}

function page(file: string, stem: string): string {
  return transformToHtml({ doc: parseTei(readFileSync(file, 'utf8')), params: { 'doc-id': stem } });
}

describe('hostile transcripts through import and the editions', () => {
  it('script, markup, javascript: URLs, bidi overrides, U+FFFE, controls and a traversing record id: escaped text, safe names', async () => {
    const { result, dir } = await importOne('script.txt');
    expect(result.status).toBe('written');
    // The document id and file name come from the date and the title words; the record id "../../x" is kept as text.
    expect(path.relative(dir, result.output!)).toBe(path.join('tei', 'doc-1987-05-25-script-alert-script-talks.xml'));
    expect(messages(result.file)).toEqual([
      ['control-characters', 13, 61, 'Control characters were removed from the text.'],
      ['trailer-unknown-line', 23, 1, '“../../x” in the document information was not recognised; it is kept in notesStmt.'],
      ['unknown-speaker', 13, 1, 'The speaker “Comrade Mielke” is not in the participants list; Mielke (per-mielke) was added.'],
      ['register-person-added', null, null, 'Mielke was added to the persons register as per-mielke.'],
    ]);
    const tei = readFileSync(result.output!, 'utf8');
    expect(tei).toContain('<title type="main">Memorandum &lt;script&gt;alert(1)&lt;/script&gt; of Talks</title>');
    expect(tei).toContain('"&gt;&lt;img src=x onerror=alert(2)&gt;: Greetings javascript:alert(3) to the comrades <supplied reason="clarification">of the &lt;b onmouseover=alert(4)&gt;DPRK&lt;/b&gt;</supplied>.');
    // Bidi controls are text (kept); U+FFFE cannot be XML: U+FFFD in its place; controls became spaces.
    expect(tei).toContain('A \u202eright-to-left override\u202c and a byte \ufffd and  control  characters.');
    expect(tei).toContain('<idno type="archive">BStU, MfS, Nr. 1, p. 2. &lt;a href="javascript:alert(5)"&gt;link&lt;/a&gt;</idno>');
    const html = page(result.output!, 'doc');
    expect(htmlProblems(html)).toEqual([]);
    expect(html).toContain('Memorandum &lt;script&gt;alert(1)&lt;/script&gt; of Talks');
    expect(html).toContain('"&gt;&lt;img src=x onerror=alert(2)&gt;: Greetings javascript:alert(3) to the comrades');
    const print = transformToPrintHtml({ documents: [{ stem: 'doc', doc: parseTei(readFileSync(result.output!, 'utf8')) }], single: {} });
    expect(htmlProblems(print, { allowStyle: true })).toEqual([]);
    expect(print).toContain('Memorandum &lt;script&gt;alert(1)&lt;/script&gt; of Talks');
  });

  it('a NUL byte: refused with its line and column, no TEI written', async () => {
    const { result, dir } = await importOne('nul.txt');
    expect(result.status).toBe('failed');
    expect(messages(result.file)).toEqual([['binary-input', 7, 22, 'The file contains a NUL or control byte at line 7, column 22; it is not a text transcript.']]);
    // No TEI, and no persons register: a failed import writes none.
    expect(readdirSync(dir).sort()).toEqual(['nul.txt']);
  });

  it('invalid UTF-8 (a lone surrogate as bytes): read as Windows-1252 with the place of the first bad byte', async () => {
    const bytes = Buffer.concat([Buffer.from('Skip to content\n\nMay 25, 1987\n\nA memorandum\n\nComrade Mielke: a surrogate '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' here.\n')]);
    const { result } = await importOne('surrogate.txt', bytes);
    expect(result.status).toBe('written');
    expect(messages(result.file)[0]).toEqual(['legacy-encoding', 7, 29, 'The file is not valid UTF-8 (first bad byte at line 7, column 29); it was read as Windows-1252.']);
  });

  it('a 200 MB transcript: refused from its size before it is read', async () => {
    const dir = mkdtempSync(path.join(tmp, 'huge-'));
    const input = path.join(dir, 'huge.txt');
    const fd = openSync(input, 'w');
    ftruncateSync(fd, 200 * 1024 * 1024);
    closeSync(fd);
    const start = performance.now();
    const [result] = await importFiles([input], { outDir: path.join(dir, 'tei'), personsPath: null });
    expect(performance.now() - start).toBeLessThan(2000);
    expect(messages(result!.file)).toEqual([['input-too-large', null, null, 'The file has 209715200 bytes; the maximum is 16777216 (raise it with --max-size).']]);
  });

  it('a 60,000-letter word and a 1 MB line import in bounded time', async () => {
    const text = `Skip to content\n\nMay 25, 1987\n\nA memorandum\n\nComrade Mielke: ${'x'.repeat(60_000)} [sic] and ${'word '.repeat(200_000)}[Legation]\n`;
    const start = performance.now();
    const { result } = await importOne('long.txt', Buffer.from(text));
    expect(result.status).toBe('written');
    expect(performance.now() - start).toBeLessThan(30_000);
  });
});

describe('hostile TEI through validation and the editions', () => {
  it('ref and ptr to javascript: and data:, event handlers, ids that close attributes, script elements, traversing refs: no script on the page', () => {
    const html = page(hostile('script.xml'), 'script');
    expect(htmlProblems(html)).toEqual([]);
    // Links with a script or data scheme lose the link, not the text.
    expect(html).toContain('<p id="script-p1" class="p"><span class="ref">ref link</span> <span class="ref"></span> <span class="ref">data link</span> <a href="https://example.org/">good link</a>');
    expect(html).toContain('<p id="&#34;&gt;&lt;img src=x onerror=alert(6)&gt;" class="p">an id that closes the attribute');
    expect(html).toContain('<span class="tei-script">alert(7)</span><span class="tei-script">alert(8)</span> text &lt;img src=x onerror=alert(9)&gt;');
    expect(html).toContain('data-who="&#34;onmouseover=&#34;alert(10)"');
    // A register reference that climbs folders points into the persons page; a javascript: ref is a fragment there.
    expect(html).toContain('<a class="persName" href="persons.html#x">Traversal</a> <a class="persName" href="persons.html#javascript:alert(11)">Scripted</a>');
    const print = transformToPrintHtml({ documents: [{ stem: 'script', doc: parseTei(readFileSync(hostile('script.xml'), 'utf8')) }], single: {} });
    expect(htmlProblems(print, { allowStyle: true })).toEqual([]);
  });

  it('an external DTD: reported and never read by validation nor by the web edition, which builds the document without it; a NUL character: refused by both with the same message', async () => {
    const [dtd, nul] = await validateFiles([hostile('external-dtd.xml'), hostile('nul.xml')]);
    // The validator reads no DTD: it says so, and validates the document without it.
    const external = dtd!.messages.filter((m) => m.ruleId === 'doctype-external');
    expect(external.map((m) => [m.line, m.column, m.fatal])).toEqual([[2, 1, false]]);
    expect(external[0]!.reason).toContain('"../../../secret/tei.dtd"; it was not read');
    expect(messages(nul!)).toEqual([['not-well-formed', 3, 23, 'The character U+0000 is not allowed in XML (remove it or write the character meant).']]);
    const page = transformToHtml({ doc: parseTei(readFileSync(hostile('external-dtd.xml'), 'utf8')), params: { 'doc-id': 'external-dtd' } });
    expect(page).toContain('<html');
    expect(() => parseTei(readFileSync(hostile('nul.xml'), 'utf8'))).toThrow('line 3: The character U+0000 is not allowed in XML (remove it or write the character meant).');
  });

  it('100,000 nested elements: the web edition refuses them at once (the parser would run out of stack)', () => {
    const xml = `<TEI xmlns="http://www.tei-c.org/ns/1.0">\n${'<div>'.repeat(100_000)}${'</div>'.repeat(100_000)}</TEI>\n`;
    const start = performance.now();
    expect(() => parseTei(xml)).toThrow('line 2: Elements are nested more than 200 levels deep; the document is refused (TEI documents of this edition nest about 15 levels; raise the limit with --max-depth).');
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('characters that break layout (bidi overrides and isolates, zero-width, soft hyphen, BOM, noncharacter, private use, a 10,000-letter word) reach both editions as text', () => {
    const doc = parseTei(readFileSync(hostile('pdf-breaking.xml'), 'utf8'));
    const html = transformToHtml({ doc, params: { 'doc-id': 'pdf-breaking' } });
    expect(htmlProblems(html)).toEqual([]);
    expect(html).toContain('bidi \u202eoverride\u202c isolate \u2067rtl\u2069 zero\u200bwidth soft\u00adhyphen joiner\u200d BOM\ufeffinside noncharacter\ufdd0 private\ue000use astral\u{1f600}');
    expect(html).toContain('Donaudampfschiff'.repeat(625));
    const print = transformToPrintHtml({ documents: [{ stem: 'pdf-breaking', doc }], single: {} });
    expect(htmlProblems(print, { allowStyle: true })).toEqual([]);
    // The print edition hyphenates (soft hyphens by the text's language): the words are there without them.
    expect(print.replace(/\u00ad/g, '')).toContain('bidi \u202eoverride\u202c isolate \u2067rtl\u2069');
  });

  it('a web edition of good and hostile documents: the hostile ones are left out with their reason, the others built', () => {
    const src = mkdtempSync(path.join(tmp, 'edition-'));
    for (const f of ['script.xml', 'external-dtd.xml', 'nul.xml']) copyFileSync(hostile(f), path.join(src, f));
    copyFileSync(hostile('persons.xml'), path.join(src, 'persons.xml'));
    const out = path.join(tmp, 'edition-out');
    const result = buildHtmlEdition({ source: src, out });
    expect(result.pages.filter((p) => !['index.html', 'persons.html', 'places.html', 'orgs.html', 'search.html'].includes(p)).sort()).toEqual(['external-dtd.html', 'script.html']);
    expect(result.warnings.filter((w) => w.includes('left out')).map((w) => path.basename(w.split(':')[0]!) + w.slice(w.indexOf(':')))).toEqual([
      'nul.xml: not well-formed XML, left out (line 3: The character U+0000 is not allowed in XML (remove it or write the character meant).)',
    ]);
    const persons = readFileSync(path.join(out, 'persons.html'), 'utf8');
    expect(htmlProblems(persons)).toEqual([]);
    expect(persons).toContain('&lt;script&gt;alert(12)&lt;/script&gt;');
    // Only the output folder was written.
    expect(readdirSync(src).sort()).toEqual(['external-dtd.xml', 'nul.xml', 'persons.xml', 'script.xml']);
  });
});

describe('no file is read or written outside the input and output folders (Node permission model)', () => {
  it('import, validate and the web edition run with reads limited to the program and the input, writes to the output', () => {
    const input = mkdtempSync(path.join(tmp, 'perm-in-'));
    const out = mkdtempSync(path.join(tmp, 'perm-out-'));
    const secret = mkdtempSync(path.join(tmp, 'perm-secret-'));
    writeFileSync(path.join(secret, 'data.txt'), 'SECRET-MARKER');
    copyFileSync(hostile('script.txt'), path.join(input, 'script.txt'));
    writeFileSync(path.join(input, 'xxe.xml'), `<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "file://${secret}/data.txt">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&s;</TEI>\n`);
    const script = path.join(input, 'run.mjs');
    writeFileSync(
      script,
      `const dist = ${JSON.stringify(path.join(repo, 'dist'))};
       const { importFiles } = await import(dist + '/import/index.js');
       const { validateFiles } = await import(dist + '/validate/index.js');
       const { buildHtmlEdition } = await import(dist + '/publish/html.js');
       const [input, out] = process.argv.slice(2);
       const imported = await importFiles([input + '/script.txt', input + '/../' + ${JSON.stringify(path.basename(secret))} + '/data.txt'], { outDir: out + '/tei', personsPath: out + '/persons.xml', importDate: '2026-01-01' });
       const checked = await validateFiles([input + '/xxe.xml', imported[0].output]);
       const built = buildHtmlEdition({ source: out + '/tei', out: out + '/html' });
       process.stdout.write(JSON.stringify({ imported: imported.map((r) => [r.status, r.file.messages.filter((m) => m.fatal).map((m) => m.ruleId + ': ' + m.reason)]), checked: checked.map((f) => f.messages.filter((m) => m.fatal).map((m) => m.ruleId)), pages: built.pages.length }));`,
    );
    // Besides the program and the input: the edition's typeface, read from the installed Debian
    // package fonts-sil-charis (edition-files.ts, fontAssets), and its licence.
    const fonts = ['--allow-fs-read=/usr/share/fonts/truetype/charis/*', '--allow-fs-read=/usr/share/doc/fonts-sil-charis/*'];
    const r = spawnSync(process.execPath, ['--experimental-permission', `--allow-fs-read=${repo}/*`, ...fonts, `--allow-fs-read=${input}/*`, `--allow-fs-read=${out}/*`, `--allow-fs-write=${out}/*`, '--allow-worker', script, input, out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { imported: [string, string[]][]; checked: string[][]; pages: number };
    // The transcript imports; the file outside the input is not readable: a read error, not its text.
    expect(report.imported[0]).toEqual(['written', []]);
    expect(report.imported[1]![0]).toBe('failed');
    expect(report.imported[1]![1]).toEqual(['read-error: The file could not be read: ERR_ACCESS_DENIED.']);
    expect(report.checked).toEqual([['doctype'], []]);
    // The document, the indexes of documents, persons, places and organisations, the search page.
    expect(report.pages).toBe(6);
    expect(r.stdout).not.toContain('SECRET-MARKER');
    expect(readdirSync(secret)).toEqual(['data.txt']);
    expect(readdirSync(input).sort()).toEqual(['run.mjs', 'script.txt', 'xxe.xml']);
  });
});
