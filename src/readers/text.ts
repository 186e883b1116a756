import type { RawBlock } from '../model/types.js';

/** Characters that make a line blank when it holds nothing else (NBSP is common in web copies). */
const BLANK = /^[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]*$/;

/**
 * Read a plain-text transcript: every non-blank line is one paragraph, as in text
 * copied from a web page. Positions point into the original file.
 */
export function readText(text: string): RawBlock[] {
  const blocks: RawBlock[] = [];
  let offset = 0;
  let line = 1;
  for (const raw of text.split('\n')) {
    if (!BLANK.test(raw)) {
      const lead = /^[\s\u00a0]*/.exec(raw)![0].length;
      const trail = /[\s\u00a0]*$/.exec(raw)![0].length;
      const value = raw.slice(lead, raw.length - trail);
      blocks.push({
        children: [{ type: 'text', value, offset: offset + lead }],
        indent: lead,
        position: {
          start: { line, column: lead + 1, offset: offset + lead },
          end: { line, column: raw.length - trail + 1, offset: offset + raw.length - trail },
        },
      });
    }
    offset += raw.length + 1;
    line++;
  }
  return blocks;
}
