<?xml version="1.0" encoding="UTF-8"?>
<!--
  The citation exports of the web edition, in one transformation for the whole edition
  (initial template "cite", parameters docs and stems: the documents' digests, as the index
  pages read them): for every document ID.json (CSL-JSON), ID.bib (BibTeX), ID.ris (RIS), and
  edition.json, edition.bib, edition.ris for the edition as a whole. The result is one JSON
  object: file name (below cite/) → its text. What is exported and why: docs/web-edition.md#citations.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:array="http://www.w3.org/2005/xpath-functions/array"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>

  <xsl:output method="json" indent="no" encoding="UTF-8"/>

  <xsl:variable name="te:json" select="map { 'method': 'json', 'indent': true() }"/>

  <xsl:template name="cite">
    <xsl:sequence select="map:merge((
      for $i in 1 to count($docs) return te:files($stems[$i], te:document-item($docs[$i], $stems[$i])),
      te:files('edition', te:edition-item())
    ), map { 'duplicates': 'use-first' })"/>
  </xsl:template>

  <!-- One item's three files. -->
  <xsl:function name="te:files" as="map(*)">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="item" as="map(*)"/>
    <xsl:sequence select="map {
      $name || '.json': serialize(array { $item }, $te:json) || '&#10;',
      $name || '.bib': te:bibtex($item),
      $name || '.ris': te:ris($item)
    }"/>
  </xsl:function>

  <!-- Names: "Family, Given" a person, any other form a literal name (a group, an institution). -->
  <xsl:function name="te:csl-name" as="map(*)">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="if (matches($name, '^[^,]+,[^,]+$')) then map { 'family': normalize-space(substring-before($name, ',')), 'given': normalize-space(substring-after($name, ',')) } else map { 'literal': $name }"/>
  </xsl:function>

  <xsl:function name="te:csl-date" as="map(*)?">
    <xsl:param name="parts" as="xs:integer*"/>
    <xsl:param name="words" as="xs:string?"/>
    <xsl:sequence select="if (exists($parts)) then map { 'date-parts': array { array { $parts } } } else if (normalize-space($words)) then map { 'literal': normalize-space($words) } else ()"/>
  </xsl:function>

  <!-- A document: CSL type "document" (an unpublished archival document; "manuscript" is for
       a work's manuscript), in the edition (container-title) by its editors. -->
  <xsl:function name="te:document-item" as="map(*)">
    <xsl:param name="tei" as="document-node()"/>
    <xsl:param name="stem" as="xs:string"/>
    <xsl:variable name="date" select="te:date($tei)"/>
    <xsl:variable name="parts" select="te:cite-date-parts($date)"/>
    <xsl:sequence select="map:merge((
      map { 'id': $stem, 'type': 'document', 'title': te:title($tei), 'container-title': $edition-title },
      te:csl-date($parts, te:date-text($date)) ! map { 'issued': . },
      (if (exists($parts)) then () else te:date-text($date)[normalize-space()] ! map { 'note': 'Dated ' || . }),
      let $n := te:cite-editors() ! te:csl-name(.) return if (exists($n)) then map { 'editor': array { $n } } else (),
      let $n := te:cite-translators($tei) ! map { 'literal': . } return if (exists($n)) then map { 'translator': array { $n } } else (),
      te:cite-string('publisher') ! map { 'publisher': . },
      te:cite-archive($tei) ! map { 'archive': . },
      te:cite-archive-location($tei) ! map { 'archive_location': . },
      te:cite-url($stem) ! map { 'URL': . }
    ))"/>
  </xsl:function>

  <!-- The edition: CSL type "book", edited (editor), published by publisher in published. -->
  <xsl:function name="te:edition-item" as="map(*)">
    <xsl:sequence select="map:merge((
      map { 'id': 'edition', 'type': 'book', 'title': $edition-title },
      te:csl-date(te:cite-published-parts(), ()) ! map { 'issued': . },
      let $n := te:cite-editors() ! te:csl-name(.) return if (exists($n)) then map { 'editor': array { $n } } else (),
      te:cite-string('publisher') ! map { 'publisher': . },
      te:cite-string('licence') ! map { 'license': . },
      te:cite-url(()) ! map { 'URL': . }
    ))"/>
  </xsl:function>

  <!-- BibTeX: a document @misc with the edition as booktitle (biblatex and pandoc read it
       as the container; howpublished would be read as the publisher), the edition @book. Every value braced, its special characters escaped; names
       given as one literal are braced so that BibTeX does not split them. -->
  <xsl:function name="te:bib-escape" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <!-- A backslash as a command, braces escaped (te:balanced), then the characters TeX
         treats specially. -->
    <xsl:variable name="t" select="replace(replace(replace(normalize-space($s), '\\', '&#xE000;'), '\{', '&#xE001;'), '\}', '&#xE002;')"/>
    <xsl:variable name="t" select="replace($t, '([&amp;%$#_])', '\\$1')"/>
    <xsl:variable name="t" select="replace(replace($t, '~', '\\textasciitilde{}'), '\^', '\\textasciicircum{}')"/>
    <xsl:variable name="balanced" select="te:balanced($s)"/>
    <xsl:sequence select="replace(replace(replace($t, '&#xE000;', '\\textbackslash{}'), '&#xE001;', if ($balanced) then '\\{' else '\\textbraceleft{}'), '&#xE002;', if ($balanced) then '\\}' else '\\textbraceright{}')"/>
  </xsl:function>

  <!-- Whether the braces of a text pair up: then they are written \{ \} (which every reader
       knows); else as \textbraceleft{} \textbraceright{}, so that BibTeX's count of braces,
       which counts escaped ones too, still comes out even. -->
  <xsl:function name="te:balanced" as="xs:boolean">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="r" select="replace($s, '\{[^{}]*\}', '')"/>
    <xsl:sequence select="if ($r = $s) then not(matches($s, '[{}]')) else te:balanced($r)"/>
  </xsl:function>

  <xsl:function name="te:bib-names" as="xs:string">
    <xsl:param name="names" as="array(*)"/>
    <xsl:sequence select="string-join($names?* ! (if (exists(?family)) then te:bib-escape(?family) || ', ' || te:bib-escape(?given) else '{' || te:bib-escape(?literal) || '}'), ' and ')"/>
  </xsl:function>

  <xsl:function name="te:bibtex" as="xs:string">
    <xsl:param name="item" as="map(*)"/>
    <xsl:variable name="book" select="$item?type = 'book'"/>
    <xsl:variable name="parts" select="$item?issued?('date-parts')?1?*"/>
    <xsl:variable name="fields" select="(
      ['title', '{' || te:bib-escape($item?title) || '}'],
      $item?editor ! ['editor', te:bib-names(.)],
      $item?translator ! ['translator', te:bib-names(.)],
      (if ($book) then () else $item?('container-title') ! ['booktitle', te:bib-escape(.)]),
      $item?publisher ! ['publisher', te:bib-escape(.)],
      $parts[1] ! ['year', string(.)],
      $parts[2] ! ['month', ('jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec')[$parts[2]]],
      (if (exists($parts)) then ['date', string-join(($parts[1] ! format-number(., '0000'), subsequence($parts, 2) ! format-number(., '00')), '-')] else ()),
      $item?URL ! ['url', .],
      $item?archive ! ['archive', te:bib-escape(.)],
      $item?('archive_location') ! ['archivelocation', te:bib-escape(.)],
      (string-join(($item?note, ($item?archive, $item?('archive_location'))[1] ! ('Source: ' || string-join(($item?archive, $item?('archive_location')), ', '))), '. ')[.]) ! ['note', te:bib-escape(.)],
      $item?license ! ['rights', te:bib-escape(.)]
    )"/>
    <xsl:sequence select="'@' || (if ($book) then 'book' else 'misc') || '{' || $item?id || ',&#10;'
      || string-join($fields ! ('  ' || ?1 || ' = ' || (if (?1 = 'month') then ?2 else '{' || ?2 || '}')), ',&#10;') || '&#10;}&#10;'"/>
  </xsl:function>

  <!-- RIS: a document TY GEN (generic: Zotero and EndNote read it as a document), the
       edition TY EDBOOK (an edited book); CRLF line ends; ER last. -->
  <xsl:function name="te:ris" as="xs:string">
    <xsl:param name="item" as="map(*)"/>
    <xsl:variable name="book" select="$item?type = 'book'"/>
    <xsl:variable name="parts" select="$item?issued?('date-parts')?1?*"/>
    <xsl:variable name="name" select="function($n) { if (exists($n?family)) then $n?family || ', ' || $n?given else $n?literal }"/>
    <xsl:variable name="lines" select="(
      ['TY', if ($book) then 'EDBOOK' else 'GEN'],
      ['ID', $item?id],
      ['TI', $item?title],
      $item?editor?* ! ['A2', $name(.)],
      $item?translator?* ! ['A4', $name(.)],
      (if ($book) then () else $item?('container-title') ! ['T2', .]),
      $item?publisher ! ['PB', .],
      $parts[1] ! ['PY', string(.)],
      (if (exists($parts)) then ['DA', string-join(($parts[1] ! format-number(., '0000'), (subsequence($parts, 2), 0, 0)[position() le 2] ! (if (. = 0) then '' else format-number(., '00'))), '/') || '/'] else ()),
      $item?archive ! ['DP', .],
      $item?('archive_location') ! ['AN', .],
      $item?URL ! ['UR', .],
      $item?note ! ['N1', .],
      $item?license ! ['C1', .]
    )"/>
    <xsl:sequence select="string-join(($lines ! (?1 || '  - ' || normalize-space(?2)), 'ER  - '), '&#13;&#10;') || '&#13;&#10;'"/>
  </xsl:function>
</xsl:stylesheet>
