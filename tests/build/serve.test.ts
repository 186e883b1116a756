/**
 * `tei-edition serve` in Debian's chromium: the page served carries the reload script (the
 * file built does not), and an edit to the TEI rebuilds the edition and reloads the open page.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { cliAsync, repo } from './helpers.js';

const executablePath = '/usr/bin/chromium';
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const children: ReturnType<typeof cliAsync>[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
});

/** Start `tei-edition serve` on the sample edition; its URL once it listens. */
async function startServe(title: string): Promise<{ dir: string; url: string; child: ReturnType<typeof cliAsync> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-serve-'));
  cpSync(path.join(repo, 'source', 'tei'), path.join(dir, 'source', 'tei'), { recursive: true });
  cpSync(path.join(repo, 'source', 'persons.xml'), path.join(dir, 'source', 'persons.xml'));
  writeFileSync(path.join(dir, 'tei-edition.config.json'), JSON.stringify({ title, outputs: ['html'] }));
  const child = cliAsync(dir, 'serve', '--port', '0');
  children.push(child);
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/\S+\/)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
  return { dir, url, child };
}

/** A GET with the Host header given (fetch does not let one set it). */
function get(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('tei-edition serve against other sites', () => {
  it('answers only requests addressed to localhost (DNS rebinding), and follows no link out of the edition', async () => {
    const { dir, url, child } = await startServe('Served edition');
    try {
      const port = new URL(url).port;
      const page = `${url}wilson-208236.html`;
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `edition.localhost:${port}`, 'LOCALHOST']) {
        expect((await get(page, host)).status, host).toBe(200);
      }
      for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, 'localhost.evil.example']) {
        const r = await get(page, host);
        expect(r.status, host).toBe(421);
        expect(r.body).toBe('tei-edition serve answers only requests to localhost (the Host header names another host)\n');
        expect((await get(`${url}__tei-edition/events`, host)).status, host).toBe(421);
      }
      // A link inside the edition's folder to a file outside it.
      symlinkSync('/etc/passwd', path.join(dir, 'editions', 'html', 'leak.html'));
      expect((await get(`${url}leak.html`, `localhost:${port}`)).status).toBe(403);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('tei-edition serve', () => {
  it('serves the web edition and reloads the open page when a TEI file changes', async () => {
    if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: apt-get install -y chromium (see .ci/run)`);
    const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-serve-'));
    cpSync(path.join(repo, 'source', 'tei'), path.join(dir, 'source', 'tei'), { recursive: true });
    cpSync(path.join(repo, 'source', 'persons.xml'), path.join(dir, 'source', 'persons.xml'));
    writeFileSync(path.join(dir, 'tei-edition.config.json'), JSON.stringify({ title: 'Served edition', outputs: ['html'] }));
    const child = cliAsync(dir, 'serve', '--port', '0');
    children.push(child);
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /at (http:\/\/\S+\/)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
    });
    const stem = 'wilson-208236';
    const built = readFileSync(path.join(dir, 'editions', 'html', `${stem}.html`), 'utf8');
    expect(built).not.toContain('EventSource');
    const served = await (await fetch(`${url}${stem}.html`)).text();
    expect(served).toContain('EventSource');
    expect(served.replace(/<script>\(function \(\) \{ var s = new EventSource.*?<\/script>/, '')).toBe(built);
    expect((await fetch(`${url}../../etc/passwd`)).status).not.toBe(200);

    const ctx = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'tei-edition-chromium-')), { executablePath, args, headless: true });
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      await page.goto(`${url}${stem}.html`);
      const title = await page.locator('h1').first().innerText();
      expect(title.length).toBeGreaterThan(0);
      // Give the page time to open its event stream, then edit the TEI.
      await page.waitForTimeout(300);
      const file = path.join(dir, 'source', 'tei', `${stem}.xml`);
      const xml = readFileSync(file, 'utf8');
      const edited = xml.replace(/(<title type="main">)/, '$1Revised: ');
      expect(edited).not.toBe(xml);
      const reloaded = page.waitForEvent('load', { timeout: 60_000 });
      writeFileSync(file, edited);
      await reloaded;
      await expect.poll(() => page.locator('h1').first().innerText(), { timeout: 30_000 }).toContain('Revised: ');
      expect(readFileSync(path.join(dir, 'editions', 'html', `${stem}.html`), 'utf8')).not.toContain('EventSource');
    } finally {
      await ctx.close();
      child.kill('SIGTERM');
    }
  });
});
