/**
 * Debian's Chromium, driven by playwright-core, lays out print HTML with Paged.js and prints
 * it to PDF. One browser per build (fresh profile: Playwright's own temporary one), one page
 * per book; files are written beside their destination and renamed into place.
 *
 * The page may load only the book's own files: the book's HTML, Paged.js and the layout script
 * (the fonts are the system's, loaded without a request). Every other request (a file, a URL,
 * data the page asks for in any way) is refused before Chromium makes it, and reported.
 */
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { transformDir } from './compile.js';
import { setPdfMetadata, type PdfMetadata } from './pdf-meta.js';

/** The flags Chromium runs with (no GPU, no network chatter, no first-run or sync). */
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Where Chromium is: the option, else $TEI_EDITION_CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath(option?: string): string {
  return option || process.env.TEI_EDITION_CHROMIUM || '/usr/bin/chromium';
}

/** Paged.js's browser bundle (the package exports only its module entry points). */
function pagedJsBundle(): string {
  const entry = createRequire(import.meta.url).resolve('pagedjs');
  return join(dirname(entry), '..', 'dist', 'paged.js');
}

/** A book laid out in a browser page, kept open until it is printed. */
export interface LaidOut {
  pages: number;
  /** Whether the index of persons received its page numbers during layout (one-piece books). */
  indexFilled: boolean;
  /** Page index (from 1) where each part (article or back section, by id) begins. */
  starts: Record<string, number>;
  /** Page indexes where each person's name (data-p) stands. */
  names: Record<string, number[]>;
  /** Number the pages from `firstFolio`; write the contents' page numbers (by target id). */
  finish(options: { firstFolio?: number; toc?: Record<string, number> }): Promise<void>;
  /**
   * Print to `out` (written beside and renamed). With metadata: a finished PDF (its
   * information, bookmarks from the headings, tags); without: a piece of a volume, to be joined
   * (no bookmarks: the joined volume has its own), tagged when `tagged` (pdf-merge.ts keeps the
   * structure trees of the pieces).
   */
  pdf(out: string, meta?: PdfMetadata, options?: { tagged?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export interface PrinterOptions {
  /** Chromium's executable (chromiumPath). */
  executable?: string;
  /** Told of every request the page made that was refused (anything but the book's own files). */
  onRefused?: (url: string) => void;
}

export interface Printer {
  layout(html: string): Promise<LaidOut>;
  /** Lay out, print and close: a book in one piece. */
  print(html: string, out: string, meta: PdfMetadata): Promise<{ pages: number; indexFilled: boolean }>;
  close(): Promise<void>;
}

/** Chromium's path, or an error saying how to install it. */
export function requireChromium(executable?: string): string {
  const path = chromiumPath(executable);
  if (!existsSync(path)) {
    throw new Error(`Chromium was not found at ${path}. The PDF edition is laid out by Chromium: install it with "sudo apt-get install chromium" (Debian, Ubuntu), or give the path of a Chromium with --chromium PATH or TEI_EDITION_CHROMIUM=PATH.`);
  }
  return path;
}

export async function openPrinter(options: PrinterOptions = {}): Promise<Printer> {
  const path = requireChromium(options.executable);
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: path, args: chromiumArgs, headless: true });
  } catch (error) {
    throw new Error(`Chromium at ${path} did not start: ${(error as Error).message.split('\n')[0]}. Install Debian's chromium with "sudo apt-get install chromium".`);
  }
  // Paged.js and the layout script are loaded by URL from the book's own page (not injected as
  // text): Chromium then keeps their compiled code between books. Browser pages are reused
  // (two at work at most), each book a new document in one of them.
  const scriptUrls = [pagedJsBundle(), join(transformDir, 'print', 'layout.js')].map((f) => pathToFileURL(f).href);
  const scripts = scriptUrls.map((href) => `<script src="${href}"></script>`).join('');
  const work = mkdtempSync(join(tmpdir(), 'tei-edition-print-'));
  const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: false });
  // What the pages may load: the scripts, and each book's HTML while it is laid out.
  const allowed = new Set(scriptUrls);
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (allowed.has(url)) return route.continue();
    options.onRefused?.(url);
    return route.abort('blockedbyclient');
  });
  const idle: { page: Page; errors: string[] }[] = [];
  let count = 0;
  const layout = async (html: string): Promise<LaidOut> => {
    const file = join(work, `book-${++count}.html`);
    const href = pathToFileURL(file).href;
    // The first "</head>" is the head's end: the serializer escapes "<" in all text and attributes.
    writeFileSync(file, html.replace('</head>', `${scripts}</head>`));
    allowed.add(href);
    let tab = idle.pop();
    if (!tab) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      tab = { page, errors };
    }
    const { page, errors } = tab;
    errors.length = 0;
    const release = async () => {
      allowed.delete(href);
      rmSync(file, { force: true });
      try {
        await page.goto('about:blank');
        idle.push(tab!);
      } catch {
        await page.close().catch(() => undefined);
      }
    };
    try {
      await page.goto(href, { waitUntil: 'load' });
      const laid = (await page.evaluate('window.teLayout()')) as { pages: number; filled: boolean; starts: Record<string, number>; names: Record<string, number[]> };
      if (errors.length) throw new Error(`layout failed in the browser: ${errors[0]}`);
      return {
        pages: laid.pages,
        indexFilled: laid.filled,
        starts: laid.starts,
        names: laid.names,
        async finish(options) {
          await page.evaluate((o) => (globalThis as unknown as { teFinish(o: unknown): unknown }).teFinish(o), options);
        },
        async pdf(out, meta, pdfOptions) {
          const tmp = `${out}.${process.pid}.tmp`;
          try {
            await page.pdf({ path: tmp, preferCSSPageSize: true, printBackground: true, outline: Boolean(meta), tagged: pdfOptions?.tagged ?? Boolean(meta) });
            if (meta) setPdfMetadata(tmp, meta);
            renameSync(tmp, out);
          } finally {
            rmSync(tmp, { force: true });
          }
        },
        close: release,
      };
    } catch (error) {
      await release();
      throw error;
    }
  };
  return {
    layout,
    async print(html, out, meta) {
      const laid = await layout(html);
      try {
        await laid.pdf(out, meta);
        return { pages: laid.pages, indexFilled: laid.indexFilled };
      } finally {
        await laid.close();
      }
    },
    async close() {
      await browser.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
