<?xml version="1.0" encoding="UTF-8"?>
<!--
  Citations: what the web page's "Cite this", the exports (transform/cite/cite.xsl: CSL-JSON,
  BibTeX, RIS) and the print volume's "Cite as" say, from one place. The edition's side comes
  from the configuration (parameter cite-meta, a JSON object: editors, publisher, published,
  licence; base-url); the document's side from its TEI header. See docs/web-edition.md#citations.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:array="http://www.w3.org/2005/xpath-functions/array"
  exclude-result-prefixes="#all">

  <!-- The edition's citation data (src/publish/edition-files.ts, citeMeta). -->
  <xsl:param name="cite-meta" as="xs:string?" select="()"/>

  <xsl:variable name="te:cite-meta" as="map(*)" select="if (normalize-space($cite-meta)) then parse-json($cite-meta) else map {}"/>

  <!-- The editors as the configuration gives them ("Family, Given" for a person, any other
       form as written: a group, an institution). -->
  <xsl:function name="te:cite-editors" as="xs:string*">
    <xsl:sequence select="(if ($te:cite-meta?editors instance of array(*)) then $te:cite-meta?editors?* else ()) ! normalize-space(string(.))[.]"/>
  </xsl:function>

  <!-- A name as it is read: "Family, Given" turned round, any other form as it is. -->
  <xsl:function name="te:display-name" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="if (matches($name, '^[^,]+,[^,]+$')) then normalize-space(substring-after($name, ',')) || ' ' || normalize-space(substring-before($name, ',')) else $name"/>
  </xsl:function>

  <!-- "A", "A and B", "A, B, and C". -->
  <xsl:function name="te:and-list" as="xs:string">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:variable name="n" select="count($names)"/>
    <xsl:sequence select="if ($n le 2) then string-join($names, ' and ') else string-join(subsequence($names, 1, $n - 1), ', ') || ', and ' || $names[$n]"/>
  </xsl:function>

  <xsl:function name="te:cite-string" as="xs:string?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="$te:cite-meta($key)[. instance of xs:string] ! normalize-space(.)[.]"/>
  </xsl:function>

  <!-- The year the edition was published (the configuration's "published"), if given. -->
  <xsl:function name="te:cite-year" as="xs:string?">
    <xsl:sequence select="te:cite-string('published') ! substring(., 1, 4)"/>
  </xsl:function>

  <!-- The permanent address of a page (base-url + page); none without base-url: a citation
       never carries the address of the machine it was built or served on. -->
  <xsl:function name="te:cite-url" as="xs:string?">
    <xsl:param name="stem" as="xs:string?"/>
    <xsl:sequence select="if (normalize-space($base-url)) then $base-url || (if ($stem) then $stem || '.html' else '') else ()"/>
  </xsl:function>

  <!-- Where the source is kept: the msIdentifier's repository (with its place and collection),
       else the archive named by an idno[@type = 'archive'] in the source description. -->
  <xsl:function name="te:cite-archive" as="xs:string?">
    <xsl:param name="tei" as="node()"/>
    <xsl:variable name="src" select="root($tei)/*/tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
    <xsl:variable name="ms" select="($src//tei:msIdentifier)[1]"/>
    <xsl:variable name="kept" select="$ms/(tei:repository, tei:institution, tei:settlement, tei:collection)[normalize-space()] ! normalize-space()"/>
    <xsl:sequence select="if (exists($kept)) then string-join($kept, ', ') else ()"/>
  </xsl:function>

  <!-- The source's shelfmark: the msIdentifier's idno, else the archive's reference. -->
  <xsl:function name="te:cite-archive-location" as="xs:string?">
    <xsl:param name="tei" as="node()"/>
    <xsl:variable name="src" select="root($tei)/*/tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
    <xsl:sequence select="(($src//tei:msIdentifier)[1]/(tei:idno, tei:altIdentifier/tei:idno), $src//tei:idno[@type = 'archive'])[normalize-space()][1] ! normalize-space()"/>
  </xsl:function>

  <!-- Who translated the document, if the header says so. -->
  <xsl:function name="te:cite-translators" as="xs:string*">
    <xsl:param name="tei" as="node()"/>
    <xsl:sequence select="root($tei)/*/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:respStmt[tei:resp ! normalize-space() = ('translation', 'translator', 'Translated by')]/(tei:persName, tei:name)[normalize-space()] ! normalize-space()"/>
  </xsl:function>

  <!-- The ISO date (year, month, day as integers; BCE years negative) of a date element. -->
  <xsl:function name="te:cite-date-parts" as="xs:integer*">
    <xsl:param name="d" as="element()?"/>
    <xsl:variable name="v" select="normalize-space(($d/@when, $d/@when-iso, $d/@from, $d/@from-iso, $d/@notBefore, $d/@notBefore-iso)[normalize-space()][1])"/>
    <xsl:sequence select="if (matches($v, '^-?\d{4}(-\d{2}(-\d{2})?)?')) then
        let $neg := starts-with($v, '-'), $parts := tokenize(replace(replace($v, '^-', ''), '^(\d{4}(-\d{2}(-\d{2})?)?).*$', '$1'), '-') ! xs:integer(.)
        return ((if ($neg) then -$parts[1] else $parts[1]), subsequence($parts, 2))
      else ()"/>
  </xsl:function>

  <!-- The edition's date of publication as date parts. -->
  <xsl:function name="te:cite-published-parts" as="xs:integer*">
    <xsl:sequence select="te:cite-string('published') ! tokenize(., '-') ! xs:integer(.)"/>
  </xsl:function>

  <!-- "Edited by A and B. Publisher, 2026." for the edition, as far as it is known. -->
  <xsl:function name="te:cite-edition-tail" as="xs:string">
    <xsl:param name="style" as="xs:string"/>
    <xsl:variable name="eds" select="te:cite-editors() ! te:display-name(.)"/>
    <xsl:variable name="pub" select="string-join((te:cite-string('publisher'), te:cite-year()), ', ')"/>
    <xsl:sequence select="if ($style = 'mla') then string-join((if (exists($eds)) then 'edited by ' || te:and-list($eds) else (), $pub[.]), ', ')
      else string-join((if (exists($eds)) then 'Edited by ' || te:and-list($eds) || '.' else (), $pub[.] ! (. || '.')), ' ')"/>
  </xsl:function>

  <!-- The print volume's "Cite as" (Chicago, an edited book): "A and B, eds. Title. Publisher,
       2026. URL." as far as each is known; the URL only from base-url. -->
  <xsl:function name="te:print-cite-as" as="xs:string">
    <xsl:variable name="eds" select="te:cite-editors() ! te:display-name(.)"/>
    <xsl:variable name="pub" select="string-join((te:cite-string('publisher'), te:cite-year()), ', ')"/>
    <xsl:variable name="parts" select="(
      (if (exists($eds)) then te:and-list($eds) || (if (count($eds) gt 1) then ', eds.' else ', ed.') else ()),
      replace($edition-title, '\.$', '') || '.',
      $pub[.] ! (. || '.'),
      te:cite-url(()) ! (. || '.')
    )"/>
    <xsl:sequence select="string-join($parts, ' ')"/>
  </xsl:function>
</xsl:stylesheet>
