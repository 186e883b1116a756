/**
 * An edition's own look (issue 21): its CSS (web.css) linked after edition.css, its page frame
 * (web.template) around every page kind; the configuration reads them only from inside the
 * project folder; the description is plain text.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/build/config.js';
import { buildHtmlEdition } from '../../src/publish/html.js';
import { parseHtml, sampleTei, xstring, xstrings } from './helpers.js';

const frame = `<html xmlns="http://www.w3.org/1999/xhtml" lang="de">
  <head data-tei-edition="head"></head>
  <body class="our-project">
    <div class="banner"><a href="https://example.org/">Our project</a></div>
    <div data-tei-edition="header"></div>
    <!-- a comment of the frame -->
    <main data-tei-edition="main"></main>
    <footer data-tei-edition="footer" class="site"></footer>
    <p class="funding">Funded by the example foundation.</p>
  </body>
</html>`;

describe('an edition’s own look', () => {
  it('links its CSS after edition.css and puts every page kind in its frame', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'tei-edition-look-'));
    const css = ':root { --accent: #6a1b1b; }\n';
    buildHtmlEdition({ source: sampleTei, out, css, template: frame });
    expect(readFileSync(path.join(out, 'custom.css'), 'utf8')).toBe(css);
    for (const page of ['index.html', 'persons.html', 'search.html', 'wilson-208236.html']) {
      const html = parseHtml(readFileSync(path.join(out, page), 'utf8'));
      expect(xstrings('//h:head/h:link[@rel="stylesheet"]/@href', html), page).toEqual(['edition.css', 'custom.css']);
      expect(xstring('/h:html/@lang', html)).toBe('de');
      expect(xstring('//h:body/@class', html)).toMatch(/^our-project page-\w+ view-diplomatic$/);
      expect(xstring('//h:div[@class="banner"]/h:a', html)).toBe('Our project');
      expect(xstring('//h:p[@class="funding"]', html)).toBe('Funded by the example foundation.');
      expect(xstrings('//h:main/@id', html)).toEqual(['main']);
      expect(xstring('//h:main/@data-tei-edition', html)).toBe('');
      expect(xstrings('//h:div/h:header[@class="site"]//h:a[@href="persons.html"]', html)).toEqual(['Persons']);
      expect(xstrings('//h:footer[@class="site"]/h:p', html).length).toBe(1);
      expect(readFileSync(path.join(out, page), 'utf8')).not.toContain('a comment of the frame');
    }
    expect(xstring('//h:main//h:h1', parseHtml(readFileSync(path.join(out, 'wilson-208236.html'), 'utf8')))).toContain('Memorandum');
  });

  it('the default frame has no custom.css', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'tei-edition-look-'));
    buildHtmlEdition({ source: sampleTei, out });
    const html = parseHtml(readFileSync(path.join(out, 'index.html'), 'utf8'));
    expect(xstrings('//h:head/h:link[@rel="stylesheet"]/@href', html)).toEqual(['edition.css']);
  });

  it('the configuration: files inside the project folder only, a frame with its main, the description as plain text', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'tei-edition-look-config-'));
    mkdirSync(path.join(root, 'web'));
    writeFileSync(path.join(root, 'web', 'look.css'), 'body { color: #111; }');
    writeFileSync(path.join(root, 'web', 'frame.html'), frame);
    writeFileSync(path.join(root, 'web', 'bad.html'), '<html><body/></html>');
    const outside = mkdtempSync(path.join(tmpdir(), 'tei-edition-outside-'));
    writeFileSync(path.join(outside, 'x.css'), 'body {}');
    const ok = resolveConfig(root, null, { web: { css: 'web/look.css', template: 'web/frame.html' }, description: 'One.\n\nTwo  lines\nhere.' });
    expect(ok.web).toEqual({ css: path.join(root, 'web', 'look.css'), template: path.join(root, 'web', 'frame.html') });
    expect(ok.description).toEqual(['One.', 'Two lines here.']);
    expect(() => resolveConfig(root, null, { web: { css: path.join(outside, 'x.css') } })).toThrow(/"web.css" names .*outside the project folder/);
    expect(() => resolveConfig(root, null, { web: { css: '../x.css' } })).toThrow(/outside the project folder/);
    expect(() => resolveConfig(root, null, { web: { template: 'web/bad.html' } })).toThrow(/"web.template" .* has no element marked data-tei-edition="main"/);
    expect(() => resolveConfig(root, null, { web: { css: 'web/missing.css' } })).toThrow(/no such file/);
    expect(() => resolveConfig(root, null, { web: { logo: 'x' } })).toThrow(/"web.logo" is not a key of the web edition/);
    expect(() => resolveConfig(root, null, { description: ['<p>Markup</p>'] })).toThrow(/"description" is plain text/);
    expect(() => resolveConfig(root, null, { description: 3 })).toThrow(/"description" must be plain text/);
  });
});
