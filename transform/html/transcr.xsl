<?xml version="1.0" encoding="UTF-8"?>
<!-- Transcription: highlighting, and the editor's and the scribe's interventions. In the
     edition's documents the brackets of ENCODING.md are drawn back; in an inscription's edition
     (EpiDoc: div type="edition") the Leiden conventions (epidoc.xsl). The diplomatic view (the
     default, and the only one without JavaScript) shows the source's forms and every sign;
     the reading view (CSS class view-reading on body) shows the editor's forms and hides what
     .br and .dipl-only mark. Every word of both stays on the page. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- Highlighting, by @rend or @rendition: italic and emphasis as em, bold as strong,
       superscript and subscript as sup and sub; every other look a class (edition.css). -->
  <xsl:template match="tei:hi | tei:emph | tei:foreign | tei:term | tei:mentioned | tei:soCalled">
    <xsl:variable name="classes" select="te:rend-classes(.)"/>
    <xsl:element name="{if (self::tei:emph or $classes = 'rend-italic') then 'em' else if ($classes = 'rend-bold') then 'strong' else if ($classes = 'rend-superscript') then 'sup' else if ($classes = 'rend-subscript') then 'sub' else 'span'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="local-name(), $classes" separator=" "/>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- [the DPRK]: words added by the editor. -->
  <xsl:template match="tei:supplied">
    <span class="supplied{if (@cert = 'low') then ' cert-low' else ''}" title="Supplied by the editor{@reason ! (' (' || . || ')')}">
      <span class="br">[</span>
      <xsl:apply-templates/>
      <xsl:if test="@cert = 'low'"><span class="br">?</span></xsl:if>
      <span class="br">]</span>
    </span>
  </xsl:template>

  <!-- Ch’oe Dwu Sen [sic] -->
  <xsl:template match="tei:sic">
    <span class="sic"><xsl:apply-templates/></span>
    <xsl:text> </xsl:text>
    <span class="sic-mark" title="Thus in the source"><span class="br">[</span>sic<span class="br">]</span></span>
  </xsl:template>

  <!-- A one-word correction after the word it corrects: [corr]. -->
  <xsl:template match="tei:corr">
    <span class="corr" title="Correction"><span class="br">[</span><xsl:apply-templates/><span class="br">]</span></span>
  </xsl:template>

  <!-- choice: the source's form in the diplomatic view, the editor's in the reading view. A
       correction (sic/corr) is drawn as in the edition's brackets, "teh [the]"; an abbreviation
       and a regularised spelling switch, the other form in a tooltip. -->
  <xsl:template match="tei:choice">
    <xsl:variable name="orig" select="(tei:sic, tei:orig, tei:abbr, tei:seg)[1]"/>
    <xsl:variable name="reg" select="(tei:corr, tei:reg, tei:expan, tei:seg[2])[1]"/>
    <span class="choice">
      <span class="dipl-only">
        <xsl:if test="$reg and not($orig/self::tei:sic)"><xsl:attribute name="title" select="normalize-space($reg)"/></xsl:if>
        <xsl:apply-templates select="$orig/node()"/>
        <xsl:if test="$reg and $orig/self::tei:sic"><xsl:text> </xsl:text><span class="br">[</span><xsl:apply-templates select="$reg/node()"/><span class="br">]</span></xsl:if>
      </span>
      <span class="read-only">
        <xsl:if test="$orig and $reg"><xsl:attribute name="title" select="normalize-space($orig)"/></xsl:if>
        <xsl:apply-templates select="($reg, $orig)[1]/node()"/>
      </span>
    </span>
  </xsl:template>

  <!-- An abbreviation outside choice: its expansion's parts; the expansion's supplied letters
       (ex) in parentheses, the abbreviation's marks (am) in the diplomatic view only. -->
  <xsl:template match="tei:expan | tei:abbr">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:ex">
    <span class="ex" title="Expansion"><span class="br">(</span><xsl:apply-templates/><span class="br">)</span></span>
  </xsl:template>
  <xsl:template match="tei:am">
    <span class="am dipl-only"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- […] or [line cut off]; how much is missing, in the tooltip. -->
  <xsl:template match="tei:gap">
    <span class="gap" title="{te:gap-title(.)}">
      <span class="br">[</span>
      <xsl:choose>
        <xsl:when test="tei:desc"><xsl:apply-templates select="tei:desc/node()"/></xsl:when>
        <xsl:otherwise>…</xsl:otherwise>
      </xsl:choose>
      <span class="br">]</span>
    </span>
  </xsl:template>

  <xsl:function name="te:gap-title" as="xs:string">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="size" select="string-join(($gap/@quantity, $gap/@extent[not(. = 'unknown')], $gap/@unit)[normalize-space()], ' ')"/>
    <xsl:sequence select="string-join(('Gap', $gap/@reason ! string(), $size[.]), ': ')"/>
  </xsl:function>

  <!-- [word?] -->
  <xsl:template match="tei:unclear">
    <span class="unclear" title="Uncertain reading{@reason ! (' (' || . || ')')}"><span class="br">[</span><xsl:apply-templates/><span class="br">?]</span></span>
  </xsl:template>

  <!-- Damaged but legible in the source: marked, the words kept. -->
  <xsl:template match="tei:damage">
    <span class="damage" title="Damaged in the source{@agent ! (' (' || . || ')')}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Space left blank in the source: a gap in the line, never two words glued together. -->
  <xsl:template match="tei:space">
    <xsl:variable name="line" select="@unit = ('line', 'lines')"/>
    <span class="space{if ($line) then ' space-line' else ''}" title="Space left blank in the source{string-join((@quantity, @extent, @unit)[normalize-space()], ' ')[.] ! (': ' || .)}">
      <xsl:text> </xsl:text>
      <span class="dipl-only space-mark" aria-hidden="true">␣</span>
      <xsl:text> </xsl:text>
    </span>
  </xsl:template>

  <!-- [stamp:] Personal Classified Information -->
  <xsl:template match="tei:stamp">
    <span class="stamp">
      <xsl:if test="not(@type)"><span class="dipl-only">[stamp:] </span></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Highly Confidential (handwritten). The first handNote of that id: a TEI with the id twice
       (invalid, but the web edition still shows it) must not make normalize-space() fail. An
       addition above or below the line, or in the margin, is marked so in the diplomatic view. -->
  <xsl:template match="tei:add">
    <xsl:variable name="hand" select="if (starts-with(@hand, '#')) then (root(.)//tei:handNote[@xml:id = substring-after(current()/@hand, '#')])[1] else ()"/>
    <xsl:variable name="place" select="tokenize(normalize-space(@place), ' ')[1]"/>
    <span class="add{if (@hand) then ' hand' else ''}{$place[. = ('above', 'below', 'margin', 'left', 'right', 'top', 'bottom', 'supralinear', 'infralinear', 'overwritten')] ! (' add-' || .)}">
      <xsl:choose>
        <xsl:when test="$hand"><xsl:attribute name="title" select="normalize-space($hand)"/></xsl:when>
        <xsl:otherwise><xsl:attribute name="title" select="'Added in the source' || $place[.] ! (' (' || . || ')')"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="not(@hand) and $place = ('above', 'below', 'margin', 'left', 'right', 'top', 'bottom', 'supralinear', 'infralinear')"><span class="br">⸌</span></xsl:if>
      <xsl:apply-templates/>
      <xsl:if test="not(@hand) and $place = ('above', 'below', 'margin', 'left', 'right', 'top', 'bottom', 'supralinear', 'infralinear')"><span class="br">⸍</span></xsl:if>
      <xsl:if test="@hand">
        <span class="hand-mark"> (<xsl:value-of select="if (contains(@hand, 'handwritten')) then 'handwritten' else (normalize-space($hand)[.], substring-after(@hand, '#'))[1]"/>)</span>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- Struck out in the source: shown struck through in the diplomatic view, left out of the
       reading view. -->
  <xsl:template match="tei:del">
    <del class="del dipl-only" title="Deleted in the source{@rend ! (' (' || . || ')')}"><xsl:apply-templates/></del>
  </xsl:template>

  <!-- A substitution: the deletion and the addition together. -->
  <xsl:template match="tei:subst">
    <span class="subst"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:gap/tei:desc"/>

  <!-- A glyph: its characters, else what the glyph declaration names. -->
  <xsl:template match="tei:g">
    <span class="g">
      <xsl:choose>
        <xsl:when test="normalize-space(.)"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise><xsl:value-of select="te:glyph(.)"/></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:function name="te:glyph" as="xs:string">
    <xsl:param name="g" as="element(tei:g)"/>
    <xsl:variable name="id" select="substring-after(normalize-space($g/@ref), '#')"/>
    <xsl:variable name="decl" select="(root($g)//tei:charDecl/(tei:char | tei:glyph)[@xml:id = $id])[1]"/>
    <xsl:sequence select="(normalize-space(($decl/tei:mapping)[1])[.], map { 'interpunct': '·', 'dipunct': ':', 'hedera': '❦', 'stop': '·', 'leaf': '❦' }($id), '·')[1]"/>
  </xsl:function>

  <!-- The editor's deletions of words in the source ({ }), restorations and excisions. -->
  <xsl:template match="tei:surplus">
    <span class="surplus" title="Superfluous in the source"><span class="br">{</span><xsl:apply-templates/><span class="br">}</span></span>
  </xsl:template>
  <xsl:template match="tei:secl">
    <span class="secl" title="Secluded by the editor"><span class="br">[[</span><xsl:apply-templates/><span class="br">]]</span></span>
  </xsl:template>
  <xsl:template match="tei:handShift">
    <span class="handShift" title="Another hand{@new ! (': ' || substring-after(., '#'))}"><span class="dipl-only br">‖</span></span>
  </xsl:template>
</xsl:stylesheet>
