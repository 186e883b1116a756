/** Dates as transcripts print them, and their ISO 8601 forms. */

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';

/** Word edges in any script (\b knows ASCII only: "1964â" is one word, not a date and a letter). */
const START = '(?<![\\p{L}\\p{N}\\p{M}])';
const END = '(?![\\p{L}\\p{N}\\p{M}])';

export interface DateValue {
  when?: string;
  from?: string;
  to?: string;
}

/** The patterns, most specific first; each gives a function from the match to a date value. */
const PATTERNS: [RegExp, (m: RegExpExecArray) => DateValue | null][] = [
  // 14-18 August 1984
  [new RegExp(`${START}(\\d{1,2})\\s*[-–]\\s*(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})${END}`, 'gu'), (m) => range(ymd(m[4]!, m[3]!, m[1]!), ymd(m[4]!, m[3]!, m[2]!))],
  // 30 November - 1 December 1964
  [new RegExp(`${START}(\\d{1,2})\\s+${MONTH}\\s*[-–]\\s*(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})${END}`, 'gu'), (m) => range(ymd(m[5]!, m[2]!, m[1]!), ymd(m[5]!, m[4]!, m[3]!))],
  // May 25, 1987 / May 25 1987
  [new RegExp(`${START}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${END}`, 'gu'), (m) => single(ymd(m[3]!, m[1]!, m[2]!))],
  // 25 May 1987
  [new RegExp(`${START}(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+${MONTH}\\s+(\\d{4})${END}`, 'gu'), (m) => single(ymd(m[3]!, m[2]!, m[1]!))],
  // 2018-10-17
  [new RegExp(`${START}(\\d{4})-(\\d{2})-(\\d{2})${END}`, 'gu'), (m) => single(valid(+m[1]!, +m[2]!, +m[3]!))],
  // October 1986
  [new RegExp(`${START}${MONTH}\\s+(\\d{4})${END}`, 'gu'), (m) => single(ym(m[2]!, m[1]!))],
];

function valid(y: number, mo: number, d: number): string | null {
  if (y < 1000 || y > 2999 || mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')];
}

function ymd(year: string, month: string, day: string): string | null {
  const mo = monthNumber(month);
  return mo ? valid(+year, mo, +day) : null;
}

function ym(year: string, month: string): string | null {
  const mo = monthNumber(month);
  const y = +year;
  return mo && y >= 1000 && y <= 2999 ? `${year}-${String(mo).padStart(2, '0')}` : null;
}

function single(when: string | null): DateValue | null {
  return when ? { when } : null;
}

function range(from: string | null, to: string | null): DateValue | null {
  return from && to && from <= to ? { from, to } : null;
}

export interface DateMatch extends DateValue {
  index: number;
  length: number;
}

/** Every date in a string, left to right, without overlaps. */
export function findDates(text: string): DateMatch[] {
  const found: DateMatch[] = [];
  for (const [re, make] of PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const value = make(m);
      if (!value) continue;
      const index = m.index;
      const end = index + m[0].length;
      if (found.some((f) => index < f.index + f.length && end > f.index)) continue;
      found.push({ ...value, index, length: m[0].length });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The date when a whole line is a date ("May 25, 1987", "31 May 1984 "), else null. */
export function parseDateLine(text: string): DateValue | null {
  const t = text.trim().replace(/[.\s]+$/, '');
  const found = findDates(t);
  if (found.length !== 1) return null;
  const f = found[0]!;
  if (f.index !== 0 || f.length !== t.length) return null;
  const { when, from, to } = f;
  return when ? { when } : { from: from!, to: to! };
}
