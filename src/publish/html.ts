/**
 * The static web edition: every TEI document of a folder → one HTML page each, the index of
 * documents, the introduction, the index of persons, the TEI sources, one CSS and one JS.
 * XSLT 3.0 (transform/html/html.xsl), precompiled to SEF, run in-process by SaxonJS.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compileHtmlStylesheet, transformDir } from './compile.js';
import { defaultLimits, scanMarkup } from '../validate/scan.js';
import { hasDoctype, lineOf, withoutDoctype, XmlSyntaxError } from './doctype.js';
import { splitDocuments } from './volume.js';
import { CITE_DIR, citeExportsJson, parseCiteExports } from './cite.js';
import { docNavs, fillDocNav, parseEditionOrder, type DocNav } from './doc-nav.js';
import { commonParams, fontAssets, listTeiFiles, type CiteInfo, type EditionSettings, looksLikeIntroduction, pageStem, type RenderedDocument } from './edition-files.js';
import { searchIndexFiles, type SearchMeta } from './search-index.js';
import { DEFAULT_INDEX_PAGE_BYTES, INDEX_PAGES, indexPageFiles } from './index-pages.js';
import { saxon } from '../util/saxon.js';

export { commonParams, listTeiFiles, looksLikeIntroduction, pageStem, type RenderedDocument };

/** Also the edition's settings (EditionSettings: editors, publisher, licence, description, css, template). */
export interface HtmlBuildOptions extends EditionSettings {
  /** Folder of TEI documents (each *.xml but persons.xml). */
  source: string;
  /** Output folder (created). */
  out: string;
  /** The persons register; default: persons.xml beside or in the source folder, if there. */
  persons?: string;
  /** The edition's title. */
  title?: string;
  /** Where the edition is published (permanent links in citations); a trailing / is added. */
  baseUrl?: string;
  /** The edition's editors, publisher, date of publication and licence, for the citations. */
  cite?: CiteInfo;
  /** Largest index page (index, persons, places, orgs) in bytes before it is split (index-pages.ts); default 1,000,000. */
  indexPageBytes?: number;
}

export interface HtmlBuildResult {
  /** Pages written, relative to out. */
  pages: string[];
  documents: number;
  warnings: string[];
}

let compiled: unknown;
/** The compiled stylesheet (compiled first when missing or stale). */
export function loadHtmlStylesheet(): unknown {
  if (!compiled) {
    const { sef } = compileHtmlStylesheet();
    compiled = JSON.parse(readFileSync(sef, 'utf8'));
  }
  return compiled;
}

/**
 * Parse XML text to a SaxonJS document node; no DTD is read. A DOCTYPE is resolved by the
 * validator's own parser and left out (doctype.ts). The validator's checks run
 * first (scan.ts: no other declaration, characters and names XML allows,
 * nesting at most `maxDepth`, default 200): SaxonJS parses some of these and then fails
 * in the transform, or runs out of stack.
 */
export function parseTei(text: string, maxDepth = defaultLimits.maxDepth): unknown {
  if (hasDoctype(text)) {
    // Read by the validator's parser and written again without it (doctype.ts).
    try {
      text = withoutDoctype(text);
    } catch (error) {
      if (!(error instanceof XmlSyntaxError)) throw error;
      throw new Error(`line ${lineOf(text, error.offset)}: ${error.message}`);
    }
  }
  const { problem } = scanMarkup(text, maxDepth);
  if (problem && problem.ruleId !== 'empty') throw new Error(`${problem.line !== undefined ? `line ${problem.line}: ` : ''}${problem.reason}`);
  return saxon().XPath.evaluate('parse-xml($text)', null, { params: { text } });
}

function param(name: string): string {
  return `Q{}${name}`;
}

/** Run the stylesheet: one document's page, or a named page (index, persons). */
export function transformToHtml(options: { doc?: unknown; template?: string; params: Record<string, unknown> }): string {
  const stylesheetParams: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options.params)) if (v !== undefined) stylesheetParams[param(k)] = v;
  const result = saxon().transform({
    stylesheetInternal: loadHtmlStylesheet(),
    ...(options.doc ? { sourceNode: options.doc } : {}),
    ...(options.template ? { initialTemplate: param(options.template) } : {}),
    stylesheetParams,
    destination: 'serialized',
  });
  return `<!DOCTYPE html>\n${String(result.principalResult).replace(/^<!DOCTYPE[^>]*>\s*/i, '')}`;
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function isIntroduction(doc: unknown): boolean {
  return saxon().XPath.evaluate("exists(//*:text/*:body/*:div[@type = 'introduction'])", doc) === true;
}

/** The title a document is listed under in the search index. */
export function searchTitle(doc: unknown, stem: string): string {
  const t = saxon().XPath.evaluate("normalize-space((/*/*:teiHeader/*:fileDesc/*:titleStmt/*:title[@type = 'main'], /*/*:teiHeader/*:fileDesc/*:titleStmt/*:title)[1])", doc);
  return String(t || stem);
}

/**
 * The search entries of a document: [HTML id, text] per paragraph, list item, bibliography
 * entry and footnote, with the ids the stylesheet gives them (the TEI xml:id, else the
 * accumulator's number: see te:block-id and te:note-id in common.xsl).
 */
export function searchEntries(doc: unknown, stem: string): [string, string][] {
  const result = saxon().XPath.evaluate(
    `let $blocks := //*:text//(*:p | *:sp | *:item | *:bibl),
         $notes := //*:text//*:note[not(@place = ('inline', 'margin', 'left', 'right', 'above', 'below'))][not(ancestor::*:app)]
     return (
       for $i in 1 to count($blocks)
       return let $b := $blocks[$i]
       return if ($b[self::*:p or self::*:item[not(.//*:p)] or self::*:bibl[parent::*:listBibl]])
         then [string(($b/@xml:id, $stem || '-b' || $i)[1]), normalize-space(string-join($b//text()[not(ancestor::*:note[ancestor::* intersect $b])], ''))]
         else (),
       for $j in 1 to count($notes)
       return let $n := $notes[$j]
       return [string(($n/@xml:id, $stem || '-fn' || $j)[1]), normalize-space(string($n))]
     )`,
    doc,
    { params: { stem }, resultForm: 'array' },
  ) as string[][];
  return result.filter(([, text]) => text).map(([id, text]) => [id!, text!]);
}

/**
 * What the search's documents table keeps of a document: its own date (made, sent, at its
 * head, else the source's), its kind (the genre term, else "introduction" for the edition's
 * introduction), its language, and the persons its header names (participants, sender and
 * addressee).
 */
export function searchMeta(doc: unknown): SearchMeta {
  const r = saxon().XPath.evaluate(
    `let $h := /*/*:teiHeader,
         $t := /*/*:text,
         $date := ($h/*:profileDesc/*:creation//*:date, $h/*:profileDesc/*:correspDesc/*:correspAction[@type = 'sent']/*:date,
                   $t/*:front//*:docDate, ($t//*:dateline//*:date)[1], $h/*:fileDesc/*:sourceDesc//*:date)
                  [@when or @notBefore or @from][1],
         $kind := ($h/*:profileDesc/*:textClass//*:term[@type = 'genre'], $h/*:profileDesc/*:textClass//*:term)[1],
         $lang := ($t/@xml:lang, /*/@xml:lang, $h/*:profileDesc/*:langUsage/*:language/@ident)[1]
     return [
       string(($date/(@when, @notBefore, @from))[1]),
       if ($kind) then normalize-space($kind) else if ($t/*:body/*:div[@type = 'introduction']) then 'Introduction' else '',
       string($lang),
       array { distinct-values(($h/*:profileDesc/*:particDesc//*:person/(*:persName, *:name)[1], $h/*:profileDesc/*:correspDesc/*:correspAction/*:persName) ! normalize-space(.)[.]) }
     ]`,
    doc,
    { resultForm: 'array' },
  ) as [string, string, string, string[]] | [[string, string, string, string[]]];
  const a = (Array.isArray(r[0]) ? r[0] : r) as [string, string, string, string[]];
  return { date: a[0] ?? '', kind: a[1] ?? '', lang: a[2] ?? '', persons: Array.isArray(a[3]) ? a[3] : [] };
}

interface Prepared {
  out: string;
  files: string[];
  docs: unknown[];
  stems: string[];
  texts: string[];
  register: unknown;
  personsPath: string | undefined;
  warnings: string[];
}

function prepare(options: HtmlBuildOptions, parse: boolean): Prepared {
  const source = resolve(options.source);
  const out = resolve(options.out);
  const warnings: string[] = [];
  const personsPath = options.persons ?? [join(source, 'persons.xml'), join(dirname(source), 'persons.xml')].find((p) => existsSync(p));
  const register = personsPath && existsSync(personsPath) ? parseTei(readFileSync(personsPath, 'utf8')) : undefined;
  if (!register) warnings.push('no persons register found: the persons index lists the participants of the documents only');
  const files: string[] = [];
  const docs: unknown[] = [];
  const stems: string[] = [];
  const texts: string[] = [];
  for (const file of listTeiFiles(source)) {
    const whole = readFileSync(file, 'utf8');
    let parts: { stem: string; text: string }[];
    try {
      // A file of many documents (a FRUS volume, a teiCorpus): a page each (volume.ts).
      parts = splitDocuments(whole, pageStem(file), () => parseTei(whole)) ?? [{ stem: pageStem(file), text: whole }];
    } catch (error) {
      warnings.push(`${file}: not well-formed XML, left out (${(error as Error).message.split('\n')[0]})`);
      continue;
    }
    for (const { stem, text } of parts) {
      if (parse) {
        try {
          docs.push(parseTei(text));
        } catch (error) {
          warnings.push(`${file}: not well-formed XML, left out (${(error as Error).message.split('\n')[0]})`);
          continue;
        }
      }
      files.push(file);
      stems.push(stem);
      texts.push(text);
    }
  }
  mkdirSync(join(out, 'tei'), { recursive: true });
  return { out, files, docs, stems, texts, register, personsPath, warnings };
}

/** One document's page and TEI copy; its search title and entries. */
export function renderDocument(doc: unknown, stem: string, text: string, out: string, common: Record<string, unknown>): RenderedDocument {
  writeAtomic(join(out, `${stem}.html`), transformToHtml({ doc, params: { ...common, 'doc-id': stem } }));
  writeAtomic(join(out, 'tei', `${stem}.xml`), text);
  return { title: searchTitle(doc, stem), entries: searchEntries(doc, stem), meta: searchMeta(doc) };
}

function finish(p: Prepared, common: Record<string, unknown>, rendered: RenderedDocument[], limit = DEFAULT_INDEX_PAGE_BYTES): HtmlBuildResult {
  const { out, docs, stems, register, personsPath } = p;
  fillNavInPages(out, docs, stems, common);
  const all = { ...common, docs, stems, register };
  // The index pages, each split by year or by letter where it would pass the size limit.
  const indexPages: string[] = [];
  for (const template of INDEX_PAGES) {
    for (const [name, html] of indexPageFiles(`${template}.html`, transformToHtml({ template, params: all }), limit, stems)) {
      writeAtomic(join(out, name), html);
      indexPages.push(name);
    }
  }
  writeAtomic(join(out, 'search.html'), transformToHtml({ template: 'search', params: common }));
  rmSync(join(out, 'search'), { recursive: true, force: true });
  for (const [rel, text] of searchIndexFiles(rendered.map((r, i) => ({ ...r, stem: stems[i]! })))) {
    mkdirSync(dirname(join(out, rel)), { recursive: true });
    writeAtomic(join(out, rel), text);
  }
  // The citation exports (cite/): one transformation for the whole edition.
  mkdirSync(join(out, CITE_DIR), { recursive: true });
  for (const [name, text] of parseCiteExports(citeExportsJson(docs, stems, common), stems)) writeAtomic(join(out, CITE_DIR, name), text);
  const pages = [...stems.map((s) => `${s}.html`), ...indexPages, 'search.html'];
  if (personsPath && register) copyFileSync(personsPath, join(out, 'tei', 'persons.xml'));
  copyAssets(out, common);
  if (typeof common['web-css'] === 'string') pages.push('custom.css');
  return { pages, documents: docs.length, warnings: p.warnings };
}

/** The edition's CSS, JS, fonts, and its own style sheet (web.css) as custom.css. */
function copyAssets(out: string, common: Record<string, unknown>): void {
  for (const asset of ['edition.css', 'edition.js', 'search.js']) copyFileSync(join(transformDir, 'html', asset), join(out, asset));
  const fonts = fontAssets();
  if (fonts.length) mkdirSync(join(out, 'fonts'), { recursive: true });
  for (const [name, file] of fonts) copyFileSync(file, join(out, 'fonts', name));
  if (typeof common['web-css'] === 'string') writeAtomic(join(out, 'custom.css'), common['web-css']);
}

/** Build the web edition in this thread. */
export function buildHtmlEdition(options: HtmlBuildOptions): HtmlBuildResult {
  const p = prepare(options, true);
  const introIndex = p.docs.findIndex(isIntroduction);
  const common = commonParams(options, introIndex >= 0 ? p.stems[introIndex] : undefined);
  const rendered = p.docs.map((doc, i) => renderDocument(doc, p.stems[i]!, p.texts[i]!, p.out, common));
  return finish(p, common, rendered, options.indexPageBytes);
}

/**
 * What the index of documents and the index of persons read of a document, as a small TEI
 * document: the root's id, the whole teiHeader, the dated events of its standOff (a play's
 * printing and first performance), the front's docTitle and docDate, its first dateline, whether the
 * body is an introduction, every speaker pointer, and every reference of a name (persName, placeName,
 * orgName) of the text inside an ab with the xml:id of the block it stands in (its paragraph), in
 * document order. The index pages built from digests are identical to those built from the
 * documents (tested), and a digest changes only when what the indexes show changes.
 */
export function documentDigest(doc: unknown): string {
  return String(
    saxon().XPath.evaluate(
      `let $root := /*,
           $esc := function($s) { replace(replace(replace(string($s), '&', '&amp;'), '<', '&lt;'), '"', '&quot;') },
           $text := $root/*:text
       return '<TEI xmlns="http://www.tei-c.org/ns/1.0"' || string-join($root/(@xml:id | @*[namespace-uri() = '']) ! (' ' || name() || '="' || $esc(.) || '"'), '') || '>'
         || string-join($root/*:teiHeader ! serialize(.), '')
         || (if ($root/*:standOff//*:event) then '<standOff><listEvent>' || string-join($root/*:standOff//*:event ! serialize(.), '') || '</listEvent></standOff>' else '')
         || '<text><front>'
         || string-join($text//(*:docTitle | *:docDate[not(ancestor::*:docTitle)]) ! serialize(.), '')
         || string-join(($text/(*:front | *:body)//*:dateline)[1] ! serialize(.), '') || '</front><body>'
         || (if ($text/*:body/*:div[@type = 'introduction']) then '<div type="introduction"/>' else '')
         || string-join($text//*:sp[@who] ! ('<sp who="' || $esc(@who) || '"/>'), '')
         || string-join(($text//(*:persName | *:placeName | *:orgName)[@ref] ! ancestor::*[@xml:id][ancestor::*:text][1]) / . ! (
              let $a := . return '<ab xml:id="' || $esc(@xml:id) || '">'
              || string-join(.//(*:persName | *:placeName | *:orgName)[@ref][ancestor::*[@xml:id][ancestor::*:text][1] is $a] ! ('<' || local-name() || ' ref="' || $esc(@ref) || '"/>'), '') || '</ab>'), '')
         || string-join($text//(*:persName | *:placeName | *:orgName)[@ref][not(ancestor::*[@xml:id][ancestor::*:text])] ! ('<' || local-name() || ' ref="' || $esc(@ref) || '"/>'), '')
         || '</body></text></TEI>'`,
      doc,
    ),
  );
}

/** The items a named template of the stylesheet returns for `docs` (destination raw). */
function templateItems(template: string, docs: unknown[], stems: string[], common: Record<string, unknown>): unknown[] {
  const stylesheetParams: Record<string, unknown> = {};
  for (const [k, v] of Object.entries({ ...common, docs, stems })) if (v !== undefined) stylesheetParams[param(k)] = v;
  const result = saxon().transform({ stylesheetInternal: loadHtmlStylesheet(), initialTemplate: param(template), stylesheetParams, destination: 'raw' });
  return ([] as unknown[]).concat(result.principalResult ?? []);
}

/**
 * The edition's order (the stylesheet's "edition-order": the order and numbers of the print
 * volume), as lines "stem TAB number TAB title".
 */
export function editionOrderText(docs: unknown[], stems: string[], common: Record<string, unknown>, template: 'edition-order' | 'order-entries' = 'edition-order'): string {
  const items = templateItems(template, docs, stems, common);
  return items.map((x) => (typeof x === 'string' ? x : String((x as { textContent?: string; nodeValue?: string }).nodeValue ?? (x as { textContent?: string }).textContent ?? ''))).join('');
}

/** Every page's previous/next links and number, from the parsed documents. */
export function navsOf(docs: unknown[], stems: string[], common: Record<string, unknown>): Map<string, DocNav> {
  return docNavs(parseEditionOrder(editionOrderText(docs, stems, common)));
}

/** Write the previous/next links and numbers into the document pages written to `out`. */
function fillNavInPages(out: string, docs: unknown[], stems: string[], common: Record<string, unknown>): void {
  const navs = navsOf(docs, stems, common);
  for (const stem of stems) {
    const file = join(out, `${stem}.html`);
    if (existsSync(file)) writeAtomic(file, fillDocNav(readFileSync(file, 'utf8'), navs.get(stem)));
  }
}

/** What the stylesheet's "person-mentions" finds in `docs`: who is named where, one string a mention (names.xsl). */
export function personMentions(docs: unknown[], stems: string[], common: Record<string, unknown>): string[] {
  return templateItems('person-mentions', docs, stems, common).map((x) => String(x));
}

/** A named page of the whole edition ('index', 'persons', 'places', 'orgs', 'search') from document digests; 'edition-order', the order's lines; 'order-entries', each document's order key (unsorted); 'person-mentions', personMentions as JSON. */
export function renderNamedPage(template: 'index' | 'persons' | 'places' | 'orgs' | 'search' | 'edition-order' | 'order-entries' | 'person-mentions', digests: string[], stems: string[], registerText: string | null, common: Record<string, unknown>): string {
  if (template === 'search') return transformToHtml({ template, params: common });
  const docs = digests.map((d) => parseTei(d));
  if (template === 'edition-order' || template === 'order-entries') return editionOrderText(docs, stems, common, template);
  if (template === 'person-mentions') return JSON.stringify(personMentions(docs, stems, common));
  const register = registerText === null ? undefined : parseTei(registerText);
  return transformToHtml({ template, params: { ...common, docs, stems, register } });
}

/**
 * Build the web edition with the document pages shared among worker threads (one per core
 * but one), while this thread parses every document for the index pages. Falls back to
 * buildHtmlEdition for small editions or where the worker cannot run (TypeScript sources).
 */
export async function buildHtmlEditionParallel(options: HtmlBuildOptions & { threads?: number }): Promise<HtmlBuildResult> {
  const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));
  const threads = options.threads ?? Math.max(1, availableParallelism());
  const p = prepare(options, false);
  if (threads < 2 || p.files.length < 64 || !existsSync(workerFile)) return buildHtmlEdition(options);
  loadHtmlStylesheet();
  const introIndex = p.texts.findIndex((t) => looksLikeIntroduction(t));
  const common = commonParams(options, introIndex >= 0 ? p.stems[introIndex] : undefined);
  // Workers take every document but the share this thread keeps for itself after parsing.
  const jobs = p.files.map((file, i) => ({ i, file, stem: p.stems[i]! }));
  const rendered: (RenderedDocument | undefined)[] = new Array(jobs.length);
  const failed = new Map<number, string>();
  const queue = [...jobs];
  const runWorker = () =>
    new Promise<void>((resolveWorker, reject) => {
      const worker = new Worker(workerFile, { workerData: { out: p.out, common }, execArgv: [] });
      const next = () => {
        const job = queue.shift();
        if (job) worker.postMessage(job);
        else void worker.terminate().then(() => resolveWorker());
      };
      worker.on('message', (m: { i: number; result?: RenderedDocument; error?: string }) => {
        if (m.result) rendered[m.i] = m.result;
        else failed.set(m.i, m.error ?? 'failed');
        next();
      });
      worker.on('error', reject);
      next();
    });
  const running = Array.from({ length: threads }, runWorker);
  // Meanwhile: parse every document here, for the index of documents and of persons.
  const docs: unknown[] = [];
  for (let i = 0; i < p.texts.length; i++) {
    await new Promise((r) => setImmediate(r));
    try {
      docs.push(parseTei(p.texts[i]!));
    } catch {
      docs.push(undefined);
    }
  }
  await Promise.all(running);
  const keep = p.files.map((_, i) => i).filter((i) => docs[i] !== undefined && rendered[i] && !failed.has(i));
  for (const [i, error] of failed) p.warnings.push(`${p.files[i]}: not well-formed XML, left out (${error.split('\n')[0]})`);
  const kept: Prepared = { ...p, files: keep.map((i) => p.files[i]!), docs: keep.map((i) => docs[i]), stems: keep.map((i) => p.stems[i]!), texts: [] };
  return finish(kept, common, keep.map((i) => rendered[i]!), options.indexPageBytes);
}
