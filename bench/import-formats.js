// Import throughput per input format (txt, md, html, docx) on 1,000 documents each.
// The inputs are the FRUS sample and the seeds, written as Markdown with real footnotes by a
// small script and converted to DOCX and HTML by pandoc (as in tests/readers/formats.ts), then
// varied (record id, year) so that every document is its own.
// Usage: node bench/import-formats.js [--docs N] [--from txt,md,html,docx] [--no-validate]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { VFile } from 'vfile';
import { shiftYear, variation } from './documents.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const frusSample = path.join(root, 'tests', 'corpus', 'frus-sample');
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const n = Number(arg('--docs')) || 1000;
const formats = (arg('--from') ?? 'txt,md,html,docx').split(',');
const validate = !process.argv.includes('--no-validate');

if (arg('--one')) {
  // Child process: import one format's folder, print one line.
  const { importFiles } = await import('../dist/index.js');
  const dir = arg('--one');
  const inputs = readdirSync(path.join(dir, 'in')).map((f) => path.join(dir, 'in', f));
  const bytes = inputs.reduce((s, f) => s + statSync(f).size, 0);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const results = await importFiles(inputs, { outDir: path.join(dir, 'tei'), personsPath: path.join(dir, 'persons.xml'), importDate: '2026-01-01', validate });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  const failed = results.filter((r) => r.status === 'failed').length;
  console.log(`import ${arg('--format').padEnd(4)}${validate ? ' (with validation)' : ' (without validation)'}: ${inputs.length} documents, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s: ${(inputs.length / seconds).toFixed(0)} documents/s, ${(bytes / 1e6 / seconds).toFixed(2)} MB/s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

const { readText } = await import('../dist/readers/text.js');
const { splitSections, textOf } = await import('../dist/recognise/sections.js');

/** What Markdown would read as markup, escaped (as in tests/readers/formats.ts). */
const escMd = (s) => s.replace(/[\\*_`[\]<>!&~|#$@^{}+=%]/g, (c) => `\\${c}`).replace(/^(\(?[A-Za-z0-9]{1,7})([.)])(?=\s|$)/, '$1\\$2').replace(/^[-:]/, (c) => `\\${c}`);

/** A transcript as pandoc Markdown: `[n]` markers as footnote references, note texts as definitions, markup signs escaped. */
function toMarkdown(text) {
  const esc = escMd;
  const blocks = readText(text);
  const s = splitSections(blocks, new VFile());
  const bodies = new Map();
  const skip = new Set();
  for (const note of s.notes) {
    if (bodies.has(note.n)) continue;
    bodies.set(note.n, [textOf(note.first).slice(note.textStart - note.first.position.start.offset).trim(), ...note.more.map((b) => textOf(b).trim())]);
    for (const b of [note.first, ...note.more]) skip.add(b);
  }
  const used = new Set();
  const out = [];
  for (const b of blocks) {
    if (skip.has(b)) continue;
    const t = textOf(b).trim();
    let line = '';
    let last = 0;
    for (const m of t.matchAll(/\[(\d{1,4})\]/g)) {
      const k = String(Number(m[1]));
      if (!bodies.has(k) || used.has(k)) continue;
      used.add(k);
      line += esc(t.slice(last, m.index)) + `[^${k}]`;
      last = m.index + m[0].length;
    }
    out.push(line + esc(t.slice(last)));
  }
  for (const [k, body] of bodies) out.push(used.has(k) ? `[^${k}]: ${esc(body[0])}` + body.slice(1).map((p) => `\n\n    ${esc(p)}`).join('') : esc(`[${k}] ${body.join(' ')}`));
  return out.join('\n\n') + '\n';
}

async function unzip(buf) {
  const zip = await new Promise((res, rej) => yauzl.fromBuffer(buf, { lazyEntries: true }, (e, z) => (e ? rej(e) : res(z))));
  const entries = [];
  await new Promise((res, rej) => {
    zip.on('entry', (entry) => zip.openReadStream(entry, (e, s) => {
      if (e) return rej(e);
      const chunks = [];
      s.on('data', (c) => chunks.push(c));
      s.on('end', () => { entries.push([entry.fileName, Buffer.concat(chunks)]); zip.readEntry(); });
    }));
    zip.on('end', res);
    zip.on('error', rej);
    zip.readEntry();
  });
  return entries;
}

function rezip(entries) {
  const z = new yazl.ZipFile();
  for (const [name, data] of entries) z.addBuffer(data, name);
  z.end();
  return new Promise((res) => {
    const chunks = [];
    z.outputStream.on('data', (c) => chunks.push(c));
    z.outputStream.on('end', () => res(Buffer.concat(chunks)));
  });
}

const sources = [
  ...readdirSync(frusSample).filter((f) => f.endsWith('.txt')).map((f) => path.join(frusSample, f)),
  ...readdirSync(path.join(root, 'source', 'transcripts')).map((f) => path.join(root, 'source', 'transcripts', f)),
];
const dir = mkdtempSync(path.join(tmpdir(), 'tei-edition-bench-formats-'));
const t0 = performance.now();
const bases = sources.map((file, k) => {
  const txt = readFileSync(file, 'utf8');
  const md = toMarkdown(txt);
  const mdFile = path.join(dir, `base-${k}.md`);
  writeFileSync(mdFile, md);
  const from = ['-f', 'markdown-smart-auto_identifiers', mdFile];
  const html = execFileSync('pandoc', [...from, '-t', 'html5', '-s', '--metadata', 'pagetitle=Document'], { encoding: 'utf8' });
  const docx = execFileSync('pandoc', [...from, '-t', 'docx']);
  return { txt, md, html, docx, record: /^Record ID\s*\n\s*\n?(\S+)/m.exec(txt)?.[1] };
});
console.log(`import formats: ${sources.length} transcripts converted by pandoc in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

/** Vary a document so that every copy has its own id: the record id, and the first year (documents.js). */
const vary = (text, base, i, escape, shift) => {
  let s = text;
  if (base.record) s = s.split(escape(base.record)).join(`bench${i}`);
  return shiftYear(s, shift);
};
const names = sources.map((f) => path.basename(f));
const plain = (s) => s;


for (const format of formats) {
  const sub = path.join(dir, format);
  mkdirSync(path.join(sub, 'in'), { recursive: true });
  const docxEntries = format === 'docx' ? await Promise.all(bases.map((b) => unzip(b.docx))) : [];
  for (let i = 0; i < n; i++) {
    const { k, shift } = variation(i, names);
    const base = bases[k];
    const file = path.join(sub, 'in', `doc-${String(i).padStart(4, '0')}.${format}`);
    if (format === 'docx') {
      const entries = docxEntries[k].map(([name, data]) => [name, name === 'word/document.xml' ? Buffer.from(vary(data.toString('utf8'), base, i, plain, shift)) : data]);
      writeFileSync(file, await rezip(entries));
    } else writeFileSync(file, vary(base[format], base, i, format === 'md' ? escMd : plain, shift));
  }
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--one', sub, '--format', format, ...(validate ? [] : ['--no-validate'])], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = r.status ?? 1;
  rmSync(sub, { recursive: true, force: true });
}
rmSync(dir, { recursive: true, force: true });
