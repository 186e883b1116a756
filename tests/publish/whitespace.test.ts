/**
 * White space as a reader sees it (issue 21): on every HTML page of the sample edition and of
 * the TEI of other projects, no paragraph has a run of two spaces (a source's double spacing)
 * or starts with a space or a no-break space. The stylesheets decide it (text.xsl), the pages
 * are read back as they are written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInto, corpus, parseHtml, sampleTei, xpath } from './helpers.js';

/** Each paragraph's text on the page (as textContent gives it), with its id. */
function paragraphs(html: string): [string, string][] {
  const page = parseHtml(html);
  return xpath<string[][]>('//h:p ! [string(@id), string(.)]', page);
}

function problems(out: string): string[] {
  const found: string[] = [];
  for (const file of readdirSync(out).filter((f) => f.endsWith('.html')).sort()) {
    for (const [id, text] of paragraphs(readFileSync(path.join(out, file), 'utf8'))) {
      const where = `${file}#${id}`;
      if (/[ \u00A0\t\n\r]{2,}/.test(text)) found.push(`${where}: a run of spaces in ${JSON.stringify(text.slice(Math.max(0, text.search(/[ \u00A0\t\n\r]{2,}/) - 30), text.search(/[ \u00A0\t\n\r]{2,}/) + 30))}`);
      if (/^[\s\u00A0]/.test(text)) found.push(`${where}: starts with ${JSON.stringify(text.slice(0, 20))}`);
    }
  }
  return found;
}

describe('white space in the paragraphs of the web edition', () => {
  it('the sample edition: no run of two spaces, no leading space or no-break space in any paragraph', () => {
    const { out } = buildInto(sampleTei);
    // The sample's TEI has the source's double spaces (after full stops): they are there to be normalised.
    const tei = readdirSync(sampleTei).filter((f) => f.endsWith('.xml')).map((f) => readFileSync(path.join(sampleTei, f), 'utf8'));
    expect(tei.some((t) => /[.!?][ \u00A0]{2}[A-Z]/.test(t))).toBe(true);
    expect(problems(out)).toEqual([]);
  });

  it('the TEI of other projects (plays, letters, apparatus, EpiDoc): the same', () => {
    const { out } = buildInto(path.join(corpus, 'foreign-sample'));
    expect(readdirSync(out).filter((f) => f.endsWith('.html')).length).toBeGreaterThan(5);
    expect(problems(out)).toEqual([]);
  });
});
