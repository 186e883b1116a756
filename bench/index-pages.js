#!/usr/bin/env node
/**
 * The web edition's index pages at scale (index-pages.ts): `node bench/index-pages.js [COUNT]
 * [LIMIT]` (default 3,000 documents, 1,000,000 bytes) renders index.html, persons.html,
 * places.html and orgs.html from COUNT document digests (the sample's documents again and again,
 * each round's dates a year earlier, the sample's register), then splits each by year or letter,
 * and prints the page as one and the largest split page. Needs `npm run build`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');
const h = await import(path.join(repo, 'dist/publish/html.js'));
const { indexPageFiles } = await import(path.join(repo, 'dist/publish/index-pages.js'));
const { listTeiFiles } = await import(path.join(repo, 'dist/publish/edition-files.js'));
const count = Number(process.argv[2] ?? 3000);
const limit = Number(process.argv[3] ?? 1_000_000);
const docs = listTeiFiles(path.join(repo, 'source/tei')).map((f) => h.documentDigest(h.parseTei(readFileSync(f, 'utf8'))));
const letters = docs.filter((d) => !/type="introduction"/.test(d));
const digests = Array.from({ length: count }, (_x, i) => letters[i % letters.length].replace(/\b(1[89]\d\d)-/g, (_m, y) => `${Number(y) - Math.floor(i / letters.length)}-`));
const stems = digests.map((_d, i) => `d${String(i).padStart(5, '0')}`);
const common = h.commonParams({ title: 'Large edition' }, undefined);
const register = readFileSync(path.join(repo, 'source/persons.xml'), 'utf8');
for (const t of ['index', 'persons', 'places', 'orgs']) {
  const t0 = performance.now();
  const page = h.renderNamedPage(t, digests, stems, register, common);
  const t1 = performance.now();
  const split = indexPageFiles(`${t}.html`, page, limit);
  const t2 = performance.now();
  const sizes = [...split.values()].map((x) => Buffer.byteLength(x));
  console.log(`${count} documents, ${t}.html: as one page ${Buffer.byteLength(page)} B (made in ${((t1 - t0) / 1000).toFixed(1)} s); split: ${split.size} pages, largest ${Math.max(...sizes)} B, over the limit ${sizes.filter((s) => s > limit).length} (split in ${((t2 - t1) / 1000).toFixed(2)} s)`);
}
