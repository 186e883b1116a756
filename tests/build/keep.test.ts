/**
 * Nothing lost, nothing hidden (issue 14): `npx tei-edition build` on a copy of the sample edition
 * keeps every document, every published page and every diagnostic.
 *
 * - duplicate record IDs, dates and titles, page names and foreign TEI are errors that name both
 *   sources; neither is written; a TEI imported from another transcript is never overwritten;
 * - the persons register is never regenerated, and a failed import does not touch it;
 * - every stage's messages are in the output and in --json, with their rule ids, as import has them;
 * - every format import reads is imported;
 * - a transcript changed under a hand-edited TEI is shown as a diff, with how to take it;
 * - Windows-1252 and UTF-8 with a stray byte are decoded right, the bad byte reported at its place;
 * - FIFOs, folders named like documents and dangling links are reported and skipped;
 * - the limits apply in build, with the option that changes them.
 * (The last good version of an invalid document: last-good.test.ts.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountOf, bin, changed, cli, documentsOf, memo, sampleEdition, snapshot } from './helpers.js';

let dir: string;
let transcripts: string;
let tei: string;
let html: string;
let firstBuild: string;
const build = (...args: string[]) => cli(dir, 'build', ...args);
const teiFile = (name: string) => path.join(tei, name);
const read = (file: string) => readFileSync(file, 'utf8');

beforeAll(() => {
  dir = sampleEdition(['html']);
  transcripts = path.join(dir, 'source', 'transcripts');
  tei = path.join(dir, 'source', 'tei');
  html = path.join(dir, 'editions', 'html');
  const r = build('--json');
  expect(r.status, r.stderr).toBe(0);
  firstBuild = r.stdout;
});

describe('one diagnostics stream: build prints every message of import, as import has them', () => {
  it('has, in its import row and in --json, the warnings and notes `import` reports on the same files', () => {
    const other = sampleEdition();
    const imported = cli(other, 'import', 'source/transcripts', '--force', '--report', 'json');
    expect(imported.status, imported.stderr).toBe(0);
    const messages = (JSON.parse(imported.stdout) as { input: string; messages: { ruleId: string; severity: string; line: number | null }[] }[]).flatMap((r) => r.messages.map((m) => ({ file: path.basename(r.input), ...m })));
    const count = (s: string) => messages.filter((m) => m.severity === s).length;
    expect(count('warning')).toBeGreaterThan(15);
    const row = accountOf(firstBuild).stages.find((s) => s.stage === 'import')!;
    expect([row.errors, row.warnings, row.infos]).toEqual([count('error'), count('warning'), count('info')]);
    // The same messages, each with its rule id and line.
    const key = (m: { file: string; ruleId?: string; line?: number | null }) => `${m.file}:${m.line ?? ''}:${m.ruleId}`;
    const fromBuild = documentsOf(firstBuild).filter((e) => e.stage === 'import').flatMap((e) => e.problems.map((p) => key({ file: path.basename(e.file), ruleId: p.ruleId, line: p.line })));
    expect(fromBuild.sort()).toEqual(messages.map(key).sort());
    expect(fromBuild.filter((k) => /^introduction-stasi-kgb-cooperation\.txt:\d+:note-without-body$/.test(k)).length).toBeGreaterThan(10);
  });

  it('prints each message at its place with its severity and rule id, and sums them up in the table', () => {
    const r = build();
    expect(r.status).toBe(0);
    // From the cache as from the import: a rebuild hides nothing.
    expect(r.stderr).toMatch(/\n {2}source\/transcripts\/introduction-stasi-kgb-cooperation\.txt:38:\d+: warning: The note marker \[1\] has no note text; it is kept as an empty note\. \(note-without-body\)\n/);
    expect(r.stderr).toMatch(/\n {2}source\/tei\/introduction-cooperation-east-german-ministry-state-security\.xml:5:3: warning: .* \(header-date\)\n/);
    expect(r.stdout).toMatch(/^stage +documents +worked on +ok +kept +failed +errors +warnings +infos +files written/m);
    const row = accountOf(firstBuild).stages.find((s) => s.stage === 'import')!;
    expect(r.stdout).toMatch(new RegExp(`\\nimport +5 +0 +5 +0 +0 +0 +${row.warnings} +${row.infos} +0 `));
  });
});

describe('duplicates: an error that names both sources; neither is written; the rest builds', () => {
  const wilson = () => read(path.join(transcripts, '1987-05-25-mielke-choe-dwu-sen.txt'));

  it('two transcripts with one record ID', () => {
    writeFileSync(path.join(transcripts, 'x-a.txt'), wilson().replace(/^208236$/m, '990001'));
    writeFileSync(path.join(transcripts, 'x-b.txt'), wilson().replace(/^208236$/m, '990001').replace('Comrade', 'Comrade (b)'));
    const r = build();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/import: error: source\/transcripts\/x-a\.txt: .*source\/transcripts\/x-b\.txt gives the same document id, wilson-990001 \(record ID 990001\): neither is written/);
    expect(r.stderr).toMatch(/import: error: source\/transcripts\/x-b\.txt: .*source\/transcripts\/x-a\.txt gives the same document id, wilson-990001/);
    expect(r.stderr).toMatch(/source\/transcripts\/x-a\.txt:485:1: error: .*\(duplicate-id\)/);
    expect(existsSync(teiFile('wilson-990001.xml'))).toBe(false);
    expect(r.stdout).toContain('2 documents failed (see above)');
    // The sample's five documents and the index, persons, places, organisations and search pages.
    expect(readdirSync(html).filter((f) => f.endsWith('.html')).length).toBe(10);
  });

  it('the TEI of the first stays the first’s: the second is refused, build after build', () => {
    rmSync(path.join(transcripts, 'x-b.txt'));
    expect(build().status).toBe(0);
    const first = read(teiFile('wilson-990001.xml'));
    expect(first).toContain('x-a.txt');
    writeFileSync(path.join(transcripts, 'x-b.txt'), wilson().replace(/^208236$/m, '990001').replace('Comrade', 'Comrade (b)'));
    for (let k = 0; k < 2; k++) {
      const r = build();
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('import: error: source/transcripts/x-b.txt: source/tei/wilson-990001.xml was imported from source/transcripts/x-a.txt, which is still there: it is not overwritten');
      expect(read(teiFile('wilson-990001.xml'))).toBe(first);
    }
    for (const f of ['x-a.txt', 'x-b.txt']) rmSync(path.join(transcripts, f));
    rmSync(teiFile('wilson-990001.xml'));
    expect(build().status).toBe(0);
  });

  it('same date and title, different text: never overwrites the other’s TEI, even edited by hand', () => {
    const original = path.join(transcripts, '1968-04-23-hager-kim-il-sung.txt');
    const target = teiFile('doc-1968-04-23-hager-kim-il-sung.xml');
    const before = read(target);
    writeFileSync(path.join(transcripts, 'hager-again.txt'), read(original).replace('Highly Confidential (handwritten)', 'Highly Confidential (handwritten, again)'));
    let r = build();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('import: error: source/transcripts/hager-again.txt: source/tei/doc-1968-04-23-hager-kim-il-sung.xml was imported from source/transcripts/1968-04-23-hager-kim-il-sung.txt, which is still there');
    expect(read(target)).toBe(before);
    // Edited by hand: still the other transcript's, and said so (not "edited by hand, kept").
    const edited = before.replace('</title>', ' (revised)</title>');
    writeFileSync(target, edited);
    r = build();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('which is still there (and edited by hand since): it is not overwritten');
    expect(r.stderr).not.toMatch(/hager-again.*edited by hand, kept/);
    expect(read(target)).toBe(edited);
    rmSync(path.join(transcripts, 'hager-again.txt'));
    writeFileSync(target, before);
    expect(build().status).toBe(0);
  });

  it('two TEI files that make one page: neither is built from this version, the real page stays', () => {
    const impostor = teiFile('wilson:208236.xml');
    writeFileSync(impostor, read(teiFile('wilson-208236.xml')).replace(/(<title type="main">)/, '$1Impostor: ').replace('xml:id="wilson-208236"', 'xml:id="wilson-impostor"'));
    const before = snapshot(html);
    const r = build('--json');
    expect(r.status).toBe(1);
    const errors = documentsOf(r.stdout).filter((e) => e.stage === 'validate' && e.status === 'error');
    expect(errors.map((e) => path.basename(e.file)).sort()).toEqual(['wilson-208236.xml', 'wilson:208236.xml']);
    for (const e of errors) expect(e.problems.find((p) => p.ruleId === 'duplicate-page')!.reason).toContain(path.basename(e.file) === 'wilson-208236.xml' ? 'wilson:208236.xml and this file make the same page, wilson-208236.html' : 'wilson-208236.xml and this file');
    expect(changed(before, snapshot(html))).toEqual([]);
    expect(read(path.join(html, 'wilson-208236.html'))).not.toContain('Impostor');
    expect(accountOf(r.stdout).stages.find((s) => s.stage === 'validate')).toMatchObject({ failed: 2, kept: 1 });
    rmSync(impostor);
    const again = build();
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('nothing changed: no output touched');
  });

  it('a foreign TEI where a transcript’s TEI goes: an error, and the file is not overwritten', () => {
    const target = teiFile('doc-1984-05-31-honecker-kim-il-sung.xml');
    const source = path.join(transcripts, '1984-05-31-honecker-kim-il-sung.txt');
    const [teiBefore, transcriptBefore] = [read(target), read(source)];
    const foreign = teiBefore.replace(/<appInfo>[\s\S]*?<\/appInfo>/, '');
    writeFileSync(target, foreign);
    writeFileSync(source, `${transcriptBefore}\n`);
    const r = build();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/import: error: source\/transcripts\/1984-05-31-honecker-kim-il-sung\.txt: .*doc-1984-05-31-honecker-kim-il-sung\.xml exists and was not written by tei-edition; use --force to overwrite it\. \(tei-not-ours\)/);
    expect(read(target)).toBe(foreign);
    writeFileSync(target, teiBefore);
    writeFileSync(source, transcriptBefore);
    expect(build().status).toBe(0);
  });
});

describe('the persons register is never regenerated', () => {
  it('keeps every byte of an edited register when an import fails, and adds the persons of one that succeeds', () => {
    const register = path.join(dir, 'source', 'persons.xml');
    const original = read(register);
    // Well-formed, but not as the importer writes it: a space in the end tag, a comment, a note.
    const edited = original.replace('</listPerson>', '<!-- to check: Zaisser -->\n      </listPerson >').replace('<persName>Mielke</persName>', '<persName>Mielke</persName><note>Minister for State Security from 1957.</note>');
    writeFileSync(register, edited);
    writeFileSync(path.join(transcripts, 'future.txt'), memo('880001', { date: 'May 25, 2999', speaker: 'Comrade Zaisser' }));
    let r = build();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/future\.txt.*\(invalid-tei\)/);
    expect(read(register)).toBe(edited);
    rmSync(path.join(transcripts, 'future.txt'));
    writeFileSync(path.join(transcripts, 'zaisser.txt'), memo('880002', { speaker: 'Comrade Zaisser' }));
    r = build();
    expect(r.status, r.stderr).toBe(0);
    const now = read(register);
    // The persons the register had, and Zaisser.
    expect(now.match(/<person /g)).toHaveLength(original.match(/<person /g)!.length + 1);
    expect(now).toContain('<note>Minister for State Security from 1957.</note>');
    expect(now).toContain('<!-- to check: Zaisser -->');
    expect(now).toMatch(/<person xml:id="per-zaisser"><persName>Zaisser<\/persName>/);
    // The editor's text is all there, the new person inserted in one place.
    const at = now.indexOf('<person xml:id="per-zaisser"');
    const end = now.indexOf('\n', at);
    expect(now.slice(0, now.lastIndexOf('\n', at)) + now.slice(end)).toBe(edited);
    rmSync(path.join(transcripts, 'zaisser.txt'));
    rmSync(teiFile('wilson-880002.xml'));
    writeFileSync(register, original);
    expect(build().status).toBe(0);
  });
});

describe('every format import reads', () => {
  it('imports Markdown, HTML and Word transcripts as it imports text', () => {
    const work = path.join(dir, 'formats-work');
    mkdirSync(work, { recursive: true });
    writeFileSync(path.join(work, 'md.md'), memo('770001', { text: 'Greetings in *Markdown* to the comrades [of the DPRK].' }));
    writeFileSync(path.join(work, 'html.md'), memo('770002', { text: 'Greetings in HTML to the comrades.' }));
    writeFileSync(path.join(work, 'docx.md'), memo('770003', { text: 'Greetings in Word to the comrades.' }));
    writeFileSync(path.join(transcripts, 'memo-md.md'), read(path.join(work, 'md.md')));
    execFileSync('pandoc', [path.join(work, 'html.md'), '-s', '--metadata', 'title=Memo', '-o', path.join(transcripts, 'memo-html.html')]);
    execFileSync('pandoc', [path.join(work, 'docx.md'), '-o', path.join(transcripts, 'memo-docx.docx')]);
    const r = build('--json');
    expect(r.status, r.stderr).toBe(0);
    expect(accountOf(r.stdout).stages.find((s) => s.stage === 'import')).toMatchObject({ documents: 8, worked: 3, failed: 0 });
    for (const [id, text] of [['wilson-770001', 'Greetings in <hi rend="italic">Markdown</hi>'], ['wilson-770002', 'Greetings in HTML'], ['wilson-770003', 'Greetings in Word']] as const) {
      expect(read(teiFile(`${id}.xml`))).toContain(text);
      expect(existsSync(path.join(html, `${id}.html`))).toBe(true);
    }
    for (const f of ['memo-md.md', 'memo-html.html', 'memo-docx.docx']) rmSync(path.join(transcripts, f));
    for (const id of ['wilson-770001', 'wilson-770002', 'wilson-770003']) rmSync(teiFile(`${id}.xml`));
    rmSync(work, { recursive: true });
    expect(build().status).toBe(0);
  });
});

describe('a transcript changed after its TEI was edited by hand', () => {
  it('shows what changed in the transcript (a diff at its lines) and how to take it; --merged records it', () => {
    const source = path.join(transcripts, '1984-05-31-honecker-kim-il-sung.txt');
    const target = teiFile('doc-1984-05-31-honecker-kim-il-sung.xml');
    const [transcriptBefore, teiBefore] = [read(source), read(target)];
    const edited = teiBefore.replace('preoccupied with its 35th anniversary', 'preoccupied with its thirty-fifth anniversary');
    expect(edited).not.toBe(teiBefore);
    writeFileSync(target, edited);
    expect(build().stderr).not.toContain('source-changed');
    const lines = transcriptBefore.split('\n');
    const at = lines.findIndex((l) => l.startsWith('He said that the election results'));
    lines[at] = lines[at]!.replace('the best in the history', 'the very best in the history');
    writeFileSync(source, lines.join('\n'));
    const r = build();
    expect(r.status, r.stderr).toBe(0);
    const rel = 'source/transcripts/1984-05-31-honecker-kim-il-sung.txt';
    expect(r.stderr).toContain(`import: warning: ${rel}: ${rel} changed since source/tei/doc-1984-05-31-honecker-kim-il-sung.xml was imported, and source/tei/doc-1984-05-31-honecker-kim-il-sung.xml was edited by hand since: the change is not applied`);
    expect(r.stderr).toContain(`  ${rel}:${at + 1}: warning: `);
    expect(r.stderr).toMatch(new RegExp(`\\n +${at + 1} - He said that the election results of 6 May 1984 could be considered the best`));
    expect(r.stderr).toMatch(new RegExp(`\\n +${at + 1} \\+ He said that the election results of 6 May 1984 could be considered the very best`));
    expect(r.stderr).toContain(`take it: tei-edition import ${rel} --force (the hand edits to source/tei/doc-1984-05-31-honecker-kim-il-sung.xml are lost),`);
    expect(r.stderr).toContain(`or merge it into source/tei/doc-1984-05-31-honecker-kim-il-sung.xml by hand, then: tei-edition import ${rel} --merged`);
    expect(read(target)).toBe(edited);
    // Also in --json, and on every build until it is taken.
    const json = build('--json');
    const problem = documentsOf(json.stdout).find((e) => e.file.endsWith('honecker-kim-il-sung.txt'))!.problems.find((p) => p.ruleId === 'source-changed')!;
    expect(problem).toMatchObject({ line: at + 1, severity: 'warning' });
    expect(problem.detail!.join('\n')).toContain('the very best');
    // Merged by hand: recorded with --merged; the TEI keeps the editor's text, the warning goes.
    const merged = edited.replace('the best in the history', 'the very best in the history');
    writeFileSync(target, merged);
    const m = cli(dir, 'import', rel, '--merged');
    expect(m.status, m.stderr).toBe(0);
    expect(m.stderr).toContain('source-recorded');
    const recorded = read(target);
    expect(recorded.replace(/<idno type="source-sha256">[0-9a-f]{64}<\/idno>/, '')).toBe(merged.replace(/<idno type="source-sha256">[0-9a-f]{64}<\/idno>/, ''));
    const after = build();
    expect(after.status).toBe(0);
    expect(after.stderr).not.toContain('source-changed');
    writeFileSync(source, transcriptBefore);
    writeFileSync(target, teiBefore);
    expect(build().status).toBe(0);
  });
});

describe('decoding', () => {
  it('reads Windows-1252 as Windows does, and keeps a UTF-8 file with one stray byte UTF-8, reporting the byte at its place', () => {
    // “yes” and € as Windows-1252 writes them (0x93, 0x94, 0x80).
    const cp1252 = Buffer.from(memo('660001').replace('Greetings to the comrades [of the DPRK].', 'He said \x93yes\x94 for \x805.'), 'latin1');
    writeFileSync(path.join(transcripts, 'cp1252.txt'), cp1252);
    const text = memo('660002').replace('Greetings to the comrades [of the DPRK].', 'It’s the comrades’ day, and theirX too.');
    const stray = Buffer.concat(text.split('X').flatMap((part, k) => (k ? [Buffer.from([0x92]), Buffer.from(part)] : [Buffer.from(part)])));
    writeFileSync(path.join(transcripts, 'stray.txt'), stray);
    const r = build();
    expect(r.status, r.stderr).toBe(0);
    expect(read(teiFile('wilson-660001.xml'))).toContain('He said “yes” for €5.');
    expect(r.stderr).toContain('source/transcripts/cp1252.txt:9:9: warning: The file is not valid UTF-8 (first bad byte at line 9, column 9); it was read as Windows-1252. (legacy-encoding)');
    const strayTei = read(teiFile('wilson-660002.xml'));
    expect(strayTei).toContain('It’s the comrades’ day, and their\ufffd too.');
    expect(strayTei).not.toContain('â€');
    expect(r.stderr).toContain('source/transcripts/stray.txt:9:34: warning: The byte 0x92 at line 9, column 34 is not UTF-8 (the rest of the file is); it was replaced by U+FFFD (\ufffd): put in the character meant. (invalid-utf8-byte)');
    for (const f of ['cp1252.txt', 'stray.txt']) rmSync(path.join(transcripts, f));
    for (const id of ['wilson-660001', 'wilson-660002']) rmSync(teiFile(`${id}.xml`));
    expect(build().status).toBe(0);
  });
});

describe('input hygiene', () => {
  it('reports and skips FIFOs, folders named like documents and dangling links, follows no link out; never hangs', () => {
    execFileSync('mkfifo', [path.join(transcripts, 'pipe.txt'), teiFile('pipe.xml')]);
    mkdirSync(teiFile('folder.xml'));
    symlinkSync('/nonexistent/x.txt', path.join(transcripts, 'dangling.txt'));
    symlinkSync(path.join(dir, 'tei-edition.config.json'), path.join(transcripts, 'outside.txt'));
    symlinkSync('/nonexistent.xml', teiFile('dangling.xml'));
    const start = Date.now();
    const r = build('--json');
    expect(Date.now() - start).toBeLessThan(120_000);
    expect(r.status, r.stderr).toBe(0);
    const seen = documentsOf(r.stdout).map((e) => [e.stage, path.basename(e.file), e.problems[0]!.ruleId] as const).filter(([, f]) => /pipe|folder|dangling|outside/.test(f));
    expect(seen.sort()).toEqual([
      ['import', 'dangling.txt', 'dangling-link'],
      ['import', 'outside.txt', 'link-outside'],
      ['import', 'pipe.txt', 'not-a-file'],
      ['validate', 'dangling.xml', 'dangling-link'],
      ['validate', 'folder.xml', 'not-a-file'],
      ['validate', 'pipe.xml', 'not-a-file'],
    ]);
    // import and validate name them too, and do not wait on the FIFO.
    const imported = spawnSync(process.execPath, [bin, 'import', transcripts, '--out', path.join(dir, 'hygiene-tei')], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(imported.signal).toBeNull();
    expect(imported.stderr).toMatch(/pipe\.txt[\s\S]*not-a-file/);
    const validated = spawnSync(process.execPath, [bin, 'validate', teiFile('pipe.xml')], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(validated.signal).toBeNull();
    expect(validated.status).toBe(2);
    for (const f of [path.join(transcripts, 'pipe.txt'), teiFile('pipe.xml'), path.join(transcripts, 'dangling.txt'), path.join(transcripts, 'outside.txt'), teiFile('dangling.xml')]) unlinkSync(f);
    rmSync(teiFile('folder.xml'), { recursive: true });
    rmSync(path.join(dir, 'hygiene-tei'), { recursive: true, force: true });
  });
});

describe('limits', () => {
  it('apply in build with the options import and validate have, and the messages name the option', () => {
    const before = snapshot(html);
    const r = build('--max-size', '2KB');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/import: error: source\/transcripts\/1984-05-31-honecker-kim-il-sung\.txt: The file has \d+ bytes; the maximum is 2048 \(raise it with --max-size\)\. \(input-too-large\)/);
    expect(r.stderr).toMatch(/source\/tei\/wilson-208236\.xml: error: The file is [\d.]+ KB, larger than the limit of 2\.0 KB; it was not read \(raise the limit with --max-size\)\. \(too-large\)/);
    // Over the limit, a document is not read, and its last good version stays published.
    expect(changed(before, snapshot(html))).toEqual([]);
    const deep = build('--max-depth', '6');
    expect(deep.status).toBe(1);
    expect(deep.stderr).toMatch(/nest about 15 levels; raise the limit with --max-depth\)\. \(too-deep\)/);
    expect(changed(before, snapshot(html))).toEqual([]);
    const usage = build('--max-size', 'lots');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('--max-size takes a size: a whole number of bytes, or with KB, MB or GB (e.g. 16777216, 500KB, 50MB), not "lots"');
    // One syntax everywhere.
    expect(cli(dir, 'import', path.join(transcripts, '1984-05-31-honecker-kim-il-sung.txt'), '--out', path.join(dir, 'limits-tei'), '--max-size', '1MB').status).toBe(0);
    expect(cli(dir, 'validate', path.join(dir, 'limits-tei'), '--max-size', '1MB', '--max-depth', '50').status).toBe(0);
    rmSync(path.join(dir, 'limits-tei'), { recursive: true });
    const again = build();
    expect(again.status).toBe(0);
    expect(statSync(path.join(html, 'wilson-208236.html')).ino).toBe(before.get('wilson-208236.html')!.ino);
  });
});
