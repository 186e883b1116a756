import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repo } from '../helpers/run.js';

describe('the installed command', () => {
  it('runs as `npx tei-edition` after the build', () => {
    const r = spawnSync('npx', ['--no-install', 'tei-edition', '--version'], { cwd: repo, encoding: 'utf8' });
    expect(r.stderr).not.toContain('Permission denied');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
