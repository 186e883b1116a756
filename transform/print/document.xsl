<?xml version="1.0" encoding="UTF-8"?>
<!-- A document in print: its opening (number, title, date line, source note, participants),
     its text; and what differs on paper from the web edition's templates. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="/" mode="te:print-doc">
    <xsl:param name="stem" as="xs:string"/>
    <xsl:param name="n" as="xs:integer?"/>
    <!-- A book of one document sets the volume's title for the running heads here. -->
    <xsl:param name="book-rh" as="xs:boolean" select="false()"/>
    <xsl:variable name="intro" select="te:is-introduction(.)"/>
    <xsl:variable name="header" select="tei:TEI/tei:teiHeader"/>
    <xsl:variable name="title" select="te:title(.)"/>
    <xsl:variable name="date" select="te:date(.)"/>
    <article class="{if ($intro) then 'introduction' else 'document'}" id="d-{$stem}">
      <xsl:for-each select="tei:TEI/@xml:lang[normalize-space()]"><xsl:attribute name="lang" select="."/></xsl:for-each>
      <header class="doc-head">
        <xsl:if test="$book-rh"><p class="book-rh" aria-hidden="true"><xsl:value-of select="$edition-title"/></p></xsl:if>
        <p class="rh" aria-hidden="true">
          <xsl:value-of select="if ($intro) then 'Introduction' else string-join((('Document ' || $n)[exists($n)], te:short-title($header, $title)), ' · ')"/>
        </p>
        <xsl:choose>
          <xsl:when test="$intro"><p class="doc-number">Introduction</p></xsl:when>
          <xsl:when test="exists($n)"><p class="doc-number">Document <xsl:value-of select="$n"/></p></xsl:when>
        </xsl:choose>
        <h1 class="doc-title"><xsl:value-of select="$title"/></h1>
        <xsl:if test="not($intro)">
          <xsl:if test="$date"><p class="doc-dateline"><xsl:call-template name="te:date-line"><xsl:with-param name="d" select="$date"/><xsl:with-param name="lang" select="te:lang($docs)"/></xsl:call-template></p></xsl:if>
          <xsl:variable name="source" select="te:source-note($header/tei:fileDesc)"/>
          <xsl:if test="$source"><p class="doc-source"><span class="label">Source: </span><xsl:value-of select="$source"/></p></xsl:if>
          <xsl:variable name="people" select="$header/tei:profileDesc/tei:particDesc//tei:person"/>
          <xsl:if test="$people">
            <p class="doc-participants"><span class="label">Participants: </span>
              <xsl:for-each select="$people">
                <xsl:if test="position() gt 1">; </xsl:if>
                <span class="persName" data-p="{te:person-key('#' || @xml:id, .)}"><xsl:value-of select="te:person-name(.)"/></span>
                <xsl:variable name="extra" select="te:distinct-strings(((tei:persName//tei:roleName, tei:roleName, tei:affiliation) ! normalize-space(), @role ! string())[.])"/>
                <xsl:if test="exists($extra)"> (<xsl:value-of select="$extra" separator=", "/>)</xsl:if>
              </xsl:for-each>
            </p>
          </xsl:if>
        </xsl:if>
        <xsl:call-template name="te:missing-notes"><xsl:with-param name="doc" select="."/></xsl:call-template>
      </header>
      <div class="doc-text">
        <xsl:apply-templates select="tei:TEI/tei:text | *[not(self::tei:TEI)]"/>
      </div>
    </article>
  </xsl:template>

  <!-- The running head's title: the TEI's short title, else the title cut at a word. -->
  <xsl:function name="te:short-title" as="xs:string">
    <xsl:param name="header" as="element(tei:teiHeader)?"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:variable name="short" select="normalize-space(($header/tei:fileDesc/tei:titleStmt/tei:title[@type = 'short'])[1])"/>
    <xsl:sequence select="if ($short) then $short
      else if (string-length($title) le 60) then $title
      else replace(substring($title, 1, 58), '\s+\S*$', '') || ' …'"/>
  </xsl:function>

  <!-- Paragraphs without the web's permanent links. -->
  <xsl:template match="tei:p | tei:ab">
    <xsl:element name="{if (*[local-name() = $te:blocks]) then 'div' else 'p'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="if (parent::tei:front) then 'front-p' else 'p'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A footnote: the number in the text, the note beside it; Paged.js floats the note to the
       foot of the page where the number stands (float: footnote in print.css). -->
  <xsl:template match="tei:note[te:is-footnote(.)]">
    <!-- After a word, the word's anchor writes it (below). -->
    <xsl:if test="empty(te:anchor-start(.))">
      <xsl:apply-templates select="." mode="te:footnote"/>
    </xsl:if>
  </xsl:template>

  <!-- The word before a footnote's number, the number and the note make one unbreakable
       anchor (.fn-anchor), so that a note that does not fit takes its word along to the next
       page: no number alone at the top of a page, no word without its number. The word is the
       end of the text before the note; when that text is only punctuation ("1982</date>,"),
       the short element before it (a date, a name) joins the anchor. -->
  <xsl:function name="te:anchor-start" as="node()?">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="t" select="$note/preceding-sibling::node()[1]"/>
    <xsl:variable name="e" select="$t/preceding-sibling::node()[1]"/>
    <xsl:sequence select="
      if ($t instance of text() and matches($t, '\S$')) then
        (if (not(matches($t, '\s')) and $e instance of element() and te:joins-anchor($e)) then $e else $t)
      else if ($t instance of element() and te:joins-anchor($t)) then $t
      else ()"/>
  </xsl:function>

  <xsl:function name="te:joins-anchor" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="not($e/self::tei:note | $e/self::tei:pb | $e/self::tei:lb | $e/self::tei:milestone) and not($e//tei:note) and string-length(normalize-space($e)) le 40"/>
  </xsl:function>

  <!-- The footnote whose anchor holds this node, if any. -->
  <xsl:function name="te:anchor-of" as="element(tei:note)?">
    <xsl:param name="n" as="node()"/>
    <xsl:variable name="note" select="($n/following-sibling::node()[position() le 2][self::tei:note][te:is-footnote(.)])[1]"/>
    <xsl:variable name="start" select="$note ! te:anchor-start(.)"/>
    <xsl:sequence select="$note[exists($start) and ($start is $n or $start &lt;&lt; $n)]"/>
  </xsl:function>

  <xsl:template match="node()[te:anchor-of(.)]" priority="10">
    <xsl:variable name="note" select="te:anchor-of(.)"/>
    <xsl:choose>
      <xsl:when test="not(. is te:anchor-start($note))"/>
      <xsl:when test="self::text()">
        <xsl:variable name="text" select="te:print-text(.)"/>
        <xsl:variable name="word" select="replace($text, '^.*?(\S+)$', '$1', 's')"/>
        <xsl:value-of select="substring($text, 1, string-length($text) - string-length($word))"/>
        <!-- The anchor is one unbreakable box: its word is not hyphenated. -->
        <span class="fn-anchor"><xsl:value-of select="translate($word, '&#xAD;', '')"/><xsl:apply-templates select="$note" mode="te:footnote"/></span>
      </xsl:when>
      <xsl:otherwise>
        <span class="fn-anchor">
          <xsl:next-match/>
          <xsl:value-of select="following-sibling::node()[1][not(. is $note)]"/>
          <xsl:apply-templates select="$note" mode="te:footnote"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:note" mode="te:footnote">
    <xsl:variable name="n" select="te:note-number(.)"/>
    <sup class="fn-ref"><xsl:value-of select="$n"/></sup>
    <!-- A note the source gives no text for: its number only (the head lists them). -->
    <xsl:if test="not(te:note-missing(.))"><span class="fn"><span class="fn-n"><xsl:value-of select="$n"/></span><xsl:text> </xsl:text><xsl:apply-templates mode="te:note-body"/></span></xsl:if>
  </xsl:template>

  <!-- The critical apparatus on paper: a second series of notes at the foot of the page, its
       entries lettered and placed by line (the lemma], the readings with their sigla), set before
       the footnotes in the same area (print.css). -->
  <xsl:template match="tei:app[te:in-text-app(.)]" priority="2">
    <xsl:variable name="mark" select="te:app-mark(.)"/>
    <xsl:variable name="line" select="te:app-line(.)"/>
    <span class="app"><span class="lem"><xsl:apply-templates select="te:app-base(.)/node()"/></span><sup class="app-ref"><xsl:value-of select="$mark"/></sup><span class="fn app-fn"><span class="app-mark"><xsl:value-of select="$mark"/></span><xsl:if test="$line"><xsl:text> </xsl:text><span class="app-line"><xsl:value-of select="$line"/></span></xsl:if><xsl:text> </xsl:text><xsl:apply-templates select="." mode="te:app-entry"/></span></span>
  </xsl:template>

  <!-- A space that stands alone between two elements (EpiDoc's "</expan> <expan>"): Paged.js
       takes a text node of nothing but white space for nothing and drops it on the pages after
       the first, gluing the words; a zero-width space beside it keeps it (and adds no width). -->
  <xsl:template match="tei:text//text()[not(parent::tei:div or parent::tei:body or parent::tei:lg or parent::tei:sp or parent::tei:list or parent::tei:listBibl or parent::tei:back or parent::tei:front or parent::tei:listApp)][not(normalize-space())][preceding-sibling::node()[1][self::*]][following-sibling::node()[1][self::*]]" priority="3">
    <xsl:text> &#x200B;</xsl:text>
  </xsl:template>

  <!-- Notes kept without a marker stay where they are, as in the web edition. -->
  <xsl:template match="tei:div[@type = 'notes']/tei:note" priority="2">
    <xsl:apply-imports/>
  </xsl:template>

  <!-- Blocks inside a note stay inline elements (a note lives inside a paragraph). -->
  <xsl:template match="tei:note//*[local-name() = $te:blocks]" priority="3">
    <span class="fn-block {local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Every name of a person is marked for the index (data-p: the person's key). -->
  <xsl:template match="tei:persName[@ref]">
    <xsl:variable name="key" select="te:person-key(@ref, .)"/>
    <span class="persName">
      <xsl:if test="$key"><xsl:attribute name="data-p" select="$key"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A place or organisation of the register: marked for its index (data-p: its register id). -->
  <xsl:template match="tei:placeName[contains(@ref, 'persons.xml#')] | tei:orgName[contains(@ref, 'persons.xml#')]">
    <span class="{local-name()}" data-p="{substring-after(tokenize(normalize-space(@ref), ' ')[1], '#')}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Speaker turns, as books set dialogue: the label run in at the start of the turn's first
       paragraph (above the turn when the turn does not begin with a paragraph: verse, a stage
       direction). A label the editor supplied (a turn the source does not label) is printed in
       the edition's sign for supplied words, square brackets; a label with supplied words in it
       has them by the supplied template. -->
  <xsl:template match="tei:sp">
    <xsl:variable name="key" select="te:person-key(@who, .)"/>
    <xsl:variable name="label" as="element()?">
      <xsl:choose>
        <xsl:when test="tei:speaker"><xsl:apply-templates select="tei:speaker[1]"/></xsl:when>
        <xsl:when test="$key">
          <span class="speaker implied"><span class="br">[</span><span data-p="{$key}"><xsl:value-of select="(key('te:person', substring-after(@who, '#'), root(.))[1] ! te:person-name(.), $key)[1]"/></span><span class="br">]</span></span>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="first" select="(node() except tei:speaker)[not(self::text()[not(normalize-space())])][1][self::tei:p][not(*[local-name() = $te:blocks])]"/>
    <div class="sp{if (tei:speaker) then '' else ' sp-unlabelled'}">
      <xsl:if test="$label and empty($first)"><p class="speaker-line"><xsl:sequence select="$label"/></p></xsl:if>
      <xsl:apply-templates select="tei:speaker[position() gt 1]"/>
      <div class="turn">
        <xsl:for-each select="node() except tei:speaker">
          <xsl:choose>
            <xsl:when test=". is $first">
              <p class="p run-in"><xsl:sequence select="$label"/><xsl:text> </xsl:text><xsl:apply-templates/></p>
            </xsl:when>
            <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </div>
    </div>
  </xsl:template>

  <xsl:template match="tei:speaker">
    <xsl:variable name="key" select="te:person-key(../@who, .)"/>
    <span class="speaker">
      <xsl:if test="$key and not(.//tei:persName[@ref])"><xsl:attribute name="data-p" select="$key"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Links: only to the web; a reference to a local file is printed as text. -->
  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="href" select="te:safe-href(@target)[matches(., '^(https?|mailto):', 'i')]"/>
    <xsl:choose>
      <xsl:when test="$href"><a href="{$href}"><xsl:apply-templates/><xsl:if test="self::tei:ptr"><xsl:value-of select="if (ancestor::tei:listBibl) then replace($href, '^https?://(www\.)?([^/?#]+).*$', '$2', 'i') else $href"/></xsl:if></a></xsl:when>
      <xsl:otherwise><span class="ref"><xsl:apply-templates/><xsl:if test="self::tei:ptr"><xsl:value-of select="@target"/></xsl:if></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
