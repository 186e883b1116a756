import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildInto, missingWords, parsePage, repo, sampleTei, corpus, xpath, xstring, xstrings } from './helpers.js';
import { parseTei, searchEntries } from '../../src/publish/html.js';

const docs = readdirSync(sampleTei).filter((f) => f.endsWith('.xml')).sort();
let out = '';

beforeAll(() => {
  ({ out } = buildInto(sampleTei));
});

describe('the sample web edition (SaxonJS, precompiled XSLT)', () => {
  it('writes a page per document, the indexes, the TEI sources and the assets', () => {
    for (const f of docs) {
      expect(existsSync(path.join(out, f.replace(/\.xml$/, '.html')))).toBe(true);
      expect(readFileSync(path.join(out, 'tei', f), 'utf8')).toBe(readFileSync(path.join(sampleTei, f), 'utf8'));
    }
    for (const f of ['index.html', 'persons.html', 'edition.css', 'edition.js', 'tei/persons.xml']) expect(existsSync(path.join(out, f)), f).toBe(true);
    const page = readFileSync(path.join(out, 'wilson-208236.html'), 'utf8');
    expect(page.startsWith('<!DOCTYPE html>\n<html')).toBe(true);
    expect(page).toContain('<meta charset="utf-8" />');
    expect(page).not.toContain('http-equiv');
  });

  for (const f of docs) {
    const stem = f.replace(/\.xml$/, '');
    describe(stem, () => {
      let page: unknown;
      let tei: unknown;
      beforeAll(() => {
        page = parsePage(path.join(out, `${stem}.html`));
        tei = parseTei(readFileSync(path.join(sampleTei, f), 'utf8'));
      });

      it('has a header block: title, date, archive signature, translator, rights, TEI link', () => {
        const title = xstring('/*:TEI/*:teiHeader/*:fileDesc/*:titleStmt/*:title[@type="main"]', tei);
        expect(xstring('//h:main//h:h1', page).replace(/\s*\[sic\]/g, '').replace(/\s+/g, ' ')).toBe(title.replace(/\s+/g, ' '));
        const labels = xstrings('//h:dl[@class="meta"]/h:dt', page);
        if (xstring('//*:creation/*:date', tei)) expect(labels).toContain('Date');
        if (xstring('//*:sourceDesc//*:idno[@type="archive"]', tei)) expect(xstring('//h:dl[@class="meta"]/h:dd[@class="idno"][1]', page)).toBe(xstring('(//*:sourceDesc//*:idno[@type="archive"])[1]', tei));
        if (xstring('//*:respStmt[*:resp="translation"]/*:persName', tei)) expect(labels).toContain('Translated by');
        expect(labels).toContain('Rights');
        expect(xstring('//h:a[@type="application/tei+xml"]/@href', page)).toBe(`tei/${f}`);
      });

      it('every word of the TEI text reaches the page', () => {
        const teiText = xstring('string-join(//*:text//text(), " ")', tei);
        const htmlText = xstring('string-join(//h:main//text(), " ")', page);
        expect(missingWords(teiText, htmlText)).toEqual([]);
      });

      it('keeps every paragraph and turn id as an anchor with a permanent link', () => {
        const ids = xstrings('//*:text//(*:p | *:sp)/@xml:id', tei);
        const pageIds = new Set(xstrings('//@id', page));
        for (const id of ids) expect(pageIds.has(id), id).toBe(true);
        for (const id of xstrings('//*:text//*:p/@xml:id', tei)) expect(xstring('//*[@id=$id]/h:a[@class="permalink"]/@href', page, { id })).toBe(`#${id}`);
      });

      it('links every footnote marker to its note and back', () => {
        const notes = xstrings('//*:text//*:note[@place="foot"]/@xml:id', tei);
        const refs = xpath<unknown[]>('//h:a[@class="noteref"]', page);
        expect(refs.length).toBe(notes.length);
        for (const id of notes) {
          expect(xstring('//h:a[@class="noteref"][@href=$h]/@id', page, { h: `#${id}` })).toBe(`${id}-ref`);
          expect(xstring('//h:li[@id=$id]//h:a[@class="backref"]/@href', page, { id })).toBe(`#${id}-ref`);
          expect(xstring('//h:li[@id=$id]/h:span[@class="note-n"]', page, { id })).toBe(`${xstring('//*:note[@xml:id=$id]/@n', tei, { id })}.`);
        }
      });

      it('lays out speaker turns as dialogue with the speaker linked to the person', () => {
        const turns = xpath<unknown[]>('//*:body//*:sp', tei);
        expect(xpath<unknown[]>('//h:div[contains-token(@class, "sp")]', page).length).toBe(turns.length);
        for (const who of xstrings('//*:body//*:sp[*:speaker]/@who', tei)) {
          expect(xpath<unknown[]>('//h:div[contains-token(@class, "sp")]/h:p[@class="speaker"]/h:a[@href=$h]', page, { h: `persons.html${who}` }).length, who).toBeGreaterThan(0);
        }
      });

      it('draws the editorial brackets back (diplomatic view by default)', () => {
        expect(xstring('/h:html/h:body/@class', page)).toContain('view-diplomatic');
        const supplied = xpath<unknown[]>('//h:main//h:span[contains-token(@class, "supplied")]', page);
        expect(supplied.length).toBe(xpath<unknown[]>('//*:text//*:supplied', tei).length);
        for (const s of supplied.slice(0, 5)) expect(xstring('.', s)).toMatch(/^\[.*\]$/s);
        for (const s of xpath<unknown[]>('//h:main//h:span[@class="sic-mark"]', page)) expect(xstring('.', s)).toBe('[sic]');
        for (const g of xpath<unknown[]>('//h:main//h:span[@class="gap"]', page)) expect(xstring('.', g)).toMatch(/^\[.+\]$/);
      });
    });
  }

  it('renders stamps, handwritten additions, gaps, lists and milestones', () => {
    const honecker = parsePage(path.join(out, 'doc-1984-05-31-honecker-kim-il-sung.html'));
    expect(xstring('//h:span[@class="stamp"]', honecker)).toBe('[stamp:] Personal Classified Information');
    expect(xstrings('//h:span[@class="gap"]', honecker)).toContain('[line cut off]');
    const hager = parsePage(path.join(out, 'doc-1968-04-23-hager-kim-il-sung.html'));
    expect(xstring('//h:span[contains-token(@class, "add")]', hager)).toBe('Highly Confidential (handwritten)');
    const wilson = parsePage(path.join(out, 'wilson-208236.html'));
    expect(xpath<unknown[]>('//h:section[@class="body"]//h:ul/h:li', wilson).length).toBeGreaterThan(3);
    const intro = parsePage(path.join(out, 'introduction-cooperation-east-german-ministry-state-security.html'));
    expect(xpath<unknown[]>('//h:hr[contains-token(@class, "milestone")]', intro).length).toBe(4);
    expect(xpath<unknown[]>('//h:ul[@class="listBibl"]/h:li', intro).length).toBe(9);
    expect(xstring('/h:html/h:body/@class', intro)).toContain('page-introduction');
  });

  it('indexes the documents by date, with title, date, participants and abstract, and links the introduction', () => {
    const index = parsePage(path.join(out, 'index.html'));
    const dates = xstrings('//h:li[@class="doc-entry"]//h:p[@class="doc-date"]/h:time/@datetime', index);
    expect(dates).toEqual(['1968-04-23', '1981-07-11', '1984-05-31', '1987-05-25']);
    expect(xstrings('//h:li[@class="doc-entry"]/h:h3/h:a/@href', index)).toEqual([
      'doc-1968-04-23-hager-kim-il-sung.html', 'doc-1981-07-11-mielke-andropov.html', 'doc-1984-05-31-honecker-kim-il-sung.html', 'wilson-208236.html',
    ]);
    expect(xstring('//h:li[@class="doc-entry"][2]//h:p[@class="doc-participants"]', index)).toContain('Andropov');
    expect(xstring('//h:li[@class="doc-entry"][2]//h:div[@class="doc-abstract"]', index)).toContain('KGB Chairman Andropov');
    expect(xstring('//h:p[@class="intro-link"]/h:a/@href', index)).toBe('introduction-cooperation-east-german-ministry-state-security.html');
    expect(xstring('//h:nav//h:a[.="Introduction"]/@href', index)).toBe('introduction-cooperation-east-german-ministry-state-security.html');
  });

  it('indexes persons with the documents where each speaks and is mentioned; every person link lands', () => {
    const persons = parsePage(path.join(out, 'persons.html'));
    const ids = new Set(xstrings('//h:li[@class="person"]/@id', persons));
    const register = parseTei(readFileSync(path.join(repo, 'source/persons.xml'), 'utf8'));
    for (const id of xstrings('//*:listPerson/*:person/@xml:id', register)) expect(ids.has(id), id).toBe(true);
    expect(xstring('//h:li[@id="per-andropov"]/h:p[starts-with(., "Speaks in")]/h:a/@href', persons)).toBe('doc-1981-07-11-mielke-andropov.html');
    expect(xstrings('//h:li[@id="per-andropov"]/h:p[starts-with(., "Mentioned in")]/h:a/@href', persons)).toContain('introduction-cooperation-east-german-ministry-state-security.html');
    expect(xstring('//h:li[@id="per-ko-gon"]/h:p[@class="person-about"]', persons)).toContain('interpreter');
    for (const f of readdirSync(out).filter((n) => n.endsWith('.html'))) {
      const page = parsePage(path.join(out, f));
      for (const href of xstrings('//h:a[starts-with(@href, "persons.html#")]/@href', page)) expect(ids.has(href.slice('persons.html#'.length)), `${f}: ${href}`).toBe(true);
    }
  });

  it('builds a search index in fragments whose every paragraph lands on its page, and a search page', () => {
    const data: Record<string, any> = {};
    const load = (rel: string) => new Function('teiSearchData', readFileSync(path.join(out, 'search', rel), 'utf8'))((k: string, n: string, d: unknown) => (data[`${k}:${n}`] = d));
    load('meta.js');
    const meta = data['meta:'];
    expect(meta.n).toBe(docs.length);
    const stems: string[] = [];
    let entries = 0;
    for (let i = 0; i < meta.n; i++) {
      load(`d/${i}.js`);
      const d = data[`doc:${i}`];
      stems.push(d.s);
      const ids = new Set(xstrings('//@id', parsePage(path.join(out, `${d.s}.html`))));
      for (const [id] of d.p) expect(ids.has(id), id).toBe(true);
      entries += d.p.length;
    }
    expect(stems.map((s) => `${s}.xml`)).toEqual(docs);
    expect(entries).toBeGreaterThan(300);
    for (const s of meta.shards) expect(existsSync(path.join(out, 'search', `index-${s.replace(/[^a-z0-9]/g, (ch: string) => `_${ch.codePointAt(0)!.toString(16)}_`) || '_'}.js`)), s).toBe(true);
    expect(meta.date[stems.indexOf('doc-1984-05-31-honecker-kim-il-sung')]).toBe(19840531);
    expect(meta.persons).toEqual(expect.arrayContaining(['Erich Honecker', 'Kim Il Sung']));
    const search = parsePage(path.join(out, 'search.html'));
    expect(xstring('(//h:form[@role="search"]//h:label/@for)[1]', search)).toBe('q');
    expect(xstrings('//h:script/@src', search)).toEqual(['search.js', 'edition.js']);
  });

  it('offers Cite this (Chicago, MLA) and the exports; without a base URL no address at all', () => {
    const page = parsePage(path.join(out, 'wilson-208236.html'));
    expect(xstring('//h:details[@class="cite"]/h:summary', page)).toBe('Cite this');
    const chicago = xstring('//h:span[@class="citation chicago"]', page);
    expect(chicago).toContain('“Memorandum about the Discussion');
    expect(chicago).toContain('BStU, MfS, Abt. X, Nr. 245');
    expect(chicago).toContain('Translated by Thomas Stock');
    expect(chicago).not.toMatch(/https?:|\.html/);
    expect(chicago).not.toContain('accessed');
    expect(xstring('//h:span[@class="citation mla"]', page)).toContain('May 25, 1987.');
    expect(xstrings('//h:p[@class="cite-export"]/h:a/@href', page)).toEqual(['cite/wilson-208236.json', 'cite/wilson-208236.bib', 'cite/wilson-208236.ris']);
    for (const ext of ['json', 'bib', 'ris']) expect(existsSync(path.join(out, 'cite', `wilson-208236.${ext}`))).toBe(true);
  });

  it('every internal link of every page lands on a page and an id', () => {
    const pages = readdirSync(out).filter((n) => n.endsWith('.html'));
    const idsOf = new Map(pages.map((f) => [f, new Set(xstrings('//@id', parsePage(path.join(out, f))))]));
    for (const f of pages) {
      for (const href of xstrings('//h:a/@href', parsePage(path.join(out, f)))) {
        if (/^[a-z]+:/.test(href)) continue;
        const [file, frag] = href.split('#');
        const target = file || f;
        if (target.startsWith('tei/') || target.startsWith('cite/')) { expect(existsSync(path.join(out, target)), href).toBe(true); continue; }
        expect(idsOf.has(target), `${f}: ${href}`).toBe(true);
        if (frag) expect(idsOf.get(target)!.has(frag), `${f}: ${href}`).toBe(true);
      }
    }
  });
});

describe('TEI this project did not make', () => {
  const frus = path.join(corpus, 'frus-sample');
  const files = readdirSync(frus).filter((f) => f.endsWith('.ref.xml')).sort();
  let frusOut = '';
  beforeAll(() => {
    const src = path.join(buildInto(sampleTei).out, 'frus-src');
    mkdirSync(src);
    for (const f of files) writeFileSync(path.join(src, f), readFileSync(path.join(frus, f)));
    ({ out: frusOut } = buildInto(src));
  });

  it('renders every FRUS document with every word of its text, numbered notes linked both ways', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const stem = f.replace(/\.xml$/, '');
      const page = parsePage(path.join(frusOut, `${stem}.html`));
      const tei = parseTei(readFileSync(path.join(frus, f), 'utf8'));
      const teiText = xstring('string-join(//*:text//text(), " ")', tei);
      expect(missingWords(teiText, xstring('string-join(//h:main//text(), " ")', page)), f).toEqual([]);
      const refs = xstrings('//h:a[@class="noteref"]/@href', page);
      expect(refs.length).toBe(xpath<unknown[]>('//*:text//*:note', tei).length);
      expect(new Set(refs).size).toBe(refs.length);
      for (const r of refs) expect(xstring('//h:li[@id=$id]//h:a[@class="backref"]/@href', page, { id: r.slice(1) })).toBe(`${r}-ref`);
      expect(xpath<unknown[]>('//h:p[@class="speaker"]', page).length).toBe(xpath<unknown[]>('//*:speaker', tei).length);
      const ids = new Set(xstrings('//@id', page));
      const entries = searchEntries(tei, stem);
      expect(entries.length).toBeGreaterThan(0);
      for (const [id] of entries) expect(ids.has(id), `${f}: search entry ${id}`).toBe(true);
    }
  });

  it('keeps the text of unknown elements and turns markup in the transcript into text', () => {
    const src = path.join(buildInto(sampleTei).out, 'odd-src');
    mkdirSync(src);
    writeFileSync(path.join(src, 'odd.xml'), `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Odd &lt;b&gt;title&lt;/b&gt;</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>y</p></sourceDesc></fileDesc></teiHeader>
<text><body><floatingText><body><p>Inner zebra text</p></body></floatingText><p>Before <madeUp kind="x">quokka <deeper>wombat</deeper></madeUp> after &lt;script&gt;alert(1)&lt;/script&gt; and " onmouseover=alert(2) x="</p>
<p><ref target="javascript:alert(3)">bad link</ref> <ref target="https://example.org/">good link</ref> <hi rend="italic">slanted</hi></p>
<sp who='"><script>alert(4)</script>'><speaker>Odd speaker</speaker><p>Turn text</p></sp><note place="foot">unnumbered note</note><note place="foot">second note</note></body></text></TEI>`);
    const { out: oddOut } = buildInto(src);
    const html = readFileSync(path.join(oddOut, 'odd.html'), 'utf8');
    const page = parsePage(path.join(oddOut, 'odd.html'));
    const text = xstring('string-join(//h:main//text(), " ")', page);
    for (const w of ['Inner zebra text', 'quokka', 'wombat', 'Odd speaker', 'Turn text', 'bad link', 'unnumbered note', '<script>alert(1)</script>', '" onmouseover=alert(2) x="']) expect(text).toContain(w);
    expect(xpath<unknown[]>('//h:script', page).length).toBe(1); // edition.js only
    expect(xstrings('//h:script/@src', page)).toEqual(['edition.js']);
    expect(xpath<unknown[]>('//@*[starts-with(name(), "on")]', page)).toEqual([]);
    expect(html).not.toContain('<script>alert');
    expect(xstrings('//h:a/@href', page).filter((h) => h.startsWith('javascript'))).toEqual([]);
    expect(xstrings('//h:a[.="good link"]/@href', page)).toEqual(['https://example.org/']);
    expect(xstrings('//h:a[@class="noteref"]', page)).toEqual(['1', '2']);
    expect(xstrings('//h:a[@class="noteref"]/@href', page)).toEqual(['#odd-fn1', '#odd-fn2']);
    expect(xstring('//h:title', page)).toContain('Odd <b>title</b>');
  });
});

describe('editorial signs on a small fixture', () => {
  it('draws back every bracket of ENCODING.md and marks what the reading view hides', () => {
    const src = path.join(buildInto(sampleTei).out, 'signs-src');
    mkdirSync(src);
    writeFileSync(path.join(src, 'signs.xml'), `<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="signs"><teiHeader><fileDesc><titleStmt><title type="main">Signs</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>y</p></sourceDesc></fileDesc></teiHeader>
<text><body><div type="document"><pb n="1"/><p xml:id="signs-p1">A <supplied reason="clarification">the DPRK</supplied> B <supplied cert="low">word</supplied> C <unclear>blurred</unclear> D <note type="gloss" place="inline">KB</note> E <gap reason="omitted"/> F <gap reason="cut-off"><desc>line cut off</desc></gap> G Delegation <corr>Legation</corr> H <choice><sic>teh</sic><corr>the</corr></choice> I <stamp>Stamped</stamp> J <add hand="#h1">added</add> K <sic>Ch’oe</sic></p><pb n="2"/></div></body></text></TEI>`);
    const { out: o } = buildInto(src);
    const page = parsePage(path.join(o, 'signs.html'));
    const p = xpath<unknown[]>('//h:p[@id="signs-p1"]', page)[0];
    const text = xstring('.', p).replace(/\s+/g, ' ');
    expect(text).toContain('A [the DPRK] B [word?] C [blurred?] D [KB] E […] F [line cut off] G Delegation [Legation] H teh [the]the I [stamp:] Stamped J added (h1) K Ch’oe [sic]');
    expect(xstrings('//h:span[@class="pb"]', page)).toEqual(['(p. 1)', '(p. 2)']);
    expect(xstring('//h:span[@class="choice"]/h:span[@class="read-only"]', page)).toBe('the');
    expect(xstring('//h:span[@class="stamp"]/h:span[@class="dipl-only"]', page)).toBe('[stamp:] ');
    const css = readFileSync(path.join(o, 'edition.css'), 'utf8');
    for (const rule of ['.view-reading .supplied > .br', '.view-reading .dipl-only', '.view-diplomatic .read-only']) expect(css).toContain(rule);
  });
});

describe('the stylesheets', () => {
  it('never number with xsl:number level="any" (superlinear under SaxonJS)', () => {
    const dir = path.join(repo, 'transform');
    const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.xsl'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const f of files) expect(readFileSync(path.join(dir, f), 'utf8'), f).not.toMatch(/<xsl:number/);
  });
});
