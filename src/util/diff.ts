/**
 * A short line diff (Myers' O(ND) algorithm): what changed between two versions of a text,
 * as hunks of removed and added lines with their line numbers, for a message an editor reads.
 */

export interface DiffLine {
  kind: '-' | '+';
  /** The line number in its own version (old for "-", new for "+"), 1-based. */
  line: number;
  text: string;
}

export interface Hunk {
  /** Where the hunk stands in the new version (the line of its first added line, or where the removed lines were). */
  newLine: number;
  oldLine: number;
  lines: DiffLine[];
}

/**
 * The hunks that turn `a` into `b`, or null when the two differ in more than `maxEdits` lines
 * (the diff would not be short, and would cost time).
 */
export function diffLines(a: string[], b: string[], maxEdits = 2000): Hunk[] | null {
  // Common head and tail first: most edits touch a few lines.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const script = myers(x, y, maxEdits);
  if (!script) return null;
  const hunks: Hunk[] = [];
  let current: Hunk | null = null;
  let i = 0;
  let j = 0;
  for (const op of script) {
    if (op === '=') {
      i++;
      j++;
      current = null;
      continue;
    }
    if (!current) {
      current = { oldLine: head + i + 1, newLine: head + j + 1, lines: [] };
      hunks.push(current);
    }
    if (op === '-') current.lines.push({ kind: '-', line: head + ++i, text: x[i - 1]! });
    else current.lines.push({ kind: '+', line: head + ++j, text: y[j - 1]! });
  }
  return hunks;
}

/** The edit script ('=' keep, '-' remove from x, '+' add from y), or null beyond `max` edits. */
function myers(x: string[], y: string[], max: number): ('=' | '-' | '+')[] | null {
  const n = x.length;
  const m = y.length;
  if (n === 0) return Array<'+'>(m).fill('+');
  if (m === 0) return Array<'-'>(n).fill('-');
  const limit = Math.min(max, n + m);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let px = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let py = px - k;
      while (px < n && py < m && x[px] === y[py]) {
        px++;
        py++;
      }
      v[offset + k] = px;
      if (px >= n && py >= m) return backtrack(trace, x, y, offset, d);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], x: string[], y: string[], offset: number, dEnd: number): ('=' | '-' | '+')[] {
  const ops: ('=' | '-' | '+')[] = [];
  let px = x.length;
  let py = y.length;
  for (let d = dEnd; d > 0; d--) {
    const v = trace[d]!;
    const k = px - py;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (px > prevX && py > prevY) {
      ops.push('=');
      px--;
      py--;
    }
    if (px === prevX) {
      ops.push('+');
      py--;
    } else {
      ops.push('-');
      px--;
    }
  }
  while (px > 0 && py > 0) {
    ops.push('=');
    px--;
    py--;
  }
  return ops.reverse();
}

/**
 * The hunks as short lines ("12 - old text", "12 + new text"), at most `maxLines` of them
 * (then a line that says how many more), each text cut to `width` characters.
 */
export function formatHunks(hunks: Hunk[], options: { maxLines?: number; width?: number; lineOf?: (newLine: number) => number } = {}): string[] {
  const maxLines = options.maxLines ?? 12;
  const width = options.width ?? 100;
  const lineOf = options.lineOf ?? ((n: number) => n);
  const all = hunks.flatMap((h) => h.lines.map((l) => ({ l, at: l.kind === '+' ? lineOf(l.line) : lineOf(h.newLine) })));
  const out = all.slice(0, maxLines).map(({ l, at }) => `${String(at).padStart(5)} ${l.kind} ${l.text.length > width ? `${l.text.slice(0, width - 1)}…` : l.text}`);
  if (all.length > maxLines) out.push(`      … and ${all.length - maxLines} more changed line${all.length - maxLines === 1 ? '' : 's'}`);
  return out;
}
