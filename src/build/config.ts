/**
 * The edition's configuration: `tei-edition.config.json` in the edition's folder. Every key is
 * optional; an unknown key, or a value of the wrong kind, is an error that names the key.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export type Output = 'html' | 'pdf' | 'epub';
export type PageSize = 'a4' | 'letter' | 'trade';
/** How the print edition writes the dates of its contents, document heads and list of sources. */
export type DateStyle = 'long' | 'month-day' | 'iso' | 'source';
/**
 * What `build` validates the TEI against: the edition's own schema (grammar and Schematron),
 * the full TEI P5 schema shipped with tei-edition, any RELAX NG grammar (an absolute path), or
 * nothing (a document is then left out only when it cannot be read).
 */
export type SchemaChoice = 'edition' | 'tei_all' | 'none' | { rng: string };

export interface EditionConfig {
  /** The folder the configuration's paths are resolved from. */
  root: string;
  /** The configuration file read, if any. */
  file: string | null;
  title?: string;
  editors: string[];
  publisher?: string;
  licence?: string;
  /** Where the edition is published (citations' URLs); without it citations carry no URL. */
  baseUrl?: string;
  /** When the edition was published: a year, year-month or date (YYYY, YYYY-MM, YYYY-MM-DD). */
  published?: string;
  /** What the edition's home page says of it: plain-text paragraphs. */
  description?: string[];
  /** The web edition's own look: a CSS file linked after edition.css, a page frame (XHTML); the largest index page in bytes before it is split (default 1,000,000). */
  web: { css?: string; template?: string; indexPageBytes?: number };
  paths: { transcripts: string; tei: string; persons: string; out: string };
  pageSize: PageSize;
  /** The print edition's date style (default "long"). */
  dateStyle: DateStyle;
  outputs: Output[];
  schema: SchemaChoice;
}

export const CONFIG_FILE = 'tei-edition.config.json';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const defaults = { transcripts: 'source/transcripts', tei: 'source/tei', persons: 'source/persons.xml', out: 'editions' };
const topKeys = ['$schema', 'title', 'editors', 'publisher', 'licence', 'baseUrl', 'published', 'description', 'web', 'paths', 'pageSize', 'dateStyle', 'outputs', 'schema'] as const;
const webKeys = ['css', 'template', 'indexPageBytes'] as const;
const pageSizes: PageSize[] = ['a4', 'letter', 'trade'];
const dateStyles: DateStyle[] = ['long', 'month-day', 'iso', 'source'];
const outputs: Output[] = ['html', 'pdf', 'epub'];
/** What is built when the configuration names no outputs. */
const defaultOutputs: Output[] = ['html', 'pdf'];

/**
 * A schema named on the command line or in the configuration: "edition", "tei_all", "none", or
 * the path of a RELAX NG grammar in XML syntax (resolved from `root`). Throws a message that
 * says what is accepted; the caller names the flag or the key.
 */
export function parseSchemaChoice(value: unknown, root: string): SchemaChoice {
  if (value === 'edition' || value === 'tei_all' || value === 'none') return value;
  if (typeof value !== 'string' || !value.trim()) throw new Error('must be "edition", "tei_all", "none" or the path of a RELAX NG grammar (.rng)');
  if (!/\.rng$/i.test(value)) throw new Error(`must be "edition", "tei_all", "none" or the path of a RELAX NG grammar in XML syntax (.rng), not "${value}"`);
  const file = path.resolve(root, value);
  if (!existsSync(file)) throw new Error(`names ${file}: no such file`);
  return { rng: file };
}

/** The schema as the build reports it: "edition", "tei_all", "none" or the grammar's path. */
export function schemaLabel(choice: SchemaChoice): string {
  return typeof choice === 'string' ? choice : choice.rng;
}

/**
 * What is wrong with a base URL (null: nothing): it must be an http(s) address, and not one of
 * this machine (localhost, 127.x, [::1]), which no reader of a citation can follow.
 */
export function baseUrlProblem(value: string): string | null {
  if (!/^https?:\/\/[^\s"'<>\\]+$/.test(value)) return `must be an http(s) address, not "${value}"`;
  let host: string;
  try {
    host = new URL(value).hostname;
  } catch {
    return `must be an http(s) address, not "${value}"`;
  }
  if (/^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/i.test(host)) return `must be the address where the edition is published, not this machine's ("${value}")`;
  return null;
}

/** A year, year-month or calendar date (ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD) that exists. */
export function isPublishedDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), m[2] === undefined ? 1 : Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return mo >= 1 && mo <= 12 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Read and check the configuration of the edition in `root` (defaults when there is no file). */
export function loadConfig(root: string, file?: string): EditionConfig {
  const configPath = file ? path.resolve(root, file) : path.join(root, CONFIG_FILE);
  const base = file ? path.dirname(configPath) : root;
  if (!existsSync(configPath)) {
    if (file) throw new ConfigError(`${configPath}: no such file`);
    return resolveConfig(base, null, {});
  }
  const text = readFileSync(configPath, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${configPath}: not valid JSON: ${(error as Error).message}`);
  }
  return resolveConfig(base, configPath, raw);
}

/** Check a parsed configuration; paths are resolved from `root`. */
export function resolveConfig(root: string, file: string | null, raw: unknown): EditionConfig {
  const where = file ?? CONFIG_FILE;
  const fail = (key: string, message: string): never => {
    throw new ConfigError(`${where}: "${key}" ${message}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${where}: the configuration must be a JSON object`);
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!(topKeys as readonly string[]).includes(key)) fail(key, `is not a configuration key (known keys: ${topKeys.filter((k) => k !== '$schema').join(', ')})`);
  const text = (key: string, value: unknown): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !value.trim()) fail(key, 'must be a non-empty string');
    return value as string;
  };
  const editors = o['editors'] === undefined ? [] : o['editors'];
  if (!Array.isArray(editors) || editors.some((e) => typeof e !== 'string' || !e.trim())) fail('editors', 'must be a list of names (strings)');
  const baseUrl = text('baseUrl', o['baseUrl']);
  const baseProblem = baseUrl === undefined ? null : baseUrlProblem(baseUrl);
  if (baseProblem) fail('baseUrl', baseProblem);
  const published = o['published'] === undefined ? undefined : typeof o['published'] === 'number' ? String(o['published']) : text('published', o['published']);
  if (published !== undefined && !isPublishedDate(published)) fail('published', `must be a year, year-month or date (YYYY, YYYY-MM or YYYY-MM-DD), not ${JSON.stringify(o['published'])}`);
  // The description: a string (paragraphs apart by an empty line) or a list of paragraphs.
  let description: string[] | undefined;
  const rawDescription = o['description'];
  if (rawDescription !== undefined) {
    const paras = typeof rawDescription === 'string' ? rawDescription.split(/\n[ \t]*\n/) : rawDescription;
    if (!Array.isArray(paras) || paras.some((x) => typeof x !== 'string')) fail('description', 'must be plain text (paragraphs apart by an empty line) or a list of paragraphs (strings)');
    description = (paras as string[]).map((x) => x.replace(/\s+/g, ' ').trim()).filter(Boolean);
    if (!description.length) fail('description', 'must not be empty');
    if (description.some((x) => /[<>]/.test(x) && /<\/?[A-Za-z][^>]*>/.test(x))) fail('description', 'is plain text: no markup (write paragraphs apart by an empty line)');
  }
  // The web edition's look: files inside the project folder only.
  const rawWeb = o['web'] ?? {};
  if (typeof rawWeb !== 'object' || rawWeb === null || Array.isArray(rawWeb)) fail('web', 'must be an object (css, template, indexPageBytes)');
  const web: { css?: string; template?: string; indexPageBytes?: number } = {};
  for (const [key, value] of Object.entries(rawWeb as Record<string, unknown>)) {
    if (!(webKeys as readonly string[]).includes(key)) fail(`web.${key}`, `is not a key of the web edition (known: ${webKeys.join(', ')})`);
    if (key === 'indexPageBytes') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1000) fail('web.indexPageBytes', 'must be a whole number of bytes, 1000 or more');
      web.indexPageBytes = value as number;
      continue;
    }
    const file = path.resolve(root, text(`web.${key}`, value)!);
    const rel = path.relative(root, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) fail(`web.${key}`, `names ${file}, outside the project folder ${root}: only files inside it are read`);
    if (!existsSync(file) || !statSync(file).isFile()) fail(`web.${key}`, `names ${file}: no such file`);
    if (key === 'css' && !/\.css$/i.test(file)) fail('web.css', `must name a .css file, not ${file}`);
    if (key === 'template') {
      const t = readFileSync(file, 'utf8');
      if (!/data-tei-edition\s*=\s*["']main["']/.test(t)) fail('web.template', `${file} has no element marked data-tei-edition="main" (where each page's content goes)`);
    }
    web[key as 'css' | 'template'] = file;
  }
  const rawPaths = o['paths'] ?? {};
  if (typeof rawPaths !== 'object' || rawPaths === null || Array.isArray(rawPaths)) fail('paths', 'must be an object (transcripts, tei, persons, out)');
  const paths = { ...defaults };
  for (const [key, value] of Object.entries(rawPaths as Record<string, unknown>)) {
    if (!(key in defaults)) fail(`paths.${key}`, `is not a path of the edition (known: ${Object.keys(defaults).join(', ')})`);
    paths[key as keyof typeof defaults] = text(`paths.${key}`, value)!;
  }
  for (const key of Object.keys(paths) as (keyof typeof paths)[]) paths[key] = path.resolve(root, paths[key]);
  const pageSize = o['pageSize'] ?? 'a4';
  if (!pageSizes.includes(pageSize as PageSize)) fail('pageSize', `must be one of ${pageSizes.join(', ')}, not ${JSON.stringify(pageSize)}`);
  const dateStyle = o['dateStyle'] ?? 'long';
  if (!dateStyles.includes(dateStyle as DateStyle)) fail('dateStyle', `must be one of ${dateStyles.map((x) => `"${x}"`).join(', ')} ("long": 23 April 1968, in German 23. April 1968; "month-day": April 23, 1968; "iso": 1968-04-23; "source": as the TEI writes it), not ${JSON.stringify(dateStyle)}`);
  const outs = o['outputs'] ?? defaultOutputs;
  if (!Array.isArray(outs) || outs.length === 0 || outs.some((x) => !outputs.includes(x as Output))) fail('outputs', `must be a non-empty list of ${outputs.map((x) => `"${x}"`).join(', ')}`);
  let schema: SchemaChoice = 'edition';
  if (o['schema'] !== undefined) {
    try {
      schema = parseSchemaChoice(o['schema'], root);
    } catch (error) {
      fail('schema', (error as Error).message);
    }
  }
  const title = text('title', o['title']);
  const publisher = text('publisher', o['publisher']);
  const licence = text('licence', o['licence']);
  return {
    root,
    file,
    ...(title ? { title } : {}),
    editors: editors as string[],
    ...(publisher ? { publisher } : {}),
    ...(licence ? { licence } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ...(published ? { published } : {}),
    ...(description ? { description } : {}),
    web,
    paths,
    pageSize: pageSize as PageSize,
    dateStyle: dateStyle as DateStyle,
    outputs: [...new Set(outs as Output[])],
    schema,
  };
}
