import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repo, run, corpus, referenceScorer, tempDir } from '../helpers/run.js';
import { buildFormats, VARIANTS, type Built, type Variant } from './formats.js';

const seeds = path.join(repo, 'source', 'transcripts');
const frusDir = path.join(corpus, 'frus-sample');
const transcripts = [
  ...readdirSync(seeds).filter((f) => f.endsWith('.txt')).map((f) => path.join(seeds, f)),
  ...readdirSync(frusDir).filter((f) => f.endsWith('.txt')).map((f) => path.join(frusDir, f)),
];
const stems = transcripts.map((t) => path.basename(t, '.txt'));

interface Report {
  input: string;
  output: string | null;
  status: string;
  messages: { ruleId: string; severity: string; line: number | null; reason: string }[];
}

/**
 * The TEI as the comparison sees it: without the header's record of the
 * source file (its name, checksum and the TEI checksum), without `hi`
 * wrappers (the richer formats carry formatting the plain text has not), and
 * with runs of white space as one space (HTML, Markdown and Word display them so).
 */
function comparable(xml: string): string {
  return xml
    .replace(/<p>Imported from <ref[^>]*>[^<]*<\/ref>; source checksum <idno type="source-sha256">[0-9a-f]+<\/idno>; output checksum <idno type="tei-sha256">[0-9a-f]+<\/idno>\.<\/p>/, '')
    .replace(/(<change type="import" when="[^"]*">Imported by tei-edition [^ ]+ from )[^<]*(<\/change>)/, '$1$2')
    .replace(/<\/?hi\b[^>]*>/g, '')
    .replace(/\s+/g, ' ');
}

describe('the same transcript as .txt, .md, .html and .docx (by pandoc and by LibreOffice) gives the same TEI', () => {
  let built: Built;
  const out = new Map<Variant, string>();
  const reports = new Map<Variant, Report[]>();

  beforeAll(async () => {
    built = buildFormats(transcripts);
    const dir = tempDir();
    for (const variant of VARIANTS) {
      const target = path.join(dir, variant);
      const r = await run('import', ...stems.map((s) => built.file(s, variant)), '--out', target, '--names', 'input', '--report', 'json');
      reports.set(variant, JSON.parse(r.stdout) as Report[]);
      out.set(variant, target);
    }
  });

  it('imports all fifteen documents in every format without an error', () => {
    for (const variant of VARIANTS) {
      const rs = reports.get(variant)!;
      expect(rs.map((r) => [path.basename(r.input), r.status, r.messages.filter((m) => m.severity === 'error').map((m) => `${m.ruleId}: ${m.reason}`)])).toEqual(
        stems.map((s) => [path.basename(built.file(s, variant)), 'written', []]),
      );
    }
  });

  for (const variant of VARIANTS.filter((v) => v !== 'txt')) {
    it(`${variant}: every document's TEI is that of the plain text, apart from hi and the source file`, () => {
      const differences: string[] = [];
      for (const stem of stems) {
        const txt = comparable(readFileSync(path.join(out.get('txt')!, `${stem}.xml`), 'utf8'));
        const other = comparable(readFileSync(path.join(out.get(variant)!, `${stem}.xml`), 'utf8'));
        let k = 0;
        while (k < txt.length && txt[k] === other[k]) k++;
        if (txt !== other) differences.push(`${stem}: txt “…${txt.slice(k - 80, k + 120)}” ≠ ${variant} “…${other.slice(k - 80, k + 120)}”`);
      }
      expect(differences).toEqual([]);
    });
  }

  it('the comparison sees speakers, notes and brackets (it is not comparing empty bodies)', () => {
    const xml = readFileSync(path.join(out.get('docx')!, '1987-05-25-mielke-choe-dwu-sen.xml'), 'utf8');
    expect(xml.match(/<sp /g)?.length).toBe(6);
    expect(xml).toMatch(/<note place="foot" n="1" xml:id="wilson-208236-n1">Ministry for State Security<\/note>/);
    expect(xml).toContain('<sic>Ch’oe Dwu Sen</sic>');
  });

  it('the reference scorer gives the same figures on the FRUS sample in every format', () => {
    const frus = stems.filter((s) => s.startsWith('frus'));
    const scores = VARIANTS.map((variant) => {
      // The scorer finds each document's TEI by the transcript's name in the output folder.
      const json = execFileSync(process.execPath, [referenceScorer, frusDir, out.get(variant)!, '--json'], { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 });
      const score = JSON.parse(json) as { macro: Record<string, number | null>; micro: Record<string, number>; documents: unknown[] };
      return { variant, macro: score.macro, micro: score.micro, documents: score.documents.length };
    });
    expect(scores[0]!.documents).toBe(frus.length);
    expect(scores[0]!.macro.conservation).toBeGreaterThanOrEqual(0.9995);
    for (const s of scores.slice(1)) expect({ ...s, variant: 'txt' }).toEqual(scores[0]);
  });
});
