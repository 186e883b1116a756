/** The catalogue of rule ids (src/diagnostics/rules.ts) and its documentation (docs/rules.md) say the same. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/diagnostics/rules.js';

const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/rules.md'), 'utf8');

describe('docs/rules.md', () => {
  it('has one row per rule of the catalogue, with its stage, severity and meaning, in the same order', () => {
    const rows = [...doc.matchAll(/^\| <a id="([^"]+)"><\/a>`([^`]+)` \| ([^|]+) \| ([^|]+) \| (.*) \|$/gm)].map((m) => ({ anchor: m[1], id: m[2], source: m[3]!.trim(), severity: m[4]!.trim(), summary: m[5]!.replace(/\\\|/g, '|').trim() }));
    expect(rows.map((r) => r.id)).toEqual(Object.keys(rules));
    for (const r of rows) {
      const rule = rules[r.id as keyof typeof rules];
      expect(r.anchor).toBe(r.id);
      expect([r.source, r.severity, r.summary]).toEqual([rule.source, rule.severity, rule.summary]);
    }
  });
});
