/**
 * Resource limits, configurable on the command line, each with its message: the size of an
 * input (import --max-size, validate --max-size), the nesting depth (validate --max-depth),
 * the time per document (import --timeout-ms).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, tempDir } from '../helpers/run.js';

const TRANSCRIPT = 'Skip to content\n\nMay 25, 1987\n\nA Memorandum of Talks\n\nComrade Mielke:\n\nGreetings to the comrades [of the DPRK].\n\nDocument Information\n\nSource\n\nBStU, MfS, Nr. 1, p. 2.\n';

function messagesOf(stdout: string): { ruleId: string; reason: string; line: number | null }[] {
  return (JSON.parse(stdout) as { messages: { ruleId: string; reason: string; line: number | null }[] }[]).flatMap((r) => r.messages);
}

describe('import limits', () => {
  it('--max-size: a larger transcript is refused with its size and the limit', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), TRANSCRIPT);
    const r = await run('import', path.join(dir, 'a.txt'), '--out', path.join(dir, 'tei'), '--max-size', '100', '--report', 'json');
    expect(r.code).toBe(1);
    expect(messagesOf(r.stdout)).toEqual([expect.objectContaining({ ruleId: 'input-too-large', reason: `The file has ${Buffer.byteLength(TRANSCRIPT)} bytes; the maximum is 100 (raise it with --max-size).` })]);
  });

  it('--timeout-ms: a document that takes longer is refused with the time it took', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.txt'), TRANSCRIPT);
    // About 4 MB of turns: recognising them takes far more than 1 ms.
    writeFileSync(path.join(dir, 'b.txt'), TRANSCRIPT.replace('Greetings to the comrades [of the DPRK].', 'Greetings to the comrades [of the DPRK]. '.repeat(100_000)).replace('May 25', 'May 26'));
    const r = await run('import', dir, '--out', path.join(dir, 'tei'), '--timeout-ms', '1', '--report', 'json');
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as { input: string; status: string; messages: { ruleId: string; reason: string }[] }[];
    const b = results.find((x) => x.input.endsWith('b.txt'))!;
    expect(b.status).toBe('failed');
    const limit = b.messages.find((m) => m.ruleId === "time-limit");
    expect(limit, JSON.stringify(b.messages).slice(0, 500)).toBeDefined();
    expect(limit!.reason).toMatch(/^Recognising the document took \d+ ms, more than the limit of 1 ms per document \(raise it with --timeout-ms\); it was not written\.$/);
    const usage = await run('import', dir, '--timeout-ms', 'soon');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--timeout-ms takes a whole number of milliseconds');
  });
});

describe('validate limits', () => {
  const deep = (levels: number) => `<TEI xmlns="http://www.tei-c.org/ns/1.0">\n${'<div>'.repeat(levels)}${'</div>'.repeat(levels)}</TEI>\n`;

  it('--max-depth: nesting deeper than the limit is refused with the line and the limit', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'deep.xml'), deep(12));
    const r = await run('validate', path.join(dir, 'deep.xml'), '--max-depth', '10', '--report', 'json');
    expect(r.code).toBe(1);
    const [file] = (JSON.parse(r.stdout) as { files: { messages: { ruleId: string; line: number; reason: string }[] }[] }).files;
    expect(file!.messages).toEqual([
      expect.objectContaining({ ruleId: 'too-deep', line: 2, reason: 'Elements are nested more than 10 levels deep; the document is refused (TEI documents of this edition nest about 15 levels; raise the limit with --max-depth).' }),
    ]);
    // Within a raised limit, the depth is no longer what is reported.
    const raised = await run('validate', path.join(dir, 'deep.xml'), '--max-depth', '20', '--report', 'json');
    expect(raised.stdout).not.toContain('too-deep');
    const usage = await run('validate', path.join(dir, 'deep.xml'), '--max-depth', 'deep');
    expect(usage.code).toBe(2);
  });

  it('more than 1,000 attributes or namespace declarations on one element: refused at once, by validation and the editions alike', async () => {
    const dir = tempDir();
    const attributes = `<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p ${Array.from({ length: 100_000 }, (_, i) => `a${i}="v"`).join(' ')}>x</p></TEI>\n`;
    const namespaces = `<TEI xmlns="http://www.tei-c.org/ns/1.0"\n ${Array.from({ length: 50_000 }, (_, i) => `xmlns:n${i}="urn:x:${i}"`).join(' ')}><p>x</p></TEI>\n`;
    writeFileSync(path.join(dir, 'attributes.xml'), attributes);
    writeFileSync(path.join(dir, 'namespaces.xml'), namespaces);
    const start = performance.now();
    const r = await run('validate', path.join(dir, 'attributes.xml'), path.join(dir, 'namespaces.xml'), '--report', 'json');
    expect(performance.now() - start).toBeLessThan(15_000);
    expect(r.code).toBe(1);
    const files = (JSON.parse(r.stdout) as { files: { messages: { ruleId: string; line: number; reason: string }[] }[] }).files;
    expect(files.map((f) => f.messages.map((m) => [m.ruleId, m.line, m.reason]))).toEqual([
      [['too-many-attributes', 2, 'An element with 100000 attributes (0 of them namespace declarations); more than 1,000 on one element are refused (TEI elements carry a few).']],
      [['too-many-attributes', 1, 'An element with 50001 attributes (50001 of them namespace declarations); more than 1,000 on one element are refused (TEI elements carry a few).']],
    ]);
    const { parseTei } = await import('../../src/publish/html.js');
    expect(() => parseTei(attributes)).toThrow('line 2: An element with 100000 attributes');
  });

  it('--max-size: a larger file is refused before it is read', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'big.xml'), deep(1) + ' '.repeat(4096));
    const r = await run('validate', path.join(dir, 'big.xml'), '--max-size', '2KB', '--report', 'json');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('"ruleId": "too-large"');
    expect(r.stdout).toContain('larger than the limit of 2.0 KB; it was not read (raise the limit with --max-size).');
  });
});
