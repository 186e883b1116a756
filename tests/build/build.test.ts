/**
 * `tei-edition build` on an edition of 20 transcripts (the built CLI, in a temporary folder):
 * cold build, rebuild with nothing changed, one TEI file edited (text, then header), the same
 * output with one worker or two and as the single-thread web edition, a build killed midway,
 * an invalid document, two shards merged.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHtmlEdition } from '../../src/publish/html.js';
import { changed, cli, cliAsync, makeEdition, snapshot } from './helpers.js';

let dir: string;
let html: string;
let tei: string;
const pages = () => readdirSync(html).filter((f) => f.endsWith('.html') && !['index.html', 'persons.html', 'places.html', 'orgs.html', 'search.html'].includes(f)).sort();
const teiFiles = () => readdirSync(tei).filter((f) => f.endsWith('.xml') && f !== 'persons.xml').sort();
/** A document of the edition that is neither the introduction nor the first. */
const pick = () => teiFiles().filter((f) => f.startsWith('doc-') && !readFileSync(path.join(tei, f), 'utf8').includes('type="introduction"'))[1]!;

beforeAll(() => {
  dir = makeEdition(20);
  html = path.join(dir, 'editions', 'html');
  tei = path.join(dir, 'source', 'tei');
  const r = cli(dir, 'build', '--jobs', '2');
  expect(r.stderr).not.toMatch(/error/);
  expect(r.status, r.stderr).toBe(0);
});

describe('tei-edition build (20 transcripts)', () => {
  it('imports, validates and builds every document, and sums up', () => {
    expect(teiFiles()).toHaveLength(20);
    expect(pages()).toHaveLength(20);
    const r = cli(dir, 'build', '--json');
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; report?: { ok: boolean; stages: { stage: string; documents: number; worked: number }[] } });
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.report!.ok).toBe(true);
    expect(done.report!.stages.map((s) => [s.stage, s.documents, s.worked])).toEqual([['import', 20, 0], ['validate', 20, 0], ['html', 20, 0]]);
  });

  it('touches no output file when nothing changed', () => {
    const before = snapshot(path.join(dir, 'editions'));
    const r = cli(dir, 'build');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('nothing changed: no output touched');
    expect(changed(before, snapshot(path.join(dir, 'editions')))).toEqual([]);
  });

  it('after an edit to one text, writes that page, its TEI copy and the search index only', () => {
    const file = pick();
    const stem = file.replace(/\.xml$/, '');
    const xml = readFileSync(path.join(tei, file), 'utf8');
    const body = xml.indexOf('<body');
    const edited = xml.slice(0, body) + xml.slice(body).replace(/(<p\b[^>]*>)([A-Z])/, '$1Editorially corrected: $2');
    expect(edited).not.toBe(xml);
    writeFileSync(path.join(tei, file), edited);
    const before = snapshot(html);
    const r = cli(dir, 'build');
    expect(r.status).toBe(0);
    const diff = changed(before, snapshot(html));
    expect(diff.filter((f) => !f.startsWith('search/'))).toEqual([`${stem}.html`, `tei/${stem}.xml`].sort());
    expect(readFileSync(path.join(html, `${stem}.html`), 'utf8')).toContain('Editorially corrected: ');
    // The search index: the document's own fragment holds the new text.
    expect(diff.filter((f) => f.startsWith('search/d/')).some((f) => readFileSync(path.join(html, f), 'utf8').includes('Editorially corrected: '))).toBe(true);
  });

  it('after an edit to one title, also rebuilds the indexes that show it', () => {
    const file = pick();
    const stem = file.replace(/\.xml$/, '');
    const xml = readFileSync(path.join(tei, file), 'utf8');
    const edited = xml.replace(/(<title type="main">)/, '$1Retitled: ');
    expect(edited).not.toBe(xml);
    writeFileSync(path.join(tei, file), edited);
    const before = snapshot(html);
    const r = cli(dir, 'build');
    expect(r.status).toBe(0);
    const diff = changed(before, snapshot(html));
    // The document's citations (its title) too, and no other document's.
    const cites = ['json', 'bib', 'ris'].map((e) => `cite/${stem}.${e}`);
    expect(diff).toEqual(expect.arrayContaining([`${stem}.html`, 'index.html', 'search/meta.js', `tei/${stem}.xml`, ...cites]));
    // Its neighbours in the edition's order name it in their previous/next links: they change too.
    const neighbour = (f: string) => f.endsWith('.html') && new RegExp(`<a rel="(prev|next)" href="${stem}\\.html">`).test(readFileSync(path.join(html, f), 'utf8'));
    expect(diff.every((f) => f.startsWith('search/') || [`${stem}.html`, 'index.html', 'persons.html', 'places.html', 'orgs.html', `tei/${stem}.xml`, ...cites].includes(f) || neighbour(f)), diff.join(' ')).toBe(true);
    expect(readFileSync(path.join(html, 'cite', `${stem}.ris`), 'utf8')).toContain('TI  - Retitled: ');
    expect(readFileSync(path.join(html, 'index.html'), 'utf8')).toContain('Retitled: ');
  });

  it('keeps a TEI file edited by hand when its transcript changes, and says so', () => {
    const file = pick();
    const handEdited = readFileSync(path.join(tei, file), 'utf8');
    const transcripts = path.join(dir, 'source', 'transcripts');
    const source = readdirSync(transcripts).find((t) => handEdited.includes(t))!;
    expect(source).toBeTruthy();
    writeFileSync(path.join(transcripts, source), `${readFileSync(path.join(transcripts, source), 'utf8')}\n`);
    const r = cli(dir, 'build');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`import: warning: .*${source}: .*${source} changed since source/tei/${file} was imported, and source/tei/${file} was edited by hand since: the change is not applied; source/tei/${file} is built as it is\\.`));
    expect(r.stderr).toContain('--merged');
    expect(readFileSync(path.join(tei, file), 'utf8')).toBe(handEdited);
  });

  it('writes the same files with one worker as with two, and as the single-thread web edition', () => {
    const one = path.join(dir, 'jobs1');
    expect(cli(dir, 'build', '--html', '--jobs', '1', '--out', one, '--cache', path.join(dir, 'cache1')).status).toBe(0);
    // The reference: every page made from the whole documents, in one thread (no digests, no cache).
    const reference = path.join(dir, 'reference');
    buildHtmlEdition({ source: tei, out: reference, persons: path.join(dir, 'source', 'persons.xml'), title: 'Test edition' });
    const files = (d: string) => readdirSync(d, { recursive: true }).map(String).filter((f) => f.includes('.')).sort();
    expect(files(one)).toEqual(files(reference));
    expect(files(html)).toEqual(files(reference));
    for (const f of files(reference)) {
      const expected = readFileSync(path.join(reference, f), 'utf8');
      expect(readFileSync(path.join(one, f), 'utf8'), f).toBe(expected);
      expect(readFileSync(path.join(html, f), 'utf8'), f).toBe(expected);
    }
  });

  it('leaves the previous edition as it was when killed while writing', async () => {
    const before = snapshot(html);
    // A new title changes every page: the build has 20 pages to write.
    const child = cliAsync(dir, 'build', '--title', 'A title that changes every page', '--jobs', '1');
    const editions = path.join(dir, 'editions');
    const started = await new Promise<boolean>((resolve) => {
      const poll = setInterval(() => {
        const stage = readdirSync(editions).find((d) => d.startsWith('.html.next-'));
        if (stage && existsSync(path.join(editions, stage)) && readdirSync(path.join(editions, stage)).some((f) => f.endsWith('.html'))) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve(true);
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(poll);
        resolve(false);
      });
    });
    expect(started).toBe(true);
    await new Promise((r) => child.once('exit', r).exitCode !== null && r(undefined));
    expect(changed(before, snapshot(html))).toEqual([]);
    // The next build clears what the killed one left and has nothing to do.
    const r = cli(dir, 'build');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('nothing changed');
    expect(readdirSync(editions).filter((d) => d.startsWith('.'))).toEqual([]);
  });

  it('on Ctrl-C (SIGINT), removes what it had staged and leaves the edition as it was', async () => {
    const before = snapshot(html);
    const editions = path.join(dir, 'editions');
    const child = cliAsync(dir, 'build', '--title', 'Another title for every page', '--jobs', '1');
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const poll = setInterval(() => {
      const stage = readdirSync(editions).find((d) => d.startsWith('.html.next-'));
      if (stage && existsSync(path.join(editions, stage)) && readdirSync(path.join(editions, stage)).some((f) => f.endsWith('.html'))) {
        clearInterval(poll);
        child.kill('SIGINT');
      }
    }, 5);
    const code = await exited;
    clearInterval(poll);
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted (SIGINT); the previous edition is unchanged');
    expect(readdirSync(editions).filter((d) => d.startsWith('.'))).toEqual([]);
    expect(changed(before, snapshot(html))).toEqual([]);
  });

  it('reports an invalid document (file:line), keeps its last good page, builds the others, and exits with status 1', () => {
    const file = pick();
    const stem = file.replace(/\.xml$/, '');
    const xml = readFileSync(path.join(tei, file), 'utf8');
    const page = readFileSync(path.join(html, `${stem}.html`), 'utf8');
    writeFileSync(path.join(tei, file), xml.replace(/<\/p>/, '<bogus>not TEI</bogus></p>'));
    const line = xml.slice(0, xml.indexOf('</p>')).split('\n').length;
    const r = cli(dir, 'build');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`validate: error: source/tei/${file}: invalid: its last good version stays published`);
    expect(r.stderr).toContain(`source/tei/${file}:${line}`);
    expect(r.stdout).toMatch(/1 document failed/);
    expect(pages()).toHaveLength(20);
    expect(readFileSync(path.join(html, `${stem}.html`), 'utf8')).toBe(page);
    expect(readFileSync(path.join(html, 'index.html'), 'utf8')).toContain(`${stem}.html`);
    writeFileSync(path.join(tei, file), xml);
  });

  it('builds two shards that, merged, are the full build byte for byte', () => {
    expect(cli(dir, 'build').status).toBe(0);
    // Each share with a cache of its own, as on two machines: nothing rendered by the full build is reused.
    const s1 = cli(dir, 'build', '--shard', '1/2', '--cache', path.join(dir, 'machine1-cache'));
    const s2 = cli(dir, 'build', '--shard', '2/2', '--cache', path.join(dir, 'machine2-cache'));
    expect(s1.status).toBe(0);
    expect(s2.status).toBe(0);
    const a = path.join(dir, 'editions', 'shard-1-of-2');
    const b = path.join(dir, 'editions', 'shard-2-of-2');
    const shared = (d: string) => readdirSync(d).filter((f) => f.endsWith('.html'));
    expect(shared(a).length).toBeGreaterThan(0);
    expect(shared(b).length).toBeGreaterThan(0);
    expect(shared(a).length + shared(b).length).toBe(20);
    const merged = path.join(dir, 'merged');
    const m = cli(dir, 'merge', a, b, '--out', merged, '--cache', path.join(dir, 'merge-cache'));
    expect(m.stderr).toBe('');
    expect(m.status).toBe(0);
    const files = (d: string) => readdirSync(d, { recursive: true }).map(String).filter((f) => f.includes('.')).sort();
    expect(files(merged)).toEqual(files(html));
    for (const f of files(html)) expect(readFileSync(path.join(merged, f), 'latin1') === readFileSync(path.join(html, f), 'latin1'), f).toBe(true);
    // A shard missing is an error, not half an edition.
    rmSync(path.join(dir, 'merged2'), { recursive: true, force: true });
    const half = cli(dir, 'merge', a, '--out', path.join(dir, 'merged2'));
    expect(half.status).toBe(2);
    expect(half.stderr).toContain('shard 2 of 2 missing');
  });
});
