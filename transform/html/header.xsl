<?xml version="1.0" encoding="UTF-8"?>
<!-- The header block of a document page, from teiHeader. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:teiHeader" mode="te:header">
    <xsl:param name="id" as="xs:string" tunnel="yes"/>
    <xsl:variable name="file" select="tei:fileDesc"/>
    <xsl:variable name="profile" select="tei:profileDesc"/>
    <xsl:variable name="titles" select="$file/tei:titleStmt/tei:title"/>
    <xsl:variable name="date" select="te:date(.)"/>
    <header class="doc-header">
      <xsl:for-each select="$profile/tei:textClass//tei:term[@type = 'genre']">
        <p class="genre"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <h1>
        <xsl:apply-templates select="($titles[@type = 'main'], $titles)[1]/node()"/>
        <xsl:if test="empty($titles)"><xsl:value-of select="te:title(.)"/></xsl:if>
      </h1>
      <dl class="meta">
        <xsl:if test="$date">
          <dt><xsl:value-of select="te:label('date')"/></dt>
          <dd><xsl:apply-templates select="$date"/></dd>
        </xsl:if>
        <xsl:for-each select="$file/tei:titleStmt/tei:author">
          <dt><xsl:value-of select="te:label('author')"/></dt>
          <dd><xsl:apply-templates/></dd>
        </xsl:for-each>
        <xsl:for-each select="$file/tei:sourceDesc//tei:idno[@type = 'archive']">
          <dt><xsl:value-of select="te:label('archive')"/></dt>
          <dd class="idno"><xsl:apply-templates/></dd>
        </xsl:for-each>
        <xsl:for-each select="$file/tei:titleStmt/tei:respStmt[normalize-space(tei:resp) = ('translation', 'translator', 'Translated by')]">
          <dt><xsl:value-of select="te:label('translator')"/></dt>
          <dd><xsl:value-of select="(tei:persName, tei:name, tei:orgName) ! normalize-space()" separator=", "/></dd>
        </xsl:for-each>
        <xsl:variable name="source" select="($file/tei:sourceDesc/tei:bibl/tei:note[@type = 'source'], $file/tei:sourceDesc/tei:p, $file/tei:sourceDesc/tei:bibl[not(tei:note[@type = 'source'])][not(tei:idno[@type = 'archive'])])"/>
        <xsl:if test="$source">
          <dt><xsl:value-of select="te:label('source')"/></dt>
          <xsl:for-each select="$source"><dd><xsl:apply-templates/></dd></xsl:for-each>
        </xsl:if>
        <xsl:for-each select="$file/tei:publicationStmt/tei:idno[@type = 'record' or not(@type)]">
          <dt><xsl:value-of select="te:label('record')"/></dt>
          <dd class="idno"><xsl:value-of select="."/></dd>
        </xsl:for-each>
        <xsl:for-each select="$profile/tei:textClass//tei:term[@type = 'classification']">
          <dt><xsl:value-of select="te:label('classification')"/></dt>
          <dd><xsl:value-of select="."/></dd>
        </xsl:for-each>
        <xsl:variable name="rights" select="$file/tei:publicationStmt/tei:availability/tei:p | $file/tei:publicationStmt/tei:availability/tei:licence | $file/tei:publicationStmt/tei:p"/>
        <xsl:if test="$rights">
          <dt><xsl:value-of select="te:label('rights')"/></dt>
          <xsl:for-each select="$rights"><dd class="rights"><xsl:apply-templates/></dd></xsl:for-each>
        </xsl:if>
        <dt><xsl:value-of select="te:label('tei')"/></dt>
        <dd><a href="tei/{$id}.xml" type="application/tei+xml">TEI-XML of this document</a></dd>
      </dl>
      <xsl:for-each select="$profile/tei:abstract">
        <section class="abstract" aria-labelledby="abstract-h">
          <h2 id="abstract-h"><xsl:value-of select="te:label('abstract')"/></h2>
          <xsl:apply-templates/>
        </section>
      </xsl:for-each>
      <xsl:call-template name="te:cite">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="date" select="$date"/>
      </xsl:call-template>
      <xsl:variable name="people" select="$profile/tei:particDesc//tei:person"/>
      <xsl:if test="$people">
        <section class="participants-meta" aria-labelledby="participants-h">
          <h2 id="participants-h"><xsl:value-of select="te:label('participants')"/></h2>
          <ul>
            <xsl:for-each select="$people">
              <li>
                <a href="persons.html#{te:person-key('#' || @xml:id, .)}"><xsl:value-of select="te:person-name(.)"/></a>
                <xsl:variable name="extra" select="(tei:persName//tei:roleName, tei:roleName, tei:affiliation) ! normalize-space()[.]"/>
                <xsl:if test="exists($extra) or @role">
                  <xsl:text> (</xsl:text>
                  <xsl:value-of select="te:distinct-strings(($extra, @role ! string()))" separator=", "/>
                  <xsl:text>)</xsl:text>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>
    </header>
  </xsl:template>

  <!-- Cite this: Chicago and MLA, with the page's permanent address (base-url + page; without
       base-url, edition.js writes the address the page was read from). -->
  <xsl:template name="te:cite">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="date" as="element()?"/>
    <xsl:variable name="file" select="tei:fileDesc"/>
    <xsl:variable name="title" select="te:title(.)"/>
    <xsl:variable name="when" select="normalize-space($date)"/>
    <xsl:variable name="archive" select="normalize-space(($file/tei:sourceDesc//tei:idno[@type = 'archive'])[1])"/>
    <xsl:variable name="translator" select="normalize-space(($file/tei:titleStmt/tei:respStmt[normalize-space(tei:resp) = ('translation', 'translator')]/(tei:persName, tei:name))[1])"/>
    <xsl:variable name="page" select="$id || '.html'"/>
    <xsl:variable name="url" as="node()">
      <xsl:choose>
        <xsl:when test="$base-url"><span class="cite-url"><xsl:value-of select="$base-url || $page"/></span></xsl:when>
        <xsl:otherwise><span class="cite-url" data-page="{$page}"><xsl:value-of select="$page"/></span></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <details class="cite">
      <summary>Cite this</summary>
      <p><span class="cite-style">Chicago</span>
        <span class="citation chicago">“<xsl:value-of select="$title"/>,” <xsl:value-of select="string-join(($when, $archive)[.], ', ')"/>.<xsl:if test="$translator"> Translated by <xsl:value-of select="$translator"/>.</xsl:if><xsl:text> </xsl:text><cite><xsl:value-of select="$edition-title"/></cite>. <xsl:copy-of select="$url"/>.</span></p>
      <p><span class="cite-style">MLA</span>
        <span class="citation mla">“<xsl:value-of select="$title"/>.” <xsl:value-of select="string-join(($when, $archive)[.], '. ')"/>.<xsl:if test="$translator"> Translated by <xsl:value-of select="$translator"/>.</xsl:if><xsl:text> </xsl:text><cite><xsl:value-of select="$edition-title"/></cite>, <xsl:copy-of select="$url"/>.</span></p>
    </details>
  </xsl:template>
</xsl:stylesheet>
