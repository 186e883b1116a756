<?xml version="1.0" encoding="UTF-8"?>
<!-- Editorial interventions drawn back as the brackets of ENCODING.md. The diplomatic view
     (the default, and the only one without JavaScript) shows every sign; the reading view
     (CSS class view-reading on body) hides what .br and .dipl-only mark. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- [the DPRK]: words added by the editor. -->
  <xsl:template match="tei:supplied">
    <span class="supplied{if (@cert = 'low') then ' cert-low' else ''}" title="Supplied by the editor{@reason ! (' (' || . || ')')}">
      <span class="br">[</span>
      <xsl:apply-templates/>
      <xsl:if test="@cert = 'low'"><span class="br">?</span></xsl:if>
      <span class="br">]</span>
    </span>
  </xsl:template>

  <!-- Ch’oe Dwu Sen [sic] -->
  <xsl:template match="tei:sic">
    <span class="sic"><xsl:apply-templates/></span>
    <xsl:text> </xsl:text>
    <span class="sic-mark" title="Thus in the source"><span class="br">[</span>sic<span class="br">]</span></span>
  </xsl:template>

  <!-- A one-word correction after the word it corrects: [corr]. -->
  <xsl:template match="tei:corr">
    <span class="corr" title="Correction"><span class="br">[</span><xsl:apply-templates/><span class="br">]</span></span>
  </xsl:template>

  <!-- choice: the source's form in the diplomatic view, the editor's in the reading view. -->
  <xsl:template match="tei:choice">
    <xsl:variable name="orig" select="(tei:sic, tei:orig, tei:abbr)[1]"/>
    <xsl:variable name="reg" select="(tei:corr, tei:reg, tei:expan)[1]"/>
    <span class="choice">
      <span class="dipl-only"><xsl:apply-templates select="$orig/node()"/>
        <xsl:if test="$reg"><xsl:text> </xsl:text><span class="br">[</span><xsl:apply-templates select="$reg/node()"/><span class="br">]</span></xsl:if>
      </span>
      <span class="read-only"><xsl:apply-templates select="($reg, $orig)[1]/node()"/></span>
    </span>
  </xsl:template>

  <!-- […] or [line cut off] -->
  <xsl:template match="tei:gap">
    <span class="gap" title="{(@reason ! ('Gap: ' || .), 'Gap')[1]}">
      <span class="br">[</span>
      <xsl:choose>
        <xsl:when test="tei:desc"><xsl:apply-templates select="tei:desc/node()"/></xsl:when>
        <xsl:otherwise>…</xsl:otherwise>
      </xsl:choose>
      <span class="br">]</span>
    </span>
  </xsl:template>

  <!-- [word?] -->
  <xsl:template match="tei:unclear">
    <span class="unclear" title="Uncertain reading"><span class="br">[</span><xsl:apply-templates/><span class="br">?]</span></span>
  </xsl:template>

  <!-- [stamp:] Personal Classified Information -->
  <xsl:template match="tei:stamp">
    <span class="stamp">
      <xsl:if test="not(@type)"><span class="dipl-only">[stamp:] </span></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Highly Confidential (handwritten). The first handNote of that id: a TEI with the id twice
       (invalid, but the web edition still shows it) must not make normalize-space() fail. -->
  <xsl:template match="tei:add">
    <xsl:variable name="hand" select="if (starts-with(@hand, '#')) then (root(.)//tei:handNote[@xml:id = substring-after(current()/@hand, '#')])[1] else ()"/>
    <span class="add{if (@hand) then ' hand' else ''}">
      <xsl:if test="$hand"><xsl:attribute name="title" select="normalize-space($hand)"/></xsl:if>
      <xsl:apply-templates/>
      <xsl:if test="@hand">
        <span class="hand-mark"> (<xsl:value-of select="if (contains(@hand, 'handwritten')) then 'handwritten' else (normalize-space($hand)[.], substring-after(@hand, '#'))[1]"/>)</span>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:del">
    <del><xsl:apply-templates/></del>
  </xsl:template>

  <xsl:template match="tei:gap/tei:desc"/>
</xsl:stylesheet>
