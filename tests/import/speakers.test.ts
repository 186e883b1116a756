import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/run.js';
import { all, first, kids, parseXml, text, type Node } from '../helpers/tei.js';

async function importText(body: string): Promise<Node> {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'in.txt'), `Skip to content\n\nMarch 3, 1972\n\nMemorandum of Conversation\n\n${body}\n\nDocument Information\n\nSource\n\nRecord 1, p. 1.\n`);
  const r = await run('import', path.join(dir, 'in.txt'), '--out', path.join(dir, 'tei'));
  expect(r.code, r.stderr).toBe(0);
  const out = path.join(dir, 'tei');
  return parseXml(readFileSync(path.join(out, readdirSync(out)[0]!), 'utf8'));
}

const turns = (doc: Node) => all(doc, 'sp').map((sp) => [sp.attrs.who, text(kids(sp, 'speaker')[0]), kids(sp, 'p').map(text).join(' | ')]);

describe('speaker labels in the forms transcripts use', () => {
  it('persons named by office, a participants list with roles, own-line and inline labels', async () => {
    const doc = await importText('Participants:\n\nThe President\n\nHenry A. Kissinger, Assistant to the President\n\nAmbassador Dobrynin\n\nThe President:\n\nWe welcome you.\n\nDobrynin:\n\nThank you, Mr. President.\n\nKissinger: The Chairman [Brezhnev] agrees.\n\nThe President said that he hoped so.');
    expect(all(first(doc, 'particDesc')!, 'person').map((p) => p.attrs['xml:id'])).toEqual(['per-the-president', 'per-henry-a-kissinger', 'per-dobrynin']);
    expect(turns(doc)).toEqual([
      ['#per-the-president', 'The President:', 'We welcome you.'],
      ['#per-dobrynin', 'Dobrynin:', 'Thank you, Mr. President.'],
      ['#per-henry-a-kissinger', 'Kissinger:', 'The Chairman Brezhnev agrees. | The President said that he hoped so.'],
    ]);
  });

  it('names in capitals with a full stop, and a side with the name in brackets', async () => {
    const doc = await importText('MAO ZEDONG. We have met before.\n\nZHOU ENLAI. Indeed we have.\n\nNorth (KIM): Let us begin.\n\nSouth (LEE): Agreed.');
    expect(turns(doc)).toEqual([
      ['#per-mao-zedong', 'MAO ZEDONG.', 'We have met before.'],
      ['#per-zhou-enlai', 'ZHOU ENLAI.', 'Indeed we have.'],
      ['#per-kim', 'North (KIM):', 'Let us begin.'],
      ['#per-lee', 'South (LEE):', 'Agreed.'],
    ]);
  });

  it('invents no turns in a memorandum of reported speech', async () => {
    const doc = await importText('The Ambassador called this morning. He said that his Government agreed.\n\nI told him that we would consider it.\n\nMr. Welles stated that the decision was final.\n\nNote: the text was approved.\n\nRegarding Danzig: nothing new.');
    expect(all(doc, 'sp')).toEqual([]);
  });
});

describe('text structure', () => {
  it('page markers, headings, numbered and bulleted lists, dates and names', async () => {
    const doc = await importText('Participants:\n\nComrade Erich Honecker\n\nComrade Kim Il Sung\n\nOn the Economy\n\nComrade Honecker:\n\nThe plan of 6 May 1984 was fulfilled.\n\n(p. 2)\n\n1. Steel\n\n2. Coal\n\n- houses\n\n- schools\n\nComrade Kim Il Sung:\n\nWe agree with Erich Honecker.');
    const body = first(doc, 'body')!;
    expect(all(body, 'pb').map((p) => p.attrs.n)).toEqual(['2']);
    expect(all(body, 'head').map(text)).toEqual(['On the Economy']);
    const lists = all(body, 'list');
    expect(lists.map((l) => [l.attrs.rend, kids(l, 'item').map(text), kids(l, 'label').map(text)])).toEqual([
      ['numbered', ['Steel', 'Coal'], ['1.', '2.']],
      ['bulleted', ['houses', 'schools'], []],
    ]);
    expect(all(body, 'date').map((d) => [d.attrs.when, text(d)])).toEqual([['1984-05-06', '6 May 1984']]);
    expect(all(body, 'persName').map((p) => [p.attrs.ref, text(p)])).toEqual([['#per-erich-honecker', 'Erich Honecker']]);
    expect(all(body, 'sp').map((s) => s.attrs.who)).toEqual(['#per-erich-honecker', '#per-kim-il-sung']);
  });
});

describe('found by the fuzzing campaign (tests/fixtures/fuzz/2028-*)', () => {
  it('a turn whose only content is a page marker still has the paragraph TEI requires (a gap: the source gives no words)', async () => {
    const doc = await importText('Comrade Honecker:\n\nWe agree.\n\nComrade Kim Il Sung:\n\n(p. 2)');
    const sps = all(first(doc, 'body')!, 'sp');
    expect(sps.map((s) => s.attrs.who)).toEqual(['#per-honecker', '#per-kim-il-sung']);
    const last = sps[1]!;
    expect(kids(last, 'pb').map((p) => p.attrs.n)).toEqual(['2']);
    expect(kids(last, 'p').map((p) => kids(p, 'gap').map((g) => g.attrs.reason))).toEqual([['missing']]);
  });

  it('a date line giving a range is a docDate with from and to, valid against the project grammar', async () => {
    const doc = await importText('14-18 August 1984\n\nThe talks went well.');
    expect(all(first(doc, 'front')!, 'docDate').map((d) => [d.attrs.from, d.attrs.to, d.attrs.when, text(d)])).toEqual([['1984-08-14', '1984-08-18', undefined, '14-18 August 1984']]);
  });
});
