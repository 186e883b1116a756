import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';

export interface DecodeOptions {
  /** Largest input accepted, in bytes. */
  maxBytes: number;
}

export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Turn the bytes of a text transcript into a string: UTF-8 (with or without BOM); a file
 * that is UTF-8 but for a few bytes stays UTF-8, each bad byte replaced by U+FFFD and
 * reported at its line and column; a file that is not UTF-8 at all (no valid multi-byte
 * sequence, or more bad bytes than valid ones) is read as Windows-1252. Line ends become
 * "\n" (line and column numbers stay those of the original file). Returns null, with an
 * error on the file, when the input cannot be a transcript.
 */
export function decodeText(bytes: Uint8Array, file: VFile, options: DecodeOptions = { maxBytes: DEFAULT_MAX_BYTES }): string | null {
  if (bytes.length > options.maxBytes) {
    report(file, 'input-too-large', `The file has ${bytes.length} bytes; the maximum is ${options.maxBytes} (raise it with --max-size).`);
    return null;
  }
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    start = 3;
    report(file, 'byte-order-mark', null, { line: 1, column: 1 });
  } else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return decodeUtf16(bytes, file);
  }
  const body = bytes.subarray(start);
  const binary = findBinary(body);
  if (binary >= 0) {
    const { line, column } = lineColumnOfByte(body, binary);
    report(file, 'binary-input', `The file contains a NUL or control byte at line ${line}, column ${column}; it is not a text transcript.`, { line, column });
    return null;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const scan = scanUtf8(body);
    if (scan.multibyte > 0 && scan.bad.length <= scan.multibyte) {
      const decoded = decodeUtf8Replacing(body, scan.bad);
      text = decoded.text;
      const shown = Math.min(decoded.places.length, MAX_BYTE_REPORTS);
      for (let k = 0; k < shown; k++) {
        const place = decoded.places[k]!;
        const byte = body[scan.bad[k]!]!;
        report(file, 'invalid-utf8-byte', `The byte 0x${hex(byte)} at line ${place.line}, column ${place.column} is not UTF-8 (the rest of the file is); it was replaced by U+FFFD (\ufffd): put in the character meant.`, place);
      }
      if (decoded.places.length > shown) {
        const place = decoded.places[shown]!;
        report(file, 'invalid-utf8-byte', `${decoded.places.length - shown} more bytes that are not UTF-8, from line ${place.line}, column ${place.column}, were replaced by U+FFFD (\ufffd).`, place);
      }
    } else {
      const { line, column } = lineColumnOfByte(body, scan.bad[0] ?? 0);
      const decoded = decodeWindows1252(body);
      text = decoded.text;
      report(file, 'legacy-encoding', `The file is not valid UTF-8 (first bad byte at line ${line}, column ${column}); it was read as Windows-1252.`, { line, column });
      const locate = locateRaw(text);
      for (const at of decoded.undefinedAt.slice(0, MAX_BYTE_REPORTS)) {
        const place = locate(at);
        report(file, 'windows-1252-undefined', `The byte 0x${hex(text.charCodeAt(at))} at line ${place.line}, column ${place.column} has no character in Windows-1252; it was read, as Windows reads it, as the control character U+00${hex(text.charCodeAt(at))} and replaced by a space.`, place);
      }
      // Like other control characters (finish), they carry no text: a space keeps the columns.
      text = text.replace(/[\u0081\u008d\u008f\u0090\u009d]/g, ' ');
    }
  }
  return finish(text, file);
}

/** Most bad bytes reported one by one; the rest are counted in one more message. */
export const MAX_BYTE_REPORTS = 100;

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * Windows-1252 as Windows maps it: 0x80–0x9F are the typographic characters (“ ” ‘ ’ – — … €
 * and the rest), not the C1 controls of ISO-8859-1; the five bytes Windows-1252 leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+0081, U+008D, U+008F, U+0090, U+009D,
 * as MultiByteToWideChar and the WHATWG Encoding Standard give them.
 */
export const WINDOWS_1252_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Decode Windows-1252; `undefinedAt`: the string offsets of the five undefined bytes. */
export function decodeWindows1252(bytes: Uint8Array): { text: string; undefinedAt: number[] } {
  const parts: string[] = [];
  const undefinedAt: number[] = [];
  const codes: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80 && b <= 0x9f) {
      if (UNDEFINED_1252.has(b)) undefinedAt.push(i);
      codes.push(WINDOWS_1252_HIGH[b - 0x80]!);
    } else codes.push(b);
    if (codes.length === 8192) parts.push(String.fromCharCode(...codes.splice(0)));
  }
  parts.push(String.fromCharCode(...codes));
  // One byte is one UTF-16 code unit here: byte offsets are string offsets.
  return { text: parts.join(''), undefinedAt };
}

/**
 * Where the bytes of a file that is not valid UTF-8 go wrong: the offset of every byte that
 * does not belong to a valid sequence (a byte on its own is bad when no well-formed sequence
 * starts at it), and the number of valid multi-byte sequences.
 */
export function scanUtf8(bytes: Uint8Array): { bad: number[]; multibyte: number } {
  const bad: number[] = [];
  let multibyte = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = sequenceLength(bytes, i);
    if (len === 0) {
      bad.push(i);
      i++;
    } else {
      multibyte++;
      i += len;
    }
  }
  return { bad, multibyte };
}

/** Length of the well-formed UTF-8 sequence that starts at `i`, or 0 (overlong forms, surrogates and code points above U+10FFFF are not UTF-8). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
  if (len <= 1) return len;
  let cp = b & (0xff >> (len + 1));
  for (let k = 1; k < len; k++) {
    const c = bytes[i + k];
    if (c === undefined || (c & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (c & 0x3f);
  }
  if ((len === 3 && cp < 0x800) || (len === 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return len;
}

/** UTF-8 with each byte of `bad` (as scanUtf8 found them) replaced by one U+FFFD; `places`: where each stands in the text. */
export function decodeUtf8Replacing(bytes: Uint8Array, bad: number[]): { text: string; places: { line: number; column: number }[] } {
  // The parts between bad bytes are valid; a U+FEFF at the start of one is text, not a BOM.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const parts: string[] = [];
  const offsets: number[] = [];
  let length = 0;
  let from = 0;
  for (const at of bad) {
    const part = decoder.decode(bytes.subarray(from, at));
    parts.push(part, '\ufffd');
    length += part.length;
    offsets.push(length);
    length += 1;
    from = at + 1;
  }
  parts.push(decoder.decode(bytes.subarray(from)));
  const text = parts.join('');
  const locate = locateRaw(text);
  return { text, places: offsets.map(locate) };
}

/** Line and column of an offset of a text whose line ends are still "\r\n", "\r" or "\n" (as finish() will count them). */
function locateRaw(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

function decodeUtf16(bytes: Uint8Array, file: VFile): string | null {
  const le = bytes[0] === 0xff;
  try {
    const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2));
    report(file, 'legacy-encoding', `The file is UTF-16 (${le ? 'little' : 'big'}-endian); it was converted to UTF-8.`);
    return finish(text, file);
  } catch {
    report(file, 'binary-input', 'The file starts with a UTF-16 byte order mark but is not valid UTF-16.', { line: 1, column: 1 });
    return null;
  }
}

function finish(raw: string, file: VFile): string | null {
  let text = raw.replace(/\r\n?/g, '\n');
  // Control characters other than tab and newline carry no text; drop them, say where.
  const control = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
  const found = control.exec(text);
  if (found) {
    const before = text.slice(0, found.index);
    const line = before.split('\n').length;
    const column = found.index - before.lastIndexOf('\n');
    report(file, 'control-characters', null, { line, column });
    // Replace by a space so that columns after them stay right.
    text = text.replace(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ');
  }
  if (text.trim() === '') {
    report(file, 'empty-input', null);
    return null;
  }
  return text;
}

/** Index of the first byte that marks the input as binary, or -1. */
function findBinary(bytes: Uint8Array): number {
  let control = 0;
  const sample = Math.min(bytes.length, 1 << 20);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0) return i;
    if (i < sample && b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) {
      control++;
      if (control > 8 && control > sample / 100) return i;
    }
  }
  return -1;
}

function lineColumnOfByte(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) { line++; lineStart = i + 1; }
  return { line, column: index - lineStart + 1 };
}
