/**
 * RELAX NG patterns and their derivatives, after James Clark's "An algorithm for RELAX NG
 * validation": a document is valid when the pattern left after taking the derivative of the
 * grammar with respect to each of its events (start tag, attribute, end of start tag, text,
 * end tag) is nullable. Patterns are hash-consed (equal patterns are one object), so results
 * can be memoised on the pattern itself: a grammar kept in memory gets faster with use.
 */
import type { Datatype } from './datatypes.js';

export type Kind =
  | 'notAllowed'
  | 'empty'
  | 'text'
  | 'choice'
  | 'interleave'
  | 'group'
  | 'oneOrMore'
  | 'list'
  | 'data'
  | 'value'
  | 'attribute'
  | 'element'
  | 'after';

/** A name class: which names an element or attribute pattern accepts. */
export type NameClass =
  | { kind: 'name'; ns: string; local: string }
  | { kind: 'anyName'; except: NameClass | null }
  | { kind: 'nsName'; ns: string; except: NameClass | null }
  | { kind: 'choice'; a: NameClass; b: NameClass };

export function ncContains(nc: NameClass, ns: string, local: string): boolean {
  switch (nc.kind) {
    case 'name':
      return nc.ns === ns && nc.local === local;
    case 'anyName':
      return !nc.except || !ncContains(nc.except, ns, local);
    case 'nsName':
      return nc.ns === ns && (!nc.except || !ncContains(nc.except, ns, local));
    case 'choice':
      return ncContains(nc.a, ns, local) || ncContains(nc.b, ns, local);
  }
}

let nextId = 1;

function choiceHas(c: Pattern, p: Pattern): boolean {
  for (let x: Pattern = c; ; x = x.b!) {
    if (x.kind !== 'choice') return x === p;
    if (x.a === p) return true;
    if (x.a!.kind === 'choice' && choiceHas(x.a!, p)) return true;
  }
}

export class Pattern {
  readonly id = nextId++;
  nullable = false;
  /** Whether a text derivative depends on the text (data, value, list inside). */
  textSensitive = false;
  a: Pattern | null = null;
  b: Pattern | null = null;
  nc: NameClass | null = null;
  /** Data and value patterns. */
  datatype: Datatype | null = null;
  value: unknown = null;
  /** Data pattern: the excepted pattern. */
  except: Pattern | null = null;
  /** Element: the content, resolved on first use (grammars are recursive through elements). */
  private contentThunk: (() => Pattern) | null = null;
  private contentValue: Pattern | null = null;
  /** Element: a readable name for messages. */
  label = '';

  // Memos.
  startMemo: Map<string, Pattern> | null = null;
  attMemo: Map<string, Pattern> | null = null;
  closeMemo: Pattern | null = null;
  closeRecoverMemo: Pattern | null = null;
  endMemo: Pattern | null = null;
  textMemo: Pattern | null = null;
  textValueMemo: Map<string, Pattern> | null = null;

  constructor(readonly kind: Kind) {}

  get content(): Pattern {
    if (this.contentValue === null) {
      const thunk = this.contentThunk!;
      this.contentThunk = null;
      this.contentValue = thunk();
    }
    return this.contentValue;
  }

  setContent(thunk: () => Pattern): void {
    this.contentThunk = thunk;
  }
}

/** The interning table: one per grammar, so that memos die with the grammar. */
export class Builder {
  /** Interned patterns by kind, then by the ids of their parts (a × 2^26 + b). */
  private tables = new Map<Kind, Map<number, Pattern>>();
  private count = 0;
  readonly notAllowed = new Pattern('notAllowed');
  readonly empty: Pattern;
  readonly text: Pattern;

  constructor() {
    this.empty = new Pattern('empty');
    this.empty.nullable = true;
    this.text = new Pattern('text');
    this.text.nullable = true;
  }

  private intern(kind: Kind, a: Pattern, b: Pattern | null, make: () => Pattern): Pattern {
    let table = this.tables.get(kind);
    if (!table) {
      table = new Map();
      this.tables.set(kind, table);
    }
    const key = a.id * 67108864 + (b ? b.id : 0);
    let p = table.get(key);
    if (!p) {
      p = make();
      table.set(key, p);
      this.count++;
    }
    return p;
  }

  get size(): number {
    return this.count;
  }

  choice(a: Pattern, b: Pattern): Pattern {
    if (a === b) return a;
    if (a.kind === 'notAllowed') return b;
    if (b.kind === 'notAllowed') return a;
    if (a.kind === 'empty' && b.nullable) return b;
    if (b.kind === 'empty' && a.nullable) return a;
    // Small choices are kept flat and ordered by id, so that the same alternatives intern
    // once; a large one only absorbs an alternative it already has.
    if (a.kind === 'choice' || b.kind === 'choice') {
      const items = new Set<Pattern>();
      const add = (p: Pattern): boolean => {
        if (items.size > 16) return false;
        if (p.kind === 'choice') return add(p.a!) && add(p.b!);
        items.add(p);
        return true;
      };
      if (add(a) && add(b)) {
        if (items.size > 1 && items.has(this.empty)) {
          for (const p of items)
            if (p !== this.empty && p.nullable) {
              items.delete(this.empty);
              break;
            }
        }
        const sorted = [...items].sort((x, y) => x.id - y.id);
        let r = sorted[sorted.length - 1]!;
        for (let i = sorted.length - 2; i >= 0; i--) r = this.rawChoice(sorted[i]!, r);
        return r;
      }
      if (a.kind === 'choice' && b.kind !== 'choice' && choiceHas(a, b)) return a;
      if (b.kind === 'choice' && a.kind !== 'choice' && choiceHas(b, a)) return b;
    }
    return a.id < b.id ? this.rawChoice(a, b) : this.rawChoice(b, a);
  }

  /** A choice of many alternatives at once (grammar compilation). */
  choiceAll(list: Pattern[]): Pattern {
    const items = new Set<Pattern>();
    const add = (p: Pattern): void => {
      if (p.kind === 'choice') {
        add(p.a!);
        add(p.b!);
      } else if (p.kind !== 'notAllowed') items.add(p);
    };
    for (const p of list) add(p);
    if (items.size === 0) return this.notAllowed;
    if (items.size > 1 && items.has(this.empty) && [...items].some((p) => p !== this.empty && p.nullable)) items.delete(this.empty);
    const sorted = [...items].sort((x, y) => x.id - y.id);
    let r = sorted[sorted.length - 1]!;
    for (let i = sorted.length - 2; i >= 0; i--) r = this.rawChoice(sorted[i]!, r);
    return r;
  }

  private rawChoice(a: Pattern, b: Pattern): Pattern {
    return this.intern('choice', a, b, () => {
      const p = new Pattern('choice');
      p.a = a;
      p.b = b;
      p.nullable = a.nullable || b.nullable;
      p.textSensitive = a.textSensitive || b.textSensitive;
      return p;
    });
  }

  group(a: Pattern, b: Pattern): Pattern {
    if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return this.notAllowed;
    if (a.kind === 'empty') return b;
    if (b.kind === 'empty') return a;
    return this.intern('group', a, b, () => {
      const p = new Pattern('group');
      p.a = a;
      p.b = b;
      p.nullable = a.nullable && b.nullable;
      p.textSensitive = a.textSensitive || b.textSensitive;
      return p;
    });
  }

  interleave(a: Pattern, b: Pattern): Pattern {
    if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return this.notAllowed;
    if (a.kind === 'empty') return b;
    if (b.kind === 'empty') return a;
    if (a.id > b.id) [a, b] = [b, a];
    return this.intern('interleave', a, b, () => {
      const p = new Pattern('interleave');
      p.a = a;
      p.b = b;
      p.nullable = a.nullable && b.nullable;
      p.textSensitive = a.textSensitive || b.textSensitive;
      return p;
    });
  }

  after(a: Pattern, b: Pattern): Pattern {
    if (a.kind === 'notAllowed' || b.kind === 'notAllowed') return this.notAllowed;
    return this.intern('after', a, b, () => {
      const p = new Pattern('after');
      p.a = a;
      p.b = b;
      p.textSensitive = a.textSensitive;
      return p;
    });
  }

  oneOrMore(a: Pattern): Pattern {
    if (a.kind === 'notAllowed' || a.kind === 'empty') return a;
    if (a.kind === 'oneOrMore') return a;
    return this.intern('oneOrMore', a, null, () => {
      const p = new Pattern('oneOrMore');
      p.a = a;
      p.nullable = a.nullable;
      p.textSensitive = a.textSensitive;
      return p;
    });
  }

  list(a: Pattern): Pattern {
    if (a.kind === 'notAllowed') return a;
    return this.intern('list', a, null, () => {
      const p = new Pattern('list');
      p.a = a;
      p.textSensitive = true;
      return p;
    });
  }

  /** Data, value, attribute and element patterns are not interned: each is its own. */
  data(datatype: Datatype, except: Pattern | null): Pattern {
    const p = new Pattern('data');
    p.datatype = datatype;
    p.except = except && except.kind !== 'notAllowed' ? except : null;
    p.textSensitive = true;
    return p;
  }

  valuePattern(datatype: Datatype, value: unknown): Pattern {
    const p = new Pattern('value');
    p.datatype = datatype;
    p.value = value;
    p.textSensitive = true;
    return p;
  }

  attribute(nc: NameClass, value: Pattern): Pattern {
    if (value.kind === 'notAllowed') return this.notAllowed;
    const p = new Pattern('attribute');
    p.nc = nc;
    p.a = value;
    return p;
  }

  element(nc: NameClass, label: string, content: () => Pattern): Pattern {
    const p = new Pattern('element');
    p.nc = nc;
    p.label = label;
    p.setContent(content);
    return p;
  }

  // ------------------------------------------------------------------ derivatives

  applyAfter(p: Pattern, f: (x: Pattern) => Pattern): Pattern {
    switch (p.kind) {
      case 'after':
        return this.after(p.a!, f(p.b!));
      case 'choice':
        return this.choice(this.applyAfter(p.a!, f), this.applyAfter(p.b!, f));
      default:
        return this.notAllowed;
    }
  }

  /** The derivative for a start tag's name (before its attributes). */
  startTagOpen(p: Pattern, ns: string, local: string, key: string): Pattern {
    const memo = p.startMemo;
    const hit = memo?.get(key);
    if (hit) return hit;
    let r: Pattern;
    switch (p.kind) {
      case 'choice':
        r = this.choice(this.startTagOpen(p.a!, ns, local, key), this.startTagOpen(p.b!, ns, local, key));
        break;
      case 'element':
        r = ncContains(p.nc!, ns, local) ? this.after(p.content, this.empty) : this.notAllowed;
        break;
      case 'interleave': {
        const a = p.a!;
        const b = p.b!;
        r = this.choice(
          this.applyAfter(this.startTagOpen(a, ns, local, key), (x) => this.interleave(x, b)),
          this.applyAfter(this.startTagOpen(b, ns, local, key), (x) => this.interleave(a, x)),
        );
        break;
      }
      case 'oneOrMore': {
        const rest = this.choice(p, this.empty);
        r = this.applyAfter(this.startTagOpen(p.a!, ns, local, key), (x) => this.group(x, rest));
        break;
      }
      case 'group': {
        const b = p.b!;
        const x = this.applyAfter(this.startTagOpen(p.a!, ns, local, key), (y) => this.group(y, b));
        r = p.a!.nullable ? this.choice(x, this.startTagOpen(b, ns, local, key)) : x;
        break;
      }
      case 'after': {
        const b = p.b!;
        r = this.applyAfter(this.startTagOpen(p.a!, ns, local, key), (x) => this.after(x, b));
        break;
      }
      default:
        r = this.notAllowed;
    }
    (p.startMemo ??= new Map()).set(key, r);
    return r;
  }

  /**
   * Recovery for a start tag that is not allowed yet: as startTagOpen, but what a group
   * requires before the element may be skipped (jing's "not allowed yet; missing required
   * element").
   */
  startTagRecover(p: Pattern, ns: string, local: string, key: string): Pattern {
    switch (p.kind) {
      case 'choice':
        return this.choice(this.startTagRecover(p.a!, ns, local, key), this.startTagRecover(p.b!, ns, local, key));
      case 'element':
        return ncContains(p.nc!, ns, local) ? this.after(p.content, this.empty) : this.notAllowed;
      case 'interleave': {
        const a = p.a!;
        const b = p.b!;
        return this.choice(
          this.choice(
            this.applyAfter(this.startTagRecover(a, ns, local, key), (x) => this.interleave(x, b)),
            this.applyAfter(this.startTagRecover(b, ns, local, key), (x) => this.interleave(a, x)),
          ),
          this.choice(this.startTagRecover(a, ns, local, key), this.startTagRecover(b, ns, local, key)),
        );
      }
      case 'oneOrMore': {
        const rest = this.choice(p, this.empty);
        return this.applyAfter(this.startTagRecover(p.a!, ns, local, key), (x) => this.group(x, rest));
      }
      case 'group': {
        const b = p.b!;
        return this.choice(this.applyAfter(this.startTagRecover(p.a!, ns, local, key), (y) => this.group(y, b)), this.startTagRecover(b, ns, local, key));
      }
      case 'after': {
        const b = p.b!;
        return this.applyAfter(this.startTagRecover(p.a!, ns, local, key), (x) => this.after(x, b));
      }
      default:
        return this.notAllowed;
    }
  }

  /** The derivative for an attribute's name: After(value pattern, the rest). */
  startAttribute(p: Pattern, ns: string, local: string, key: string): Pattern {
    const hit = p.attMemo?.get(key);
    if (hit) return hit;
    let r: Pattern;
    switch (p.kind) {
      case 'after': {
        const b = p.b!;
        r = this.applyAfter(this.startAttribute(p.a!, ns, local, key), (x) => this.after(x, b));
        break;
      }
      case 'choice':
        r = this.choice(this.startAttribute(p.a!, ns, local, key), this.startAttribute(p.b!, ns, local, key));
        break;
      case 'group': {
        const a = p.a!;
        const b = p.b!;
        r = this.choice(
          this.applyAfter(this.startAttribute(a, ns, local, key), (x) => this.group(x, b)),
          this.applyAfter(this.startAttribute(b, ns, local, key), (x) => this.group(a, x)),
        );
        break;
      }
      case 'interleave': {
        const a = p.a!;
        const b = p.b!;
        r = this.choice(
          this.applyAfter(this.startAttribute(a, ns, local, key), (x) => this.interleave(x, b)),
          this.applyAfter(this.startAttribute(b, ns, local, key), (x) => this.interleave(a, x)),
        );
        break;
      }
      case 'oneOrMore': {
        const rest = this.choice(p, this.empty);
        r = this.applyAfter(this.startAttribute(p.a!, ns, local, key), (x) => this.group(x, rest));
        break;
      }
      case 'attribute':
        r = ncContains(p.nc!, ns, local) ? this.after(p.a!, this.empty) : this.notAllowed;
        break;
      default:
        r = this.notAllowed;
    }
    (p.attMemo ??= new Map()).set(key, r);
    return r;
  }

  /** After startAttribute: keep the alternatives whose value pattern matches the value. */
  attributeValue(p: Pattern, value: string, match: (valuePattern: Pattern, value: string) => boolean): Pattern {
    switch (p.kind) {
      case 'after':
        return match(p.a!, value) ? p.b! : this.notAllowed;
      case 'choice':
        return this.choice(this.attributeValue(p.a!, value, match), this.attributeValue(p.b!, value, match));
      default:
        return this.notAllowed;
    }
  }

  /** The end of a start tag: attributes not given are no longer possible. */
  startTagClose(p: Pattern): Pattern {
    if (p.closeMemo) return p.closeMemo;
    let r: Pattern;
    switch (p.kind) {
      case 'after':
        r = this.after(this.startTagClose(p.a!), p.b!);
        break;
      case 'choice':
        r = this.choice(this.startTagClose(p.a!), this.startTagClose(p.b!));
        break;
      case 'group':
        r = this.group(this.startTagClose(p.a!), this.startTagClose(p.b!));
        break;
      case 'interleave':
        r = this.interleave(this.startTagClose(p.a!), this.startTagClose(p.b!));
        break;
      case 'oneOrMore':
        r = this.oneOrMore(this.startTagClose(p.a!));
        break;
      case 'attribute':
        r = this.notAllowed;
        break;
      default:
        r = p;
    }
    p.closeMemo = r;
    return r;
  }

  /** Recovery for missing required attributes: take them as given. */
  startTagCloseRecover(p: Pattern): Pattern {
    if (p.closeRecoverMemo) return p.closeRecoverMemo;
    let r: Pattern;
    switch (p.kind) {
      case 'after':
        r = this.after(this.startTagCloseRecover(p.a!), p.b!);
        break;
      case 'choice':
        r = this.choice(this.startTagCloseRecover(p.a!), this.startTagCloseRecover(p.b!));
        break;
      case 'group':
        r = this.group(this.startTagCloseRecover(p.a!), this.startTagCloseRecover(p.b!));
        break;
      case 'interleave':
        r = this.interleave(this.startTagCloseRecover(p.a!), this.startTagCloseRecover(p.b!));
        break;
      case 'oneOrMore':
        r = this.oneOrMore(this.startTagCloseRecover(p.a!));
        break;
      case 'attribute':
        r = this.empty;
        break;
      default:
        r = p;
    }
    p.closeRecoverMemo = r;
    return r;
  }

  /** The derivative for character data. */
  textDeriv(p: Pattern, s: string, match: (p: Pattern, s: string) => boolean): Pattern {
    if (!p.textSensitive) {
      if (p.textMemo) return p.textMemo;
    } else {
      const hit = p.textValueMemo?.get(s);
      if (hit) return hit;
    }
    let r: Pattern;
    switch (p.kind) {
      case 'choice':
        r = this.choice(this.textDeriv(p.a!, s, match), this.textDeriv(p.b!, s, match));
        break;
      case 'interleave':
        r = this.choice(this.interleave(this.textDeriv(p.a!, s, match), p.b!), this.interleave(p.a!, this.textDeriv(p.b!, s, match)));
        break;
      case 'group': {
        const x = this.group(this.textDeriv(p.a!, s, match), p.b!);
        r = p.a!.nullable ? this.choice(x, this.textDeriv(p.b!, s, match)) : x;
        break;
      }
      case 'after':
        r = this.after(this.textDeriv(p.a!, s, match), p.b!);
        break;
      case 'oneOrMore':
        r = this.group(this.textDeriv(p.a!, s, match), this.choice(p, this.empty));
        break;
      case 'text':
        r = p;
        break;
      case 'data':
      case 'value':
      case 'list':
        r = match(p, s) ? this.empty : this.notAllowed;
        break;
      default:
        r = this.notAllowed;
    }
    if (!p.textSensitive) p.textMemo = r;
    else if (s.length <= 64) {
      const memo = (p.textValueMemo ??= new Map());
      if (memo.size > 256) memo.clear();
      memo.set(s, r);
    }
    return r;
  }

  /** The derivative for an end tag. */
  endTag(p: Pattern): Pattern {
    if (p.endMemo) return p.endMemo;
    let r: Pattern;
    switch (p.kind) {
      case 'choice':
        r = this.choice(this.endTag(p.a!), this.endTag(p.b!));
        break;
      case 'after':
        r = p.a!.nullable ? p.b! : this.notAllowed;
        break;
      default:
        r = this.notAllowed;
    }
    p.endMemo = r;
    return r;
  }

  /** Recovery for an incomplete element: end it anyway. */
  endTagRecover(p: Pattern): Pattern {
    switch (p.kind) {
      case 'choice':
        return this.choice(this.endTagRecover(p.a!), this.endTagRecover(p.b!));
      case 'after':
        return p.b!;
      default:
        return this.notAllowed;
    }
  }
}
