/**
 * One share of the edition's documents for `build --shard K/N`: a document belongs to the
 * share its id's hash falls in, whatever the order of files or the machine.
 */
import { hashOf } from './cache.js';

export interface Shard {
  /** 1 … n */
  k: number;
  n: number;
}

/** Parse "K/N" (1 ≤ K ≤ N); throws with the reason. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`--shard takes K/N (e.g. 1/4), not "${text}"`);
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || k < 1 || k > n) throw new Error(`--shard ${text}: K must be between 1 and N`);
  return { k, n };
}

export function inShard(stem: string, shard: Shard): boolean {
  return parseInt(hashOf(stem).slice(0, 8), 16) % shard.n === shard.k - 1;
}

/** The default folder of a shard's build, inside the editions folder. */
export function shardFolderName(shard: Shard): string {
  return `shard-${shard.k}-of-${shard.n}`;
}
