/**
 * SaxonJS, loaded when first used.
 *
 * saxon-js is one large CommonJS module (about 0.4 s to load). It is required, not imported:
 * importing it from an ES module first scans its whole source for exports, which costs as much
 * again; and it is required only when a transformation or an XPath expression is first run, so
 * a build that finds nothing changed, `--help` and the importer never load it.
 */
import { createRequire } from 'node:module';

/** The part of SaxonJS 2 that tei-edition uses (saxon-js ships no types). */
export interface Saxon {
  transform(options: Record<string, unknown>): { principalResult: unknown };
  XPath: { evaluate(expression: string, context?: unknown, options?: Record<string, unknown>): unknown };
  getProcessorInfo(): { productVersion: string; productName: string };
}

let loaded: Saxon | undefined;

/** SaxonJS (required on the first call). */
export function saxon(): Saxon {
  return (loaded ??= createRequire(import.meta.url)('saxon-js') as Saxon);
}
