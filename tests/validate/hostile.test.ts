/**
 * Hostile input: each case gives one clear error, in bounded time and memory, expands no
 * entity and reads no file but the input.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VFile } from 'vfile';
import { validateFiles, validateStrings } from '../../src/validate/index.js';
import { fixtures, repo, teiAll } from './helpers.js';

const hostile = (name: string): string => path.join(fixtures, 'hostile', name);
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'tei-edition-hostile-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function only(file: VFile): { ruleId: string; line: number | undefined; reason: string; fatal: boolean | null | undefined } {
  expect(file.messages, file.messages.map((m) => m.reason).join('\n')).toHaveLength(1);
  const [m] = file.messages;
  return { ruleId: m!.ruleId!, line: m!.line, reason: m!.reason, fatal: m!.fatal };
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await f();
  return { value, ms: performance.now() - start };
}

describe('hostile input', () => {
  it('refuses a DOCTYPE with an external entity (XXE), without reading it', async () => {
    const [file] = await validateFiles([hostile('xxe.xml')]);
    const m = only(file!);
    // At the declaration of the external entity.
    expect(m).toMatchObject({ ruleId: 'doctype', line: 3, fatal: true });
    expect(m.reason).toContain('external entity');
    expect(m.reason).not.toMatch(/root:|nologin/);
  });

  it('refuses an entity-expansion bomb at once', async () => {
    const { value, ms } = await timed(() => validateFiles([hostile('entity-bomb.xml')]));
    expect(only(value[0]!)).toMatchObject({ ruleId: 'doctype', line: 2, fatal: true });
    expect(ms).toBeLessThan(2000);
  });

  it('reports an external DTD and validates without it, never reading it (also for a string)', async () => {
    const [file] = await validateStrings([{ path: path.join(tmp, 'x.xml'), xml: '<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "http://example.org/tei.dtd">\n<TEI/>' }]);
    const dtd = file!.messages.find((m) => m.ruleId === 'doctype-external');
    expect(dtd).toMatchObject({ line: 2, fatal: false });
    expect(dtd!.reason).toContain('was not read');
    // <TEI/> without the TEI namespace: the grammar still runs.
    expect(file!.messages.some((m) => m.source === 'relaxng' && m.fatal === true)).toBe(true);
  });

  it('refuses 100,000 nested elements quickly, with the line where the limit is passed', async () => {
    const depth = 100_000;
    const xml = `<TEI xmlns="http://www.tei-c.org/ns/1.0">\n${'<div>'.repeat(depth)}${'</div>'.repeat(depth)}</TEI>\n`;
    const file = path.join(tmp, 'deep.xml');
    writeFileSync(file, xml);
    const { value, ms } = await timed(() => validateFiles([file]));
    const m = only(value[0]!);
    expect(m).toMatchObject({ ruleId: 'too-deep', line: 2, fatal: true });
    expect(m.reason).toContain('200 levels');
    expect(ms).toBeLessThan(2000);
    const [fromString] = await validateStrings([{ path: file, xml }]);
    expect(only(fromString!).ruleId).toBe('too-deep');
  });

  it('refuses a 200 MB file before reading it (bounded time and memory)', async () => {
    const file = path.join(tmp, 'huge.xml');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 200 * 1024 * 1024);
    closeSync(fd);
    const before = process.memoryUsage().rss;
    const { value, ms } = await timed(() => validateFiles([file]));
    const grown = process.memoryUsage().rss - before;
    const m = only(value[0]!);
    expect(m).toMatchObject({ ruleId: 'too-large', fatal: true });
    expect(m.reason).toContain('200.0 MB');
    expect(m.reason).toContain('32.0 MB');
    expect(ms).toBeLessThan(1000);
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });

  it('takes a larger limit when asked, and still refuses above it', async () => {
    const file = path.join(tmp, 'big.xml');
    writeFileSync(file, `<TEI xmlns="http://www.tei-c.org/ns/1.0">${' '.repeat(2048)}</TEI>`);
    const [refused] = await validateFiles([file], { maxBytes: 1024 });
    expect(only(refused!).ruleId).toBe('too-large');
    const [read] = await validateFiles([file], { maxBytes: 4096 });
    expect(read!.messages.some((m) => m.ruleId === 'too-large')).toBe(false);
  });

  it('refuses invalid UTF-8 with the line and column of the first bad byte', async () => {
    const [file] = await validateFiles([hostile('invalid-utf8.xml')]);
    const m = only(file!);
    expect(m).toMatchObject({ ruleId: 'invalid-utf8', line: 3, fatal: true });
    expect(file!.messages[0]!.column).toBe(57);
    expect(m.reason).toContain('0xE9');
  });

  it('refuses a declared encoding other than UTF-8, an empty file, and text with a lone surrogate', async () => {
    const [latin1, empty] = await validateFiles([hostile('latin1-declared.xml'), hostile('empty.xml')]);
    expect(only(latin1!)).toMatchObject({ ruleId: 'not-utf8', line: 1 });
    expect(only(empty!)).toMatchObject({ ruleId: 'empty' });
    const [surrogate] = await validateStrings([{ path: path.join(tmp, 's.xml'), xml: '<TEI>\uD800</TEI>' }]);
    expect(only(surrogate!)).toMatchObject({ ruleId: 'invalid-utf8' });
  });

  it('reports the first well-formedness error, and what the grammar found before it, as jing does', async () => {
    const [broken, entity] = await validateFiles([hostile('not-well-formed.xml'), hostile('undeclared-entity.xml')]);
    expect(broken!.messages.map((m) => [m.source, m.ruleId, m.line, m.column])).toEqual([
      ['relaxng', 'incomplete-element', 4, 84],
      ['xml', 'not-well-formed', 6, 63],
    ]);
    expect(only(entity!)).toMatchObject({ ruleId: 'not-well-formed', line: 3, reason: 'The entity "nbsp" was referenced, but not declared.' });
  });

  it('refuses XInclude loops, ../ out of the folder, absolute hrefs and URLs, in bounded time, reading nothing outside', async () => {
    const root = path.join(tmp, 'xi');
    const outside = path.join(tmp, 'xi-outside');
    mkdirSync(path.join(root, 'docs'), { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'secret.xml'), '<p xmlns="http://www.tei-c.org/ns/1.0">SECRET-MARKER</p>');
    const doc = (name: string, href: string): string => {
      const file = path.join(root, 'docs', name);
      writeFileSync(
        file,
        `<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>\n<xi:include href="${href}"/>\n</body></text></TEI>`,
      );
      return file;
    };
    writeFileSync(path.join(root, 'docs', 'loop-a.xml'), '<div xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="loop-b.xml"/></div>');
    writeFileSync(path.join(root, 'docs', 'loop-b.xml'), '<div xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="loop-a.xml"/></div>');
    const files = [
      doc('loop.xml', 'loop-a.xml'),
      doc('self.xml', 'self.xml'),
      doc('up.xml', '../../xi-outside/secret.xml'),
      doc('absolute.xml', path.join(outside, 'secret.xml')),
      doc('url.xml', 'http://127.0.0.1:9/x.xml'),
      doc('file-url.xml', `file://${path.join(outside, 'secret.xml')}`),
    ];
    const { value, ms } = await timed(() => validateFiles(files, { schema: teiAll, includeRoot: root }));
    expect(ms).toBeLessThan(10_000);
    for (const f of value) {
      const refused = f.messages.filter((m) => m.source === 'xinclude');
      expect(refused.length, `${f.path}: ${f.messages.map((m) => m.reason).join('; ')}`).toBeGreaterThanOrEqual(1);
      expect(refused[0]).toMatchObject({ ruleId: 'xinclude', line: 2, fatal: true });
      expect(f.messages.map((m) => m.reason).join(' ')).not.toContain('SECRET-MARKER');
    }
    expect(value[0]!.messages.map((m) => m.reason).join(' ')).toContain('loop');
    // An included file gets the document's own checks: 100,000 nested elements are refused.
    writeFileSync(path.join(root, 'docs', 'deep.xml'), `<div xmlns="http://www.tei-c.org/ns/1.0">${'<div>'.repeat(100_000)}${'</div>'.repeat(100_000)}</div>`);
    const [deep] = await validateFiles([doc('includes-deep.xml', 'deep.xml')], { schema: teiAll, includeRoot: root });
    expect(deep!.messages.filter((m) => m.source === 'xinclude').map((m) => [m.ruleId, m.line])).toEqual([['xinclude', 2]]);
    expect(deep!.messages.find((m) => m.source === 'xinclude')!.reason).toContain('200 levels');
    expect(value[2]!.messages[0]!.reason).toContain('outside the folder');
    expect(value[3]!.messages[0]!.reason).toContain('absolute path');
    expect(value[4]!.messages[0]!.reason).toContain('URL');
  });

  it('uses an xi:fallback when an include is refused, with a warning', async () => {
    const file = path.join(tmp, 'fallback.xml');
    writeFileSync(
      file,
      '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>\n<xi:include href="https://example.org/x.xml"><xi:fallback><p>fallback</p></xi:fallback></xi:include>\n</body></text></TEI>',
    );
    const [f] = await validateFiles([file], { schema: teiAll, includeRoot: tmp });
    expect(f!.messages.map((m) => [m.ruleId, m.line, m.fatal])).toEqual([['xinclude-fallback', 2, false]]);
  });

  it('reads an internal subset\'s entities, within limits on count, depth and expansion', async () => {
    const head = '<teiHeader><fileDesc><titleStmt><title>&t;</title></titleStmt><publicationStmt><p>&p;</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>';
    const [ok] = await validateStrings([{ path: path.join(tmp, 'ok.xml'), xml: `<?xml version="1.0"?>\n<!DOCTYPE TEI [\n<!ENTITY t "A title">\n<!ENTITY p "<hi>inline</hi> text">\n<!ENTITY % pe "INCLUDE">\n]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">${head}` }], { schema: teiAll });
    expect(ok!.messages.map((m) => m.reason)).toEqual([]);
    const many = Array.from({ length: 1001 }, (_, i) => `<!ENTITY e${i} "x">`).join('\n');
    const [tooMany] = await validateStrings([{ path: path.join(tmp, 'many.xml'), xml: `<!DOCTYPE TEI [\n${many}\n]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"/>` }], { schema: teiAll });
    expect(only(tooMany!)).toMatchObject({ ruleId: 'doctype', fatal: true });
    const deep = Array.from({ length: 12 }, (_, i) => `<!ENTITY d${i} "${i === 11 ? 'x' : `&d${i + 1};`}">`).join('\n');
    const [tooDeep] = await validateStrings([{ path: path.join(tmp, 'deep-e.xml'), xml: `<!DOCTYPE TEI [\n${deep}\n]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&d0;</TEI>` }], { schema: teiAll });
    expect(only(tooDeep!)).toMatchObject({ ruleId: 'doctype', fatal: true });
    const [selfRef] = await validateStrings([{ path: path.join(tmp, 'self-e.xml'), xml: `<!DOCTYPE TEI [<!ENTITY a "&b;"><!ENTITY b "&a;">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&a;</TEI>` }], { schema: teiAll });
    expect(only(selfRef!)).toMatchObject({ ruleId: 'doctype', fatal: true });
  });

  it('reads no file outside the input and the program (Node permission model)', () => {
    const allowed = path.join(tmp, 'allowed');
    const secret = path.join(tmp, 'secret');
    mkdirSync(allowed);
    mkdirSync(secret);
    writeFileSync(path.join(secret, 'data.txt'), 'SECRET-MARKER');
    writeFileSync(path.join(secret, 'persons.xml'), '<listPerson><person xml:id="per-x"/></listPerson>');
    writeFileSync(
      path.join(allowed, 'xxe.xml'),
      `<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY s SYSTEM "file://${secret}/data.txt">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&s;</TEI>\n`,
    );
    // A document pointing into a register outside the allowed folders: the register cannot be
    // read, so its references are reported as unchecked, and nothing fails.
    const conversation = readFixture('valid/conversation.xml').replace(/\.\.\/persons\.xml/g, '../secret/persons.xml').replace(/xml:id="conversation"/, 'xml:id="pointer"').replace(/"conversation-/g, '"pointer-');
    writeFileSync(path.join(allowed, 'pointer.xml'), conversation);
    const script = path.join(allowed, 'run.mjs');
    writeFileSync(
      script,
      `const { validateFiles } = await import(${JSON.stringify(path.join(repo, 'dist/validate/index.js'))});
       const files = await validateFiles(process.argv.slice(2));
       process.stdout.write(JSON.stringify(files.map((f) => f.messages.map((m) => [m.ruleId, m.reason]))));`,
    );
    const r = spawnSync(
      process.execPath,
      ['--experimental-permission', `--allow-fs-read=${repo}/*`, `--allow-fs-read=${allowed}/*`, '--allow-worker', script, path.join(allowed, 'xxe.xml'), path.join(allowed, 'pointer.xml')],
      { encoding: 'utf8' },
    );
    expect(r.stderr).not.toContain('ERR_ACCESS_DENIED');
    expect(r.status, r.stderr).toBe(0);
    const [xxe, pointer] = JSON.parse(r.stdout) as [string, string][][];
    expect(xxe!.map(([id]) => id)).toEqual(['doctype']);
    expect(r.stdout).not.toContain('SECRET-MARKER');
    expect(pointer!.map(([id]) => id)).toEqual(['register-missing']);
  });
});

function readFixture(rel: string): string {
  return readFileSync(path.join(fixtures, rel), 'utf8');
}
