/**
 * The print edition: the volume (edition.pdf) and one PDF per document, from the TEI.
 * TEI → print HTML (print.ts, XSLT under SaxonJS) → laid out by Paged.js in Debian's
 * Chromium driven by playwright-core (pdf-browser.ts) → PDF (Chromium's printer, with
 * bookmarks and tags) → metadata (pdf-meta.ts).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import SaxonJSModule from 'saxon-js';
import { listTeiFiles, pageStem, parseTei } from './html.js';
import { openPrinter, requireChromium, type Printer } from './pdf-browser.js';
import { orderForPrint, transformToPrintHtml, type PageSize, type PrintSource } from './print.js';

export type { PageSize } from './print.js';

const SaxonJS = SaxonJSModule as unknown as { XPath: { evaluate(e: string, c?: unknown, o?: Record<string, unknown>): unknown } };

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
  /** Default a4. */
  pageSize?: PageSize;
  /** Build the volume (default true). */
  volume?: boolean;
  /** Build a PDF per document (default true). */
  documents?: boolean;
  /** TEI file names (basename.xml) whose per-document PDFs to build; default all. The volume always covers all. */
  only?: string[];
  /** Chromium's executable; default $TEI_EDITION_CHROMIUM, else /usr/bin/chromium. */
  chromium?: string;
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

export const defaultTitle = 'tei-edition: sample edition';

function xstring(expr: string, doc: unknown): string {
  return String(SaxonJS.XPath.evaluate(`string(${expr})`, doc) ?? '');
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
function readSources(source: string, warnings: string[]): (PrintSource & { file: string })[] {
  const out: (PrintSource & { file: string })[] = [];
  for (const file of listTeiFiles(source)) {
    try {
      out.push({ file, stem: pageStem(file), doc: parseTei(readFileSync(file, 'utf8')) });
    } catch (error) {
      warnings.push(`${file}: not well-formed XML, left out (${(error as Error).message.split('\n')[0]})`);
    }
  }
  return out;
}

/**
 * The print HTML of the volume. Should the stylesheet fail on the whole, each document is
 * tried alone and those it fails on are reported and left out.
 */
function volumeHtml(sources: (PrintSource & { file: string })[], options: { register?: unknown; title: string; author?: string; pageSize: PageSize }, warnings: string[]): { html: string; kept: (PrintSource & { file: string })[] } {
  try {
    return { html: transformToPrintHtml({ documents: sources, ...options }), kept: sources };
  } catch {
    const kept = sources.filter((s) => {
      try {
        transformToPrintHtml({ documents: [s], ...options, single: {} });
        return true;
      } catch (error) {
        warnings.push(`${s.file}: cannot be printed, left out (${(error as Error).message.split('\n')[0]})`);
        return false;
      }
    });
    return { html: transformToPrintHtml({ documents: kept, ...options }), kept };
  }
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

  type Source = PrintSource & { file: string };
  const ordered = orderForPrint(readSources(source, warnings)) as Source[];
  // The volume's author: the editors named by the caller (also on the title page), else the
  // documents' publisher (the PDF's information only).
  const publisher = ordered[0] ? xstring('normalize-space((/*/*:teiHeader/*:fileDesc/*:publicationStmt/*:publisher)[1])', ordered[0].doc) : '';
  const author = options.author ?? publisher;
  const common = { register, title, ...(options.author ? { author: options.author } : {}), pageSize };
  const result: PdfBuildResult = { documents: [], pages: 0, warnings };
  const wantVolume = options.volume !== false;
  const wantDocuments = options.documents !== false;
  if (!ordered.length || (!wantVolume && !wantDocuments)) {
    if (!ordered.length) warnings.push(`${source}: no TEI documents to print`);
    return result;
  }
  const { html, kept } = wantVolume ? volumeHtml(ordered, common, warnings) : { html: '', kept: ordered };
  const only = options.only ? new Set(options.only.map((n) => basename(n))) : undefined;
  if (only) for (const name of only) if (!ordered.some((s) => basename(s.file) === name)) warnings.push(`${name}: no such TEI document in ${source}`);

  mkdirSync(out, { recursive: true });
  const printer: Printer = await openPrinter(options.chromium);
  try {
    if (wantVolume) {
      const volume = join(out, 'edition.pdf');
      const laid = await printer.print(html, volume, { title, author, lang: langOf(kept[0]!.doc) });
      result.volume = volume;
      result.pages = laid.pages;
      if (!laid.indexFilled) warnings.push('the index of persons could not be given page numbers (the end of the text was not found during layout)');
    }
    if (wantDocuments) {
      let number = 0;
      for (const s of ordered) {
        const intro = xstring("exists(//*:text/*:body/*:div[@type = 'introduction'])", s.doc) === 'true';
        if (!intro) number++;
        if (only && !only.has(basename(s.file))) continue;
        const file = join(out, `${s.stem}.pdf`);
        try {
          const single = transformToPrintHtml({ documents: [s], ...common, single: intro ? {} : { number } });
          await printer.print(single, file, { title: titleOf(s.doc, s.stem), author: authorOf(s.doc) || author, lang: langOf(s.doc) });
          result.documents.push(file);
        } catch (error) {
          warnings.push(`${s.file}: no PDF written (${(error as Error).message.split('\n')[0]})`);
        }
      }
    }
  } finally {
    await printer.close();
  }
  return result;
}
