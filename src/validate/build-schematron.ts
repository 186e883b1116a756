/**
 * Precompile a Schematron schema for SaxonJS: Schematron → XSLT (schematron-compile.ts) →
 * SEF (xslt3, a development dependency, run in Node: no Java). Writes
 * `<schema dir>/compiled/<name>.sef.json` and `<name>.sha256` (the hash of the XSLT, which
 * schematron.ts compares before using the SEF).
 *
 *   node dist/validate/build-schematron.js [schema/tei-edition.sch] [--force]
 *
 * Run it after editing the rules or the compiler; a test fails while the SEF is stale.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileSchematron } from './schematron-compile.js';
import { compiledPaths } from './schematron.js';

export const projectSchematron = fileURLToPath(new URL('../../schema/tei-edition.sch', import.meta.url));

export function buildSchematron(schPath: string = projectSchematron, force = false): { sef: string; sha256: string; built: boolean } {
  const { xslt } = compileSchematron(readFileSync(schPath, 'utf8'));
  const sha256 = createHash('sha256').update(xslt).digest('hex');
  const where = compiledPaths(schPath);
  // SaxonJS stamps the build time into the SEF: keep the file when the rules are unchanged.
  if (!force && existsSync(where.sef) && existsSync(where.sha256) && readFileSync(where.sha256, 'utf8').trim() === sha256) {
    return { sef: where.sef, sha256, built: false };
  }
  const xslt3 = createRequire(import.meta.url).resolve('xslt3/xslt3.js');
  const tmp = mkdtempSync(join(tmpdir(), 'tei-edition-sch-'));
  try {
    const xslPath = join(tmp, 'rules.xsl');
    writeFileSync(xslPath, xslt);
    mkdirSync(dirname(where.sef), { recursive: true });
    execFileSync(process.execPath, [xslt3, `-xsl:${xslPath}`, `-export:${where.sef}`, '-nogo', '-relocate:on'], { stdio: ['ignore', 'ignore', 'pipe'] });
    writeFileSync(where.sha256, `${sha256}\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { sef: where.sef, sha256, built: true };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const target = args.find((a) => !a.startsWith('--'));
  const { sef, sha256, built } = buildSchematron(target ? resolve(target) : projectSchematron, args.includes('--force'));
  process.stdout.write(`${sef} ${built ? 'written' : 'up to date'} (XSLT sha256 ${sha256})\n`);
}
