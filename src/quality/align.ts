/**
 * Alignment of two token sequences (the gold body and the produced text): common prefix and
 * suffix first; a range small enough is aligned by a full LCS; a larger one is cut at the
 * tokens that occur once in each side (the longest increasing run of such anchors) and its
 * pieces are aligned in turn. A range without any anchor is left unaligned.
 */

export interface Alignment {
  /** For each token of `a`, the index of its token in `b`, or -1. */
  aToB: Int32Array;
  /** For each token of `b`, the index of its token in `a`, or -1. */
  bToA: Int32Array;
}

/** Ranges whose product of lengths is at most this are aligned by a full LCS table. */
const LCS_CELLS = 4e6;

type Range = [a0: number, a1: number, b0: number, b1: number];

export function align(a: readonly string[], b: readonly string[]): Alignment {
  // Words become small integers, so that comparisons are cheap.
  const ids = new Map<string, number>();
  const intern = (w: string): number => {
    let id = ids.get(w);
    if (id === undefined) ids.set(w, (id = ids.size));
    return id;
  };
  const A = Int32Array.from(a, intern);
  const B = Int32Array.from(b, intern);
  const aToB = new Int32Array(A.length).fill(-1);
  const bToA = new Int32Array(B.length).fill(-1);
  const link = (i: number, j: number): void => {
    aToB[i] = j;
    bToA[j] = i;
  };
  const pending: Range[] = [[0, A.length, 0, B.length]];
  while (pending.length) {
    let [a0, a1, b0, b1] = pending.pop()!;
    while (a0 < a1 && b0 < b1 && A[a0] === B[b0]) link(a0++, b0++);
    while (a0 < a1 && b0 < b1 && A[a1 - 1] === B[b1 - 1]) link(--a1, --b1);
    if (a0 === a1 || b0 === b1) continue;
    if ((a1 - a0) * (b1 - b0) <= LCS_CELLS) {
      alignByLcs(A, B, [a0, a1, b0, b1], link);
      continue;
    }
    const anchors = longestIncreasing(uniqueAnchors(A, B, [a0, a1, b0, b1]));
    if (!anchors.length) continue;
    let pa = a0;
    let pb = b0;
    for (const [i, j] of anchors) {
      link(i, j);
      if (i > pa && j > pb) pending.push([pa, i, pb, j]);
      pa = i + 1;
      pb = j + 1;
    }
    if (pa < a1 && pb < b1) pending.push([pa, a1, pb, b1]);
  }
  return { aToB, bToA };
}

/** Pairs (i, j) of a token that occurs exactly once in each side of the range, ordered by i. */
function uniqueAnchors(A: Int32Array, B: Int32Array, [a0, a1, b0, b1]: Range): [number, number][] {
  const once = (xs: Int32Array, from: number, to: number): Map<number, number> => {
    const at = new Map<number, number>();
    for (let k = from; k < to; k++) at.set(xs[k]!, at.has(xs[k]!) ? -1 : k);
    return at;
  };
  const inA = once(A, a0, a1);
  const inB = once(B, b0, b1);
  const pairs: [number, number][] = [];
  for (const [token, i] of inA) {
    const j = inB.get(token);
    if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]);
  }
  return pairs.sort((x, y) => x[0] - y[0]);
}

/** The longest run of pairs whose second members increase (patience sorting). */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  pairs.forEach(([, v], k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1]!;
    tails[lo] = k;
  });
  const run: [number, number][] = [];
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = previous[k]!) run.push(pairs[k]!);
  return run.reverse();
}

/** A longest common subsequence of the range, by a full table (ties: skip a token of A first). */
function alignByLcs(A: Int32Array, B: Int32Array, [a0, a1, b0, b1]: Range, link: (i: number, j: number) => void): void {
  const na = a1 - a0;
  const nb = b1 - b0;
  const width = nb + 1;
  // At most LCS_CELLS cells, so no length exceeds min(na, nb) ≤ 2,000: 16 bits suffice.
  const L = new Uint16Array((na + 1) * width);
  for (let i = na - 1; i >= 0; i--)
    for (let j = nb - 1; j >= 0; j--)
      L[i * width + j] = A[a0 + i] === B[b0 + j] ? L[(i + 1) * width + j + 1]! + 1 : Math.max(L[(i + 1) * width + j]!, L[i * width + j + 1]!);
  let i = 0;
  let j = 0;
  while (i < na && j < nb) {
    if (A[a0 + i] === B[b0 + j]) link(a0 + i++, b0 + j++);
    else if (L[(i + 1) * width + j]! >= L[i * width + j + 1]!) i++;
    else j++;
  }
}
