/**
 * Compile the editions' XSLT (transform/html/html.xsl, transform/print/print.xsl,
 * transform/epub/epub.xsl and what
 * they include) to SEF for SaxonJS with xslt3 (a development dependency, run in Node: no
 * Java). Writes `dist/transform/NAME.sef.json` and `NAME.sha256` (the hash of every
 * stylesheet), so a stale SEF is recompiled and an unchanged one left alone.
 *
 *   node dist/publish/compile.js [--force]      (run by npm's build and prepare scripts)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project's transform/ folder (the same from src/publish and dist/publish). */
export const transformDir = fileURLToPath(new URL('../../transform/', import.meta.url));
/** Where the compiled stylesheet goes. */
export const sefDir = fileURLToPath(new URL('../../dist/transform/', import.meta.url));

function stylesheetFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...stylesheetFiles(path));
    else if (entry.name.endsWith('.xsl')) out.push(path);
  }
  return out;
}

/** The hash of every stylesheet under transform/ (names and contents). */
export function stylesheetHash(): string {
  const hash = createHash('sha256');
  for (const file of stylesheetFiles(transformDir)) hash.update(file.slice(transformDir.length)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Compile html.xsl to SEF unless the SEF already matches the stylesheets; returns its path. */
export function compileHtmlStylesheet(force = false): { sef: string; built: boolean } {
  return compileStylesheet('html', force);
}

/** Compile transform/NAME/NAME.xsl to SEF unless the SEF already matches the stylesheets. */
export function compileStylesheet(name: 'html' | 'print' | 'split' | 'epub' | 'cite', force = false): { sef: string; built: boolean } {
  const sef = join(sefDir, `${name}.sef.json`);
  const stamp = join(sefDir, `${name}.sha256`);
  const sha = stylesheetHash();
  if (!force && existsSync(sef) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === sha) return { sef, built: false };
  let xslt3: string;
  try {
    xslt3 = createRequire(import.meta.url).resolve('xslt3/xslt3.js');
  } catch {
    throw new Error(`the ${name} edition's stylesheet is not compiled (${sef}) and xslt3 is not installed: run "npm ci" then "npm run build"`);
  }
  mkdirSync(sefDir, { recursive: true });
  // Write beside and rename: several processes (test workers) may compile at once.
  const tmp = `${sef}.${process.pid}.tmp`;
  try {
    execFileSync(process.execPath, [xslt3, `-xsl:${join(transformDir, name, `${name}.xsl`)}`, `-export:${tmp}`, '-nogo', '-relocate:on'], { stdio: ['ignore', 'pipe', 'pipe'] });
    renameSync(tmp, sef);
  } catch (error) {
    rmSync(tmp, { force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`xslt3 could not compile transform/${name}/${name}.xsl: ${stderr || (error as Error).message}`);
  }
  writeFileSync(stamp, `${sha}\n`);
  return { sef, built: true };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const name of ['html', 'print', 'split', 'epub', 'cite'] as const) {
    const { sef, built } = compileStylesheet(name, process.argv.includes('--force'));
    process.stdout.write(`${sef} ${built ? 'written' : 'up to date'}\n`);
  }
}
