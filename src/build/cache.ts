/**
 * The build cache: records addressed by the hash of everything that made them (input bytes,
 * stylesheet, schema, tool version, options), and per output folder a manifest of the files
 * of the last build with the key that made each one.
 *
 * Every entry is stored with the hash of its kind, its key and its content, and checked
 * against it when read: an entry that was changed, truncated, or moved under another key (a
 * page of one document put where another's belongs) is not used; it is a miss, made again,
 * and counted in `rejected`. This is integrity, not authentication: whoever can write the
 * cache can also write a matching hash, so a cache shared with people who may not write the
 * edition must not be used (SECURITY.md).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';

/** The SHA-256 of some parts, each length-prefixed (so ["ab","c"] and ["a","bc"] differ). */
export function hashOf(...parts: (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const part of parts) {
    const b = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    h.update(`${b.length}:`).update(b);
  }
  return h.digest('hex');
}

/** Every file under `dir`, in name order, as key parts: its path relative to `dir` and the hash of its bytes. */
export function treeParts(dir: string): string[] {
  const parts: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(at, entry.name);
      if (entry.isDirectory()) walk(file);
      else parts.push(path.relative(dir, file), hashOf(readFileSync(file)));
    }
  };
  walk(dir);
  return parts;
}

function writeFileAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** What an entry's stored hash covers: its kind, its key and its content. */
export function entryHash(kind: string, key: string, content: string | Buffer): string {
  return hashOf('tei-edition cache entry', kind, key, content);
}

/** Keys are hex hashes: nothing else names a file in the cache. */
function checkKey(key: string): void {
  if (!/^[0-9a-f]{16,128}$/.test(key)) throw new Error(`not a cache key: ${JSON.stringify(key.slice(0, 80))}`);
}

/** Records (JSON) and blobs by kind and key, under the cache folder; each checked against its stored hash when read. */
export class BuildCache {
  /** Entries found changed since they were written ("kind/key"), not used. */
  readonly rejected: string[] = [];

  constructor(readonly dir: string) {}

  private file(kind: string, key: string): string {
    checkKey(key);
    return path.join(this.dir, kind, key.slice(0, 2), `${key}.json`);
  }

  private reject(kind: string, key: string): undefined {
    this.rejected.push(`${kind}/${key}`);
    return undefined;
  }

  /** A record, when there is one and it is what was written under this key. */
  get<T>(kind: string, key: string): T | undefined {
    const file = this.file(kind, key);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as { sha?: unknown; value?: unknown };
      if (typeof entry.value !== 'string' || entry.sha !== entryHash(kind, key, entry.value)) return this.reject(kind, key);
      return JSON.parse(entry.value) as T;
    } catch {
      return this.reject(kind, key);
    }
  }

  private blobFile(kind: string, key: string): string {
    checkKey(key);
    return path.join(this.dir, kind, key.slice(0, 2), key);
  }

  /** A file made before (e.g. a rendered page), by the key that made it, when it is what was written under this key. */
  getBlob(kind: string, key: string): Buffer | undefined {
    const file = this.blobFile(kind, key);
    let content: Buffer;
    let sha: string;
    try {
      content = readFileSync(file);
    } catch {
      return undefined;
    }
    try {
      sha = readFileSync(`${file}.sha256`, 'utf8').trim();
    } catch {
      return this.reject(kind, key);
    }
    return sha === entryHash(kind, key, content) ? content : this.reject(kind, key);
  }

  /** Whether a blob is stored (not whether it is intact: getBlob checks that). */
  hasBlob(kind: string, key: string): boolean {
    return existsSync(this.blobFile(kind, key));
  }

  putBlob(kind: string, key: string, content: string | Buffer): void {
    const file = this.blobFile(kind, key);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    mkdirSync(path.dirname(file), { recursive: true });
    // The hash first: a blob without its hash is rejected, a hash without its blob is a miss.
    writeFileAtomic(`${file}.sha256`, `${entryHash(kind, key, bytes)}\n`);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  }

  has(kind: string, key: string): boolean {
    return existsSync(this.file(kind, key));
  }

  put(kind: string, key: string, value: unknown): void {
    const text = JSON.stringify(value);
    writeFileAtomic(this.file(kind, key), JSON.stringify({ sha: entryHash(kind, key, text), value: text }));
  }

  manifest(target: string): Manifest {
    return new Manifest(path.join(this.dir, 'manifests', `${hashOf(path.resolve(target)).slice(0, 24)}.json`));
  }
}

/** An output file of the last build: the key that made it, its content hash, and how it stood on disk. */
export interface OutputRecord {
  key: string;
  sha: string;
  size: number;
  mtimeMs: number;
  ino: number;
  /** What else the build needs to know of it without reading it (a page: its digest's hash). */
  meta?: string;
}

/** The files of an output folder as the last build left them. */
export class Manifest {
  outputs: Record<string, OutputRecord> = {};

  constructor(readonly file: string) {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { outputs?: Record<string, OutputRecord> };
      this.outputs = saved.outputs ?? {};
    } catch {
      this.outputs = {};
    }
  }

  /** Whether `rel` in `dir` is the file the last build wrote with this key, untouched since. */
  intact(dir: string, rel: string, key?: string): boolean {
    const record = this.outputs[rel];
    if (!record || (key !== undefined && record.key !== key)) return false;
    let st: Stats;
    try {
      st = statSync(path.join(dir, rel));
    } catch {
      return false;
    }
    return st.isFile() && st.size === record.size && st.mtimeMs === record.mtimeMs && st.ino === record.ino;
  }

  save(outputs: Record<string, OutputRecord>): void {
    this.outputs = outputs;
    writeFileAtomic(this.file, JSON.stringify({ outputs }));
  }
}

/** The record of a file just written (or kept). */
export function recordOf(file: string, key: string, sha: string): OutputRecord {
  const st = statSync(file);
  return { key, sha, size: st.size, mtimeMs: st.mtimeMs, ino: st.ino };
}
