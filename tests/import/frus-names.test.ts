/**
 * Item 5 of issue 19 on the FRUS sample: every person of a document's participants list who is
 * named in its text (after a title, "Mr. Polk", "Dr. Lord", "Admiral Knapp", or by the full
 * name) has that mention tied to them (persName ref="#…"), in paragraphs, lists and stage
 * directions; and every tie names the person it points to.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpus, run, tempDir } from '../helpers/run.js';

const TITLES = 'Mr\\.|Mrs\\.|Dr\\.|General|Admiral|Col\\.|Colonel|Secretary|President|Senator|Ambassador|Captain|Commander|Judge|Professor|Major|Lieutenant';

interface Doc {
  file: string;
  persons: { id: string; name: string }[];
  /** The body without speaker labels, each tied name replaced by §id§. */
  text: string;
  ties: { id: string; words: string }[];
}

describe('FRUS sample: participants named in the text are tied to them', () => {
  let docs: Doc[];
  beforeAll(async () => {
    const out = tempDir();
    const r = await run('import', path.join(corpus, 'frus-sample'), '--out', out, '--names', 'input');
    expect(r.code, r.stderr).toBe(0);
    docs = readdirSync(out).map((file) => {
      const xml = readFileSync(path.join(out, file), 'utf8');
      const partic = /<particDesc>([\s\S]*?)<\/particDesc>/.exec(xml)?.[1] ?? '';
      const persons = [...partic.matchAll(/<person xml:id="([^"]+)"[^>]*><persName>([^<]+)<\/persName>/g)].map((m) => ({ id: m[1]!, name: m[2]! }));
      const body = (/<body>([\s\S]*?)<\/body>/.exec(xml)?.[1] ?? '').replace(/<speaker>[\s\S]*?<\/speaker>/g, ' ');
      const ties = [...body.matchAll(/<persName ref="#([^"]+)">([\s\S]*?)<\/persName>/g)].map((m) => ({ id: m[1]!, words: m[2]!.replace(/<[^>]+>/g, '') }));
      const text = body.replace(/<persName ref="#([^"]+)">[\s\S]*?<\/persName>/g, (_, id: string) => ` §${id}§ `).replace(/<[^>]+>/g, '');
      return { file, persons, text, ties };
    });
  }, 120_000);

  it('leaves no mention of a participant untied', () => {
    let tied = 0;
    const untied: string[] = [];
    for (const d of docs) {
      for (const p of d.persons) {
        const words = p.name.split(/\s+/);
        const surname = words[words.length - 1]!.replace(/\.$/, '');
        if (surname.length < 3) continue;
        const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const after = new RegExp(`(?:${TITLES})\\s+(?:\\p{Lu}\\.\\s*)*${esc(surname)}\\b`, 'gu');
        const full = words.length > 1 ? new RegExp(`\\b${words.map(esc).join('\\s+')}\\b`, 'gu') : null;
        const left = [...d.text.matchAll(after)].length + (full ? [...d.text.matchAll(full)].length : 0);
        if (left) untied.push(`${d.file}: ${p.name} ×${left}`);
        tied += d.text.split(`§${p.id}§`).length - 1;
      }
    }
    expect(untied).toEqual([]);
    // The sample names its participants in the text often: the test has something to check.
    expect(tied).toBeGreaterThan(60);
  });

  it('ties each name to the participant it names', () => {
    for (const d of docs) {
      for (const t of d.ties) {
        const p = d.persons.find((x) => x.id === t.id);
        if (!p) continue; // a person of the text, not of the list
        const surname = p.name.split(/\s+/).pop()!.replace(/\.$/, '').toLowerCase();
        expect(t.words.toLowerCase(), `${d.file}: ${t.words} → ${p.name}`).toContain(surname);
      }
    }
  });
});
