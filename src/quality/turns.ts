/**
 * Speaker turns. Every produced `<sp>` is a predicted turn; its start is the gold token its first
 * aligned token after the `<speaker>` stands for (moved back by the tokens before it). A turn
 * matches a gold turn that starts at the same token (boundary) and has the same speaker
 * (identity). Attribution: the share of gold in-turn tokens whose produced token stands in a
 * turn of the right speaker.
 */
import type { ScoringContext } from './context.js';
import { sameSpeaker, speakerMatcher } from './speaker.js';

export interface TurnScores {
  turnP: number | null;
  turnR: number | null;
  turnF1: number | null;
  boundaryF1: number | null;
  attribution: number | null;
  turnsProduced: number;
  turnsMatched: number;
  boundaryMatched: number;
  /** Gold in-turn tokens in a turn of the right speaker, and all gold in-turn tokens. */
  attributionCounts: [number, number];
}

/**
 * Precision, recall and F1 of `matched` among `produced` and `gold` items: not applicable
 * (null) when there are neither, precision and F1 0 when the output invented items where the
 * gold has none.
 */
export function precisionRecall(matched: number, produced: number, gold: number): [number | null, number | null, number | null] {
  if (!gold && !produced) return [null, null, null];
  if (!gold) return [0, null, 0];
  const p = produced ? matched / produced : 0;
  const r = matched / gold;
  return [p, r, p + r ? (2 * p * r) / (p + r) : 0];
}

/** The gold token at which each produced turn starts, or -1. */
function producedStarts(ctx: ScoringContext): number[] {
  const { main, sps } = ctx.produced;
  const first = new Array<number>(sps.length).fill(-1);
  main.forEach((tk, j) => {
    if (tk.sp >= 0 && !tk.inSpeaker && first[tk.sp] === -1) first[tk.sp] = j;
  });
  return first.map((f, k) => {
    if (f < 0) return -1;
    for (let j = f; j < main.length && main[j]!.sp === k; j++) if (ctx.producedToGold[j]! >= 0) return ctx.producedToGold[j]! - (j - f);
    return -1;
  });
}

export function scoreTurns(ctx: ScoringContext): TurnScores {
  const { gold, produced } = ctx;
  const same = speakerMatcher();
  const goldTurns = gold.turns.map((t) => ({ ...t, st: ctx.goldIndexAt(t.contentStart), en: ctx.goldIndexAt(t.contentEnd) }));
  const starts = producedStarts(ctx);
  // Where two gold turns start at the same token, the later one is the one matched.
  const goldByStart = new Map(goldTurns.map((t, i) => [t.st, i]));
  const used = new Set<number>();
  let boundaryMatched = 0;
  let turnsMatched = 0;
  starts.forEach((st, k) => {
    const gi = goldByStart.get(st);
    if (gi === undefined || used.has(gi)) return;
    used.add(gi);
    boundaryMatched++;
    const g = goldTurns[gi]!;
    const p = produced.sps[k]!;
    if (sameSpeaker(g.speaker, g.who, p.speaker.trim(), p.who)) turnsMatched++;
  });
  const [turnP, turnR, turnF1] = precisionRecall(turnsMatched, starts.length, goldTurns.length);
  const boundaryF1 = precisionRecall(boundaryMatched, starts.length, goldTurns.length)[2];
  let inTurn = 0;
  let attributed = 0;
  for (const t of goldTurns)
    for (let i = t.st; i < t.en; i++) {
      inTurn++;
      const j = ctx.goldToProduced[i]!;
      if (j < 0) continue;
      const k = produced.main[j]!.sp;
      if (k < 0) continue;
      const p = produced.sps[k]!;
      if (same(t.speaker, t.who, p.speaker, p.who)) attributed++;
    }
  return {
    turnP,
    turnR,
    turnF1,
    boundaryF1,
    attribution: inTurn ? attributed / inTurn : null,
    turnsProduced: starts.length,
    turnsMatched,
    boundaryMatched,
    attributionCounts: [attributed, inTurn],
  };
}
