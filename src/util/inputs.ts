/**
 * Input hygiene: which files of the arguments and folders are inputs, and reading one without
 * being caught by what is not a regular file. Every entry is looked at with lstat: folders,
 * FIFOs, sockets, devices and dangling links are reported (one message per file) and skipped;
 * a symbolic link met inside an input folder is followed only when its target is inside that
 * folder (and then only once: a link to a file that is listed already is skipped). A link named
 * on the command line is the user's own choice and is followed to a regular file or a folder.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Why an entry is not read. */
export type SkipRule = 'not-a-file' | 'dangling-link' | 'link-outside' | 'link-duplicate';

export interface Skipped {
  /** The entry as it was found (argument, or a path under an argument folder). */
  path: string;
  rule: SkipRule;
  reason: string;
}

export interface InputListing {
  files: string[];
  /** Arguments that do not exist. */
  missing: string[];
  skipped: Skipped[];
}

interface Found {
  file: string;
  real: string;
  link: boolean;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'an entry of another kind';
}

function notAFile(file: string, st: Stats): Skipped {
  const kind = kindOf(st);
  return { path: file, rule: 'not-a-file', reason: `${kind[0]!.toUpperCase()}${kind.slice(1)}, not a regular file: skipped.` };
}

/** A path as messages show it: relative to the current folder when inside it. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function inside(root: string, real: string): boolean {
  const rel = path.relative(root, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const wanted = (name: string, extensions: string[]) => extensions.some((e) => name.toLowerCase().endsWith(e));

/**
 * Expand files and folders into the files to read (folders: recursively, the files with one of
 * the extensions, in name order; dot files and folders left out), with what was skipped and why.
 */
export async function listInputs(args: string[], extensions: string[]): Promise<InputListing> {
  const found: Found[] = [];
  const missing: string[] = [];
  const skipped: Skipped[] = [];
  for (const arg of args) {
    let st: Stats;
    try {
      st = await fs.lstat(arg);
    } catch {
      missing.push(arg);
      continue;
    }
    let link = false;
    if (st.isSymbolicLink()) {
      link = true;
      try {
        st = await fs.stat(arg);
      } catch {
        skipped.push({ path: arg, rule: 'dangling-link', reason: `A symbolic link to ${readLink(arg)}, which does not exist: skipped.` });
        continue;
      }
    }
    if (st.isDirectory()) {
      const root = await fs.realpath(arg);
      const here: Found[] = [];
      await walk(arg, root, extensions, here, skipped, new Set([root]));
      found.push(...here.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)));
    } else if (st.isFile()) found.push({ file: arg, real: await fs.realpath(arg), link });
    else skipped.push(notAFile(arg, st));
  }
  return { files: dedupe(found, skipped), missing, skipped };
}

/** The files of one folder (not its subfolders) with one of the extensions, by the same rules. */
export function listFolder(dir: string, extensions: string[], exclude: (name: string) => boolean = () => false): { files: string[]; skipped: Skipped[] } {
  const found: Found[] = [];
  const skipped: Skipped[] = [];
  const root = realpathSync(dir);
  for (const entry of readdirSorted(dir)) {
    if (entry.startsWith('.') || !wanted(entry, extensions) || exclude(entry)) continue;
    const file = path.join(dir, entry);
    const one = classify(file, root, root);
    if ('skip' in one) skipped.push(one.skip);
    else if (one.st.isFile()) found.push({ file, real: one.real, link: one.link });
    else skipped.push(notAFile(file, one.st));
  }
  return { files: dedupe(found, skipped), skipped };
}

function readdirSorted(dir: string): string[] {
  return readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function readLink(file: string): string {
  try {
    return JSON.stringify(readlinkSync(file));
  } catch {
    return 'a missing file';
  }
}

/** One entry of an input folder (`realDir`: the real path of its folder): its stat, links followed when allowed, or why it is skipped. */
function classify(file: string, root: string, realDir: string): { st: Stats; real: string; link: boolean } | { skip: Skipped } {
  let st = lstatSync(file);
  if (!st.isSymbolicLink()) return { st, real: path.join(realDir, path.basename(file)), link: false };
  let real: string;
  try {
    real = realpathSync(file);
    st = statSync(real);
  } catch {
    return { skip: { path: file, rule: 'dangling-link', reason: `A symbolic link to ${readLink(file)}, which does not exist: skipped.` } };
  }
  if (!inside(root, real)) return { skip: { path: file, rule: 'link-outside', reason: `A symbolic link to ${real}, outside the input folder: not followed, skipped.` } };
  return { st, real, link: true };
}

/**
 * Walk a folder: first its real files and subfolders (all the way down), then the links met on
 * the way, so that a file or folder reached both ways is listed by its own path.
 */
async function walk(dir: string, root: string, extensions: string[], out: Found[], skipped: Skipped[], seen: Set<string>): Promise<void> {
  const links: string[] = [];
  await walkReal(dir, extensions, out, skipped, seen, links);
  while (links.length) {
    const full = links.shift()!;
    const name = path.basename(full);
    const one = classify(full, root, path.dirname(full));
    if ('skip' in one) {
      // A dangling link, or one leading out, is told when it could have been an input.
      if (wanted(name, extensions) || one.skip.rule === 'link-outside' || !path.extname(name)) skipped.push(one.skip);
    } else if (one.st.isDirectory()) {
      if (seen.has(one.real)) continue;
      seen.add(one.real);
      await walkReal(full, extensions, out, skipped, seen, links);
    } else if (wanted(name, extensions)) {
      if (one.st.isFile()) out.push({ file: full, real: one.real, link: true });
      else skipped.push(notAFile(full, one.st));
    }
  }
}

async function walkReal(dir: string, extensions: string[], out: Found[], skipped: Skipped[], seen: Set<string>, links: string[]): Promise<void> {
  const realDir = await fs.realpath(dir);
  const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const real = path.join(realDir, entry.name);
      if (seen.has(real)) continue;
      seen.add(real);
      await walkReal(full, extensions, out, skipped, seen, links);
    } else if (entry.isFile()) {
      if (wanted(entry.name, extensions)) out.push({ file: full, real: path.join(realDir, entry.name), link: false });
    } else if (entry.isSymbolicLink()) links.push(full);
    else if (wanted(entry.name, extensions)) {
      // FIFOs, sockets, devices: told when named like an input.
      skipped.push(notAFile(full, lstatSync(full)));
    }
  }
}

/** One file per real file: a link to a file listed already (directly or by another link) is skipped. */
function dedupe(found: Found[], skipped: Skipped[]): string[] {
  const byReal = new Map<string, Found>();
  for (const f of found) {
    const other = byReal.get(f.real);
    if (!other) {
      byReal.set(f.real, f);
      continue;
    }
    // Keep the file itself rather than a link to it.
    const [keep, drop] = other.link && !f.link ? [f, other] : [other, f];
    byReal.set(f.real, keep);
    if (drop.file !== keep.file) skipped.push({ path: drop.file, rule: 'link-duplicate', reason: `The same file as ${shown(keep.file)} (a symbolic link): read once, as ${shown(keep.file)}.` });
  }
  const kept = new Set([...byReal.values()].map((f) => f.file));
  return [...new Set(found.filter((f) => kept.has(f.file)).map((f) => f.file))];
}

export class NotAFileError extends Error {
  readonly code = 'ENOTFILE';
}

export class TooLargeError extends Error {
  readonly code = 'ETOOLARGE';
  constructor(readonly size: number, readonly limit: number) {
    super(`${size} bytes, more than ${limit}`);
  }
}

// O_NONBLOCK: opening a FIFO does not wait for a writer (the file is then refused by fstat).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Where readRegularFileSync reads past the first read (one thread reads at a time). */
const scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Read a regular file whole, within a size limit checked on the open file before reading:
 * never blocks on a FIFO or device (NotAFileError), never reads more than `maxBytes`
 * (TooLargeError, with the size).
 */
export function readRegularFileSync(file: string, maxBytes = Number.POSITIVE_INFINITY): Buffer {
  const fd = openSync(file, OPEN_FLAGS);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotAFileError(`${file} is ${kindOf(st)}, not a regular file`);
    if (st.size > maxBytes) throw new TooLargeError(st.size, maxBytes);
    // The size fstat gives and one byte more (a file that grew is seen), then, while there is
    // more, into a scratch buffer copied out: the bytes returned hold no spare memory.
    const chunks: Buffer[] = [];
    let length = 0;
    let buffer = Buffer.allocUnsafe(Math.min(st.size + 1, 16 * 2 ** 20));
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      chunks.push(buffer === scratch ? Buffer.from(buffer.subarray(0, n)) : buffer.subarray(0, n));
      length += n;
      // A file that grew after fstat is still held to the limit.
      if (length > maxBytes) throw new TooLargeError(length, maxBytes);
      // Full: there may be as much again (a file larger than the first read); else the end is near.
      buffer = n === buffer.length && buffer !== scratch ? Buffer.allocUnsafe(buffer.length) : scratch;
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
  } finally {
    closeSync(fd);
  }
}

/**
 * The first `size` bytes of a regular file (fewer where it is shorter), opened as
 * readRegularFileSync opens it (never waits on a FIFO: NotAFileError).
 */
export function readFileHeadSync(file: string, size: number): Buffer {
  const fd = openSync(file, OPEN_FLAGS);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new NotAFileError(`${file} is ${kindOf(st)}, not a regular file`);
    const buffer = Buffer.allocUnsafe(size);
    let n = 0;
    for (let got = -1; n < size && got !== 0; n += got) got = readSync(fd, buffer, n, size - n, n);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** readRegularFileSync, asynchronously. */
export async function readRegularFile(file: string, maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const handle = await fs.open(file, OPEN_FLAGS);
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new NotAFileError(`${file} is ${kindOf(st)}, not a regular file`);
    if (st.size > maxBytes) throw new TooLargeError(st.size, maxBytes);
    // As readRegularFileSync, with a buffer of its own past the first read.
    const chunks: Buffer[] = [];
    let length = 0;
    let buffer = Buffer.allocUnsafe(Math.min(st.size + 1, 16 * 2 ** 20));
    // Whether the buffer's memory is returned as it is (else what is read is copied out).
    let own = true;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(own ? buffer.subarray(0, bytesRead) : Buffer.from(buffer.subarray(0, bytesRead)));
      length += bytesRead;
      if (length > maxBytes) throw new TooLargeError(length, maxBytes);
      own = own && bytesRead === buffer.length;
      buffer = Buffer.allocUnsafe(own ? buffer.length : 64 * 1024);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
  } finally {
    await handle.close();
  }
}
