import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repo, run, corpus, referenceScorer, teiAll, tempDir } from '../helpers/run.js';

const frus = path.join(corpus, 'frus-sample');

interface Score {
  macro: Record<string, number | null>;
  micro: Record<string, number>;
  documents: { id: string; valid: boolean }[];
}

describe('import of the FRUS sample, scored by the reference scorer', () => {
  let score: Score;
  let out: string;
  beforeAll(async () => {
    out = tempDir();
    const r = await run('import', frus, '--out', out, '--names', 'input');
    expect(r.code, r.stderr).toBe(0);
    const json = execFileSync(process.execPath, [referenceScorer, frus, out, '--json'], { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 });
    score = JSON.parse(json) as Score;
  });

  it('writes one TEI file per transcript', () => {
    const inputs = readdirSync(frus).filter((f) => f.endsWith('.txt'));
    expect(readdirSync(out).filter((f) => f.endsWith('.xml')).sort()).toEqual(inputs.map((f) => f.replace(/\.txt$/, '.xml')).sort());
  });

  it('writes TEI that is valid against tei_all (jing)', () => {
    const files = readdirSync(out).map((f) => path.join(out, f));
    const r = spawnSync('jing', [teiAll, ...files], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.stdout.split('\n').filter((l) => l.includes('error'))).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('clears the bars of issue 2', () => {
    const m = score.macro;
    expect(m.valid).toBe(1);
    expect(m.conservation).toBeGreaterThanOrEqual(0.9995);
    expect(m.turnF1).toBeGreaterThanOrEqual(0.95);
    expect(m.attribution).toBeGreaterThanOrEqual(0.95);
    expect(m.noteAnchor).toBeGreaterThanOrEqual(0.98);
    expect(m.bracketAcc).toBeGreaterThanOrEqual(0.9);
    expect(score.micro.turnF1).toBeGreaterThanOrEqual(0.95);
  });
});
