#!/usr/bin/env node
// Conversion quality: import every corpus with gold alignments (tests/corpus) into a temporary
// folder, as `tei-edition import <files> --out DIR --names input` does, and score the TEI against
// the gold (src/quality): validity, text conservation, speaker turns (P/R/F1, boundary F1),
// attribution, footnote anchors, editorial brackets and their confusion table, per document and
// pooled. The last lines printed are the pooled figures of each corpus.
//
//   npm run build && node bench/quality.js [--json] [--validate] [--out DIR]
//
//   --json      print the figures as JSON instead of the tables
//   --validate  validate the TEI while importing, as the CLI does (slower; an invalid document
//               is not written and scores 0)
//   --out DIR   keep the imported TEI in DIR/<corpus> (default: a temporary folder, removed)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const json = args.includes('--json');
const validate = args.includes('--validate');

const CORPORA = ['frus-sample', 'conventions/upper', 'conventions/caps-period', 'dracor-de-sample'];

for (const built of ['dist/index.js', 'dist/quality/index.js'])
  if (!existsSync(path.join(repo, built))) {
    console.error(`bench/quality.js: run \`npm run build\` first (${built} is missing)`);
    process.exit(2);
  }
const { importFiles } = await import(path.join(repo, 'dist/index.js'));
const { scoreCorpus, documentTable, confusionTable, summaryTable, goldSummary } = await import(path.join(repo, 'dist/quality/index.js'));

const kept = option('--out');
const work = kept ? path.resolve(kept) : mkdtempSync(path.join(tmpdir(), 'tei-edition-quality-'));
const started = performance.now();
const corpora = [];
try {
  for (const name of CORPORA) {
    const goldDir = path.join(repo, 'tests', 'corpus', name);
    // The transcripts that have a gold alignment (a folder may hold a README too).
    const inputs = readdirSync(goldDir)
      .filter((f) => f.endsWith('.gold.json'))
      .sort()
      .map((f) => path.join(goldDir, f.replace(/\.gold\.json$/, '.txt')))
      .filter((f) => existsSync(f));
    const outDir = path.join(work, name);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const t0 = performance.now();
    const results = await importFiles(inputs, { outDir, personsPath: null, nameFromInput: true, validate, importDate: '2026-01-01', force: true });
    const importSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const score = scoreCorpus(goldDir, outDir);
    const scoreSeconds = (performance.now() - t1) / 1000;
    const failed = results
      .filter((r) => r.status === 'failed')
      .map((r) => ({ input: path.basename(r.input), errors: r.file.messages.filter((m) => m.fatal).map((m) => `${m.ruleId}: ${m.reason}`) }));
    corpora.push({ name, goldDir: path.relative(repo, goldDir), imported: results.length - failed.length, failed, importSeconds, scoreSeconds, score });
  }
} finally {
  if (!kept) rmSync(work, { recursive: true, force: true });
}
const seconds = (performance.now() - started) / 1000;

if (json) {
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    validate,
    seconds,
    corpora: corpora.map(({ score, ...c }) => ({
      ...c,
      macro: score.macro,
      micro: score.micro,
      confusion: score.confusion,
      documents: score.documents.map((d) => ({ ...d, missingWords: d.missingWords.slice(0, 50) })),
    })),
  };
  console.log(JSON.stringify(out, null, 1));
} else {
  for (const c of corpora) {
    console.log(`== ${c.name}: ${goldSummary(c.score)}`);
    console.log(`import${validate ? ' (with validation)' : ''}: ${c.imported} of ${c.imported + c.failed.length} imported in ${c.importSeconds.toFixed(2)} s; scored in ${c.scoreSeconds.toFixed(2)} s`);
    for (const f of c.failed) console.log(`  failed: ${f.input}: ${f.errors[0] ?? 'no diagnostic'}`.slice(0, 160));
    for (const line of documentTable(c.score)) console.log(line);
    for (const line of confusionTable(c.score.confusion)) console.log(line);
    console.log('');
  }
  console.log(`quality, pooled per corpus (MICRO: pooled counts; MACRO: mean over the documents where a metric applies; -: no gold items)`);
  for (const line of summaryTable(corpora)) console.log(line);
  console.log(`${corpora.reduce((n, c) => n + c.score.documents.length, 0)} documents imported and scored in ${seconds.toFixed(1)} s (import ${corpora.reduce((s, c) => s + c.importSeconds, 0).toFixed(1)} s${validate ? ' with validation' : ', without validation'}, scoring ${corpora.reduce((s, c) => s + c.scoreSeconds, 0).toFixed(1)} s)`);
}
