import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { decodeText, DEFAULT_MAX_BYTES } from './decode.js';
import { readDocx } from './docx.js';
import { readHtml } from './html.js';
import { readMarkdown } from './markdown.js';
import type { ReadResult } from './source.js';
import { readText } from './text.js';
import { makeLocate } from '../util/locate.js';

export type { ReadResult } from './source.js';

export type InputFormat = 'txt' | 'md' | 'html' | 'docx';
export const INPUT_FORMATS: InputFormat[] = ['txt', 'md', 'html', 'docx'];

/** File name endings of each format (what `import` looks for in folders). */
export const EXTENSIONS: Record<InputFormat, string[]> = {
  txt: ['.txt'],
  md: ['.md', '.markdown'],
  html: ['.html', '.htm'],
  docx: ['.docx'],
};

/** The format of a file from its name, or undefined. */
export function formatOf(file: string): InputFormat | undefined {
  const name = file.toLowerCase();
  return INPUT_FORMATS.find((f) => EXTENSIONS[f].some((e) => name.endsWith(e)));
}

export interface ReadOptions {
  /** Largest input accepted, in bytes (for DOCX: also the largest total of the XML parts inflated). */
  maxBytes?: number;
}

/**
 * Read an input of any format into the document model's paragraphs, with the
 * source text that text conservation checks. Null, with errors on the file,
 * when it cannot be read.
 */
export async function readInput(bytes: Uint8Array, format: InputFormat, file: VFile, options: ReadOptions = {}): Promise<ReadResult | null> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const checksum = (): string => createHash('sha256').update(bytes).digest('hex');
  if (format === 'docx') {
    const read = await readDocx(bytes, file, { maxBytes });
    return read && { ...read, checksum: checksum() };
  }
  const text = decodeText(bytes, file, { maxBytes });
  if (text === null) return null;
  if (format === 'txt') {
    const lines = makeLocate(text);
    return { blocks: readText(text), text, locate: lines };
  }
  const read = format === 'md' ? readMarkdown(text, file) : readHtml(text, file);
  if (!read) return null;
  if (!read.blocks.length) {
    report(file, 'empty-input', `The ${format === 'md' ? 'Markdown' : 'HTML'} file has no text to import.`);
    return null;
  }
  return { ...read, checksum: checksum() };
}
