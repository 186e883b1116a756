/**
 * Every metric for one produced document against its gold alignment.
 */
import { type Confusion, scoreBrackets } from './brackets.js';
import { goldBodyTokens, scoringContext } from './context.js';
import { goldWeight, scoreConservation } from './conservation.js';
import type { Gold } from './gold.js';
import { scoreNotes } from './notes.js';
import { documentWords, producedStreams } from './produced.js';
import { scoreTurns } from './turns.js';
import { teiRootProblem } from './validity.js';
import { NotWellFormed, parseXml, type XmlElement } from './xml.js';

/** The metrics of the quality benchmark (null: not applicable, the gold has no such items). */
export const METRICS = ['valid', 'turnP', 'turnR', 'turnF1', 'boundaryF1', 'attribution', 'noteAnchor', 'bracketAcc', 'conservation'] as const;
export type Metric = (typeof METRICS)[number];

export interface GoldCounts {
  turns: number;
  notes: number;
  brackets: number;
}

export interface DocumentCounts {
  gold: GoldCounts;
  turnsMatched: number;
  turnsProduced: number;
  boundaryMatched: number;
  notesFound: number;
  notesAnchored: number;
  notesProduced: number;
  bracketsCorrect: number;
  /** Gold in-turn tokens attributed to the right speaker, of all gold in-turn tokens. */
  attribution: [number, number];
  /** Σ min(gold, produced) and Σ gold of the length-weighted words. */
  conservation: [number, number];
}

export interface DocumentScore {
  id: string;
  valid: boolean;
  /** Why the document could not be scored in full (missing, not well-formed, not TEI), or null. */
  error: string | null;
  turnP: number | null;
  turnR: number | null;
  turnF1: number | null;
  boundaryF1: number | null;
  attribution: number | null;
  noteAnchor: number | null;
  noteFound: number | null;
  bracketAcc: number | null;
  conservation: number;
  counts: DocumentCounts;
  confusion: Confusion;
  /** Transcript words missing from the output (with how many of each), for reading a low conservation. */
  missingWords: { word: string; missing: number }[];
}

/** Score a produced document (its XML text, or null when there is none) against its gold. */
export function scoreDocument(gold: Gold, xml: string | null): DocumentScore {
  if (xml === null) return unscorable(gold, 'missing');
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof NotWellFormed) return unscorable(gold, `not well-formed: ${error.message}`);
    throw error;
  }
  const problem = teiRootProblem(root);
  const ctx = scoringContext(gold, producedStreams(root));
  const turns = scoreTurns(ctx);
  const notes = scoreNotes(ctx);
  const brackets = scoreBrackets(ctx);
  const kept = scoreConservation(gold, documentWords(root));
  return {
    id: gold.id,
    valid: problem === null,
    error: problem,
    turnP: turns.turnP,
    turnR: turns.turnR,
    turnF1: turns.turnF1,
    boundaryF1: turns.boundaryF1,
    attribution: turns.attribution,
    noteAnchor: notes.noteAnchor,
    noteFound: notes.noteFound,
    bracketAcc: brackets.bracketAcc,
    conservation: kept.conservation,
    counts: {
      gold: goldCounts(gold),
      turnsMatched: turns.turnsMatched,
      turnsProduced: turns.turnsProduced,
      boundaryMatched: turns.boundaryMatched,
      notesFound: notes.notesFound,
      notesAnchored: notes.notesAnchored,
      notesProduced: notes.notesProduced,
      bracketsCorrect: brackets.bracketsCorrect,
      attribution: turns.attributionCounts,
      conservation: kept.conservationCounts,
    },
    confusion: brackets.confusion,
    missingWords: kept.missingWords,
  };
}

function goldCounts(gold: Gold): GoldCounts {
  return { turns: gold.turns.length, notes: gold.notes.length, brackets: gold.brackets.length };
}

/** Nothing usable was produced: every metric whose gold has items is 0, the others not applicable. */
function unscorable(gold: Gold, error: string): DocumentScore {
  const g = goldCounts(gold);
  const turn = g.turns ? 0 : null;
  const note = g.notes ? 0 : null;
  const goldTokens = goldBodyTokens(gold);
  let inTurn = 0;
  for (const t of gold.turns) inTurn += Math.max(0, countFrom(goldTokens, t.contentEnd) - countFrom(goldTokens, t.contentStart));
  return {
    id: gold.id,
    valid: false,
    error,
    turnP: turn,
    turnR: turn,
    turnF1: turn,
    boundaryF1: turn,
    attribution: turn,
    noteAnchor: note,
    noteFound: note,
    bracketAcc: g.brackets ? 0 : null,
    conservation: 0,
    counts: {
      gold: g,
      turnsMatched: 0,
      turnsProduced: 0,
      boundaryMatched: 0,
      notesFound: 0,
      notesAnchored: 0,
      notesProduced: 0,
      bracketsCorrect: 0,
      attribution: [0, inTurn],
      conservation: [0, goldWeight(gold)],
    },
    confusion: {},
    missingWords: [],
  };
}

/** Number of tokens that start before a character offset. */
function countFrom(tokens: { s: number }[], offset: number): number {
  let n = 0;
  while (n < tokens.length && tokens[n]!.s < offset) n++;
  return n;
}
