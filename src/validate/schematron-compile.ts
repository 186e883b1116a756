/**
 * Compile ISO Schematron (queryBinding xslt2/xslt3) to an XSLT 3.0 stylesheet that
 * SaxonJS runs in-process (see schematron.ts).
 *
 * Supported: sch:ns, schema-level sch:let (become per-document values a caller may
 * override), sch:pattern (each a mode: a node is checked by the first rule of a pattern
 * that matches it), sch:rule with sch:let, sch:assert and sch:report (with @id, @role,
 * sch:value-of, sch:name, sch:emph, sch:dir, sch:span), and top-level xsl:key and
 * xsl:function. Not supported (rejected with an error): abstract rules and patterns,
 * sch:extends, phases, diagnostics, sch:include. Rule contexts must not use schema-level
 * variables (they are per-document tunnel parameters, which match patterns cannot see).
 *
 * The stylesheet's named template `validate-batch` takes `$batch`, a JSON array of
 * `{ "text": "<xml…>", "params": { "<let name>": value } }`, and returns one JSON string:
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
  const patterns = elementChildren(schema, SCH_NS, 'pattern');
  const modeTemplates: string[] = [];
  const patternCalls: string[] = [];
  patterns.forEach((pattern, pi) => {
    if (pattern.attrs.abstract === 'true' || pattern.attrs['is-a'] !== undefined) throw new SchematronCompileError('abstract patterns are not supported');
    const mode = `rt:p${pi + 1}`;
    const patternId = pattern.attrs.id ?? `pattern-${pi + 1}`;
    const ruleEls = elementChildren(pattern, SCH_NS, 'rule');
    const visitsAttributes = ruleEls.some((r) => /(^|\|)\s*(@|attribute::)/.test(r.attrs.context ?? ''));
    const recurse = visitsAttributes ? '@*|*' : '*';
    patternCalls.push(`<xsl:apply-templates select="." mode="${mode}"/>`);
    modeTemplates.push(
      `<xsl:template match="document-node()" mode="${mode}" priority="-100" as="map(*)*"><xsl:apply-templates select="*" mode="${mode}"/></xsl:template>`,
      `<xsl:template match="*" mode="${mode}" priority="-100" as="map(*)*"><xsl:apply-templates select="${recurse}" mode="${mode}"/></xsl:template>`,
      `<xsl:template match="@*|text()|comment()|processing-instruction()" mode="${mode}" priority="-100" as="map(*)*"/>`,
    );
    ruleEls.forEach((rule, ri) => {
      if (rule.attrs.abstract === 'true') throw new SchematronCompileError('abstract rules are not supported');
      const context = rule.attrs.context;
      if (context === undefined) throw new SchematronCompileError(`a rule of pattern ${patternId} has no @context`);
      for (const name of letNames) {
        if (new RegExp(`\\$${escapeRegExp(name)}(?![\\w.-])`).test(context)) {
          throw new SchematronCompileError(`rule context "${context}" uses the schema-level variable $${name}, which this compiler cannot pass to match patterns`);
        }
      }
      const body: string[] = [];
      for (const name of letNames) body.push(`<xsl:param name="${name}" tunnel="yes" required="yes"/>`);
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
      body.push(`<xsl:if test=". instance of element() or . instance of document-node()"><xsl:apply-templates select="${recurse}" mode="${mode}"/></xsl:if>`);
      // Earlier rules of a pattern win: give them higher priorities.
      const priority = 1000 - ri;
      modeTemplates.push(`<xsl:template match="${escapeAttr(context)}" mode="${mode}" priority="${priority}" as="map(*)*">${body.join('')}</xsl:template>`);
    });
  });

  const nsDecls = Object.entries(namespaces)
    .map(([p, u]) => ` xmlns:${p}="${escapeAttr(u)}"`)
    .join('');
  const letVars = lets
    .map(
      (l) =>
        `<xsl:variable name="${l.name}" select="if (map:contains($rt:params, '${escapeAttr(escapeXPathString(l.name))}')) then $rt:params('${escapeAttr(escapeXPathString(l.name))}') else (${escapeAttr(l.value)})"/>`,
    )
    .join('');
  const withParams = letNames.map((n) => `<xsl:with-param name="${n}" select="$${n}" tunnel="yes"/>`).join('');

  const xslt = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by tei-edition from a Schematron schema. Do not edit. -->
<xsl:stylesheet version="3.0"${nsDecls} exclude-result-prefixes="#all">
<xsl:param name="batch" as="xs:string" select="'[]'"/>
${foreign.join('\n')}
<xsl:function name="rt:path" as="xs:string">
  <xsl:param name="node" as="node()"/>
  <xsl:sequence select="if ($node instance of attribute()) then rt:path($node/..) || '/@' || name($node) else string-join($node/ancestor-or-self::*/string(count(preceding-sibling::*) + 1), '/')"/>
</xsl:function>
<xsl:template name="validate-batch" as="xs:string">
  <xsl:variable name="results" as="array(*)*">
    <xsl:for-each select="parse-json($batch)?*">
      <xsl:variable name="rt:input" select="."/>
      <xsl:try>
        <xsl:variable name="rt:doc" select="parse-xml($rt:input?text)"/>
        <xsl:variable name="rt:found" as="map(*)*">
          <xsl:apply-templates select="$rt:doc" mode="rt:check"><xsl:with-param name="rt:params" select="($rt:input?params, map{})[1]"/></xsl:apply-templates>
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
  ${letVars}
  ${patternCalls.map((c) => c.replace('/>', `>${withParams}</xsl:apply-templates>`)).join('\n  ')}
</xsl:template>
${modeTemplates.join('\n')}
</xsl:stylesheet>
`;
  return { xslt, parameters: letNames, rules };
}

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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
