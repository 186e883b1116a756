/**
 * The print edition: the volume (edition.pdf) and one PDF per document, from the TEI.
 * TEI → print HTML (print.ts, XSLT under SaxonJS) → laid out by Paged.js in Debian's
 * Chromium driven by playwright-core (pdf-browser.ts) → PDF (Chromium's printer). A document's
 * PDF is one book, tagged, with bookmarks from its headings and its information (pdf-meta.ts);
 * the volume is laid out in pieces and joined (pdf-merge.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { saxon } from '../util/saxon.js';
import { listTeiFiles, pageStem, parseTei } from './html.js';
import { openPrinter, requireChromium, type Printer } from './pdf-browser.js';
import { joinPdfPieces, type Bookmark } from './pdf-merge.js';
import type { PdfMetadata } from './pdf-meta.js';
import { orderForPrint, transformToPrintHtml, type DateStyle, type PageSize, type PrintSource } from './print.js';

export type { DateStyle, PageSize } from './print.js';

export interface PdfBuildOptions {
  /** Folder of TEI documents (each *.xml but persons.xml). */
  source: string;
  /** Output folder (created): edition.pdf and NAME.pdf per document. */
  out: string;
  /** The persons register; default: persons.xml in or beside the source folder, if there. */
  persons?: string;
  /** The edition's title. */
  title?: string;
  /** The editor(s), for the title page and the PDF's author; default: the TEI's publisher. */
  author?: string;
  /** The edition's citation data (cite-meta: editors, publisher, published, licence; a JSON object) and base URL, for "Cite as" in the front matter. */
  citeMeta?: string;
  baseUrl?: string;
  /** Default a4. */
  pageSize?: PageSize;
  /** The dates of the contents, document heads and list of sources (default "long"). */
  dateStyle?: DateStyle;
  /** Build the volume (default true). */
  volume?: boolean;
  /** Build a PDF per document (default true). */
  documents?: boolean;
  /** TEI file names (basename.xml) whose per-document PDFs to build; default all. The volume always covers all. */
  only?: string[];
  /** Chromium's executable; default $TEI_EDITION_CHROMIUM, else /usr/bin/chromium. */
  chromium?: string;
  /** The volume is laid out this many documents at a time (default 10). */
  documentsPerPiece?: number;
}

export interface PdfBuildResult {
  /** The volume's path, when built. */
  volume?: string;
  /** Per-document PDFs written. */
  documents: string[];
  /** Pages in the volume (0 when it was not built). */
  pages: number;
  warnings: string[];
}

type Source = PrintSource & { file: string };
type Common = { register: unknown; title: string; author?: string; pageSize: PageSize; dateStyle: DateStyle; citeMeta?: string; baseUrl?: string };

export const defaultTitle = 'tei-edition: sample edition';

function xstring(expr: string, doc: unknown): string {
  return String(saxon().XPath.evaluate(`string(${expr})`, doc) ?? '');
}

/** Who a document's PDF names as author: the TEI's author, else editor, else publisher. */
function authorOf(doc: unknown): string {
  return xstring("normalize-space((/*/*:teiHeader/*:fileDesc/*:titleStmt/(*:author, *:editor), /*/*:teiHeader/*:fileDesc/*:publicationStmt/*:publisher)[normalize-space()][1])", doc);
}

function titleOf(doc: unknown, stem: string): string {
  return xstring("normalize-space((/*/*:teiHeader/*:fileDesc/*:titleStmt/*:title[@type = 'main'], /*/*:teiHeader/*:fileDesc/*:titleStmt/*:title)[1])", doc) || stem;
}

function langOf(doc: unknown): string {
  return xstring("(/*/@xml:lang, 'en')[1]", doc) || 'en';
}

/** Read and parse the TEI; a document that cannot be read is reported and left out. */
function readSources(source: string, warnings: string[]): Source[] {
  const out: Source[] = [];
  for (const file of listTeiFiles(source)) {
    try {
      out.push({ file, stem: pageStem(file), doc: parseTei(readFileSync(file, 'utf8')) });
    } catch (error) {
      warnings.push(`${file}: not well-formed XML, left out (${(error as Error).message.split('\n')[0]})`);
    }
  }
  return out;
}

/** The runs of documents the volume is laid out in, with the number of each run's first document. */
function runsOf(sources: Source[], size: number): { docs: Source[]; firstNumber: number }[] {
  const runs: { docs: Source[]; firstNumber: number }[] = [];
  let number = 1;
  for (let i = 0; i < sources.length; i += size) {
    const docs = sources.slice(i, i + size);
    runs.push({ docs, firstNumber: number });
    number += docs.filter((d) => !isIntroduction(d.doc)).length;
  }
  return runs;
}

/** The stylesheet failed on a run: the volume is made again without the documents it fails on. */
class RunFailed extends Error {}

/** Documents the stylesheet fails on, tried one by one: reported and left out. */
function printable(sources: Source[], common: Common, warnings: string[]): Source[] {
  return sources.filter((s) => {
    try {
      transformToPrintHtml({ documents: [s], ...common, single: {} });
      return true;
    } catch (error) {
      warnings.push(`${s.file}: cannot be printed, left out (${(error as Error).message.split('\n')[0]})`);
      return false;
    }
  });
}

function isIntroduction(doc: unknown): boolean {
  return xstring("exists(//*:text/*:body/*:div[@type = 'introduction'])", doc) === 'true';
}

/** Browser pages at work at once: two where there are two cores. */
function lanes(): number {
  return Math.min(2, Math.max(1, availableParallelism()));
}

/** Run `tasks` with at most `lanes` at a time, in order of start. */
async function pool<T>(tasks: (() => Promise<T>)[], lanes: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, tasks.length) }, lane));
  return results;
}

/**
 * The volume, laid out in pieces (Paged.js's time per page grows with the size of what it lays
 * out): the front matter first (to know how many pages it takes), the runs of documents two at
 * a time, each numbered on from the last (every piece starts on a right-hand page), then the
 * back matter with the index's page numbers, then the contents' numbers into the front matter;
 * pdf-lib joins the pieces.
 */
async function buildVolume(printer: Printer, sources: Source[], common: Common, file: string, meta: PdfMetadata, perPiece: number, warnings: string[]): Promise<number> {
  try {
    return await buildVolumeOnce(printer, sources, common, file, meta, perPiece);
  } catch (error) {
    if (!(error instanceof RunFailed)) throw error;
    return buildVolumeOnce(printer, printable(sources, common, warnings), common, file, meta, perPiece);
  }
}

async function buildVolumeOnce(printer: Printer, sources: Source[], common: Common, file: string, meta: PdfMetadata, perPiece: number): Promise<number> {
  const parts = runsOf(sources, perPiece);
  const work = mkdtempSync(join(tmpdir(), 'tei-edition-pieces-'));
  try {
    const front = await printer.layout(transformToPrintHtml({ documents: sources, ...common, book: 'front' }));
    try {
      const even = (n: number) => n + (n % 2);
      // The first page of each piece, known as soon as the piece before it is laid out.
      const firsts: Promise<number>[] = [Promise.resolve(even(front.pages) + 1)];
      const settle: ((n: number) => void)[] = [];
      for (let i = 0; i < parts.length; i++) firsts.push(new Promise<number>((r) => settle.push(r)));
      const toc: Record<string, number> = {};
      let failed = false;
      const names = new Map<string, Set<number>>();
      const pieces = await pool(
        parts.map((part, i) => async () => {
          // Each run's HTML is made when its turn comes, while Chromium lays out the others.
          let html: string;
          try {
            html = transformToPrintHtml({ documents: part.docs, ...common, book: 'part', firstNumber: part.firstNumber });
          } catch (error) {
            failed = true;
            for (const r of settle) r(0); // release the runs waiting for their first page
            throw new RunFailed((error as Error).message);
          }
          const laid = await printer.layout(html);
          try {
            const first = await firsts[i]!;
            if (failed) throw new RunFailed('another run failed');
            settle[i]!(first + even(laid.pages));
            for (const [id, page] of Object.entries(laid.starts)) toc[id] = first + page - 1;
            for (const [key, pages] of Object.entries(laid.names)) {
              const set = names.get(key) ?? new Set<number>();
              for (const p of pages) set.add(first + p - 1);
              names.set(key, set);
            }
            await laid.finish({ firstFolio: first });
            const piece = join(work, `part-${String(i).padStart(4, '0')}.pdf`);
            await laid.pdf(piece, undefined, { tagged: true });
            return piece;
          } finally {
            await laid.close();
          }
        }),
        lanes(),
      );
      const backFirst = await firsts[parts.length]!;
      // The index's page numbers, from every run; a person whose name no page prints is left out.
      const backHtml = transformToPrintHtml({ documents: sources, ...common, book: 'back' }).replace(/<li class="ix-entry" data-ix="([^"]*)">[\s\S]*?<\/li>/g, (entry, key: string) => {
        const pages = names.get(unescapeXml(key));
        return pages?.size ? entry.replace('></span></li>', `>${pageList([...pages])}</span></li>`) : '';
      });
      const back = await printer.layout(backHtml);
      const backPiece = join(work, 'back.pdf');
      try {
        for (const [id, page] of Object.entries(back.starts)) toc[id] = backFirst + page - 1;
        await back.finish({ firstFolio: backFirst });
        await back.pdf(backPiece, undefined, { tagged: true });
      } finally {
        await back.close();
      }
      await front.finish({ firstFolio: 1, toc });
      const frontPiece = join(work, 'front.pdf');
      await front.pdf(frontPiece, undefined, { tagged: true });
      const bookmarks: Bookmark[] = front.starts.contents ? [{ title: 'Contents', page: front.starts.contents }] : [];
      let number = 0;
      for (const s of sources) {
        const intro = isIntroduction(s.doc);
        if (!intro) number++;
        const page = toc[`d-${s.stem}`];
        if (page) bookmarks.push({ title: intro ? `Introduction: ${titleOf(s.doc, s.stem)}` : `${number}. ${titleOf(s.doc, s.stem)}`, page });
      }
      if (toc.sources) bookmarks.push({ title: 'List of sources', page: toc.sources });
      if (toc.persons) bookmarks.push({ title: 'Index of persons', page: toc.persons });
      return await joinPdfPieces([frontPiece, ...pieces, backPiece], file, bookmarks, meta);
    } finally {
      await front.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** "3, 5–7, 12" from page numbers. */
function pageList(pages: number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(j > i ? `${sorted[i]}\u2013${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return out.join(', ');
}

function unescapeXml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export async function buildPdfEdition(options: PdfBuildOptions): Promise<PdfBuildResult> {
  const source = resolve(options.source);
  const out = resolve(options.out);
  const warnings: string[] = [];
  requireChromium(options.chromium);
  const pageSize = options.pageSize ?? 'a4';
  const title = options.title ?? defaultTitle;
  const personsPath = options.persons ?? [join(source, 'persons.xml'), join(dirname(source), 'persons.xml')].find((p) => existsSync(p));
  let register: unknown;
  if (personsPath) {
    try {
      register = parseTei(readFileSync(personsPath, 'utf8'));
    } catch (error) {
      warnings.push(`${personsPath}: not well-formed XML, the index lists the participants only (${(error as Error).message.split('\n')[0]})`);
    }
  } else warnings.push('no persons register found: the index of persons lists the names the documents point to');

  const ordered = orderForPrint(readSources(source, warnings)) as Source[];
  // The volume's author: the editors named by the caller (also on the title page), else the
  // documents' publisher (the PDF's information only).
  const publisher = ordered[0] ? xstring('normalize-space((/*/*:teiHeader/*:fileDesc/*:publicationStmt/*:publisher)[1])', ordered[0].doc) : '';
  const author = options.author ?? publisher;
  const common = { register, title, ...(options.author ? { author: options.author } : {}), pageSize, dateStyle: options.dateStyle ?? 'long', ...(options.citeMeta ? { citeMeta: options.citeMeta } : {}), ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) };
  const result: PdfBuildResult = { documents: [], pages: 0, warnings };
  const wantVolume = options.volume !== false;
  const wantDocuments = options.documents !== false;
  if (!ordered.length || (!wantVolume && !wantDocuments)) {
    if (!ordered.length) warnings.push(`${source}: no TEI documents to print`);
    return result;
  }
  const only = options.only ? new Set(options.only.map((n) => basename(n))) : undefined;
  if (only) for (const name of only) if (!ordered.some((s) => basename(s.file) === name)) warnings.push(`${name}: no such TEI document in ${source}`);

  mkdirSync(out, { recursive: true });
  // Any request the print page makes beyond the book's own files is refused (pdf-browser.ts): reported once each.
  const refused = new Set<string>();
  const onRefused = (url: string) => {
    const shown = url.length > 200 ? `${url.slice(0, 200)}…` : url;
    if (refused.has(shown)) return;
    refused.add(shown);
    warnings.push(`the print edition asked Chromium for ${shown}: refused (a book loads only its own page, Paged.js and its layout script)`);
  };
  const printer: Printer = await openPrinter({ ...(options.chromium ? { executable: options.chromium } : {}), onRefused });
  try {
    if (wantVolume) {
      const volume = join(out, 'edition.pdf');
      result.pages = await buildVolume(printer, ordered, common, volume, { title, author, lang: langOf(ordered[0]!.doc) }, options.documentsPerPiece ?? 10, warnings);
      result.volume = volume;
    }
    if (wantDocuments) {
      // Two documents at a time (each in its own browser page), written in volume order.
      let number = 0;
      const jobs = ordered.map((s) => ({ s, intro: isIntroduction(s.doc), number: isIntroduction(s.doc) ? 0 : ++number })).filter((j) => !only || only.has(basename(j.s.file)));
      const written = await pool(
        jobs.map(({ s, intro, number: n }) => async () => {
          const file = join(out, `${s.stem}.pdf`);
          try {
            const single = transformToPrintHtml({ documents: [s], ...common, single: intro ? {} : { number: n } });
            await printer.print(single, file, { title: titleOf(s.doc, s.stem), author: authorOf(s.doc) || author, lang: langOf(s.doc) });
            return file;
          } catch (error) {
            warnings.push(`${s.file}: no PDF written (${(error as Error).message.split('\n')[0]})`);
            return undefined;
          }
        }),
        lanes(),
      );
      result.documents.push(...written.filter((f): f is string => f !== undefined));
    }
  } finally {
    await printer.close();
  }
  return result;
}
