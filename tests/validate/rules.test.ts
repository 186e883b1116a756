/**
 * One fixture per Schematron rule and per important grammar constraint
 * (tests/fixtures/validate/rules): each says, in comments on the offending line, which
 * messages it must produce. The validator must produce exactly those, at those lines.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { validateFiles } from '../../src/validate/index.js';
import { loadSchematron } from '../../src/validate/schematron.js';
import { editionSch, expectationKeys, expectations, fixtures, messageKeys, xmlFiles } from './helpers.js';

const ruleFixtures = xmlFiles(path.join(fixtures, 'rules'));
let results: Map<string, VFile>;

beforeAll(async () => {
  const files = await validateFiles(ruleFixtures);
  results = new Map(files.map((f, i) => [ruleFixtures[i]!, f]));
});

describe('rule fixtures', () => {
  it('exist, and each declares what it expects', () => {
    expect(ruleFixtures.length).toBeGreaterThanOrEqual(40);
    for (const f of ruleFixtures) expect(expectations(f), path.basename(f)).not.toEqual([]);
  });

  it.each(ruleFixtures.map((f) => [path.basename(f), f]))('%s gives exactly the expected messages, at the expected lines', (_name, file) => {
    const got = results.get(file)!;
    const expected = expectations(file);
    expect(messageKeys(got)).toEqual(expectationKeys(expected));
    for (const e of expected) {
      if (!e.reason) continue;
      const m = got.messages.find((x) => x.ruleId === e.ruleId && x.line === e.line);
      expect(m?.reason, `${e.ruleId} at ${e.line}`).toContain(e.reason);
    }
    // Every message has a place: a line, and a column for all but grammar errors that
    // libxml2 reports by line only.
    for (const m of got.messages) {
      expect(m.line, m.reason).toBeGreaterThan(0);
      if (m.source === 'schematron') expect(m.column, m.reason).toBeGreaterThan(0);
    }
  });

  it('cover every Schematron rule id with a fixture where it fires', () => {
    const ids = new Set(loadSchematron(editionSch).rules.map((r) => r.id));
    const fired = new Set(ruleFixtures.flatMap((f) => expectations(f).filter((e) => e.source === 'schematron').map((e) => e.ruleId)));
    expect([...ids].filter((id) => !fired.has(id))).toEqual([]);
    expect(ids.size).toBeGreaterThanOrEqual(20);
  });

  it('give errors as fatal and warnings as not fatal, with the right source and a rule URL', () => {
    const whoFile = ruleFixtures.find((f) => f.endsWith('who-resolves.xml'))!;
    const [m] = results.get(whoFile)!.messages;
    expect(m).toMatchObject({ source: 'schematron', ruleId: 'who-resolves', fatal: true });
    expect(m!.url).toMatch(/docs\/schema\.md#who-resolves$/);
    const gapFile = ruleFixtures.find((f) => f.endsWith('note-gap.xml'))!;
    expect(results.get(gapFile)!.messages[0]).toMatchObject({ source: 'schematron', ruleId: 'note-gap', fatal: false });
  });
});
