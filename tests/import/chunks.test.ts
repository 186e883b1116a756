// The importer encodes, validates and writes a chunk of documents at a time (the bound on
// the TEI in memory). Chunks of two give the same TEI, register and diagnostics as one chunk.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/import/index.js';
import { repo, tempDir } from '../helpers/run.js';

const inputs = [
  ...readdirSync(path.join(repo, 'source', 'transcripts')).map((f) => path.join(repo, 'source', 'transcripts', f)),
  ...readdirSync(path.join(repo, 'tests', 'corpus', 'frus-sample')).filter((f) => f.endsWith('.txt')).slice(0, 4).map((f) => path.join(repo, 'tests', 'corpus', 'frus-sample', f)),
].sort();

async function importWith(chunkSize: number | undefined) {
  const dir = tempDir();
  const outDir = path.join(dir, 'tei');
  mkdirSync(outDir, { recursive: true });
  const personsPath = path.join(dir, 'persons.xml');
  const results = await importFiles(inputs, { outDir, personsPath, importDate: '2026-01-01', validate: true, ...(chunkSize ? { chunkSize } : {}) });
  const files = Object.fromEntries(readdirSync(outDir).sort().map((f) => [f, readFileSync(path.join(outDir, f), 'utf8')]));
  const messages = results.map((r) => ({ input: path.basename(r.input), status: r.status, messages: r.file.messages.map((m) => `${m.line ?? ''}:${m.ruleId ?? ''}:${m.reason}`) }));
  return { files, register: readFileSync(personsPath, 'utf8'), messages };
}

describe('import in chunks', () => {
  it('writes the same TEI, register and diagnostics in chunks of two as in one chunk', async () => {
    const whole = await importWith(undefined);
    const chunked = await importWith(2);
    expect(Object.keys(whole.files).length).toBe(inputs.length);
    expect(whole.messages.every((m) => m.status === 'written')).toBe(true);
    expect(chunked.files).toEqual(whole.files);
    expect(chunked.register).toEqual(whole.register);
    expect(chunked.messages).toEqual(whole.messages);
  }, 240_000);
});
