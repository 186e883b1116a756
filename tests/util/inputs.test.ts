/**
 * Input hygiene (src/util/inputs.ts): entries looked at with lstat; folders, FIFOs and dangling
 * links reported and skipped; links followed only inside their folder, and once; files read
 * within a limit, without waiting on a FIFO.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFolder, listInputs, NotAFileError, readRegularFile, readRegularFileSync, TooLargeError } from '../../src/util/inputs.js';

function folder() {
  const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-inputs-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'tei-edition-outside-'));
  writeFileSync(path.join(outside, 'secret.txt'), 'secret');
  const input = path.join(dir, 'in');
  mkdirSync(path.join(input, 'sub', 'x.txt'), { recursive: true });
  writeFileSync(path.join(input, 'a.txt'), 'a');
  writeFileSync(path.join(input, 'sub', 'b.md'), 'b');
  writeFileSync(path.join(input, 'sub', 'x.txt', 'c.txt'), 'c');
  writeFileSync(path.join(input, '.hidden.txt'), 'h');
  writeFileSync(path.join(input, 'notes.odt'), 'o');
  execFileSync('mkfifo', [path.join(input, 'pipe.txt')]);
  symlinkSync('missing.txt', path.join(input, 'dangling.txt'));
  symlinkSync(path.join(outside, 'secret.txt'), path.join(input, 'out.txt'));
  symlinkSync(outside, path.join(input, 'outdir'));
  symlinkSync('a.txt', path.join(input, 'alias.txt'));
  symlinkSync('sub', path.join(input, 'loop'));
  symlinkSync('..', path.join(input, 'sub', 'up'));
  return { dir, input, outside };
}

describe('listInputs', () => {
  it('lists the files of the extensions, reports what it skips, and follows links only inside the folder', async () => {
    const { input } = folder();
    const { files, missing, skipped } = await listInputs([input, path.join(input, 'nothing.txt')], ['.txt', '.md']);
    expect(files.map((f) => path.relative(input, f))).toEqual(['a.txt', 'sub/b.md', 'sub/x.txt/c.txt']);
    expect(missing).toEqual([path.join(input, 'nothing.txt')]);
    const byRule = skipped.map((s) => [path.relative(input, s.path), s.rule]).sort();
    expect(byRule).toEqual([
      ['alias.txt', 'link-duplicate'],
      ['dangling.txt', 'dangling-link'],
      ['out.txt', 'link-outside'],
      ['outdir', 'link-outside'],
      ['pipe.txt', 'not-a-file'],
    ]);
    expect(skipped.find((s) => s.rule === 'not-a-file')!.reason).toBe('A FIFO (named pipe), not a regular file: skipped.');
  });

  it('follows a link named on the command line; reports a FIFO or a dangling link named there', async () => {
    const { input, outside } = folder();
    const { files, skipped } = await listInputs([path.join(input, 'out.txt'), path.join(input, 'pipe.txt'), path.join(input, 'dangling.txt')], ['.txt']);
    expect(files).toEqual([path.join(input, 'out.txt')]);
    expect(skipped.map((s) => s.rule)).toEqual(['not-a-file', 'dangling-link']);
    void outside;
  });
});

describe('listFolder', () => {
  it('lists one folder, skipping folders named like files, FIFOs and dangling links, and the excluded names', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-folder-'));
    writeFileSync(path.join(dir, 'a.xml'), '<a/>');
    writeFileSync(path.join(dir, 'persons.xml'), '<p/>');
    mkdirSync(path.join(dir, 'x.xml'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.xml')]);
    symlinkSync('gone.xml', path.join(dir, 'dangling.xml'));
    const { files, skipped } = listFolder(dir, ['.xml'], (name) => name === 'persons.xml');
    expect(files).toEqual([path.join(dir, 'a.xml')]);
    expect(skipped.map((s) => [path.basename(s.path), s.rule])).toEqual([
      ['dangling.xml', 'dangling-link'],
      ['pipe.xml', 'not-a-file'],
      ['x.xml', 'not-a-file'],
    ]);
  });
});

describe('readRegularFile', () => {
  it('reads a file within the limit, refuses a larger one from its size, and never waits on a FIFO', async () => {
    const { input } = folder();
    expect(readRegularFileSync(path.join(input, 'a.txt')).toString()).toBe('a');
    expect((await readRegularFile(path.join(input, 'a.txt'))).toString()).toBe('a');
    writeFileSync(path.join(input, 'big.txt'), 'x'.repeat(1000));
    expect(() => readRegularFileSync(path.join(input, 'big.txt'), 999)).toThrow(TooLargeError);
    await expect(readRegularFile(path.join(input, 'big.txt'), 999)).rejects.toMatchObject({ size: 1000, limit: 999 });
    const start = Date.now();
    expect(() => readRegularFileSync(path.join(input, 'pipe.txt'))).toThrow(NotAFileError);
    await expect(readRegularFile(path.join(input, 'pipe.txt'))).rejects.toThrow(/FIFO/);
    expect(() => readRegularFileSync(path.join(input, 'sub'))).toThrow(NotAFileError);
    expect(Date.now() - start).toBeLessThan(2000);
  });

  it('returns every byte, whatever the size, and holds no more memory than the file needs', async () => {
    const { input } = folder();
    const big = 16 * 2 ** 20;
    for (const size of [0, 1, 4095, 10_000, 65536, 65537, 200_000, big, big + 70_000]) {
      const file = path.join(input, `s${size}.bin`);
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i += 4093) bytes[i] = (i / 4093) % 251;
      writeFileSync(file, bytes);
      const sync = readRegularFileSync(file);
      const async = await readRegularFile(file);
      expect(sync.equals(bytes), `sync ${size}`).toBe(true);
      expect(async.equals(bytes), `async ${size}`).toBe(true);
      // A small file's bytes do not keep a 64 KiB buffer alive (nor twice its size).
      if (size > 4096 && size < big) {
        expect(sync.buffer.byteLength, `sync ${size}`).toBeLessThanOrEqual(size + 1);
        expect(async.buffer.byteLength, `async ${size}`).toBeLessThanOrEqual(size + 1);
      }
    }
  });
});
