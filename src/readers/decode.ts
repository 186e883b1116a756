import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';

export interface DecodeOptions {
  /** Largest input accepted, in bytes. */
  maxBytes: number;
}

export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Turn the bytes of a text transcript into a string: UTF-8 (with or without BOM),
 * or Windows-1252 when the bytes are not UTF-8. Line ends become "\n" (line and
 * column numbers stay those of the original file). Returns null, with an error
 * on the file, when the input cannot be a transcript.
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
    const bad = firstInvalidUtf8(body);
    const { line, column } = lineColumnOfByte(body, bad);
    text = new TextDecoder('windows-1252').decode(body);
    report(file, 'legacy-encoding', `The file is not valid UTF-8 (first bad byte at line ${line}, column ${column}); it was read as Windows-1252.`, { line, column });
  }
  return finish(text, file);
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

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    let cp = len === 1 ? b : b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k] ?? 0;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, surrogates (ED A0 80…) and code points above U+10FFFF are not UTF-8 either.
    if ((len === 3 && cp < 0x800) || (len === 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return bytes.length;
}

function lineColumnOfByte(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) { line++; lineStart = i + 1; }
  return { line, column: index - lineStart + 1 };
}
