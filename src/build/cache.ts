/**
 * The build cache: records addressed by the hash of everything that made them (input bytes,
 * stylesheet, schema, tool version, options), and per output folder a manifest of the files
 * of the last build with the key that made each one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
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

function writeFileAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Records (JSON) by kind and key, under the cache folder. */
export class BuildCache {
  constructor(readonly dir: string) {}

  private file(kind: string, key: string): string {
    return path.join(this.dir, kind, key.slice(0, 2), `${key}.json`);
  }

  get<T>(kind: string, key: string): T | undefined {
    try {
      return JSON.parse(readFileSync(this.file(kind, key), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  private blobFile(kind: string, key: string): string {
    return path.join(this.dir, kind, key.slice(0, 2), key);
  }

  /** A file made before (e.g. a rendered page), by the key that made it. */
  getBlob(kind: string, key: string): Buffer | undefined {
    try {
      return readFileSync(this.blobFile(kind, key));
    } catch {
      return undefined;
    }
  }

  hasBlob(kind: string, key: string): boolean {
    return existsSync(this.blobFile(kind, key));
  }

  putBlob(kind: string, key: string, content: string | Buffer): void {
    const file = this.blobFile(kind, key);
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  }

  has(kind: string, key: string): boolean {
    return existsSync(this.file(kind, key));
  }

  put(kind: string, key: string, value: unknown): void {
    writeFileAtomic(this.file(kind, key), JSON.stringify(value));
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
