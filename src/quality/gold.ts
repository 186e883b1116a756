/**
 * Gold alignments (`<id>.gold.json`, format `transcript-gold/1`): character offsets into the
 * transcript (`<id>.txt`) of each speaker turn, footnote marker and body, editorial bracket with
 * its class, and the transcript's sections.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { EditorialClass } from './produced.js';

export interface Span {
  start: number;
  end: number;
}

export interface GoldTurn {
  speaker: string;
  who?: string;
  labelStart?: number;
  labelEnd?: number;
  contentStart: number;
  contentEnd: number;
}

export interface GoldNote {
  n?: number | string;
  text: string;
  /** The `[n]` marker in the body. */
  marker: Span;
  /** The number before the note's text at the end. */
  bodyMarker?: Span;
  body?: Span;
}

export interface GoldBracket extends Span {
  text?: string;
  inner?: string;
  class: EditorialClass;
}

export interface Gold {
  id: string;
  /** The transcript the offsets refer to. */
  transcript: string;
  sections: { body: [number, number]; header?: [number, number]; notes?: [number, number]; docinfo?: [number, number] };
  turns: GoldTurn[];
  notes: GoldNote[];
  brackets: GoldBracket[];
}

export class GoldError extends Error {}

/** Read one gold alignment; its transcript is the one in the file, else `<id>.txt` beside it. */
export function readGold(file: string): Gold {
  let data: Partial<Gold>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Gold>;
  } catch (error) {
    throw new GoldError(`${file}: not a gold alignment: ${(error as Error).message}`);
  }
  const id = data.id ?? path.basename(file).replace(/\.gold\.json$/, '');
  let transcript = data.transcript;
  if (typeof transcript !== 'string') {
    const txt = path.join(path.dirname(file), `${id}.txt`);
    if (!existsSync(txt)) throw new GoldError(`${file}: no transcript in the file and no ${id}.txt beside it`);
    transcript = readFileSync(txt, 'utf8');
  }
  if (!Array.isArray(data.sections?.body)) throw new GoldError(`${file}: no sections.body`);
  return { id, transcript, sections: data.sections!, turns: data.turns ?? [], notes: data.notes ?? [], brackets: data.brackets ?? [] };
}

/** The gold files of a folder, in code-unit order of their names. */
export function goldFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => path.join(dir, f));
}
