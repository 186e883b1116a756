/** The commands `build`, `serve` and `merge`: arguments and configuration → build options. */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliIo } from '../cli/io.js';
import { limitOptions, parseLimits } from '../cli/limits.js';
import { baseUrlProblem, ConfigError, loadConfig, parseSchemaChoice, type EditionConfig, type Output, type PageSize, type SchemaChoice } from './config.js';
import { MergeError, mergeShards } from './merge.js';
import { buildEdition, type BuildOptions } from './pipeline.js';
import { createReporter, type ProgressMode } from './progress.js';
import { parseShard, shardFolderName } from './shard.js';
import { abortActiveStages } from './staged-dir.js';

export const buildHelp = `Usage: tei-edition build [--html] [--pdf] [--epub] [options]

Build the edition in this folder, as tei-edition.config.json describes it: import the
transcripts that are new or changed (every format import reads), validate the TEI, build the
web edition, the print edition and the EPUB edition (editions/epub/edition.epub), as the
configuration's "outputs" says. Only what changed since the last build is done again; with
nothing changed, no output file is touched. Every message of every stage is printed with
its rule id. A document that fails is reported; its last good version stays published (page
and PDF), or, never published, it is left out; the rest is built.

Options:
  --html, --pdf, --epub
                      build only these editions (default: the configuration's "outputs")
  --config FILE       the configuration (default tei-edition.config.json, if there)
  --source DIR        folder of TEI documents (default "paths.tei"); with it, nothing is imported
  --out DIR           with exactly one of --html/--pdf/--epub: that edition's folder (default
                      editions/html, editions/print, editions/epub); else the folder holding
                      html/, print/ and epub/
  --persons FILE      persons register (default "paths.persons", else persons.xml in or beside --source)
  --title TEXT        the edition's title (default "title")
  --base-url URL      where the edition will be published (the URL of every citation; default "baseUrl")
  --page-size SIZE    a4, letter or trade (print edition; default "pageSize")
  --chromium PATH     the Chromium that lays out the PDFs (default $TEI_EDITION_CHROMIUM, else /usr/bin/chromium)
  --jobs N            worker threads (default: the number of cores)
  --shard K/N         build share K of N of the documents (web edition, from the TEI as it is:
                      no import) into editions/shard-K-of-N; join them with "tei-edition merge"
  --schema SCHEMA     what the TEI is validated against (default: the configuration's "schema", else edition):
                        edition   the edition's own grammar and Schematron rules
                        tei_all   the full TEI P5 schema (for TEI from other projects)
                        PATH.rng  any RELAX NG grammar (a project's own customisation)
                        none      no validation (a document is left out only if unreadable)
                      Files tei-edition imported are always checked against the edition's
                      schema (unless none); the others against SCHEMA. Invalid ones are left out.
  --no-validate       the same as --schema none
  --max-size SIZE     the largest file read, in bytes or with KB, MB, GB (default: 16MB
                      for a transcript, 32MB for a TEI document; given, both)
  --max-depth N       the deepest nesting of elements in a TEI document (default 200)
  --timeout-ms MS     time limit per transcript for reading and recognising it (default: none)
  --cache DIR         the build cache (default .tei-edition-cache)
  --json              one JSON object per event on stdout (the last, "done", is the account)
  -h, --help          show this help
Exit status: 0 built, 1 a document failed (the others are built), 2 usage or configuration error.`;

export const mergeHelp = `Usage: tei-edition merge <shard folders…> [--out DIR] [--persons FILE] [--jobs N] [--json]

Join the shares built by "tei-edition build --shard K/N" into the web edition (default
editions/html) and build the pages of the whole edition (index, persons, search): the
result is the same, byte for byte, as one build of all the documents.
Exit status: 0 merged, 2 usage error or the shards do not fit together.`;

export const serveHelp = `Usage: tei-edition serve [--port N] [--host HOST] [build options]

Build the web edition, serve it on http://localhost:PORT/ (default 8080), and build again
whenever a transcript, TEI document, the persons register or the configuration changes; open
pages reload by themselves. The reload script is added to the pages served, never to the
files built. Stop with Ctrl-C.`;

const buildOptionsSpec = {
  html: { type: 'boolean' },
  pdf: { type: 'boolean' },
  epub: { type: 'boolean' },
  config: { type: 'string' },
  source: { type: 'string' },
  out: { type: 'string' },
  persons: { type: 'string' },
  title: { type: 'string' },
  'base-url': { type: 'string' },
  'page-size': { type: 'string' },
  chromium: { type: 'string' },
  jobs: { type: 'string' },
  shard: { type: 'string' },
  'no-validate': { type: 'boolean' },
  ...limitOptions,
  schema: { type: 'string' },
  cache: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export class UsageProblem extends Error {}

function parseLimitsOf(values: BuildValues) {
  try {
    return parseLimits(values);
  } catch (error) {
    throw new UsageProblem((error as UsageError).message);
  }
}

type BuildValues = { [K in keyof typeof buildOptionsSpec]?: (typeof buildOptionsSpec)[K]['type'] extends 'boolean' ? boolean : string };

/** Resolve flags and configuration into what the build needs. */
export function resolveBuildOptions(values: BuildValues, io: CliIo, forceOutputs?: Output[]): { options: Omit<BuildOptions, 'emit'>; config: EditionConfig; mode: ProgressMode } {
  const root = values.config ? path.dirname(path.resolve(values.config)) : process.cwd();
  const config = loadConfig(root, values.config ? path.resolve(values.config) : undefined);
  const flagged: Output[] = [...(values.html ? ['html' as const] : []), ...(values.pdf ? ['pdf' as const] : []), ...(values.epub ? ['epub' as const] : [])];
  const outputs = forceOutputs ?? (flagged.length ? flagged : config.outputs);
  const pageSize = (values['page-size'] ?? config.pageSize) as PageSize;
  if (!['a4', 'letter', 'trade'].includes(pageSize)) throw new UsageProblem(`--page-size takes a4, letter or trade, not "${pageSize}"`);
  const jobs = values.jobs === undefined ? Math.max(1, availableParallelism()) : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new UsageProblem(`--jobs takes a whole number from 1 to 256, not "${values.jobs}"`);
  let shard;
  try {
    shard = values.shard === undefined ? undefined : parseShard(values.shard);
  } catch (error) {
    throw new UsageProblem((error as Error).message);
  }
  if (shard && (values.pdf || values.epub)) throw new UsageProblem(`--shard builds the web edition only; build the ${values.pdf ? 'print' : 'EPUB'} edition once, after merging`);
  const tei = values.source ? path.resolve(values.source) : config.paths.tei;
  if (!existsSync(tei) && (values.source || !existsSync(config.paths.transcripts))) throw new UsageProblem(`${values.source ?? path.relative(root, tei)}: no such folder of TEI documents`);
  if (values.persons && !existsSync(values.persons)) throw new UsageProblem(`${values.persons}: no such file`);
  const persons = values.persons ? path.resolve(values.persons) : values.source ? undefined : config.paths.persons;
  // A shard builds from the TEI as it is: shards running at once must not import into the same folder.
  const transcripts = !values.source && !shard && existsSync(config.paths.transcripts) ? config.paths.transcripts : undefined;
  const single = flagged.length === 1 && values.out !== undefined;
  const outRoot = values.out && !single ? path.resolve(values.out) : config.paths.out;
  const htmlOut = shard ? (values.out ? path.resolve(values.out) : path.join(config.paths.out, shardFolderName(shard))) : single && flagged[0] === 'html' ? path.resolve(values.out!) : path.join(outRoot, 'html');
  const pdfOut = single && flagged[0] === 'pdf' ? path.resolve(values.out!) : path.join(outRoot, 'print');
  const epubOut = single && flagged[0] === 'epub' ? path.resolve(values.out!) : path.join(outRoot, 'epub');
  let schema: SchemaChoice = config.schema;
  if (values.schema !== undefined) {
    try {
      schema = parseSchemaChoice(values.schema, process.cwd());
    } catch (error) {
      throw new UsageProblem(`--schema ${(error as Error).message}`);
    }
  }
  if (values['no-validate']) {
    if (values.schema !== undefined && schema !== 'none') throw new UsageProblem(`--no-validate and --schema ${values.schema} contradict each other`);
    schema = 'none';
  }
  const title = values.title ?? config.title;
  const baseUrl = values['base-url'] ?? config.baseUrl;
  const baseProblem = values['base-url'] !== undefined ? baseUrlProblem(values['base-url']) : null;
  if (baseProblem) throw new UsageProblem(`--base-url ${baseProblem}`);
  const options: Omit<BuildOptions, 'emit'> = {
    config,
    outputs: shard ? ['html'] : outputs,
    jobs,
    tei,
    ...(transcripts ? { transcripts } : {}),
    ...(persons ? { persons } : {}),
    htmlOut,
    pdfOut,
    epubOut,
    cacheDir: values.cache ? path.resolve(values.cache) : path.join(root, '.tei-edition-cache'),
    ...(title ? { title } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ...(config.editors.length ? { author: config.editors.join(', ') } : {}),
    pageSize,
    dateStyle: config.dateStyle,
    pdfRequested: Boolean(values.pdf),
    ...(values.chromium ? { chromium: values.chromium } : {}),
    validate: schema !== 'none',
    schema,
    ...(shard ? { shard } : {}),
    limits: parseLimitsOf(values),
  };
  return { options, config, mode: values.json ? 'json' : io.color ? 'tty' : 'plain' };
}

function parse(argv: string[], extra: Record<string, { type: 'string' | 'boolean' }>, positionals: boolean) {
  return parseArgs({ args: argv, options: { ...buildOptionsSpec, ...extra }, allowPositionals: positionals, allowNegative: false, strict: true });
}

function usage(io: CliIo, command: string, message: string, help: string): number {
  io.stderr(`tei-edition ${command}: ${message}\n${help}\n`);
  return 2;
}

export async function runBuild(argv: string[], io: CliIo): Promise<number> {
  let values: BuildValues;
  try {
    ({ values } = parse(argv, {}, false));
  } catch (error) {
    return usage(io, 'build', (error as Error).message, buildHelp);
  }
  if (values.help) {
    io.stdout(`${buildHelp}\n`);
    return 0;
  }
  let resolved;
  try {
    resolved = resolveBuildOptions(values, io);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageProblem) {
      io.stderr(`tei-edition build: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const emit = createReporter(resolved.mode, io, resolved.config.root);
  // Ctrl-C: the edition stays as it was; what this build had staged is removed.
  const interrupted = (signal: NodeJS.Signals) => {
    abortActiveStages();
    io.stderr(`\ntei-edition build: interrupted (${signal}); the previous edition is unchanged\n`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const report = await buildEdition({ ...resolved.options, emit });
    return report.ok ? 0 : 1;
  } catch (error) {
    io.stderr(`tei-edition build: ${(error as Error).message}\n`);
    return 2;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

export async function runMerge(argv: string[], io: CliIo): Promise<number> {
  let values: BuildValues;
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv, {}, true));
  } catch (error) {
    return usage(io, 'merge', (error as Error).message, mergeHelp);
  }
  if (values.help) {
    io.stdout(`${mergeHelp}\n`);
    return 0;
  }
  if (!positionals.length) return usage(io, 'merge', 'give the shard folders to merge', mergeHelp);
  try {
    const { options, config, mode } = resolveBuildOptions({ ...values, html: true, shard: undefined }, io, ['html']);
    const emit = createReporter(mode, io, config.root);
    await mergeShards({ shards: positionals, target: values.out ? path.resolve(values.out) : options.htmlOut, ...(options.persons && existsSync(options.persons) ? { persons: options.persons } : {}), cacheDir: options.cacheDir, jobs: options.jobs, emit });
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageProblem || error instanceof MergeError) {
      io.stderr(`tei-edition merge: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

export async function runServe(argv: string[], io: CliIo): Promise<number> {
  let values: BuildValues & { port?: string; host?: string };
  try {
    ({ values } = parse(argv, { port: { type: 'string' }, host: { type: 'string' } }, false));
  } catch (error) {
    return usage(io, 'serve', (error as Error).message, serveHelp);
  }
  if (values.help) {
    io.stdout(`${serveHelp}\n`);
    return 0;
  }
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(io, 'serve', `--port takes a port number, not "${values.port}"`, serveHelp);
  let resolved;
  try {
    resolved = resolveBuildOptions({ ...values, html: true, pdf: false, shard: undefined }, io, ['html']);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageProblem) {
      io.stderr(`tei-edition serve: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const { serveEdition } = await import('./serve.js');
  const emit = createReporter(resolved.mode, io, resolved.config.root);
  const server = await serveEdition({ build: resolved.options, emit, port, host: values.host ?? '127.0.0.1', log: (s) => io.stdout(`${s}\n`) });
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
