/**
 * Speaker turns in every label convention of the test corpora, scored by the reference scorer:
 * FRUS as printed, the same documents with labels in capitals ("MR. HARRISON:") and in capitals
 * closed by a full stop ("MR. HARRISON. …"), and German plays without a cast list. The bars are
 * those of the conventions issue: pooled turn F1 and attribution at least 0.97, nothing lost,
 * every output valid TEI (tei_all, by jing), and no turn invented in the FRUS memoranda.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpus, referenceScorer, repo, run, teiAll, tempDir } from '../helpers/run.js';

interface Score {
  macro: Record<string, number | null>;
  micro: Record<string, number>;
  documents: { id: string; counts: { gold: { turns: number }; turnsProduced: number } }[];
}

const sets = ['frus-sample', 'conventions/upper', 'conventions/caps-period', 'dracor-de-sample'];

async function importAndScore(set: string): Promise<{ score: Score; out: string }> {
  const dir = path.join(corpus, set);
  const out = tempDir();
  const inputs = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => path.join(dir, f));
  const r = await run('import', ...inputs, '--out', out, '--persons', path.join(out, 'persons.xml'), '--names', 'input');
  expect(r.code, r.stderr).toBe(0);
  const json = execFileSync(process.execPath, [referenceScorer, dir, out, '--json'], { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { score: JSON.parse(json) as Score, out };
}

describe('speaker turns in every label convention', () => {
  for (const set of sets) {
    it(`${set}: pooled turn F1 and attribution ≥ 0.97, text conserved, valid TEI`, async () => {
      const { score, out } = await importAndScore(set);
      expect(score.micro.turnF1, 'turn F1').toBeGreaterThanOrEqual(0.97);
      expect(score.macro.attribution, 'attribution').toBeGreaterThanOrEqual(0.97);
      expect(score.macro.conservation).toBe(1);
      expect(score.macro.valid).toBe(1);
      if (score.micro.goldNotes) expect(score.micro.noteAnchor).toBe(1);
      if (score.micro.goldBrackets) expect(score.micro.bracketAcc).toBe(1);
      // Memoranda without labels get no turn.
      for (const d of score.documents) if (d.counts.gold.turns === 0) expect(d.counts.turnsProduced, d.id).toBe(0);
      const files = readdirSync(out).filter((f) => f.endsWith('.xml') && f !== 'persons.xml').map((f) => path.join(out, f));
      const jing = spawnSync('jing', [teiAll, ...files], { encoding: 'utf8' });
      expect(jing.stdout.split('\n').filter((l) => l.includes(' error: '))).toEqual([]);
    }, 120_000);
  }
});

describe('an English play in verse without a cast list (tests/fixtures/import/play-in-verse.txt)', () => {
  it('finds every turn, the stage directions and the scene headings; role labels are speakers', async () => {
    const out = tempDir();
    const r = await run('import', path.join(repo, 'tests', 'fixtures', 'import', 'play-in-verse.txt'), '--out', out, '--names', 'input', '--report', 'json');
    expect(r.code, r.stderr).toBe(0);
    const xml = readFileSync(path.join(out, 'play-in-verse.xml'), 'utf8');
    const body = xml.slice(xml.indexOf('<body>'));
    const speakers = [...body.matchAll(/<speaker>([^<]*)<\/speaker>/g)].map((m) => m[1]);
    expect(speakers).toEqual([
      ...Array.from({ length: 6 }, () => ['Bernardo:', 'Francisco:']).flat(),
      'Horatio:', 'Marcellus:', 'Francisco:', 'Marcellus:', 'Francisco:', 'King:', 'All:', 'Hamlet:',
    ]);
    expect([...body.matchAll(/<head>([^<]*)<\/head>/g)].map((m) => m[1])).toEqual(['Scene 1', 'Scene 2']);
    // Stage directions as text (the names in them are tagged).
    expect([...body.matchAll(/<stage>(.*?)<\/stage>/gs)].map((m) => m[1]!.replace(/<[^>]*>/g, ''))).toEqual(['(Elsinore. A platform before the castle.)', '(Francisco at his post. Enter to him Bernardo.)', '(Enter Horatio and Marcellus.)', '(Exit.)', '(A room of state in the castle.)']);
    // The single labels of the last scene are taken by the convention, and said so.
    const messages = (JSON.parse(r.stdout) as { messages: { ruleId: string; line?: number }[] }[])[0]!.messages;
    expect(messages.filter((m) => m.ruleId === 'label-weak').map((m) => m.line)).toEqual([58, 63, 65]);
  });
});
