/**
 * The PDF's document information: Chromium writes the title (from the HTML's title) and the
 * language (from its lang, in the tagged PDF's catalogue) but no author. An incremental
 * update (PDF 32000-1, 7.5.6) appends a new information dictionary with title, author,
 * subject and creator, leaving every byte Chromium wrote as it was: no PDF library has to
 * read and rewrite a volume of thousands of pages for four strings.
 */
import { closeSync, openSync, readSync, fstatSync, writeSync } from 'node:fs';

export interface PdfMetadata {
  title: string;
  author?: string;
  /** BCP 47; Chromium already writes it as the catalogue's /Lang (tagged PDF). */
  lang: string;
  subject?: string;
}

/** A PDF text string: UTF-16BE with a byte order mark, as hex (any script, no escaping). */
function pdfText(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

/** The last trailer of a PDF with a classic cross-reference table (what Skia writes). */
function readTrailer(tail: string): { size: number; root: string; startxref: number; info?: string } {
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailer = tail.lastIndexOf('trailer');
  if (!startxref || trailer < 0) throw new Error('not a PDF with a cross-reference table (no trailer at its end)');
  const dict = tail.slice(trailer, startxref.index);
  const size = /\/Size\s+(\d+)/.exec(dict);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(dict);
  if (!size || !root) throw new Error('the PDF trailer has no /Size or /Root');
  const info = /\/Info\s+(\d+\s+\d+\s+R)/.exec(dict);
  return { size: Number(size[1]), root: root[1]!, startxref: Number(startxref[1]), ...(info ? { info: info[1]! } : {}) };
}

/** Give the PDF at `file` its title, author, subject and creator (in place, appended). */
export function setPdfMetadata(file: string, meta: PdfMetadata, now = new Date()): void {
  const fd = openSync(file, 'r+');
  try {
    const length = fstatSync(fd).size;
    const tailLength = Math.min(length, 4096);
    const buffer = Buffer.alloc(tailLength);
    readSync(fd, buffer, 0, tailLength, length - tailLength);
    const { size, root, startxref } = readTrailer(buffer.toString('latin1'));
    const fields = [
      `/Title ${pdfText(meta.title)}`,
      ...(meta.author ? [`/Author ${pdfText(meta.author)}`] : []),
      ...(meta.subject ? [`/Subject ${pdfText(meta.subject)}`] : []),
      `/Creator ${pdfText('tei-edition (Paged.js in Chromium)')}`,
      `/Producer ${pdfText('Skia/PDF (Chromium)')}`,
      `/CreationDate ${pdfDate(now)}`,
      `/ModDate ${pdfDate(now)}`,
    ];
    const object = `${size} 0 obj\n<<${fields.join('\n')}>>\nendobj\n`;
    const objectOffset = length + 1;
    const xrefOffset = objectOffset + Buffer.byteLength(object, 'latin1');
    const update =
      `\n${object}xref\n${size} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
      `trailer\n<</Size ${size + 1}\n/Root ${root}\n/Info ${size} 0 R\n/Prev ${startxref}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
    writeSync(fd, Buffer.from(update, 'latin1'), 0, Buffer.byteLength(update, 'latin1'), length);
  } finally {
    closeSync(fd);
  }
}
