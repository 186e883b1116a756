/**
 * Linearity: the time of each stage that reads a whole document, at four sizes of what grows
 * in hostile or very large TEI: footnotes, distinct speakers, attributes on one element,
 * namespace declarations on one element (issue 15); paragraphs and apparatus entries in one
 * document (the web edition's page: a template pattern that looked at every earlier sibling,
 * and a search back for the line an entry belongs to, made both grow with the square). Each row is the stage's time at 1×, 2×,
 * 4× and 8× the smallest size, with the ratio of the last to the first: about 8 is linear,
 * about 64 quadratic. Run by `npm run bench` (bench/run.js) or alone:
 *
 *   node bench/linearity.js [--quick] [--only footnotes|speakers|attributes|namespaces|paragraphs|apparatus]
 *
 * The first run of each stage is a warm-up (SaxonJS loads the compiled rules), not timed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dist = new URL('../dist/', import.meta.url);
const { validateFiles } = await import(new URL('validate/index.js', dist).href);
const { parseTei, transformToHtml } = await import(new URL('publish/html.js', dist).href);

const quick = process.argv.includes('--quick');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-linearity-'));

const head = (extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="lin" xml:lang="en"${extra}>
  <teiHeader><fileDesc><titleStmt><title type="main">Linearity</title></titleStmt><publicationStmt><publisher>tei-edition</publisher><availability><p>Benchmark.</p></availability></publicationStmt><sourceDesc><p>Generated.</p></sourceDesc></fileDesc>`;

const cases = {
  footnotes: (k) => `${head()}<profileDesc><creation><date when="1980-01-01">1980</date></creation></profileDesc></teiHeader>
  <text><body><div type="document">${Array.from({ length: k }, (_, i) => `<p xml:id="lin-p${i + 1}">Text ${i + 1}<note place="foot" n="${i + 1}" xml:id="lin-n${i + 1}">Note ${i + 1}.</note></p>`).join('\n')}</div></body></text></TEI>\n`,
  speakers: (k) => `${head()}<profileDesc><creation><date when="1980-01-01">1980</date></creation><particDesc><listPerson>${Array.from({ length: k }, (_, i) => `<person xml:id="per-s${i + 1}"><persName>Speaker ${i + 1}</persName></person>`).join('')}</listPerson></particDesc></profileDesc></teiHeader>
  <text><body><div type="document">${Array.from({ length: k }, (_, i) => `<sp who="#per-s${i + 1}" xml:id="lin-p${i + 1}"><speaker>Speaker ${i + 1}:</speaker><p>Turn ${i + 1}.</p></sp>`).join('\n')}</div></body></text></TEI>\n`,
  attributes: (k) => `${head()}</teiHeader><text><body><div type="document"><p xml:id="lin-p1" ${Array.from({ length: k }, (_, i) => `a${i}="v"`).join(' ')}>Text.</p></div></body></text></TEI>\n`,
  paragraphs: (k) => `${head()}</teiHeader><text><body>${Array.from({ length: k }, (_, i) => `<div><p>Paragraph ${i + 1} of the text.</p></div>`).join('\n')}</body></text></TEI>\n`,
  apparatus: (k) => `${head()}</teiHeader><text><body>${Array.from({ length: k }, (_, i) => `<p>Word ${i + 1} <app><lem wit="#A">alpha</lem><rdg wit="#B">beta</rdg></app> more.</p>`).join('\n')}</body></text></TEI>\n`,
  namespaces: (k) => `${head(` ${Array.from({ length: k }, (_, i) => `xmlns:n${i}="urn:x:${i}"`).join(' ')}`)}</teiHeader><text><body><div type="document"><p xml:id="lin-p1">Text.</p></div></body></text></TEI>\n`,
};
const sizes = { footnotes: [500, 1000, 2000, 4000], speakers: [500, 1000, 2000, 4000], attributes: [12_500, 25_000, 50_000, 100_000], namespaces: [6_250, 12_500, 25_000, 50_000], paragraphs: [500, 1000, 2000, 4000], apparatus: [500, 1000, 2000, 4000] };
// The web edition's page is timed where the growth is in the text.
const paged = new Set(['footnotes', 'speakers', 'paragraphs', 'apparatus']);

async function time(fn) {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

// Warm-up: the validator's and the parser's first call loads what they need.
{
  const file = path.join(dir, 'warm.xml');
  writeFileSync(file, cases.footnotes(10));
  await validateFiles([file]);
  transformToHtml({ doc: parseTei(cases.footnotes(10)), params: {} });
}
const rows = [];
for (const [name, make] of Object.entries(cases)) {
  if (only && name !== only) continue;
  const ks = quick ? sizes[name].slice(0, 3) : sizes[name];
  const validate = [];
  const parse = [];
  const html = [];
  for (const k of ks) {
    const file = path.join(dir, name, `lin-${k}.xml`);
    mkdirSync(path.dirname(file), { recursive: true });
    const text = make(k);
    writeFileSync(file, text);
    validate.push(await time(() => validateFiles([file])));
    parse.push(await time(() => {
      try {
        parseTei(text);
      } catch {
        /* a refusal is timed too */
      }
    }));
    if (paged.has(name)) html.push(await time(() => transformToHtml({ doc: parseTei(text), params: {} })));
  }
  for (const [stage, times] of [['validate', validate], ['parseTei', parse], ['html page', html]]) {
    if (times.length === 0) continue;
    rows.push({ growth: name, stage, sizes: ks.join(' / '), seconds: times.map((t) => t.toFixed(2)).join(' / '), ratio: (times.at(-1) / Math.max(times[0], 1e-3)).toFixed(1), linear: String(ks.at(-1) / ks[0]) });
  }
}
rmSync(dir, { recursive: true, force: true });
console.log('linearity: seconds per document at each size; ratio of the largest to the smallest (linear: the size ratio)');
console.table(rows);
