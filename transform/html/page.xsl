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

  <xsl:template name="te:page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="kind" as="xs:string"/>
    <!-- The content is written in place (no temporary tree: copying it costs as much as making it). -->
    <xsl:param name="source" as="node()?" select="()"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> · <xsl:value-of select="$edition-title"/></title>
        <link rel="stylesheet" href="edition.css"/>
        <xsl:if test="$kind = 'search'"><script src="search.js" defer="defer"></script></xsl:if>
        <script src="edition.js" defer="defer"></script>
      </head>
      <body class="page-{$kind} view-diplomatic">
        <a class="skip" href="#main">Skip to the text</a>
        <header class="site">
          <p class="site-title"><a href="index.html"><xsl:value-of select="$edition-title"/></a></p>
          <nav aria-label="Edition">
            <ul>
              <li><a href="index.html"><xsl:if test="$kind = 'index'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Documents</a></li>
              <xsl:if test="$intro-stem">
                <li><a href="{$intro-stem}.html"><xsl:if test="$kind = 'introduction'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Introduction</a></li>
              </xsl:if>
              <li><a href="persons.html"><xsl:if test="$kind = 'persons'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Persons</a></li>
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
        <main id="main" tabindex="-1">
          <xsl:choose>
            <xsl:when test="$kind = 'index'"><xsl:call-template name="te:index-content"/></xsl:when>
            <xsl:when test="$kind = 'persons'"><xsl:call-template name="te:persons-content"/></xsl:when>
            <xsl:when test="$kind = 'search'"><xsl:call-template name="te:search-content"/></xsl:when>
            <xsl:otherwise><xsl:apply-templates select="$source" mode="te:document"/></xsl:otherwise>
          </xsl:choose>
        </main>
        <footer class="site">
          <p>Built by tei-edition from the TEI. <a href="index.html">Documents</a> · <a href="persons.html">Persons</a></p>
        </footer>
      </body>
    </html>
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
