import type { Inline, Person } from '../model/types.js';
import { mapText } from '../model/walk.js';
import { findDates } from './dates.js';
import { fold, isTitle } from './names.js';

/** Common words that are also surnames: a lone surname is only tagged after a title. */
const COMMON = new Set(['white', 'lord', 'grant', 'young', 'long', 'black', 'brown', 'green', 'king', 'little', 'rich', 'park', 'may', 'will', 'bliss', 'hope', 'law', 'love', 'day', 'hill', 'wood', 'field', 'rose', 'gay', 'best', 'hall', 'page', 'post', 'power', 'price', 'read', 'stone', 'ward', 'west', 'north', 'south', 'east', 'chief', 'head', 'general', 'major', 'kim', 'lee', 'li', 'wang', 'ho', 'pak', 'ri', 'van', 'von', 'de']);

interface NamePattern {
  re: RegExp;
  ref: Map<string, string>;
}

/**
 * Build one matcher for the persons' names: full names anywhere, lone surnames
 * only when they are distinctive (not shared by two persons, not common words)
 * or follow a title.
 */
export function namePattern(persons: Person[], refOf: (p: Person) => string): NamePattern | null {
  const ref = new Map<string, string>();
  const surnameOwners = new Map<string, Set<string>>();
  const forms: string[] = [];
  for (const p of persons) {
    const variants = new Set([p.name, ...p.variants]);
    for (const v of variants) {
      const words = v.split(/\s+/).filter((w) => !isTitle(w));
      if (!words.length) continue;
      const full = words.join(' ');
      if (words.length > 1 && full.length >= 5) {
        forms.push(full);
        ref.set(fold(full), refOf(p));
      }
      const last = words[words.length - 1]!;
      if (last.length >= 3 && /^\p{Lu}/u.test(last)) {
        const key = fold(last);
        if (!surnameOwners.has(key)) surnameOwners.set(key, new Set());
        surnameOwners.get(key)!.add(refOf(p));
        // A name printed in capitals in a list ("MITTIG") is matched in its usual form too.
        forms.push(last, last[0] + last.slice(1).toLowerCase());
      }
    }
  }
  for (const [key, owners] of surnameOwners) if (owners.size === 1) ref.set(key, [...owners][0]!);
  // A "name" of hundreds of characters is no name (and would make the pattern too large).
  const unique = [...new Set(forms)].filter((f) => f.length <= 200 && ref.has(fold(f))).sort((a, b) => b.length - a.length);
  if (!unique.length) return null;
  const escaped = unique.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return { re: new RegExp(`(?<![\\p{L}\\p{N}\\p{M}’'-])(${escaped.join('|')})(?![\\p{L}\\p{N}\\p{M}]|’s?\\p{L})`, 'gu'), ref };
}

/** Wrap names of persons in `persName`; a lone common-word surname needs a title before it. */
export function tagNames(inlines: Inline[], pattern: NamePattern | null): Inline[] {
  if (!pattern) return inlines;
  const tagged = mapText(inlines, (node) => {
    const out: Inline[] = [];
    let last = 0;
    for (const m of node.value.matchAll(pattern.re)) {
      const name = m[1]!;
      const key = fold(name);
      const ref = pattern.ref.get(key);
      if (!ref) continue;
      const before = node.value.slice(0, m.index);
      const titled = /(?:^|\s)([\p{Lu}][\p{L}.]*)\s+$/u.exec(before);
      if (!name.includes(' ') && COMMON.has(key) && !(titled && isTitle(titled[1]!))) continue;
      if (m.index > last) out.push({ type: 'text', value: node.value.slice(last, m.index), offset: (node.offset ?? 0) + last });
      out.push({ type: 'persName', ref, children: [{ type: 'text', value: name, offset: (node.offset ?? 0) + m.index }] });
      last = m.index + name.length;
    }
    if (last === 0) return [node];
    if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last), offset: (node.offset ?? 0) + last });
    return out;
  }, new Set(['sic']));
  // "[Erich Mielke]": a supplied name is wrapped whole.
  return tagged.map((n) => {
    if (n.type === 'supplied' && n.children.length === 1 && n.children[0]!.type === 'persName') {
      const inner = n.children[0];
      return { type: 'persName', ref: inner.ref, children: [{ ...n, children: inner.children }] };
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
