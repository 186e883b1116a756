/**
 * The scorer's fixtures: a small memorandum (fixtures/memo.txt) with its hand-made gold
 * alignment (fixtures/memo.gold.json: three turns, one footnote, a supplied word and an
 * illegible gap), a TEI encoding that scores 1 everywhere (memo.xml) and variants with one
 * failure each (memo.<failure>.xml). `makeGold` builds a gold alignment from a transcript and
 * the spans' texts, for cases the memorandum lacks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readGold, type Gold } from '../../src/quality/gold.js';
import type { EditorialClass } from '../../src/quality/produced.js';

export const fixtures = path.join(import.meta.dirname, 'fixtures');
export const memoGold = (): Gold => readGold(path.join(fixtures, 'memo.gold.json'));
/** memo.xml, or memo.<variant>.xml. */
export const memoTei = (variant?: string): string => readFileSync(path.join(fixtures, variant ? `memo.${variant}.xml` : 'memo.xml'), 'utf8');

export const tei = (body: string, header = '<fileDesc><titleStmt><title>t</title></titleStmt></fileDesc>'): string =>
  `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>${header}</teiHeader><text><body>${body}</body></text></TEI>`;

/** The offset of the k-th occurrence (from 0) of `needle`; throws if there is none. */
function find(text: string, needle: string, k = 0): number {
  let at = -1;
  for (let i = 0; i <= k; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (${k}) is not in the transcript`);
  }
  return at;
}

export interface GoldSpec {
  /** [label as printed before ":", who, the turn's content]. */
  turns?: [string, string, string][];
  /** [marker as printed, e.g. "[1]", the note's text]. */
  notes?: [string, string][];
  /** [the bracket as printed, e.g. "[sic]", its class]. */
  brackets?: [string, EditorialClass][];
}

/** A gold alignment whose body is the whole transcript. */
export function makeGold(transcript: string, spec: GoldSpec, id = 'made'): Gold {
  const seen = new Map<string, number>();
  const next = (needle: string): number => {
    const k = seen.get(needle) ?? 0;
    seen.set(needle, k + 1);
    return find(transcript, needle, k);
  };
  return {
    id,
    transcript,
    sections: { body: [0, transcript.length] },
    turns: (spec.turns ?? []).map(([label, who, content]) => {
      const labelStart = next(`${label}:`);
      const contentStart = transcript.indexOf(content, labelStart);
      return { speaker: label, who, labelStart, labelEnd: labelStart + label.length + 1, contentStart, contentEnd: contentStart + content.length };
    }),
    notes: (spec.notes ?? []).map(([marker, text]) => {
      const start = next(marker);
      return { text, marker: { start, end: start + marker.length } };
    }),
    brackets: (spec.brackets ?? []).map(([text, cls]) => {
      const start = next(text);
      return { start, end: start + text.length, text, class: cls };
    }),
  };
}
