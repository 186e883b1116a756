<?xml version="1.0" encoding="UTF-8"?>
<!--
  The print edition: one HTML file with CSS Paged Media, laid out by Paged.js in Chromium
  (src/publish/pdf.ts). Initial templates:
    "order"   the documents' stems in the edition's order (te:order-key in common.xsl: introductions
              first, then by date, the undated by title; one per line);
    "volume"  the book: half-title, title page, contents, introduction, documents, list of
              sources, index of persons (its page numbers are filled in during layout);
    "single"  one document ($docs has one member) with the same typography.
  The text itself is written by the web edition's templates (the diplomatic view: every
  editorial sign drawn); this stylesheet overrides what differs on paper: notes at the foot
  of the page, no links to other pages, every name of a person marked for the index.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../html/html.xsl"/>
  <xsl:include href="book.xsl"/>
  <xsl:include href="document.xsl"/>
  <xsl:include href="index.xsl"/>
  <xsl:include href="typography.xsl"/>

  <xsl:output method="xhtml" html-version="5" omit-xml-declaration="yes" indent="no" encoding="UTF-8" include-content-type="no"/>

  <!-- Who edited the edition (PDF metadata and title page). -->
  <xsl:param name="edition-author" as="xs:string?" select="()"/>
  <!-- For "single": the document's number in the volume (0 or absent for an introduction). -->
  <xsl:param name="doc-number" as="xs:double?" select="()"/>
  <!-- The print stylesheet (print.css after the page size's rules), from src/publish/print.ts:
       the edition's own text, never the input's. -->
  <xsl:param name="print-css" as="xs:string" select="''"/>

  <xsl:mode use-accumulators="#all"/>

  <xsl:template name="order">
    <xsl:variable name="entries" as="xs:string*">
      <xsl:for-each select="$docs">
        <xsl:variable name="i" select="position()"/>
        <xsl:sequence select="te:order-key(.) || '&#9;' || $stems[$i]"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:for-each select="$entries">
      <xsl:sort select="substring-before(., '&#9;')"/>
      <xsl:value-of select="substring-after(., '&#9;') || '&#10;'"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The head of the print page. The style element holds print.css and the page size
       ($print-css, inlined: Paged.js cannot load a linked sheet over file://), written here as
       the content of its own element: no text of the input is ever near it. It is written
       unescaped (CSS has ">" in selectors; the HTML parser reads a style element as raw text);
       print.ts refuses a stylesheet with "<" or "&", so the page stays well-formed XML. -->
  <xsl:template name="te:print-head">
    <xsl:param name="title" as="xs:string"/>
    <head>
      <meta charset="utf-8"/>
      <title><xsl:value-of select="$title"/></title>
      <xsl:if test="$edition-author"><meta name="author" content="{$edition-author}"/></xsl:if>
      <style><xsl:value-of select="$print-css" disable-output-escaping="yes"/></style>
    </head>
  </xsl:template>

  <!-- The language of the edition: the first document's, else English. -->
  <xsl:function name="te:lang" as="xs:string">
    <xsl:param name="tei" as="node()*"/>
    <!-- The first of $tei in their order that has one: a path over several documents would
         sort them in document order, which across documents is the engine's choice. -->
    <xsl:sequence select="(($tei ! tei:TEI/@xml:lang)[1] ! string(), 'en')[1]"/>
  </xsl:function>
</xsl:stylesheet>
