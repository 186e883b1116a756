/**
 * The resource limits, one set of options for every command that reads input (import,
 * validate, build, serve), parsed the same way everywhere; each limit's message names the
 * option that changes it.
 *
 *   --max-size SIZE   the largest file read: a transcript (default 16 MiB) or a TEI
 *                     document (default 32 MiB); given, it is the limit of both
 *   --max-depth N     the deepest nesting of elements in a TEI document (default 200)
 *   --timeout-ms MS   the time per document for reading and recognising a transcript (default none)
 */
import { UsageError } from './io.js';

export interface Limits {
  /** Largest input file, in bytes (transcripts and TEI documents). */
  maxBytes?: number;
  maxDepth?: number;
  timeoutMs?: number;
}

export const limitOptions = {
  'max-size': { type: 'string' },
  'max-depth': { type: 'string' },
  'timeout-ms': { type: 'string' },
} as const;

/** A size: a whole number of bytes, or a number with KB, MB or GB (1024-based; K, M, G also). */
export function parseSize(value: string, option = '--max-size'): number {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|kib|mb|m|mib|gb|g|gib)?$/i.exec(value.trim());
  const unit = (m?.[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const bytes = m ? Math.floor(Number(m[1]) * factor) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new UsageError(`${option} takes a size: a whole number of bytes, or with KB, MB or GB (e.g. 16777216, 500KB, 50MB), not "${value}"`);
  return bytes;
}

export function parseDepth(value: string, option = '--max-depth'): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${option} takes a whole number of levels, not "${value}"`);
  return Number(value);
}

export function parseTimeout(value: string, option = '--timeout-ms'): number {
  const ms = Number(value);
  if (!(/^\d+$/.test(value) && Number.isInteger(ms) && ms > 0)) throw new UsageError(`${option} takes a whole number of milliseconds`);
  return ms;
}

/** The limits given among parsed option values (what is not given keeps its default). */
export function parseLimits(values: { 'max-size'?: string | undefined; 'max-depth'?: string | undefined; 'timeout-ms'?: string | undefined }): Limits {
  return {
    ...(values['max-size'] !== undefined ? { maxBytes: parseSize(values['max-size']) } : {}),
    ...(values['max-depth'] !== undefined ? { maxDepth: parseDepth(values['max-depth']) } : {}),
    ...(values['timeout-ms'] !== undefined ? { timeoutMs: parseTimeout(values['timeout-ms']) } : {}),
  };
}
