/**
 * The EPUB 3 edition: the whole edition as one e-book (`edition.epub`), from the TEI.
 * XSLT 3.0 (transform/epub/epub.xsl, which imports the print edition's stylesheet), compiled
 * to SEF and run in-process by SaxonJS, writes every file of the book: the title page, the
 * navigation document (contents and landmarks), one XHTML file per document with its notes as
 * EPUB footnotes, the list of sources, the index of persons and the package document; this
 * module adds the style sheet and the fonts (Charis SIL, SIL Open Font License: embedded) and
 * zips them with yazl (`mimetype` first, stored). The book is written beside its destination
 * and renamed into place: never half-written.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { saxon } from '../util/saxon.js';
import yazl from 'yazl';
import { compileStylesheet, transformDir } from './compile.js';
import { listTeiFiles, pageStem, parseTei } from './html.js';
import { charisDir } from './edition-files.js';

export { charisDir };

/** Where Debian's fonts-sil-charis puts Charis SIL, and the faces the style sheet names. */
export const charisFaces = ['CharisSIL-Regular.ttf', 'CharisSIL-Italic.ttf', 'CharisSIL-Bold.ttf', 'CharisSIL-BoldItalic.ttf'];

export interface EpubBuildOptions {
  /** Folder of TEI documents (each *.xml but persons.xml); or `files`. */
  source?: string;
  /** The TEI documents, each with the name of its page (the build's stems); instead of `source`. */
  files?: { file: string; stem: string }[];
  /** Output folder (created): edition.epub. */
  out: string;
  /** The persons register; default: persons.xml in or beside the source folder, if there. */
  persons?: string;
  title?: string;
  /** One dc:creator (role: editor) each. */
  editors?: string[];
  publisher?: string;
  /** dc:rights. */
  licence?: string;
  /** Where the edition is published: part of the book's identifier. */
  baseUrl?: string;
  /** dc:identifier; default a urn:uuid from the title and the base URL (stable from build to build). */
  identifier?: string;
  /** dcterms:modified; default $SOURCE_DATE_EPOCH, else now. */
  modified?: Date;
  /** Folder with the Charis SIL files; default Debian's. Without them the book names no font. */
  fontDir?: string;
}

export interface EpubBuildResult {
  /** The book's path (undefined when there was nothing to put in it). */
  file?: string;
  /** Documents in the book. */
  documents: number;
  /** The book's files (paths inside the zip), in order. */
  entries: string[];
  warnings: string[];
}

export const defaultEpubTitle = 'tei-edition: sample edition';

let compiled: unknown;
function stylesheet(): unknown {
  compiled ??= JSON.parse(readFileSync(compileStylesheet('epub').sef, 'utf8'));
  return compiled;
}

/** Stylesheet parameters by their names in no namespace; those undefined are left out. */
function stylesheetParamsOf(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[`Q{}${k}`] = v;
  return out;
}

function run(template: string, params: Record<string, unknown>, method: 'xhtml' | 'xml' | 'text' = 'xhtml'): string {
  const result = saxon().transform({
    stylesheetInternal: stylesheet(),
    initialTemplate: `Q{}${template}`,
    stylesheetParams: stylesheetParamsOf(params),
    destination: 'serialized',
    ...(method !== 'xhtml' ? { outputProperties: { method } } : {}),
  });
  return String(result.principalResult);
}

/**
 * Every document's file in one transformation ("epub-docs"): file name → text, or undefined when
 * the transformation fails (the caller then makes them one by one to find the failing one).
 */
function runDocs(ordered: Source[], register: unknown, title: string): Map<string, string> | undefined {
  const files = new Map<string, string>();
  try {
    saxon().transform({
      stylesheetInternal: stylesheet(),
      initialTemplate: 'Q{}epub-docs',
      stylesheetParams: stylesheetParamsOf({ docs: ordered.map((s) => s.doc), stems: ordered.map((s) => s.stem), register, 'edition-title': title }),
      destination: 'serialized',
      baseOutputURI: 'file:///epub/',
      deliverResultDocument: () => ({ destination: 'serialized', save: (uri: URL | string, text: string) => files.set(String(uri instanceof URL ? uri.pathname : uri).replace(/^.*\//, ''), text) }),
    });
  } catch {
    return undefined;
  }
  return ordered.every((s) => files.has(`d-${s.stem}.xhtml`)) ? files : undefined;
}

/** An XHTML file of the book: XML declaration, the HTML doctype, the element. */
function xhtml(text: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n${text.replace(/^<\?xml[^>]*>\s*/, '').replace(/^<!DOCTYPE[^>]*>\s*/i, '')}`;
}

/**
 * The book's identifier: a name-based UUID (version 5 layout, SHA-1) of the title and the
 * base URL, so the same edition keeps its identifier from build to build.
 */
export function epubIdentifier(title: string, baseUrl?: string): string {
  const h = createHash('sha1').update(`tei-edition epub\n${title}\n${baseUrl ?? ''}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** dcterms:modified's form: CCYY-MM-DDThh:mm:ssZ. */
function modifiedOf(date?: Date): Date {
  if (date) return date;
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return Number.isFinite(epoch) && process.env.SOURCE_DATE_EPOCH ? new Date(epoch * 1000) : new Date();
}

type Source = { file: string; stem: string; doc: unknown };

function xstring(expr: string, doc: unknown): string {
  return String(saxon().XPath.evaluate(`string(${expr})`, doc) ?? '');
}

function isIntroduction(doc: unknown): boolean {
  return xstring("exists(//*:text/*:body/*:div[@type = 'introduction'])", doc) === 'true';
}

/** Build the e-book. Documents that cannot be read or transformed are reported in `warnings` and left out. */
export async function buildEpubEdition(options: EpubBuildOptions): Promise<EpubBuildResult> {
  const out = resolve(options.out);
  const warnings: string[] = [];
  const source = options.source ? resolve(options.source) : undefined;
  const inputs = options.files ?? (source ? listTeiFiles(source).map((file) => ({ file, stem: pageStem(file) })) : []);
  const personsPath = options.persons ?? (source ? [join(source, 'persons.xml'), join(dirname(source), 'persons.xml')].find((p) => existsSync(p)) : undefined);
  let register: unknown;
  if (personsPath) {
    try {
      register = parseTei(readFileSync(personsPath, 'utf8'));
    } catch (error) {
      warnings.push(`${personsPath}: not well-formed XML, the index lists the participants only (${(error as Error).message.split('\n')[0]})`);
    }
  }
  const read: Source[] = [];
  for (const { file, stem } of inputs) {
    try {
      read.push({ file, stem, doc: parseTei(readFileSync(file, 'utf8')) });
    } catch (error) {
      warnings.push(`${file}: not well-formed XML, left out of the EPUB (${(error as Error).message.split('\n')[0]})`);
    }
  }
  const result: EpubBuildResult = { documents: 0, entries: [], warnings };
  if (!read.length) {
    warnings.push(`${source ?? 'the build'}: no TEI documents for the EPUB`);
    return result;
  }
  const title = options.title ?? defaultEpubTitle;
  // Book order: introductions, then by date (the print edition's order).
  const byStem = new Map(read.map((s) => [s.stem, s]));
  const order = run('order', { docs: read.map((s) => s.doc), stems: read.map((s) => s.stem) }, 'text').split('\n').filter(Boolean);
  const ordered = order.map((s) => byStem.get(s)).filter((s): s is Source => s !== undefined);

  // One file per document, all in one transformation (SaxonJS has a fixed cost per
  // transformation). Should it fail, each document is made on its own, so that one the
  // stylesheet fails on is reported and left out and the others are kept.
  const files: [string, Buffer][] = [];
  let kept: Source[] = [];
  const batch = runDocs(ordered, register, title);
  if (batch) {
    for (const s of ordered) files.push([`EPUB/d-${s.stem}.xhtml`, Buffer.from(xhtml(batch.get(`d-${s.stem}.xhtml`) ?? ''))]);
    kept = ordered;
  } else {
    let number = 0;
    for (const s of ordered) {
      const intro = isIntroduction(s.doc);
      try {
        const text = run('epub-doc', { docs: [s.doc], stems: [s.stem], register, 'edition-title': title, 'doc-number': intro ? 0 : number + 1 });
        files.push([`EPUB/d-${s.stem}.xhtml`, Buffer.from(xhtml(text))]);
        kept.push(s);
        if (!intro) number++;
      } catch (error) {
        warnings.push(`${s.file}: cannot be made into the EPUB, left out (${(error as Error).message.split('\n')[0]})`);
      }
    }
  }
  if (!kept.length) return result;

  const fontDir = options.fontDir ?? charisDir;
  const fonts = charisFaces.filter((f) => existsSync(join(fontDir, f)));
  if (fonts.length < charisFaces.length) warnings.push(`Charis SIL is not (all) in ${fontDir}: the EPUB embeds ${fonts.length ? fonts.join(', ') : 'no font'} (install fonts-sil-charis)`);
  let css = readFileSync(join(transformDir, 'epub', 'epub.css'), 'utf8');
  // A face that is not embedded is not named.
  css = css.replace(/^@font-face \{[^}]*url\("fonts\/([^"]+)"\); \}\n/gm, (rule, name: string) => (fonts.includes(name) ? rule : ''));

  const params = {
    docs: kept.map((s) => s.doc),
    stems: kept.map((s) => s.stem),
    register,
    'edition-title': title,
    'epub-identifier': options.identifier ?? epubIdentifier(title, options.baseUrl),
    'epub-modified': modifiedOf(options.modified).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'epub-editors': options.editors ?? [],
    'epub-publisher': options.publisher,
    'epub-rights': options.licence,
    'epub-fonts': fonts,
  };
  const entries: [string, Buffer][] = [
    ['META-INF/container.xml', Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n  <rootfiles>\n    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>\n  </rootfiles>\n</container>\n')],
    ['EPUB/package.opf', Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${run('epub-package', params, 'xml').replace(/^<\?xml[^>]*>\s*/, '')}\n`)],
    ['EPUB/cover.xhtml', Buffer.from(xhtml(run('epub-cover', params)))],
    ['EPUB/nav.xhtml', Buffer.from(xhtml(run('epub-nav', params)))],
    ...files,
    ['EPUB/sources.xhtml', Buffer.from(xhtml(run('epub-sources', params)))],
    ['EPUB/persons.xhtml', Buffer.from(xhtml(run('epub-index', params)))],
    ['EPUB/epub.css', Buffer.from(css)],
    ...fonts.map((f): [string, Buffer] => [`EPUB/fonts/${f}`, readFileSync(join(fontDir, f))]),
  ];

  mkdirSync(out, { recursive: true });
  const file = join(out, 'edition.epub');
  const tmp = join(out, `.edition.epub.${process.pid}.tmp`);
  const mtime = modifiedOf(options.modified);
  try {
    await new Promise<void>((done, fail) => {
      const zip = new yazl.ZipFile();
      const stream = createWriteStream(tmp);
      stream.on('close', () => done());
      stream.on('error', fail);
      zip.outputStream.on('error', fail).pipe(stream);
      // The mimetype first, stored, without extra fields (OCF).
      zip.addBuffer(Buffer.from('application/epub+zip'), 'mimetype', { compress: false, mtime, forceDosTimestamp: true });
      for (const [name, bytes] of entries) zip.addBuffer(bytes, name, { compress: true, mtime, forceDosTimestamp: true });
      zip.end();
    });
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  result.file = file;
  result.documents = kept.length;
  result.entries = ['mimetype', ...entries.map(([name]) => name)];
  return result;
}
