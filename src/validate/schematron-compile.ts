/**
 * Compile ISO Schematron (queryBinding xslt2/xslt3) to an XSLT 3.0 stylesheet that
 * SaxonJS runs in-process (see schematron.ts).
 *
 * Supported: sch:ns, schema-level sch:let (per-document values a caller may override),
 * sch:pattern (a node is checked by the first rule of a pattern whose context matches it),
 * sch:rule with sch:let, sch:assert and sch:report (with @id, @role, sch:value-of,
 * sch:name, sch:emph, sch:dir, sch:span), and top-level xsl:key and xsl:function. Not
 * supported (rejected with an error): abstract rules and patterns, sch:extends, phases,
 * diagnostics, sch:include.
 *
 * Each rule becomes an xsl:for-each over the nodes its context matches, found through a
 * per-document key of elements by local name (SaxonJS is several times slower with one
 * template walk of the tree per pattern, or with `//a[p]` scans). Schema-level lets are
 * variables computed once per document, visible to every rule (and usable in rule contexts).
 *
 * The stylesheet's named template `validate-batch` takes `$texts`, the documents (a sequence
 * of strings: no JSON escaping of the text), and `$params`, a JSON array with per document
 * `{ "<let name>": value }` (JSON arrays become sequences), and returns one JSON string:
 * an array with, per document, an array of `{ id, role, path, message }`. `path` locates
 * the node by element positions ("1/1/3" = third child element of the first child of the
 * root; "/@when" appended for an attribute), which the caller turns into a line and column.
 */
import { descendants, elementChildren, escapeAttr, escapeText, parseXmlTree, serializeElement, textContent, type XmlElement } from './xml-tree.js';

export const SCH_NS = 'http://purl.oclc.org/dsdl/schematron';
const XSL_NS = 'http://www.w3.org/1999/XSL/Transform';
const RT_NS = 'urn:tei-edition:schematron-runtime';

export interface CompiledSchematron {
  xslt: string;
  /** Names of the schema-level lets, which a caller may supply per document. */
  parameters: string[];
  /** Every assert/report id with its role, in schema order. */
  rules: { id: string; role: string; pattern: string }[];
}

export class SchematronCompileError extends Error {
  override name = 'SchematronCompileError';
}

export function compileSchematron(schText: string): CompiledSchematron {
  const schema = parseXmlTree(schText);
  if (schema.ns !== SCH_NS || schema.local !== 'schema') throw new SchematronCompileError('not an ISO Schematron schema (root must be sch:schema)');
  const binding = (schema.attrs.queryBinding ?? 'xslt').toLowerCase();
  if (!['xslt2', 'xslt3'].includes(binding)) throw new SchematronCompileError(`queryBinding "${binding}" is not supported (use xslt2 or xslt3)`);
  for (const unsupported of ['phase', 'diagnostics', 'include', 'extends']) {
    if (descendants(schema, SCH_NS, unsupported).length > 0) throw new SchematronCompileError(`sch:${unsupported} is not supported by this compiler`);
  }

  const namespaces: Record<string, string> = { xs: 'http://www.w3.org/2001/XMLSchema' };
  for (const [prefix, uri] of Object.entries(schema.scope)) if (prefix !== '' && prefix !== 'xml') namespaces[prefix] = uri;
  for (const ns of elementChildren(schema, SCH_NS, 'ns')) {
    const prefix = ns.attrs.prefix;
    const uri = ns.attrs.uri;
    if (prefix === undefined || uri === undefined) throw new SchematronCompileError('sch:ns needs @prefix and @uri');
    namespaces[prefix] = uri;
  }
  namespaces.xsl = XSL_NS;
  namespaces.rt = RT_NS;
  namespaces.map = 'http://www.w3.org/2005/xpath-functions/map';
  namespaces.err = 'http://www.w3.org/2005/xqt-errors';

  const lets = elementChildren(schema, SCH_NS, 'let').map((l) => {
    const name = l.attrs.name;
    if (name === undefined) throw new SchematronCompileError('sch:let needs @name');
    return { name, value: l.attrs.value ?? "''" };
  });
  const letNames = lets.map((l) => l.name);

  const foreign = schema.children
    .filter((c): c is XmlElement => typeof c !== 'string' && c.ns === XSL_NS)
    .map((c) => serializeElement(c, declaredScope(c, namespaces)));

  const rules: CompiledSchematron['rules'] = [];
  const checks: string[] = [];
  elementChildren(schema, SCH_NS, 'pattern').forEach((pattern, pi) => {
    if (pattern.attrs.abstract === 'true' || pattern.attrs['is-a'] !== undefined) throw new SchematronCompileError('abstract patterns are not supported');
    const patternId = pattern.attrs.id ?? `pattern-${pi + 1}`;
    // A node is checked by the first rule of the pattern whose context matches it: each rule
    // takes the nodes its context selects, minus those of earlier rules that can overlap.
    const earlier: { select: string; names: Set<string> | 'any' }[] = [];
    elementChildren(pattern, SCH_NS, 'rule').forEach((rule, ri) => {
      if (rule.attrs.abstract === 'true') throw new SchematronCompileError('abstract rules are not supported');
      const context = rule.attrs.context;
      if (context === undefined) throw new SchematronCompileError(`a rule of pattern ${patternId} has no @context`);
      const selected = patternToSelect(context, namespaces);
      const names = patternNames(context);
      const overlapping = earlier.filter((e) => e.names === 'any' || names === 'any' || [...names].some((n) => (e.names as Set<string>).has(n)));
      const select = overlapping.length === 0 ? selected : `(${selected}) except (${overlapping.map((e) => e.select).join(' | ')})`;
      earlier.push({ select: selected, names });
      const body: string[] = [];
      for (const child of elementChildren(rule)) {
        if (child.ns !== SCH_NS) throw new SchematronCompileError(`unexpected element ${child.name} in a rule`);
        if (child.local === 'let') {
          body.push(`<xsl:variable name="${escapeAttr(child.attrs.name ?? '')}" select="${escapeAttr(child.attrs.value ?? "''")}"/>`);
        } else if (child.local === 'assert' || child.local === 'report') {
          const id = child.attrs.id ?? `${patternId}-${ri + 1}`;
          const role = (child.attrs.role ?? 'error').toLowerCase();
          const test = child.attrs.test;
          if (test === undefined) throw new SchematronCompileError(`sch:${child.local} ${id} has no @test`);
          rules.push({ id, role, pattern: patternId });
          const condition = child.local === 'assert' ? `not(${test})` : `(${test})`;
          body.push(
            `<xsl:if test="${escapeAttr(condition)}"><xsl:variable name="rt:message" as="xs:string"><xsl:value-of>${messageParts(child)}</xsl:value-of></xsl:variable>` +
              `<xsl:sequence select="map{'id': '${escapeAttr(escapeXPathString(id))}', 'role': '${escapeAttr(escapeXPathString(role))}', 'path': rt:path(.), 'message': normalize-space($rt:message)}"/></xsl:if>`,
          );
        } else if (child.local !== 'title' && child.local !== 'p') {
          throw new SchematronCompileError(`sch:${child.local} in a rule is not supported`);
        }
      }
      checks.push(`<!-- ${escapeText(patternId)}: ${escapeText(context).replace(/--/g, '- -')} -->\n  <xsl:for-each select="${escapeAttr(select)}">${body.join('')}</xsl:for-each>`);
    });
  });

  const nsDecls = Object.entries(namespaces)
    .map(([p, u]) => ` xmlns:${p}="${escapeAttr(u)}"`)
    .join('');
  const letVars = lets
    .map((l) => {
      const key = escapeAttr(escapeXPathString(l.name));
      return `<xsl:variable name="${l.name}" select="if (map:contains($rt:params, '${key}')) then rt:param($rt:params('${key}')) else (${escapeAttr(l.value)})"/>`;
    })
    .join('\n  ');

  const xslt = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by tei-edition from a Schematron schema. Do not edit. -->
<xsl:stylesheet version="3.0"${nsDecls} exclude-result-prefixes="#all">
<xsl:param name="texts" as="xs:string*" select="()"/>
<xsl:param name="params" as="xs:string" select="'[]'"/>
<xsl:key name="rt:by-name" match="*" use="local-name()"/>
${foreign.join('\n')}
<xsl:function name="rt:path" as="xs:string">
  <xsl:param name="node" as="node()"/>
  <xsl:sequence select="if ($node instance of attribute()) then rt:path($node/..) || '/@' || name($node) else string-join($node/ancestor-or-self::*/string(count(preceding-sibling::*) + 1), '/')"/>
</xsl:function>
<!-- A caller's value (JSON): arrays become sequences, in maps too ([] is the empty sequence). -->
<xsl:function name="rt:param" as="item()*">
  <xsl:param name="value" as="item()*"/>
  <xsl:sequence select="if ($value instance of array(*)) then $value?* ! rt:param(.) else if ($value instance of map(*)) then map:merge(map:keys($value) ! map{.: rt:param($value(.))}) else $value"/>
</xsl:function>
<xsl:template name="validate-batch" as="xs:string">
  <xsl:variable name="rt:all-params" select="parse-json($params)"/>
  <xsl:variable name="results" as="array(*)*">
    <xsl:for-each select="$texts">
      <xsl:variable name="rt:params" select="($rt:all-params(position()), map{})[1]"/>
      <xsl:try>
        <xsl:variable name="rt:found" as="map(*)*">
          <xsl:apply-templates select="parse-xml(.)" mode="rt:check"><xsl:with-param name="rt:params" select="$rt:params"/></xsl:apply-templates>
        </xsl:variable>
        <xsl:sequence select="array{ $rt:found }"/>
        <xsl:catch>
          <xsl:sequence select="array{ map{'id': 'schematron-failed', 'role': 'error', 'path': '', 'message': 'Schematron could not check this document: ' || $err:description} }"/>
        </xsl:catch>
      </xsl:try>
    </xsl:for-each>
  </xsl:variable>
  <xsl:sequence select="serialize(array{ $results }, map{'method': 'json'})"/>
</xsl:template>
<xsl:template match="document-node()" mode="rt:check" as="map(*)*">
  <xsl:param name="rt:params" as="map(*)"/>
  <xsl:variable name="rt:elements" select="descendant::*"/>
  ${letVars}
  ${checks.join('\n  ')}
</xsl:template>
</xsl:stylesheet>
`;
  return { xslt, parameters: letNames, rules };
}

/**
 * Turn a rule context (a match pattern) into an expression that selects, in the current
 * document, the nodes it matches. One named step ("tei:sp[@who]", "@when", "*[@xml:id]")
 * is looked up in the per-document element index (key rt:by-name, $rt:elements); an absolute
 * path stays as it is; anything else becomes "//pattern".
 */
export function patternToSelect(pattern: string, namespaces: Record<string, string>): string {
  return splitUnion(pattern)
    .map((branch) => {
      const b = branch.trim();
      if (b.startsWith('/')) return b;
      const m = /^(@?)(?:([\w.-]+):)?([\w.-]+|\*)((?:\[[^\]]*\])*)$/.exec(b);
      const preds = m?.[4] ?? '';
      if (!m || /\[\s*\d+\s*\]|position\(\)|last\(\)/.test(preds)) return `//${b}`;
      const [, at, prefix, local] = m;
      if (at === '@') return `$rt:elements/${b}`;
      if (local === '*') return prefix === undefined ? `$rt:elements${preds}` : `//${b}`;
      const uri = prefix === undefined ? '' : namespaces[prefix];
      if (uri === undefined) throw new SchematronCompileError(`undeclared namespace prefix "${prefix}" in rule context "${pattern}"`);
      return `key('rt:by-name', '${local}')[namespace-uri() eq '${escapeXPathString(uri)}']${preds}`;
    })
    .join(' | ');
}

/** The names a pattern's alternatives end in ("el:tei:sp", "at:when"), or 'any'. */
function patternNames(pattern: string): Set<string> | 'any' {
  const names = new Set<string>();
  for (const branch of splitUnion(pattern)) {
    const b = branch.trim().replace(/\[[^\]]*\]/g, '');
    const last = /(?:^|\/)(@?)([\w.-]+:)?([\w.-]+|\*)$/.exec(b);
    if (!last || last[3] === '*' || last[3] === 'node') return 'any';
    names.add(`${last[1] === '@' ? 'at' : 'el'}:${last[2] ?? ''}${last[3]}`);
  }
  return names;
}

/** Split an expression at its top-level "|" (outside brackets, parentheses and strings). */
function splitUnion(expr: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') depth--;
    else if (c === '|' && depth === 0 && expr[i + 1] !== '|' && expr[i - 1] !== '|') {
      parts.push(expr.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(expr.slice(start));
  return parts;
}

/** The namespaces the stylesheet root declares, so a copied element does not repeat them. */

/** The namespaces the stylesheet root declares, so a copied element does not repeat them. */
function declaredScope(el: XmlElement, namespaces: Record<string, string>): Record<string, string> {
  const declared: Record<string, string> = {};
  for (const [p, u] of Object.entries(namespaces)) if (el.scope[p] === u) declared[p] = u;
  if (el.scope[''] === undefined) declared[''] = '';
  return declared;
}

function messageParts(el: XmlElement): string {
  return el.children
    .map((c) => {
      if (typeof c === 'string') return `<xsl:text>${escapeText(c)}</xsl:text>`;
      if (c.ns !== SCH_NS) return `<xsl:text>${escapeText(textContent(c))}</xsl:text>`;
      switch (c.local) {
        case 'value-of':
          return `<xsl:value-of select="${escapeAttr(c.attrs.select ?? '.')}" separator=" "/>`;
        case 'name':
          return `<xsl:value-of select="name(${escapeAttr(c.attrs.path ?? '.')})"/>`;
        case 'emph':
        case 'dir':
        case 'span':
          return messageParts(c);
        default:
          throw new SchematronCompileError(`sch:${c.local} in a message is not supported`);
      }
    })
    .join('');
}

function escapeXPathString(s: string): string {
  return s.replace(/'/g, "''");
}
