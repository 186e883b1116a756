/**
 * The build's web stage splits the index pages past `web.indexPageBytes` (index-pages.ts): the
 * sample edition built with a low limit, then again with the default (the pages of one page each
 * as before, the split pages gone).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, sampleEdition } from './helpers.js';

describe('build: index pages split by year and letter past web.indexPageBytes', () => {
  it('writes the split pages, then removes them when the limit is back to the default', () => {
    const dir = sampleEdition(['html']);
    const configFile = path.join(dir, 'tei-edition.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(configFile, JSON.stringify({ ...config, web: { indexPageBytes: 4000 } }, null, 2));
    const html = path.join(dir, 'editions', 'html');
    const r = cli(dir, 'build');
    expect(r.status, r.stderr).toBe(0);
    const split = readdirSync(html).filter((f) => /^(documents|persons|places|orgs)-.+\.html$/.test(f));
    expect(split.filter((f) => f.startsWith('documents-')).length).toBeGreaterThan(1);
    expect(split.filter((f) => f.startsWith('persons-')).length).toBeGreaterThan(1);
    const index = readFileSync(path.join(html, 'index.html'), 'utf8');
    for (const [, href] of index.matchAll(/<ul class="doc-years">.*?<\/ul>/gs).next().value![0].matchAll(/href="([^"]+)"/g)) expect(existsSync(path.join(html, href!)), href).toBe(true);
    const persons = readFileSync(path.join(html, 'persons.html'), 'utf8');
    expect(persons).toContain('href="persons-A.html"');
    // Built again (from the cache): the same pages.
    const again = cli(dir, 'build');
    expect(again.status, again.stderr).toBe(0);
    expect(readdirSync(html).filter((f) => split.includes(f)).sort()).toEqual(split.slice().sort());
    // Back to the default: one page each, no split page left behind.
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    const whole = cli(dir, 'build');
    expect(whole.status, whole.stderr).toBe(0);
    expect(readdirSync(html).filter((f) => /^(documents|persons|places|orgs)-.+\.html$/.test(f))).toEqual([]);
    expect(readFileSync(path.join(html, 'index.html'), 'utf8')).toContain('<ol class="documents">');
  }, 180_000);

  it('refuses a limit that is not a whole number of 1000 bytes or more', () => {
    const dir = sampleEdition(['html']);
    const configFile = path.join(dir, 'tei-edition.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(configFile, JSON.stringify({ ...config, web: { indexPageBytes: 10 } }, null, 2));
    const r = cli(dir, 'build');
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('web.indexPageBytes');
  }, 60_000);
});
