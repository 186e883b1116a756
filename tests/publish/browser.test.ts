/**
 * The web edition in a real browser: Debian's chromium (apt-get install chromium; .ci/run
 * installs it) driven by playwright-core, against the sample edition served from localhost.
 */
import { createReadStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInto, sampleTei } from './helpers.js';

const executablePath = '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.xml': 'application/xml' };

const publishedAt = 'https://example.org/published/';
let server: Server;
let base = '';
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

async function open(url: string, js = true): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'tei-edition-chromium-')), {
    executablePath, args, headless: true, javaScriptEnabled: js, viewport: { width: 1100, height: 900 },
  });
  const p = ctx.pages()[0] ?? (await ctx.newPage());
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(base + url);
  return { ctx, page: p };
}

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: apt-get install -y chromium (see .ci/run)`);
  // A base URL of its own (not the server's): the citations must give it, not the address read from.
  const { out } = buildInto(sampleTei, undefined, { baseUrl: publishedAt, cite: { editors: ['Müller, Anna'], publisher: 'Example Press' } });
  server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(out, rel);
    if (!file.startsWith(out) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  ({ ctx: context, page } = await open('wilson-208236.html'));
});

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const bracketShown = (p: Page) => p.locator('.supplied > .br').first().evaluate((el) => getComputedStyle(el).display !== 'none');

describe('the web edition in chromium', () => {
  it('switches between the diplomatic and the reading view and remembers it across pages', async () => {
    await page.goto(base + 'wilson-208236.html');
    await expect.poll(() => page.locator('.view-switch').isVisible()).toBe(true);
    expect(await bracketShown(page)).toBe(true);
    expect(await page.locator('.sic-mark').first().innerText()).toBe('[sic]');
    await page.getByLabel('Reading').check();
    expect(await page.evaluate(() => document.body.className)).toContain('view-reading');
    expect(await bracketShown(page)).toBe(false);
    await page.goto(base + 'doc-1981-07-11-mielke-andropov.html');
    expect(await page.getByLabel('Reading').isChecked()).toBe(true);
    expect(await bracketShown(page)).toBe(false);
    // Back to diplomatic with the keyboard.
    await page.getByLabel('Reading').focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByLabel('Diplomatic').isChecked()).toBe(true);
    expect(await bracketShown(page)).toBe(true);
  });

  it('opens a note pop-up with the keyboard, closes it with Escape and returns to the marker', async () => {
    await page.goto(base + 'doc-1981-07-11-mielke-andropov.html');
    const marker = page.locator('a.noteref').first();
    const id = (await marker.getAttribute('href'))!.slice(1);
    await marker.focus();
    await page.keyboard.press('Enter');
    const popup = page.getByRole('dialog');
    await expect.poll(() => popup.isVisible()).toBe(true);
    const noteText = await page.locator(`li[id="${id}"] .note-body`).innerText();
    expect(await popup.innerText()).toContain(noteText.trim());
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('note-popup');
    expect(new URL(page.url()).hash).toBe('');
    await page.keyboard.press('Escape');
    expect(await popup.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('noteref');
  });

  it('follows a note back to its marker', async () => {
    await page.goto(base + 'doc-1981-07-11-mielke-andropov.html');
    const back = page.locator('.footnotes a.backref').first();
    const target = (await back.getAttribute('href'))!;
    await back.click();
    expect(new URL(page.url()).hash).toBe(target);
    expect(await page.locator(':target').getAttribute('class')).toBe('noteref');
    expect(await page.locator(':target').isVisible()).toBe(true);
  });

  it('follows a speaker to the persons index', async () => {
    await page.goto(base + 'wilson-208236.html');
    await page.locator('.sp .speaker a').first().click();
    await page.waitForURL(/persons\.html#per-mielke$/);
    expect(await page.locator(':target h3').innerText()).toBe('Mielke');
  });

  it('searches a phrase of seed 001 offline and lands on its paragraph', async () => {
    await page.goto(base + 'index.html');
    await page.getByRole('link', { name: 'Search' }).click();
    // A quoted phrase (words adjacent); results ranked by BM25, each linked to its best paragraph.
    await page.getByLabel('Words or a phrase').fill('"Kim Il Sung stated"');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#search-results li').count()).toBeGreaterThan(0);
    expect(await page.locator('#search-status').innerText()).toMatch(/found for/);
    const hrefs = await page.locator('#search-results li a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.some((h) => h.startsWith('doc-1968-04-23-hager-kim-il-sung.html#'))).toBe(true);
    const first = page.locator('#search-results li a').first();
    const href = (await first.getAttribute('href'))!;
    await first.click();
    await page.waitForURL((u) => u.href.endsWith(href));
    expect(await page.locator(':target').innerText()).toContain('Kim Il Sung stated');
  });

  it('Cite this: the published address, the access date of today, a paragraph\'s address from its ¶ link', async () => {
    await page.goto(base + 'wilson-208236.html');
    await page.getByText('Cite this').click();
    const chicago = await page.locator('.citation.chicago').innerText();
    expect(chicago).toContain(`${publishedAt}wilson-208236.html`);
    expect(chicago).not.toContain(base);
    const today = await page.evaluate(() => { const d = new Date(); return ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][d.getMonth()] + ' ' + d.getDate() + ', ' + d.getFullYear(); });
    expect(chicago).toContain(`(accessed ${today}).`);
    expect(await page.locator('.citation.mla').innerText()).toMatch(/Accessed \d{1,2} [A-Z][a-z]+\.? \d{4}\.$/);
    expect(await page.locator('.cite-para').isVisible()).toBe(false);
    const link = page.locator('article a.permalink').nth(2);
    const href = (await link.getAttribute('href'))!;
    await link.click();
    await expect.poll(() => page.locator('.cite-para').isVisible()).toBe(true);
    expect(await page.locator('.cite-para-url').innerText()).toBe(`${publishedAt}wilson-208236.html${href}`);
    // Opened at a paragraph's address: shown at once.
    await page.goto(base + 'index.html');
    await page.goto(base + 'wilson-208236.html' + href);
    await page.getByText('Cite this').click();
    expect(await page.locator('.cite-para-url').innerText()).toBe(`${publishedAt}wilson-208236.html${href}`);
  });

  it('Cite this without JavaScript: "[date]" for the reader to fill in', async () => {
    const { ctx, page: p } = await open('wilson-208236.html', false);
    try {
      await p.getByText('Cite this').click();
      expect(await p.locator('.citation.chicago').innerText()).toContain('(accessed [date]).');
    } finally {
      await ctx.close();
    }
  });

  it('filters the index of documents by person and year', async () => {
    await page.goto(base + 'index.html');
    expect(await page.locator('.doc-entry:visible').count()).toBe(4);
    await page.getByLabel('Year').selectOption('1981');
    expect(await page.locator('.doc-entry:visible').count()).toBe(1);
    await page.getByLabel('Year').selectOption('');
    await page.getByLabel('Person').selectOption('per-kim-il-sung');
    expect(await page.locator('.doc-entry:visible').count()).toBe(2);
  });

  it('reads without JavaScript: diplomatic view, no switch, notes are plain links', async () => {
    const { ctx, page: p } = await open('doc-1981-07-11-mielke-andropov.html', false);
    try {
      expect(await p.locator('.view-switch').isVisible()).toBe(false);
      expect(await bracketShown(p)).toBe(true);
      const marker = p.locator('a.noteref').first();
      const href = (await marker.getAttribute('href'))!;
      await marker.click();
      expect(new URL(p.url()).hash).toBe(href);
      expect(await p.locator(':target .note-body').isVisible()).toBe(true);
    } finally {
      await ctx.close();
    }
  });

  it('axe-core finds no WCAG 2.2 A/AA violation (index, document in both views with a note open, persons, search)', async () => {
    const axe = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    const audit = async () => {
      await page.addScriptTag({ path: axe });
      const violations = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run(d: Document, o: unknown): Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> } }).axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 100)).join(' | ')}`);
      });
      return violations;
    };
    for (const url of ['index.html', 'persons.html', 'search.html?q=Mielke', 'introduction-cooperation-east-german-ministry-state-security.html']) {
      await page.goto(base + url);
      expect(await audit(), url).toEqual([]);
    }
    await page.goto(base + 'wilson-208236.html');
    await page.getByLabel('Diplomatic').check();
    expect(await audit(), 'diplomatic').toEqual([]);
    await page.getByLabel('Reading').check();
    await page.locator('a.noteref').first().click();
    expect(await audit(), 'reading, note open').toEqual([]);
  });

  it('raised no script error', () => {
    expect(errors).toEqual([]);
  });
});
