/**
 * Validate one document against a compiled grammar, streaming: each parser event takes the
 * derivative of one pattern that stands for the whole open-element stack. On an error the
 * validator says what it found and what was expected, in jing's words, at the place jing
 * names (the end of the start tag, the end tag, the end of the run of text), and recovers
 * as jing does, so that one fault gives one message and the next fault is still found:
 *
 * - an element not allowed yet (something required comes first): the required part is skipped;
 * - an element not allowed here: it is validated against its own definitions, and its parent
 *   goes on as if it were not there;
 * - an element the grammar does not know: its content is skipped;
 * - an attribute not allowed, a value not valid, an attribute missing, text not allowed, an
 *   element incomplete: reported, and validation goes on as if all were well.
 */
import type { Builder, NameClass, Pattern } from './patterns.js';
import type { CompiledGrammar } from './schema.js';
import { XML_NS, type Attribute, type NamespaceScope, type ParseHandler, type StartTag } from '../xml-parse.js';

export interface RawIssue {
  /** Offset in the document text where the message belongs. */
  offset: number;
  message: string;
  ruleId: string;
}

interface Frame {
  tag: StartTag;
  /** No error is reported inside (the content of an element the grammar does not know). */
  ignore: boolean;
  /** The message of the unknown element this frame is inside (jing repeats it at known elements' end tags). */
  unknownMessage: string | null;
  known: boolean;
  hadChild: boolean;
  /** A fault in the content was reported: the end tag does not report the element incomplete. */
  faulted?: boolean;
  text: string;
  /** Offset of the first non-white-space character of the pending text, or -1. */
  textAt: number;
}

function isWs(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

export class DocumentValidator implements ParseHandler {
  private readonly b: Builder;
  private state: Pattern;
  private readonly stack: Frame[] = [];
  readonly issues: RawIssue[] = [];
  private readonly ids = new Map<string, number>();
  private readonly idrefs: { value: string; offset: number }[] = [];
  /** A suffix for messages about included content (" (in the text included from x.xml)"). */
  context = '';
  private readonly knownNames: Set<string>;

  constructor(
    private readonly grammar: CompiledGrammar,
    private readonly source: string,
  ) {
    this.b = grammar.builder;
    this.state = grammar.start;
    this.knownNames = knownNamesOf(grammar);
  }

  private report(offset: number, message: string, ruleId: string): void {
    this.issues.push({ offset, message: message + this.context, ruleId });
  }

  private get top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  // ---------------------------------------------------------------- events

  startElement(tag: StartTag): void {
    const parent = this.top;
    if (parent) {
      this.flushText(parent, false);
      parent.hadChild = true;
    }
    const key = tag.ns + '\u0000' + tag.local;
    const known = this.knownNames.has(key) || (parent?.ignore === true && this.hasWildcard(tag));
    if (parent?.ignore) {
      this.stack.push({ tag, ignore: true, unknownMessage: parent.unknownMessage, known, hadChild: false, text: '', textAt: -1 });
      return;
    }
    const b = this.b;
    const before = this.state;
    let d = b.startTagOpen(before, tag.ns, tag.local, key);
    if (d.kind === 'notAllowed') {
      const recovered = b.startTagRecover(before, tag.ns, tag.local, key);
      if (recovered.kind !== 'notAllowed') {
        const missing = this.requiredElements(before);
        this.report(
          tag.end,
          missing.length > 0
            ? `element "${tag.qname}" not allowed yet; missing required element${missing.length > 1 ? 's' : ''} ${this.formatNames(missing, tag.scope, 'and', true)}`
            : `element "${tag.qname}" not allowed yet${this.expected(before, tag.scope)}`,
          'unexpected-element',
        );
        d = recovered;
      } else {
        const definitions = this.grammar.elements.filter((e) => ncContainsName(e.nc!, tag.ns, tag.local));
        if (definitions.length === 0) {
          const message = `element "${tag.qname}" not allowed anywhere${this.expected(before, tag.scope)}`;
          this.report(tag.end, message, 'unknown-element');
          this.stack.push({ tag, ignore: true, unknownMessage: message, known: false, hadChild: false, text: '', textAt: -1 });
          return;
        }
        this.report(tag.end, `element "${tag.qname}" not allowed here${this.expected(before, tag.scope)}`, 'unexpected-element');
        d = b.after(b.choiceAll(definitions.map((e) => e.content)), before);
      }
    }
    for (const att of tag.attributes) d = this.attribute(d, att, tag);
    let closed = b.startTagClose(d);
    if (closed.kind === 'notAllowed') {
      const missing = this.requiredAttributes(d);
      this.report(
        tag.end,
        missing.length > 0
          ? `element "${tag.qname}" missing required attribute${missing.length > 1 ? 's' : ''} ${this.formatNames(missing, tag.scope, 'and', false)}`
          : `element "${tag.qname}" missing a required attribute`,
        'missing-attribute',
      );
      closed = b.startTagCloseRecover(d);
      if (closed.kind === 'notAllowed') closed = b.after(b.text, before);
    }
    this.state = closed;
    this.stack.push({ tag, ignore: false, unknownMessage: null, known, hadChild: false, text: '', textAt: -1 });
  }

  private attribute(d: Pattern, att: Attribute, tag: StartTag): Pattern {
    const b = this.b;
    const started = b.startAttribute(d, att.ns, att.local, att.ns + '\u0000' + att.local);
    if (started.kind === 'notAllowed') {
      const possible = this.attributeNames(d);
      const listed = possible.length > 0 ? this.formatNames(possible, tag.scope, 'or', false) : '';
      this.report(
        tag.end,
        listed !== '' && !listed.startsWith(' (with')
          ? `attribute "${att.qname}" not allowed here; expected attribute ${listed}`
          : `found attribute "${att.qname}", but no attributes allowed here`,
        'unexpected-attribute',
      );
      return d;
    }
    let idType: string | null = null;
    const after = b.attributeValue(started, att.value, (vp, v) => {
      const ok = this.valueMatch(vp, v);
      if (ok && vp.kind === 'data' && vp.datatype!.idType) idType = vp.datatype!.idType;
      return ok;
    });
    if (after.kind === 'notAllowed') {
      this.report(tag.end, `value of attribute "${att.qname}" is invalid; ${this.describeFailure(started, att.value)}`, 'invalid-value');
      return b.attributeValue(started, att.value, () => true);
    }
    if (idType === 'ID') this.id(att.value.trim(), tag.end);
    else if (idType === 'IDREF') this.idrefs.push({ value: att.value.trim(), offset: tag.end });
    else if (idType === 'IDREFS') for (const v of att.value.trim().split(/[ \t\n\r]+/)) if (v) this.idrefs.push({ value: v, offset: tag.end });
    return after;
  }

  private id(value: string, offset: number): void {
    const first = this.ids.get(value);
    if (first !== undefined) this.report(offset, `ID "${value}" has already been defined`, 'duplicate-id');
    else this.ids.set(value, offset);
  }

  text(value: string, start: number, end: number): void {
    const frame = this.top;
    if (!frame || frame.ignore) return;
    if (frame.textAt < 0) {
      const m = /[^ \t\n\r]/.exec(value);
      if (m) frame.textAt = end - start === value.length ? start + m.index : start;
    }
    frame.text += value;
  }

  endElement(tag: StartTag, end: number): void {
    const frame = this.stack.pop()!;
    if (frame.ignore) {
      const parent = this.top;
      // jing repeats an unknown element's message at the end of each known element inside it.
      if (parent?.ignore && frame.known && frame.unknownMessage) this.report(end, frame.unknownMessage, 'unknown-element');
      return;
    }
    const b = this.b;
    this.flushText(frame, true, end);
    let e = b.endTag(this.state);
    if (e.kind === 'notAllowed' && frame.faulted) e = b.endTagRecover(this.state);
    if (e.kind === 'notAllowed') {
      const missing = this.requiredElements(this.state);
      this.report(
        end,
        missing.length > 0
          ? `element "${tag.qname}" incomplete; missing required element${missing.length > 1 ? 's' : ''} ${this.formatNames(missing, tag.scope, 'and', true)}`
          : `element "${tag.qname}" incomplete${this.expected(this.state, tag.scope)}`,
        'incomplete-element',
      );
      e = b.endTagRecover(this.state);
    }
    this.state = e;
    if (this.stack.length === 0) this.finish();
  }

  private flushText(frame: Frame, atEnd: boolean, end = 0): void {
    const s = frame.text;
    const b = this.b;
    const match = (p: Pattern, v: string): boolean => this.dataMatch(p, v);
    if (atEnd && !frame.hadChild) {
      // Only text in the element: a datatype sees all of it, white space included.
      const t = b.textDeriv(this.state, s, match);
      const next = isWs(s) ? b.choice(this.state, t) : t;
      if (next.kind === 'notAllowed') {
        if (this.expectsData(this.state)) {
          this.report(end, `character content of element "${frame.tag.qname}" invalid; ${this.describeFailure(this.state, s, true)}`, 'invalid-value');
          frame.faulted = true;
        } else this.report(this.textRunEnd(frame.textAt), `text not allowed here${this.expected(this.state, frame.tag.scope)}`, 'unexpected-text');
      } else this.state = next;
    } else if (frame.textAt >= 0 && !isWs(s)) {
      const t = b.textDeriv(this.state, s, match);
      if (t.kind === 'notAllowed') this.report(this.textRunEnd(frame.textAt), `text not allowed here${this.expected(this.state, frame.tag.scope)}`, 'unexpected-text');
      else this.state = t;
    }
    frame.text = '';
    frame.textAt = -1;
  }

  /** Where Xerces (jing's parser) ends the run of characters that holds the first non-space one. */
  private textRunEnd(at: number): number {
    if (at < 0) return 0;
    const s = this.source;
    if (s.charCodeAt(at) === 0x26 /* & */) {
      const semi = s.indexOf(';', at);
      return semi < 0 ? at + 1 : semi + 1;
    }
    let i = at;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x0a || c === 0x3c || c === 0x26 || c === 0x5d || c === 0x0d) break;
    }
    return i;
  }

  private finish(): void {
    for (const ref of this.idrefs) {
      if (!this.ids.has(ref.value)) this.report(ref.offset, `IDREF "${ref.value}" without matching ID`, 'idref');
    }
  }

  // ---------------------------------------------------------------- values

  private valueMatch(vp: Pattern, value: string): boolean {
    if (vp.nullable && isWs(value)) return true;
    const d = this.b.textDeriv(vp, value, (p, v) => this.dataMatch(p, v));
    return d.nullable;
  }

  private dataMatch(p: Pattern, s: string): boolean {
    if (p.kind === 'data') {
      if (!p.datatype!.allows(s)) return false;
      if (p.except) return !this.valueMatch(p.except, s);
      return true;
    }
    if (p.kind === 'value') return p.datatype!.equal(s, p.value as string);
    if (p.kind === 'list') {
      let q = p.a!;
      for (const w of s.split(/[ \t\n\r]+/)) {
        if (w === '') continue;
        q = this.b.textDeriv(q, w, (x, v) => this.dataMatch(x, v));
        if (q.kind === 'notAllowed') return false;
      }
      return q.nullable;
    }
    return false;
  }

  /** "must be equal to "a" or "b"", "must be an integer", "token "x" invalid; must be …". */
  private describeFailure(p: Pattern, value: string, content = false): string {
    const leaves: Pattern[] = [];
    const collect = (q: Pattern, top: boolean): void => {
      switch (q.kind) {
        case 'after':
          collect(q.a!, false);
          break;
        case 'choice':
        case 'interleave':
          collect(q.a!, top);
          collect(q.b!, top);
          break;
        case 'group':
          collect(q.a!, top);
          if (q.a!.nullable) collect(q.b!, top);
          break;
        case 'oneOrMore':
          collect(q.a!, top);
          break;
        case 'data':
        case 'value':
        case 'list':
          leaves.push(q);
          break;
        default:
      }
      void top;
    };
    collect(p, true);
    if (content && leaves.length === 0) return 'must be empty';
    const list = leaves.find((l) => l.kind === 'list');
    if (list && leaves.length === 1) {
      let q = list.a!;
      for (const w of value.split(/[ \t\n\r]+/)) {
        if (w === '') continue;
        const next = this.b.textDeriv(q, w, (x, v) => this.dataMatch(x, v));
        if (next.kind === 'notAllowed') return `token "${w}" invalid; must be ${this.describeLeaves(this.leavesOf(q), w)}`;
        q = next;
      }
      return `missing token; must be ${this.describeLeaves(this.leavesOf(q))}`;
    }
    return `must be ${this.describeLeaves(leaves, value)}`;
  }

  private leavesOf(p: Pattern): Pattern[] {
    const out: Pattern[] = [];
    const walk = (q: Pattern): void => {
      if (q.kind === 'data' || q.kind === 'value') out.push(q);
      else if (q.kind === 'choice' || q.kind === 'interleave') {
        walk(q.a!);
        walk(q.b!);
      } else if (q.kind === 'group') {
        walk(q.a!);
        if (q.a!.nullable) walk(q.b!);
      } else if (q.kind === 'oneOrMore' || q.kind === 'list') walk(q.a!);
    };
    walk(p);
    return out;
  }

  /** jing's words: "an integer or must be equal to "a" or "b"" (completing "must be "). */
  private describeLeaves(leaves: Pattern[], value?: string): string {
    const values = [...new Set(leaves.filter((l) => l.kind === 'value').map((l) => `"${String(l.value)}"`))].sort();
    const parts = [...new Set(leaves.filter((l) => l.kind === 'data').map((l) => l.datatype!.describe(value)))];
    if (values.length > 0) parts.push(`equal to ${joinWords(values, 'or')}`);
    if (parts.length === 0) return 'empty';
    if (parts.length === 1) return parts[0]!;
    return `${parts.slice(0, -1).join(', must be ')} or must be ${parts[parts.length - 1]}`;
  }

  private expectsData(p: Pattern): boolean {
    switch (p.kind) {
      case 'after':
        return this.expectsData(p.a!);
      case 'choice':
      case 'interleave':
        return this.expectsData(p.a!) || this.expectsData(p.b!);
      case 'group':
        return this.expectsData(p.a!) || (p.a!.nullable && this.expectsData(p.b!));
      case 'oneOrMore':
        return this.expectsData(p.a!);
      case 'data':
      case 'value':
      case 'list':
        return true;
      default:
        return false;
    }
  }

  // ---------------------------------------------------------------- what was expected

  /** "; expected the element end-tag, text or element "a" or "b"" (or "" when nothing is). */
  private expected(p: Pattern, scope: NamespaceScope): string {
    const parts: string[] = [];
    if (this.b.endTag(p).kind !== 'notAllowed') parts.push('the element end-tag');
    if (allowsText(p)) parts.push('text');
    const names: NameClass[] = [];
    firstElements(p, names);
    const listed = names.length > 0 ? this.formatNames(names, scope, 'or', true) : '';
    // Wildcards (anyName, nsName) are not listed, as in jing.
    if (listed !== '' && !listed.startsWith(' (with')) parts.push(`element ${listed}`);
    if (parts.length === 0) return '';
    return `; expected ${joinWords(parts, 'or')}`;
  }

  private requiredElements(p: Pattern): NameClass[] {
    return [...required(p, 'element').values()];
  }

  private requiredAttributes(p: Pattern): NameClass[] {
    return [...required(p, 'attribute').values()];
  }

  private attributeNames(p: Pattern): NameClass[] {
    const out: NameClass[] = [];
    const seen = new Set<Pattern>();
    const walk = (q: Pattern): void => {
      if (seen.has(q)) return;
      seen.add(q);
      switch (q.kind) {
        case 'after':
          walk(q.a!);
          break;
        case 'choice':
        case 'group':
        case 'interleave':
          walk(q.a!);
          walk(q.b!);
          break;
        case 'oneOrMore':
          walk(q.a!);
          break;
        case 'attribute':
          out.push(q.nc!);
          break;
        default:
      }
    };
    walk(p);
    return out;
  }

  /** Names as jing writes them: qualified with the document's prefixes, sorted, "a", "b" or "c". */
  private formatNames(classes: NameClass[], scope: NamespaceScope, conjunction: string, element: boolean): string {
    const names = new Set<string>();
    const extra: string[] = [];
    const bindings = new Map<string, string>();
    const add = (nc: NameClass): void => {
      switch (nc.kind) {
        case 'name':
          names.add(this.qualify(nc.ns, nc.local, scope, element, bindings));
          break;
        case 'choice':
          add(nc.a);
          add(nc.b);
          break;
        case 'anyName':
        case 'nsName':
          // jing names no wildcard in what it expected.
          break;
      }
    };
    for (const nc of classes) add(nc);
    const sorted = [...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)).map((n) => `"${n}"`);
    const all = [...sorted, ...new Set(extra)];
    let out = joinWords(all, conjunction);
    if (bindings.size > 0) out += ` (with ${[...bindings].map(([p, ns]) => (p === '' ? `xmlns="${ns}"` : `xmlns:${p}="${ns}"`)).join(', ')})`;
    return out;
  }

  private qualify(ns: string, local: string, scope: NamespaceScope, element: boolean, bindings: Map<string, string>): string {
    if (ns === XML_NS) return `xml:${local}`;
    if (!element) {
      if (ns === '') return local;
    } else {
      if (scope.lookup('') === ns) return local;
      if (ns === '') {
        bindings.set('', '');
        return local;
      }
    }
    const prefix = scope.prefixFor(ns);
    if (prefix) return `${prefix}:${local}`;
    if (element && scope.lookup('') === '' && (!bindings.has('') || bindings.get('') === ns)) {
      bindings.set('', ns);
      return local;
    }
    for (const [p, u] of bindings) if (u === ns && p !== '') return `${p}:${local}`;
    let n = 0;
    let p = 'ns';
    while (bindings.has(p) || scope.lookup(p) !== undefined) p = `ns${++n}`;
    bindings.set(p, ns);
    return `${p}:${local}`;
  }

  private hasWildcard(tag: StartTag): boolean {
    let list = wildcardCache.get(this.grammar);
    if (!list) {
      list = this.grammar.elements.filter((e) => e.nc!.kind !== 'name');
      wildcardCache.set(this.grammar, list);
    }
    return list.some((e) => ncContainsName(e.nc!, tag.ns, tag.local));
  }
}

function ncContainsName(nc: NameClass, ns: string, local: string): boolean {
  switch (nc.kind) {
    case 'name':
      return nc.ns === ns && nc.local === local;
    case 'anyName':
      return !nc.except || !ncContainsName(nc.except, ns, local);
    case 'nsName':
      return nc.ns === ns && (!nc.except || !ncContainsName(nc.except, ns, local));
    case 'choice':
      return ncContainsName(nc.a, ns, local) || ncContainsName(nc.b, ns, local);
  }
}

const knownCache = new WeakMap<CompiledGrammar, Set<string>>();
const wildcardCache = new WeakMap<CompiledGrammar, Pattern[]>();
function knownNamesOf(g: CompiledGrammar): Set<string> {
  let set = knownCache.get(g);
  if (!set) {
    set = new Set();
    const add = (nc: NameClass): void => {
      if (nc.kind === 'name') set!.add(nc.ns + '\u0000' + nc.local);
      else if (nc.kind === 'choice') {
        add(nc.a);
        add(nc.b);
      }
    };
    for (const e of g.elements) add(e.nc!);
    knownCache.set(g, set);
  }
  return set;
}

function joinWords(items: string[], conjunction: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

function allowsText(p: Pattern): boolean {
  switch (p.kind) {
    case 'text':
      return true;
    case 'after':
      return allowsText(p.a!);
    case 'choice':
    case 'interleave':
      return allowsText(p.a!) || allowsText(p.b!);
    case 'group':
      return allowsText(p.a!) || (p.a!.nullable && allowsText(p.b!));
    case 'oneOrMore':
      return allowsText(p.a!);
    default:
      return false;
  }
}

function firstElements(p: Pattern, out: NameClass[], seen = new Set<Pattern>()): void {
  if (seen.has(p)) return;
  seen.add(p);
  switch (p.kind) {
    case 'element':
      out.push(p.nc!);
      break;
    case 'after':
      firstElements(p.a!, out, seen);
      break;
    case 'choice':
    case 'interleave':
      firstElements(p.a!, out, seen);
      firstElements(p.b!, out, seen);
      break;
    case 'group':
      firstElements(p.a!, out, seen);
      if (p.a!.nullable) firstElements(p.b!, out, seen);
      break;
    case 'oneOrMore':
      firstElements(p.a!, out, seen);
      break;
    default:
  }
}

/** The names a pattern requires first (jing's "missing required element"). */
function required(p: Pattern, kind: 'element' | 'attribute'): Map<string, NameClass> {
  const memo = new Map<Pattern, Map<string, NameClass>>();
  const go = (q: Pattern): Map<string, NameClass> => {
    const hit = memo.get(q);
    if (hit) return hit;
    let r: Map<string, NameClass>;
    switch (q.kind) {
      case 'element':
      case 'attribute':
        r = new Map();
        if (q.kind === kind && q.nc!.kind === 'name') r.set(q.nc!.ns + '\u0000' + q.nc!.local, q.nc!);
        break;
      case 'after':
        r = go(q.a!);
        break;
      case 'choice': {
        const a = go(q.a!);
        const b = go(q.b!);
        r = new Map([...a].filter(([k]) => b.has(k)));
        break;
      }
      case 'group':
        r = kind === 'element' && !q.a!.nullable ? go(q.a!) : new Map([...go(q.a!), ...go(q.b!)]);
        break;
      case 'interleave':
        r = new Map([...go(q.a!), ...go(q.b!)]);
        break;
      case 'oneOrMore':
        r = go(q.a!);
        break;
      default:
        r = new Map();
    }
    memo.set(q, r);
    return r;
  };
  return go(p);
}
