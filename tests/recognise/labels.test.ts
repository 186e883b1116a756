/**
 * The label-convention pass (src/recognise/labels.ts) on fixture pairs: each
 * tests/recognise/labels/<case>.json gives a document's paragraphs and the persons it lists,
 * and the labels it must accept (paragraph, label, evidence), the candidates it must keep as
 * text (paragraph, label, reason) and the conventions it must find.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelCandidate, learnLabels } from '../../src/recognise/labels.js';
import { PersonIndex } from '../../src/recognise/persons.js';

interface Fixture {
  about: string;
  paragraphs: string[];
  persons: string[];
  /** Persons listed as interpreters (named after the role). */
  roles?: string[];
  labels: [number, string, string][];
  rejected: [number, string, string][];
  conventions: string[];
}

const dir = path.join(import.meta.dirname, 'labels');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f.replace(/\.json$/, ''), ...(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Fixture) }));

describe('speaker labels learnt from the document', () => {
  it('has fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(7));
  for (const f of fixtures) {
    it(`${f.name}: ${f.about}`, () => {
      const persons = new PersonIndex();
      for (const name of f.persons) persons.add(name, { participant: true });
      for (const role of f.roles ?? []) persons.add(`Shih Yen-hua`, { participant: true, role: role as 'interpreter' });
      const decision = learnLabels(f.paragraphs, persons);
      expect([...decision.labels.values()].map((l) => [l.index, l.label, l.evidence])).toEqual(f.labels);
      expect(decision.rejected.map((r) => [r.index, r.label, r.reason])).toEqual(f.rejected);
      expect(decision.conventions.map((c) => c.shape)).toEqual(f.conventions);
    });
  }
});

describe('label candidates', () => {
  const cases: [string, string | null, number][] = [
    ['Gromyko: We agree.', 'Gromyko', 9],
    ['Comrade Mielke:', 'Comrade Mielke', -1],
    ['MR. A. W. DULLES. I think so.', 'MR. A. W. DULLES', 18],
    ['DR. LORD. The Polish Commission has met.', 'DR. LORD', 10],
    ['It was agreed: the text stands.', null, 0],
    ['Ich urteilte so: Wenn das Mädchen', null, 0],
    ['On the 5th: nothing happened.', null, 0],
    ['I. Introduction', null, 0],
    ['Kammerdiener und Sophie: Gnädiger Herr!', 'Kammerdiener und Sophie', 25],
  ];
  for (const [text, label, rest] of cases) {
    it(JSON.stringify(text), () => {
      const c = labelCandidate(text, 0);
      if (label === null) expect(c).toBeNull();
      else expect([c?.label, c?.rest]).toEqual([label, rest]);
    });
  }
});
