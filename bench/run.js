// Run every stage's benchmark that exists: node bench/run.js
// (quality: the conversion-quality benchmark of the importer, also `npm run bench:quality`)
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
for (const stage of ['import', 'quality', 'import-formats', 'validate', 'html', 'foreign', 'search', 'pdf', 'epub', 'build', 'linearity']) {
  const script = path.join(here, `${stage}.js`);
  if (!existsSync(script)) continue;
  const extra = stage === 'import' ? [[], ['--no-validate']] : [[]];
  for (const flags of extra) {
    const r = spawnSync(process.execPath, [script, ...flags, ...process.argv.slice(2)], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
  }
}
