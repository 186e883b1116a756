/**
 * Links that look relative but lead to another site (`//host`, backslash forms, which
 * browsers read as `//`) lose the link in both editions; note ids with any character (a `%`
 * that is or is not a percent escape, a quote, a hash) open their pop-up in Debian's chromium.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildHtmlEdition, parseTei } from '../../src/publish/html.js';
import { transformToPrintHtml } from '../../src/publish/print.js';

const repo = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(repo, 'tests/fixtures/hostile/links.xml');

function edition(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-links-'));
  mkdirSync(path.join(dir, 'tei'));
  copyFileSync(fixture, path.join(dir, 'tei', 'links.xml'));
  buildHtmlEdition({ source: path.join(dir, 'tei'), out: path.join(dir, 'html') });
  return path.join(dir, 'html');
}

describe('links to another site that look relative', () => {
  it('lose the link, keep the text (web and print editions); relative, fragment and https links stay', () => {
    const html = readFileSync(path.join(edition(), 'links.html'), 'utf8');
    const para = (id: string) => /<p id="([^"]*)"[^>]*>(.*?)<\/p>/gs.exec(html.slice(html.indexOf(`<p id="${id}"`)))![2]!.replace(/ ?<a class="permalink"[^>]*>¶<\/a>$/, '');
    const p1 = para('links-p1');
    expect(p1).toBe('<span class="ref">scheme-relative</span> <span class="ref">slash backslash</span> <span class="ref">two backslashes</span> <span class="ref">backslash slash</span> <span class="ref">spaced</span> <span class="ref"></span>');
    const p2 = para('links-p2');
    expect(p2).toBe('<a href="other.html#x">relative page</a> <a href="/about.html">root-relative</a> <a href="#links-p1">fragment</a> <a href="https://example.org/">absolute</a>');
    const print = transformToPrintHtml({ documents: [{ stem: 'links', doc: parseTei(readFileSync(fixture, 'utf8')) }], single: {} });
    expect(print).not.toContain('evil.example/a"');
    expect([...print.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://example.org/']);
  });
});

describe('note ids with any character', () => {
  it('open their pop-up, with no script error', async () => {
    const out = edition();
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const errors: string[] = [];
    try {
      const page = await browser.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(path.join(out, 'links.html')).href);
      const refs = page.locator('a.noteref');
      expect(await refs.count()).toBe(4);
      const texts: string[] = [];
      for (let i = 0; i < 4; i++) {
        await refs.nth(i).click();
        texts.push(await page.locator('.note-popup .note-text').innerText());
        await page.keyboard.press('Escape');
      }
      expect(texts.map((t) => t.trim())).toEqual(['The first note.', 'The second note.', 'The third note.', 'The fourth note.']);
    } finally {
      await browser.close();
    }
    expect(errors).toEqual([]);
  }, 60_000);
});
