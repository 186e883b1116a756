<?xml version="1.0" encoding="UTF-8"?>
<!-- The index of persons: everyone whose name the volume prints (data-p in document.xsl), by
     surname (te:sort-key). The page numbers are not known here: each entry has an empty span[data-ix-pages]
     that the layout (src/publish/pdf-layout.js) fills with the pages where the name stands. -->
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
    <section class="back persons-index" id="persons">
      <p class="rh" aria-hidden="true">Index of persons</p>
      <h1 class="back-title">Index of persons</h1>
      <ul class="index">
        <xsl:for-each select="$registered, $others">
          <!-- Filed by surname (transform/common/name-order.xsl). -->
          <xsl:sort select="te:sort-key(.)"/>
          <xsl:sort select="lower-case(te:person-name(.))"/>
          <xsl:variable name="key" select="if (ancestor::tei:particDesc) then te:person-key('#' || @xml:id, .) else string(@xml:id)"/>
          <xsl:variable name="about" select="te:distinct-strings(((tei:persName//tei:roleName, tei:roleName, tei:affiliation) ! normalize-space(), @role ! string())[.])"/>
          <li class="ix-entry" data-ix="{$key}">
            <span class="ix-name"><xsl:value-of select="if (ancestor::tei:particDesc) then te:person-name(.) else te:index-heading(.)"/></span>
            <xsl:if test="exists($about)"><span class="ix-about">, <xsl:value-of select="$about" separator=", "/></span></xsl:if>
            <xsl:text> </xsl:text>
            <span class="ix-pages" data-ix-pages="{$key}"></span>
          </li>
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
  </xsl:template>
</xsl:stylesheet>
