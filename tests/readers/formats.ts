/**
 * Test inputs made by real tools: every plain-text transcript given here is
 * written as pandoc Markdown with real footnotes (by a small script: the `[n]`
 * markers become `[^n]`, the note texts at the end become footnote
 * definitions, the signs Markdown would read as markup are escaped), then
 * converted by pandoc to DOCX and to a standalone HTML page (with navigation,
 * script, style and footer chrome around the content, as on a saved archive
 * page), and the DOCX once more through LibreOffice (one soffice call for all
 * the DOCX, one for all the HTML), so that DOCX and HTML written by LibreOffice
 * are covered too.
 *
 * The outputs are cached in the temporary folder under a hash of the inputs,
 * this script and the tools' versions. A missing tool is an error, not a skip.
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VFile } from 'vfile';
import { readText } from '../../src/readers/text.js';
import { splitSections, textOf } from '../../src/recognise/sections.js';

export type Variant = 'txt' | 'md' | 'html' | 'docx' | 'lo.docx' | 'lo.html';
export const VARIANTS: Variant[] = ['txt', 'md', 'html', 'docx', 'lo.docx', 'lo.html'];
const FOLDER: Record<Exclude<Variant, 'txt'>, [string, string]> = { md: ['md', 'md'], html: ['html', 'html'], docx: ['docx', 'docx'], 'lo.docx': ['lo', 'docx'], 'lo.html': ['lo-html', 'html'] };

/** The path of a tool, or an error saying which Debian package provides it. */
export function tool(name: string, pkg: string): string {
  const r = spawnSync(name, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`The test set-up needs ${name} (Debian package ${pkg}); it is not installed or does not run: ${r.error?.message ?? r.stderr}`);
  return r.stdout.split('\n')[0]!;
}

/**
 * Escape what Markdown (CommonMark, and pandoc's extensions) would read as markup:
 * emphasis, links and brackets, code, HTML and entities, pandoc's spans, maths,
 * citations, super- and subscripts, and list, definition and heading markers at
 * the start of a line ("1.", "a)", "(iv)", "-", ":"). Full stops, commas and
 * quotation marks stay as they are.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\*_`[\]<>!&~|#$@^{}+=%]/g, (c) => `\\${c}`).replace(/^(\(?[A-Za-z0-9]{1,7})([.)])(?=\s|$)/, '$1\\$2').replace(/^[-:]/, (c) => `\\${c}`);
}

/** A transcript as pandoc Markdown: one paragraph per line, `[n]` markers as footnote references. */
export function transcriptToMarkdown(text: string): string {
  const blocks = readText(text);
  const sections = splitSections(blocks, new VFile());
  const bodies = new Map<string, string[]>();
  const noteBlocks = new Set<unknown>();
  for (const n of sections.notes) {
    if (bodies.has(n.n)) continue;
    const first = textOf(n.first).slice(n.textStart - n.first.position.start.offset).trim();
    bodies.set(n.n, [first, ...n.more.map((b) => textOf(b).trim())]);
    noteBlocks.add(n.first);
    for (const b of n.more) noteBlocks.add(b);
  }
  const used = new Set<string>();
  const paragraphs: string[] = [];
  for (const b of blocks) {
    if (noteBlocks.has(b)) continue;
    const t = textOf(b).trim();
    let out = '';
    let last = 0;
    for (const m of t.matchAll(/\[(\d{1,4})\]/g)) {
      const n = String(Number(m[1]));
      // Only a marker whose note has a text, and only its first use, becomes a footnote.
      if (!bodies.has(n) || used.has(n)) continue;
      used.add(n);
      out += escapeMarkdown(t.slice(last, m.index)) + `[^${n}]`;
      last = m.index + m[0].length;
    }
    paragraphs.push(out + escapeMarkdown(t.slice(last)));
  }
  for (const [n, body] of bodies) {
    if (!used.has(n)) {
      // A note text without marker stays a paragraph, as in the transcript.
      paragraphs.push(escapeMarkdown(`[${n}] ${body.join(' ')}`));
      continue;
    }
    paragraphs.push(`[^${n}]: ${escapeMarkdown(body[0]!)}` + body.slice(1).map((p) => `\n\n    ${escapeMarkdown(p)}`).join(''));
  }
  return paragraphs.join('\n\n') + '\n';
}

const CHROME_BEFORE = `<header class="site-header"><a class="skip" href="#main">Skip navigation</a>
<nav aria-label="Main"><ul><li><a href="/">Home</a></li><li><a href="/search">Search the archive</a></li></ul></nav></header>
<script>window.analytics = { page: "document" };</script>
<style>.site-header { color: red }</style>
`;
const CHROME_AFTER = `<footer class="site-footer"><p>Archive footer: terms of use, contact, newsletter.</p></footer>
<noscript><p>Enable JavaScript for the full site.</p></noscript>
`;

export interface Built {
  dir: string;
  /** The path of a transcript's stem in a variant. */
  file(stem: string, variant: Variant): string;
}

/**
 * Build (or take from the cache) the Markdown, HTML, DOCX and LibreOffice-DOCX
 * versions of the given transcripts; `file(stem, 'txt')` is the original.
 */
export function buildFormats(transcripts: string[]): Built {
  const pandoc = tool('pandoc', 'pandoc');
  const soffice = tool('soffice', 'libreoffice-writer-nogui');
  const hash = createHash('sha256').update(readFileSync(new URL(import.meta.url))).update(pandoc).update(soffice).update(readFileSync(new URL('../../src/recognise/sections.ts', import.meta.url)));
  for (const t of [...transcripts].sort()) hash.update(t).update(readFileSync(t));
  const dir = path.join(tmpdir(), `tei-edition-formats-${hash.digest('hex').slice(0, 16)}`);
  const originals = new Map(transcripts.map((t) => [path.basename(t, '.txt'), t]));
  const built: Built = {
    dir,
    file: (stem, variant) => (variant === 'txt' ? originals.get(stem)! : path.join(dir, FOLDER[variant][0], `${stem}.${FOLDER[variant][1]}`)),
  };
  if (existsSync(path.join(dir, 'done'))) return built;
  const work = `${dir}.${process.pid}.tmp`;
  rmSync(work, { recursive: true, force: true });
  for (const sub of ['md', 'html', 'docx', 'lo', 'lo-html', 'chrome']) mkdirSync(path.join(work, sub), { recursive: true });
  writeFileSync(path.join(work, 'chrome', 'before.html'), CHROME_BEFORE);
  writeFileSync(path.join(work, 'chrome', 'after.html'), CHROME_AFTER);
  for (const [stem, t] of originals) {
    const md = path.join(work, 'md', `${stem}.md`);
    writeFileSync(md, transcriptToMarkdown(readFileSync(t, 'utf8')));
    const from = ['-f', 'markdown-smart-auto_identifiers', md];
    execFileSync('pandoc', [...from, '-t', 'docx', '-o', path.join(work, 'docx', `${stem}.docx`)]);
    execFileSync('pandoc', [...from, '-t', 'html5', '-s', '--metadata', `pagetitle=${stem}`, '-B', path.join(work, 'chrome', 'before.html'), '-A', path.join(work, 'chrome', 'after.html'), '-o', path.join(work, 'html', `${stem}.html`)]);
  }
  // One LibreOffice run converts every DOCX (start-up is the slow part).
  const profile = path.join(work, 'lo-profile');
  const docx = readdirSync(path.join(work, 'docx')).map((f) => path.join(work, 'docx', f));
  // LibreOffice writes DOCX of its own, and HTML with its own footnote links (sdfootnote anchors).
  for (const [filter, sub] of [['docx:MS Word 2007 XML', 'lo'], ['html', 'lo-html']]) {
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', filter!, '--outdir', path.join(work, sub!), ...docx], { encoding: 'utf8', timeout: 300_000 });
    if (r.status !== 0 || readdirSync(path.join(work, sub!)).length !== docx.length) throw new Error(`LibreOffice could not convert the DOCX test inputs to ${filter}: ${r.error?.message ?? ''} ${r.stderr}`);
  }
  rmSync(profile, { recursive: true, force: true });
  writeFileSync(path.join(work, 'done'), '');
  // Another test process may have built the same inputs meanwhile: its copy is kept (it may be in use).
  try {
    if (existsSync(dir) && !existsSync(path.join(dir, 'done'))) rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
  } catch {
    rmSync(work, { recursive: true, force: true });
  }
  return built;
}
