/** An edition in a temporary folder, for the build tests: transcripts made from the sample and the FRUS corpus. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repo = path.resolve(import.meta.dirname, '../..');
import { corpus, referenceScorer, teiAll } from '../helpers/corpus.js';
export { corpus, referenceScorer, teiAll };
export const bin = path.join(repo, 'dist/cli/bin.js');

/** Transcript texts to make documents from: the sample edition's and the FRUS sample's. */
function sources(): string[] {
  const frus = path.join(corpus, 'frus-sample');
  return [
    ...readdirSync(path.join(repo, 'source', 'transcripts')).sort().map((f) => path.join(repo, 'source', 'transcripts', f)),
    ...readdirSync(frus).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(frus, f)),
  ].map((f) => readFileSync(f, 'utf8'));
}

/** The i-th transcript: a source text with its own record id and year, so that every document is its own. */
export function transcript(i: number): string {
  const all = sources();
  return all[i % all.length]!.replace(/^(Record ID\s*\n\s*\n?)(\S+)/m, `$1t${i}`).replace(/\b(19\d\d)\b/, (y) => String(Number(y) - (Math.floor(i / all.length) % 7)));
}

/** A folder with tei-edition.config.json and `count` transcripts (web edition only). */
export function makeEdition(count: number, config: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-build-'));
  mkdirSync(path.join(dir, 'source', 'transcripts'), { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(path.join(dir, 'source', 'transcripts', `t${String(i).padStart(3, '0')}.txt`), transcript(i));
  writeFileSync(path.join(dir, 'tei-edition.config.json'), JSON.stringify({ title: 'Test edition', outputs: ['html'], ...config }, null, 2));
  return dir;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI in a folder. */
export function cli(cwd: string, ...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function cliAsync(cwd: string, ...args: string[]): ChildProcess {
  return spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Every file under a folder: relative path → size, mtime, inode and content. */
export function snapshot(dir: string): Map<string, { ino: number; mtimeMs: number; content: string }> {
  const out = new Map<string, { ino: number; mtimeMs: number; content: string }>();
  for (const rel of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const file = path.join(dir, rel);
    const st = statSync(file);
    if (st.isFile()) out.set(rel, { ino: st.ino, mtimeMs: st.mtimeMs, content: readFileSync(file, 'latin1') });
  }
  return out;
}

/** The files that differ between two snapshots (content, inode or time), added or removed. */
export function changed(a: ReturnType<typeof snapshot>, b: ReturnType<typeof snapshot>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => {
    const x = a.get(n);
    const y = b.get(n);
    return !x || !y || x.ino !== y.ino || x.mtimeMs !== y.mtimeMs || x.content !== y.content;
  }).sort();
}
