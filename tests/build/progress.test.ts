import { describe, expect, it } from 'vitest';
import type { BuildEvent, StageReport } from '../../src/build/events.js';
import { createReporter } from '../../src/build/progress.js';

const report = (stage: StageReport['stage'], errors = 0): StageReport => ({ stage, documents: 3, worked: 2, ok: 3 - errors, warnings: 1, errors, written: 4, seconds: 1.25, peakMemoryMiB: 200 });
const events = (errors: number): BuildEvent[] => [
  { event: 'stage-start', stage: 'html', documents: 3 },
  { event: 'progress', stage: 'html', done: 0, total: 2 },
  { event: 'progress', stage: 'html', done: 2, total: 2 },
  ...(errors ? [{ event: 'document', stage: 'html', file: '/ed/source/tei/a.xml', status: 'error', summary: 'not built: line 3: bad', problems: [{ line: 3, column: 2, reason: 'bad', ruleId: 'x', fatal: true }] } as BuildEvent] : []),
  { event: 'stage-end', report: report('html', errors) },
  { event: 'done', report: { ok: errors === 0, failed: errors, stages: [report('html', errors)], seconds: 1.3, updated: ['/ed/editions/html'] } },
];

function play(mode: 'tty' | 'plain' | 'json', errors = 0) {
  let stdout = '';
  let stderr = '';
  const emit = createReporter(mode, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, '/ed');
  for (const e of events(errors)) emit(e);
  return { stdout, stderr };
}

describe('build progress and account', () => {
  it('on a terminal, updates one line in place and clears it for the table', () => {
    const { stdout, stderr } = play('tty');
    expect(stderr).not.toContain('\n');
    expect(stderr).toMatch(/\r\x1b\[2Kbuilding the web edition \[#+\] 2\/2/);
    expect(stdout).toMatch(/^stage +documents +worked on +ok +warnings +errors +files written +seconds +peak MiB\n/);
    expect(stdout).toMatch(/\nhtml +3 +2 +3 +1 +0 +4 +1\.25 +200\n/);
    expect(stdout).toContain('built: /ed/editions/html');
  });

  it('otherwise, prints plain lines: one per stage, problems with file and line', () => {
    const { stdout, stderr } = play('plain', 1);
    expect(stderr).not.toContain('\x1b');
    expect(stderr).toContain('html: error: source/tei/a.xml: not built: line 3: bad\n  source/tei/a.xml:3:2: bad (x)\n');
    expect(stdout).toContain('html: 3 documents, 2 worked on, 1 up to date, 1 failed (1.3 s)\n');
    expect(stdout).toContain('1 document failed (see above); the others are built');
  });

  it('with --json, prints one JSON object per event, the account last', () => {
    const { stdout, stderr } = play('json', 1);
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as BuildEvent);
    expect(lines.map((e) => e.event)).toEqual(['stage-start', 'progress', 'progress', 'document', 'stage-end', 'done']);
    expect(lines.at(-1)).toMatchObject({ event: 'done', report: { ok: false, failed: 1 } });
  });
});
