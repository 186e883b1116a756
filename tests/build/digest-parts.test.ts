/**
 * The web stage reads the digests for the edition's order keys and the citation files in parts
 * (html-stage.ts, DIGESTS_PER_TRANSFORMATION), so that no transformation holds every digest of
 * a large edition at once: the sample edition built with parts of two documents is the edition
 * built in one part, file for file and byte for byte.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBuildOptions } from '../../src/build/command.js';
import { buildEdition } from '../../src/build/pipeline.js';
import { cli, sampleEdition } from './helpers.js';

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) out.set(path.relative(dir, path.join(e.parentPath, e.name)), readFileSync(path.join(e.parentPath, e.name)));
  return out;
}

describe('build: digests read in parts', () => {
  it('makes the same web edition with the order keys and citation files made two documents at a time', async () => {
    const whole = sampleEdition(['html']);
    const r = cli(whole, 'build', '--html');
    expect(r.status, r.stderr).toBe(0);
    const parted = sampleEdition(['html']);
    const io = { stdout: () => {}, stderr: () => {} };
    const { options } = resolveBuildOptions({ config: path.join(parted, 'tei-edition.config.json'), html: true }, io);
    const documents = readdirSync(path.join(parted, 'source', 'tei')).filter((f) => f.endsWith('.xml')).length;
    expect(documents).toBeGreaterThan(2);
    const report = await buildEdition({ ...options, digestsPerTransformation: 2, emit: () => {} });
    expect(report.ok).toBe(true);
    const a = files(path.join(whole, 'editions', 'html'));
    const b = files(path.join(parted, 'editions', 'html'));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect([...a.keys()].filter((f) => f.startsWith('cite/')).length).toBeGreaterThan(documents * 3);
    for (const [rel, bytes] of a) expect(b.get(rel)?.equals(bytes), rel).toBe(true);
  }, 180_000);
});
