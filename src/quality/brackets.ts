/**
 * Editorial brackets. The class given to a gold bracket is the majority editorial class of the
 * produced tokens its inner words are aligned with. Special cases: a `[sic]` also counts when
 * the word before it is in a `<sic>` or a `<sic>` stands at the spot; a bracket with nothing to
 * vote with (punctuation only, or text dropped) takes the class of an editorial element at the
 * spot, else `gap` if a `<gap/>` stands there. What is left is `none` (no editorial element)
 * or `missing` (the words were not found).
 */
import type { ScoringContext } from './context.js';
import type { EditorialClass } from './produced.js';

export type PredictedClass = EditorialClass | 'none' | 'missing';

/** Gold class → predicted class → number of brackets. */
export type Confusion = Record<string, Record<string, number>>;

export interface BracketScores {
  bracketAcc: number | null;
  bracketsCorrect: number;
  confusion: Confusion;
}

/** The class most of the votes went to (the first counted among equals), leaving out words not found. */
function majority(votes: Map<PredictedClass, number>): PredictedClass | null {
  let best: PredictedClass | null = null;
  for (const [cls, n] of votes) if (cls !== 'missing' && (best === null || n > votes.get(best)!)) best = cls;
  return best;
}

export function predictBracket(ctx: ScoringContext, bracket: { start: number; end: number; class: string }): PredictedClass {
  const { goldTokens, goldToProduced: toP, produced } = ctx;
  const inner: number[] = [];
  goldTokens.forEach((x, i) => {
    if (x.s >= bracket.start && x.e <= bracket.end) inner.push(i);
  });
  const votes = new Map<PredictedClass, number>();
  for (const i of inner) {
    const j = toP[i]!;
    const cls: PredictedClass = j >= 0 ? (produced.main[j]!.ed ?? 'none') : 'missing';
    votes.set(cls, (votes.get(cls) ?? 0) + 1);
  }
  let predicted = majority(votes);
  // The produced position of the bracket: after the word before it, else at its first word.
  const before = ctx.goldIndexAt(bracket.start) - 1;
  const spot = before >= 0 && toP[before]! >= 0 ? toP[before]! + 1 : inner.length && toP[inner[0]!]! >= 0 ? toP[inner[0]!]! : -1;
  const near = (kind: string): boolean => spot >= 0 && produced.events.some((ev) => ev.kind === kind && Math.abs(ev.pos - spot) <= 1);
  if (bracket.class === 'sic') {
    const previousInSic = before >= 0 && toP[before]! >= 0 && produced.main[toP[before]!]!.ed === 'sic';
    if (previousInSic || predicted === 'sic' || near('sic') || near('sic-end')) predicted = 'sic';
  }
  if (!predicted || predicted === 'none') {
    const element =
      spot >= 0
        ? produced.events.find(
            (ev) => ev.kind === 'ed' && Math.abs(ev.pos - spot) <= 1 && (inner.length === 0 || !votes.has('none') || ev.cls === bracket.class),
          )
        : undefined;
    if (element && element.kind === 'ed' && (!inner.length || !predicted)) predicted = element.cls;
    else if (near('gap')) predicted = 'gap';
  }
  return predicted ?? (inner.length ? 'missing' : 'none');
}

export function scoreBrackets(ctx: ScoringContext): BracketScores {
  const confusion: Confusion = {};
  let correct = 0;
  for (const bracket of ctx.gold.brackets) {
    const predicted = predictBracket(ctx, bracket);
    const row = (confusion[bracket.class] ??= {});
    row[predicted] = (row[predicted] ?? 0) + 1;
    if (predicted === bracket.class) correct++;
  }
  const n = ctx.gold.brackets.length;
  return { bracketAcc: n ? correct / n : null, bracketsCorrect: correct, confusion };
}
