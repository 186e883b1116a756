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
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <!-- How persons are filed in the indexes (sort keys, name order). -->
  <xsl:include href="name-order.xsl"/>
  <!-- What citations say (web page, exports, print volume). -->
  <xsl:include href="cite.xsl"/>

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
  <!-- The edition's title, shown on every page (the build passes the configuration's title,
       else one taken from the sources: see src/build/title.ts). -->
  <xsl:param name="edition-title" as="xs:string" select="'TEI edition'"/>

  <!-- Footnotes numbered in one pass (never xsl:number level="any": superlinear in SaxonJS). -->
  <xsl:accumulator name="te:footnote" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:note[te:is-footnote(.)]" select="$value + 1"/>
  </xsl:accumulator>
  <!-- Paragraphs and turns, for ids where the TEI has none. -->
  <xsl:accumulator name="te:block" as="xs:integer" initial-value="0">
    <!-- Every element that takes its id from this count (te:block-id) is counted: an ab or a
         biblStruct between two paragraphs has a number of its own. -->
    <xsl:accumulator-rule match="tei:text//tei:p | tei:text//tei:ab | tei:text//tei:sp | tei:text//tei:item | tei:text//tei:bibl | tei:text//tei:listBibl/tei:biblStruct | tei:text//tei:listBibl/tei:listBibl | tei:text//tei:listBibl/tei:msDesc" select="$value + 1"/>
  </xsl:accumulator>

  <!-- Headings of the body's divisions (the table of contents links to them), and the
       paragraphs with a permanent link (its accessible name gives their number). -->
  <xsl:accumulator name="te:div-head" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:body//tei:head[te:is-toc-head(.)]" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="te:para" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:body//tei:p | tei:body//tei:ab | tei:back//tei:p | tei:back//tei:ab" select="$value + 1"/>
  </xsl:accumulator>

  <!-- Verse lines, numbered in one pass: @n where the TEI gives a number, else one more than
       the line before; a line's middle or final part (@part M, F) continues its line. -->
  <xsl:accumulator name="te:verse" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:l[te:counts-as-verse(.)]" select="if (@n castable as xs:integer) then xs:integer(@n) else $value + 1"/>
  </xsl:accumulator>
  <!-- Entries of the critical apparatus in the running text. -->
  <xsl:accumulator name="te:app" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:app[te:in-text-app(.)]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- The last numbered line break, and the last numbered column or page break, before a
       node: where an apparatus entry belongs, found in one pass (a search back along the
       preceding axis per entry grows with the square of the text). -->
  <xsl:accumulator name="te:last-lb" as="element(tei:lb)?" initial-value="()">
    <xsl:accumulator-rule match="tei:lb[@n]" select="."/>
  </xsl:accumulator>
  <xsl:accumulator name="te:last-break" as="element()?" initial-value="()">
    <xsl:accumulator-rule match="tei:cb[@n] | tei:pb[@n]" select="."/>
  </xsl:accumulator>

  <xsl:mode use-accumulators="#all"/>

  <!-- The first head of a division of the body, with words: an entry of the contents. -->
  <xsl:function name="te:is-toc-head" as="xs:boolean">
    <xsl:param name="head" as="element(tei:head)"/>
    <xsl:sequence select="exists($head/parent::*[local-name() = ('div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7')][ancestor::tei:body]) and empty($head/preceding-sibling::tei:head) and normalize-space($head) != '' and empty($head/ancestor::tei:note)"/>
  </xsl:function>
  <xsl:function name="te:head-id" as="xs:string">
    <xsl:param name="head" as="element(tei:head)"/>
    <xsl:sequence select="(te:own-id($head), te:doc-id($head) || '-h' || $head/accumulator-before('te:div-head'))[1]"/>
  </xsl:function>

  <xsl:function name="te:counts-as-verse" as="xs:boolean">
    <xsl:param name="l" as="element(tei:l)"/>
    <xsl:sequence select="not($l/@part = ('M', 'F', 'm', 'f')) and exists($l/ancestor::tei:text) and empty($l/ancestor::*[self::tei:note or self::tei:rdg or self::tei:teiHeader])"/>
  </xsl:function>

  <!-- An app in the running text (not one of a listApp, which lists located entries). -->
  <xsl:function name="te:in-text-app" as="xs:boolean">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="exists($app/ancestor::tei:text) and empty($app/ancestor::tei:listApp) and empty($app/ancestor::tei:app) and empty($app/ancestor::tei:note) and exists($app/(tei:lem | tei:rdg | tei:rdgGrp))"/>
  </xsl:function>

  <!-- The persons of a document's particDesc, by id (an index: no scan of the document per name). -->
  <xsl:key name="te:person" match="tei:particDesc//tei:person" use="@xml:id"/>

  <!-- A note printed at the foot or end (not a gloss inside the line). -->
  <xsl:function name="te:is-footnote" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="not($note/@place = ('inline', 'margin', 'left', 'right', 'above', 'below')) and not($note/ancestor::tei:teiHeader) and not($note/ancestor::tei:app)"/>
  </xsl:function>

  <xsl:function name="te:doc-id" as="xs:string">
    <xsl:param name="tei" as="node()"/>
    <xsl:sequence select="($doc-id[.], root($tei)/tei:TEI/@xml:id, 'document')[1] ! string()"/>
  </xsl:function>

  <!-- The page name of the document a node is in: the page's own ($doc-id), else its stem among
       $docs (the index pages, the print volume), else its xml:id. -->
  <xsl:variable name="te:stem-of-root" as="map(xs:string, xs:string)" select="map:merge(for $i in 1 to count($docs) return map { generate-id($docs[$i]): string($stems[$i]) }, map { 'duplicates': 'use-first' })"/>
  <xsl:function name="te:doc-key" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="($doc-id[.], $te:stem-of-root(generate-id(root($node))), root($node)/*/@xml:id ! string(), 'document')[1]"/>
  </xsl:function>

  <!-- Whether tei-edition made the document (its import wrote the header's appInfo). -->
  <xsl:key name="te:application" match="tei:appInfo/tei:application" use="@ident"/>
  <xsl:function name="te:ours" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists(key('te:application', 'tei-edition', root($node)))"/>
  </xsl:function>

  <!-- Elements by xml:id: an id given twice (invalid, but built with schema none) is not used
       as an HTML id; the element gets one from its position. -->
  <xsl:key name="te:xml-id" match="*[@xml:id]" use="@xml:id"/>
  <xsl:variable name="te:reserved-ids" as="xs:string*" select="('top', 'main', 'footnotes-h', 'abstract-h', 'participants-h', 'apparatus-h', 'correspondence-h', 'note-popup', 'q', 'search-status', 'search-results', 'filter-person', 'filter-year', 'contents', 'sources', 'persons')"/>
  <xsl:function name="te:own-id" as="xs:string?">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="$e/@xml:id[not(. = $te:reserved-ids)][count(key('te:xml-id', ., root($e))) = 1] ! string()"/>
  </xsl:function>

  <!-- The footnote's number: the @n of the TEI, else its place among the document's notes. -->
  <xsl:function name="te:note-number" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if (normalize-space($note/@n)) then normalize-space($note/@n) else string($note/accumulator-before('te:footnote'))"/>
  </xsl:function>

  <xsl:function name="te:note-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="(te:own-id($note), te:doc-id($note) || '-fn' || $note/accumulator-before('te:footnote'))[1]"/>
  </xsl:function>

  <xsl:function name="te:block-id" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <!-- Outside the text (a list in the header), the position among the element's kind. -->
    <xsl:sequence select="(te:own-id($block), te:doc-id($block) || '-b' || (if ($block/ancestor::tei:text) then $block/accumulator-before('te:block') else 'h' || count($block/preceding::*[node-name() = node-name($block)]) + 1))[1]"/>
  </xsl:function>

  <!-- A person's key in the edition: the register id a pointer leads to (through the
       document's particDesc person and its @sameAs); a person of the document's own cast or
       particDesc that points to no register is the document's own (two plays' "Der Bediente"
       are two persons): its key is the page name and its id; else the pointer's fragment. -->
  <xsl:function name="te:person-key" as="xs:string?">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="first" select="tokenize(normalize-space($ref), ' ')[1]"/>
    <xsl:variable name="frag" select="if (contains($first, '#')) then substring-after($first, '#') else $first"/>
    <xsl:variable name="local" select="if (starts-with($first, '#')) then key('te:person', $frag, root($context))[1] else ()"/>
    <xsl:variable name="same" select="normalize-space($local/@sameAs)"/>
    <xsl:sequence select="if ($same) then (if (contains($same, '#')) then substring-after($same, '#') else $same)[.]
      else if ($local) then te:doc-key($context) || '.' || $frag
      else $frag[.]"/>
  </xsl:function>

  <!-- Document metadata. The title: the main title, else the title of the item (a letter's,
       level="a"), else the first title that is not a series', a subtitle's or a date's. -->
  <xsl:function name="te:title-element" as="element()?">
    <xsl:param name="tei" as="node()"/>
    <xsl:variable name="t" select="root($tei)/*/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[normalize-space()]"/>
    <xsl:sequence select="($t[@type = 'main'], $t[@level = 'a'][not(@type)], $t[not(@type) and not(@level = ('s', 'j', 'm'))], $t[not(@type = ('sub', 'short', 'alt', 'iso-date', 'desc', 'collection', 'volume', 'series'))][not(@level = ('s', 'j'))], $t, root($tei)//tei:docTitle)[1]"/>
  </xsl:function>

  <xsl:function name="te:title" as="xs:string">
    <xsl:param name="tei" as="node()"/>
    <!-- A colon, comma or semicolon left at the end goes, and a closing full stop after a word;
         the stop of an abbreviation stays ("6:50 p.m.", "Prof. Dr."). -->
    <xsl:sequence select="(normalize-space(string(te:title-element($tei))) ! replace(., '[\s:,;]+$', '') ! (if (matches(., '(^|\s)[^\s.]{3,}\.$')) then replace(., '\.$', '') else .)[.], te:doc-id($tei))[1]"/>
  </xsl:function>

  <!-- The document's own date: when it was made (creation), sent (a letter), inscribed (an
       object's origin), written, printed or first performed (a play), the date at its head
       (dateline, docDate); the date of the source edition it was taken from comes last. -->
  <xsl:function name="te:date" as="element()?">
    <xsl:param name="tei" as="node()"/>
    <xsl:variable name="h" select="root($tei)/*/tei:teiHeader"/>
    <xsl:variable name="text" select="root($tei)/*/tei:text"/>
    <xsl:variable name="events" select="root($tei)/*/tei:standOff//tei:event[te:has-date(.)]"/>
    <xsl:sequence select="(
      $h/tei:profileDesc/tei:creation//tei:date[te:has-date(.)],
      $h/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']/tei:date[te:has-date(.)],
      $h/tei:fileDesc/tei:sourceDesc//tei:history/tei:origin//tei:origDate[te:has-date(.)],
      $events[@type = 'written'], $events[@type = 'print'], $events[@type = 'premiere'],
      $text/(tei:front | tei:body)//tei:dateline//tei:date[te:has-date(.)],
      $text/(tei:front | tei:body)//tei:dateline[normalize-space()][not(.//tei:date)],
      $text//tei:docDate[te:has-date(.)],
      $h/tei:fileDesc/tei:sourceDesc//tei:date[te:has-date(.)]
    )[1]"/>
  </xsl:function>

  <xsl:function name="te:has-date" as="xs:boolean">
    <xsl:param name="d" as="element()"/>
    <xsl:sequence select="exists($d/(@when, @from, @notBefore, @notAfter, @to, @when-iso, @from-iso, @notBefore-iso, @when-custom, @notBefore-custom, @notAfter-custom)[normalize-space()]) or normalize-space($d) != ''"/>
  </xsl:function>

  <!-- The date as text: its words, else its attributes ("401–404", "1767", "100 BCE"). -->
  <xsl:function name="te:date-text" as="xs:string">
    <xsl:param name="d" as="element()?"/>
    <xsl:variable name="from" select="($d/@when, $d/@when-iso, $d/@from, $d/@from-iso, $d/@notBefore, $d/@notBefore-iso, $d/@when-custom, $d/@notBefore-custom)[normalize-space()][1] ! te:iso-text(.)"/>
    <xsl:variable name="to" select="if ($d/(@when, @when-iso, @when-custom)[normalize-space()]) then () else ($d/@to, $d/@to-iso, $d/@notAfter, $d/@notAfter-iso, $d/@notAfter-custom)[normalize-space()][1] ! te:iso-text(.)"/>
    <xsl:variable name="words" select="normalize-space(string-join($d/(text() | *[not(self::tei:desc)])//string(), ''))"/>
    <xsl:sequence select="if ($words) then normalize-space($d) else string-join(($from, $to[. != $from]), '–')"/>
  </xsl:function>

  <xsl:function name="te:iso-text" as="xs:string">
    <xsl:param name="v" as="xs:string"/>
    <xsl:variable name="t" select="normalize-space($v)"/>
    <xsl:sequence select="if (matches($t, '^-\d+')) then replace($t, '^-0*(\d+).*$', '$1') || ' BCE' else replace($t, '^0+(\d)', '$1')"/>
  </xsl:function>

  <!-- What the document's date is, where that is not plain ("sent", "printed"). -->
  <xsl:function name="te:date-kind" as="xs:string?">
    <xsl:param name="d" as="element()?"/>
    <xsl:sequence select="if ($d/self::tei:event) then map { 'written': 'written', 'print': 'printed', 'premiere': 'first performed' }(string($d/@type))
      else if ($d/parent::tei:correspAction[@type = 'sent']) then 'sent'
      else if ($d/ancestor::tei:sourceDesc and not($d/ancestor::tei:history)) then 'source edition'
      else ()"/>
  </xsl:function>

  <!-- Sort key of a document: its ISO date (when/from/notBefore), years before the common era
       first (earliest first); undated documents last. -->
  <xsl:function name="te:sort-date" as="xs:string">
    <xsl:param name="tei" as="node()"/>
    <xsl:variable name="d" select="te:date($tei)"/>
    <xsl:variable name="v" select="normalize-space(($d/@when, $d/@when-iso, $d/@from, $d/@from-iso, $d/@notBefore, $d/@notBefore-iso, $d/@when-custom, $d/@notBefore-custom, $d/@notAfter, $d/@to, $d/tei:date/@when, $d//@when)[normalize-space()][1])"/>
    <xsl:sequence select="if (matches($v, '^-\d{1,4}')) then '-' || format-number(9999 - xs:integer(replace($v, '^-(\d{1,4}).*$', '$1')), '0000')
      else if (matches($v, '^\d{1,4}(\D|$)')) then format-number(xs:integer(replace($v, '^(\d{1,4}).*$', '$1')), '0000') || replace($v, '^\d{1,4}', '')
      else if ($d and matches(string($d), '(^|\D)\d{4}(\D|$)')) then replace(string($d), '^(.*?\D)?(\d{4})(\D.*)?$', '$2', 's')
      else '9999'"/>
  </xsl:function>

  <!-- The order of the edition, the same in the web edition (index, document numbers,
       previous/next) and the print volume: introductions first, then the documents by their
       own date (te:sort-date), the undated ones ('9999') after the dated, by title. Documents
       of the same date keep the order of their files (xsl:sort is stable). -->
  <xsl:function name="te:order-key" as="xs:string">
    <xsl:param name="tei" as="node()"/>
    <xsl:variable name="date" select="te:sort-date($tei)"/>
    <xsl:sequence select="(if (te:is-introduction($tei)) then '0' else '1') || $date || (if ($date = '9999') then ' ' || lower-case(te:title($tei)) else '')"/>
  </xsl:function>

  <!-- The documents of $docs in the edition's order: "stem TAB number TAB title" a line; the
       number is the document's place in the print volume (introductions have none). -->
  <xsl:template name="edition-order">
    <xsl:variable name="sorted" as="xs:string*">
      <xsl:perform-sort select="te:order-entries()"><xsl:sort select="substring-before(., '&#9;')"/></xsl:perform-sort>
    </xsl:variable>
    <xsl:variable name="intros" select="count($sorted[tokenize(., '&#9;')[3] = '0'])"/>
    <xsl:for-each select="$sorted">
      <xsl:variable name="f" select="tokenize(., '&#9;')"/>
      <xsl:value-of select="$f[2] || '&#9;' || (if ($f[3] = '0') then '' else string(position() - $intros)) || '&#9;' || $f[4] || '&#10;'"/>
    </xsl:for-each>
  </xsl:template>

  <!-- Each document of $docs with what places it in the edition's order, unsorted: "order key
       TAB stem TAB 0 (an introduction) or 1 TAB title". The build keeps each document's line
       and sorts them itself (src/publish/doc-nav.ts, editionOrder), as edition-order does. -->
  <xsl:function name="te:order-entries" as="xs:string*">
    <xsl:sequence select="for $i in 1 to count($docs) return te:order-key($docs[$i]) || '&#9;' || $stems[$i] || '&#9;' || (if (te:is-introduction($docs[$i])) then '0' else '1') || '&#9;' || normalize-space(te:title($docs[$i]))"/>
  </xsl:function>
  <xsl:template name="order-entries">
    <xsl:value-of select="te:order-entries() ! (. || '&#10;')" separator=""/>
  </xsl:template>

  <xsl:function name="te:is-introduction" as="xs:boolean">
    <xsl:param name="tei" as="node()"/>
    <xsl:sequence select="exists(root($tei)/*/tei:text/tei:body/tei:div[@type = 'introduction'])"/>
  </xsl:function>

  <!-- The name a person is listed under. -->
  <xsl:function name="te:person-name" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="(($person/tei:persName[not(@type)], $person/tei:persName, $person/tei:name, $person/@xml:id, $person) ! normalize-space(string(.)))[.][1]"/>
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

  <!-- How an element is to look, as CSS classes (rend-italic, rend-superscript, …): from @rend's
       words and from the CSS of the renditions @rendition points to (tagsDecl), only the
       properties the edition's stylesheet knows: no CSS of the TEI reaches the page. -->
  <xsl:function name="te:rend-classes" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="words" select="tokenize(lower-case(normalize-space($e/@rend)), '[\s,;:()]+')[matches(., '^[a-z][a-z0-9-]{0,30}$')]"/>
    <xsl:variable name="ids" select="tokenize(normalize-space($e/@rendition), ' ')[starts-with(., '#')] ! substring(., 2)"/>
    <xsl:variable name="css" select="if (exists($ids) or $e/@style) then lower-case(string-join(($e/@style, $ids ! key('te:xml-id', ., root($e))[self::tei:rendition]), ';')) else ''"/>
    <xsl:variable name="from-css" select="if (not($css)) then () else (
      'italic'[matches($css, 'font-style\s*:\s*(italic|oblique)')], 'bold'[matches($css, 'font-weight\s*:\s*(bold|[6-9]00)')],
      'underline'[matches($css, 'text-decoration[a-z-]*\s*:[^;]*underline')], 'strikethrough'[matches($css, 'text-decoration[a-z-]*\s*:[^;]*line-through')],
      'superscript'[matches($css, 'vertical-align\s*:\s*super')], 'subscript'[matches($css, 'vertical-align\s*:\s*sub')],
      'smallcaps'[matches($css, 'font-variant[a-z-]*\s*:\s*small-caps')], 'spaced'[matches($css, 'letter-spacing')],
      'center'[matches($css, 'text-align\s*:\s*center')], 'right'[matches($css, 'text-align\s*:\s*right')],
      'uppercase'[matches($css, 'text-transform\s*:\s*uppercase')])"/>
    <xsl:variable name="named" select="$ids[matches(., '^[A-Za-z][A-Za-z0-9_-]{0,30}$')] ! ('rendition-' || .)"/>
    <xsl:sequence select="te:distinct-strings((($words, $from-css) ! ('rend-' || te:rend-word(.)), $named))[position() le 8]"/>
  </xsl:function>

  <!-- The edition's word for a rendition (TEI projects spell them variously). -->
  <xsl:function name="te:rend-word" as="xs:string">
    <xsl:param name="w" as="xs:string"/>
    <xsl:sequence select="(map {
      'i': 'italic', 'it': 'italic', 'italics': 'italic', 'b': 'bold', 'u': 'underline', 'underlined': 'underline',
      'sup': 'superscript', 'super': 'superscript', 'sub': 'subscript', 'small-caps': 'smallcaps', 'sc': 'smallcaps', 'caps': 'smallcaps',
      'gesperrt': 'spaced', 'letterspaced': 'spaced', 'letter-spaced': 'spaced', 'spacing': 'spaced', 'strike': 'strikethrough', 'struck': 'strikethrough', 'line-through': 'strikethrough', 'overstrike': 'strikethrough',
      'centered': 'center', 'centre': 'center', 'aq': 'antiqua', 'upper': 'uppercase', 'allcaps': 'uppercase'
    }($w), $w)[1]"/>
  </xsl:function>

  <xsl:function name="te:label" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="(map {
      'title': 'Title', 'date': 'Date', 'archive': 'Archive signature', 'translator': 'Translated by',
      'source': 'Source', 'rights': 'Rights', 'record': 'Record', 'classification': 'Classification',
      'abstract': 'Summary', 'participants': 'Participants', 'characters': 'Characters', 'notes': 'Notes', 'tei': 'TEI source',
      'author': 'By', 'genre': 'Type', 'editor': 'Edited by', 'resp': 'Responsibility',
      'sent': 'From', 'received': 'To', 'forwarded': 'Forwarded', 'redirected': 'Redirected', 'transmitted': 'Transmitted', 'correspondence': 'Correspondence',
      'object': 'Object', 'repository': 'Kept at', 'origin': 'Place of origin',
      'apparatus': 'Apparatus criticus', 'witnesses': 'Witnesses',
      'edition': 'Edition', 'translation': 'Translation', 'commentary': 'Commentary', 'bibliography': 'Bibliography',
      'textpart': 'Part', 'castList': 'Cast',
      'listPerson': 'Persons', 'listPlace': 'Places', 'listOrg': 'Organisations', 'listEvent': 'Events', 'listNym': 'Names', 'listObject': 'Objects', 'listRelation': 'Relations'
    }($key), $key)[1]"/>
  </xsl:function>
</xsl:stylesheet>
