<?xml version="1.0" encoding="UTF-8"?>
<!-- The print edition's typography and editorial honesty, decided here once for every
     document: white space, hyphenation, the volume's one date style, note bodies the source
     does not give. (docs/print-edition.md, "Typography" and "Editorial notes".) -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:js="http://saxonica.com/ns/globalJS"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- Soft hyphens by the text's language: src/publish/print.ts sets this when it has put the
       hyphenation function (teHyphenate, npm "hyphen" patterns) on the global object. -->
  <xsl:param name="hyphenate" as="xs:boolean" select="false()"/>
  <!-- The volume's date style for the contents, the document heads and the list of sources:
       "long" (23 April 1968; 23. April 1968), "month-day" (April 23, 1968), "iso" (1968-04-23),
       "source" (as the TEI writes it). Checked in src/build/config.ts. -->
  <xsl:param name="date-style" as="xs:string" select="'long'"/>

  <!-- ===== White space =====
       The source's double spaces come into the TEI as a space and a no-break space
       (". &#xA0;It would"). In print any run of white space that holds an ordinary space, tab or
       line end is one space; a no-break space at the start or end of a block, or beside an
       element whose text already has a space there, goes. A lone no-break space between words
       ("Andrei&#xA0;Sakharov") is the editor's and stays. -->
  <xsl:variable name="te:space-blocks" as="xs:string*" select="('p', 'ab', 'head', 'item', 'speaker', 'note', 'l', 'cell', 'label', 'dateline', 'signed', 'salute', 'opener', 'closer', 'quote', 'docTitle', 'titlePart', 'byline', 'docDate', 'trailer', 'stage')"/>

  <xsl:function name="te:print-text" as="xs:string">
    <xsl:param name="t" as="text()"/>
    <xsl:variable name="one" select="replace($t, '[ &#x9;&#xA;&#xD;&#xA0;]*[ &#x9;&#xA;&#xD;][ &#x9;&#xA;&#xD;&#xA0;]*', ' ')"/>
    <xsl:variable name="prev" select="$t/preceding-sibling::node()[1]"/>
    <xsl:variable name="next" select="$t/following-sibling::node()[1]"/>
    <xsl:variable name="block" select="exists($t/parent::*[local-name() = $te:space-blocks])"/>
    <xsl:variable name="start" select="
      if (($block and empty($prev)) or ($prev instance of element() and not($prev/self::tei:note) and matches(string($prev), '[ &#x9;&#xA;&#xD;&#xA0;]$')))
      then replace($one, '^[ &#x9;&#xA;&#xD;&#xA0;]+', '') else $one"/>
    <xsl:variable name="spaced" select="
      if (($block and empty($next)) or ($next instance of element() and not($next/self::tei:note) and matches(string($next), '^[ &#x9;&#xA;&#xD;&#xA0;]')))
      then replace($start, '[ &#x9;&#xA;&#xD;&#xA0;]+$', '') else $start"/>
    <xsl:sequence select="if ($hyphenate and te:hyphenates($t)) then te:hyphenated($spaced, $t) else $spaced"/>
  </xsl:function>

  <!-- Running text is hyphenated; names, speakers' labels, headings and the front matter (set
       centred) are not. -->
  <xsl:function name="te:hyphenates" as="xs:boolean">
    <xsl:param name="t" as="text()"/>
    <xsl:sequence select="exists($t/ancestor::tei:text) and empty($t/ancestor::*[self::tei:front or self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:name or self::tei:speaker or self::tei:head or self::tei:ref or self::tei:ptr or self::tei:idno or self::tei:foreign[not(@xml:lang)] or self::tei:num or self::tei:date or self::tei:docTitle or self::tei:titlePart])"/>
  </xsl:function>

  <xsl:function name="te:hyphenated" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:param name="t" as="text()"/>
    <xsl:sequence select="if (matches($s, '\p{L}{6}')) then string(js:teHyphenate($s, string(($t/ancestor::*[@xml:lang][1]/@xml:lang, 'en')[1]))) else $s"/>
  </xsl:function>

  <!-- Every text of the document goes through te:print-text, but what the web edition's own
       templates write (lists, cast lists: they write the text themselves); white space alone
       between elements is the web's (or the zero-width space's, in document.xsl). -->
  <xsl:template match="tei:text//text()[normalize-space() or contains(., '&#xA0;')][not(parent::tei:list or parent::tei:listBibl or parent::tei:castList or parent::tei:castGroup)]" priority="1">
    <xsl:value-of select="te:print-text(.)"/>
  </xsl:template>

  <!-- ===== Dates =====
       The contents, the document heads and the list of sources give each date in the volume's
       one style, made from the date's machine-readable value (@when: YYYY, YYYY-MM,
       YYYY-MM-DD). A date without one is printed as the TEI writes it, never re-read. -->
  <xsl:variable name="te:month-names" as="map(xs:string, xs:string+)" select="map {
    'en': ('January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'),
    'de': ('Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'),
    'fr': ('janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'),
    'es': ('enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'),
    'it': ('gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'),
    'nl': ('januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december')
  }"/>

  <!-- The date in the volume's style, or () when it has no value that can be read. -->
  <xsl:function name="te:styled-date" as="xs:string?">
    <xsl:param name="d" as="element()?"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="when" select="normalize-space($d/@when)"/>
    <xsl:variable name="l" select="lower-case(tokenize($lang, '[-_]')[1])"/>
    <xsl:variable name="months" select="$te:month-names($l)"/>
    <xsl:choose>
      <xsl:when test="$date-style = 'source' or not(matches($when, '^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$'))"/>
      <xsl:when test="string-length($when) = 10 and not($when castable as xs:date)"/>
      <xsl:when test="$date-style = 'iso' or (empty($months) and string-length($when) gt 4)"><xsl:sequence select="$when"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="y" select="substring($when, 1, 4)"/>
        <xsl:variable name="mi" as="xs:integer?" select="if (string-length($when) ge 7) then xs:integer(substring($when, 6, 2)) else ()"/>
        <xsl:variable name="m" as="xs:string?" select="if (exists($mi)) then subsequence($months, $mi, 1) else ()"/>
        <xsl:variable name="day" select="if (string-length($when) = 10) then xs:integer(substring($when, 9, 2)) else ()"/>
        <xsl:sequence select="
          if (empty($m)) then $y
          else if (empty($day)) then (if ($l = 'es') then $m || ' de ' || $y else $m || ' ' || $y)
          else if ($date-style = 'month-day' and $l = 'en') then $m || ' ' || $day || ', ' || $y
          else if ($l = 'de') then $day || '. ' || $m || ' ' || $y
          else if ($l = 'es') then $day || ' de ' || $m || ' de ' || $y
          else if ($l = 'fr' and $day = 1) then '1er ' || $m || ' ' || $y
          else $day || ' ' || $m || ' ' || $y"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The date as text (contents, list of sources). -->
  <xsl:function name="te:print-date" as="xs:string">
    <xsl:param name="d" as="element()?"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:sequence select="(te:styled-date($d, $lang), normalize-space($d))[1]"/>
  </xsl:function>

  <!-- The date as an element (the document's date line). -->
  <xsl:template name="te:date-line">
    <xsl:param name="d" as="element()"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:variable name="styled" select="te:styled-date($d, $lang)"/>
    <xsl:choose>
      <xsl:when test="exists($styled)"><time datetime="{normalize-space($d/@when)}"><xsl:value-of select="$styled"/></time></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="$d"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Note bodies the source does not give =====
       The importer writes such a note as a gap the source made (gap[@agent = 'source'], no
       description): the web edition says so in the note. On paper the note's number stays in
       the text and no empty note stands at the foot of the page; the document's head says, once,
       for which notes the source gives no text. -->
  <xsl:function name="te:note-missing" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="exists($note/tei:gap[@agent = 'source'][not(tei:desc)]) and empty($note/node()[not(self::tei:gap[@agent = 'source'][not(tei:desc)] or self::text()[not(normalize-space())])])"/>
  </xsl:function>

  <!-- "The source gives no text for notes 1–15." for a document, or nothing. -->
  <xsl:template name="te:missing-notes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="missing" select="$doc/*/tei:text//tei:note[te:is-footnote(.)][te:note-missing(.)]"/>
    <xsl:if test="exists($missing)">
      <xsl:variable name="numbers" select="$missing ! te:note-number(.)"/>
      <p class="doc-editorial">
        <xsl:value-of select="'The source gives no text for ' || (if (count($numbers) = 1) then 'note ' else 'notes ') || te:number-ranges($numbers) || '.'"/>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- "1–3, 5, 7–9" from note numbers in order; numbers that are not integers stand alone. -->
  <xsl:function name="te:number-ranges" as="xs:string">
    <xsl:param name="numbers" as="xs:string*"/>
    <xsl:variable name="groups" as="xs:string*">
      <xsl:for-each-group select="$numbers" group-adjacent="if (. castable as xs:integer) then xs:integer(.) - position() else 'x' || position()">
        <xsl:sequence select="if (count(current-group()) ge 2) then current-group()[1] || '–' || current-group()[last()] else current-group()"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="string-join($groups, ', ')"/>
  </xsl:function>
</xsl:stylesheet>
