<?xml version="1.0" encoding="UTF-8"?>
<!-- Speaker turns as dialogue, each speaker linked to the persons index. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:sp">
    <xsl:variable name="key" select="te:person-key(@who, .)"/>
    <div class="sp{if (tei:speaker) then '' else ' sp-unlabelled'}" id="{te:block-id(.)}">
      <xsl:if test="$key"><xsl:attribute name="data-who" select="$key"/></xsl:if>
      <xsl:if test="not(tei:speaker) and $key">
        <!-- A turn without label: name the speaker discreetly (editorial, not in the source). -->
        <p class="speaker implied">
          <a href="persons.html#{$key}" title="Speaker (not labelled in the source)">
            <xsl:value-of select="(key('te:person', substring-after(@who, '#'), root(.))[1] ! te:person-name(.), $key)[1]"/>
          </a>
        </p>
      </xsl:if>
      <xsl:apply-templates select="tei:speaker"/>
      <div class="turn">
        <xsl:apply-templates select="node() except tei:speaker"/>
      </div>
    </div>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <xsl:variable name="key" select="te:person-key(../@who, .)"/>
    <p class="speaker">
      <xsl:choose>
        <xsl:when test="$key and not(.//tei:persName[@ref] | .//tei:ref)">
          <a href="persons.html#{$key}"><xsl:apply-templates/></a>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
</xsl:stylesheet>
