<?xml version="1.0" encoding="UTF-8"?>
<!--
  The web edition. Run with a TEI document as source: its page. Run with the initial
  template "index" or "persons" (and the parameters docs, stems, register): those pages.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="page.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="drama.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="transcr.xsl"/>
  <xsl:include href="epidoc.xsl"/>
  <xsl:include href="textcrit.xsl"/>
  <xsl:include href="names.xsl"/>

  <!-- Polyglot HTML5: well-formed, so the tests parse it as XML; browsers read it as HTML. -->
  <xsl:output method="xhtml" html-version="5" omit-xml-declaration="yes" indent="no" encoding="UTF-8" include-content-type="no"/>

  <xsl:mode use-accumulators="#all"/>
  <xsl:mode name="te:text-only" on-no-match="text-only-copy"/>

  <xsl:template match="/">
    <xsl:call-template name="te:page">
      <xsl:with-param name="title" select="te:title(.)"/>
      <xsl:with-param name="kind" select="if (te:is-introduction(.)) then 'introduction' else 'document'"/>
      <xsl:with-param name="source" select="."/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="te:document">
    <xsl:variable name="id" select="($doc-id[.], te:doc-id(.))[1]"/>
        <article class="document" id="top">
          <xsl:apply-templates select="tei:TEI/tei:teiHeader" mode="te:header">
            <xsl:with-param name="id" select="$id" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:call-template name="te:toc"><xsl:with-param name="heads" select="tei:TEI/tei:text/tei:body//tei:head[te:is-toc-head(.)]"/></xsl:call-template>
          <xsl:apply-templates select="tei:TEI/tei:text | *[not(self::tei:TEI)]"/>
          <xsl:call-template name="te:apparatus">
            <xsl:with-param name="apps" select="(tei:TEI/tei:text | *[not(self::tei:TEI)])//tei:app[te:in-text-app(.)]"/>
          </xsl:call-template>
          <xsl:call-template name="te:footnotes">
            <xsl:with-param name="notes" select=".//tei:text//tei:note[te:is-footnote(.)] | *[not(self::tei:TEI)]//tei:note[te:is-footnote(.)]"/>
          </xsl:call-template>
          <!-- Previous and next document in the edition's order, filled in by the build. -->
          <xsl:comment>te:doc-nav</xsl:comment>
        </article>
  </xsl:template>

  <!-- A table of contents for a long document: from this many headed divisions of the body on. -->
  <xsl:variable name="te:toc-min" as="xs:integer" select="4"/>
  <xsl:template name="te:toc">
    <xsl:param name="heads" as="element(tei:head)*"/>
    <xsl:if test="count($heads) ge $te:toc-min">
      <nav class="toc" aria-labelledby="toc-h">
        <h2 id="toc-h">Contents</h2>
        <ol>
          <xsl:for-each select="$heads">
            <xsl:variable name="depth" select="count(ancestor::*[local-name() = ('div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7')])"/>
            <li class="toc-level-{min(($depth, 4))}"><a href="#{te:head-id(.)}"><xsl:value-of select="normalize-space(string-join(.//text()[not(ancestor::tei:note)], ''))"/></a></li>
          </xsl:for-each>
        </ol>
      </nav>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>