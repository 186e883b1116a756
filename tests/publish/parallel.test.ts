import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildHtmlEdition } from '../../src/publish/html.js';
import { repo, sampleTei, corpus } from './helpers.js';

describe('build --html on worker threads (the built command, 70 documents)', () => {
  it('writes the same edition as the single-thread build', () => {
    const src = mkdtempSync(path.join(tmpdir(), 'tei-edition-par-src-'));
    const pool = [
      ...readdirSync(sampleTei).map((f) => path.join(sampleTei, f)),
      ...readdirSync(path.join(corpus, 'frus-sample')).filter((f) => f.endsWith('.ref.xml')).map((f) => path.join(corpus, 'frus-sample', f)),
    ];
    // Each copy its own document id (the build refuses two documents of one id).
    for (let i = 0; i < 70; i++) {
      const from = pool[i % pool.length]!;
      const xml = readFileSync(from, 'utf8').replace(/(<TEI\b[^>]*\sxml:id=")([^"]*)"/, `$1d${i}-$2"`);
      writeFileSync(path.join(src, `d${String(i).padStart(2, '0')}-${path.basename(from)}`), xml);
    }
    const persons = path.join(repo, 'source/persons.xml');
    const one = mkdtempSync(path.join(tmpdir(), 'tei-edition-par-one-'));
    buildHtmlEdition({ source: src, out: one, persons, title: 'Parallel', baseUrl: 'https://example.org/par/' });
    const many = mkdtempSync(path.join(tmpdir(), 'tei-edition-par-many-'));
    mkdirSync(many, { recursive: true });
    const r = spawnSync(process.execPath, [path.join(repo, 'dist/cli/bin.js'), 'build', '--html', '--no-validate', '--source', src, '--out', many, '--persons', persons, '--title', 'Parallel', '--base-url', 'https://example.org/par/'], { encoding: 'utf8', cwd: tmpdir() });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/70 documents, 75 pages/);
    const files = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();
    expect(files(many)).toEqual(files(one));
    for (const f of files(one).filter((f) => /\.(html|js|xml|json|bib|ris)$/.test(f))) expect(readFileSync(path.join(many, f), 'utf8'), f).toBe(readFileSync(path.join(one, f), 'utf8'));
  });
});
