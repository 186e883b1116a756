<?xml version="1.0" encoding="UTF-8"?>
<!-- Page chrome: head, navigation, view switch, footer. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- File stem of the introduction page, when the edition has one. -->
  <xsl:param name="intro-stem" as="xs:string?" select="()"/>

  <!-- The edition's settings (tei-edition.config.json), each a plain string: the editors one a
       line, the description's paragraphs apart by an empty line; the year of the build. -->
  <xsl:param name="edition-editors" as="xs:string?" select="()"/>
  <xsl:param name="edition-description" as="xs:string?" select="()"/>
  <xsl:param name="edition-publisher" as="xs:string?" select="()"/>
  <xsl:param name="edition-licence" as="xs:string?" select="()"/>
  <xsl:param name="edition-year" as="xs:string?" select="()"/>
  <!-- The edition's own style sheet (web.css), copied as custom.css and linked after edition.css. -->
  <xsl:param name="web-css" as="xs:string?" select="()"/>
  <!-- The edition's page frame (web.template): XHTML whose elements marked data-tei-edition=
       "head" | "header" | "main" | "footer" receive those parts of every page. -->
  <xsl:param name="web-template" as="xs:string?" select="()"/>
  <xsl:variable name="te:frame" as="document-node()?" select="$web-template[normalize-space()] ! parse-xml(.)"/>

  <xsl:template name="te:page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="kind" as="xs:string"/>
    <!-- The content is written in place (no temporary tree: copying it costs as much as making it). -->
    <xsl:param name="source" as="node()?" select="()"/>
    <xsl:choose>
      <xsl:when test="$te:frame">
        <xsl:apply-templates select="$te:frame/node()" mode="te:frame">
          <xsl:with-param name="title" select="$title" tunnel="yes"/>
          <xsl:with-param name="kind" select="$kind" tunnel="yes"/>
          <xsl:with-param name="source" select="$source" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <html lang="en">
          <head><xsl:call-template name="te:head"><xsl:with-param name="title" select="$title"/><xsl:with-param name="kind" select="$kind"/></xsl:call-template></head>
          <body class="page-{$kind} view-diplomatic">
            <xsl:call-template name="te:site-header"><xsl:with-param name="kind" select="$kind"/></xsl:call-template>
            <main id="main" tabindex="-1"><xsl:call-template name="te:main"><xsl:with-param name="kind" select="$kind"/><xsl:with-param name="source" select="$source"/></xsl:call-template></main>
            <footer class="site"><xsl:call-template name="te:site-footer"/></footer>
          </body>
        </html>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="te:head">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="kind" as="xs:string"/>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <title><xsl:value-of select="if ($kind = 'index') then $edition-title else $title || ' · ' || $edition-title"/></title>
    <link rel="stylesheet" href="edition.css"/>
    <xsl:if test="$web-css[normalize-space()]"><link rel="stylesheet" href="custom.css"/></xsl:if>
    <!-- Filled in by the build once the order of the edition is known: rel="prev"/"next". -->
    <xsl:if test="$kind = ('document', 'introduction')"><xsl:comment>te:doc-links</xsl:comment></xsl:if>
    <xsl:if test="$kind = 'search'"><script src="search.js" defer="defer"></script></xsl:if>
    <script src="edition.js" defer="defer"></script>
  </xsl:template>

  <xsl:template name="te:site-header">
    <xsl:param name="kind" as="xs:string"/>
    <a class="skip" href="#main">Skip to the text</a>
    <header class="site">
      <p class="site-title"><a href="index.html"><xsl:value-of select="$edition-title"/></a></p>
      <nav aria-label="Edition">
        <ul>
          <li><a href="index.html#documents"><xsl:if test="$kind = 'index'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Documents</a></li>
          <xsl:if test="$intro-stem">
            <li><a href="{$intro-stem}.html"><xsl:if test="$kind = 'introduction'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Introduction</a></li>
          </xsl:if>
          <li><a href="persons.html"><xsl:if test="$kind = 'persons'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Persons</a></li>
          <li><a href="places.html"><xsl:if test="$kind = 'places'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Places</a></li>
          <li><a href="orgs.html"><xsl:if test="$kind = 'orgs'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Organisations</a></li>
          <li><a href="search.html"><xsl:if test="$kind = 'search'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Search</a></li>
        </ul>
      </nav>
      <xsl:if test="$kind = ('document', 'introduction')">
        <!-- Works only with JavaScript, so it stays hidden without it (the diplomatic view shows). -->
        <fieldset class="view-switch" hidden="hidden">
          <legend>View</legend>
          <label><input type="radio" name="view" value="diplomatic" checked="checked"/> Diplomatic</label>
          <label><input type="radio" name="view" value="reading"/> Reading</label>
        </fieldset>
      </xsl:if>
    </header>
  </xsl:template>

  <xsl:template name="te:main">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="source" as="node()?"/>
    <xsl:choose>
      <xsl:when test="$kind = 'index'"><xsl:call-template name="te:index-content"/></xsl:when>
      <xsl:when test="$kind = 'persons'"><xsl:call-template name="te:persons-content"/></xsl:when>
      <xsl:when test="$kind = ('places', 'orgs')"><xsl:call-template name="te:entities-content"><xsl:with-param name="kind" select="$kind"/></xsl:call-template></xsl:when>
      <xsl:when test="$kind = 'search'"><xsl:call-template name="te:search-content"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="$source" mode="te:document"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="te:site-footer">
    <p>Built by tei-edition from the TEI. <a href="index.html">Edition</a> · <a href="index.html#documents">Documents</a> · <a href="persons.html">Persons</a> · <a href="places.html">Places</a> · <a href="orgs.html">Organisations</a></p>
  </xsl:template>

  <!-- The edition's page frame (web.template): copied as it is, the marked elements filled. -->
  <xsl:template match="*" mode="te:frame">
    <xsl:param name="kind" as="xs:string" tunnel="yes"/>
    <xsl:element name="{local-name()}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:copy-of select="@* except (@data-tei-edition, @class)"/>
      <xsl:variable name="class" select="string-join((@class[normalize-space()], if (self::*:body) then ('page-' || $kind, 'view-diplomatic') else ()), ' ')"/>
      <xsl:if test="$class"><xsl:attribute name="class" select="$class"/></xsl:if>
      <xsl:if test="@data-tei-edition = 'main'"><xsl:attribute name="id" select="'main'"/><xsl:attribute name="tabindex" select="'-1'"/></xsl:if>
      <xsl:choose>
        <xsl:when test="@data-tei-edition = ('head', 'header', 'main', 'footer')"><xsl:call-template name="te:slot"><xsl:with-param name="name" select="string(@data-tei-edition)"/></xsl:call-template></xsl:when>
        <xsl:otherwise><xsl:apply-templates mode="te:frame"/></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>
  <xsl:template match="text()" mode="te:frame"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="te:frame"/>
  <xsl:template name="te:slot">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="title" as="xs:string" tunnel="yes"/>
    <xsl:param name="kind" as="xs:string" tunnel="yes"/>
    <xsl:param name="source" as="node()?" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$name = 'head'"><xsl:call-template name="te:head"><xsl:with-param name="title" select="$title"/><xsl:with-param name="kind" select="$kind"/></xsl:call-template></xsl:when>
      <xsl:when test="$name = 'header'"><xsl:call-template name="te:site-header"><xsl:with-param name="kind" select="$kind"/></xsl:call-template></xsl:when>
      <xsl:when test="$name = 'main'"><xsl:call-template name="te:main"><xsl:with-param name="kind" select="$kind"/><xsl:with-param name="source" select="$source"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="te:site-footer"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Breadcrumbs of a document page: Edition › Documents › this document. -->
  <xsl:template name="te:breadcrumbs">
    <xsl:param name="title" as="xs:string"/>
    <nav class="breadcrumbs" aria-label="Breadcrumbs">
      <ol>
        <li><a href="index.html">Edition</a></li>
        <li><a href="index.html#documents">Documents</a></li>
        <li><span aria-current="page"><xsl:value-of select="$title"/></span></li>
      </ol>
    </nav>
  </xsl:template>

  <!-- Full-text search: the index (search/, in fragments) is built with the edition; search.js
       loads the fragments a query needs as scripts and answers it in the browser, offline. -->
  <xsl:template name="search">
    <xsl:call-template name="te:page">
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="kind" select="'search'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="te:search-content">
    <h1>Search</h1>
    <form class="search" role="search" action="search.html" method="get">
      <label for="q">Words or a phrase</label>
      <input type="search" id="q" name="q" required="required" aria-describedby="search-help"/>
      <button type="submit">Search</button>
      <p id="search-help" class="search-help">All the words are searched for; "words in quotes" as a phrase.</p>
      <fieldset class="search-filters" hidden="hidden">
        <legend>Only documents</legend>
        <label for="search-from">from</label><xsl:text> </xsl:text><input type="text" id="search-from" name="from" size="10" inputmode="numeric" placeholder="yyyy-mm-dd"/><xsl:text> </xsl:text>
        <label for="search-to">to</label><xsl:text> </xsl:text><input type="text" id="search-to" name="to" size="10" inputmode="numeric" placeholder="yyyy-mm-dd"/><xsl:text> </xsl:text>
        <label for="search-person">with</label><xsl:text> </xsl:text><select id="search-person" name="person"><option value="">anyone</option></select><xsl:text> </xsl:text>
        <label for="search-kind">of the kind</label><xsl:text> </xsl:text><select id="search-kind" name="kind"><option value="">any</option></select>
      </fieldset>
    </form>
    <p id="search-status" role="status" aria-live="polite"><span class="no-js">Search works in the browser with JavaScript, from the edition's own files (no server).</span></p>
    <ol id="search-results" class="search-results"></ol>
    <button type="button" id="search-more" hidden="hidden">More results</button>
  </xsl:template>
</xsl:stylesheet>
