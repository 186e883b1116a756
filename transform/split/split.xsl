<?xml version="1.0" encoding="UTF-8"?>
<!-- A file that holds many documents, split into one TEI document each, for the editions
     (src/publish/volume.ts): a teiCorpus (each TEI in it), or a TEI whose text holds two or
     more divisions of type "document" (a FRUS volume). A volume's document takes the volume's
     header with its own title (the division's head) and the volume's title as the series;
     the volume itself becomes one more document, its front and back matter and a list of
     its documents linking to their pages. Anything else: no parts (the file is one document).
     Output: <parts><part suffix="…">TEI</part>…</parts>, in no namespace. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:param name="stem" as="xs:string" select="'volume'"/>
  <xsl:mode on-no-match="shallow-copy"/>
  <xsl:mode name="te:header" on-no-match="shallow-copy"/>
  <xsl:mode name="te:volume" on-no-match="shallow-copy"/>

  <!-- The documents of a volume: divisions of type document not inside another one. -->
  <xsl:variable name="te:documents" select="/tei:TEI/tei:text//tei:div[@type = 'document'][not(ancestor::tei:div[@type = 'document'])]"/>

  <xsl:template match="/">
    <parts xmlns="">
      <xsl:choose>
        <xsl:when test="tei:teiCorpus">
          <xsl:for-each select="tei:teiCorpus//tei:TEI">
            <part xmlns="" suffix="{te:suffix(., position())}"><xsl:copy-of select="."/></part>
          </xsl:for-each>
        </xsl:when>
        <xsl:when test="count($te:documents) ge 2">
          <part xmlns="" suffix=""><xsl:apply-templates select="tei:TEI" mode="te:volume"/></part>
          <xsl:for-each select="$te:documents">
            <part xmlns="" suffix="{te:suffix(., position())}"><xsl:call-template name="te:document"/></part>
          </xsl:for-each>
        </xsl:when>
      </xsl:choose>
    </parts>
  </xsl:template>

  <!-- A part's page name after the file's: its xml:id (what page names may hold), else its number. -->
  <xsl:function name="te:suffix" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:variable name="id" select="replace(normalize-space($e/@xml:id), '[^A-Za-z0-9._-]+', '-')"/>
    <xsl:sequence select="if (matches($id, '^[A-Za-z0-9_]')) then $id else 'd' || $n"/>
  </xsl:function>

  <xsl:function name="te:part-title" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="head" select="normalize-space(string-join($div/tei:head[1]//text()[not(ancestor::tei:note)], ''))"/>
    <xsl:sequence select="if ($head) then $head else 'Document ' || (normalize-space($div/@n)[.], te:suffix($div, 1))[1]"/>
  </xsl:function>

  <!-- One document of the volume. -->
  <xsl:template name="te:document">
    <xsl:variable name="div" select="."/>
    <TEI>
      <xsl:copy-of select="/tei:TEI/@xml:lang"/>
      <!-- The volume's id and the division's: unique in an edition of several volumes. -->
      <xsl:attribute name="xml:id" select="string-join((normalize-space(/tei:TEI/@xml:id)[.], (normalize-space(@xml:id)[.], 'd' || (count(preceding::tei:div[@type = 'document']) + 1))[1]), '-')"/>
      <xsl:apply-templates select="/tei:TEI/tei:teiHeader" mode="te:header">
        <xsl:with-param name="title" select="te:part-title($div)" tunnel="yes"/>
      </xsl:apply-templates>
      <text>
        <xsl:copy-of select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
        <body><xsl:copy-of select="$div"/></body>
      </text>
    </TEI>
  </xsl:template>

  <!-- The volume's header for one of its documents: the document's title; the volume's titles
       as the series it belongs to. -->
  <xsl:template match="tei:titleStmt" mode="te:header">
    <xsl:param name="title" tunnel="yes" as="xs:string"/>
    <xsl:copy>
      <xsl:copy-of select="@*"/>
      <title type="main"><xsl:value-of select="$title"/></title>
      <xsl:for-each select="tei:title[normalize-space()][1]">
        <title level="s"><xsl:value-of select="normalize-space(string-join(.//text(), ''))"/></title>
      </xsl:for-each>
      <xsl:copy-of select="* except tei:title"/>
    </xsl:copy>
  </xsl:template>
  <!-- A date of the whole volume is not the document's: the document's dateline gives it. -->
  <xsl:template match="tei:profileDesc/tei:creation" mode="te:header"/>

  <!-- The volume itself: its header and front and back matter; in place of its documents, a
       list of them linking to their pages. -->
  <xsl:template match="tei:div[@type = 'document'][not(ancestor::tei:div[@type = 'document'])]" mode="te:volume">
    <xsl:if test="empty(preceding-sibling::tei:div[@type = 'document'])">
      <list type="documents">
        <xsl:for-each select="../tei:div[@type = 'document']">
          <item><ref target="{$stem}-{te:suffix(., index-of($te:documents ! generate-id(.), generate-id(.)))}.html"><xsl:value-of select="te:part-title(.)"/></ref></item>
        </xsl:for-each>
      </list>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
