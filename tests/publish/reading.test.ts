/**
 * The web edition read as a person reads it (issue 21), in Debian's chromium driven by
 * playwright-core: the edition's home page from its settings, the document page's order (the
 * metadata behind a disclosure, participants once), permanent links shown on hover and focus
 * only, the note's number in its pop-up, previous/next, a keyboard-only reading of a note;
 * axe-core on every page kind in both views; screenshots of every page kind at desktop
 * (1280 × 900) and phone (390 × 844) widths in tests/output/web/ (looked at, not compared).
 */
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHtmlEdition, parseTei } from '../../src/publish/html.js';
import { orderForPrint } from '../../src/publish/print.js';
import { corpus, repo, sampleTei } from './helpers.js';

const executablePath = '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.xml': 'application/xml', '.ttf': 'font/ttf' };
const shots = path.join(repo, 'tests', 'output', 'web');
const settings = {
  title: 'Stasi and KGB: a sample edition',
  editors: ['Ada Editor', 'Ben Reviser'],
  publisher: 'tei-edition press',
  licence: 'Texts CC BY 4.0; the documents as their archives allow.',
  description: ['Memoranda of conversations between the East German Ministry for State Security and its allies.', 'Each document is edited from its TEI; the print volume numbers them alike.'],
  year: '2026',
};

let server: Server;
let browser: Browser;
let base = '';
let foreignBase = '';
const errors: string[] = [];

function serve(out: string): string {
  return `/${path.basename(out)}/`;
}

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: apt-get install -y chromium (see .ci/run)`);
  const out = mkdtempSync(path.join(tmpdir(), 'tei-edition-reading-'));
  buildHtmlEdition({ source: sampleTei, out, ...settings });
  const foreign = mkdtempSync(path.join(tmpdir(), 'tei-edition-reading-foreign-'));
  buildHtmlEdition({ source: path.join(corpus, 'foreign-sample'), out: foreign });
  const roots = new Map([[path.basename(out), out], [path.basename(foreign), foreign]]);
  server = createServer((req, res) => {
    const [, top = '', ...rest] = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).split('/');
    const root = roots.get(top);
    const file = root ? path.join(root, rest.join('/') || 'index.html') : '';
    if (!root || !file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = origin + serve(out);
  foreignBase = origin + serve(foreign);
  browser = await chromium.launch({ executablePath, args, headless: true });
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function newPage(width = 1280, height = 900, js = true): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: js });
  const p = await ctx.newPage();
  p.on('pageerror', (e) => errors.push(e.message));
  return p;
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
async function audit(p: Page): Promise<string[]> {
  await p.addScriptTag({ path: axePath });
  return p.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(d: Document, o: unknown): Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`);
  });
}

const doc = 'wilson-208236.html';

describe('the web edition as a reader meets it', () => {
  it('home page: title, editors, description, how to cite and licence from the configuration; documents numbered as in print', async () => {
    const p = await newPage();
    await p.goto(base + 'index.html');
    expect(await p.locator('main h1').innerText()).toBe(settings.title);
    expect(await p.locator('.edition-editors').innerText()).toBe('Edited by Ada Editor and Ben Reviser');
    expect(await p.locator('.edition-description').allInnerTexts()).toEqual(settings.description);
    const cite = await p.locator('.edition-citation').innerText();
    expect(cite).toBe(`Ada Editor and Ben Reviser, eds. ${settings.title}, tei-edition press, 2026.`);
    expect(await p.locator('.edition-licence p').innerText()).toBe(settings.licence);
    expect(await p.locator('.doc-entry .doc-no').allInnerTexts()).toEqual(['Document 1', 'Document 2', 'Document 3', 'Document 4']);
    // The same order as the print volume's (print.xsl "order", te:order-key in common.xsl).
    const hrefs = await p.locator('.doc-entry h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const sources = readdirSync(sampleTei).filter((f) => f.endsWith('.xml') && f !== 'persons.xml').map((f) => ({ stem: f.replace(/\.xml$/, ''), doc: parseTei(readFileSync(path.join(sampleTei, f), 'utf8')) }));
    const printed = orderForPrint(sources as Parameters<typeof orderForPrint>[0]).map((d) => `${d.stem}.html`).filter((h) => !h.startsWith('introduction'));
    expect(hrefs).toEqual(printed);
    expect(hrefs[3]).toBe(doc);
    await p.context().close();
  });

  it('document page: title, date, a source line, then the full metadata and rights behind a closed disclosure, then the text', async () => {
    const p = await newPage();
    await p.goto(base + doc);
    const order = await p.evaluate(() => [...document.querySelectorAll('.doc-header > *, article > section')].map((e) => e.className || e.tagName.toLowerCase()));
    expect(order.slice(0, 5)).toEqual(['doc-number', 'h1', 'doc-when', 'source-line', 'doc-meta']);
    expect(order.indexOf('doc-meta')).toBeLessThan(order.indexOf('body'));
    expect(await p.locator('.source-line').innerText()).toBe('BStU, MfS, Abt. X, Nr. 245, p. 290-302. Translated by Thomas Stock');
    const details = p.locator('details.doc-meta');
    expect(await details.getAttribute('open')).toBeNull();
    const rights = p.locator('details.doc-meta dd.rights').first();
    expect(await rights.isVisible()).toBe(false);
    await details.locator('summary').click();
    expect(await rights.isVisible()).toBe(true);
    expect(await rights.innerText()).toContain('welcomes reuse');
    await p.context().close();
  });

  it('participants once: the text’s own list (linked to the register) where it has one, else the header’s', async () => {
    const p = await newPage();
    await p.goto(base + doc);
    expect(await p.locator('.participants-meta').count()).toBe(0);
    expect(await p.locator('.div-participants a.persName').count()).toBeGreaterThan(3);
    expect(await p.locator('.div-participants a.persName').first().getAttribute('href')).toMatch(/^persons\.html#/);
    await p.goto(base + 'doc-1968-04-23-hager-kim-il-sung.html');
    expect(await p.locator('.div-participants').count()).toBe(0);
    expect(await p.locator('.participants-meta li a').allInnerTexts()).toEqual(['Kurt Hager', 'Kim Il Sung']);
    await p.context().close();
  });

  it('no ¶ is visible until its paragraph is hovered or it has the focus; each is named and never on a line of its own', async () => {
    for (const [w, h] of [[1280, 900], [390, 844]] as const) {
      const p = await newPage(w, h);
      await p.goto(base + doc);
      const links = p.locator('.body a.permalink');
      expect(await links.count()).toBeGreaterThan(50);
      const opacities = await links.evaluateAll((as) => as.map((a) => getComputedStyle(a).opacity));
      expect(new Set(opacities)).toEqual(new Set(['0']));
      expect(await links.nth(2).getAttribute('aria-label')).toMatch(/^Permanent link to paragraph \d+$/);
      // On the same line as the paragraph's last word, at both widths.
      const alone = await links.evaluateAll((as) =>
        as.filter((a) => {
          const range = document.createRange();
          const before = a.previousSibling;
          if (!before) return false;
          range.selectNodeContents(before);
          const rects = range.getClientRects();
          const last = rects[rects.length - 1];
          const mine = a.getClientRects()[0];
          return !last || !mine || Math.abs(last.bottom - mine.bottom) > 8;
        }).map((a) => a.getAttribute('href')),
      );
      expect(alone, `${w}px`).toEqual([]);
      const para = p.locator('.body p.p').nth(3);
      await para.hover();
      expect(await para.locator('a.permalink').evaluate((a) => getComputedStyle(a).opacity)).toBe('1');
      await p.mouse.move(0, 0);
      await p.locator('.body a.permalink').nth(5).focus();
      await expect.poll(() => p.locator('.body a.permalink').nth(5).evaluate((a) => getComputedStyle(a).opacity)).toBe('1');
      await p.context().close();
    }
  });

  it('a note’s pop-up shows its number; the list of notes has the number and a back link apart from the ¶', async () => {
    const p = await newPage();
    await p.goto(base + 'doc-1981-07-11-mielke-andropov.html');
    const ref = p.locator('a.noteref').nth(1);
    const n = (await ref.innerText()).trim();
    await ref.click();
    expect(await p.locator('.note-popup .note-popup-n').innerText()).toBe(`Note ${n}`);
    const li = p.locator('.footnotes li').nth(1);
    expect(await li.locator('.note-n').innerText()).toBe(`${n}.`);
    expect(await li.locator('a.backref').getAttribute('aria-label')).toBe(`Back to the text at note ${n}`);
    expect(await li.locator('a.backref').innerText()).toBe('↩');
    await p.context().close();
  });

  it('previous and next document in the edition’s order, breadcrumbs to the edition', async () => {
    const p = await newPage();
    await p.goto(base + 'index.html');
    const order = await p.locator('.doc-entry h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    const intro = await p.locator('.intro-link a').getAttribute('href');
    const all = [intro!, ...order];
    for (let i = 0; i < all.length; i++) {
      await p.goto(base + all[i]);
      const rel = (r: string) => p.locator(`a[rel="${r}"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(await rel('prev'), all[i]).toEqual(i > 0 ? [all[i - 1]] : []);
      expect(await rel('next'), all[i]).toEqual(i < all.length - 1 ? [all[i + 1]] : []);
      expect(await p.locator('head link[rel="next"]').count()).toBe(i < all.length - 1 ? 1 : 0);
      expect(await p.locator('nav.breadcrumbs a').allInnerTexts()).toEqual(['Edition', 'Documents']);
    }
    await p.goto(base + order[0]!);
    await p.locator('a[rel="next"]').click();
    expect(p.url()).toBe(base + order[1]);
    expect(await p.locator('.doc-number').innerText()).toBe(`Document 2 of ${order.length}`);
    await p.context().close();
  }, 60_000);

  it('reads a note with the keyboard only: Tab to the marker, Enter opens it with the focus, the list’s back link returns', async () => {
    const p = await newPage();
    await p.goto(base + 'doc-1981-07-11-mielke-andropov.html');
    let tabs = 0;
    while (!(await p.evaluate(() => document.activeElement?.classList.contains('noteref'))) && tabs++ < 600) await p.keyboard.press('Tab');
    const id = await p.evaluate(() => document.activeElement!.getAttribute('href')!.slice(1));
    await p.keyboard.press('Enter');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('note-popup');
    expect(await p.locator('#note-popup .note-popup-n').innerText()).toMatch(/^Note \d+$/);
    // To the note in the list, and back to the text.
    while (!(await p.evaluate(() => document.activeElement?.classList.contains('to-note'))) && tabs++ < 700) await p.keyboard.press('Tab');
    await p.keyboard.press('Enter');
    // (Following a link changes the address a moment later on a loaded machine.)
    await p.waitForFunction((h) => location.hash === h, `#${id}`, { timeout: 5000 }).catch(() => undefined);
    expect(new URL(p.url()).hash).toBe(`#${id}`);
    while (!(await p.evaluate(() => document.activeElement?.classList.contains('backref'))) && tabs++ < 800) await p.keyboard.press('Tab');
    expect(await p.evaluate(() => document.activeElement!.closest('li')!.id)).toBe(id);
    await p.keyboard.press('Enter');
    await p.waitForFunction((h) => location.hash === h, `#${id}-ref`, { timeout: 5000 }).catch(() => undefined);
    expect(new URL(p.url()).hash).toBe(`#${id}-ref`);
    expect(tabs).toBeLessThan(800);
    await p.context().close();
  }, 60_000);

  it('axe-core: no WCAG 2.2 A/AA violation on any page kind, in both views, the disclosure open, a note open', async () => {
    const p = await newPage();
    for (const url of ['index.html', 'persons.html', 'search.html?q=Mielke', 'introduction-cooperation-east-german-ministry-state-security.html']) {
      await p.goto(base + url);
      expect(await audit(p), url).toEqual([]);
    }
    for (const view of ['Diplomatic', 'Reading']) {
      await p.goto(base + doc);
      await p.getByLabel(view).check();
      await p.locator('details.doc-meta summary').click();
      await p.locator('a.noteref').first().click();
      expect(await audit(p), view).toEqual([]);
    }
    for (const url of ['kleist-der-zerbrochene-krug.html', 'L00500.html', 'ISic000052.html', 'index.html']) {
      await p.goto(foreignBase + url);
      expect(await audit(p), `foreign ${url}`).toEqual([]);
    }
    await p.context().close();
  }, 120_000);

  it('screenshots of every page kind at desktop and phone widths (tests/output/web/)', async () => {
    const pages: [string, string, string?][] = [
      ['home', base + 'index.html'],
      ['document-diplomatic', base + doc],
      ['document-reading', base + doc, 'reading'],
      ['introduction', base + 'introduction-cooperation-east-german-ministry-state-security.html'],
      ['persons', base + 'persons.html'],
      ['search', base + 'search.html?q=Mielke'],
      ['foreign-play', foreignBase + 'kleist-der-zerbrochene-krug.html'],
      ['foreign-letter', foreignBase + 'L00500.html'],
      ['foreign-inscription', foreignBase + 'ISic000052.html'],
    ];
    for (const [w, h, tag] of [[1280, 900, 'desktop'], [390, 844, 'phone']] as const) {
      const p = await newPage(w, h);
      for (const [name, url, view] of pages) {
        await p.goto(url);
        if (view) await p.getByLabel('Reading').check();
        await p.evaluate(() => document.fonts.ready);
        const file = path.join(shots, `${name}-${tag}.png`);
        await p.screenshot({ path: file });
        expect(readFileSync(file).length).toBeGreaterThan(5000);
        // Nothing wider than the screen (no sideways scrolling).
        expect(await p.evaluate(() => document.documentElement.scrollWidth), `${name} ${tag}`).toBeLessThanOrEqual(w);
      }
      await p.context().close();
    }
  }, 120_000);

  it('reads in Charis SIL at a measure of 60–75 characters', async () => {
    const p = await newPage();
    await p.goto(base + doc);
    await p.evaluate(() => document.fonts.ready);
    expect(await p.evaluate(() => document.fonts.check('16px "Charis SIL Edition"'))).toBe(true);
    // Characters per line of the longest paragraphs outside the dialogue's margin.
    const perLine = await p.evaluate(() => {
      const ps = [...document.querySelectorAll('.body p.p')].filter((e) => (e.textContent ?? '').length > 400);
      return ps.map((e) => {
        const lines = Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight));
        return (e.textContent ?? '').length / lines;
      });
    });
    expect(perLine.length).toBeGreaterThan(0);
    for (const n of perLine) {
      expect(n).toBeGreaterThan(55);
      expect(n).toBeLessThan(78);
    }
    await p.context().close();
  });

  it('raised no script error', () => {
    expect(errors).toEqual([]);
  });
});
