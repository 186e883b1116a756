/**
 * An output folder that is a symbolic link (editions/html → a folder the web server serves) is
 * followed: the folder it points to is the one replaced, the link stays, and every build
 * updates the deployed copy. A link to nothing is an error that says so.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, makeEdition } from './helpers.js';

describe('an output folder that is a symbolic link', () => {
  it('is followed, never replaced: the deployed folder gets each build', () => {
    const dir = makeEdition(2);
    const deployed = path.join(dir, 'deploy', 'edition');
    mkdirSync(deployed, { recursive: true });
    writeFileSync(path.join(deployed, 'stale.html'), 'from before');
    mkdirSync(path.join(dir, 'editions'));
    const link = path.join(dir, 'editions', 'html');
    symlinkSync(path.join('..', 'deploy', 'edition'), link);
    const r = cli(dir, 'build');
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(realpathSync(link)).toBe(realpathSync(deployed));
    const pages = readdirSync(deployed).filter((f) => f.endsWith('.html')).sort();
    expect(pages).toContain('index.html');
    expect(pages).not.toContain('stale.html');
    // Nothing left beside the deployed folder or the link.
    expect(readdirSync(path.dirname(deployed))).toEqual(['edition']);
    expect(readdirSync(path.join(dir, 'editions'))).toEqual(['html']);
    // An edit reaches the deployed folder.
    const tei = path.join(dir, 'source', 'tei');
    const file = readdirSync(tei).find((f) => f.endsWith('.xml') && f !== 'persons.xml')!;
    writeFileSync(path.join(tei, file), readFileSync(path.join(tei, file), 'utf8').replace(/(<title type="main">)/, '$1Revised: '));
    expect(cli(dir, 'build').status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(deployed, file.replace(/\.xml$/, '.html')), 'utf8')).toContain('Revised: ');
  }, 120_000);

  it('to nothing: refused with a message, no folder made in its place', () => {
    const dir = makeEdition(1);
    mkdirSync(path.join(dir, 'editions'));
    const link = path.join(dir, 'editions', 'html');
    symlinkSync(path.join(dir, 'nowhere'), link);
    const r = cli(dir, 'build');
    expect(r.status).not.toBe(0);
    expect(r.stderr + r.stdout).toContain(`${link} is a symbolic link to ${path.join(dir, 'nowhere')}, which does not exist: create that folder, or remove the link`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(dir, 'nowhere'))).toBe(false);
  }, 120_000);
});
