<?xml version="1.0" encoding="UTF-8"?>
<!-- The book: front matter (half-title, title page, contents), the documents, the back matter
     (list of sources, index of persons); and the single-document book. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- $docs come in the order of the template "order": introductions, then by date.
       "volume" is the whole book in one HTML. For large editions the build lays the book out
       in pieces: "front" (half-title to contents, page numbers filled in afterwards), "part"
       (a run of documents; $doc-number is the number of its first document) and "back"
       (list of sources and index, its page numbers filled in before layout). -->
  <xsl:template name="volume">
    <xsl:call-template name="te:book">
      <xsl:with-param name="class" select="'volume'"/>
      <xsl:with-param name="front" select="true()"/>
      <xsl:with-param name="parts" select="true()"/>
      <xsl:with-param name="back" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template name="front">
    <xsl:call-template name="te:book">
      <xsl:with-param name="class" select="'volume front-only'"/>
      <xsl:with-param name="front" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template name="part">
    <xsl:call-template name="te:book">
      <xsl:with-param name="class" select="'volume part-only'"/>
      <xsl:with-param name="parts" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template name="back">
    <xsl:call-template name="te:book">
      <xsl:with-param name="class" select="'volume back-only'"/>
      <xsl:with-param name="back" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="te:book">
    <xsl:param name="class" as="xs:string"/>
    <xsl:param name="front" as="xs:boolean" select="false()"/>
    <xsl:param name="parts" as="xs:boolean" select="false()"/>
    <xsl:param name="back" as="xs:boolean" select="false()"/>
    <xsl:variable name="intro" as="xs:boolean*" select="$docs ! te:is-introduction(.)"/>
    <html lang="{te:lang($docs)}">
      <xsl:call-template name="te:print-head">
        <xsl:with-param name="title" select="$edition-title"/>
      </xsl:call-template>
      <body class="{$class}">
        <xsl:if test="not($front)"><p class="book-rh te-lead" aria-hidden="true"><xsl:value-of select="$edition-title"/></p></xsl:if>
        <xsl:if test="$front">
          <xsl:call-template name="te:front-matter">
            <xsl:with-param name="intro" select="$intro"/>
            <xsl:with-param name="counters" select="$parts"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="$parts">
          <!-- The number of the first document: given for a part, else 1. Introductions come
               first, so a document's number is its place less the introductions before it. -->
          <xsl:variable name="first" select="if ($front) then 1 else xs:integer(($doc-number, 1)[1])"/>
          <xsl:variable name="intros" select="count($intro[.])"/>
          <xsl:for-each select="1 to count($docs)">
            <xsl:variable name="i" select="."/>
            <xsl:apply-templates select="$docs[$i]" mode="te:print-doc">
              <xsl:with-param name="stem" select="$stems[$i]"/>
              <xsl:with-param name="n" select="if ($intro[$i]) then () else $first + $i - $intros - 1"/>
            </xsl:apply-templates>
          </xsl:for-each>
        </xsl:if>
        <xsl:if test="$back">
          <xsl:call-template name="te:sources"><xsl:with-param name="intro" select="$intro"/></xsl:call-template>
          <xsl:call-template name="te:persons-index"/>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="te:front-matter">
    <xsl:param name="intro" as="xs:boolean*"/>
    <!-- The parts are in this book: the contents' page numbers by target-counter. -->
    <xsl:param name="counters" as="xs:boolean"/>
    <xsl:variable name="page-class" select="if ($counters) then 'toc-page toc-counter' else 'toc-page'"/>
    <xsl:variable name="count" select="count($intro[not(.)])"/>
    <xsl:variable name="intros" select="count($intro[.])"/>
    <section class="half-title">
      <p class="book-rh" aria-hidden="true"><xsl:value-of select="$edition-title"/></p>
      <p class="half-title-text"><xsl:value-of select="$edition-title"/></p>
    </section>
    <section class="title-page">
      <h1 class="book-title"><xsl:value-of select="$edition-title"/></h1>
      <p class="book-sub">
        <xsl:value-of select="if ($count = 1) then 'One document' else $count || ' documents'"/>
        <xsl:if test="$intro = true()"> with an introduction</xsl:if>
      </p>
      <xsl:if test="$edition-author"><p class="book-editor"><xsl:value-of select="$edition-author"/></p></xsl:if>
    </section>
    <section class="imprint">
      <p>Printed from the TEI by tei-edition. Editorial signs: [words] supplied by the editor; [word?] an uncertain reading; […] a gap; [sic] thus in the source.</p>
      <p>Set in Charis SIL.</p>
      <p class="cite-as">Cite as: <xsl:value-of select="te:print-cite-as()"/></p>
    </section>
    <!-- Page numbers: target-counter when the book is laid out in one piece (.toc-counter);
         written into .toc-page by the build when it is laid out in pieces. -->
    <nav class="contents" id="contents">
      <h1 class="contents-title">Contents</h1>
      <ol class="toc">
        <xsl:for-each select="1 to count($docs)">
          <xsl:variable name="i" select="."/>
          <xsl:variable name="d" select="$docs[$i]"/>
          <li class="toc-entry{if ($intro[$i]) then ' toc-intro' else ''}">
            <span class="toc-n"><xsl:value-of select="if ($intro[$i]) then '' else $i - $intros"/></span>
            <span class="toc-title"><xsl:value-of select="(if ($intro[$i]) then 'Introduction: ' else '') || te:title($d)"/></span>
            <xsl:if test="not($intro[$i]) and te:date($d)">
              <span class="toc-date"><xsl:value-of select="te:print-date(te:date($d), te:lang($docs))"/></span>
            </xsl:if>
            <a class="{$page-class}" href="#d-{$stems[$i]}"></a>
          </li>
        </xsl:for-each>
        <li class="toc-entry toc-back"><span class="toc-n"></span><span class="toc-title">List of sources</span><a class="{$page-class}" href="#sources"></a></li>
        <li class="toc-entry toc-back"><span class="toc-n"></span><span class="toc-title">Index of persons</span><a class="{$page-class}" href="#persons"></a></li>
      </ol>
    </nav>
  </xsl:template>

  <!-- One document on its own: the same typography, its number in the volume. -->
  <xsl:template name="single">
    <html lang="{te:lang($docs[1])}">
      <xsl:call-template name="te:print-head">
        <xsl:with-param name="title" select="te:title($docs[1])"/>
      </xsl:call-template>
      <body class="single">
        <xsl:apply-templates select="$docs[1]" mode="te:print-doc">
          <xsl:with-param name="stem" select="$stems[1]"/>
          <xsl:with-param name="book-rh" select="true()"/>
          <xsl:with-param name="n" select="$doc-number[. gt 0] ! xs:integer(.)"/>
        </xsl:apply-templates>
      </body>
    </html>
  </xsl:template>

  <!-- The list of sources: each document's title, date and source note, by number. -->
  <xsl:template name="te:sources">
    <xsl:param name="intro" as="xs:boolean*"/>
    <xsl:variable name="intros" select="count($intro[.])"/>
    <section class="back sources" id="sources">
      <p class="rh" aria-hidden="true">List of sources</p>
      <h1 class="back-title">List of sources</h1>
      <ol class="source-list">
        <xsl:for-each select="1 to count($docs)">
          <xsl:variable name="i" select="."/>
          <xsl:if test="not($intro[$i])">
            <xsl:variable name="d" select="$docs[$i]"/>
            <xsl:variable name="file" select="$d/*/tei:teiHeader/tei:fileDesc"/>
            <li class="source">
              <span class="source-n"><xsl:value-of select="$i - $intros"/></span>
              <span class="source-title"><xsl:value-of select="te:title($d)"/></span>
              <!-- A title that ends in a full stop (“5:00 p.m.”) takes no second one. -->
              <xsl:if test="not(matches(te:title($d), '[.!?]$'))">.</xsl:if>
              <xsl:if test="te:date($d)"><xsl:text> </xsl:text><span class="source-date"><xsl:value-of select="te:print-date(te:date($d), te:lang($docs))"/></span>.</xsl:if>
              <xsl:text> </xsl:text>
              <xsl:variable name="note" select="te:source-note($file)"/>
              <xsl:choose>
                <xsl:when test="$note"><span class="source-note"><xsl:value-of select="$note"/></span></xsl:when>
                <xsl:otherwise><span class="source-note none">No source recorded.</span></xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:if>
        </xsl:for-each>
      </ol>
      <!-- The end of the text: when this is laid out, the index's page numbers are known. -->
      <div class="te-end" data-te-end=""></div>
    </section>
  </xsl:template>

  <!-- Where a document comes from: the source note, else the archive signature, else the
       source description, as one line of text. -->
  <xsl:function name="te:source-note" as="xs:string?">
    <xsl:param name="file" as="element(tei:fileDesc)?"/>
    <xsl:variable name="s" select="$file/tei:sourceDesc"/>
    <xsl:sequence select="(($s/tei:bibl/tei:note[@type = 'source'], $s//tei:idno[@type = 'archive'], $s/tei:p, $s/tei:bibl)[normalize-space()])[1] ! normalize-space()"/>
  </xsl:function>
</xsl:stylesheet>
