/** Line and column (both 1-based) of an offset into a text. */
export type Locate = (offset: number) => { line: number; column: number };

/** A locator for `source`: the line starts are found once, each look-up is a binary search. */
export function makeLocate(source: string): Locate {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
