<?xml version="1.0" encoding="UTF-8"?>
<!-- Critical apparatus (app, lem, rdg, rdgGrp, wit; listWit): the lemma stands in the text,
     with a letter that links to its entry; the readings stand in the apparatus criticus after
     the text, each entry with the line it belongs to (verse or line number, else the section
     and column, else the paragraph), the lemma, and every reading with its witnesses' sigla
     (from listWit, or the bibliography a reading's @source points to). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:function name="te:app-id" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="(te:own-id($app), te:doc-id($app) || '-app' || $app/accumulator-before('te:app'))[1]"/>
  </xsl:function>

  <!-- The letter that marks an entry in the text: a … z, aa … -->
  <xsl:function name="te:app-mark" as="xs:string">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:variable name="n" select="$app/accumulator-before('te:app') - 1"/>
    <xsl:sequence select="(if ($n ge 26) then codepoints-to-string(97 + ($n idiv 26 - 1) mod 26) else '') || codepoints-to-string(97 + $n mod 26)"/>
  </xsl:function>

  <!-- The text the lemma gives (the first reading when there is no lemma). -->
  <xsl:function name="te:app-base" as="element()?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="($app/tei:lem, $app/tei:rdgGrp/tei:lem, $app/tei:rdg, $app/tei:rdgGrp/tei:rdg)[1]"/>
  </xsl:function>

  <xsl:template match="tei:app[te:in-text-app(.)]">
    <xsl:variable name="id" select="te:app-id(.)"/>
    <xsl:variable name="mark" select="te:app-mark(.)"/>
    <span class="app" id="{$id}-ref">
      <span class="lem"><xsl:apply-templates select="te:app-base(.)/node()"/></span>
      <a class="appref" href="#{$id}" role="doc-noteref" aria-label="Apparatus {$mark}"><sup><xsl:value-of select="$mark"/></sup></a>
    </span>
  </xsl:template>

  <!-- Where an entry belongs: the verse or line number; else the section and the column or
       page of the printed source; else the paragraph. -->
  <xsl:function name="te:app-line" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="l" select="$app/ancestor::tei:l[1]"/>
    <xsl:variable name="verse" select="if ($l) then string($l/accumulator-before('te:verse')) else ()"/>
    <xsl:variable name="block" select="$app/ancestor::*[self::tei:p or self::tei:ab or self::tei:lg or self::tei:sp or self::tei:div][1]"/>
    <xsl:variable name="lb" select="($app/accumulator-before('te:last-lb')[not($block) or . >> $block or ancestor::* intersect $block])/@n"/>
    <xsl:variable name="section" select="string-join($app/ancestor::tei:div[@n][not(@type = 'edition')]/@n ! normalize-space(), '.')"/>
    <xsl:variable name="col" select="$app/accumulator-before('te:last-break')"/>
    <xsl:variable name="para" select="$app/ancestor::tei:p[1]"/>
    <xsl:sequence select="
      if ($verse and $verse != '0') then $verse
      else if ($lb) then normalize-space($lb)
      else if ($section or $col) then string-join((('§ ' || $section)[$section], $col ! ((if (self::tei:cb) then 'col. ' else 'p. ') || normalize-space(@n))), ', ')
      else if ($para) then '¶ ' || $para/accumulator-before('te:block')
      else ''"/>
  </xsl:function>

  <!-- The apparatus criticus of a document: after the text, before the notes. -->
  <xsl:template name="te:apparatus">
    <xsl:param name="apps" as="element(tei:app)*"/>
    <xsl:if test="$apps">
      <xsl:variable name="wits" select="root($apps[1])//tei:listWit//tei:witness[@xml:id]"/>
      <section class="apparatus" aria-labelledby="apparatus-h" role="doc-endnotes">
        <h2 id="apparatus-h"><xsl:value-of select="te:label('apparatus')"/></h2>
        <xsl:if test="$wits">
          <details class="witnesses">
            <summary><xsl:value-of select="te:label('witnesses')"/></summary>
            <dl>
              <xsl:for-each select="$wits">
                <dt><xsl:value-of select="te:siglum(., .)"/></dt>
                <dd><xsl:apply-templates select="node() except (tei:abbr[@type = 'siglum'] | tei:idno[@type = 'siglum'])"/></dd>
              </xsl:for-each>
            </dl>
          </details>
        </xsl:if>
        <ol class="app-list">
          <xsl:for-each select="$apps">
            <xsl:variable name="id" select="te:app-id(.)"/>
            <xsl:variable name="line" select="te:app-line(.)"/>
            <li id="{$id}">
              <a class="app-back" href="#{$id}-ref" aria-label="Back to the text{$line[.] ! (' at ' || .)}"><span class="app-mark"><xsl:value-of select="te:app-mark(.)"/></span><xsl:if test="$line"><xsl:text> </xsl:text><span class="app-line"><xsl:value-of select="$line"/></span></xsl:if></a>
              <xsl:text> </xsl:text>
              <xsl:apply-templates select="." mode="te:app-entry"/>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- An entry: lemma] reading sigla; reading sigla; notes. -->
  <xsl:template match="tei:app" mode="te:app-entry">
    <xsl:variable name="base" select="te:app-base(.)"/>
    <xsl:variable name="readings" select="(tei:lem, tei:rdg, tei:rdgGrp/(tei:lem | tei:rdg)) except $base"/>
    <xsl:if test="$base">
      <span class="app-lem"><xsl:apply-templates select="$base" mode="te:reading"/></span>
      <xsl:call-template name="te:witnesses"><xsl:with-param name="r" select="$base"/></xsl:call-template>
      <xsl:if test="$readings"><span class="app-sep">]</span><xsl:text> </xsl:text></xsl:if>
    </xsl:if>
    <xsl:for-each select="$readings">
      <xsl:if test="position() gt 1"><span class="app-sep">;</span><xsl:text> </xsl:text></xsl:if>
      <span class="app-rdg"><xsl:apply-templates select="." mode="te:reading"/></span>
      <xsl:call-template name="te:witnesses"><xsl:with-param name="r" select="."/></xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="tei:note | tei:witDetail">
      <xsl:text> </xsl:text>
      <span class="app-note"><xsl:apply-templates/></span>
    </xsl:for-each>
  </xsl:template>

  <!-- A reading's words; an empty reading is an omission. -->
  <xsl:template match="tei:lem | tei:rdg" mode="te:reading">
    <xsl:choose>
      <xsl:when test="normalize-space(string-join(.//text()[not(ancestor::tei:wit)], '')) or *[not(self::tei:wit)]"><xsl:apply-templates select="node() except tei:wit"/></xsl:when>
      <xsl:otherwise><em class="app-om">om.</em></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The sigla of a reading (its @wit, else its @source), who proposed it (@resp), its kind. -->
  <xsl:template name="te:witnesses">
    <xsl:param name="r" as="element()"/>
    <xsl:variable name="refs" select="tokenize(normalize-space(($r/@wit, $r/@source)[1]), ' ')"/>
    <xsl:variable name="sigla" select="($refs ! te:siglum(., $r), $r/tei:wit ! normalize-space()[.])"/>
    <xsl:variable name="resp" select="tokenize(normalize-space($r/@resp), ' ') ! te:siglum(., $r)"/>
    <xsl:variable name="kind" select="($r/@type[. = ('conjecture', 'emendation', 'correction', 'orthographic', 'transposition')], $r/@cause)[1]"/>
    <xsl:if test="exists($sigla) or exists($resp) or $kind">
      <xsl:text> </xsl:text>
      <span class="app-wit">
        <xsl:if test="$kind = 'conjecture'"><em>conj.</em><xsl:text> </xsl:text></xsl:if>
        <xsl:if test="$kind and not($kind = 'conjecture')"><em><xsl:value-of select="$kind"/></em><xsl:text> </xsl:text></xsl:if>
        <xsl:value-of select="($sigla, $resp)" separator=" "/>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- A witness's siglum: its @n, its siglum abbreviation, its words when short, else its id. -->
  <xsl:function name="te:siglum" as="xs:string">
    <xsl:param name="ref" as="item()"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="target" select="if ($ref instance of element()) then $ref else key('te:xml-id', replace(string($ref), '^.*#', ''), root($context))[1]"/>
    <xsl:variable name="short" select="normalize-space($target[self::tei:witness][not(*)])[string-length(.) le 4]"/>
    <xsl:sequence select="(
      normalize-space($target/@n)[.],
      normalize-space(($target/tei:abbr[@type = 'siglum'], $target/tei:idno[@type = 'siglum'], $target/tei:abbr)[1])[.],
      $short[.],
      $target/@xml:id ! string(),
      replace(string($ref), '^.*#', ''))[1]"/>
  </xsl:function>

  <!-- Readings and witnesses never stand in the running text of their own. -->
  <xsl:template match="tei:rdg | tei:rdgGrp | tei:wit | tei:witDetail"/>
  <xsl:template match="tei:app[not(te:in-text-app(.))]/tei:lem">
    <span class="lem"><xsl:apply-templates/></span>
  </xsl:template>
  <!-- An app outside the text flow (in a note, a list of its own): the entry where it stands. -->
  <xsl:template match="tei:app">
    <span class="app-inline"><xsl:apply-templates select="." mode="te:app-entry"/></span>
  </xsl:template>
</xsl:stylesheet>
