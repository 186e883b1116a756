import type { Person } from '../model/types.js';
import { displayName, fold, isHonorific, parseName, slug } from './names.js';

export interface PersonFacts {
  titles?: string[];
  affiliation?: string;
  role?: 'interpreter';
  participant?: boolean;
}

/** The persons of one document, matched by the words of their names. */
export class PersonIndex {
  readonly persons: Person[] = [];
  private readonly tokens = new Map<string, Set<string>>();

  /** Persons whose name contains every word of `name` (titles ignored). */
  match(name: string): Person[] {
    const parsed = parseName(name, 6);
    const words = parsed ? parsed.tokens : name.split(/\s+/).map(fold).filter(Boolean);
    if (!words.length) return [];
    return this.persons.filter((p) => {
      const have = this.tokens.get(p.id)!;
      return words.every((w) => have.has(w));
    });
  }

  /**
   * Persons named by their office or role: "INTERPRETER" (a listed interpreter), "The
   * Ambassador" (a participant whose role, before its "to"/"of"/"for", holds the word), "The
   * Secretary". Only for labels that are titles and roles alone.
   */
  matchRole(label: string): Person[] {
    const words = label.split(/\s+/).map(fold).filter((w) => w && w !== 'the');
    if (!words.length || parseName(label, 6)) return [];
    if (words.length === 1 && (words[0] === 'interpreter' || words[0] === 'translator')) return this.persons.filter((p) => p.role === 'interpreter');
    return this.persons.filter((p) => {
      if (!p.roleName) return false;
      const head = p.roleName.split(/\s+(?:to|of|for|at|in)\s+/i)[0]!.split(/\s+/).map(fold);
      return words.every((w) => head.includes(w));
    });
  }

  /** Add a person, or merge the facts into the one already known under that name. */
  add(name: string, facts: PersonFacts = {}): Person {
    const parsed = parseName(name, 6);
    const plain = parsed ? parsed.name : name.trim();
    const titles = facts.titles ?? parsed?.titles ?? [];
    const found = this.match(plain);
    let person = found.length === 1 ? found[0] : undefined;
    if (!person) {
      // A fuller name for someone already known ("Erich Mielke" after "Mielke").
      const words = plain.split(/\s+/).map(fold);
      const narrower = this.persons.filter((p) => [...this.tokens.get(p.id)!].every((w) => words.includes(w)));
      if (narrower.length === 1) {
        person = narrower[0]!;
        person.name = displayName(plain);
      }
    }
    if (!person) {
      person = { id: this.uniqueId(plain), name: displayName(plain), variants: [], participant: false };
      this.persons.push(person);
      this.tokens.set(person.id, new Set());
    }
    const have = this.tokens.get(person.id)!;
    for (const w of plain.split(/\s+/)) {
      const f = fold(w);
      if (f) have.add(f);
    }
    if (!person.variants.includes(plain)) person.variants.push(plain);
    const role = titles.filter((t) => !isHonorific(t)).join(' ');
    if (role && !person.roleName) person.roleName = role;
    if (facts.affiliation && !person.affiliation) person.affiliation = facts.affiliation;
    if (facts.role) person.role = facts.role;
    if (facts.participant) person.participant = true;
    return person;
  }

  private uniqueId(name: string): string {
    const base = `per-${slug(name) || 'unnamed'}`;
    let id = base;
    for (let k = 2; this.persons.some((p) => p.id === id); k++) id = `${base}-${k}`;
    return id;
  }

  /** Re-key a person (to the id the edition's register gives it). */
  rename(person: Person, id: string): void {
    if (person.id === id) return;
    const t = this.tokens.get(person.id)!;
    this.tokens.delete(person.id);
    person.id = id;
    this.tokens.set(id, t);
  }

}

/** Names of persons in a title: "Comrade Kim Il Sung", "between Erich Honecker and Kim Il Sung", "(Feis)". */
export function namesInTitle(title: string): string[] {
  const names: string[] = [];
  const titled = /\b(?:Comrades?|Mr\.|Mrs\.|Dr\.|Minister|General|Chairman|Secretary|President|Premier|Ambassador|Marshal|Colonel|Admiral)\s+((?:(?:Prof\.|Dr\.|Minister|General|Army|Colonel|Major|Lieutenant)\s+)*(?:[\p{Lu}][\p{L}’'-]+|\p{Lu}\.)(?:\s+(?:[\p{Lu}][\p{L}’'-]+|\p{Lu}\.)){0,3})/gu;
  for (const m of title.matchAll(titled)) {
    const p = parseName(m[0]);
    if (p && !/^(of|the)$/i.test(p.name)) names.push(m[0]);
  }
  const between = /\b[Bb]etween\s+([\p{Lu}][\p{L}’'.-]+(?:\s+[\p{Lu}][\p{L}’'.-]+){0,3})\s+and\s+([\p{Lu}][\p{L}’'.-]+(?:\s+[\p{Lu}][\p{L}’'.-]+){0,3})/gu;
  for (const m of title.matchAll(between)) for (const n of [m[1]!, m[2]!]) if (parseName(n)) names.push(n);
  const paren = /\(([\p{Lu}][\p{L}’'-]+(?:[- ][\p{Lu}][\p{L}’'-]+)?)\)/gu;
  for (const m of title.matchAll(paren)) if (parseName(m[1]!)) names.push(m[1]!);
  return names;
}
