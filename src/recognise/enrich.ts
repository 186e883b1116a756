import type { Inline } from '../model/types.js';
import { mapText } from '../model/walk.js';
import { findDates } from './dates.js';
import { fold, isOffice, isTitle } from './names.js';

/** Common words that are also surnames: a lone surname is only tagged after a title. */
const COMMON = new Set(['white', 'lord', 'grant', 'young', 'long', 'black', 'brown', 'green', 'king', 'little', 'rich', 'park', 'may', 'will', 'bliss', 'hope', 'law', 'love', 'day', 'hill', 'wood', 'field', 'rose', 'gay', 'best', 'hall', 'page', 'post', 'power', 'price', 'read', 'stone', 'ward', 'west', 'north', 'south', 'east', 'chief', 'head', 'general', 'major', 'kim', 'lee', 'li', 'wang', 'ho', 'pak', 'ri', 'van', 'von', 'de']);

const PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'der', 'den', 'van', 'von', 'zu', 'la', 'le', 'du', 'dos', 'das', 'bin', 'ibn', 'al', 'el', 'y', 'e', 'ten', 'ter', 'des', 'do', 'vom', 'zur', 'op']);

/** Words after a surname that are not part of it ("Kennedy Jr."). */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

export type NameKind = 'persName' | 'placeName' | 'orgName';

/** Something the text may name: a person, place or organisation of the document or the register. */
export interface Nameable {
  kind: NameKind;
  ref: string;
  /** Its names and variants as the register or the document gives them (titles are left out of a person's). */
  names: string[];
  /** Family name first (xml:lang ko, zh, vi, hu): a lone family name is the first word, not the last. */
  familyFirst?: boolean;
}

interface Form {
  kind: NameKind;
  ref: string;
  /** The folded words of the form. */
  words: string[];
  /** Whether each word must be capitalised in the text (a name's words are; "of", "the" of an organisation's are not). */
  caps: boolean[];
  /** An acronym ("KGB", "MfS"): the text must have it in this case. */
  exact?: string[];
  /** A person's lone surname (tagged only when distinctive, and a common word only after a title). */
  lone: boolean;
}

/** Names looked up by their first word: the text is read once, word by word, whatever the number of names. */
export interface NameIndex {
  byFirst: Map<string, Form[]>;
  /** German text: a genitive -s ("Honeckers") is the name too. */
  genitive: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:[’'ʼ‐-][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * The forms by which persons, places and organisations are found: a person's names in full
 * and its surname alone (when no other person has it), a place's or organisation's names
 * as given. A form two entries share names neither.
 */
export function nameIndex(entries: Nameable[], options: { genitive?: boolean } = {}): NameIndex | null {
  const owners = new Map<string, Set<string>>();
  const forms = new Map<string, Form>();
  const put = (f: Form): void => {
    const key = `${f.lone ? 'lone' : 'full'}:${f.words.join(' ')}`;
    if (!owners.has(key)) owners.set(key, new Set());
    owners.get(key)!.add(f.ref);
    if (!forms.has(key)) forms.set(key, f);
  };
  for (const e of entries) {
    for (const name of new Set(e.names)) {
      if (name.length > 200) continue;
      let words = name.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
      // Titles before the name are no part of it; a name that is a title word ("Dr. Lord") keeps its last word.
      if (e.kind === 'persName') while (words.length > 1 && isTitle(words[0]!)) words = words.slice(1);
      if (e.kind === 'persName' && words.length > 1) words = words.filter((w, k) => k === words.length - 1 || !isTitle(w));
      // "Buxton from Budapest" (a list entry read as a name): a lower-case word that is no particle makes no name to look for.
      if (e.kind === 'persName' && words.some((w) => !/^\p{Lu}/u.test(w) && !PARTICLES.has(w))) continue;
      if (!words.length) continue;
      const folded = words.map(fold);
      if (folded.some((w) => !w)) continue;
      const caps = words.map((w) => /^\p{Lu}/u.test(w));
      const acronym = (w: string) => w.length >= 2 && /^\p{Lu}[\p{L}]*\p{Lu}$/u.test(w);
      const exact = e.kind !== 'persName' && words.some(acronym) ? words.map((w) => (acronym(w) ? w : '')) : undefined;
      if (e.kind !== 'persName' || (words.length > 1 && name.length >= 5)) put({ kind: e.kind, ref: e.ref, words: folded, caps, ...(exact ? { exact } : {}), lone: false });
      if (e.kind !== 'persName') continue;
      // The surname alone: the family name of a name written family name first, else the last word but a suffix.
      let k = e.familyFirst ? 0 : words.length - 1;
      while (!e.familyFirst && k > 0 && SUFFIXES.has(folded[k]!)) k--;
      const last = words[k]!;
      if (last.length >= 3 && /^\p{Lu}/u.test(last) && (words.length > 1 || !isOffice(last))) put({ kind: e.kind, ref: e.ref, words: [folded[k]!], caps: [true], lone: true });
    }
  }
  const byFirst = new Map<string, Form[]>();
  for (const [key, f] of forms) {
    if (owners.get(key)!.size > 1) continue;
    const list = byFirst.get(f.words[0]!) ?? [];
    list.push(f);
    byFirst.set(f.words[0]!, list);
  }
  if (!byFirst.size) return null;
  // Longest first: "Central Committee of the SED" before "Central Committee".
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length || Number(a.lone) - Number(b.lone));
  return { byFirst, genitive: options.genitive ?? false };
}

interface Token {
  value: string;
  start: number;
  end: number;
}

/** The end of the name in a word: the word, the word before its possessive ’s, or (German) before its genitive -s. */
function matchEnd(token: Token, word: string, caps: boolean, exact: string, genitive: boolean): number | null {
  if (caps && !/^\p{Lu}/u.test(token.value)) return null;
  if (exact) return token.value === exact ? token.end : /^(.*)[’'ʼ]s$/u.exec(token.value)?.[1] === exact ? token.end - 2 : null;
  const f = fold(token.value);
  if (f === word) return token.end;
  if (/[’'ʼ]s$/u.test(token.value) && fold(token.value.slice(0, -2)) === word) return token.end - 2;
  if (genitive && /s$/.test(token.value) && fold(token.value.slice(0, -1)) === word) return token.end;
  return null;
}

/**
 * Wrap the names the index knows in persName, placeName and orgName: one pass over the words
 * of each text node; at each word the forms that start with it are tried, longest first. A
 * title before a name stays outside it ("Comrade <persName>Chernenko</persName>"), and so does
 * a possessive ’s ("<persName>Andropov</persName>’s"); a lone surname that is a common word
 * needs a title before it.
 */
export function tagNames(inlines: Inline[], index: NameIndex | null): Inline[] {
  if (!index) return inlines;
  const tagged = mapText(inlines, (node) => {
    const value = node.value;
    const tokens: Token[] = [];
    for (const m of value.matchAll(WORD)) tokens.push({ value: m[0], start: m.index, end: m.index + m[0].length });
    const out: Inline[] = [];
    let last = 0;
    const base = node.offset ?? 0;
    for (let i = 0; i < tokens.length; i++) {
      const candidates = index.byFirst.get(fold(tokens[i]!.value)) ?? (/[’'ʼ]s$/u.test(tokens[i]!.value) ? index.byFirst.get(fold(tokens[i]!.value.slice(0, -2))) : undefined) ?? (index.genitive && /s$/.test(tokens[i]!.value) ? index.byFirst.get(fold(tokens[i]!.value.slice(0, -1))) : undefined);
      if (!candidates) continue;
      let hit: { form: Form; end: number; next: number } | null = null;
      for (const form of candidates) {
        const n = form.words.length;
        if (i + n > tokens.length) continue;
        let ok = true;
        for (let k = 0; k < n - 1 && ok; k++) {
          const t = tokens[i + k]!;
          ok = fold(t.value) === form.words[k] && (!form.caps[k] || /^\p{Lu}/u.test(t.value)) && (!form.exact?.[k] || t.value === form.exact[k]) && /^\.?\s+$/.test(value.slice(t.end, tokens[i + k + 1]!.start));
        }
        if (!ok) continue;
        const end = matchEnd(tokens[i + n - 1]!, form.words[n - 1]!, form.caps[n - 1]!, form.exact?.[n - 1] ?? '', index.genitive);
        if (end === null) continue;
        if (form.lone) {
          const prev = tokens[i - 1];
          const titled = prev !== undefined && /^\s+$/.test(value.slice(prev.end, tokens[i]!.start).replace(/^\./, '')) && isTitle(prev.value) && (/^\p{Lu}/u.test(prev.value) || /^comrades?$/i.test(prev.value));
          if (COMMON.has(form.words[0]!) && !titled) continue;
        }
        hit = { form, end, next: i + n };
        break;
      }
      if (!hit) continue;
      const start = tokens[i]!.start;
      if (start > last) out.push({ type: 'text', value: value.slice(last, start), offset: base + last });
      out.push({ type: hit.form.kind, ref: hit.form.ref, children: [{ type: 'text', value: value.slice(start, hit.end), offset: base + start }] });
      last = hit.end;
      i = hit.next - 1;
    }
    if (last === 0) return [node];
    if (last < value.length) out.push({ type: 'text', value: value.slice(last), offset: base + last });
    return out;
  }, new Set(['sic']));
  // "[Erich Mielke]": a supplied name is wrapped whole.
  return tagged.map((n) => {
    if (n.type === 'supplied' && n.children.length === 1 && (n.children[0]!.type === 'persName' || n.children[0]!.type === 'placeName' || n.children[0]!.type === 'orgName')) {
      const inner = n.children[0];
      return { type: inner.type, ref: inner.ref, children: [{ ...n, children: inner.children }] };
    }
    return n;
  });
}

/** Wrap dates in `date[@when]` (or `@from`/`@to` for ranges). */
export function tagDates(inlines: Inline[]): Inline[] {
  return mapText(inlines, (node) => {
    const found = findDates(node.value);
    if (!found.length) return [node];
    const out: Inline[] = [];
    let last = 0;
    const base = node.offset ?? 0;
    for (const d of found) {
      if (d.index > last) out.push({ type: 'text', value: node.value.slice(last, d.index), offset: base + last });
      const value = node.value.slice(d.index, d.index + d.length);
      out.push({ type: 'date', ...(d.when ? { when: d.when } : { from: d.from!, to: d.to! }), children: [{ type: 'text', value, offset: base + d.index }] });
      last = d.index + d.length;
    }
    if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last), offset: base + last });
    return out;
  }, new Set(['sic']));
}
