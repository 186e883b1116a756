/**
 * Run one fuzz case through the real pipeline, in-process, and say what went wrong:
 * - transcript: import (which validates against the project schema and checks text
 *   conservation), then tei_all, then the web edition's page (and the print HTML when the
 *   print edition is built);
 * - TEI: validate (project schema and Schematron) from the file, then the web page.
 * Findings: crash (an exception escaped, or the importer's internal-error), unclear (an
 * error without a rule id, or without a line where the rule has one), invalid-output (TEI the
 * importer produced that fails validation, HTML that is not well-formed or carries script),
 * conservation (text of the transcript lost).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { importFiles } from '../dist/import/index.js';
import { validateFiles, validateStrings } from '../dist/validate/index.js';
import { parseTei, transformToHtml } from '../dist/publish/html.js';
import { rules } from '../dist/diagnostics/rules.js';
import { repo, teiAll } from './corpus.js';

export { teiAll };

/** Errors of the importer that concern the whole file and so have no line. */
const FILE_LEVEL = new Set(['empty-input', 'input-too-large', 'read-error', 'header-only']);
/** Schematron errors about what the transcript itself says wrongly (the importer reports them). */
const TRANSCRIPT_ERRORS = new Set(['date-future']);

/** The print edition's TEI → print HTML, once it is built (src/publish/print.ts). */
const printModule = await (async () => {
  const file = path.join(repo, 'dist', 'publish', 'print.js');
  if (!existsSync(file)) return null;
  try {
    const mod = await import(file);
    return typeof mod.transformToPrintHtml === 'function' ? mod : null;
  } catch {
    return null;
  }
})();
export const hasPrint = printModule !== null;

// How deep a page may nest. The editions accept TEI nested up to 200 levels (scan.ts), so a
// page is legitimately some 210 deep (fast-xml-parser's default of 100 refused such pages);
// beyond 512 Chromium's HTML parser re-parents elements, so a deeper page is a defect.
export const MAX_PAGE_DEPTH = 512;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, processEntities: true, htmlEntities: false, trimValues: false, parseTagValue: false, parseAttributeValue: false, maxNestedTags: MAX_PAGE_DEPTH });
const SCRIPTS_OF_EDITION = new Set(['edition.js', 'search-index.js']);
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcset', 'background', 'cite']);
const DANGEROUS = new Set(['iframe', 'object', 'embed', 'base', 'frame', 'frameset', 'applet', 'svg', 'math', 'form', 'style']);

function decodeRefs(v) {
  return v.replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d)));
}

/**
 * What is wrong with the CSS of a print page: it must have exactly one style element, and that
 * must hold exactly the edition's stylesheet (`css`), so that no text of the input reached CSS;
 * no style attribute; [] when it is fine.
 */
export function printCssProblems(html, css) {
  const problems = [];
  const opened = html.split('<style').length - 1;
  if (opened !== 1) problems.push(`${opened} style elements in the print page (one expected)`);
  const m = /<style>([\s\S]*?)<\/style>/.exec(html);
  if (!m || m[1] !== css) problems.push('the print page\'s style element is not the edition\'s stylesheet');
  if (/<[^>]*\sstyle=/.test(html)) problems.push('a style attribute in the print page');
  return problems;
}

/** What is unsafe or malformed in a page of the edition; [] when it is fine. */
export function htmlProblems(html, { allowStyle = false } = {}) {
  const body = html.replace(/^<!DOCTYPE html>\s*/, '');
  const wf = XMLValidator.validate(body);
  if (wf !== true) return [`HTML not well-formed (line ${wf.err.line}): ${wf.err.msg}`];
  const problems = [];
  const walk = (nodes) => {
    for (const node of nodes) {
      const name = Object.keys(node).find((k) => k !== ':@');
      if (!name || name === '#text' || name === '?xml' || name === '#comment') continue;
      const attrs = node[':@'] ?? {};
      const local = name.toLowerCase().replace(/^.*:/, '');
      if (local === 'script' && !(SCRIPTS_OF_EDITION.has(attrs.src) && (node[name] ?? []).length === 0)) problems.push(`script element ${JSON.stringify(attrs)}`);
      if (DANGEROUS.has(local) && !(allowStyle && local === 'style' && Object.keys(attrs).length === 0)) problems.push(`<${name}> element`);
      if (local === 'meta' && attrs['http-equiv']) problems.push('<meta http-equiv>');
      for (const [k, v] of Object.entries(attrs)) {
        if (/^on/i.test(k.replace(/^.*:/, ''))) problems.push(`event-handler attribute ${k}="${v}" on <${name}>`);
        if (k === 'style' && /expression|url\s*\(|javascript/i.test(v)) problems.push(`style ${v}`);
        // eslint-disable-next-line no-control-regex
        if (URL_ATTRS.has(k.toLowerCase()) && /^(javascript|vbscript|data):/i.test(decodeRefs(String(v)).replace(/[\u0000-\u0020\u007f-\u009f]+/g, ''))) problems.push(`${k}="${v}" on <${name}>`);
        // An address with no scheme that browsers read as another host's ("//host", "/\\host"; they
        // drop leading spaces and controls, and tabs and line ends anywhere).
        // eslint-disable-next-line no-control-regex
        if (URL_ATTRS.has(k.toLowerCase()) && /^[/\\]{2}/.test(decodeRefs(String(v)).replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, ''))) problems.push(`off-site link ${k}="${v}" on <${name}>`);
      }
      walk(node[name] ?? []);
    }
  };
  try {
    walk(parser.parse(body));
  } catch (error) {
    problems.push(/nested tags/i.test(error.message) ? `page nested more than ${MAX_PAGE_DEPTH} elements deep (browsers re-parent deeper elements)` : `HTML could not be parsed: ${error.message}`);
  }
  return problems;
}

function messagesOf(file) {
  return file.messages.map((m) => ({ ruleId: m.ruleId ?? null, fatal: m.fatal, line: m.line ?? null, reason: m.reason }));
}

/** The web page (and print HTML) of a TEI text; findings added to `out`. */
function checkEditions(text, stem, out, from, options = {}) {
  let doc;
  try {
    doc = parseTei(text);
  } catch (error) {
    // Not well-formed or a DOCTYPE: the build leaves the document out with a warning.
    if (from === 'import') out.push({ kind: 'invalid-output', stage: 'html', detail: `parseTei refused the importer's TEI: ${String(error.message).split('\n')[0]}` });
    return;
  }
  let html;
  try {
    html = transformToHtml({ doc, params: { 'doc-id': stem } });
  } catch (error) {
    out.push({ kind: 'crash', stage: 'html', detail: `transformToHtml threw: ${String(error.message).split('\n')[0]}` });
    return;
  }
  for (const p of htmlProblems(html)) out.push({ kind: 'invalid-output', stage: 'html', detail: p });
  // The print HTML (a slower transform) for every case with options.print === true, else
  // for one case in options.printEvery (default 5).
  const every = options.printEvery ?? 5;
  if (printModule && options.print !== false && (options.print === true || options.index % every === 0)) {
    options.progress?.(options.index, 'print');
    let print;
    try {
      print = printModule.transformToPrintHtml({ documents: [{ stem, doc }], single: {} });
    } catch (error) {
      out.push({ kind: 'crash', stage: 'print', detail: `transformToPrintHtml threw: ${String(error.message).split('\n')[0]}` });
      return;
    }
    for (const p of htmlProblems(print, { allowStyle: true })) out.push({ kind: 'invalid-output', stage: 'print', detail: p });
    if (typeof printModule.printStylesheet === 'function') for (const p of printCssProblems(print, printModule.printStylesheet('a4'))) out.push({ kind: 'invalid-output', stage: 'print', detail: p });
  }
}

function clearErrors(messages, stage, out) {
  for (const m of messages) {
    if (m.fatal !== true) continue;
    if (!m.ruleId) out.push({ kind: 'unclear', stage, detail: `error without a rule id: ${m.reason}` });
    else if (m.line === null && !FILE_LEVEL.has(m.ruleId) && stage === 'import') out.push({ kind: 'unclear', stage, detail: `error ${m.ruleId} without a line: ${m.reason}` });
  }
}

/**
 * Check a batch of cases, each in its own folder under `dir` (emptied first): each case is
 * imported on its own (own register, own output folder), then the TEI of all of them is
 * validated in one call (the grammar is compiled once per call), then each goes through
 * the editions. `progress(index, stage)` is called before each step (for the watchdog).
 * Options: print (true: the print HTML of every case, false: none; default: one case in
 * printEvery, 5), maxBytes (the importer's limit).
 * Returns, per case, { findings: [{ kind, stage, detail }], outcome, written?: TEI path }.
 */
export async function checkBatch(cases, dir, options = {}) {
  const progress = options.progress ?? (() => {});
  rmSync(dir, { recursive: true, force: true });
  const results = cases.map(() => ({ findings: [], outcome: 'ok' }));
  const toValidate = []; // { k, path, from }
  for (const [k, c] of cases.entries()) {
    const findings = results[k].findings;
    const caseDir = path.join(dir, String(k));
    mkdirSync(caseDir, { recursive: true });
    progress(c.index, 'import');
    if (c.kind === 'transcript') {
      const input = path.join(caseDir, 'case.txt');
      writeFileSync(input, c.bytes);
      let imported;
      try {
        [imported] = await importFiles([input], { outDir: path.join(caseDir, 'tei'), personsPath: path.join(caseDir, 'persons.xml'), nameFromInput: true, importDate: '2026-01-01', validate: false, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) });
      } catch (error) {
        findings.push({ kind: 'crash', stage: 'import', detail: `importFiles threw: ${error.stack ?? error}` });
        results[k].outcome = 'crash';
        continue;
      }
      const messages = messagesOf(imported.file);
      for (const m of messages) {
        if (m.ruleId === 'internal-error') findings.push({ kind: 'crash', stage: 'import', detail: m.reason });
        if (m.ruleId === 'text-lost') findings.push({ kind: 'conservation', stage: 'import', detail: `line ${m.line}: ${m.reason}` });
        if (m.fatal === true && !rules[m.ruleId]) findings.push({ kind: 'unclear', stage: 'import', detail: `unknown rule id ${m.ruleId}: ${m.reason}` });
      }
      clearErrors(messages, 'import', findings);
      results[k].outcome = imported.status === 'failed' ? `refused:${messages.find((m) => m.fatal === true)?.ruleId ?? '?'}` : 'imported';
      if (imported.status === 'written') {
        results[k].written = imported.output;
        toValidate.push({ k, path: imported.output, from: 'import' });
        const register = path.join(caseDir, 'persons.xml');
        if (existsSync(register)) {
          const wf = XMLValidator.validate(readFileSync(register, 'utf8'));
          if (wf !== true) findings.push({ kind: 'invalid-output', stage: 'register', detail: `persons register not well-formed: ${wf.err.msg}` });
        }
      }
    } else {
      const file = path.join(caseDir, 'case.xml');
      writeFileSync(file, c.bytes);
      toValidate.push({ k, path: file, from: 'tei' });
    }
  }
  // What the importer would write is validated as it does before writing (project grammar
  // and Schematron): an error there is an invalid output. A mutated TEI file must only get
  // clear messages.
  if (toValidate.length) {
    progress(-1, 'validate');
    let checked;
    try {
      checked = await validateFiles(toValidate.map((v) => v.path));
    } catch (error) {
      for (const v of toValidate) results[v.k].findings.push({ kind: 'crash', stage: 'validate', detail: `validateFiles threw: ${error.stack ?? error}` });
      checked = null;
    }
    toValidate.forEach((v, i) => {
      const file = checked?.[i];
      if (!file) return;
      const messages = messagesOf(file);
      const errors = messages.filter((m) => m.fatal === true);
      if (v.from === 'import') {
        // A date in the future is the transcript's error, which the importer reports (it
        // validates before writing) with the line: a clear refusal, not an invalid output.
        for (const m of errors) if (!TRANSCRIPT_ERRORS.has(m.ruleId)) results[v.k].findings.push({ kind: 'invalid-output', stage: 'validate', detail: `${m.line}: ${m.reason} (${m.ruleId})` });
        results[v.k].outcome = errors.length ? (errors.every((m) => TRANSCRIPT_ERRORS.has(m.ruleId)) ? 'refused:invalid-tei:date-future' : 'invalid-tei') : 'written';
      } else {
        clearErrors(messages, 'validate', results[v.k].findings);
        results[v.k].outcome = errors.length ? `invalid:${errors[0].ruleId}` : 'valid';
      }
    });
  }
  for (const v of toValidate) {
    progress(cases[v.k].index, 'html');
    // The build reads files as UTF-8 (bad bytes become U+FFFD), as here.
    checkEditions(readFileSync(v.path, 'utf8'), 'case', results[v.k].findings, v.from, { ...options, index: cases[v.k].index });
  }
  return results;
}

/** Findings of tei_all (jing, one run for many files): Map file → [messages]. */
export async function teiAllProblems(files, timeoutMs = 300_000) {
  const { execFile } = await import('node:child_process');
  const problems = new Map();
  if (!files.length) return problems;
  const output = await new Promise((resolve, reject) => {
    execFile('jing', [teiAll, ...files], { maxBuffer: 64 * 2 ** 20, timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error && error.code !== 1 && !stdout) reject(new Error(`jing failed: ${error.message} ${stderr}`));
      else resolve(stdout);
    });
  });
  for (const line of output.split('\n')) {
    const m = /^(.*?):(\d+):(\d+): (?:error|fatal): (.*)$/.exec(line);
    if (!m) continue;
    const list = problems.get(m[1]) ?? [];
    list.push(`${m[2]}:${m[3]}: ${m[4]}`);
    problems.set(m[1], list);
  }
  return problems;
}
