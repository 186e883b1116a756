/**
 * Lines the front and the body turn into structure keep every word: a group head whose text
 * after the colon names no person ("On the side of the DPRK's MfS: Major", found by the
 * fuzzing campaign) keeps it in the head; a page marker without a full stop ("p1", "S 3")
 * becomes a page break, and the import is written (no text-lost refusal).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repo, run, tempDir } from '../helpers/run.js';
import { all, first, parseXml, text } from '../helpers/tei.js';

const seed = readFileSync(path.join(repo, 'source/transcripts/1987-05-25-mielke-choe-dwu-sen.txt'), 'utf8');

async function importText(name: string, body: string) {
  const dir = tempDir();
  writeFileSync(path.join(dir, name), body);
  const out = path.join(dir, 'tei');
  const r = await run('import', path.join(dir, name), '--out', out, '--persons', path.join(dir, 'persons.xml'));
  const files = r.code === 0 ? readdirSync(out).filter((f) => f.endsWith('.xml')) : [];
  return { r, doc: files[0] ? parseXml(readFileSync(path.join(out, files[0]), 'utf8')) : undefined };
}

describe('words on layout lines', () => {
  it('keeps what follows a group head’s colon when it names no person', async () => {
    const lines = seed.split('\n');
    const at = lines.findIndex((l) => l.startsWith('On the side of the DPRK’s MfS: Major Ko Gon'));
    expect(at).toBeGreaterThan(0);
    lines[at] = 'On the side of the DPRK’s MfS: Major';
    const { r, doc } = await importText('group-head.txt', lines.join('\n'));
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const items = all(first(doc!, 'front')!, 'item').map(text);
    expect(items).toContain('On the side of the DPRK’s MfS: Major');
  });

  it('makes a page break of a page marker without a full stop, and loses no word', async () => {
    const { r, doc } = await importText('pages.txt', 'Title\n\nSome text.\n\np1\n\nMore text.\n\nS 2\n\nThe end.\n');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('text-lost');
    expect(all(first(doc!, 'body')!, 'pb').map((pb) => pb.attrs.n)).toEqual(['1', '2']);
  });
});
