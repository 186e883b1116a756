/**
 * A corpus scored: every gold alignment of a folder against the produced TEI of the same name
 * (`<id>.xml`, else `<id>.tei.xml`, else `<id>.ref.xml`) in another folder. A document with no
 * produced file scores 0.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Confusion } from './brackets.js';
import { scoreDocument, type DocumentScore } from './document.js';
import { goldFiles, readGold, GoldError } from './gold.js';
import { macro, micro, pooledConfusion, type Macro, type Micro } from './pool.js';

export interface CorpusScore {
  macro: Macro;
  micro: Micro;
  confusion: Confusion;
  documents: DocumentScore[];
}

const PRODUCED_NAMES = ['.xml', '.tei.xml', '.ref.xml'];

/** The produced file for a document id, or null. */
export function producedFile(dir: string, id: string): string | null {
  for (const ending of PRODUCED_NAMES) {
    const file = path.join(dir, id + ending);
    if (existsSync(file)) return file;
  }
  return null;
}

export function scoreCorpus(goldDir: string, producedDir: string): CorpusScore {
  const files = goldFiles(goldDir);
  if (!files.length) throw new GoldError(`${goldDir}: no *.gold.json`);
  const documents = files.map((file) => {
    const gold = readGold(file);
    const produced = producedFile(producedDir, gold.id);
    return scoreDocument(gold, produced === null ? null : readFileSync(produced, 'utf8'));
  });
  return summarise(documents);
}

export function summarise(documents: DocumentScore[]): CorpusScore {
  return { macro: macro(documents), micro: micro(documents), confusion: pooledConfusion(documents), documents };
}
