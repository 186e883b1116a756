/**
 * The build cache checks every entry against the hash stored with it (of its kind, key and
 * content): a page changed in `.tei-edition-cache/page/…` (a shared CI cache that injects
 * script), a record changed, or an entry moved under another key is not used but made again.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildCache, hashOf } from '../../src/build/cache.js';
import { cli, makeEdition } from './helpers.js';

describe('BuildCache', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-cache-'));
  const a = hashOf('a');
  const b = hashOf('b');

  it('gives back what was put, by kind and key', () => {
    const cache = new BuildCache(dir);
    cache.put('render', a, { title: 'T' });
    cache.putBlob('page', a, '<p>page a</p>');
    expect(cache.get('render', a)).toEqual({ title: 'T' });
    expect(cache.getBlob('page', a)?.toString()).toBe('<p>page a</p>');
    expect(cache.get('render', b)).toBeUndefined();
    expect(cache.rejected).toEqual([]);
  });

  it('does not use an entry changed since it was written, nor one moved under another key', () => {
    const cache = new BuildCache(dir);
    cache.putBlob('page', b, '<p>page b</p>');
    const pageA = path.join(dir, 'page', a.slice(0, 2), a);
    writeFileSync(pageA, '<p>page a</p><script>alert(1)</script>');
    expect(cache.getBlob('page', a)).toBeUndefined();
    // Page a with its own hash, copied to where b belongs: its hash is not b's.
    const pageB = path.join(dir, 'page', b.slice(0, 2), b);
    cache.putBlob('page', a, '<p>page a</p>');
    cpSync(pageA, pageB);
    cpSync(`${pageA}.sha256`, `${pageB}.sha256`);
    expect(cache.getBlob('page', b)).toBeUndefined();
    // A record whose value was changed, and one written without the hash (by hand, or an older tei-edition).
    const recordA = path.join(dir, 'render', a.slice(0, 2), `${a}.json`);
    const entry = JSON.parse(readFileSync(recordA, 'utf8')) as { sha: string; value: string };
    writeFileSync(recordA, JSON.stringify({ ...entry, value: entry.value.replace('"T"', '"X"') }));
    expect(cache.get('render', a)).toBeUndefined();
    writeFileSync(recordA, JSON.stringify({ title: 'T' }));
    expect(cache.get('render', a)).toBeUndefined();
    expect(cache.rejected).toEqual([`page/${a}`, `page/${b}`, `render/${a}`, `render/${a}`]);
  });

  it('refuses a key that is not a hash (no file outside the cache is named)', () => {
    expect(() => new BuildCache(dir).get('render', '../../../etc/passwd')).toThrow('not a cache key: "../../../etc/passwd"');
  });
});

describe('tei-edition build with a poisoned cache', () => {
  it('publishes the page made from the TEI, not the page found in the cache, and says so', () => {
    const dir = makeEdition(2);
    const cacheDir = path.join(dir, '.tei-edition-cache');
    expect(cli(dir, 'build').status).toBe(0);
    const html = path.join(dir, 'editions', 'html');
    const stem = readdirSync(html).filter((f) => f.startsWith('doc-') || f.startsWith('wilson-')).sort()[0]!;
    const good = readFileSync(path.join(html, stem), 'utf8');
    // Every page blob of the cache gets a script, and its hash is left as it was.
    const pagesDir = path.join(cacheDir, 'page');
    let poisoned = 0;
    for (const rel of readdirSync(pagesDir, { recursive: true }).map(String)) {
      const file = path.join(pagesDir, rel);
      if (/^[0-9a-f]{64}$/.test(path.basename(file))) {
        writeFileSync(file, readFileSync(file, 'utf8').replace('</body>', '<script>alert("cache")</script></body>'));
        poisoned++;
      }
    }
    expect(poisoned).toBe(2);
    // The edition deleted (a fresh CI checkout with the shared cache restored).
    rmSync(path.join(dir, 'editions'), { recursive: true, force: true });
    const r = cli(dir, 'build');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/2 cache entries were changed since they were written \(page\/[0-9a-f]{64}, page\/[0-9a-f]{64}\): not used, made again/);
    const page = readFileSync(path.join(html, stem), 'utf8');
    expect(page).not.toContain('alert("cache")');
    expect(page).toBe(good);
    // Made again: the cache holds the good page now.
    const again = cli(dir, 'build');
    expect(again.stdout + again.stderr).not.toContain('cache entr');
  }, 120_000);

  it('makes a page’s record again where the one kept is changed, though the build’s brief lists the page as made', () => {
    const dir = makeEdition(2);
    const cacheDir = path.join(dir, '.tei-edition-cache');
    expect(cli(dir, 'build').status).toBe(0);
    const html = path.join(dir, 'editions', 'html');
    const read = (rel: string) => readFileSync(path.join(html, rel), 'utf8');
    const searchFiles = readdirSync(path.join(html, 'search'), { recursive: true }).map(String).filter((f) => f.endsWith('.js')).sort();
    const good = new Map(searchFiles.map((f) => [f, read(path.join('search', f))]));
    const citations = readdirSync(path.join(html, 'cite')).sort();
    const goodCite = new Map(citations.map((f) => [f, read(path.join('cite', f))]));
    // Every record's title changed, its hash left as it was.
    const records = path.join(cacheDir, 'render');
    let changed = 0;
    for (const rel of readdirSync(records, { recursive: true }).map(String)) {
      const file = path.join(records, rel);
      if (!file.endsWith('.json')) continue;
      const entry = JSON.parse(readFileSync(file, 'utf8')) as { sha: string; value: string };
      const value = JSON.parse(entry.value) as { title: string };
      writeFileSync(file, JSON.stringify({ ...entry, value: JSON.stringify({ ...value, title: 'Poisoned' }) }));
      changed++;
    }
    expect(changed).toBe(2);
    // The edition deleted: every file of the search index and every citation is made again.
    rmSync(path.join(dir, 'editions'), { recursive: true, force: true });
    const r = cli(dir, 'build');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/2 cache entries were changed since they were written \(render\/[0-9a-f]{64}, render\/[0-9a-f]{64}\): not used, made again/);
    for (const f of searchFiles) expect(read(path.join('search', f)), f).toBe(good.get(f));
    for (const f of citations) expect(read(path.join('cite', f)), f).toBe(goodCite.get(f));
    expect(readdirSync(path.join(html, 'search'), { recursive: true }).map(String).filter((f) => f.endsWith('.js')).sort()).toEqual(searchFiles);
  }, 120_000);
});
