/**
 * Mutations of transcripts and TEI files: byte flips, truncation, duplicated, deleted and
 * swapped lines, shuffled brackets, Unicode from many scripts, control characters, very
 * long lines, hostile snippets (markup, script, path traversal) and broken XML.
 * A case is a function of (seed, index) only.
 */
import { rng } from './prng.js';

/** Code points from many scripts, and the troublesome ones. */
const UNICODE_RANGES = [
  [0x41, 0x7a], [0xc0, 0x24f], [0x370, 0x3ff], [0x400, 0x4ff], [0x530, 0x58f], [0x590, 0x5ff], [0x600, 0x6ff],
  [0x900, 0x97f], [0xe00, 0xe7f], [0x10a0, 0x10ff], [0x1100, 0x11ff], [0x3040, 0x30ff], [0x4e00, 0x9fff],
  [0xac00, 0xd7a3], [0x1f300, 0x1f64f], [0x1d400, 0x1d7ff], [0x20000, 0x2a6df], [0x300, 0x36f], [0xfe00, 0xfe0f],
  [0x2000, 0x206f], [0xfff0, 0xffff], [0x80, 0x9f], [0x1, 0x1f], [0xe000, 0xe0ff], [0xf900, 0xfaff],
];
const SPECIAL = ['\u0085', '\u2028', '\u2029', '\u202e', '\u202d', '\u2066', '\u200b', '\u200d', '\ufeff', '\ufffe', '\uffff', '\ud800', '\udfff', '\u00ad', '\u0301', '\t', '\r', '\v', '\f', '\u001b', '\u007f'];

const HOSTILE_TEXT = [
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert('x')", '../../x', '..\\..\\x', '/etc/passwd',
  '&amp;', '&lt;', '&#0;', '&xxe;', ']]>', '<!DOCTYPE x [<!ENTITY a "b">]>', '<?xml version="1.0"?>', '<!-- c -->', '{{x}}', '${x}',
  '[1]', '[2]', '[99]', '[sic]', '[stamp:]', '[?]', '[...]', '[handwritten:]', '[line cut off]', '[', ']', ':', '[[', ']]', '[:]',
  'Mr. X:', 'KIM IL SUNG:', 'Comrade Honecker:', 'Participants', 'Present:', 'Document Information', 'Record ID', 'Source', 'Rights',
  'Skip to content', '1984-13-45', 'May 31, 1984', '31.5.1984', 'p. 3', '-3-', '* * *', '1.', 'a)', '—', '–', '“', '”', '’',
];

// Text that would escape into the print edition's CSS if any input text reached it (issue 15):
// a backslash before a quote, CSS escapes, url(), @import, image-set(), the stylesheet's old
// placeholder, the end of a style element; and addresses that look relative but are not.
const CSS_TEXT = [
  '\\" url(file:///etc/passwd)', "\\' url(http://127.0.0.1:9/x)", '\\22 url(http://127.0.0.1:9/y)', '\\\\" url(file:///etc/hostname)',
  '@import url(http://127.0.0.1:9/i.css);', 'image-set("file:///etc/passwd" 1x)', '/*te:css*/', '*/ body { display: none } /*', '</style><script>alert(1)</script>',
  '\\"; } @page { size: 1in 1in; } .x { content: "', 'content(text)', 'string(doc-head)', 'element(book-title)', '//evil.example/x', '/\\evil.example/x',
];

const SCRIPT_SNIPPETS = [
  '<script>alert(1)</script>', '<ref target="javascript:alert(1)">x</ref>', '<ptr target="javascript:alert(2)"/>', '<ref target=" JaVaScRiPt:alert(3)">y</ref>',
  '<ref target="data:text/html,&lt;script&gt;alert(4)&lt;/script&gt;">z</ref>', '<hi rend="x" onclick="alert(5)">w</hi>', '<p onmouseover="alert(6)">v</p>',
  '<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(7)</html:script>', '<script xmlns="http://www.w3.org/1999/xhtml">alert(8)</script>',
  '<graphic url="javascript:alert(9)"/>', '<ref target="vbscript:msgbox(1)">u</ref>', '<ref target="&#106;avascript:alert(10)">t</ref>',
  '<ref target="java&#x0A;script:alert(11)">s</ref>', '<persName ref="../../persons.xml#x">n</persName>', '<persName ref="javascript:alert(12)">m</persName>',
  '<note place="foot" n="&quot;&gt;&lt;img onerror=alert(13)&gt;">note</note>', '<pb n="&lt;script&gt;"/>', '<sp who="#&quot;onmouseover=&quot;alert(14)"><p>t</p></sp>',
  '<ref target="#&quot;&gt;&lt;script&gt;alert(15)&lt;/script&gt;">r</ref>', '<date when="&lt;script&gt;">d</date>', '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>',
  '<?xml-stylesheet href="javascript:alert(16)"?>', '<![CDATA[<script>alert(17)</script>]]>', '<foreign xml:lang="x&quot;>&lt;script&gt;">q</foreign>',
];
const XML_IDS = ['"><img src=x onerror=alert(1)>', '../../x', 'javascript:alert(1)', 'a b', '1abc', 'x:y', '', 'é', 'a'.repeat(3000), 'onload'];

function randomChar(r) {
  if (r.chance(0.25)) return r.pick(SPECIAL);
  const [lo, hi] = r.pick(UNICODE_RANGES);
  return String.fromCodePoint(r.range(lo, hi));
}

function randomText(r, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += r.chance(0.15) ? ' ' : randomChar(r);
  return s;
}

const utf8 = new TextDecoder('utf-8');
const asText = (bytes) => utf8.decode(bytes);
const asBytes = (text) => Buffer.from(text, 'utf8');

function lines(text) {
  return text.split('\n');
}

function insertAt(text, at, what) {
  return text.slice(0, at) + what + text.slice(at);
}

/** A position in the text (UTF-16 index). */
const pos = (r, text) => r.int(text.length + 1);

/** Mutations on bytes and on text shared by both kinds. */
const common = {
  flipBytes(r, bytes) {
    const out = Buffer.from(bytes);
    const n = r.range(1, 8);
    for (let k = 0; k < n && out.length; k++) out[r.int(out.length)] = r.chance(0.5) ? r.int(256) : out[r.int(out.length)] ^ (1 << r.int(8));
    return out;
  },
  truncate(r, bytes) {
    return bytes.subarray(0, r.int(bytes.length + 1));
  },
  duplicateLines(r, bytes) {
    const ls = lines(asText(bytes));
    const at = r.int(ls.length);
    const n = r.range(1, 6);
    ls.splice(r.int(ls.length), 0, ...ls.slice(at, at + n));
    return asBytes(ls.join('\n'));
  },
  deleteLines(r, bytes) {
    const ls = lines(asText(bytes));
    ls.splice(r.int(ls.length), r.range(1, 10));
    return asBytes(ls.join('\n'));
  },
  swapLines(r, bytes) {
    const ls = lines(asText(bytes));
    const a = r.int(ls.length);
    const b = r.int(ls.length);
    [ls[a], ls[b]] = [ls[b], ls[a]];
    return asBytes(ls.join('\n'));
  },
  unicode(r, bytes) {
    let t = asText(bytes);
    const n = r.range(1, 12);
    for (let k = 0; k < n; k++) t = insertAt(t, pos(r, t), randomText(r, r.range(1, 20)));
    // Lone surrogates cannot be UTF-8: write them as their three-byte (CESU/WTF-8) form.
    return Buffer.from(t, 'utf8');
  },
  longLine(r, bytes) {
    const t = asText(bytes);
    const word = r.chance(0.5) ? r.pick(['a', 'x', '字', 'ü', '[', ':', '-']).repeat(r.range(1000, 60000)) : Array.from({ length: r.range(200, 8000) }, () => randomText(r, r.range(1, 9))).join(' ');
    return asBytes(insertAt(t, pos(r, t), word));
  },
  lineEnds(r, bytes) {
    const t = asText(bytes);
    const kind = r.int(4);
    if (kind === 0) return asBytes(t.replace(/\n/g, '\r\n'));
    if (kind === 1) return asBytes(t.replace(/\n/g, '\r'));
    if (kind === 2) return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    return Buffer.from('\ufeff' + t, 'utf16le');
  },
  window(r, bytes) {
    const ls = lines(asText(bytes));
    const from = r.int(ls.length);
    return asBytes(ls.slice(from, from + r.range(1, 40)).join('\n'));
  },
};

const transcript = {
  ...common,
  shuffleBrackets(r, bytes) {
    const t = [...asText(bytes)];
    const at = [];
    t.forEach((c, i) => { if ('[]():'.includes(c)) at.push(i); });
    if (at.length < 2) return asBytes(insertAt(t.join(''), r.int(t.length), '['));
    const n = r.range(1, 10);
    for (let k = 0; k < n; k++) {
      const a = r.pick(at);
      const b = r.pick(at);
      [t[a], t[b]] = [t[b], t[a]];
    }
    return asBytes(t.join(''));
  },
  strayMarks(r, bytes) {
    let t = asText(bytes);
    const n = r.range(1, 20);
    for (let k = 0; k < n; k++) t = insertAt(t, pos(r, t), r.pick(['[', ']', ':', '[]', '[ ', ' ]', '[[', ']]', ': ', '\n[', ']\n', '\n:', '[1]', '[sic]']));
    return asBytes(t);
  },
  hostile(r, bytes) {
    let t = asText(bytes);
    const n = r.range(1, 6);
    for (let k = 0; k < n; k++) {
      const snippet = r.chance(0.2) ? r.pick(CSS_TEXT) : r.pick(HOSTILE_TEXT);
      // At a line start half of the time (labels, note texts, trailer lines).
      if (r.chance(0.5)) {
        const ls = lines(t);
        ls.splice(r.int(ls.length + 1), 0, r.chance(0.5) ? snippet : `${snippet} ${randomText(r, r.range(1, 30))}`);
        t = ls.join('\n');
      } else t = insertAt(t, pos(r, t), snippet);
    }
    return asBytes(t);
  },
  speakers(r, bytes) {
    const ls = lines(asText(bytes));
    const n = r.range(1, 8);
    for (let k = 0; k < n; k++) {
      const name = r.pick(['Kim Il Sung', 'Mr. Polk', 'E. Honecker', 'Dr. Scott', randomText(r, r.range(1, 12)), 'A', '[Unknown]', 'Comrade X', 'The Secretary', '"><b>']);
      ls.splice(r.int(ls.length + 1), 0, r.chance(0.5) ? `${name}:` : `${name}: ${randomText(r, r.range(0, 40))}`);
    }
    return asBytes(ls.join('\n'));
  },
  notes(r, bytes) {
    let t = asText(bytes);
    const n = r.range(1, 6);
    for (let k = 0; k < n; k++) {
      const num = r.pick(['1', '2', '3', '7', '10', '0', '999999999999', '-1', 'a']);
      if (r.chance(0.5)) t = insertAt(t, pos(r, t), `[${num}]`);
      else t += `\n\n[${num}] ${randomText(r, r.range(0, 60))}`;
    }
    return asBytes(t);
  },
};

const tei = {
  ...common,
  breakXml(r, bytes) {
    let t = asText(bytes);
    const kind = r.int(7);
    const tags = [...t.matchAll(/<\/?[A-Za-z][^>]*>/g)];
    const tag = tags.length ? r.pick(tags) : null;
    if (kind === 0 && tag) return asBytes(t.slice(0, tag.index) + t.slice(tag.index + tag[0].length)); // a tag deleted
    if (kind === 1) return asBytes(t.replace(r.chance(0.5) ? '<' : '>', '')); // first < or > lost
    if (kind === 2 && tag) return asBytes(insertAt(t, pos(r, t), tag[0])); // a tag duplicated elsewhere
    if (kind === 3) return asBytes(insertAt(t, pos(r, t), r.pick(['&', '<', '>', '"', "'", '&#x0;', '&#xD800;', '&#65;', '&nbsp;', '&lt', ']]>', '<![CDATA[', '<!--', '-->', '<?pi x?>'])));
    if (kind === 4 && tag) {
      // Two tags swapped.
      const other = r.pick(tags);
      const [a, b] = tag.index < other.index ? [tag, other] : [other, tag];
      if (a === b) return bytes;
      return asBytes(t.slice(0, a.index) + b[0] + t.slice(a.index + a[0].length, b.index) + a[0] + t.slice(b.index + b[0].length));
    }
    if (kind === 5) {
      const depth = r.pick([50, 199, 200, 201, 1000]);
      const at = t.indexOf('<p');
      const where = at >= 0 ? t.indexOf('>', at) + 1 : pos(r, t);
      return asBytes(insertAt(t, where, '<hi>'.repeat(depth) + 'deep' + '</hi>'.repeat(depth)));
    }
    return asBytes(t.replace(/<\?xml[^>]*\?>/, (d) => `${d}\n${r.pick(['<!DOCTYPE TEI SYSTEM "file:///etc/passwd">', '<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>', '<!DOCTYPE TEI [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'])}`));
  },
  scriptInjection(r, bytes) {
    const t = asText(bytes);
    const spots = [...t.matchAll(/<\/(p|hi|note|head|item|speaker|title)>/g)];
    const at = spots.length ? r.pick(spots).index : pos(r, t);
    return asBytes(insertAt(t, at, r.pick(SCRIPT_SNIPPETS)));
  },
  hostileIds(r, bytes) {
    const t = asText(bytes);
    const attrs = [...t.matchAll(/\b(xml:id|target|ref|who|sameAs|corresp|n|when|rend|type)="([^"]*)"/g)];
    if (!attrs.length) return bytes;
    const a = r.pick(attrs);
    const value = r.pick(XML_IDS).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    const prefix = a[1] === 'xml:id' ? '' : r.pick(['', '#', '../../', 'javascript:']);
    return asBytes(t.slice(0, a.index) + `${a[1]}="${prefix}${value}"` + t.slice(a.index + a[0].length));
  },
  cssInjection(r, bytes) {
    // CSS payloads into the texts the print HTML generates from: titles, names, notes, text; and link targets.
    const t = asText(bytes);
    if (r.chance(0.2)) {
      const targets = [...t.matchAll(/\b(target|ref)="([^"]*)"/g)];
      if (targets.length) {
        const a = r.pick(targets);
        const value = r.pick(['//evil.example/x', '/\\evil.example/x', '\\\\evil.example', ' //evil.example', '/\t/evil.example']).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
        return asBytes(t.slice(0, a.index) + `${a[1]}="${value}"` + t.slice(a.index + a[0].length));
      }
    }
    const spots = [...t.matchAll(/<(title|persName|note|p|head|speaker|idno|publisher|roleName)\b[^>]*>([^<]*)</g)];
    if (!spots.length) return bytes;
    const s = r.pick(spots);
    const text = r.pick(CSS_TEXT).replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return asBytes(insertAt(t, s.index + s[0].length - 1 - r.int(s[2].length + 1), text));
  },
  textUnicode(r, bytes) {
    // Unicode in text nodes only (escaped as XML needs), to reach the transform.
    const t = asText(bytes);
    const spots = [...t.matchAll(/>([^<]{3,})</g)];
    if (!spots.length) return bytes;
    const s = r.pick(spots);
    const text = randomText(r, r.range(1, 40)).replace(/&/g, '&amp;').replace(/</g, '&lt;');
    return asBytes(insertAt(t, s.index + 1 + r.int(s[1].length), text));
  },
};

export const MUTATORS = { transcript, tei };

/**
 * Case `index` of the campaign `seed`: the kind (transcript or TEI), the base file, the
 * mutations applied (by name) and the bytes.
 */
export function makeCase(seed, index, corpus) {
  const r = rng(seed, index);
  const kind = corpus.tei.length && r.chance(0.3) ? 'tei' : 'transcript';
  const base = r.pick(kind === 'tei' ? corpus.tei : corpus.transcripts);
  const ops = MUTATORS[kind];
  const names = Object.keys(ops);
  let bytes = base.bytes;
  // Most cases are a window of the base (fast), some the whole file.
  const mutations = [];
  if (kind === 'transcript' && r.chance(0.6)) mutations.push('window');
  const n = r.range(1, 4);
  for (let k = 0; k < n; k++) mutations.push(r.pick(names));
  for (const m of mutations) bytes = ops[m](r, bytes);
  return { seed: String(seed), index, kind, base: base.name, mutations, bytes: Buffer.from(bytes) };
}
