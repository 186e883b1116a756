<?xml version="1.0" encoding="UTF-8"?>
<!-- Inscriptions and papyri (EpiDoc): inside the edition division (div type="edition") the
     editor's signs are those of the Leiden conventions, as EpiDoc's reference stylesheets
     draw them:
       [abc]  lost, supplied      [- - -] / [. . .]  lost (unknown / counted)
       ⟨abc⟩  omitted, supplied   (abc)  expansion     ạḅ  uncertain letters
       ⟦abc⟧  erased              `abc´  added above    vac.  space left blank
     The reading view drops the brackets and dots, as it drops the edition's own. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:function name="te:leiden" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/ancestor::tei:div[@type = 'edition'])"/>
  </xsl:function>

  <xsl:template match="tei:supplied[te:leiden(.)]">
    <xsl:variable name="signs" select="if (@reason = 'omitted') then ('⟨', '⟩') else if (@reason = 'subaudible') then ('(', ')') else if (@reason = 'explanation') then ('(i.e. ', ')') else ('[', ']')"/>
    <span class="supplied leiden{if (@cert = 'low') then ' cert-low' else ''}" title="Supplied by the editor{@reason ! (' (' || . || ')')}">
      <span class="br"><xsl:value-of select="$signs[1]"/></span>
      <xsl:apply-templates/>
      <xsl:if test="@cert = 'low'"><span class="br">?</span></xsl:if>
      <span class="br"><xsl:value-of select="$signs[2]"/></span>
    </span>
  </xsl:template>

  <xsl:template match="tei:gap[te:leiden(.)]">
    <xsl:variable name="n" select="(@quantity[. castable as xs:integer] ! xs:integer(.), @atLeast[. castable as xs:integer] ! xs:integer(.))[1]"/>
    <xsl:variable name="lines" select="@unit = ('line', 'lines')"/>
    <xsl:variable name="inner" select="
      if ($lines) then '- - - - - -'
      else if (exists($n) and $n le 12) then string-join((1 to $n) ! '.', ' ')
      else if (exists($n)) then '- - ' || $n || ' - -'
      else '- - -'"/>
    <span class="gap leiden{if ($lines) then ' gap-lines' else ''}" title="{te:gap-title(.)}">
      <xsl:choose>
        <xsl:when test="@reason = 'illegible'"><xsl:value-of select="$inner"/></xsl:when>
        <xsl:when test="@reason = 'omitted'"><span class="br">⟨</span><xsl:value-of select="$inner"/><span class="br">⟩</span></xsl:when>
        <xsl:otherwise><span class="br">[</span><xsl:value-of select="$inner"/><span class="br">]</span></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- Uncertain letters carry a dot below (U+0323) in the diplomatic view. -->
  <xsl:template match="tei:unclear[te:leiden(.)]">
    <span class="unclear leiden" title="Uncertain reading">
      <span class="dipl-only"><xsl:apply-templates mode="te:underdot"/></span>
      <span class="read-only"><xsl:apply-templates/></span>
    </span>
  </xsl:template>
  <xsl:template match="text()" mode="te:underdot">
    <xsl:value-of select="replace(., '(\S)', '$1&#x323;')"/>
  </xsl:template>
  <xsl:template match="*" mode="te:underdot">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:template match="tei:del[te:leiden(.)]">
    <del class="del leiden" title="Erased in the source"><span class="br">⟦</span><xsl:apply-templates/><span class="br">⟧</span></del>
  </xsl:template>

  <xsl:template match="tei:add[te:leiden(.)]">
    <xsl:variable name="signs" select="if (@place = 'below') then ('/', '\') else if (@place = ('above', 'supralinear')) then ('`', '´') else ('⸌', '⸍')"/>
    <span class="add leiden" title="Added in the source{@place ! (' (' || . || ')')}"><span class="br"><xsl:value-of select="$signs[1]"/></span><xsl:apply-templates/><span class="br"><xsl:value-of select="$signs[2]"/></span></span>
  </xsl:template>

  <xsl:template match="tei:space[te:leiden(.)]">
    <span class="space leiden" title="Space left blank (vacat){string-join((@quantity, @extent, @unit)[normalize-space()], ' ')[.] ! (': ' || .)}"><xsl:value-of select="te:space-before(.)"/><em class="vac">vac.</em><xsl:value-of select="te:space-after(.)"/></span>
  </xsl:template>

  <!-- A list of apparatus entries located by line (EpiDoc's div type="apparatus"). -->
  <xsl:template match="tei:listApp">
    <xsl:element name="{te:tag(., 'ul')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., 'listApp')"/>
      <xsl:for-each select="tei:app">
        <xsl:element name="{te:tag(., 'li')}" namespace="http://www.w3.org/1999/xhtml">
          <xsl:attribute name="class" select="'app-entry'"/>
          <xsl:for-each select="(@loc, @from)[normalize-space()][1]">
            <span class="app-loc"><xsl:value-of select="normalize-space(.)"/></span>
            <xsl:text> </xsl:text>
          </xsl:for-each>
          <xsl:apply-templates select="." mode="te:app-entry"/>
        </xsl:element>
      </xsl:for-each>
      <xsl:apply-templates select="node() except tei:app"/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
