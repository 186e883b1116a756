/**
 * Names the register does not know yet, on evidence in the document: a person named in the
 * running text after an honorific or an office ("Comrade Chernenko", "General Secretary
 * Brezhnev"), an organisation of the form "Central Committee of the CPSU", and the places and
 * organisations of the header (the place of the title or the PLACE field, the participants'
 * affiliations, "Ministry for State Security (Stasi)" in the title). Each is a proposal, reported
 * with the line it stands on; nothing is guessed from a capitalised word alone.
 */
import type { Block, FrontItem, HeaderMeta, Inline, Person } from '../model/types.js';
import { blockInlines, walkBlocks } from '../model/walk.js';
import { fold, isHonorific, isOffice, isTitle, parseName } from './names.js';

/** Honorifics that, before a capitalised word, say it is a person's name. */
const NAMING_HONORIFICS = new Set(['comrade', 'comrades', 'genosse', 'genossin', 'genossen', 'mr', 'mrs', 'ms', 'messrs', 'dr', 'herr', 'frau', 'monsieur', 'mme', 'madame', 'senor', 'señor', 'sir']);

/** Offices that, as the last title before a capitalised word, name a person ("Secretary Hughes"; not "General Staff"). */
const NAMING_OFFICES = new Set(['secretary', 'president', 'chairman', 'chairwoman', 'premier', 'minister', 'ambassador', 'marshal', 'marshall', 'chancellor', 'senator', 'governor', 'colonel', 'col', 'admiral', 'adm', 'captain', 'capt', 'lieutenant', 'lt', 'sergeant', 'sgt', 'commissioner', 'consul', 'envoy', 'mayor']);

const NOT_NAMES = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'god', 'lord', 'general', 'staff', 'assembly', 'council', 'committee', 'ministry', 'office', 'department', 'government', 'state', 'states', 'party', 'republic', 'union', 'plenipotentiary', 'extraordinary', 'designate', 'elect', 'emeritus']);

export interface Proposal {
  kind: 'person' | 'org';
  /** The name without titles ("Walter Ulbricht", "Central Committee of the CPSU"). */
  name: string;
  /** The titles before a person's name, as printed. */
  titles: string[];
  /** The words that are the evidence, as printed ("Comrade Chernenko"). */
  evidence: string;
  /** Source offset of the evidence. */
  offset: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:[’'ʼ‐-][\p{L}\p{M}\p{N}]+)*\.?/gu;

/** The text nodes of a run of inlines (open containers too), with their source offsets. */
function textsOf(inlines: Inline[], out: { value: string; offset: number; open: boolean }[], open = false): void {
  inlines.forEach((n, k) => {
    // open: other inlines follow (a name at the end of this text may go on in a bracket: "[President Hafizullah] Amin").
    const more = open || k < inlines.length - 1;
    if (n.type === 'text') out.push({ value: n.value, offset: n.offset ?? -1, open: more });
    else if ('children' in n && n.type !== 'sic' && n.type !== 'persName' && n.type !== 'placeName' && n.type !== 'orgName') textsOf(n.children, out, more);
  });
}

/** A capitalised word that can be part of a proposed person's name. */
function nameWord(w: string): boolean {
  const bare = w.replace(/[’'ʼ]s$/u, '').replace(/\.$/, '');
  if (!/^\p{Lu}\p{Ll}/u.test(bare) || isTitle(bare) || NOT_NAMES.has(fold(bare))) return false;
  // "From", "And", "Berlin": a function word or a word the labels know as no name.
  if (!parseName(bare)) return false;
  return true;
}

/**
 * Proposals of one document, in the order they stand: persons after an honorific or an office,
 * organisations "Central Committee (Presidium, Politburo…) of the ACRONYM". `known` says whether
 * the document or the register already has the name (then it is no proposal).
 */
export function proposeNames(body: Block[], known: (kind: 'person' | 'org', name: string) => boolean): Proposal[] {
  const texts: { value: string; offset: number; open: boolean }[] = [];
  for (const block of walkBlocks(body)) if (block.type !== 'sp') for (const inlines of blockInlines(block)) textsOf(inlines, texts);
  const out: Proposal[] = [];
  const seen = new Set<string>();
  for (const t of texts) {
    if (t.offset < 0) continue;
    const tokens = [...t.value.matchAll(WORD)].map((m) => ({ value: m[0], start: m.index, end: m.index + m[0].length }));
    for (let i = 0; i < tokens.length; i++) {
      const w = tokens[i]!.value;
      if (!isTitle(w)) continue;
      // The run of titles ("General Secretary"), then up to three name words.
      let j = i;
      while (j < tokens.length && isTitle(tokens[j]!.value) && (j === i || /^\s+$/.test(t.value.slice(tokens[j - 1]!.end, tokens[j]!.start)))) j++;
      const titles = tokens.slice(i, j).map((x) => x.value);
      const lastTitle = fold(titles[titles.length - 1]!);
      const naming = titles.some((x) => NAMING_HONORIFICS.has(fold(x))) || NAMING_OFFICES.has(lastTitle);
      if (!naming || !titles.some((x) => /^\p{Lu}/u.test(x) || NAMING_HONORIFICS.has(fold(x)))) {
        i = j - 1;
        continue;
      }
      let k = j;
      const initial = (x: string) => /^\p{Lu}\.$/u.test(x);
      while (k < tokens.length && k - j < 4 && /^\s+$/.test(t.value.slice(tokens[k - 1]!.end, tokens[k]!.start)) && (nameWord(tokens[k]!.value) || (k > j && initial(tokens[k]!.value)))) {
        k++;
        // A possessive or a full stop ends the name (but for a middle initial: "Nikita S. Khrushchev").
        if (/[’'ʼ]s$|\.$/u.test(tokens[k - 1]!.value) && !initial(tokens[k - 1]!.value)) break;
      }
      while (k > j && initial(tokens[k - 1]!.value)) k--;
      if (k === j) {
        i = j - 1;
        continue;
      }
      if (t.open && /^[\s.]*$/.test(t.value.slice(tokens[k - 1]!.end))) {
        i = k - 1;
        continue;
      }
      const words = tokens.slice(j, k).map((x, n) => x.value.replace(/[’'ʼ]s$/u, '').replace(n === k - j - 1 ? /\.$/ : /$^/, ''));
      const name = words.join(' ');
      const parsed = parseName(name);
      if (parsed && words[words.length - 1]!.length >= 3 && !known('person', name)) {
        const key = `person:${fold(name)}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push({ kind: 'person', name, titles: titles.filter((x) => !isHonorific(x) && isOffice(x)), evidence: t.value.slice(tokens[i]!.start, tokens[k - 1]!.start + words[words.length - 1]!.length), offset: t.offset + tokens[i]!.start });
        }
      }
      i = k - 1;
    }
    for (const m of t.value.matchAll(/\b((?:Presidium of the )?(?:Central Committee|Politburo|Political Bureau|Council of Ministers|Secretariat) of the (\p{Lu}{2,6}))\b/gu)) {
      const name = m[1]!;
      const key = `org:${fold(name)}`;
      if (seen.has(key) || known('org', name)) continue;
      seen.add(key);
      out.push({ kind: 'org', name, titles: [], evidence: name, offset: t.offset + m.index });
    }
  }
  return out;
}

const KOREAN_FAMILY = new Set(['kim', 'ri', 'rhee', 'pak', 'park', 'choe', 'choi', 'jong', 'kang', 'yi', 'han', 'hwang', 'ryu', 'yun', 'yon', 'kye', 'o']);
const CHINESE_FAMILY = new Set(['hu', 'li', 'wang', 'zhou', 'chou', 'mao', 'deng', 'teng', 'zhao', 'liu', 'chen', 'yang', 'zhang', 'jiang', 'chiang', 'peng', 'lin', 'zhu', 'chu', 'kang', 'qiao', 'wu', 'xu', 'huang']);

/**
 * The language of a name written family name first, from its form: a Korean or Chinese family
 * name of one syllable followed by a given name of one or two syllables, romanised ("Ri Chun-su",
 * "Pak Seong-cheol", "Hu Yaobang", "Kim Il Sung"). Else undefined: the name files by its last word.
 */
export function familyFirstLang(name: string): string | undefined {
  const words = name.split(/\s+/);
  if (words.length < 2 || words.length > 3) return undefined;
  const family = fold(words[0]!);
  const given = words.slice(1);
  // Romanised given names: syllables (a hyphenated pair, two short words, or one word of at most two syllables).
  const syllabic = given.every((w) => /^\p{Lu}\p{Ll}{0,7}(?:-\p{Ll}{1,6})?$/u.test(w)) && given.join('').replace(/-/g, '').length <= 10;
  if (!syllabic) return undefined;
  if (KOREAN_FAMILY.has(family) && (given.length === 2 || given[0]!.includes('-'))) return 'ko-Latn';
  if (CHINESE_FAMILY.has(family) && given.length === 1) return 'zh-Latn';
  return undefined;
}

/** A place or organisation of the document's metadata. */
export interface Seed {
  kind: 'place' | 'org';
  name: string;
  variants: string[];
  /** Where it was found ("the title", "the PLACE field", "the affiliation of Andropov"). */
  evidence: string;
}

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
const ORG_HEAD = '(?:Ministry|Committee|Commission|Council|Party|Department|Agency|Bureau|Office|Service|Front|Union)';

/**
 * Places and organisations the header names: the place at the end of the title ("… on May 25,
 * 1987 in the MfS in Berlin") or before its date ("Hotel Crillon, Paris, August 6, 1919"), the
 * last part of a PLACE field, the participants' affiliations (an acronym or a name: "KGB", the
 * "MfS" of "GDR’s MfS"), and an organisation of the title with its short form in parentheses.
 */
export function seedsOf(meta: HeaderMeta, front: FrontItem[], persons: Person[]): Seed[] {
  const out: Seed[] = [];
  const add = (s: Seed) => {
    if (!out.some((o) => o.kind === s.kind && fold(o.name) === fold(s.name))) out.push(s);
  };
  const title = (meta.title ?? '').replace(/\s+/g, ' ').trim();
  const placeWord = '\\p{Lu}[\\p{L}-]+';
  // The title of the header and the document's own title lines.
  const titles = [title, ...front.flatMap((f) => (f.type === 'docTitle' ? f.lines.map((l) => plain(l).replace(/\s+/g, ' ').trim()) : []))];
  for (const t of titles) {
    const atEnd = new RegExp(`\\bin (?:the )?(${placeWord}(?: ${placeWord}){0,2})\\.?$`, 'u').exec(t);
    if (atEnd && isPlace(atEnd[1]!)) add({ kind: 'place', name: atEnd[1]!, variants: [], evidence: 'the title' });
    const beforeDate = new RegExp(`, (${placeWord}(?: ${placeWord}){0,2}), ${MONTH} \\d`, 'u').exec(t);
    if (beforeDate && isPlace(beforeDate[1]!)) add({ kind: 'place', name: beforeDate[1]!, variants: [], evidence: 'the title' });
  }
  for (const item of front) {
    if (item.type !== 'p') continue;
    const text = plain(item.children);
    const field = /^\s*(?:PLACE|Place|LOCATION|Location)\s*:\s*(.+?)\s*\.?$/.exec(text);
    if (!field) continue;
    const last = field[1]!.split(/\s*,\s*/).pop()!;
    if (new RegExp(`^${placeWord}(?: ${placeWord}){0,3}$`, 'u').test(last) && isPlace(last)) add({ kind: 'place', name: last, variants: [], evidence: 'the PLACE field' });
  }
  for (const m of title.matchAll(new RegExp(`\\b(${ORG_HEAD}(?: (?:for|of|of the|on) ${placeWord}(?: ${placeWord}){0,3})?) \\((${placeWord})\\)`, 'gu'))) {
    add({ kind: 'org', name: m[1]!, variants: [m[2]!], evidence: 'the title' });
  }
  for (const p of persons) {
    if (!p.affiliation) continue;
    const org = p.affiliation.replace(/^.*[’'ʼ]s\s+/u, '').trim();
    if (/^\p{Lu}[\p{L}]{0,5}\p{Lu}$/u.test(org) || /^\p{Lu}\p{Ll}+(?: (?:of|for|the|\p{Lu}\p{Ll}+))+$/u.test(org)) add({ kind: 'org', name: org, variants: [], evidence: `the affiliation of ${p.name}` });
  }
  return out;
}

/** A place name is not a person's title nor a word of the calendar. */
function isPlace(name: string): boolean {
  const words = name.split(' ');
  return !words.some((w) => isTitle(w) || NOT_NAMES.has(fold(w))) && !/^\p{Lu}+$/u.test(name);
}

/** The words of inlines (brackets' contents too). */
function plain(inlines: Inline[]): string {
  return inlines.map((c) => (c.type === 'text' ? c.value : 'children' in c ? plain(c.children) : '')).join('');
}
