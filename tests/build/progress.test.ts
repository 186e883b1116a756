import { describe, expect, it } from 'vitest';
import type { BuildEvent, StageReport } from '../../src/build/events.js';
import { createReporter } from '../../src/build/progress.js';

const report = (stage: StageReport['stage'], errors = 0): StageReport => ({ stage, documents: 3, worked: 2, ok: 3 - errors, failed: errors, kept: 0, warnings: 1, errors, infos: 2, written: 4, seconds: 1.25, peakMemoryMiB: 200 });
const events = (errors: number): BuildEvent[] => [
  { event: 'stage-start', stage: 'html', documents: 3 },
  { event: 'progress', stage: 'html', done: 0, total: 2 },
  { event: 'progress', stage: 'html', done: 2, total: 2 },
  ...(errors
    ? [
        { event: 'document', stage: 'html', file: '/ed/source/tei/a.xml', status: 'error', summary: 'not built: line 3: bad', problems: [{ line: 3, column: 2, reason: 'bad', ruleId: 'x', fatal: true }, { line: 5, reason: 'odd', ruleId: 'y', fatal: false, detail: ['   5 - old', '   5 + new'] }, { reason: 'noted', ruleId: 'z' }] } as BuildEvent,
        { event: 'notice', stage: 'html', message: 'no persons register found', ruleId: 'register-missing', severity: 'info' } as BuildEvent,
      ]
    : []),
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
    expect(stdout).toMatch(/^stage +documents +worked on +ok +kept +failed +errors +warnings +infos +files written +seconds +peak MiB\n/);
    expect(stdout).toMatch(/\nhtml +3 +2 +3 +0 +0 +0 +1 +2 +4 +1\.25 +200\n/);
    expect(stdout).toContain('built: /ed/editions/html');
  });

  it('otherwise, prints plain lines: one per stage, problems with file and line', () => {
    const { stdout, stderr } = play('plain', 1);
    expect(stderr).not.toContain('\x1b');
    // Every message at its place, with its severity and rule id; the detail lines under it.
    expect(stderr).toContain('html: error: source/tei/a.xml: not built: line 3: bad\n  source/tei/a.xml:3:2: error: bad (x)\n  source/tei/a.xml:5: warning: odd (y)\n         5 - old\n         5 + new\n  source/tei/a.xml: info: noted (z)\n');
    expect(stderr).toContain('html: no persons register found (register-missing)\n');
    expect(stdout).toContain('html: 3 documents, 2 worked on, 1 up to date, 1 failed, 1 errors, 1 warnings, 2 infos (1.3 s)\n');
    expect(stdout).toContain('1 document failed (see above); the others are built');
  });

  it('with --json, prints one JSON object per event, the account last', () => {
    const { stdout, stderr } = play('json', 1);
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as BuildEvent);
    expect(lines.map((e) => e.event)).toEqual(['stage-start', 'progress', 'progress', 'document', 'notice', 'stage-end', 'done']);
    expect(lines.find((e) => e.event === 'document')).toMatchObject({ problems: [{ ruleId: 'x', fatal: true }, { ruleId: 'y', detail: ['   5 - old', '   5 + new'] }, { ruleId: 'z' }] });
    expect(lines.at(-1)).toMatchObject({ event: 'done', report: { ok: false, failed: 1 } });
  });
});
