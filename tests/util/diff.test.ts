/** The short line diff (src/util/diff.ts) the build shows when a transcript changed under a hand-edited TEI. */
import { describe, expect, it } from 'vitest';
import { diffLines, formatHunks } from '../../src/util/diff.js';

describe('diffLines', () => {
  it('gives the changed lines with their numbers', () => {
    const a = ['one', 'two', 'three', 'four', 'five'];
    const b = ['one', 'two (edited)', 'three', 'five', 'six'];
    expect(diffLines(a, b)).toEqual([
      { oldLine: 2, newLine: 2, lines: [{ kind: '-', line: 2, text: 'two' }, { kind: '+', line: 2, text: 'two (edited)' }] },
      { oldLine: 4, newLine: 4, lines: [{ kind: '-', line: 4, text: 'four' }] },
      { oldLine: 6, newLine: 5, lines: [{ kind: '+', line: 5, text: 'six' }] },
    ]);
    expect(diffLines(a, a)).toEqual([]);
    expect(diffLines([], ['x'])).toEqual([{ oldLine: 1, newLine: 1, lines: [{ kind: '+', line: 1, text: 'x' }] }]);
  });

  it('is a minimal edit script on random texts (applying it gives the new text)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 200; run++) {
      const a = Array.from({ length: Math.floor(rand() * 12) }, () => 'abc'[Math.floor(rand() * 3)]!);
      const b = Array.from({ length: Math.floor(rand() * 12) }, () => 'abc'[Math.floor(rand() * 3)]!);
      const hunks = diffLines(a, b)!;
      // Rebuild b from a and the hunks.
      const out: string[] = [];
      let i = 0;
      for (const h of hunks) {
        while (i < h.oldLine - 1) out.push(a[i++]!);
        for (const l of h.lines) if (l.kind === '-') i++;
        else out.push(l.text);
      }
      while (i < a.length) out.push(a[i++]!);
      expect(out).toEqual(b);
      // Minimal: as many edits as the longest common subsequence leaves.
      const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
      for (let x = a.length - 1; x >= 0; x--) for (let y = b.length - 1; y >= 0; y--) lcs[x]![y] = a[x] === b[y] ? lcs[x + 1]![y + 1]! + 1 : Math.max(lcs[x + 1]![y]!, lcs[x]![y + 1]!);
      expect(hunks.reduce((n, h) => n + h.lines.length, 0)).toBe(a.length + b.length - 2 * lcs[0]![0]!);
    }
  });

  it('gives up beyond the most edits asked for', () => {
    expect(diffLines(['a', 'b', 'c'], ['x', 'y', 'z'], 2)).toBeNull();
  });

  it('formats a short diff, with the lines of the file and a count of the rest', () => {
    const hunks = diffLines(['a', 'b', 'c'], ['a', 'B', 'c', 'd', 'e'])!;
    expect(formatHunks(hunks, { lineOf: (n) => n + 10 })).toEqual(['   12 - b', '   12 + B', '   14 + d', '   15 + e']);
    expect(formatHunks(hunks, { maxLines: 2, width: 3 })).toEqual(['    2 - b', '    2 + B', '      … and 2 more changed lines']);
  });
});
