<?xml version="1.0" encoding="UTF-8"?>
<!--
  Common to every format: parameters, ids, labels, numbering by accumulators.
  Nothing here writes output; the formats (html/html.xsl) import it.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  exclude-result-prefixes="#all">

  <!-- The page's own name (file stem); the build passes it, else the TEI's xml:id. -->
  <xsl:param name="doc-id" as="xs:string?" select="()"/>
  <!-- All documents of the edition (for the index pages) and their file stems, same order. -->
  <xsl:param name="docs" as="document-node()*" select="()"/>
  <xsl:param name="stems" as="xs:string*" select="()"/>
  <!-- The persons register (source/persons.xml), if any. -->
  <xsl:param name="register" as="document-node()?" select="()"/>
  <!-- Where the edition is published (ending in /), for permanent links in citations. -->
  <xsl:param name="base-url" as="xs:string?" select="()"/>
  <!-- The edition's title, shown on every page. -->
  <xsl:param name="edition-title" as="xs:string" select="'tei-edition: sample edition'"/>

  <!-- Footnotes numbered in one pass (never xsl:number level="any": superlinear in SaxonJS). -->
  <xsl:accumulator name="te:footnote" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:note[te:is-footnote(.)]" select="$value + 1"/>
  </xsl:accumulator>
  <!-- Paragraphs and turns, for ids where the TEI has none. -->
  <xsl:accumulator name="te:block" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:p | tei:text//tei:sp | tei:text//tei:item | tei:text//tei:bibl" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:mode use-accumulators="#all"/>

  <!-- The persons of a document's particDesc, by id (an index: no scan of the document per name). -->
  <xsl:key name="te:person" match="tei:particDesc//tei:person" use="@xml:id"/>

  <!-- A note printed at the foot or end (not a gloss inside the line). -->
  <xsl:function name="te:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="not($note/@place = ('inline', 'margin', 'left', 'right', 'above', 'below')) and not($note/ancestor::tei:teiHeader)"/>
  </xsl:function>

  <xsl:function name="te:doc-id" as="xs:string">
    <xsl:param name="tei" as="node()"/>
    <xsl:sequence select="($doc-id[.], root($tei)/tei:TEI/@xml:id, 'document')[1] ! string()"/>
  </xsl:function>

  <!-- The footnote's number: the @n of the TEI, else its place among the document's notes. -->
  <xsl:function name="te:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if (normalize-space($note/@n)) then normalize-space($note/@n) else string($note/accumulator-before('te:footnote'))"/>
  </xsl:function>

  <xsl:function name="te:note-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if ($note/@xml:id) then string($note/@xml:id) else te:doc-id($note) || '-fn' || $note/accumulator-before('te:footnote')"/>
  </xsl:function>

  <xsl:function name="te:block-id" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="if ($block/@xml:id) then string($block/@xml:id) else te:doc-id($block) || '-b' || $block/accumulator-before('te:block')"/>
  </xsl:function>

  <!-- A person's key in the edition: the register id a pointer leads to (through the
       document's particDesc person and its @sameAs), else the pointer's fragment. -->
  <xsl:function name="te:person-key" as="xs:string?">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="first" select="tokenize(normalize-space($ref), ' ')[1]"/>
    <xsl:variable name="frag" select="if (contains($first, '#')) then substring-after($first, '#') else $first"/>
    <xsl:variable name="local" select="if (starts-with($first, '#')) then key('te:person', $frag, root($context))[1] else ()"/>
    <xsl:sequence select="if ($local/@sameAs) then substring-after($local/@sameAs, '#')[.] else $frag[.]"/>
  </xsl:function>

  <!-- Document metadata. -->
  <xsl:function name="te:title" as="xs:string">
    <xsl:param name="tei" as="node()"/>
    <xsl:variable name="t" select="root($tei)/*/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"/>
    <xsl:sequence select="(normalize-space(string(($t[@type = 'main'], $t, root($tei)//tei:docTitle)[1]))[.], te:doc-id($tei))[1]"/>
  </xsl:function>

  <xsl:function name="te:date" as="element()?">
    <xsl:param name="tei" as="node()"/>
    <xsl:variable name="h" select="root($tei)/*/tei:teiHeader"/>
    <xsl:sequence select="($h/tei:profileDesc/tei:creation/tei:date, $h/tei:fileDesc/tei:sourceDesc//tei:date, root($tei)//tei:docDate)[1]"/>
  </xsl:function>

  <!-- Sort key of a document: its ISO date (when/from/notBefore), else far in the future. -->
  <xsl:function name="te:sort-date" as="xs:string">
    <xsl:param name="tei" as="node()"/>
    <xsl:variable name="d" select="te:date($tei)"/>
    <xsl:sequence select="string(($d/@when, $d/@from, $d/@notBefore, $d/tei:date/@when, '9999')[1])"/>
  </xsl:function>

  <xsl:function name="te:is-introduction" as="xs:boolean">
    <xsl:param name="tei" as="node()"/>
    <xsl:sequence select="exists(root($tei)/*/tei:text/tei:body/tei:div[@type = 'introduction'])"/>
  </xsl:function>

  <!-- The name a person is listed under. -->
  <xsl:function name="te:person-name" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="normalize-space(string(($person/tei:persName[not(@type)], $person/tei:persName, $person/tei:name, $person)[1]))"/>
  </xsl:function>

  <!-- The strings without repeats, in their order. Not distinct-values(): SaxonJS 2.7 hashes each
       string into a trie one character deep per call, so a string of some 10,000 characters (a
       long roleName in a fuzz case) overflows the JavaScript stack. Meant for a person's few
       roles: it compares each string with those before it. -->
  <xsl:function name="te:distinct-strings" as="xs:string*">
    <xsl:param name="strings" as="xs:string*"/>
    <xsl:sequence select="for $i in 1 to count($strings) return $strings[$i][not(. = subsequence($strings, 1, $i - 1))]"/>
  </xsl:function>

  <!-- Only these schemes may become links (TEI from elsewhere may carry anything): http(s),
       mailto, a fragment, or a relative address. An address without a colon is relative only
       when it names no other host: "//evil.example/x" (scheme-relative) and backslash forms
       ("/\evil.example/x", "\\evil.example"), which browsers read as "//", are addresses on
       another site and lose the link (the text stays), as does any other backslash. -->
  <xsl:function name="te:safe-href" as="xs:string?">
    <xsl:param name="target" as="xs:string?"/>
    <xsl:variable name="t" select="normalize-space($target)"/>
    <xsl:sequence select="$t[matches(., '^(https?://|mailto:|#|[^:]*$)', 'i')][not(contains(., '\') or matches(., '^//'))]"/>
  </xsl:function>

  <xsl:function name="te:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="map {
      'title': 'Title', 'date': 'Date', 'archive': 'Archive signature', 'translator': 'Translated by',
      'source': 'Source', 'rights': 'Rights', 'record': 'Record', 'classification': 'Classification',
      'abstract': 'Summary', 'participants': 'Participants', 'notes': 'Notes', 'tei': 'TEI source',
      'author': 'By', 'genre': 'Type'
    }($key)"/>
  </xsl:function>
</xsl:stylesheet>
