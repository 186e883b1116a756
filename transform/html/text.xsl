<?xml version="1.0" encoding="UTF-8"?>
<!-- Text structure: front, body, back, div, head, p, lists, bibliographies, page markers;
     and the fallback that keeps the text of any element this edition does not know. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- Elements that make a block of their own (HTML p cannot hold them). -->
  <xsl:variable name="te:blocks" as="xs:string*" select="('p', 'div', 'list', 'listBibl', 'table', 'sp', 'lg', 'ab', 'head', 'figure', 'quote', 'listPerson', 'castList', 'floatingText', 'docTitle', 'titlePage', 'opener', 'closer')"/>

  <xsl:template match="tei:teiHeader"/>

  <xsl:template match="tei:text">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:front">
    <section class="front" aria-label="Front matter"><xsl:apply-templates/></section>
  </xsl:template>

  <xsl:template match="tei:body">
    <section class="body" aria-label="Text"><xsl:apply-templates/></section>
  </xsl:template>

  <xsl:template match="tei:back">
    <section class="back" aria-label="Back matter"><xsl:apply-templates/></section>
  </xsl:template>

  <xsl:template match="tei:docTitle | tei:titlePage">
    <div class="{local-name()}"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:titlePart | tei:docDate | tei:docAuthor | tei:byline | tei:dateline | tei:opener | tei:closer | tei:salute | tei:signed">
    <p class="{local-name()}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3">
    <section class="div{@type ! (' div-' || .)}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="tei:head">
    <xsl:variable name="depth" select="min((count(ancestor::tei:div | ancestor::tei:div1 | ancestor::tei:div2 | ancestor::tei:div3) + 1, 6))"/>
    <xsl:element name="h{$depth}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="'head'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:list/tei:head | tei:listBibl/tei:head | tei:table/tei:head | tei:lg/tei:head | tei:figure/tei:head" priority="2">
    <p class="list-head"><xsl:apply-templates/></p>
  </xsl:template>

  <!-- A paragraph: its own id and a permanent link. -->
  <xsl:template match="tei:p | tei:ab">
    <xsl:variable name="id" select="te:block-id(.)"/>
    <xsl:element name="{if (*[local-name() = $te:blocks]) then 'div' else 'p'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:if test="ancestor::tei:text"><xsl:attribute name="id" select="$id"/></xsl:if>
      <xsl:attribute name="class" select="'p'"/>
      <xsl:apply-templates/>
      <xsl:if test="ancestor::tei:body or ancestor::tei:back">
        <xsl:text> </xsl:text>
        <a class="permalink" href="#{$id}" aria-label="Permanent link to this paragraph">¶</a>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- A paragraph that only holds a stamp or an addition (front matter) stays a plain line. -->
  <xsl:template match="tei:front/tei:p" priority="2">
    <p class="front-p" id="{te:block-id(.)}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <xsl:element name="{if (@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')) then 'ol' else 'ul'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="string-join(('list', @type, @rend), ' ')"/>
      <xsl:apply-templates select="node() except tei:head"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:item">
    <li id="{te:block-id(.)}"><xsl:apply-templates/></li>
  </xsl:template>

  <xsl:template match="tei:label">
    <span class="label"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:listBibl">
    <xsl:apply-templates select="tei:head"/>
    <ul class="listBibl"><xsl:apply-templates select="node() except tei:head"/></ul>
  </xsl:template>

  <xsl:template match="tei:listBibl/tei:bibl">
    <li class="bibl" id="{te:block-id(.)}"><xsl:apply-templates/></li>
  </xsl:template>

  <xsl:template match="tei:bibl">
    <span class="bibl"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:title">
    <cite class="title"><xsl:apply-templates/></cite>
  </xsl:template>

  <xsl:template match="tei:idno">
    <span class="idno"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:milestone">
    <hr class="milestone{@rend ! (' ' || .)}"/>
  </xsl:template>

  <!-- Page markers: the source's "(p. N)". -->
  <xsl:template match="tei:pb">
    <span class="pb" role="note" aria-label="Page {@n}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:text>(p. </xsl:text><xsl:value-of select="@n"/><xsl:text>)</xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:lb">
    <br/>
  </xsl:template>

  <xsl:template match="tei:cb | tei:anchor">
    <xsl:if test="@xml:id"><span id="{@xml:id}"></span></xsl:if>
  </xsl:template>

  <xsl:template match="tei:hi | tei:emph | tei:foreign | tei:term | tei:mentioned | tei:soCalled">
    <xsl:variable name="rend" select="string(@rend)"/>
    <xsl:element name="{if (self::tei:emph or contains($rend, 'italic')) then 'em' else if (contains($rend, 'bold')) then 'strong' else 'span'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="local-name(), @rend" separator=" "/>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:q | tei:quote | tei:said">
    <xsl:element name="{if (*[local-name() = $te:blocks]) then 'blockquote' else 'span'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="href" select="te:safe-href(@target)"/>
    <xsl:choose>
      <xsl:when test="$href"><a href="{$href}"><xsl:apply-templates/><xsl:if test="self::tei:ptr"><xsl:value-of select="$href"/></xsl:if></a></xsl:when>
      <xsl:otherwise><span class="ref"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:table">
    <table>
      <xsl:for-each select="tei:head"><caption><xsl:apply-templates/></caption></xsl:for-each>
      <tbody><xsl:apply-templates select="tei:row"/></tbody>
    </table>
  </xsl:template>
  <xsl:template match="tei:row">
    <tr><xsl:apply-templates select="tei:cell"/></tr>
  </xsl:template>
  <xsl:template match="tei:cell">
    <xsl:element name="{if (../@role = 'label' or @role = 'label') then 'th' else 'td'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:lg">
    <div class="lg"><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:l">
    <span class="l"><xsl:apply-templates/></span><br/>
  </xsl:template>

  <xsl:template match="tei:figure">
    <figure><xsl:apply-templates select="node() except tei:graphic"/></figure>
  </xsl:template>

  <!-- Elements this edition does not know: keep their text; a block if they hold blocks. -->
  <xsl:template match="*">
    <xsl:element name="{if (*[local-name() = $te:blocks]) then 'div' else 'span'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="'tei-' || local-name()"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Comments and processing instructions of the TEI stay out of the page. -->
  <xsl:template match="comment() | processing-instruction()"/>
</xsl:stylesheet>
