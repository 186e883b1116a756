<?xml version="1.0" encoding="UTF-8"?>
<!-- Drama and performance: speaker turns as dialogue, each speaker linked to the persons index;
     the cast list as a list; stage directions set apart; verse lines (l) with their number at
     every fifth line, stanzas (lg); spoken texts (u, pause, vocal, kinesic, incident). -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:sp">
    <xsl:variable name="key" select="te:person-key(@who, .)"/>
    <xsl:element name="{te:tag(., 'div')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., 'sp' || (if (tei:speaker) then '' else ' sp-unlabelled'))"/>
      <xsl:attribute name="id" select="te:block-id(.)"/>
      <xsl:if test="$key"><xsl:attribute name="data-who" select="$key"/></xsl:if>
      <xsl:if test="not(tei:speaker) and $key">
        <!-- A turn without label: name the speaker discreetly (editorial, not in the source). -->
        <xsl:element name="{te:tag(., 'p')}" namespace="http://www.w3.org/1999/xhtml">
          <xsl:attribute name="class" select="'speaker implied'"/>
          <a href="persons.html#{$key}" title="Speaker (not labelled in the source)">
            <xsl:value-of select="(key('te:person', substring-after(@who, '#'), root(.))[1] ! te:person-name(.), $key)[1]"/>
          </a>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates select="tei:speaker"/>
      <xsl:element name="{te:tag(., 'div')}" namespace="http://www.w3.org/1999/xhtml">
        <xsl:attribute name="class" select="'turn'"/>
        <xsl:apply-templates select="node() except tei:speaker"/>
      </xsl:element>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <xsl:variable name="key" select="te:person-key(../@who, .)"/>
    <xsl:element name="{te:tag(., 'p')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="'speaker'"/>
      <xsl:choose>
        <xsl:when test="$key and not(.//tei:persName[@ref] | .//tei:ref)">
          <a href="persons.html#{$key}"><xsl:apply-templates/></a>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- A stage direction: a paragraph of its own between speeches, in italics within a line. -->
  <xsl:template match="tei:stage">
    <xsl:element name="{te:tag(., if (*[local-name() = $te:blocks]) then 'div' else 'p')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="string-join(('stage', if (te:in-phrase(.)) then 'stage-inline' else (), @type ! ('stage-' || .)), ' ')"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- The cast list: a list of roles with their descriptions (and actors), groups nested. -->
  <xsl:template match="tei:castList">
    <xsl:element name="{te:tag(., 'div')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., 'castList')"/>
      <xsl:apply-templates select="tei:head"/>
      <xsl:element name="{te:tag(., 'ul')}" namespace="http://www.w3.org/1999/xhtml">
        <xsl:attribute name="class" select="'cast'"/>
        <xsl:apply-templates select="node() except tei:head"/>
      </xsl:element>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:castGroup">
    <xsl:element name="{te:tag(., 'li')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="'castGroup'"/>
      <xsl:apply-templates select="tei:head"/>
      <xsl:element name="{te:tag(., 'ul')}" namespace="http://www.w3.org/1999/xhtml">
        <xsl:apply-templates select="node() except (tei:head | tei:roleDesc | tei:trailer)"/>
      </xsl:element>
      <xsl:apply-templates select="tei:roleDesc | tei:trailer"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:castItem">
    <xsl:element name="{te:tag(., 'li')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="'castItem'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:castList/text()[normalize-space()] | tei:castGroup/text()[normalize-space()]">
    <xsl:element name="{if (te:in-phrase(..)) then 'span' else 'li'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="'castItem'"/>
      <xsl:value-of select="."/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:role | tei:roleDesc | tei:actor">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:set">
    <xsl:element name="{te:tag(., 'div')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., 'set')"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:spGrp">
    <xsl:element name="{te:tag(., 'div')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., 'spGrp')"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Verse: a stanza, and a line with its number at every fifth line (@n where the TEI numbers
       its lines; a line split among speakers, @part M or F, continues the number of its start). -->
  <xsl:template match="tei:lg">
    <xsl:element name="{te:tag(., 'div')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., string-join(('lg', @type), ' '))"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:l">
    <xsl:variable name="n" select="te:verse-number(.)"/>
    <span class="l{@part[. = ('I', 'M', 'F', 'i', 'm', 'f')] ! (' l-part-' || lower-case(.))}{te:rend-classes(.) ! (' ' || .)}">
      <xsl:if test="exists($n)"><span class="l-n"><xsl:value-of select="$n"/></span></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- The number a verse line shows: every fifth. -->
  <xsl:function name="te:verse-number" as="xs:string?">
    <xsl:param name="l" as="element(tei:l)"/>
    <xsl:variable name="n" select="$l/accumulator-before('te:verse')"/>
    <xsl:sequence select="if (not(te:counts-as-verse($l))) then ()
      else if (normalize-space($l/@n) and not($l/@n castable as xs:integer)) then ()
      else string($n)[$n gt 0 and $n mod 5 = 0]"/>
  </xsl:function>

  <!-- Spoken texts: an utterance as a turn (its speaker named), pauses and sounds described. -->
  <xsl:template match="tei:u">
    <xsl:variable name="key" select="te:person-key(@who, .)"/>
    <xsl:element name="{te:tag(., 'div')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., 'sp u')"/>
      <xsl:element name="{te:tag(., 'p')}" namespace="http://www.w3.org/1999/xhtml">
        <xsl:attribute name="class" select="'speaker implied'"/>
        <xsl:value-of select="if (@who) then (key('te:person', substring-after(@who, '#'), root(.))[1] ! te:person-name(.), substring-after(@who, '#')[.], string(@who))[1] else '—'"/>
      </xsl:element>
      <xsl:element name="{te:tag(., if (*[local-name() = $te:blocks]) then 'div' else 'p')}" namespace="http://www.w3.org/1999/xhtml">
        <xsl:attribute name="class" select="'turn'"/>
        <xsl:apply-templates/>
      </xsl:element>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:pause">
    <xsl:value-of select="te:space-before(.)"/><span class="pause" title="Pause{@dur ! (' (' || . || ')')}">(.)</span><xsl:value-of select="te:space-after(.)"/>
  </xsl:template>

  <xsl:template match="tei:vocal | tei:kinesic | tei:incident | tei:writing | tei:shift">
    <xsl:variable name="block" select="(parent::tei:div or parent::tei:body) and not(te:in-phrase(.))"/>
    <xsl:if test="not($block)"><xsl:value-of select="te:space-before(.)"/></xsl:if>
    <xsl:element name="{if ($block) then 'p' else 'span'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="'event ' || local-name()"/>
      <xsl:attribute name="title" select="local-name()"/>
      <span class="br">((</span>
      <xsl:choose>
        <xsl:when test="normalize-space(.)"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise><xsl:value-of select="local-name()"/></xsl:otherwise>
      </xsl:choose>
      <span class="br">))</span>
    </xsl:element>
  </xsl:template>
  <!-- The segments of an utterance, apart. -->
  <xsl:template match="tei:u/tei:seg[preceding-sibling::*]">
    <xsl:text> </xsl:text><span class="seg"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:vocal/tei:desc | tei:kinesic/tei:desc | tei:incident/tei:desc">
    <span class="desc"><xsl:apply-templates/></span>
  </xsl:template>
</xsl:stylesheet>
