/**
 * The TEI documents of a build, read once: the folder listed with lstat (what is not a regular
 * file is reported and skipped), each file read within the size limit, and the documents that
 * would collide in the edition found: two files that make one page (names that differ only in
 * case or in characters a page name cannot have: `wilson:208236.xml` and `wilson-208236.xml`)
 * or that have one document id. Neither of two such documents is built from this version.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { listTeiSources, pageStemIn } from '../publish/edition-files.js';
import { listFolder, NotAFileError, readRegularFileSync, TooLargeError, type Skipped } from '../util/inputs.js';
import { defaultLimits, tooLarge } from '../validate/scan.js';
import { hashOf } from './cache.js';
import { problemOf } from './counter.js';
import type { Problem } from './events.js';

/** A TEI document of the edition, read once. */
export interface TeiInput {
  file: string;
  stem: string;
  /** Null when the file could not be read (the problems say why). */
  bytes: Buffer | null;
  sha: string;
  /** What stops this version before validation (unreadable, too large, a collision). */
  problems: Problem[];
}

/** The TEI files of a folder (the persons register left out), read and checked for collisions. */
export function readTeiFolder(dir: string, options: { maxBytes?: number; exclude?: string[] } = {}): { docs: TeiInput[]; skipped: Skipped[]; notTei: { file: string; root: string }[] } {
  if (!existsSync(dir)) return { docs: [], skipped: [], notTei: [] };
  const exclude = new Set(['persons.xml', ...(options.exclude ?? [])]);
  // The folder itself with lstat (what is not a regular file is reported), and the TEI of its
  // subfolders (a library's tree of plays, inscriptions with the files they include); XML that
  // is not a TEI document (an XInclude's target, a taxonomy) is told and left out.
  const { files: top, skipped } = listFolder(dir, ['.xml'], (name) => exclude.has(name));
  const tei = listTeiSources(dir);
  const notTei = tei.skipped.filter((s) => !(exclude.has(path.basename(s.file)) && path.dirname(s.file) === path.join(dir)));
  const notTeiFiles = new Set(notTei.map((s) => s.file));
  const deeper = tei.files.filter((f) => path.relative(dir, f).includes(path.sep));
  const files = [...top.filter((f) => !notTeiFiles.has(f)), ...deeper];
  const maxBytes = options.maxBytes ?? defaultLimits.maxBytes;
  const docs = files.map((file) => readTei(file, pageStemIn(dir, file), maxBytes));
  markCollisions(docs);
  return { docs, skipped, notTei };
}

function readTei(file: string, stem: string, maxBytes: number): TeiInput {
  try {
    const bytes = readRegularFileSync(file, maxBytes);
    return { file, stem, bytes, sha: hashOf(bytes), problems: [] };
  } catch (error) {
    let problem: Problem;
    if (error instanceof TooLargeError) {
      const big = tooLarge(error.size, { maxBytes, maxDepth: defaultLimits.maxDepth })!;
      problem = { reason: big.reason, ruleId: big.ruleId, source: 'xml', fatal: true, severity: 'error' };
    } else {
      const reason = error instanceof NotAFileError ? error.message : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
      problem = { reason: `The file cannot be read: ${reason}.`, ruleId: 'read-error', source: 'xml', fatal: true, severity: 'error' };
    }
    return { file, stem, bytes: null, sha: '', problems: [problem] };
  }
}

/** The document id of a TEI text (the root element's xml:id), read from its start tag. */
export function teiIdOf(bytes: Buffer): string | undefined {
  const start = /<(?:[A-Za-z_][\w.-]*:)?TEI\b([^>]*)>/;
  // The first 4 KiB hold the start tag but after a long prolog (the first match in them is the first in 64 KiB).
  const root = start.exec(bytes.subarray(0, 4096).toString('utf8')) ?? start.exec(bytes.subarray(0, 64 * 1024).toString('utf8'));
  return root ? /\sxml:id\s*=\s*["']([^"']*)["']/.exec(root[1]!)?.[1] : undefined;
}

function markCollisions(docs: TeiInput[]): void {
  const group = (key: (d: TeiInput) => string | undefined) => {
    const map = new Map<string, TeiInput[]>();
    for (const d of docs) {
      const k = d.bytes ? key(d) : undefined;
      if (k !== undefined) map.set(k, [...(map.get(k) ?? []), d]);
    }
    return [...map.values()].filter((g) => g.length > 1);
  };
  const names = (ds: TeiInput[]) => ds.map((d) => path.basename(d.file)).join(', ');
  for (const g of group((d) => d.stem.toLowerCase())) {
    for (const d of g) {
      const others = g.filter((o) => o !== d);
      d.problems.push(problemOf('duplicate-page', `${names(others)} and this file make the same page, ${d.stem}.html (page names keep letters, digits, ".", "_" and "-", and do not tell case apart): neither is built from this version. Rename one.`));
    }
  }
  for (const g of group((d) => teiIdOf(d.bytes!))) {
    for (const d of g) {
      if (d.problems.some((p) => p.ruleId === 'duplicate-page')) continue;
      const others = g.filter((o) => o !== d);
      d.problems.push(problemOf('duplicate-tei-id', `${names(others)} ${others.length === 1 ? 'has' : 'have'} the same document id, ${teiIdOf(d.bytes!)} (TEI/@xml:id): neither is built from this version. Give each its own id.`));
    }
  }
}
