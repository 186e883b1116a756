/**
 * Datatypes for RELAX NG: the built-in library (string, token) and the W3C XML Schema
 * datatypes that TEI and most grammars use, with the facets RELAX NG passes as params
 * (pattern, length, minLength, maxLength, min/maxInclusive, min/maxExclusive). Each datatype
 * says what it expects in the words jing uses ("must be an ISO date").
 */

export const XSD_LIBRARY = 'http://www.w3.org/2001/XMLSchema-datatypes';

export class DatatypeError extends Error {
  override name = 'DatatypeError';
}

export interface Datatype {
  library: string;
  name: string;
  /** Whether the string is in the datatype (with its params). */
  allows(s: string): boolean;
  /** Whether two strings denote the same value (value patterns). */
  equal(a: string, b: string): boolean;
  /** What a value must be, for the value given ("an integer", "a string matching the regular expression …"): completes "must be …". */
  describe(value?: string): string;
  /** ID, IDREF or IDREFS (checked across the document, as jing does). */
  idType: 'ID' | 'IDREF' | 'IDREFS' | null;
}

const collapse = (s: string): string => s.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '');
const replaceWs = (s: string): string => s.replace(/[\t\n\r]/g, ' ');

const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NCNAME_START = NAME_START.slice(1);
const NCNAME_CHAR = NAME_CHAR.slice(1);
const NAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`, 'u');
const NCNAME = new RegExp(`^[${NCNAME_START}][${NCNAME_CHAR}]*$`, 'u');
const NMTOKEN = new RegExp(`^[${NAME_CHAR}]+$`, 'u');
const QNAME = new RegExp(`^(?:[${NCNAME_START}][${NCNAME_CHAR}]*:)?[${NCNAME_START}][${NCNAME_CHAR}]*$`, 'u');

const TZ = '(?:Z|[+-](?:(?:0\\d|1[0-3]):[0-5]\\d|14:00))?';
const YEAR = '-?(?:[1-9]\\d{3,}|0\\d{3})';
const DATE_RE = new RegExp(`^(${YEAR})-(\\d\\d)-(\\d\\d)${TZ}$`);
const DATETIME_RE = new RegExp(`^(${YEAR})-(\\d\\d)-(\\d\\d)T(\\d\\d):(\\d\\d):(\\d\\d)(?:\\.\\d+)?${TZ}$`);
const TIME_RE = new RegExp(`^(\\d\\d):(\\d\\d):(\\d\\d)(?:\\.\\d+)?${TZ}$`);
const GYEAR_RE = new RegExp(`^(${YEAR})${TZ}$`);
const GYEARMONTH_RE = new RegExp(`^(${YEAR})-(\\d\\d)${TZ}$`);
const GMONTH_RE = new RegExp(`^--(\\d\\d)${TZ}$`);
const GDAY_RE = new RegExp(`^---(\\d\\d)${TZ}$`);
const GMONTHDAY_RE = new RegExp(`^--(\\d\\d)-(\\d\\d)${TZ}$`);
const DURATION_RE = /^-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
function validDate(y: string, m: string, d: string): boolean {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year === 0) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(Math.abs(year) % 400 === 0 ? 2000 : Math.abs(year), month);
}
function validTime(h: string, mi: string, s: string): boolean {
  const hour = Number(h);
  if (hour === 24) return Number(mi) === 0 && Number(s) === 0;
  return hour < 24 && Number(mi) < 60 && Number(s) < 60;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;
const DOUBLE = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|INF|-INF|NaN)$/;

/** URI references as jing checks them: no spaces or characters URIs never contain, well-formed escapes, one fragment. */
function uriOk(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020<>"{}|\\^`\u007f]/.test(s)) return false;
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) return false;
  const hash = s.indexOf('#');
  if (hash >= 0 && s.indexOf('#', hash + 1) >= 0) return false;
  const scheme = /^([^:/?#]+):/.exec(s);
  if (scheme && !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme[1]!)) return /^[^:]*[/?#]/.test(s) ? true : false;
  return true;
}

interface Base {
  /** Whitespace processing before the lexical check. */
  ws: (s: string) => string;
  lexical: (s: string) => boolean;
  describe: string;
  /** A number for range facets (NaN when not ordered). */
  order?: (s: string) => number;
  list?: boolean;
  idType?: Datatype['idType'];
  /** For the integer types: what a lexically valid value outside the type's range must be, or null. */
  range?: (s: string) => string | null;
}

const integerBase = (_describe: string, min: number | null, max: number | null): Base => ({
  ws: collapse,
  lexical: (s) => INTEGER.test(s),
  describe: 'an integer',
  order: Number,
  range: (s) => (min !== null && Number(s) < min ? `an integer greater than or equal to ${min}` : max !== null && Number(s) > max ? `an integer less than or equal to ${max}` : null),
});

const XSD: Record<string, Base> = {
  string: { ws: (s) => s, lexical: () => true, describe: 'a string' },
  normalizedString: { ws: replaceWs, lexical: () => true, describe: 'a string' },
  token: { ws: collapse, lexical: () => true, describe: 'a token' },
  NCName: { ws: collapse, lexical: (s) => NCNAME.test(s), describe: 'an XML name without colons' },
  ID: { ws: collapse, lexical: (s) => NCNAME.test(s), describe: 'an XML name without colons', idType: 'ID' },
  IDREF: { ws: collapse, lexical: (s) => NCNAME.test(s), describe: 'an XML name without colons', idType: 'IDREF' },
  IDREFS: { ws: collapse, lexical: (s) => s !== '' && s.split(' ').every((t) => NCNAME.test(t)), describe: 'a list of XML names without colons', list: true, idType: 'IDREFS' },
  ENTITY: { ws: collapse, lexical: (s) => NCNAME.test(s), describe: 'an XML name without colons' },
  ENTITIES: { ws: collapse, lexical: (s) => s !== '' && s.split(' ').every((t) => NCNAME.test(t)), describe: 'a list of XML names without colons', list: true },
  Name: { ws: collapse, lexical: (s) => NAME.test(s), describe: 'an XML name' },
  QName: { ws: collapse, lexical: (s) => QNAME.test(s), describe: 'an XML QName' },
  NMTOKEN: { ws: collapse, lexical: (s) => NMTOKEN.test(s), describe: 'an XML NMTOKEN' },
  NMTOKENS: { ws: collapse, lexical: (s) => s !== '' && s.split(' ').every((t) => NMTOKEN.test(t)), describe: 'a list of XML NMTOKENs', list: true },
  language: { ws: collapse, lexical: (s) => /^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$/.test(s), describe: 'an RFC 3066 language identifier' },
  anyURI: { ws: collapse, lexical: uriOk, describe: 'a URI' },
  boolean: { ws: collapse, lexical: (s) => /^(?:true|false|1|0)$/.test(s), describe: 'a boolean' },
  decimal: { ws: collapse, lexical: (s) => DECIMAL.test(s), describe: 'a decimal number', order: Number },
  integer: integerBase('an integer', null, null),
  nonNegativeInteger: integerBase('an integer greater than or equal to 0', 0, null),
  positiveInteger: integerBase('a positive integer', 1, null),
  nonPositiveInteger: integerBase('an integer less than or equal to 0', null, 0),
  negativeInteger: integerBase('a negative integer', null, -1),
  long: integerBase('an integer between -9223372036854775808 and 9223372036854775807', -9223372036854775808, 9223372036854775807),
  int: integerBase('an integer between -2147483648 and 2147483647', -2147483648, 2147483647),
  short: integerBase('an integer between -32768 and 32767', -32768, 32767),
  byte: integerBase('an integer between -128 and 127', -128, 127),
  unsignedLong: integerBase('an integer between 0 and 18446744073709551615', 0, 18446744073709551615),
  unsignedInt: integerBase('an integer between 0 and 4294967295', 0, 4294967295),
  unsignedShort: integerBase('an integer between 0 and 65535', 0, 65535),
  unsignedByte: integerBase('an integer between 0 and 255', 0, 255),
  double: { ws: collapse, lexical: (s) => DOUBLE.test(s), describe: 'a floating-point number', order: Number },
  float: { ws: collapse, lexical: (s) => DOUBLE.test(s), describe: 'a floating-point number', order: Number },
  date: {
    ws: collapse,
    lexical: (s) => {
      const m = DATE_RE.exec(s);
      return m !== null && validDate(m[1]!, m[2]!, m[3]!);
    },
    describe: 'an ISO date',
  },
  dateTime: {
    ws: collapse,
    lexical: (s) => {
      const m = DATETIME_RE.exec(s);
      return m !== null && validDate(m[1]!, m[2]!, m[3]!) && validTime(m[4]!, m[5]!, m[6]!);
    },
    describe: 'an ISO date and time',
  },
  time: {
    ws: collapse,
    lexical: (s) => {
      const m = TIME_RE.exec(s);
      return m !== null && validTime(m[1]!, m[2]!, m[3]!);
    },
    describe: 'an ISO time',
  },
  gYear: { ws: collapse, lexical: (s) => GYEAR_RE.test(s) && Number(GYEAR_RE.exec(s)![1]) !== 0, describe: 'a year' },
  gYearMonth: {
    ws: collapse,
    lexical: (s) => {
      const m = GYEARMONTH_RE.exec(s);
      return m !== null && Number(m[1]) !== 0 && Number(m[2]) >= 1 && Number(m[2]) <= 12;
    },
    describe: 'an ISO year and month',
  },
  gMonth: {
    ws: collapse,
    lexical: (s) => {
      const m = GMONTH_RE.exec(s);
      return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 12;
    },
    describe: 'an ISO month (of the form --MM)',
  },
  gDay: {
    ws: collapse,
    lexical: (s) => {
      const m = GDAY_RE.exec(s);
      return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 31;
    },
    describe: 'an ISO day of the month (of the form ---DD)',
  },
  gMonthDay: {
    ws: collapse,
    lexical: (s) => {
      const m = GMONTHDAY_RE.exec(s);
      return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= daysIn(2000, Number(m[1]));
    },
    describe: 'an ISO month and day (of the form --MM-DD)',
  },
  duration: { ws: collapse, lexical: (s) => DURATION_RE.test(s), describe: 'a duration' },
  base64Binary: { ws: collapse, lexical: (s) => /^(?:[A-Za-z0-9+/] ?)*(?:=\s?){0,2}$/.test(s), describe: 'base64-encoded data' },
  hexBinary: { ws: collapse, lexical: (s) => /^(?:[0-9A-Fa-f]{2})*$/.test(s), describe: 'hexadecimal data' },
};

/**
 * An XML Schema regular expression as a JavaScript one (whole-string match). The classes
 * XML Schema defines differently (\s, \d, \w, \i, \c, and "." which stops only at line ends)
 * are written out.
 */
export function xsdRegex(pattern: string): RegExp {
  let out = '';
  let inClass = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const e = pattern[i + 1];
      i++;
      switch (e) {
        case 's':
          out += inClass ? ' \\t\\n\\r' : '[ \\t\\n\\r]';
          break;
        case 'S':
          out += inClass ? '\\S' : '[^ \\t\\n\\r]';
          break;
        case 'd':
          out += '\\p{Nd}';
          break;
        case 'D':
          out += '\\P{Nd}';
          break;
        case 'w':
          out += inClass ? '\\p{L}\\p{M}\\p{N}\\p{S}' : '[^\\p{P}\\p{Z}\\p{C}]';
          break;
        case 'W':
          out += inClass ? '\\p{P}\\p{Z}\\p{C}' : '[\\p{P}\\p{Z}\\p{C}]';
          break;
        case 'i':
          out += inClass ? NCNAME_START + ':' : `[${NAME_START}]`;
          break;
        case 'c':
          out += inClass ? NAME_CHAR : `[${NAME_CHAR}]`;
          break;
        case 'I':
          out += `[^${NAME_START}]`;
          break;
        case 'C':
          out += `[^${NAME_CHAR}]`;
          break;
        case 'p':
        case 'P': {
          const close = pattern.indexOf('}', i);
          const prop = pattern.slice(i + 2, close);
          i = close;
          if (/^Is/.test(prop)) out += e === 'p' ? '[\\s\\S]' : '[^\\s\\S]';
          else out += `\\${e}{${prop}}`;
          break;
        }
        case '-':
          out += inClass ? '\\-' : '-';
          break;
        case 'n':
        case 'r':
        case 't':
          out += `\\${e}`;
          break;
        default:
          out += e !== undefined && '.\\?*+{}()[]|^$/'.includes(e) ? `\\${e}` : (e ?? '');
      }
      continue;
    }
    if (c === '[') {
      // XML Schema class subtraction "[a-z-[aeiou]]": approximated by a lookahead.
      inClass++;
      out += c;
      continue;
    }
    if (c === ']' && inClass) {
      inClass--;
      out += c;
      continue;
    }
    if (c === '-' && inClass && pattern[i + 1] === '[') {
      // "-[" begins a subtracted class: drop it (the match is then a little wider).
      let depth = 0;
      let j = i + 1;
      for (; j < pattern.length; j++) {
        if (pattern[j] === '\\') j++;
        else if (pattern[j] === '[') depth++;
        else if (pattern[j] === ']' && --depth === 0) break;
      }
      i = j;
      continue;
    }
    if (!inClass && (c === '^' || c === '$')) {
      out += `\\${c}`;
      continue;
    }
    if (!inClass && c === '.') {
      out += '[^\\n\\r]';
      continue;
    }
    if (inClass && (c === '(' || c === ')' || c === '{' || c === '}' || c === '/' || c === '|')) {
      out += `\\${c}`;
      continue;
    }
    out += c;
  }
  return new RegExp(`^(?:${out})$`, 'u');
}

/** Make a datatype from a library, a name and params; throws DatatypeError if unknown. */
export function makeDatatype(library: string, name: string, params: { name: string; value: string }[]): Datatype {
  if (library === '') {
    if (params.length > 0) throw new DatatypeError(`the built-in datatype "${name}" takes no parameters`);
    if (name === 'string') return { library, name, allows: () => true, equal: (a, b) => a === b, describe: () => 'a string', idType: null };
    if (name === 'token') return { library, name, allows: () => true, equal: (a, b) => collapse(a) === collapse(b), describe: () => 'a token', idType: null };
    throw new DatatypeError(`unknown built-in datatype "${name}"`);
  }
  if (library !== XSD_LIBRARY) throw new DatatypeError(`unknown datatype library "${library}"`);
  const base = XSD[name];
  if (!base) throw new DatatypeError(`unknown XML Schema datatype "${name}"`);
  const checks: ((s: string) => boolean)[] = [];
  const words: string[] = [];
  /** Per check, what to say when it fails (the value's length where that helps). */
  const says: ((s: string) => string)[] = [];
  for (const p of params) {
    const v = p.value;
    const length = (s: string): number => (base.list ? (s === '' ? 0 : s.split(' ').length) : [...s].length);
    switch (p.name) {
      case 'pattern': {
        let re: RegExp;
        try {
          re = xsdRegex(v);
        } catch (e) {
          throw new DatatypeError(`the pattern "${v}" cannot be used: ${(e as Error).message}`);
        }
        checks.push((s) => re.test(s));
        words.push(`matching the regular expression "${v}"`);
        says.push(() => `matching the regular expression "${v}"`);
        break;
      }
      case 'length':
        checks.push((s) => length(s) === Number(v));
        words.push(`of length ${v}`);
        says.push((x) => `with length ${v} (actual length was ${length(x)})`);
        break;
      case 'minLength':
        checks.push((s) => length(s) >= Number(v));
        words.push(`of length at least ${v}`);
        says.push((x) => `with length at least ${v} (actual length was ${length(x)})`);
        break;
      case 'maxLength':
        checks.push((s) => length(s) <= Number(v));
        words.push(`of length at most ${v}`);
        says.push((x) => `with length at most ${v} (actual length was ${length(x)})`);
        break;
      case 'minInclusive':
        checks.push((s) => (base.order ?? Number)(s) >= Number(v));
        words.push(`greater than or equal to ${v}`);
        says.push(() => `greater than or equal to ${v}`);
        break;
      case 'maxInclusive':
        checks.push((s) => (base.order ?? Number)(s) <= Number(v));
        words.push(`less than or equal to ${v}`);
        says.push(() => `less than or equal to ${v}`);
        break;
      case 'minExclusive':
        checks.push((s) => (base.order ?? Number)(s) > Number(v));
        words.push(`greater than ${v}`);
        says.push(() => `greater than ${v}`);
        break;
      case 'maxExclusive':
        checks.push((s) => (base.order ?? Number)(s) < Number(v));
        words.push(`less than ${v}`);
        says.push(() => `less than ${v}`);
        break;
      case 'totalDigits':
        checks.push((s) => s.replace(/^[+-]/, '').replace(/\./, '').replace(/^0+(?=\d)/, '').replace(/0+$/, '').length <= Number(v));
        words.push(`with at most ${v} digits`);
        says.push(() => `with at most ${v} digits`);
        break;
      case 'fractionDigits':
        checks.push((s) => (s.split('.')[1] ?? '').replace(/0+$/, '').length <= Number(v));
        words.push(`with at most ${v} fraction digits`);
        says.push(() => `with at most ${v} fraction digits`);
        break;
      default:
        throw new DatatypeError(`the datatype "${name}" takes no parameter "${p.name}"`);
    }
  }
  const stringLike = name === 'token' || name === 'string' || name === 'normalizedString';
  const noun = stringLike && checks.length > 0 ? 'a string' : base.describe;
  const describe = (raw?: string): string => {
    if (raw === undefined) return noun + (words.length ? ` ${words.join(' and ')}` : '');
    const s = base.ws(raw);
    if (!base.lexical(s)) return noun;
    const range = base.range?.(s);
    if (range) return range;
    for (let i = 0; i < checks.length; i++) if (!checks[i]!(s)) return `${noun} ${says[i]!(s)}`;
    return noun;
  };
  return {
    library,
    name,
    allows: (raw) => {
      const s = base.ws(raw);
      if (!base.lexical(s)) return false;
      if (base.range?.(s)) return false;
      for (const c of checks) if (!c(s)) return false;
      return true;
    },
    equal: (a, b) => {
      const x = base.ws(a);
      const y = base.ws(b);
      if (x === y) return true;
      if (base.order) return base.lexical(x) && base.lexical(y) && base.order(x) === base.order(y);
      return false;
    },
    describe,
    idType: base.idType ?? null,
  };
}
