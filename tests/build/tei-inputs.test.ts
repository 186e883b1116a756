/** The TEI of a build read and checked for collisions (src/build/tei-inputs.ts), and the transcript a TEI records (src/import/canonical.ts). */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTeiFolder, teiIdOf } from '../../src/build/tei-inputs.js';
import { recordedSourceOf } from '../../src/build/import-stage.js';
import { rootElementName } from '../../src/publish/edition-files.js';
import { recordedSource, teiState } from '../../src/import/canonical.js';
import { repo } from './helpers.js';

const sample = readFileSync(path.join(repo, 'source', 'tei', 'wilson-208236.xml'), 'utf8');

describe('readTeiFolder', () => {
  it('finds the files that make one page, and those with one document id: neither is usable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-teiinputs-'));
    writeFileSync(path.join(dir, 'wilson-208236.xml'), sample);
    writeFileSync(path.join(dir, 'wilson:208236.xml'), sample.replace('xml:id="wilson-208236"', 'xml:id="other"'));
    writeFileSync(path.join(dir, 'Copy.xml'), sample.replace('xml:id="wilson-208236"', 'xml:id="twin"'));
    writeFileSync(path.join(dir, 'copy2.xml'), sample.replace('xml:id="wilson-208236"', 'xml:id="twin"'));
    writeFileSync(path.join(dir, 'alone.xml'), sample.replace('xml:id="wilson-208236"', 'xml:id="alone"'));
    writeFileSync(path.join(dir, 'persons.xml'), '<TEI/>');
    mkdirSync(path.join(dir, 'folder.xml'));
    const { docs, skipped } = readTeiFolder(dir);
    expect(skipped.map((s) => s.rule)).toEqual(['not-a-file']);
    const rules = Object.fromEntries(docs.map((d) => [path.basename(d.file), d.problems.map((p) => p.ruleId)]));
    expect(rules).toEqual({ 'Copy.xml': ['duplicate-tei-id'], 'alone.xml': [], 'copy2.xml': ['duplicate-tei-id'], 'wilson-208236.xml': ['duplicate-page'], 'wilson:208236.xml': ['duplicate-page'] });
    expect(docs.find((d) => d.file.endsWith('Copy.xml'))!.problems[0]!.reason).toContain('copy2.xml has the same document id, twin');
  });

  it('does not read a file over the size limit, and says which option raises it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-teiinputs-'));
    writeFileSync(path.join(dir, 'a.xml'), sample);
    const [doc] = readTeiFolder(dir, { maxBytes: 1000 }).docs;
    expect(doc!.bytes).toBeNull();
    expect(doc!.problems).toEqual([expect.objectContaining({ ruleId: 'too-large', fatal: true })]);
    expect(doc!.problems[0]!.reason).toMatch(/larger than the limit of 1000 bytes; it was not read \(raise the limit with --max-size\)\.$/);
  });

  it('reads the document id from the root element', () => {
    expect(teiIdOf(Buffer.from(sample))).toBe('wilson-208236');
    expect(teiIdOf(Buffer.from('<?xml version="1.0"?><tei:TEI xmlns:tei="x" xml:id=\'p\'/>'))).toBe('p');
    expect(teiIdOf(Buffer.from('<TEI/>'))).toBeUndefined();
    // Past a prolog longer than the first 4 KiB read.
    expect(teiIdOf(Buffer.from(`<?xml version="1.0"?><!--${'x'.repeat(5000)}--><TEI xml:id="late"/>`))).toBe('late');
    expect(teiIdOf(Buffer.from(`<!--${'x'.repeat(4090)}--><TEI xml:id="cut"/>`))).toBe('cut');
  });
});

describe('the canonical-file checks', () => {
  it('tell the transcript a TEI was imported from, also once it was edited by hand', () => {
    expect(teiState(sample).kind).toBe('ours');
    expect(recordedSource(sample)).toEqual({ ref: '../transcripts/1987-05-25-mielke-choe-dwu-sen.txt', checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const edited = sample.replace('</title>', ' (revised)</title>');
    expect(teiState(edited).kind).toBe('edited');
    expect(recordedSource(edited)).toEqual(recordedSource(sample));
    expect(recordedSource('<TEI/>')).toEqual({});
  });

  it('are read from the application element alone, as from the whole file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-recorded-'));
    const cases = {
      sample,
      none: sample.replace(/ident="tei-edition"/g, 'ident="other"'),
      // The first ident="tei-edition" outside an application element: the whole text is read.
      elsewhere: sample.replace('<teiHeader>', '<teiHeader><!-- <x ident="tei-edition"> -->'),
      // Past the first 16 KiB read first: the whole file is read.
      late: sample.replace('<teiHeader>', `<teiHeader><!--${'x'.repeat(20_000)}-->`),
      // Its start tag in the first 16 KiB, its end after them.
      straddling: sample.replace('<label>tei-edition import</label>', `<label>tei-edition import</label><!--${'y'.repeat(20_000)}-->`),
      short: '<TEI><teiHeader><encodingDesc><appInfo><application ident="tei-edition" version="1"><p>Imported from <ref target="a.txt">a.txt</ref></p></application></appInfo></encodingDesc></teiHeader></TEI>',
    };
    for (const [name, text] of Object.entries(cases)) {
      writeFileSync(path.join(dir, `${name}.xml`), text);
      expect(recordedSourceOf(path.join(dir, `${name}.xml`)), name).toEqual(recordedSource(text));
    }
    expect(recordedSourceOf(path.join(dir, 'sample.xml'))!.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(recordedSourceOf(path.join(dir, 'none.xml'))).toEqual({});
    for (const name of ['late', 'straddling']) expect(recordedSourceOf(path.join(dir, `${name}.xml`)), name).toEqual(recordedSourceOf(path.join(dir, 'sample.xml')));
    expect(recordedSourceOf(path.join(dir, 'short.xml'))).toEqual({ ref: 'a.txt' });
  });
});

describe('rootElementName', () => {
  it('reads the root element past a prolog of any length up to 64 KiB, also where the name crosses the first 4 KiB', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-root-'));
    const name = (text: string) => {
      const file = path.join(dir, 'f.xml');
      writeFileSync(file, text);
      return rootElementName(file);
    };
    expect(name(sample)).toBe('TEI');
    expect(name(`<?xml version="1.0"?>\n<!--${'c'.repeat(5000)}-->\n<tei:TEI xmlns:tei="x"/>`)).toBe('TEI');
    // The name begins 6 bytes before 4 KiB and ends after it.
    const pad = 4096 - 6 - '<!---->'.length;
    expect(name(`<!--${'p'.repeat(pad)}--><teiCorpus xmlns="x"/>`)).toBe('teiCorpus');
    expect(name(`<!DOCTYPE x [<!ENTITY a "b">]><taxonomy/>`)).toBe('taxonomy');
    expect(name(`<!--${'c'.repeat(70_000)}--><TEI/>`)).toBeNull();
    expect(name('not XML')).toBeNull();
    expect(name('')).toBeNull();
  });
});
