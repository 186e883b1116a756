import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/run.js';
import { tool } from './formats.js';

/**
 * One short transcript with what the richer formats carry: a heading,
 * italics, bold, small capitals, a real footnote with italics in it, a bulleted
 * and a numbered list, a Word comment, and an unclosed bracket for a
 * diagnostic. Written once in pandoc Markdown; pandoc makes the DOCX and the
 * HTML, LibreOffice a DOCX of its own; the CommonMark copy (without pandoc's
 * span syntax for small capitals and comments) is what the Markdown reader gets.
 */
const PANDOC_MD = `Skip to content

May 25, 1987

A Memorandum of Talks

# The First Day

Comrade Mielke:

Greetings to the *comrades* of the **DPRK**.[^1] The [Security Service]{.smallcaps} agrees with [Check this name]{.comment-start id="0" author="Ed Itor"}the proposal[]{.comment-end id="0"}.

- first point
- second point

1. one thing
2. another thing

Comrade Kim:

We thank you [unclosed bracket here.

Document Information

Source

BStU, MfS, Nr. 1, p. 2.

[^1]: Ministry for *State* Security.
`;
const withoutComment = (md: string): string => md.replace('[Check this name]{.comment-start id="0" author="Ed Itor"}', '').replace('[]{.comment-end id="0"}', '');
const COMMONMARK = withoutComment(PANDOC_MD).replace('[Security Service]{.smallcaps}', 'Security Service');

/** A LibreOffice flat document with a Word-style endnote and footnote; LibreOffice writes the DOCX (endnotes.xml). */
const FODT = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text>
<text:p>Skip to content</text:p><text:p>May 25, 1987</text:p><text:p>A Memorandum of Talks</text:p><text:p>Comrade Mielke:</text:p>
<text:p>Greetings to the comrades.<text:note text:id="e1" text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>An endnote of the editor.</text:p></text:note-body></text:note> And a footnote.<text:note text:id="f1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>A footnote of the editor.</text:p></text:note-body></text:note></text:p>
<text:p>Document Information</text:p><text:p>Source</text:p><text:p>BStU, MfS, Nr. 1, p. 2.</text:p>
</office:text></office:body></office:document>
`;

type Kind = 'md' | 'html' | 'docx' | 'lo.docx';
const KINDS: Kind[] = ['md', 'html', 'docx', 'lo.docx'];

interface Report {
  status: string;
  messages: { ruleId: string; severity: string; line: number | null; column: number | null; reason: string }[];
}

describe('what the richer formats carry reaches the TEI, and diagnostics point into the original file', () => {
  const inputs = new Map<Kind, string>();
  const tei = new Map<Kind, string>();
  const reports = new Map<Kind, Report>();

  beforeAll(async () => {
    tool('pandoc', 'pandoc');
    tool('soffice', 'libreoffice-writer-nogui');
    const dir = tempDir();
    writeFileSync(path.join(dir, 'talks.pandoc.md'), PANDOC_MD);
    writeFileSync(path.join(dir, 'talks-html.pandoc.md'), withoutComment(PANDOC_MD));
    writeFileSync(path.join(dir, 'talks.md'), COMMONMARK);
    execFileSync('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', path.join(dir, 'talks.docx'), path.join(dir, 'talks.pandoc.md')]);
    execFileSync('pandoc', ['-f', 'markdown', '-t', 'html5', '-s', '--metadata', 'pagetitle=Talks', '-o', path.join(dir, 'talks.html'), path.join(dir, 'talks-html.pandoc.md')]);
    mkdirSync(path.join(dir, 'lo'));
    writeFileSync(path.join(dir, 'endnotes.fodt'), FODT);
    const lo = spawnSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', path.join(dir, 'lo'), path.join(dir, 'talks.docx'), path.join(dir, 'endnotes.fodt')], { encoding: 'utf8', timeout: 120_000 });
    expect(lo.status, lo.stderr).toBe(0);
    inputs.set('md', path.join(dir, 'talks.md')).set('html', path.join(dir, 'talks.html')).set('docx', path.join(dir, 'talks.docx')).set('lo.docx', path.join(dir, 'lo', 'talks.docx'));
    for (const kind of KINDS) {
      const out = path.join(dir, `out-${kind}`);
      const r = await run('import', inputs.get(kind)!, '--out', out, '--report', 'json');
      reports.set(kind, (JSON.parse(r.stdout) as Report[])[0]!);
      tei.set(kind, readFileSync(path.join(out, readdirSync(out)[0]!), 'utf8'));
    }
    const out = path.join(dir, 'out-endnotes');
    const r = await run('import', path.join(dir, 'lo', 'endnotes.docx'), '--out', out, '--report', 'json');
    expect(r.code, r.stdout).toBe(0);
    endnotes = readFileSync(path.join(out, readdirSync(out)[0]!), 'utf8');
  });
  let endnotes = '';

  it('Word endnotes are notes at their anchors too, numbered after the footnotes', () => {
    expect(endnotes).toContain('Greetings to the comrades.<note place="foot" n="2" xml:id="doc-1987-05-25-talks-n2">An endnote of the editor.</note> And a footnote.<note place="foot" n="1" xml:id="doc-1987-05-25-talks-n1">A footnote of the editor.</note></p>');
  });

  for (const kind of KINDS) {
    it(`${kind}: italics and bold as hi, the footnote (with its italics) at its anchor, the heading, both lists, the turns`, () => {
      expect(reports.get(kind)!.status).toBe('written');
      const xml = tei.get(kind)!;
      expect(xml).toContain('Greetings to the <hi rend="italic">comrades</hi> of the <hi rend="bold">DPRK</hi>.<note place="foot" n="1" xml:id="doc-1987-05-25-talks-n1">Ministry for <hi rend="italic">State</hi> Security.</note> The ');
      expect(xml).toMatch(/<div type="document">\s*<head>The First Day<\/head>/);
      expect(xml).toMatch(/<list rend="bulleted">\s*<item>first point<\/item>\s*<item>second point<\/item>\s*<\/list>/);
      expect(xml).toMatch(/<list rend="numbered">\s*<label>1\.<\/label><item>one thing<\/item>\s*<label>2\.<\/label><item>another thing<\/item>\s*<\/list>/);
      expect(xml.match(/<sp who="#per-(mielke|kim)"/g)).toEqual(['<sp who="#per-mielke"', '<sp who="#per-kim"']);
      // The comment is not text of the document.
      expect(xml).not.toContain('Check this name');
    });
  }

  it('small capitals as hi (HTML and DOCX; CommonMark has none)', () => {
    for (const kind of ['html', 'docx', 'lo.docx'] as const) expect(tei.get(kind), kind).toContain('The <hi rend="smallcaps">Security Service</hi> agrees with the proposal.');
  });

  it('a diagnostic gives line and column in the Markdown and HTML file, the paragraph number in a DOCX', () => {
    const at = (kind: Kind): [number | null, number | null] => {
      const m = reports.get(kind)!.messages.find((x) => x.ruleId === 'unclosed-bracket')!;
      return [m.line, m.column];
    };
    const lineOf = (file: string): [number, number] => {
      const lines = readFileSync(file, 'utf8').split('\n');
      const k = lines.findIndex((l) => l.includes('[unclosed'));
      return [k + 1, lines[k]!.indexOf('[unclosed') + 1];
    };
    expect(at('md')).toEqual(lineOf(inputs.get('md')!));
    expect(at('md')).toEqual([21, 14]);
    expect(at('html')).toEqual(lineOf(inputs.get('html')!));
    // Skip to content, date, title, heading, label, greeting, 2 bullets, 2 numbers, label: the 12th paragraph.
    expect(at('docx')).toEqual([12, 14]);
    expect(at('lo.docx')).toEqual([12, 14]);
  });

  it('a Word comment is reported with its author and text, at its paragraph', () => {
    for (const kind of ['docx', 'lo.docx'] as const) {
      const comments = reports.get(kind)!.messages.filter((m) => m.ruleId === 'docx-comment');
      expect(comments.map((m) => [m.severity, m.line, m.reason]), kind).toEqual([['info', 6, 'Comment by Ed Itor: “Check this name” (not imported).']]);
    }
  });
});
