/**
 * The canonical-file checks: whether a TEI file is as tei-edition wrote it (its own checksum,
 * recorded in appInfo, still matches), changed by hand since, or not written by tei-edition at
 * all; and which transcript, at which version, it says it was imported from. Light enough for
 * a build with nothing to import (no importer loaded).
 */
import { createHash } from 'node:crypto';
import { CHECKSUM_PLACEHOLDER } from '../tei/write.js';

/** A TEI file of ours without what changes from one import to the next (date, own checksum). */
export function comparable(xml: string): string {
  return xml.replace(TEI_SUM, '$1$3').replace(/(<change type="import" when=")[^"]*"/, '$1"');
}

const TEI_SUM = /(<idno type="tei-sha256">)([0-9a-f]{64})(<\/idno>)/;

/** Record the checksum of the TEI as written (computed with the placeholder in its place). */
export function seal(xml: string): string {
  const sum = createHash('sha256').update(xml).digest('hex');
  return xml.replace(`<idno type="tei-sha256">${CHECKSUM_PLACEHOLDER}</idno>`, `<idno type="tei-sha256">${sum}</idno>`);
}

export type TeiState = { kind: 'foreign' } | { kind: 'edited' } | { kind: 'ours'; sourceChecksum: string; version: string };

/** Whether a TEI file is as tei-edition wrote it, changed since, or not ours at all. */
export function teiState(xml: string): TeiState {
  const m = TEI_SUM.exec(xml);
  if (!m) return { kind: 'foreign' };
  const unsealed = xml.replace(TEI_SUM, `$1${CHECKSUM_PLACEHOLDER}$3`);
  const sum = createHash('sha256').update(unsealed).digest('hex');
  if (sum !== m[2]) return { kind: 'edited' };
  return {
    kind: 'ours',
    sourceChecksum: /<idno type="source-sha256">([0-9a-f]{64})<\/idno>/.exec(xml)?.[1] ?? '',
    version: /<application ident="tei-edition" version="([^"]+)"/.exec(xml)?.[1] ?? '',
  };
}

/** The transcript a TEI file says it was imported from (appInfo), and its checksum; either may be missing (edited away, or not ours). */
export function recordedSource(xml: string): { ref?: string; checksum?: string } {
  const app = /<application\b[^>]*\bident="tei-edition"[\s\S]*?<\/application>/.exec(xml)?.[0] ?? '';
  const ref = /Imported from <ref target="([^"]*)"/.exec(app)?.[1];
  const checksum = /<idno type="source-sha256">([0-9a-f]{64})<\/idno>/.exec(app)?.[1];
  const unescape = (v: string) => v.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#10;/g, '\n').replace(/&#9;/g, '\t').replace(/&amp;/g, '&');
  return { ...(ref !== undefined ? { ref: unescape(ref) } : {}), ...(checksum ? { checksum } : {}) };
}
