/**
 * The volume laid out in pieces becomes one PDF: pdf-lib copies every piece's pages in order
 * (a piece with an odd number of pages gets a blank verso, so that every piece begins on a
 * right-hand page, as it was laid out), adds a bookmark per part and the document
 * information and language.
 *
 * The pieces are tagged PDFs (Chromium's structure tree: headings, paragraphs, lists, links,
 * notes), and the joined volume keeps their tags: each piece's structure elements are copied
 * with the same copier as its pages (so every /Pg and every link's /Obj points to the copied
 * page or annotation), its parent tree's keys (a page's /StructParents, an annotation's
 * /StructParent) are numbered on after the pieces before it, and the pieces' top elements
 * become parts (/Part) of one /Document. The catalogue says /MarkInfo /Marked true, the
 * language and the title to show (DisplayDocTitle).
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFObjectCopier, PDFPage, PDFRef, type PDFObject } from 'pdf-lib';
import type { PdfMetadata } from './pdf-meta.js';

export interface Bookmark {
  title: string;
  /** Page index from 1 in the joined PDF. */
  page: number;
}

/** The joined structure tree, filled piece by piece. */
interface Structure {
  /** The top /Document element and its kids (the pieces' parts). */
  documentRef: PDFRef;
  kids: PDFObject[];
  /** The parent tree's entries, in key order. */
  nums: PDFObject[];
  /** The next free parent-tree key. */
  next: number;
  roleMap: Map<string, PDFObject>;
}

/** Entries of a number tree (its /Nums, or those of its /Kids), as [key, value] pairs. */
function numberTree(dict: PDFDict | undefined, out: [number, PDFObject][] = [], depth = 0): [number, PDFObject][] {
  if (!dict || depth > 32) return out;
  const nums = dict.lookupMaybe(PDFName.of('Nums'), PDFArray);
  if (nums) {
    for (let i = 0; i + 1 < nums.size(); i += 2) {
      const key = nums.lookup(i);
      if (key instanceof PDFNumber) out.push([key.asNumber(), nums.get(i + 1)]);
    }
  }
  const kids = dict.lookupMaybe(PDFName.of('Kids'), PDFArray);
  if (kids) for (let i = 0; i < kids.size(); i++) numberTree(kids.lookupMaybe(i, PDFDict), out, depth + 1);
  return out;
}

/** Copy one piece's pages (and its structure tree) to the end of `joined`; returns the pages copied. */
function copyPiece(joined: PDFDocument, piece: PDFDocument, structure: Structure): PDFPage[] {
  const copier = PDFObjectCopier.for(piece.context, joined.context);
  // The copier's map from the piece's objects to the copies (pdf-lib keeps it per copier).
  const mapped = (copier as unknown as { traversedObjects: Map<PDFObject, PDFObject> }).traversedObjects;
  const rootRef = piece.catalog.get(PDFName.of('StructTreeRoot'));
  const root = piece.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  // Elements whose parent is the piece's root hang under the volume's /Document instead.
  if (rootRef instanceof PDFRef) mapped.set(rootRef, structure.documentRef);
  const offset = structure.next;
  const pages: PDFPage[] = [];
  for (const page of piece.getPages()) {
    const ref = joined.context.nextRef();
    mapped.set(page.ref, ref);
    const leaf = copier.copy(page.node) as PDFDict;
    joined.context.assign(ref, leaf);
    const copied = PDFPage.of(leaf as never, ref, joined);
    renumber(leaf, 'StructParents', root ? offset : undefined);
    const annots = leaf.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (annots) for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookupMaybe(i, PDFDict);
      if (annot) renumber(annot, 'StructParent', root ? offset : undefined);
    }
    joined.addPage(copied);
    pages.push(copied);
  }
  if (!root) return pages;
  const k = root.get(PDFName.of('K'));
  const tops = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
  for (const top of tops) {
    const kid = copier.copy(top);
    const element = kid instanceof PDFRef ? joined.context.lookup(kid) : kid;
    if (element instanceof PDFDict) {
      if (element.get(PDFName.of('S')) === PDFName.of('Document')) element.set(PDFName.of('S'), PDFName.of('Part'));
      element.set(PDFName.of('P'), structure.documentRef);
    }
    structure.kids.push(kid);
  }
  let last = -1;
  for (const [key, value] of numberTree(root.lookupMaybe(PDFName.of('ParentTree'), PDFDict))) {
    structure.nums.push(PDFNumber.of(key + offset), copier.copy(value));
    last = Math.max(last, key);
  }
  const declared = root.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
  structure.next = offset + Math.max(declared, last + 1);
  const roles = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  if (roles) for (const [name, value] of roles.entries()) if (!structure.roleMap.has(name.asString())) structure.roleMap.set(name.asString(), copier.copy(value));
  return pages;
}

/** Number a parent-tree key on after the pieces before; without a structure tree, drop it. */
function renumber(dict: PDFDict, key: 'StructParents' | 'StructParent', offset: number | undefined): void {
  const name = PDFName.of(key);
  const value = dict.lookupMaybe(name, PDFNumber);
  if (!value) return;
  if (offset === undefined) dict.delete(name);
  else dict.set(name, PDFNumber.of(value.asNumber() + offset));
}

/** Join `pieces` into `out` (written beside and renamed); returns the number of pages. */
export async function joinPdfPieces(pieces: string[], out: string, bookmarks: Bookmark[], meta: PdfMetadata): Promise<number> {
  const joined = await PDFDocument.create({ updateMetadata: false });
  const context = joined.context;
  const structure: Structure = { documentRef: context.nextRef(), kids: [], nums: [], next: 0, roleMap: new Map() };
  const rootRef = context.nextRef();
  for (const [i, file] of pieces.entries()) {
    const piece = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    const pages = copyPiece(joined, piece, structure);
    if (pages.length % 2 === 1 && i < pieces.length - 1) {
      const { width, height } = pages.at(-1)!.getSize();
      joined.addPage([width, height]);
    }
  }
  if (structure.kids.length) {
    const document = context.obj({});
    document.set(PDFName.of('Type'), PDFName.of('StructElem'));
    document.set(PDFName.of('S'), PDFName.of('Document'));
    document.set(PDFName.of('P'), rootRef);
    document.set(PDFName.of('K'), context.obj(structure.kids));
    context.assign(structure.documentRef, document);
    const parentTree = context.obj({});
    parentTree.set(PDFName.of('Nums'), context.obj(structure.nums));
    const root = context.obj({});
    root.set(PDFName.of('Type'), PDFName.of('StructTreeRoot'));
    root.set(PDFName.of('K'), structure.documentRef);
    root.set(PDFName.of('ParentTree'), context.register(parentTree));
    root.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(structure.next));
    if (structure.roleMap.size) {
      const roles = context.obj({});
      for (const [name, value] of structure.roleMap) roles.set(PDFName.of(name.replace(/^\//, '')), value);
      root.set(PDFName.of('RoleMap'), roles);
    }
    context.assign(rootRef, root);
    joined.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
    const markInfo = context.obj({});
    markInfo.set(PDFName.of('Marked'), context.obj(true));
    joined.catalog.set(PDFName.of('MarkInfo'), markInfo);
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
