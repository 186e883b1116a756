/**
 * The last good version of each TEI document: a copy of the bytes of the last version that was
 * built (valid, readable, no collision), kept in the build cache by the document's path. While
 * the document has errors, the build publishes that version instead (its page, its TEI copy and
 * its PDF stay as they were), so that a typo never takes a document out of the edition.
 *
 * Where the cache has no copy (deleted, or a build into another folder), the TEI copy the web
 * edition published is taken, when the manifest shows it is the file that build wrote.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashOf, type BuildCache } from './cache.js';
import type { TeiInput } from './tei-inputs.js';

interface GoodRecord {
  sha: string;
}

/** A version of a document to publish: its bytes, and a file that holds them (for the print engine). */
export interface Published extends TeiInput {
  bytes: Buffer;
  /** A file with these bytes, when it is not `file` itself (the last good version's copy). */
  copy?: string;
}

export class LastGood {
  constructor(
    private readonly cache: BuildCache,
    /** The web edition's folder, whose TEI copies are the fallback. */
    private readonly htmlOut?: string,
  ) {}

  private key(file: string): string {
    return hashOf('last-good', path.resolve(file));
  }

  private copyPath(key: string): string {
    return path.join(this.cache.dir, 'last-good', key.slice(0, 2), `${key}.xml`);
  }

  /** Remember a version that was built (nothing is written when it is the one remembered). */
  remember(doc: TeiInput & { bytes: Buffer }): void {
    const key = this.key(doc.file);
    const copy = this.copyPath(key);
    if (this.cache.get<GoodRecord>('last-good', key)?.sha === doc.sha && existsSync(copy)) return;
    mkdirSync(path.dirname(copy), { recursive: true });
    const tmp = `${copy}.${process.pid}.tmp`;
    writeFileSync(tmp, doc.bytes);
    renameSync(tmp, copy);
    this.cache.put('last-good', key, { sha: doc.sha } satisfies GoodRecord);
  }

  /**
   * The last good version of a document whose current version cannot be built, if there is
   * one. `fromEdition`: whether the web edition's copy may stand in (not for a file that shares
   * its page with another, whose copy that may be).
   */
  find(doc: TeiInput, fromEdition = true): Published | undefined {
    const key = this.key(doc.file);
    const copy = this.copyPath(key);
    const record = this.cache.get<GoodRecord>('last-good', key);
    if (record && existsSync(copy)) {
      const bytes = readFileSync(copy);
      if (hashOf(bytes) === record.sha) return { ...doc, bytes, sha: record.sha, problems: [], copy };
    }
    if (!this.htmlOut || !fromEdition) return undefined;
    // The copy the web edition published, if the last build wrote it and nothing changed it since.
    const rel = `tei/${doc.stem}.xml`;
    const manifest = this.cache.manifest(this.htmlOut);
    if (!manifest.intact(this.htmlOut, rel)) return undefined;
    const bytes = readFileSync(path.join(this.htmlOut, rel));
    if (manifest.outputs[rel]?.key !== hashOf('copy', hashOf(bytes))) return undefined;
    const published = { ...doc, bytes, sha: hashOf(bytes), problems: [] };
    this.remember(published);
    return { ...published, copy };
  }
}
