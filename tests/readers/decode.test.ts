/**
 * Decoding a transcript's bytes (src/readers/decode.ts): real Windows-1252 (0x80–0x9F as
 * Windows maps them, not ISO-8859-1's C1 controls), UTF-8 with a few bad bytes kept as UTF-8
 * (each bad byte replaced by U+FFFD and reported at its line and column), the whole-file
 * fallback only for a file that is not UTF-8 at all.
 */
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252, MAX_BYTE_REPORTS, scanUtf8, WINDOWS_1252_HIGH } from '../../src/readers/decode.js';

function decode(bytes: Uint8Array | number[]) {
  const file = new VFile({ path: 'x.txt' });
  const text = decodeText(Uint8Array.from(bytes), file);
  return { text, messages: file.messages.map((m) => ({ ruleId: m.ruleId, line: m.line ?? null, column: m.column ?? null, reason: m.reason, fatal: m.fatal })) };
}

const utf8 = (s: string) => [...Buffer.from(s, 'utf8')];
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];

describe('Windows-1252', () => {
  it('maps 0x80–0x9F as Windows does: “ ” ‘ ’ – — … € and the rest, not C1 controls', () => {
    const { text, messages } = decode([...ascii('He said '), 0x93, ...ascii('yes'), 0x94, ...ascii(' for '), 0x80, ...ascii('5 '), 0x96, ...ascii(' it'), 0x92, ...ascii('s done'), 0x85, 0x0a]);
    expect(text).toBe('He said “yes” for €5 – it’s done…\n');
    expect(messages.map((m) => m.ruleId)).toEqual(['legacy-encoding']);
    expect(text).not.toMatch(/[\u0080-\u009f]/);
  });

  it('has the table of the Encoding Standard (and of MultiByteToWideChar)', () => {
    const expected = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    expect(String.fromCharCode(...WINDOWS_1252_HIGH)).toBe(expected);
    const all = decodeWindows1252(Uint8Array.from({ length: 256 }, (_, i) => i));
    expect(all.text.slice(0x80, 0xa0)).toBe(expected);
    expect(all.text.slice(0xa0)).toBe(Buffer.from(Uint8Array.from({ length: 96 }, (_, i) => 0xa0 + i)).toString('latin1'));
    expect(all.undefinedAt).toEqual([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
  });

  it('reads Latin letters as Windows-1252 (Grüße), with the place of the first bad byte', () => {
    const { text, messages } = decode([...ascii('line one\nGr'), 0xfc, 0xdf, ...ascii('e\n')]);
    expect(text).toBe('line one\nGrüße\n');
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'legacy-encoding', line: 2, column: 3, fatal: false, reason: 'The file is not valid UTF-8 (first bad byte at line 2, column 3); it was read as Windows-1252.' })]);
  });

  it('reports the five bytes Windows-1252 leaves undefined at their place, as spaces', () => {
    const { text, messages } = decode([...ascii('ab\ncd'), 0x81, ...ascii('e'), 0x9d, 0x93, ...ascii('x'), 0x94, 0x0a]);
    expect(text).toBe('ab\ncd e “x”\n');
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ['legacy-encoding', 2, 3],
      ['windows-1252-undefined', 2, 3],
      ['windows-1252-undefined', 2, 5],
    ]);
    expect(messages[1]!.reason).toContain('0x81');
  });
});

describe('UTF-8 with a few bad bytes', () => {
  it('stays UTF-8: each bad byte is U+FFFD, reported at its line and column; the rest is not re-decoded', () => {
    const { text, messages } = decode([...utf8('It’s the “first” line.\nThe second’s'), 0x92, ...utf8(' word, and ’ again.\n')]);
    expect(text).toBe('It’s the “first” line.\nThe second’s\ufffd word, and ’ again.\n');
    expect(messages).toEqual([expect.objectContaining({ ruleId: 'invalid-utf8-byte', line: 2, column: 13, fatal: false })]);
    expect(messages[0]!.reason).toBe('The byte 0x92 at line 2, column 13 is not UTF-8 (the rest of the file is); it was replaced by U+FFFD (\ufffd): put in the character meant.');
    expect(text).not.toContain('â€');
  });

  it('replaces byte by byte: a truncated sequence is two replacements, each at its column', () => {
    // E2 80 without its last byte, then a lone continuation byte, in a file of many valid sequences.
    const { text, messages } = decode([...utf8('ä ö ü ß é\nab'), 0xe2, 0x80, ...utf8('c'), 0x80, ...utf8('d\n')]);
    expect(text).toBe('ä ö ü ß é\nab\ufffd\ufffdc\ufffdd\n');
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([
      ['invalid-utf8-byte', 2, 3],
      ['invalid-utf8-byte', 2, 4],
      ['invalid-utf8-byte', 2, 6],
    ]);
  });

  it('counts columns in characters and lines across CRLF and CR line ends', () => {
    const { text, messages } = decode([...utf8('“a”\r\n“b”\rxé'), 0xff, ...utf8('\r\n')]);
    expect(text).toBe('“a”\n“b”\nxé\ufffd\n');
    expect(messages.map((m) => [m.line, m.column])).toEqual([[3, 3]]);
  });

  it(`reports at most ${MAX_BYTE_REPORTS} bytes one by one, then how many more`, () => {
    const line = [...utf8('éé'), 0xff];
    const { text, messages } = decode([...Array.from({ length: 150 }, () => [...line, 0x0a]).flat()]);
    expect(text!.split('\ufffd')).toHaveLength(151);
    expect(messages).toHaveLength(MAX_BYTE_REPORTS + 1);
    expect(messages[MAX_BYTE_REPORTS]).toMatchObject({ ruleId: 'invalid-utf8-byte', line: 101, column: 3 });
    expect(messages[MAX_BYTE_REPORTS]!.reason).toBe('50 more bytes that are not UTF-8, from line 101, column 3, were replaced by U+FFFD (\ufffd).');
  });

  it('falls back to Windows-1252 for the whole file only when it is not UTF-8 at all', () => {
    // An ASCII file with one stray 0x92: no valid multi-byte sequence, so it is Windows-1252.
    expect(decode([...ascii('it'), 0x92, ...ascii('s\n')]).text).toBe('it’s\n');
    // More bad bytes than valid sequences: Windows-1252 too.
    const mixed = decode([...utf8('é'), 0x93, ...ascii('x'), 0x94, 0x0a]);
    expect(mixed.messages[0]!.ruleId).toBe('legacy-encoding');
    expect(mixed.text).toBe('Ã©“x”\n');
  });

  it('finds the bad bytes and the valid sequences (overlong forms and surrogates are bad)', () => {
    expect(scanUtf8(Uint8Array.from([0x61, 0xc3, 0xa9, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80]))).toEqual({ bad: [3, 4, 5, 6, 7], multibyte: 2 });
  });

  it('valid UTF-8 (with a BOM) is read as it is', () => {
    const { text, messages } = decode([0xef, 0xbb, 0xbf, ...utf8('Ch’oe\n')]);
    expect(text).toBe('Ch’oe\n');
    expect(messages.map((m) => m.ruleId)).toEqual(['byte-order-mark']);
  });
});
