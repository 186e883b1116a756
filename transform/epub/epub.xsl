<?xml version="1.0" encoding="UTF-8"?>
<!--
  The EPUB 3 edition: the files of one e-book, from the same TEI (src/publish/epub.ts zips
  them). It imports the print edition's stylesheet, so the text, the names, the editorial
  signs, the document openings, the list of sources and the index of persons are written by
  the same templates as the printed volume; what differs in an e-book is overridden here:
  notes are EPUB footnotes (a noteref in the text, an aside with a link back after the
  document), the apparatus criticus likewise, no running heads, and the index of persons
  links to the documents instead of giving page numbers. Initial templates:
    "order"           the documents' stems in book order (print.xsl);
    "epub-doc"        one document ($docs has one member; $doc-number its number) as XHTML;
    "epub-docs"       every document of $docs, each as a result document named by te:epub-file
                      and numbered by te:epub-number (one transformation for the whole book);
    "epub-cover"      the title page;
    "epub-nav"        the navigation document (contents and landmarks);
    "epub-sources"    the list of sources;
    "epub-index"      the index of persons;
    "epub-package"    the package document (OPF).
  A document's file is "d-" || its stem || ".xhtml" ($files, in the order of $docs).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns:h="http://www.w3.org/1999/xhtml"
  xmlns:epub="http://www.idpf.org/2007/ops"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:import href="../print/print.xsl"/>

  <xsl:output method="xhtml" html-version="5" omit-xml-declaration="yes" indent="no" encoding="UTF-8" include-content-type="no"/>

  <!-- The package's identifier (urn:uuid:…), its last modification (CCYY-MM-DDThh:mm:ssZ), the
       editors (one dc:creator each), the publisher and the rights, from the configuration. -->
  <xsl:param name="epub-identifier" as="xs:string" select="''"/>
  <xsl:param name="epub-modified" as="xs:string" select="''"/>
  <xsl:param name="epub-editors" as="xs:string*" select="()"/>
  <xsl:param name="epub-publisher" as="xs:string?" select="()"/>
  <xsl:param name="epub-rights" as="xs:string?" select="()"/>
  <!-- The font files embedded (names under fonts/), for the manifest. -->
  <xsl:param name="epub-fonts" as="xs:string*" select="()"/>

  <xsl:variable name="te:ops" select="'http://www.idpf.org/2007/ops'"/>

  <xsl:function name="te:epub-file" as="xs:string">
    <xsl:param name="stem" as="xs:string"/>
    <xsl:sequence select="'d-' || $stem || '.xhtml'"/>
  </xsl:function>

  <!-- Whether each of $docs is an introduction; the numbers of the others, as in the volume. -->
  <xsl:variable name="te:intro" as="xs:boolean*" select="$docs ! te:is-introduction(.)"/>
  <xsl:function name="te:epub-number" as="xs:integer?">
    <xsl:param name="i" as="xs:integer"/>
    <xsl:sequence select="if ($te:intro[$i]) then () else $i - count($te:intro[.])"/>
  </xsl:function>

  <!-- The frame of every XHTML file of the book. -->
  <xsl:template name="te:epub-page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="lang" as="xs:string"/>
    <xsl:param name="type" as="xs:string?" select="()"/>
    <xsl:param name="class" as="xs:string"/>
    <xsl:param name="content" as="item()*"/>
    <html lang="{$lang}" xml:lang="{$lang}">
      <xsl:namespace name="epub" select="$te:ops"/>
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" type="text/css" href="epub.css"/>
      </head>
      <body class="{$class}">
        <xsl:if test="$type"><xsl:attribute name="epub:type" namespace="http://www.idpf.org/2007/ops" select="$type"/></xsl:if>
        <xsl:sequence select="$content"/>
      </body>
    </html>
  </xsl:template>

  <!-- One document: its opening and text as in print, then its notes and apparatus entries. -->
  <xsl:template name="epub-doc">
    <xsl:call-template name="te:epub-doc">
      <xsl:with-param name="d" select="$docs[1]"/>
      <xsl:with-param name="stem" select="$stems[1]"/>
      <xsl:with-param name="n" select="$doc-number[. gt 0] ! xs:integer(.)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="epub-docs">
    <xsl:for-each select="1 to count($docs)">
      <xsl:variable name="i" select="."/>
      <xsl:result-document href="{te:epub-file($stems[$i])}">
        <xsl:call-template name="te:epub-doc">
          <xsl:with-param name="d" select="$docs[$i]"/>
          <xsl:with-param name="stem" select="$stems[$i]"/>
          <xsl:with-param name="n" select="te:epub-number($i)"/>
        </xsl:call-template>
      </xsl:result-document>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="te:epub-doc">
    <xsl:param name="d" as="node()"/>
    <xsl:param name="stem" as="xs:string"/>
    <xsl:param name="n" as="xs:integer?"/>
    <xsl:variable name="printed">
      <xsl:apply-templates select="$d" mode="te:print-doc">
        <xsl:with-param name="stem" select="$stem"/>
        <xsl:with-param name="n" select="$n"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:variable name="text" select="$d/tei:TEI/tei:text | $d/*[not(self::tei:TEI)]"/>
    <xsl:call-template name="te:epub-page">
      <xsl:with-param name="title" select="string-join((('Document ' || $n)[exists($n)], te:title($d)), ': ')"/>
      <xsl:with-param name="lang" select="te:lang($d)"/>
      <xsl:with-param name="type" select="'bodymatter'"/>
      <xsl:with-param name="class" select="'epub-doc'"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="$printed" mode="te:epub"/>
        <xsl:call-template name="te:epub-notes">
          <xsl:with-param name="notes" select="$text//tei:note[te:is-footnote(.)][not(parent::tei:div[@type = 'notes'])]"/>
          <xsl:with-param name="apps" select="$text//tei:app[te:in-text-app(.)]"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- A footnote in the text: its number, a link to the note (EPUB's noteref: reading systems
       open the note as a pop-up). -->
  <xsl:template match="tei:note" mode="te:footnote">
    <xsl:variable name="id" select="te:note-id(.)"/>
    <a class="fn-ref" id="{$id}-ref" href="#{$id}" epub:type="noteref" role="doc-noteref"><sup><xsl:value-of select="te:note-number(.)"/></sup></a>
  </xsl:template>

  <!-- No anchors: in print the word before a note's number and the number are kept together
       on a page (document.xsl); a reflowable book has no pages to keep them on, and the
       anchor could wrap a block. The number follows the word as in the web edition. -->
  <xsl:function name="te:anchor-start" as="node()?">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="()"/>
  </xsl:function>

  <!-- White space between two elements stays white space (print adds a zero-width space for
       Paged.js, which would be text where HTML allows none, between list items). -->
  <xsl:template match="tei:text//text()[not(normalize-space())][preceding-sibling::node()[1][self::*]][following-sibling::node()[1][self::*]]" priority="3">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- The lemma of an apparatus entry: its letter links to the entry. -->
  <xsl:template match="tei:app[te:in-text-app(.)]" priority="2">
    <xsl:variable name="id" select="te:app-id(.)"/>
    <span class="app"><span class="lem"><xsl:apply-templates select="te:app-base(.)/node()"/></span><a class="app-ref" id="{$id}-ref" href="#{$id}" epub:type="noteref" role="doc-noteref"><sup><xsl:value-of select="te:app-mark(.)"/></sup></a></span>
  </xsl:template>

  <!-- The notes of a document, after its text: the apparatus entries (by letter and line), then
       the footnotes, each an aside with its number linking back to where it stands. -->
  <xsl:template name="te:epub-notes">
    <xsl:param name="notes" as="element(tei:note)*"/>
    <xsl:param name="apps" as="element(tei:app)*"/>
    <xsl:if test="$apps">
      <section class="epub-notes apparatus">
        <h2 class="notes-title">Apparatus</h2>
        <xsl:for-each select="$apps">
          <xsl:variable name="id" select="te:app-id(.)"/>
          <xsl:variable name="line" select="te:app-line(.)"/>
          <aside class="app-note" id="{$id}" epub:type="footnote" role="doc-footnote">
            <p><a class="back" href="#{$id}-ref" role="doc-backlink"><xsl:value-of select="te:app-mark(.)"/></a><xsl:if test="$line"><xsl:text> </xsl:text><span class="app-line"><xsl:value-of select="$line"/></span></xsl:if><xsl:text> </xsl:text><xsl:apply-templates select="." mode="te:app-entry"/></p>
          </aside>
        </xsl:for-each>
      </section>
    </xsl:if>
    <xsl:if test="$notes">
      <section class="epub-notes footnotes">
        <h2 class="notes-title">Notes</h2>
        <xsl:for-each select="$notes">
          <xsl:variable name="id" select="te:note-id(.)"/>
          <aside class="fn-note" id="{$id}" epub:type="footnote" role="doc-footnote">
            <p><a class="back" href="#{$id}-ref" role="doc-backlink"><xsl:value-of select="te:note-number(.)"/></a><xsl:text> </xsl:text><xsl:apply-templates mode="te:note-body"/></p>
          </aside>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The title page. -->
  <xsl:template name="epub-cover">
    <xsl:variable name="count" select="count($te:intro[not(.)])"/>
    <xsl:call-template name="te:epub-page">
      <xsl:with-param name="title" select="$edition-title"/>
      <xsl:with-param name="lang" select="te:lang($docs)"/>
      <xsl:with-param name="type" select="'frontmatter'"/>
      <xsl:with-param name="class" select="'epub-cover'"/>
      <xsl:with-param name="content">
        <section class="title-page" epub:type="titlepage">
          <h1 class="book-title"><xsl:value-of select="$edition-title"/></h1>
          <p class="book-sub">
            <xsl:value-of select="if ($count = 1) then 'One document' else $count || ' documents'"/>
            <xsl:if test="$te:intro = true()"> with an introduction</xsl:if>
          </p>
          <xsl:if test="exists($epub-editors)">
            <p class="book-editor">Edited by <xsl:value-of select="te:and-list($epub-editors)"/></p>
          </xsl:if>
          <xsl:if test="$epub-publisher"><p class="book-publisher"><xsl:value-of select="$epub-publisher"/></p></xsl:if>
        </section>
        <section class="imprint">
          <p>Made from the TEI by tei-edition. Editorial signs: [words] supplied by the editor; [word?] an uncertain reading; […] a gap; [sic] thus in the source.</p>
          <xsl:if test="$epub-rights"><p class="rights"><xsl:value-of select="$epub-rights"/></p></xsl:if>
          <xsl:if test="exists($epub-fonts)"><p>Set in Charis SIL (SIL Open Font License 1.1).</p></xsl:if>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- "A", "A and B", "A, B and C". -->
  <xsl:function name="te:and-list" as="xs:string">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:sequence select="if (count($names) le 2) then string-join($names, ' and ') else string-join($names[position() lt last()], ', ') || ' and ' || $names[last()]"/>
  </xsl:function>

  <!-- The navigation document: the contents (every document, with its number and date; the
       list of sources and the index), and the landmarks. -->
  <xsl:template name="epub-nav">
    <xsl:call-template name="te:epub-page">
      <xsl:with-param name="title" select="'Contents'"/>
      <xsl:with-param name="lang" select="te:lang($docs)"/>
      <xsl:with-param name="type" select="'frontmatter'"/>
      <xsl:with-param name="class" select="'epub-nav'"/>
      <xsl:with-param name="content">
        <nav epub:type="toc" role="doc-toc" id="toc" class="contents">
          <h1 class="contents-title">Contents</h1>
          <ol class="toc">
            <xsl:for-each select="1 to count($docs)">
              <xsl:variable name="i" select="."/>
              <xsl:variable name="d" select="$docs[$i]"/>
              <xsl:variable name="n" select="te:epub-number($i)"/>
              <li class="toc-entry{if (empty($n)) then ' toc-intro' else ''}">
                <a href="{te:epub-file($stems[$i])}"><xsl:if test="exists($n)"><span class="toc-n"><xsl:value-of select="$n"/></span><xsl:text> </xsl:text></xsl:if><span class="toc-title"><xsl:value-of select="(if (empty($n)) then 'Introduction: ' else '') || te:title($d)"/></span><xsl:variable name="date" select="normalize-space(te:date($d))"/><xsl:if test="exists($n) and $date"><xsl:text> </xsl:text><span class="toc-date"><xsl:value-of select="$date"/></span></xsl:if></a>
              </li>
            </xsl:for-each>
            <li class="toc-entry toc-back"><a href="sources.xhtml">List of sources</a></li>
            <li class="toc-entry toc-back"><a href="persons.xhtml">Index of persons</a></li>
          </ol>
        </nav>
        <nav epub:type="landmarks" id="landmarks" hidden="hidden">
          <h2>Landmarks</h2>
          <ol>
            <li><a epub:type="titlepage" href="cover.xhtml">Title page</a></li>
            <li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>
            <xsl:if test="exists($stems)"><li><a epub:type="bodymatter" href="{te:epub-file($stems[1])}">Documents</a></li></xsl:if>
            <li><a epub:type="index" href="persons.xhtml">Index of persons</a></li>
          </ol>
        </nav>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The list of sources, as printed; each title links to its document. -->
  <xsl:template name="epub-sources">
    <xsl:variable name="printed"><xsl:call-template name="te:sources"><xsl:with-param name="intro" select="$te:intro"/></xsl:call-template></xsl:variable>
    <xsl:call-template name="te:epub-page">
      <xsl:with-param name="title" select="'List of sources'"/>
      <xsl:with-param name="lang" select="te:lang($docs)"/>
      <xsl:with-param name="type" select="'backmatter'"/>
      <xsl:with-param name="class" select="'epub-back'"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="$printed" mode="te:epub">
          <xsl:with-param name="numbered" select="for $i in 1 to count($docs) return $stems[$i][not($te:intro[$i])]" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="h:ol[@class = 'source-list']" mode="te:epub">
    <xsl:param name="numbered" as="xs:string*" tunnel="yes"/>
    <ol class="source-list">
      <xsl:for-each select="h:li">
        <xsl:variable name="p" select="position()"/>
        <xsl:apply-templates select="." mode="te:epub">
          <xsl:with-param name="href" select="$numbered[$p] ! te:epub-file(.)"/>
        </xsl:apply-templates>
      </xsl:for-each>
    </ol>
  </xsl:template>
  <xsl:template match="h:li[@class = 'source']" mode="te:epub">
    <xsl:param name="href" as="xs:string?"/>
    <li class="source">
      <xsl:for-each select="node()">
        <xsl:choose>
          <xsl:when test="self::h:span[@class = 'source-title'] and $href"><a class="source-title" href="{$href}"><xsl:apply-templates mode="te:epub"/></a></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="." mode="te:epub"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </li>
  </xsl:template>

  <!-- The index of persons, as printed; instead of page numbers, the documents where the
       name stands (their numbers, linked; "Introduction" for an introduction). A person
       whose name no document prints is left out, as in print. -->
  <xsl:template name="epub-index">
    <xsl:variable name="printed"><xsl:call-template name="te:persons-index"/></xsl:variable>
    <xsl:variable name="where" as="map(xs:string, xs:integer*)" select="map:merge(
      for $i in 1 to count($docs) return
        for $k in distinct-values((
          $docs[$i][not(te:is-introduction(.))]/tei:TEI/tei:teiHeader/tei:profileDesc/tei:particDesc//tei:person ! te:person-key('#' || @xml:id, .),
          $docs[$i]/*/tei:text//tei:persName[@ref] ! te:person-key(@ref, .),
          $docs[$i]/*/tei:text//tei:sp[@who] ! te:person-key(@who, .)))
        return map { $k : $i },
      map { 'duplicates' : 'combine' })"/>
    <xsl:call-template name="te:epub-page">
      <xsl:with-param name="title" select="'Index of persons'"/>
      <xsl:with-param name="lang" select="te:lang($docs)"/>
      <xsl:with-param name="type" select="'backmatter'"/>
      <xsl:with-param name="class" select="'epub-back'"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="$printed" mode="te:epub">
          <xsl:with-param name="where" select="$where" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="h:section[tokenize(@class) = 'persons-index']" mode="te:epub">
    <section class="{@class}" id="persons" epub:type="index" role="doc-index">
      <xsl:apply-templates mode="te:epub"/>
    </section>
  </xsl:template>

  <xsl:template match="h:li[@data-ix]" mode="te:epub">
    <xsl:param name="where" as="map(xs:string, xs:integer*)" tunnel="yes"/>
    <xsl:variable name="in" select="$where(string(@data-ix))"/>
    <xsl:if test="exists($in)">
      <li class="ix-entry" epub:type="index-entry">
        <xsl:apply-templates select="node() except h:span[@data-ix-pages]" mode="te:epub"/>
        <span class="ix-pages" epub:type="index-locator-list">
          <xsl:for-each select="$in">
            <xsl:if test="position() gt 1">, </xsl:if>
            <xsl:variable name="n" select="te:epub-number(.)"/>
            <a href="{te:epub-file($stems[current()])}" epub:type="index-locator"><xsl:if test="empty($n)"><xsl:attribute name="class" select="'ix-intro'"/></xsl:if><xsl:value-of select="if (exists($n)) then $n else 'Introduction'"/></a>
          </xsl:for-each>
        </span>
      </li>
    </xsl:if>
  </xsl:template>

  <!-- The printed pages made into the e-book's: running heads and layout marks left out, the
       rest copied. -->
  <xsl:mode name="te:epub" on-no-match="shallow-copy"/>
  <xsl:template match="h:p[tokenize(@class) = ('rh', 'book-rh')] | h:div[@data-te-end]" mode="te:epub"/>
  <xsl:template match="@data-p | @data-ix | @aria-hidden" mode="te:epub"/>
  <xsl:template match="h:ul[@class = 'index']" mode="te:epub">
    <ul class="index"><xsl:apply-templates mode="te:epub"/></ul>
  </xsl:template>

  <!-- The package document. -->
  <xsl:template name="epub-package">
    <xsl:variable name="lang" select="te:lang($docs)"/>
    <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="{$lang}">
      <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
        <dc:identifier id="pub-id"><xsl:value-of select="$epub-identifier"/></dc:identifier>
        <dc:title><xsl:value-of select="$edition-title"/></dc:title>
        <xsl:for-each select="$epub-editors">
          <dc:creator id="editor-{position()}"><xsl:value-of select="."/></dc:creator>
          <meta refines="#editor-{position()}" property="role" scheme="marc:relators">edt</meta>
        </xsl:for-each>
        <xsl:if test="$epub-publisher"><dc:publisher><xsl:value-of select="$epub-publisher"/></dc:publisher></xsl:if>
        <dc:language><xsl:value-of select="$lang"/></dc:language>
        <xsl:if test="$epub-rights"><dc:rights><xsl:value-of select="$epub-rights"/></dc:rights></xsl:if>
        <meta property="dcterms:modified"><xsl:value-of select="$epub-modified"/></meta>
        <!-- Accessibility (schema.org, as EPUB Accessibility asks): text only, with contents,
             index, reading order and headings to navigate by; no hazard. -->
        <meta property="schema:accessMode">textual</meta>
        <meta property="schema:accessModeSufficient">textual</meta>
        <meta property="schema:accessibilityFeature">tableOfContents</meta>
        <meta property="schema:accessibilityFeature">index</meta>
        <meta property="schema:accessibilityFeature">readingOrder</meta>
        <meta property="schema:accessibilityFeature">structuralNavigation</meta>
        <meta property="schema:accessibilityHazard">none</meta>
        <meta property="schema:accessibilitySummary">The text of the edition's documents with their notes, which link to and from the places they refer to; the contents, the list of sources and the index of persons link to the documents.</meta>
      </metadata>
      <manifest>
        <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
        <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
        <xsl:for-each select="$stems">
          <item id="d{position()}" href="{te:epub-file(.)}" media-type="application/xhtml+xml"/>
        </xsl:for-each>
        <item id="sources" href="sources.xhtml" media-type="application/xhtml+xml"/>
        <item id="persons" href="persons.xhtml" media-type="application/xhtml+xml"/>
        <item id="css" href="epub.css" media-type="text/css"/>
        <xsl:for-each select="$epub-fonts">
          <item id="font{position()}" href="fonts/{.}" media-type="font/ttf"/>
        </xsl:for-each>
      </manifest>
      <spine>
        <itemref idref="cover"/>
        <itemref idref="nav"/>
        <xsl:for-each select="$stems"><itemref idref="d{position()}"/></xsl:for-each>
        <itemref idref="sources"/>
        <itemref idref="persons"/>
      </spine>
    </package>
  </xsl:template>
</xsl:stylesheet>
