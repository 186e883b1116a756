<?xml version="1.0" encoding="UTF-8"?>
<!-- The indexes of persons, places and organisations: everyone and everything whose name the
     volume prints (data-p in document.xsl), persons by surname (te:sort-key), places and
     organisations by name, with "see" references from the register's variants that file
     elsewhere. The page numbers are not known here: each entry has an empty span[data-ix-pages]
     that the layout (transform/print/layout.js) fills with the pages where the name stands. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template name="te:persons-index">
    <!-- The keys of every printed name (as data-p is written). -->
    <xsl:variable name="keys" as="xs:string*" select="distinct-values((
      $docs[not(te:is-introduction(.))]/tei:TEI/tei:teiHeader/tei:profileDesc/tei:particDesc//tei:person ! te:person-key('#' || @xml:id, .),
      $docs/*/tei:text//tei:persName[@ref] ! te:person-key(@ref, .),
      $docs/*/tei:text//tei:sp[@who] ! te:person-key(@who, .)
    ))"/>
    <xsl:variable name="registered" select="$register//tei:listPerson/tei:person[@xml:id = $keys]"/>
    <xsl:variable name="others" as="element()*">
      <xsl:for-each-group select="$docs[not(te:is-introduction(.))]/tei:TEI/tei:teiHeader/tei:profileDesc/tei:particDesc//tei:person[not(te:person-key('#' || @xml:id, .) = $registered/@xml:id)]" group-by="te:person-key('#' || @xml:id, .)">
        <xsl:sequence select="current-group()[1]"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:variable name="listed" select="($registered, $others) ! (if (ancestor::tei:particDesc) then te:person-key('#' || @xml:id, .) else string(@xml:id))"/>
    <xsl:variable name="rows" as="element()*">
      <xsl:for-each select="$registered, $others">
        <!-- Filed by surname (transform/common/name-order.xsl). -->
        <xsl:variable name="key" select="if (ancestor::tei:particDesc) then te:person-key('#' || @xml:id, .) else string(@xml:id)"/>
        <xsl:variable name="about" select="te:distinct-strings(((tei:persName//tei:roleName, tei:roleName, tei:affiliation) ! normalize-space(), @role ! string())[.])"/>
        <te:row sort="{te:sort-key(.)}" then="{lower-case(te:person-name(.))}">
          <li class="ix-entry" data-ix="{$key}">
            <span class="ix-name"><xsl:value-of select="if (ancestor::tei:particDesc) then te:person-name(.) else te:index-heading(.)"/></span>
            <xsl:if test="exists($about)"><span class="ix-about">, <xsl:value-of select="$about" separator=", "/></span></xsl:if>
            <xsl:text> </xsl:text>
            <span class="ix-pages" data-ix-pages="{$key}"></span>
          </li>
        </te:row>
      </xsl:for-each>
      <!-- "See" references: a variant of a register person that files under another surname. -->
      <xsl:for-each select="$registered">
        <xsl:variable name="main" select="tokenize(te:sort-key(.), ' ')[1]"/>
        <xsl:variable name="heading" select="te:index-heading(.)"/>
        <xsl:for-each select="te:distinct-strings(tei:persName[not(@type)][position() gt 1] ! normalize-space())[.]">
          <xsl:variable name="variant" as="element()"><tei:person><tei:persName><xsl:value-of select="."/></tei:persName></tei:person></xsl:variable>
          <xsl:if test="tokenize(te:sort-key($variant), ' ')[1] != $main">
            <te:row sort="{te:sort-key($variant)}" then="">
              <li class="ix-entry ix-see"><span class="ix-name"><xsl:value-of select="te:index-heading($variant)"/></span>, <i>see</i><xsl:text> </xsl:text><xsl:value-of select="$heading"/></li>
            </te:row>
          </xsl:if>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <section class="back persons-index" id="persons">
      <p class="rh" aria-hidden="true">Index of persons</p>
      <h1 class="back-title">Index of persons</h1>
      <ul class="index">
        <xsl:for-each select="$rows">
          <xsl:sort select="@sort"/>
          <xsl:sort select="@then"/>
          <xsl:copy-of select="*" copy-namespaces="no"/>
        </xsl:for-each>
        <!-- Names that point to no person of the register or of a document: by their key. -->
        <xsl:for-each select="$keys[not(. = $listed)]">
          <xsl:sort select="lower-case(.)"/>
          <li class="ix-entry" data-ix="{.}">
            <span class="ix-name"><xsl:value-of select="."/></span>
            <xsl:text> </xsl:text>
            <span class="ix-pages" data-ix-pages="{.}"></span>
          </li>
        </xsl:for-each>
      </ul>
    </section>
    <xsl:call-template name="te:entities-index"><xsl:with-param name="kind" select="'place'"/></xsl:call-template>
    <xsl:call-template name="te:entities-index"><xsl:with-param name="kind" select="'org'"/></xsl:call-template>
  </xsl:template>

  <!-- The index of places or of organisations: the register's entries the volume names, by
       name, each variant that files under another word a "see" reference. -->
  <xsl:template name="te:entities-index">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="place" select="$kind = 'place'"/>
    <xsl:variable name="ids" as="xs:string*" select="distinct-values($docs/*/tei:text//(if ($place) then tei:placeName else tei:orgName)[contains(@ref, 'persons.xml#')] ! substring-after(tokenize(normalize-space(@ref), ' ')[1], '#'))"/>
    <xsl:variable name="entries" select="if ($place) then $register//tei:listPlace//tei:place[@xml:id = $ids] else $register//tei:listOrg//tei:org[@xml:id = $ids]"/>
    <xsl:if test="exists($entries)">
      <xsl:variable name="title" select="if ($place) then 'Index of places' else 'Index of organisations'"/>
      <xsl:variable name="rows" as="element()*">
        <xsl:for-each select="$entries">
          <xsl:variable name="names" select="te:distinct-strings((tei:placeName, tei:orgName) ! normalize-space())[.]"/>
          <te:row sort="{te:fold($names[1])}">
            <li class="ix-entry" data-ix="{@xml:id}">
              <span class="ix-name"><xsl:value-of select="$names[1]"/></span>
              <xsl:text> </xsl:text>
              <span class="ix-pages" data-ix-pages="{@xml:id}"></span>
            </li>
          </te:row>
          <xsl:for-each select="$names[position() gt 1][substring(te:fold(.), 1, 1) != substring(te:fold($names[1]), 1, 1) or not(contains(te:fold($names[1]), te:fold(.)))]">
            <te:row sort="{te:fold(.)}">
              <li class="ix-entry ix-see"><span class="ix-name"><xsl:value-of select="."/></span>, <i>see</i><xsl:text> </xsl:text><xsl:value-of select="$names[1]"/></li>
            </te:row>
          </xsl:for-each>
        </xsl:for-each>
      </xsl:variable>
      <section class="back {if ($place) then 'places' else 'orgs'}-index" id="{if ($place) then 'places' else 'orgs'}">
        <p class="rh" aria-hidden="true"><xsl:value-of select="$title"/></p>
        <h1 class="back-title"><xsl:value-of select="$title"/></h1>
        <ul class="index">
          <xsl:for-each select="$rows">
            <xsl:sort select="@sort"/>
            <xsl:copy-of select="*" copy-namespaces="no"/>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
