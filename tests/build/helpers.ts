/** An edition in a temporary folder, for the build tests: transcripts made from the sample and the FRUS corpus. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BuildEvent, BuildReport } from '../../src/build/events.js';
import { variedTranscripts } from '../../bench/documents.js';

export const repo = path.resolve(import.meta.dirname, '../..');
import { corpus, referenceScorer, teiAll } from '../helpers/corpus.js';
export { corpus, referenceScorer, teiAll };
export const bin = path.join(repo, 'dist/cli/bin.js');

/** Transcript texts to make documents from: the sample edition's and the FRUS sample's. */
function sources(): { name: string; text: string }[] {
  const frus = path.join(corpus, 'frus-sample');
  return [
    ...readdirSync(path.join(repo, 'source', 'transcripts')).sort().map((f) => path.join(repo, 'source', 'transcripts', f)),
    ...readdirSync(frus).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(frus, f)),
  ].map((f) => ({ name: path.basename(f), text: readFileSync(f, 'utf8') }));
}

/** The i-th transcript: a source text with its own record id and year, so that every document is its own (bench/documents.js). */
export function transcript(i: number): string {
  return variedTranscripts(sources(), i + 1, 't')[i]!;
}

/** A folder with tei-edition.config.json and `count` transcripts (web edition only). */
export function makeEdition(count: number, config: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-build-'));
  mkdirSync(path.join(dir, 'source', 'transcripts'), { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(path.join(dir, 'source', 'transcripts', `t${String(i).padStart(3, '0')}.txt`), transcript(i));
  writeFileSync(path.join(dir, 'tei-edition.config.json'), JSON.stringify({ title: 'Test edition', outputs: ['html'], ...config }, null, 2));
  return dir;
}

/**
 * A copy of the sample edition in a temporary folder: its configuration (with these outputs),
 * transcripts, TEI and persons register, as a new user has them after cloning.
 */
export function sampleEdition(outputs: string[] = ['html']): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-sample-'));
  cpSync(path.join(repo, 'source'), path.join(dir, 'source'), { recursive: true });
  const config = JSON.parse(readFileSync(path.join(repo, 'tei-edition.config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(dir, 'tei-edition.config.json'), JSON.stringify({ ...config, outputs }, null, 2));
  return dir;
}

/** A short transcript with its own record ID (a speaker of its own when `speaker` is given). */
export function memo(recordId: string, options: { date?: string; title?: string; text?: string; speaker?: string } = {}): string {
  return [
    'Skip to content',
    options.date ?? 'May 25, 1987',
    options.title ?? 'A Memorandum of Talks',
    `${options.speaker ?? 'Comrade Mielke'}:`,
    options.text ?? 'Greetings to the comrades [of the DPRK].',
    'Document Information',
    ...(recordId ? ['Record ID', recordId] : []),
    'Source',
    'BStU, MfS, Nr. 1, p. 2. Translated by A. B.',
  ].join('\n\n') + '\n';
}

/** The events of `build --json`. */
export function eventsOf(stdout: string): BuildEvent[] {
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as BuildEvent);
}

/** The document events of `build --json`, with every problem. */
export function documentsOf(stdout: string): Extract<BuildEvent, { event: 'document' }>[] {
  return eventsOf(stdout).filter((e): e is Extract<BuildEvent, { event: 'document' }> => e.event === 'document');
}

/** The account of `build --json` (its last event). */
export function accountOf(stdout: string): BuildReport {
  const done = eventsOf(stdout).at(-1)!;
  if (done.event !== 'done') throw new Error(`no account: ${stdout.slice(-500)}`);
  return done.report;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built CLI in a folder. */
export function cli(cwd: string, ...args: string[]): CliRun {
  // A build that waits on a FIFO or loops would hang the suite: it is stopped, and fails the test.
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 26, timeout: 600_000, killSignal: 'SIGKILL' });
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
