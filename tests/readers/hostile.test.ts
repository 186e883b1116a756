import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { beforeAll, describe, expect, it } from 'vitest';
import { repo, run, tempDir } from '../helpers/run.js';
import { buildFormats, type Built } from './formats.js';

interface Report {
  status: string;
  messages: { ruleId: string; severity: string; line: number | null; column: number | null; reason: string }[];
}

/** Import one file into a fresh output folder inside a fresh parent; report what was written where. */
async function importFile(name: string, bytes: Uint8Array | string, ...flags: string[]) {
  const dir = tempDir();
  const inputs = path.join(dir, 'in');
  mkdirSync(inputs);
  const input = path.join(inputs, name);
  writeFileSync(input, bytes);
  const out = path.join(dir, 'out', 'tei');
  const t0 = performance.now();
  const r = await run('import', input, '--out', out, '--report', 'json', ...flags);
  const seconds = (performance.now() - t0) / 1000;
  const report = (JSON.parse(r.stdout) as Report[])[0]!;
  const everything = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? everything(path.join(d, e.name)).map((f) => path.join(e.name, f)) : [e.name]));
  return { r, report, seconds, written: existsSync(out) ? readdirSync(out) : [], tree: everything(dir).sort(), out };
}

/** A zip of the given entries, built with yazl. */
function zip(entries: [string, Buffer | string][]): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of entries) z.addBuffer(Buffer.from(data), name);
  z.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c));
    z.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    z.outputStream.on('error', reject);
  });
}

/** The offset of each central directory header of a zip (signature PK\x01\x02). */
function centralHeaders(buf: Buffer): number[] {
  const out: number[] = [];
  for (let i = buf.indexOf('PK\x01\x02'); i >= 0; i = buf.indexOf('PK\x01\x02', i + 4)) out.push(i);
  return out;
}

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const document = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
const para = (t: string): string => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
const SMALL_DOC = document(['Skip to content', 'May 25, 1987', 'A Memorandum of Talks', 'Comrade Mielke:', 'Greetings to the comrades [of the DPRK].', 'Document Information', 'Source', 'BStU, MfS, Nr. 1, p. 2.'].map(para).join(''));

describe('hostile inputs get clear errors in bounded time, and nothing is written outside the output folder', () => {
  it('a DOCX that is not a zip', async () => {
    const { r, report, written, tree } = await importFile('letter.docx', 'Dear editor, this is plain text saved as .docx.\n');
    expect(r.code).toBe(1);
    expect(report.status).toBe('failed');
    expect(report.messages.map((m) => [m.ruleId, m.severity])).toEqual([['not-a-zip', 'error']]);
    expect(report.messages[0]!.reason).toMatch(/^The DOCX file cannot be read: it is not a zip archive/);
    expect(written).toEqual([]);
    expect(tree).toEqual(['in/letter.docx']);
  });

  it('a small well-formed DOCX built with the zip library imports (the hostile cases below differ from it only in what they test)', async () => {
    const bytes = await zip([['[Content_Types].xml', CONTENT_TYPES], ['word/document.xml', SMALL_DOC]]);
    const { r, report, written } = await importFile('talks.docx', bytes);
    expect(report.messages.filter((m) => m.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
    expect(written).toHaveLength(1);
  });

  it('a zip bomb: an entry of 80 MB of the same bytes, compressed to a few hundred kB', async () => {
    const bomb = Buffer.alloc(80 * 2 ** 20, ' ');
    const bytes = await zip([['[Content_Types].xml', CONTENT_TYPES], ['word/document.xml', SMALL_DOC.replace('<w:body>', `<w:body>${bomb.toString()}`)]]);
    expect(bytes.length).toBeLessThan(2 ** 20);
    const rss = process.memoryUsage().rss;
    const { r, report, written, tree, seconds } = await importFile('bomb.docx', bytes);
    expect(r.code).toBe(1);
    expect(report.messages.map((m) => m.ruleId)).toEqual(['zip-too-large']);
    expect(report.messages[0]!.reason).toMatch(/the entry “word\/document\.xml” declares 838\d{5} bytes uncompressed; at most 67108864 are read/);
    expect(written).toEqual([]);
    expect(tree).toEqual(['in/bomb.docx']);
    // Refused from its declared size: nothing was inflated.
    expect(seconds).toBeLessThan(10);
    expect(process.memoryUsage().rss - rss).toBeLessThan(256 * 2 ** 20);
  });

  it('a zip bomb that lies: the entry declares 4 GB, or declares 1 kB and inflates to 20 MB', async () => {
    const honest = await zip([['[Content_Types].xml', CONTENT_TYPES], ['word/document.xml', SMALL_DOC.replace('<w:body>', `<w:body>${' '.repeat(20 * 2 ** 20)}`)]]);
    const header = centralHeaders(honest).find((o) => honest.toString('latin1', o + 46, o + 46 + honest.readUInt16LE(o + 28)) === 'word/document.xml')!;
    const huge = Buffer.from(honest);
    huge.writeUInt32LE(0xfffffff0, header + 24);
    const a = await importFile('huge.docx', huge);
    expect(a.report.messages.map((m) => m.ruleId)).toEqual(['zip-too-large']);
    expect(a.report.messages[0]!.reason).toContain('declares 4294967280 bytes uncompressed');
    expect(a.written).toEqual([]);

    const small = Buffer.from(honest);
    small.writeUInt32LE(1024, header + 24);
    const b = await importFile('liar.docx', small);
    expect(b.r.code).toBe(1);
    expect(b.report.messages.map((m) => m.ruleId)).toEqual(['zip-too-large']);
    expect(b.report.messages[0]!.reason).toMatch(/word\/document\.xml/);
    expect(b.written).toEqual([]);
    expect(b.seconds).toBeLessThan(10);
  });

  it('a DOCX with a path-traversal entry name is refused, and nothing lands outside the output folder', async () => {
    const built = await zip([['[Content_Types].xml', CONTENT_TYPES], ['word/document.xml', SMALL_DOC], ['xx/xx/evil.xml', '<x>owned</x>']]);
    // yazl refuses to write such a name, so it is put in afterwards, in the local and the central header.
    const bytes = Buffer.from(built.toString('latin1').split('xx/xx/evil.xml').join('../../evil.xml'), 'latin1');
    expect(bytes.length).toBe(built.length);
    const { r, report, written, tree } = await importFile('traversal.docx', bytes);
    expect(r.code).toBe(1);
    expect(report.messages.map((m) => m.ruleId)).toEqual(['zip-unsafe-entry']);
    expect(report.messages[0]!.reason).toMatch(/\.\.\/\.\.\/evil\.xml|invalid relative path/);
    expect(written).toEqual([]);
    expect(tree).toEqual(['in/traversal.docx']);
  });

  it('an absolute entry name is refused as well', async () => {
    const built = await zip([['[Content_Types].xml', CONTENT_TYPES], ['word/document.xml', SMALL_DOC], ['xtc/passwd', 'root']]);
    const bytes = Buffer.from(built.toString('latin1').split('xtc/passwd').join('/etc/passw'), 'latin1');
    const { report, written } = await importFile('absolute.docx', bytes);
    expect(report.messages.map((m) => m.ruleId)).toEqual(['zip-unsafe-entry']);
    expect(written).toEqual([]);
  });

  it('a Markdown file with 10,000 nested lists is refused before parsing, naming the line', async () => {
    const md = `Skip to content\n\nMay 25, 1987\n\nA Memorandum\n\n${'- '.repeat(10_000)}deep\n`;
    const { r, report, written, seconds } = await importFile('nested.md', md);
    expect(r.code).toBe(1);
    expect(report.messages.map((m) => [m.ruleId, m.line])).toEqual([['nesting-too-deep', 7]]);
    expect(report.messages[0]!.reason).toBe('Lists or block quotes are nested 10000 deep at line 7; at most 100 levels are read.');
    expect(written).toEqual([]);
    expect(seconds).toBeLessThan(5);
  });

  it('10,000 lists nested by indentation are refused too; 20 levels are read', async () => {
    const indented = Array.from({ length: 10_000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
    const a = await importFile('indented.md', indented, '--max-size', String(200 * 2 ** 20));
    expect(a.report.messages.map((m) => m.ruleId)).toEqual(['nesting-too-deep']);
    expect(a.seconds).toBeLessThan(30);
    const twenty = `Skip to content\n\nMay 25, 1987\n\nA Memorandum of Talks\n\nComrade Mielke:\n\n${Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')}\n\nDocument Information\n\nSource\n\nBStU, MfS, Nr. 1, p. 2.\n`;
    const b = await importFile('twenty.md', twenty);
    expect(b.report.messages.filter((m) => m.severity === 'error')).toEqual([]);
    const xml = readFileSync(path.join(b.out, b.written[0]!), 'utf8');
    for (let i = 1; i <= 20; i++) expect(xml).toContain(`level ${i}<`);
  });

  describe('an HTML page of 20 MB', () => {
    let built: Built;
    beforeAll(() => {
      built = buildFormats([path.join(repo, 'source', 'transcripts', '1987-05-25-mielke-choe-dwu-sen.txt')]);
    });

    const bigPage = (): string => {
      const page = readFileSync(built.file('1987-05-25-mielke-choe-dwu-sen', 'html'), 'utf8');
      // A saved page is mostly scripts and styles inlined by the browser.
      const script = `<script>${'var tracking = "x";\n'.repeat(Math.ceil((20 * 2 ** 20) / 20))}</script>`;
      return page.replace('<body>', `<body>${script}<nav>${'<a href="/x">More documents</a>'.repeat(1000)}</nav>`);
    };

    it('is refused at the default size limit', async () => {
      const html = bigPage();
      expect(html.length).toBeGreaterThan(20 * 2 ** 20);
      const { r, report, written, seconds } = await importFile('page.html', html);
      expect(r.code).toBe(1);
      expect(report.messages.map((m) => m.ruleId)).toEqual(['input-too-large']);
      expect(written).toEqual([]);
      expect(seconds).toBeLessThan(5);
    });

    it('with a larger limit, gives the TEI of the page without its scripts and navigation', async () => {
      const { r, report, out, written, seconds } = await importFile('page.html', bigPage(), '--max-size', String(32 * 2 ** 20));
      expect(report.messages.filter((m) => m.severity === 'error')).toEqual([]);
      expect(r.code).toBe(0);
      // The big script and navigation, and the chrome pandoc was given (site header, script, style, footer, noscript).
      expect(report.messages.find((m) => m.ruleId === 'page-chrome-dropped')?.reason).toBe('Left out of the page: 2 script, 1 nav, 1 header, 1 style, 1 footer, 1 noscript elements.');
      const xml = readFileSync(path.join(out, written[0]!), 'utf8');
      expect(xml).not.toContain('tracking');
      expect(xml).not.toContain('More documents');
      expect(xml.match(/<sp /g)).toHaveLength(6);
      expect(seconds).toBeLessThan(60);
    });
  });
});

describe('deeply nested HTML', () => {
  it('a page of 100,000 nested elements is refused before parsing, naming the line', async () => {
    const html = `<html><body>\n<p>Start</p>\n${'<div><em>'.repeat(50_000)}deep${'</em></div>'.repeat(50_000)}\n</body></html>`;
    const { r, report, written, seconds } = await importFile('deep.html', html);
    expect(r.code).toBe(1);
    expect(report.messages.map((m) => [m.ruleId, m.line])).toEqual([['nesting-too-deep', 3]]);
    expect(report.messages[0]!.reason).toBe('Elements are nested 100000 deep at line 3; at most 500 levels are read.');
    expect(written).toEqual([]);
    expect(seconds).toBeLessThan(10);
  });

  it('10,000 paragraphs and list items without end tags are not nesting', async () => {
    const { deepestElementNesting } = await import('../../src/readers/html.js');
    expect(deepestElementNesting(`<ul>${'<li>item <p>text '.repeat(10_000)}</ul><script>${'<div>'.repeat(1000)}</script>`).depth).toBe(1);
  });
});

describe('Markdown that makes the parser slow', () => {
  it('10,000 nested emphases or links in a paragraph are refused before parsing, naming the paragraph', async () => {
    for (const [name, body] of [['emphasis.md', `${'*a '.repeat(10_000)}x${' b*'.repeat(10_000)}`], ['links.md', `${'['.repeat(10_000)}x${'](u)'.repeat(10_000)}`]] as const) {
      const { r, report, written, seconds } = await importFile(name, `Skip to content\n\nMay 25, 1987\n\nA Memorandum\n\n${body}\n`);
      expect(r.code).toBe(1);
      expect(report.messages.map((m) => [m.ruleId, m.line])).toEqual([['nesting-too-deep', 7]]);
      expect(report.messages[0]!.reason).toMatch(/^The paragraph at line 7 has (20000|10000) emphasis or link signs \(\*, _, \[\); at most 500 in a paragraph are read\.$/);
      expect(written).toEqual([]);
      expect(seconds).toBeLessThan(5);
    }
  });

  it('escaped signs and signs spread over paragraphs do not count', async () => {
    const { busiestParagraph } = await import('../../src/readers/markdown.js');
    expect(busiestParagraph('\\*'.repeat(2000))).toEqual({ signs: 0, line: 1 });
    expect(busiestParagraph('*a* [b]\n\n'.repeat(1000))).toEqual({ signs: 3, line: 1 });
    expect(busiestParagraph('one\n\ntwo *x*\nthree *y*\n')).toEqual({ signs: 4, line: 3 });
  });
});
