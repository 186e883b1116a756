/**
 * The project's scorer (src/quality) against the team's reference scorer (tests/oracle/score),
 * to three decimals: on the import output of each corpus with gold alignments, on each corpus's
 * reference TEI (`.ref.xml`), and on the fixtures with their failures.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/import/index.js';
import { scoreCorpus, type CorpusScore } from '../../src/quality/corpus.js';
import { scoreDocument, type DocumentScore } from '../../src/quality/document.js';
import { corpus, referenceScorer, repo, tempDir } from '../helpers/run.js';
import { fixtures, memoGold } from './fixtures.js';

const CORPORA = ['frus-sample', 'conventions/upper', 'conventions/caps-period', 'dracor-de-sample'];
const DOCUMENT_METRICS = ['valid', 'turnP', 'turnR', 'turnF1', 'boundaryF1', 'attribution', 'noteAnchor', 'noteFound', 'bracketAcc', 'conservation'] as const;

interface Reference {
  macro: Record<string, number | null>;
  micro: Record<string, number>;
  confusion: Record<string, Record<string, number>>;
  documents: (Record<string, unknown> & { id: string })[];
}

/** A figure as the agreement is judged: to three decimals; null and booleans as they are. */
const three = (v: unknown): unknown => (typeof v === 'number' ? v.toFixed(3) : v);

const reference = (goldDir: string, producedDir: string): Reference =>
  JSON.parse(execFileSync(process.execPath, [referenceScorer, goldDir, producedDir, '--json'], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 })) as Reference;

function documentFigures(d: DocumentScore | Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(DOCUMENT_METRICS.map((k) => [k, three((d as Record<string, unknown>)[k])]));
}

function expectAgreement(mine: CorpusScore, ref: Reference): void {
  expect(Object.fromEntries(Object.entries(mine.macro).map(([k, v]) => [k, three(v)]))).toEqual(Object.fromEntries(Object.entries(ref.macro).map(([k, v]) => [k, three(v)])));
  // The reference's pooled figures; the project's scorer pools more (boundary, attribution, conservation).
  for (const [k, v] of Object.entries(ref.micro)) expect(three((mine.micro as unknown as Record<string, unknown>)[k]), `micro.${k}`).toBe(three(v));
  expect(mine.confusion).toEqual(ref.confusion);
  expect(mine.documents.map((d) => d.id)).toEqual(ref.documents.map((d) => d.id));
  mine.documents.forEach((d, k) => {
    expect(documentFigures(d), d.id).toEqual(documentFigures(ref.documents[k]!));
    expect(d.confusion, d.id).toEqual(ref.documents[k]!.confusion);
  });
}

describe.each(CORPORA)('%s: the same figures as the reference scorer', (name) => {
  const goldDir = path.join(corpus, name);
  let out: string;
  beforeAll(async () => {
    out = tempDir('tei-edition-quality-');
    const inputs = readdirSync(goldDir)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => path.join(goldDir, f));
    const results = await importFiles(inputs, { outDir: out, personsPath: null, nameFromInput: true, validate: false, importDate: '2026-01-01' });
    // A document the importer fails on has no output and scores 0 in both scorers; the
    // agreement is only worth something if most documents were written.
    expect(results.filter((r) => r.status !== 'failed').length).toBeGreaterThan(inputs.length / 2);
  });

  it('on the import output', () => {
    expectAgreement(scoreCorpus(goldDir, out), reference(goldDir, out));
  });

  it('on the reference TEI (.ref.xml), which scores 1 wherever a metric applies', () => {
    const mine = scoreCorpus(goldDir, goldDir);
    expectAgreement(mine, reference(goldDir, goldDir));
    for (const v of Object.values(mine.macro)) expect([1, null]).toContain(v);
  });
});

describe('the fixtures: the same figures as the reference scorer', () => {
  const require = createRequire(import.meta.url);
  const { scoreDoc } = require(path.join(repo, 'tests', 'oracle', 'score', 'score.js')) as { scoreDoc: (gold: unknown, xml: string | null) => Record<string, unknown> };
  const gold = memoGold();
  // The reference reads the transcript from the gold file; the fixture's is beside it.
  const goldJson = { ...JSON.parse(readFileSync(path.join(fixtures, 'memo.gold.json'), 'utf8')), transcript: gold.transcript } as unknown;
  const outputs = readdirSync(fixtures).filter((f) => f.endsWith('.xml'));

  it.each([...outputs, 'missing', 'not XML'])('%s', (name) => {
    const xml = name === 'missing' ? null : name === 'not XML' ? gold.transcript : readFileSync(path.join(fixtures, name), 'utf8');
    const mine = scoreDocument(gold, xml);
    const ref = scoreDoc(goldJson, xml);
    expect(documentFigures(mine)).toEqual(documentFigures(ref));
    expect(mine.confusion).toEqual(ref.confusion);
  });
});
