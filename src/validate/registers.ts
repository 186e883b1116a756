/**
 * The edition's persons register, for the Schematron rules that check references into it.
 *
 * A document points into the register with "../persons.xml#per-x" (relative to the TEI
 * file). The validator reads a register only when a document points into it and only if the
 * file is named persons.xml: no other file outside the input is ever read. Registers given
 * in memory (the importer validates before it writes) take precedence over files.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { saxon } from '../util/saxon.js';
import { decodeUtf8, scanMarkup, type Limits } from './scan.js';

export const REGISTER_FILE = 'persons.xml';

export interface RegisterParams {
  /** For each pointer prefix ("../persons.xml"), the xml:ids of the register's persons. */
  'register-ids': Record<string, string[]>;
  /** Pointer prefixes naming a persons.xml that was not found (or could not be read). */
  'register-missing': string[];
}

const POINTER_ATTRS = /\s(?:who|ref|sameAs)\s*=\s*(["'])(.*?)\1/g;

export class RegisterCache {
  private readonly loaded = new Map<string, string[] | null>();

  constructor(
    private readonly limits: Limits,
    /** Registers in memory, by absolute path. */
    private readonly inMemory: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** The register parameters for a document at `docPath`. */
  paramsFor(docPath: string, text: string): RegisterParams {
    const params: RegisterParams = { 'register-ids': {}, 'register-missing': [] };
    const prefixes = new Set<string>();
    for (const m of text.matchAll(POINTER_ATTRS)) {
      for (const token of m[2]!.split(/\s+/)) {
        const hash = token.indexOf('#');
        if (hash > 0) prefixes.add(token.slice(0, hash));
      }
    }
    for (const prefix of prefixes) {
      let file: string;
      try {
        file = decodeURI(prefix);
      } catch {
        continue;
      }
      if (basename(file) !== REGISTER_FILE || /^[a-z][a-z0-9+.-]*:/i.test(file)) continue;
      const ids = this.load(resolve(dirname(resolve(docPath)), file));
      if (ids === null) params['register-missing'].push(prefix);
      else params['register-ids'][prefix] = ids;
    }
    return params;
  }

  private load(path: string): string[] | null {
    if (this.loaded.has(path)) return this.loaded.get(path)!;
    const ids = this.read(path);
    this.loaded.set(path, ids);
    return ids;
  }

  private read(path: string): string[] | null {
    let text = this.inMemory.get(path);
    if (text === undefined) {
      let fd: number;
      try {
        fd = openSync(path, 'r');
      } catch {
        return null;
      }
      try {
        const st = fstatSync(fd);
        if (!st.isFile() || st.size > this.limits.maxBytes) return null;
        const bytes = Buffer.alloc(st.size);
        let off = 0;
        while (off < st.size) {
          const n = readSync(fd, bytes, off, st.size - off, off);
          if (n === 0) break;
          off += n;
        }
        const decoded = decodeUtf8(bytes.subarray(0, off));
        if (!('text' in decoded)) return null;
        text = decoded.text;
      } finally {
        closeSync(fd);
      }
    }
    if (scanMarkup(text, this.limits.maxDepth).problem) return null;
    try {
      const ids = saxon().XPath.evaluate('parse-xml($text)//(*:person | *:place | *:org)/@xml:id/string()', null, { params: { text }, resultForm: 'array' });
      return Array.isArray(ids) ? ids.map(String) : [];
    } catch {
      return null;
    }
  }
}
