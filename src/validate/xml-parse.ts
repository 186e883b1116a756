/**
 * A small, strict, namespace-aware XML 1.0 parser for the validator: one pass over a string,
 * events to a handler, offsets into the text for every event (turned into a line and column
 * only when a message needs one), and the first well-formedness error thrown as
 * `XmlSyntaxError`, as a conforming parser stops there.
 *
 * DOCTYPE: the internal subset is read. Internal general entities are expanded, within
 * limits on their number, nesting and total expansion (checked on the declarations, before
 * anything is expanded); attribute defaults declared in it are applied, as Xerces (jing's
 * parser) does. No external entity, parameter entity or DTD is ever read: a DOCTYPE that names
 * an external DTD is reported to the handler (`doctype`), which decides; a declared external
 * general entity is refused.
 */

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface QName {
  /** The name as written ("tei:p", "xml:id"). */
  qname: string;
  prefix: string;
  local: string;
  /** Namespace URI ('' for none). */
  ns: string;
}

export interface Attribute extends QName {
  value: string;
}

export interface StartTag extends QName {
  attributes: Attribute[];
  /** Offset of "<". */
  start: number;
  /** Offset just after the start tag's ">" (where jing and Xerces report its errors). */
  end: number;
  selfClosing: boolean;
  /** Namespace bindings in scope (prefix → URI; '' the default namespace). */
  scope: NamespaceScope;
}

export interface NamespaceScope {
  lookup(prefix: string): string | undefined;
  /** A prefix bound to the namespace here ('' for the default namespace), if any. */
  prefixFor(ns: string): string | undefined;
}

export interface DoctypeInfo {
  name: string;
  /** The external DTD named (SYSTEM or PUBLIC), if any: never read. */
  systemId: string | null;
  publicId: string | null;
  /** Offset of "<!DOCTYPE". */
  start: number;
  /** Parameter entity declarations and references seen in the internal subset (never expanded). */
  parameterEntities: number;
  generalEntities: number;
}

export interface ParseHandler {
  doctype?(info: DoctypeInfo): void;
  startElement(tag: StartTag): void;
  /** `end`: offset just after the end tag (or of the empty-element tag). */
  endElement(tag: StartTag, end: number): void;
  /** Character data, with entity and character references resolved. `start`/`end`: its span in the text (for entity text, the reference's). */
  text(value: string, start: number, end: number): void;
}

export interface EntityLimits {
  /** Most general entities an internal subset may declare. */
  maxEntities: number;
  /** Deepest nesting of entity references inside entity values. */
  maxEntityDepth: number;
  /** Most characters all entity references of a document may expand to. */
  maxExpansion: number;
}

export const defaultEntityLimits: EntityLimits = { maxEntities: 1000, maxEntityDepth: 8, maxExpansion: 1_000_000 };

export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
  constructor(
    message: string,
    readonly offset: number,
    /** 'doctype' for a refused declaration (entity limits, external entity), else 'not-well-formed'. */
    readonly ruleId: 'not-well-formed' | 'doctype' = 'not-well-formed',
  ) {
    super(message);
  }
}

/** The parser recurses per element: a hard bound below the stack's (the callers' scan checks a lower one). */
const MAX_NESTING = 5000;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

// Name characters (XML 1.0 fifth edition), as a sticky regular expression.
const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NAME_RE = new RegExp(`[${NAME_START}][${NAME_CHAR}]*`, 'uy');

interface EntityDecl {
  value: string | null;
  external: boolean;
  offset: number;
}

interface AttDefault {
  qname: string;
  value: string;
}

class Scope implements NamespaceScope {
  constructor(
    readonly parent: Scope | null,
    readonly bindings: Map<string, string> | null,
  ) {}
  lookup(prefix: string): string | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.bindings?.get(prefix);
      if (v !== undefined) return v;
    }
    if (prefix === 'xml') return XML_NS;
    return prefix === '' ? '' : undefined;
  }
  prefixFor(ns: string): string | undefined {
    if (ns === XML_NS) return 'xml';
    for (let s: Scope | null = this; s; s = s.parent) {
      if (!s.bindings) continue;
      for (const [prefix, uri] of s.bindings) if (uri === ns && this.lookup(prefix) === ns) return prefix;
    }
    return ns === '' && this.lookup('') === '' ? '' : undefined;
  }
}

const ROOT_SCOPE = new Scope(null, null);

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** Parse a document. Throws XmlSyntaxError at the first error. */
export function parseXml(text: string, handler: ParseHandler, limits: EntityLimits = defaultEntityLimits): void {
  new Parser(text, handler, limits).document();
}

class Parser {
  private pos = 0;
  private readonly n: number;
  private entities = new Map<string, EntityDecl>();
  private attDefaults = new Map<string, AttDefault[]>();
  private expanded = 0;
  private expandedSize = new Map<string, number>();
  private nextAmp = -2;
  private depth = 0;

  constructor(
    private readonly s: string,
    private readonly h: ParseHandler,
    private readonly limits: EntityLimits,
  ) {
    this.n = s.length;
  }

  private fail(message: string, offset = this.pos, ruleId: 'not-well-formed' | 'doctype' = 'not-well-formed'): never {
    throw new XmlSyntaxError(message, Math.min(offset, this.n), ruleId);
  }

  private name(): string {
    // ASCII names without the regular expression; others (and errors) with it.
    const s = this.s;
    const start = this.pos;
    let c = s.charCodeAt(start);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58) {
      let i = start + 1;
      for (;;) {
        c = s.charCodeAt(i);
        if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45 || c === 46) i++;
        else break;
      }
      if (c < 0x80 || i >= this.n) {
        this.pos = i;
        return s.slice(start, i);
      }
    }
    NAME_RE.lastIndex = this.pos;
    const m = NAME_RE.exec(this.s);
    if (!m) this.fail(this.pos >= this.n ? 'XML document structures must start and end within the same entity.' : `A name was expected here, found "${this.s.slice(this.pos, this.pos + 10)}".`);
    this.pos += m[0].length;
    return m[0];
  }

  private skipSpace(): boolean {
    const from = this.pos;
    while (this.pos < this.n && isSpace(this.s.charCodeAt(this.pos))) this.pos++;
    return this.pos > from;
  }

  private expect(str: string, what?: string): void {
    if (!this.s.startsWith(str, this.pos)) this.fail(what ?? `"${str}" was expected here.`);
    this.pos += str.length;
  }

  document(): void {
    const s = this.s;
    if (s.charCodeAt(0) === 0xfeff) this.pos = 1;
    if (s.startsWith('<?xml', this.pos) && isSpace(s.charCodeAt(this.pos + 5))) {
      const end = s.indexOf('?>', this.pos);
      if (end < 0) this.fail('The XML declaration is not closed.');
      const decl = s.slice(this.pos, end);
      if (!/^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1/.test(decl)) this.fail('The XML declaration must begin with the version (version="1.0").');
      this.pos = end + 2;
    }
    let seenDoctype = false;
    let root = false;
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.n) break;
      if (s.charCodeAt(this.pos) !== 0x3c) {
        this.fail(root ? 'Content is not allowed in trailing section.' : 'Content is not allowed in prolog.');
      }
      if (s.startsWith('<!--', this.pos)) this.comment();
      else if (s.startsWith('<?', this.pos)) this.pi();
      else if (s.startsWith('<!DOCTYPE', this.pos)) {
        if (seenDoctype || root) this.fail('A DOCTYPE is not allowed here.');
        seenDoctype = true;
        this.doctype();
      } else if (root) this.fail('The markup in the document following the root element must be well-formed.');
      else {
        root = true;
        this.element(ROOT_SCOPE);
      }
    }
    if (!root) this.fail('Premature end of file: the document has no root element.');
  }

  private comment(): void {
    const end = this.s.indexOf('-->', this.pos + 4);
    if (end < 0) this.fail('The comment is not closed (-->).');
    const dd = this.s.slice(this.pos + 4, end).indexOf('--');
    if (dd >= 0) this.fail('The string "--" is not permitted within comments.', this.pos + 4 + dd);
    this.pos = end + 3;
  }

  private pi(): void {
    this.pos += 2;
    const target = this.name();
    if (target.toLowerCase() === 'xml') this.fail('The processing instruction target matching "[xX][mM][lL]" is not allowed.');
    const end = this.s.indexOf('?>', this.pos);
    if (end < 0) this.fail('The processing instruction is not closed (?>).');
    if (end > this.pos && !isSpace(this.s.charCodeAt(this.pos))) this.fail('White space is required between the processing instruction target and data.');
    this.pos = end + 2;
  }

  private quoted(): string {
    const q = this.s.charCodeAt(this.pos);
    if (q !== 0x22 && q !== 0x27) this.fail('A quoted string was expected here.');
    const end = this.s.indexOf(String.fromCharCode(q), this.pos + 1);
    if (end < 0) this.fail('The quoted string is not closed.');
    const v = this.s.slice(this.pos + 1, end);
    this.pos = end + 1;
    return v;
  }

  private doctype(): void {
    const start = this.pos;
    this.pos += 9;
    if (!this.skipSpace()) this.fail('White space is required after "<!DOCTYPE".');
    const name = this.name();
    this.skipSpace();
    let systemId: string | null = null;
    let publicId: string | null = null;
    if (this.s.startsWith('SYSTEM', this.pos)) {
      this.pos += 6;
      this.skipSpace();
      systemId = this.quoted();
    } else if (this.s.startsWith('PUBLIC', this.pos)) {
      this.pos += 6;
      this.skipSpace();
      publicId = this.quoted();
      this.skipSpace();
      systemId = this.quoted();
    }
    this.skipSpace();
    const counts = { parameterEntities: 0, generalEntities: 0 };
    if (this.s.charCodeAt(this.pos) === 0x5b /* [ */) {
      this.pos++;
      this.internalSubset(counts);
    }
    this.skipSpace();
    this.expect('>', 'The DOCTYPE declaration is not closed (">" expected).');
    this.checkEntityLimits(start);
    this.h.doctype?.({ name, systemId, publicId, start, ...counts });
  }

  private internalSubset(counts: { parameterEntities: number; generalEntities: number }): void {
    const s = this.s;
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.n) this.fail('The DOCTYPE internal subset is not closed ("]" expected).');
      const c = s.charCodeAt(this.pos);
      if (c === 0x5d /* ] */) {
        this.pos++;
        return;
      }
      if (c === 0x25 /* % */) {
        // A parameter entity reference: never expanded (it may name an external file).
        this.pos++;
        this.name();
        this.expect(';');
        counts.parameterEntities++;
        continue;
      }
      if (s.startsWith('<!--', this.pos)) this.comment();
      else if (s.startsWith('<?', this.pos)) this.pi();
      else if (s.startsWith('<!ENTITY', this.pos)) this.entityDecl(counts);
      else if (s.startsWith('<!ATTLIST', this.pos)) this.attlistDecl();
      else if (s.startsWith('<!ELEMENT', this.pos) || s.startsWith('<!NOTATION', this.pos)) this.skipDecl();
      else if (s.startsWith('<![', this.pos)) this.fail('Conditional sections are not allowed in the internal subset.');
      else this.fail('The markup declarations contained in the document type declaration must be well-formed.');
    }
  }

  /** Skip a declaration up to its ">" outside quotes. */
  private skipDecl(): void {
    let q = 0;
    for (let i = this.pos + 2; i < this.n; i++) {
      const c = this.s.charCodeAt(i);
      if (q) {
        if (c === q) q = 0;
      } else if (c === 0x22 || c === 0x27) q = c;
      else if (c === 0x3e) {
        this.pos = i + 1;
        return;
      }
    }
    this.fail('The markup declaration is not closed (">" expected).');
  }

  private entityDecl(counts: { parameterEntities: number; generalEntities: number }): void {
    const at = this.pos;
    this.pos += 8;
    this.skipSpace();
    let parameter = false;
    if (this.s.charCodeAt(this.pos) === 0x25) {
      parameter = true;
      this.pos++;
      this.skipSpace();
    }
    const name = this.name();
    this.skipSpace();
    let value: string | null = null;
    let external = false;
    if (this.s.startsWith('SYSTEM', this.pos) || this.s.startsWith('PUBLIC', this.pos)) {
      external = true;
      const pub = this.s.startsWith('PUBLIC', this.pos);
      this.pos += 6;
      this.skipSpace();
      this.quoted();
      if (pub) {
        this.skipSpace();
        this.quoted();
      }
      this.skipSpace();
      if (this.s.startsWith('NDATA', this.pos)) {
        this.pos += 5;
        this.skipSpace();
        this.name();
      }
    } else {
      value = this.quoted();
      if (value.includes('%')) {
        if (!parameter) counts.parameterEntities++;
      }
    }
    this.skipSpace();
    this.expect('>', 'The entity declaration is not closed (">" expected).');
    if (parameter) {
      counts.parameterEntities++;
      return;
    }
    counts.generalEntities++;
    if (external) this.fail(`The DOCTYPE declares the external entity "${name}"; external entities are never read, and documents that declare one are refused.`, at, 'doctype');
    if (counts.generalEntities > this.limits.maxEntities) this.fail(`The DOCTYPE declares more than ${this.limits.maxEntities} entities; the document is refused.`, at, 'doctype');
    if (PREDEFINED[name] !== undefined) return;
    // The first declaration binds (XML 1.0 §4.2). Character references are resolved now.
    if (!this.entities.has(name)) this.entities.set(name, { value: value!.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (_, code: string) => charRef(code) ?? this.fail('Bad character reference.', at)), external, offset: at });
  }

  private attlistDecl(): void {
    this.pos += 9;
    this.skipSpace();
    const element = this.name();
    for (;;) {
      this.skipSpace();
      if (this.s.charCodeAt(this.pos) === 0x3e) {
        this.pos++;
        return;
      }
      const att = this.name();
      this.skipSpace();
      if (this.s.charCodeAt(this.pos) === 0x28 /* ( */) {
        const close = this.s.indexOf(')', this.pos);
        if (close < 0) this.fail('The attribute type is not closed (")" expected).');
        this.pos = close + 1;
      } else {
        const type = this.name();
        if (type === 'NOTATION') {
          this.skipSpace();
          const close = this.s.indexOf(')', this.pos);
          if (close < 0) this.fail('The attribute type is not closed (")" expected).');
          this.pos = close + 1;
        }
      }
      this.skipSpace();
      let value: string | null = null;
      if (this.s.startsWith('#REQUIRED', this.pos)) this.pos += 9;
      else if (this.s.startsWith('#IMPLIED', this.pos)) this.pos += 8;
      else {
        if (this.s.startsWith('#FIXED', this.pos)) {
          this.pos += 6;
          this.skipSpace();
        }
        const q = this.pos;
        value = this.attributeValue(q);
      }
      if (value !== null) {
        const list = this.attDefaults.get(element) ?? [];
        if (!list.some((d) => d.qname === att)) list.push({ qname: att, value });
        this.attDefaults.set(element, list);
      }
    }
  }

  /** The expanded length of every entity, checked against the limits before any is expanded. */
  private checkEntityLimits(offset: number): void {
    const visiting = new Set<string>();
    const size = (name: string, depth: number): number => {
      const known = this.expandedSize.get(name);
      if (known !== undefined) return known;
      const decl = this.entities.get(name);
      if (!decl || decl.value === null) return 0;
      if (visiting.has(name)) this.fail(`The entity "${name}" refers to itself; the document is refused.`, offset, 'doctype');
      if (depth > this.limits.maxEntityDepth) this.fail(`Entity references are nested more than ${this.limits.maxEntityDepth} deep; the document is refused.`, offset, 'doctype');
      visiting.add(name);
      let total = decl.value.length;
      for (const m of decl.value.matchAll(/&([^;&\s]+);/g)) {
        if (PREDEFINED[m[1]!] !== undefined) continue;
        total += size(m[1]!, depth + 1);
        if (total > this.limits.maxExpansion) break;
      }
      visiting.delete(name);
      this.expandedSize.set(name, total);
      return total;
    };
    for (const name of this.entities.keys()) {
      if (size(name, 1) > this.limits.maxExpansion) {
        this.fail(`The entity "${name}" expands to more than ${this.limits.maxExpansion.toLocaleString('en')} characters (an entity-expansion bomb); the document is refused.`, offset, 'doctype');
      }
    }
  }

  private countExpansion(name: string, at: number): void {
    this.expanded += this.expandedSize.get(name) ?? 0;
    if (this.expanded > this.limits.maxExpansion) this.fail(`Entity references expand to more than ${this.limits.maxExpansion.toLocaleString('en')} characters in all; the document is refused.`, at, 'doctype');
  }

  /** An attribute value at this.pos (quoted), normalised, references resolved. */
  private attributeValue(at: number): string {
    const q = this.s.charCodeAt(this.pos);
    if (q !== 0x22 && q !== 0x27) this.fail('Open quote is expected for attribute value.');
    const end = this.s.indexOf(q === 0x22 ? '"' : "'", this.pos + 1);
    if (end < 0) this.fail('The attribute value is not closed.');
    const raw = this.s.slice(this.pos + 1, end);
    this.pos = end + 1;
    const lt = raw.indexOf('<');
    if (lt >= 0) this.fail('The value of an attribute must not contain the "<" character.', at + 1 + lt);
    return this.normaliseAttribute(raw, at, 0);
  }

  private normaliseAttribute(raw: string, at: number, depth: number): string {
    if (raw.indexOf('&') < 0) return /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw;
    let out = '';
    let i = 0;
    for (;;) {
      const amp = raw.indexOf('&', i);
      const chunk = raw.slice(i, amp < 0 ? undefined : amp);
      out += chunk.replace(/\r\n|[\t\n\r]/g, ' ');
      if (amp < 0) break;
      const semi = raw.indexOf(';', amp);
      if (semi < 0) this.fail('The entity reference must end with the ";" delimiter.', at);
      const ref = raw.slice(amp + 1, semi);
      if (ref[0] === '#') {
        const c = charRef(ref.slice(1));
        if (c === null) this.fail(`The character reference "&${ref};" is not valid.`, at);
        out += c;
      } else {
        const pre = PREDEFINED[ref];
        if (pre !== undefined) out += pre;
        else {
          const decl = this.entities.get(ref);
          if (!decl) this.fail(`The entity "${ref}" was referenced, but not declared.`, at);
          if (decl.value!.includes('<')) this.fail(`The entity "${ref}" contains "<" and is referenced in an attribute value.`, at);
          this.countExpansion(ref, at);
          out += this.normaliseAttribute(decl.value!, at, depth + 1);
        }
      }
      i = semi + 1;
    }
    return out;
  }

  private element(parent: Scope): void {
    const s = this.s;
    const start = this.pos;
    if (++this.depth > MAX_NESTING) this.fail(`Elements are nested more than ${MAX_NESTING} levels deep.`, start);
    this.pos++;
    const qname = this.name();
    const raw: { qname: string; value: string }[] = [];
    let bindings: Map<string, string> | null = null;
    for (;;) {
      const spaced = this.skipSpace();
      const c = s.charCodeAt(this.pos);
      if (c === 0x3e /* > */ || c === 0x2f /* / */) break;
      if (this.pos >= this.n) this.fail('XML document structures must start and end within the same entity.');
      if (!spaced) this.fail(`Element type "${qname}" must be followed by either attribute specifications, ">" or "/>".`);
      const att = this.name();
      this.skipSpace();
      this.expect('=', `Attribute name "${att}" associated with an element type "${qname}" must be followed by the " = " character.`);
      this.skipSpace();
      const value = this.attributeValue(start);
      for (const r of raw) if (r.qname === att) this.fail(`Attribute "${att}" was already specified for element "${qname}".`);
      if (att === 'xmlns' || att.startsWith('xmlns:')) {
        const prefix = att === 'xmlns' ? '' : att.slice(6);
        if (prefix === 'xmlns' || (prefix === 'xml' && value !== XML_NS) || (prefix !== 'xml' && value === XML_NS) || value === XMLNS_NS) this.fail(`The namespace declaration ${att}="${value}" is not allowed.`);
        if (prefix !== '' && value === '') this.fail(`The value of the attribute "${att}" is invalid: a prefixed namespace binding may not be empty.`);
        (bindings ??= new Map()).set(prefix, value);
      }
      raw.push({ qname: att, value });
    }
    const selfClosing = s.charCodeAt(this.pos) === 0x2f;
    if (selfClosing) this.expect('/>', `Element type "${qname}" must be followed by either attribute specifications, ">" or "/>".`);
    else this.pos++;
    const end = this.pos;
    const defaults = this.attDefaults.size > 0 ? this.attDefaults.get(qname) : undefined;
    if (defaults) {
      for (const d of defaults) {
        if (raw.some((r) => r.qname === d.qname)) continue;
        raw.push({ qname: d.qname, value: d.value });
        if (d.qname === 'xmlns' || d.qname.startsWith('xmlns:')) (bindings ??= new Map()).set(d.qname === 'xmlns' ? '' : d.qname.slice(6), d.value);
      }
    }
    const scope = bindings ? new Scope(parent, bindings) : parent;
    const el = this.qualify(qname, scope, true, start);
    const attributes: Attribute[] = [];
    for (const r of raw) {
      if (r.qname === 'xmlns' || r.qname.startsWith('xmlns:')) continue;
      const a = this.qualify(r.qname, scope, false, start);
      for (const b of attributes) if (b.local === a.local && b.ns === a.ns && a.ns !== '') this.fail(`Attribute "${a.local}" in namespace "${a.ns}" was already specified for element "${qname}".`, end);
      attributes.push({ qname: a.qname, prefix: a.prefix, local: a.local, ns: a.ns, value: r.value });
    }
    const tag: StartTag = { qname: el.qname, prefix: el.prefix, local: el.local, ns: el.ns, attributes, start, end, selfClosing, scope };
    this.h.startElement(tag);
    if (selfClosing) {
      this.h.endElement(tag, end);
      this.depth--;
      return;
    }
    this.content(tag, scope, 0);
    this.depth--;
  }

  private qualify(qname: string, scope: Scope, isElement: boolean, at: number): QName {
    const colon = qname.indexOf(':');
    if (colon < 0) return { qname, prefix: '', local: qname, ns: isElement ? (scope.lookup('') ?? '') : '' };
    const prefix = qname.slice(0, colon);
    const local = qname.slice(colon + 1);
    if (local.includes(':') || prefix === '' || local === '') this.fail(`"${qname}" is not a qualified name.`, at);
    const ns = scope.lookup(prefix);
    if (ns === undefined) {
      this.fail(isElement ? `The prefix "${prefix}" for element "${qname}" is not bound.` : `The prefix "${prefix}" for attribute "${qname}" is not bound.`, at);
    }
    return { qname, prefix, local, ns };
  }

  /** Content of an element up to its end tag (depth 0), or of an entity's replacement text. */
  private content(tag: StartTag | null, scope: Scope, entityDepth: number, entityEnd = -1): void {
    const s = this.s;
    let textStart = this.pos;
    let buf = '';
    let bufStart = -1;
    const flushTo = (upTo: number): void => {
      if (upTo > textStart) {
        const chunk = s.slice(textStart, upTo);
        const cd = chunk.indexOf(']]>');
        if (cd >= 0) this.fail('The character sequence "]]>" must not appear in content unless used to mark the end of a CDATA section.', textStart + cd);
        if (bufStart < 0) bufStart = textStart;
        buf += chunk.indexOf('\r') >= 0 ? chunk.replace(/\r\n?/g, '\n') : chunk;
      }
    };
    const emit = (end: number): void => {
      if (bufStart >= 0 && buf !== '') this.h.text(buf, bufStart, end);
      buf = '';
      bufStart = -1;
    };
    const limit = entityEnd >= 0 ? entityEnd : this.n;
    while (this.pos < limit) {
      const lt = s.indexOf('<', this.pos);
      // The next "&" is looked up again only once passed (a text without one stays linear).
      if (this.nextAmp !== -1 && this.nextAmp < this.pos) this.nextAmp = s.indexOf('&', this.pos);
      const amp = this.nextAmp;
      const next = Math.min(lt < 0 || lt >= limit ? limit : lt, amp < 0 || amp >= limit ? limit : amp);
      this.pos = next;
      flushTo(next);
      if (next >= limit) break;
      if (next === amp) {
        const semi = s.indexOf(';', amp);
        if (semi < 0 || semi - amp > 1000) this.fail('The entity name must immediately follow the "&" in the entity reference.', amp + 1);
        const ref = s.slice(amp + 1, semi);
        if (ref[0] === '#') {
          const c = charRef(ref.slice(1));
          if (c === null) this.fail(`The character reference "&${ref};" is not valid.`, amp);
          if (bufStart < 0) bufStart = amp;
          buf += c;
        } else {
          NAME_RE.lastIndex = amp + 1;
          const m = NAME_RE.exec(s);
          if (!m || m[0].length !== ref.length) this.fail('The entity name must immediately follow the "&" in the entity reference.', amp + 1);
          const pre = PREDEFINED[ref];
          if (pre !== undefined) {
            if (bufStart < 0) bufStart = amp;
            buf += pre;
          } else {
            const decl = this.entities.get(ref);
            if (!decl) this.fail(`The entity "${ref}" was referenced, but not declared.`, semi + 1);
            if (entityDepth >= this.limits.maxEntityDepth) this.fail('Entity references are nested too deep.', amp, 'doctype');
            this.countExpansion(ref, amp);
            const value = decl.value!;
            if (value.indexOf('<') < 0 && value.indexOf('&') < 0) {
              if (bufStart < 0) bufStart = amp;
              buf += value;
            } else {
              emit(semi + 1);
              this.entityContent(value, scope, entityDepth + 1, amp, semi + 1);
            }
          }
        }
        this.pos = semi + 1;
        textStart = this.pos;
        continue;
      }
      // "<"
      const c = s.charCodeAt(lt + 1);
      if (c === 0x21 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          this.comment();
        } else if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) this.fail('The CDATA section is not closed.');
          if (bufStart < 0) bufStart = lt;
          buf += s.slice(lt + 9, end).replace(/\r\n?/g, '\n');
          this.pos = end + 3;
        } else this.fail('The content of elements must consist of well-formed character data or markup.', lt + 1);
      } else if (c === 0x3f /* ? */) {
        this.pi();
      } else if (c === 0x2f /* / */) {
        if (tag === null || entityEnd >= 0) this.fail('The entity replacement text must contain whole elements (an end tag without its start).', lt);
        emit(lt);
        this.pos = lt + 2;
        const name = this.name();
        if (name !== tag.qname) this.fail(`The element type "${tag.qname}" must be terminated by the matching end-tag "</${tag.qname}>".`, this.pos - 1);
        this.skipSpace();
        this.expect('>', `The end-tag for element type "${tag.qname}" must end with a ">" delimiter.`);
        emit(this.pos);
        this.h.endElement(tag, this.pos);
        return;
      } else {
        emit(lt);
        this.pos = lt;
        NAME_RE.lastIndex = lt + 1;
        if (!NAME_RE.test(s)) this.fail('The content of elements must consist of well-formed character data or markup.', lt + 1);
        this.element(scope);
      }
      textStart = this.pos;
    }
    if (entityEnd >= 0) {
      emit(this.pos);
      return;
    }
    this.fail('XML document structures must start and end within the same entity.', this.n);
  }

  /** Replacement text with markup: parsed as content, every event placed at the reference. */
  private entityContent(value: string, scope: Scope, depth: number, refStart: number, refEnd: number): void {
    const handler = this.h;
    const inner = new Parser(value, {
      startElement: (t) => {
        t.start = refStart;
        t.end = refEnd;
        handler.startElement(t);
      },
      endElement: (t) => handler.endElement(t, refEnd),
      text: (v) => handler.text(v, refStart, refEnd),
    }, this.limits);
    inner.entities = this.entities;
    inner.attDefaults = this.attDefaults;
    inner.expandedSize = this.expandedSize;
    inner.expanded = this.expanded;
    try {
      inner.content(null, scope, depth, value.length);
    } catch (e) {
      if (e instanceof XmlSyntaxError) throw new XmlSyntaxError(`In the replacement text of an entity: ${e.message}`, refStart, e.ruleId);
      throw e;
    }
    this.expanded = inner.expanded;
  }
}

function charRef(code: string): string | null {
  let cp: number;
  if (code[0] === 'x') {
    if (!/^x[0-9a-fA-F]{1,8}$/.test(code)) return null;
    cp = parseInt(code.slice(1), 16);
  } else {
    if (!/^[0-9]{1,10}$/.test(code)) return null;
    cp = parseInt(code, 10);
  }
  const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
  return ok ? String.fromCodePoint(cp) : null;
}
