/**
 * The volume laid out in pieces becomes one PDF: pdf-lib copies every piece's pages in order
 * (a piece with an odd number of pages gets a blank verso, so that every piece begins on a
 * right-hand page, as it was laid out), adds a bookmark per part and the document
 * information and language.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from 'pdf-lib';
import type { PdfMetadata } from './pdf-meta.js';

export interface Bookmark {
  title: string;
  /** Page index from 1 in the joined PDF. */
  page: number;
}

/** Join `pieces` into `out` (written beside and renamed); returns the number of pages. */
export async function joinPdfPieces(pieces: string[], out: string, bookmarks: Bookmark[], meta: PdfMetadata): Promise<number> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  for (const [i, file] of pieces.entries()) {
    const piece = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    const pages = await joined.copyPages(piece, piece.getPageIndices());
    for (const page of pages) {
      // Chromium's structure tree stays behind: a page must not point into it.
      page.node.delete(PDFName.of('StructParents'));
      joined.addPage(page);
    }
    if (pages.length % 2 === 1 && i < pieces.length - 1) {
      const { width, height } = pages.at(-1)!.getSize();
      joined.addPage([width, height]);
    }
  }
  addOutline(joined, bookmarks);
  joined.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.author) joined.setAuthor(meta.author);
  if (meta.subject) joined.setSubject(meta.subject);
  joined.setLanguage(meta.lang);
  joined.setCreator('tei-edition (Paged.js in Chromium)');
  joined.setProducer('Skia/PDF (Chromium), pdf-lib');
  const now = new Date();
  joined.setCreationDate(now);
  joined.setModificationDate(now);
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, await joined.save({ useObjectStreams: false }));
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
  return joined.getPageCount();
}

/** A flat outline: one bookmark per part, opening its first page. */
function addOutline(doc: PDFDocument, bookmarks: Bookmark[]): void {
  const marks = bookmarks.filter((b) => b.page >= 1 && b.page <= doc.getPageCount());
  if (!marks.length) return;
  const context = doc.context;
  const outlineRef = context.nextRef();
  const refs: PDFRef[] = marks.map(() => context.nextRef());
  marks.forEach((mark, i) => {
    const page = doc.getPage(mark.page - 1);
    const item = context.obj({});
    item.set(PDFName.of('Title'), PDFHexString.fromText(mark.title));
    item.set(PDFName.of('Parent'), outlineRef);
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < marks.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
    item.set(PDFName.of('Dest'), context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]));
    context.assign(refs[i]!, item);
  });
  const outline = context.obj({});
  outline.set(PDFName.of('Type'), PDFName.of('Outlines'));
  outline.set(PDFName.of('First'), refs[0]!);
  outline.set(PDFName.of('Last'), refs.at(-1)!);
  outline.set(PDFName.of('Count'), PDFNumber.of(marks.length));
  context.assign(outlineRef, outline);
  doc.catalog.set(PDFName.of('Outlines'), outlineRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
