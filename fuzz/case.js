#!/usr/bin/env node
/**
 * One fuzz case: `node fuzz/case.js --seed S --case I` writes its bytes to stdout (or --out
 * FILE); with `--fixture KIND:STAGE:DETAIL` it is saved as a fixture in tests/fixtures/fuzz/
 * (as the campaign saves the cases it finds failing), with what went wrong.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus, repo } from './corpus.js';
import { makeCase } from './mutate.js';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '1' }, case: { type: 'string', default: '0' }, out: { type: 'string' }, fixture: { type: 'string' } } });
const c = makeCase(values.seed, Number(values.case), loadCorpus());
process.stderr.write(`case ${c.index} of seed ${c.seed}: ${c.kind} from ${c.base}, mutations ${c.mutations.join(', ')}, ${c.bytes.length} bytes\n`);
if (values.fixture) {
  const [kind, stage, ...detail] = values.fixture.split(':');
  const dir = path.join(repo, 'tests', 'fixtures', 'fuzz');
  const name = `${String(c.seed).replace(/[^A-Za-z0-9_-]/g, '_')}-${c.index}`;
  writeFileSync(path.join(dir, `${name}.${c.kind === 'tei' ? 'xml' : 'txt'}`), c.bytes);
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify({ seed: c.seed, index: c.index, kind: c.kind, base: c.base, mutations: c.mutations, findings: [{ kind, stage, detail: detail.join(':') }] }, null, 2)}\n`);
} else if (values.out) writeFileSync(values.out, c.bytes);
else process.stdout.write(c.bytes);
