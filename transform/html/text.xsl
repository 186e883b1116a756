<?xml version="1.0" encoding="UTF-8"?>
<!-- Text structure: front, body, back, div, head, p, lists, bibliographies, page and line
     markers, the source's running heads (fw); and the fallback that keeps the text of any
     element this edition does not know.

     Valid HTML from any TEI: an element that makes a block (p, a list, a heading) inside one
     that makes a line of text (a TEI p's hi, a salute inside a p) is written as a span with the
     class "blockish" (display: block), never as a p inside a p: te:tag() chooses. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns:xi="http://www.w3.org/2001/XInclude"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- Elements that make a block of their own (HTML p cannot hold them). -->
  <xsl:variable name="te:blocks" as="xs:string*" select="('p', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'list', 'listBibl', 'table', 'sp', 'spGrp', 'lg', 'ab', 'head', 'figure', 'quote', 'listPerson', 'castList', 'floatingText', 'docTitle', 'titlePage', 'opener', 'closer', 'salute', 'signed', 'dateline', 'byline', 'docDate', 'docAuthor', 'titlePart', 'trailer', 'epigraph', 'argument', 'address', 'set', 'listApp', 'u')"/>
  <!-- Elements written as containers of blocks (section, div, li, td). -->
  <xsl:variable name="te:flow" as="xs:string*" select="('TEI', 'teiCorpus', 'text', 'front', 'body', 'back', 'group', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7', 'sp', 'spGrp', 'lg', 'list', 'item', 'listBibl', 'listPerson', 'listPlace', 'listOrg', 'listEvent', 'listNym', 'listObject', 'listRelation', 'person', 'place', 'org', 'event', 'nym', 'listApp', 'table', 'row', 'cell', 'figure', 'castList', 'castGroup', 'castItem', 'floatingText', 'titlePage', 'docTitle', 'epigraph', 'argument', 'address', 'set', 'teiHeader', 'fileDesc', 'profileDesc', 'abstract', 'sourceDesc', 'publicationStmt', 'availability')"/>
  <!-- Elements always written as a span (or another phrasing element). -->
  <xsl:variable name="te:inline" as="xs:string*" select="('hi', 'emph', 'foreign', 'term', 'mentioned', 'soCalled', 'persName', 'orgName', 'placeName', 'roleName', 'name', 'affiliation', 'geogName', 'forename', 'surname', 'date', 'time', 'ref', 'ptr', 'title', 'idno', 'label', 'supplied', 'sic', 'corr', 'choice', 'gap', 'unclear', 'stamp', 'add', 'del', 'subst', 'damage', 'space', 'ex', 'expan', 'abbr', 'am', 'orig', 'reg', 'g', 'c', 'w', 'pc', 'seg', 'rs', 'num', 'measure', 'lem', 'rdg', 'app', 'l', 'speaker', 'role', 'roleDesc', 'actor', 'addrLine', 'bibl', 'cit', 'restore', 'surplus', 'secl', 'handShift', 'metamark', 'mod', 'retrace')"/>

  <!-- Whether an element makes a line of text (HTML phrasing content only inside it). -->
  <xsl:function name="te:phrasing" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <!-- Tested in this order (the children last: a play's act has hundreds). -->
    <xsl:sequence select="if (local-name($e) = $te:flow and namespace-uri($e) = 'http://www.tei-c.org/ns/1.0') then false()
      else if ($e/self::tei:note[te:is-footnote(.)]) then false()
      else if (local-name($e) = $te:inline) then true()
      else empty($e/*[local-name() = $te:blocks])"/>
  </xsl:function>

  <!-- Whether an element stands inside a line of text: some element between it and the
       nearest footnote or header (which start afresh) makes one. -->
  <xsl:function name="te:in-phrase" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="reset" select="$e/ancestor::*[self::tei:note[te:is-footnote(.)] or self::tei:teiHeader][1]"/>
    <xsl:sequence select="exists($e/ancestor::*[empty($reset) or . &gt;&gt; $reset][te:phrasing(.)])"/>
  </xsl:function>

  <!-- The HTML element to write: the one asked for, or a span inside a line of text. -->
  <xsl:function name="te:tag" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="if (te:in-phrase($e)) then 'span' else $name"/>
  </xsl:function>

  <!-- p, or div when the element holds blocks; a span inside a line. -->
  <xsl:function name="te:p-tag" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="te:tag($e, if ($e/*[local-name() = $te:blocks]) then 'div' else 'p')"/>
  </xsl:function>

  <!-- The class of an element written as a span in place of a block. -->
  <xsl:function name="te:class" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="class" as="xs:string"/>
    <xsl:sequence select="if (te:in-phrase($e)) then $class || ' blockish' else $class"/>
  </xsl:function>

  <!-- White space as a reader sees it, decided here (no string post-processing of the page):
       every run of spaces, tabs, line ends and no-break spaces becomes one space; none stands at
       the start or end of a block (a paragraph, a line, a heading, a note), nor after a space
       that ends the text before (across the elements of the line: "word <hi> text</hi>"). One
       no-break space between two words stays. -->
  <xsl:variable name="te:ws-blocks" as="xs:string*" select="($te:blocks, 'item', 'l', 'note', 'cell', 'speaker', 'stage', 'bibl', 'label', 'castItem', 'roleDesc', 'role', 'person', 'place', 'org', 'event', 'desc')"/>
  <xsl:template match="text()[parent::tei:*]" priority="-1">
    <!-- normalize-space() where no no-break space is (the common case: fast); a regular
         expression only where one is. -->
    <xsl:variable name="nbsp" select="contains(., '&#160;')"/>
    <xsl:variable name="core" select="if ($nbsp) then replace(replace(., '[\s&#160;]*\s[\s&#160;]*', ' '), '^ | $', '') else normalize-space(.)"/>
    <xsl:variable name="first" select="substring(., 1, 1)"/>
    <xsl:variable name="last" select="substring(., string-length(.))"/>
    <xsl:variable name="ws" select="(' ', '&#9;', '&#10;', '&#13;', '&#160;')"/>
    <xsl:choose>
      <xsl:when test="$core = ''">
        <xsl:if test=". != '' and not(te:ws-strip-start(.)) and not(te:ws-at-end(.))"><xsl:text> </xsl:text></xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$first = $ws and not(te:ws-strip-start(.))"><xsl:value-of select="if ($first = '&#160;' and not(matches(., '^&#160;[^\s&#160;]'))) then ' ' else if ($first = '&#160;') then '&#160;' else ' '"/></xsl:if>
        <xsl:value-of select="$core"/>
        <xsl:if test="$last = $ws and not(te:ws-at-end(.))"><xsl:value-of select="if ($last = '&#160;' and not(matches(., '[^\s&#160;]&#160;$'))) then ' ' else if ($last = '&#160;') then '&#160;' else ' '"/></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- Elements that write nothing: the text on either side meets. -->
  <xsl:function name="te:ws-silent" as="xs:boolean">
    <xsl:param name="n" as="node()"/>
    <xsl:sequence select="exists($n/(self::tei:anchor | self::tei:index | self::tei:link | self::tei:join | self::tei:alt | self::tei:span | self::comment() | self::processing-instruction()))"/>
  </xsl:function>
  <!-- Whether a node's leading white space goes: at the start of its block, or after text that
       ends in a space. -->
  <xsl:function name="te:ws-strip-start" as="xs:boolean">
    <xsl:param name="n" as="node()"/>
    <xsl:variable name="prev" select="$n/preceding-sibling::node()[not(te:ws-silent(.))][1]"/>
    <xsl:choose>
      <xsl:when test="$prev/self::text()"><xsl:sequence select="matches($prev, '[\s&#160;]$')"/></xsl:when>
      <xsl:when test="$prev/self::tei:note[te:is-footnote(.)] or $prev/self::tei:app"><xsl:sequence select="false()"/></xsl:when>
      <xsl:when test="$prev"><xsl:sequence select="matches(string($prev), '[\s&#160;]$')"/></xsl:when>
      <xsl:when test="empty($n/parent::*) or $n/parent::*[local-name() = $te:ws-blocks or local-name() = $te:flow]"><xsl:sequence select="true()"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="te:ws-strip-start($n/..)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>
  <!-- Whether a node ends its block (nothing but white space after it there). -->
  <xsl:function name="te:ws-at-end" as="xs:boolean">
    <xsl:param name="n" as="node()"/>
    <xsl:choose>
      <xsl:when test="$n/following-sibling::node()[not(te:ws-silent(.))][self::* or normalize-space(translate(., '&#160;', ' '))]"><xsl:sequence select="false()"/></xsl:when>
      <xsl:when test="empty($n/parent::*) or $n/parent::*[local-name() = $te:ws-blocks or local-name() = $te:flow]"><xsl:sequence select="true()"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="te:ws-at-end($n/..)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The space an element that writes a mark of its own ("(.)", "vac.") needs on either side:
       none where the text beside it has one already, or where it begins or ends its block. -->
  <xsl:function name="te:space-before" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="p" select="$e/preceding-sibling::node()[not(te:ws-silent(.))][1]"/>
    <xsl:sequence select="if (empty($p)) then '' else if ($p/self::text()) then (if (matches($p, '[\s&#160;]$')) then '' else ' ') else ' '"/>
  </xsl:function>
  <xsl:function name="te:space-after" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="n" select="$e/following-sibling::node()[not(te:ws-silent(.))][1]"/>
    <xsl:sequence select="if ($n/self::text() and not(matches($n, '^[\s&#160;]'))) then ' ' else ''"/>
  </xsl:function>

  <xsl:template match="tei:teiHeader"/>
  <!-- What an XInclude names (a taxonomy in the header) and a facsimile are not text. -->
  <xsl:template match="xi:include | xi:fallback | tei:facsimile | tei:sourceDoc | tei:standOff"/>

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

  <xsl:template match="tei:group">
    <div class="group"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:docTitle | tei:titlePage">
    <xsl:element name="{te:tag(., 'div')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., local-name())"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:titlePart | tei:docDate | tei:docAuthor | tei:byline | tei:dateline | tei:opener | tei:closer | tei:salute | tei:signed | tei:trailer | tei:epigraph | tei:argument">
    <xsl:element name="{te:p-tag(.)}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., string-join((local-name(), te:rend-classes(.)), ' '))"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A division; one of EpiDoc's (edition, apparatus, translation, commentary, bibliography)
       without a heading of its own gets one; a numbered part without one, its number. -->
  <xsl:template match="tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <xsl:element name="{te:tag(., 'section')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., string-join(('div', @type ! ('div-' || .), @subtype ! ('div-' || .)), ' '))"/>
      <xsl:for-each select="te:own-id(.)"><xsl:attribute name="id" select="."/></xsl:for-each>
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
      <xsl:if test="not(tei:head)">
        <xsl:call-template name="te:div-heading"/>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="te:div-heading">
    <xsl:variable name="depth" select="min((count(ancestor::*[local-name() = ('div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7')]) + 2, 6))"/>
    <xsl:choose>
      <xsl:when test="@type = ('edition', 'apparatus', 'translation', 'commentary', 'bibliography') and normalize-space(.) != '' and not(ancestor::tei:div[@type = current()/@type])">
        <xsl:element name="{te:tag(., 'h' || $depth)}" namespace="http://www.w3.org/1999/xhtml">
          <xsl:attribute name="class" select="te:class(., 'head head-supplied')"/>
          <xsl:value-of select="te:label(@type)"/>
          <xsl:if test="@type = 'translation' and @xml:lang"> (<xsl:value-of select="te:language(@xml:lang, .)"/>)</xsl:if>
        </xsl:element>
      </xsl:when>
      <xsl:when test="@type = 'textpart' and normalize-space(@n)">
        <xsl:element name="{te:tag(., 'p')}" namespace="http://www.w3.org/1999/xhtml">
          <xsl:attribute name="class" select="te:class(., 'div-n')"/>
          <xsl:value-of select="(@subtype[. = ('fragment', 'face', 'column', 'side')] ! (upper-case(substring(., 1, 1)) || substring(., 2) || ' '), '§ ')[1]"/>
          <xsl:value-of select="@n"/>
        </xsl:element>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A language's name, from the header's langUsage, else its code. -->
  <xsl:function name="te:language" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:sequence select="(normalize-space((root($context)//tei:langUsage/tei:language[@ident = $code])[1])[.], map { 'en': 'English', 'de': 'German', 'it': 'Italian', 'fr': 'French', 'la': 'Latin', 'grc': 'Ancient Greek', 'el': 'Greek', 'es': 'Spanish' }($code), $code)[1]"/>
  </xsl:function>

  <xsl:template match="tei:head">
    <xsl:variable name="depth" select="min((count(ancestor::*[local-name() = ('div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7')]) + 1, 6))"/>
    <xsl:element name="{te:tag(., 'h' || $depth)}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., 'head')"/>
      <xsl:if test="te:is-toc-head(.)"><xsl:attribute name="id" select="te:head-id(.)"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:list/tei:head | tei:listBibl/tei:head | tei:table/tei:head | tei:lg/tei:head | tei:figure/tei:head | tei:castList/tei:head | tei:castGroup/tei:head | tei:listPerson/tei:head | tei:sp/tei:head" priority="2">
    <xsl:element name="{te:tag(., 'p')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., 'list-head')"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A paragraph: its own id and a permanent link. -->
  <xsl:template match="tei:p | tei:ab">
    <xsl:variable name="id" select="te:block-id(.)"/>
    <xsl:element name="{te:p-tag(.)}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:if test="ancestor::tei:text"><xsl:attribute name="id" select="$id"/></xsl:if>
      <xsl:attribute name="class" select="te:class(., string-join(('p', te:rend-classes(.)), ' '))"/>
      <xsl:apply-templates/>
      <xsl:if test="(ancestor::tei:body or ancestor::tei:back) and normalize-space(.)">
        <!-- Glued to the paragraph's last word (never a line of its own); shown on hover and
             focus only (edition.css), always in the tab order and named for screen readers. -->
        <a class="permalink" href="#{$id}" aria-label="Permanent link to paragraph {accumulator-before('te:para')}">¶</a>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- A paragraph that only holds a stamp or an addition (front matter) stays a plain line. -->
  <xsl:template match="tei:front/tei:p" priority="2">
    <xsl:element name="{te:p-tag(.)}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., 'front-p')"/>
      <xsl:attribute name="id" select="te:block-id(.)"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <xsl:element name="{te:tag(., if (@type = ('ordered', 'numbered') or @rend = ('numbered', 'ordered')) then 'ol' else 'ul')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., string-join(('list', @type, @rend), ' '))"/>
      <xsl:apply-templates select="node() except tei:head"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:item">
    <xsl:element name="{te:tag(., 'li')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="id" select="te:block-id(.)"/>
      <xsl:if test="te:in-phrase(.)"><xsl:attribute name="class" select="'item blockish'"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Text between the items of a list (a label, a comma) goes with the item it precedes. -->
  <xsl:template match="tei:list/text()[normalize-space()] | tei:listBibl/text()[normalize-space()]">
    <xsl:element name="{if (te:in-phrase(..) or te:phrasing(..)) then 'span' else 'li'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="'list-text'"/>
      <xsl:value-of select="."/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:list/tei:label" priority="2">
    <xsl:element name="{te:tag(., 'li')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="'label'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:label">
    <span class="label"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:listBibl">
    <xsl:apply-templates select="tei:head"/>
    <xsl:if test="tei:bibl[normalize-space()] | tei:biblStruct | tei:listBibl | tei:msDesc">
      <xsl:element name="{te:tag(., 'ul')}" namespace="http://www.w3.org/1999/xhtml">
        <xsl:attribute name="class" select="te:class(., 'listBibl')"/>
        <xsl:apply-templates select="node() except tei:head"/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:listBibl/tei:bibl | tei:listBibl/tei:biblStruct | tei:listBibl/tei:listBibl | tei:listBibl/tei:msDesc">
    <xsl:if test="normalize-space()">
      <xsl:element name="{te:tag(., 'li')}" namespace="http://www.w3.org/1999/xhtml">
        <xsl:attribute name="class" select="'bibl'"/>
        <xsl:attribute name="id" select="te:block-id(.)"/>
        <xsl:apply-templates/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- In a bibliography entry of TEI from elsewhere the parts stand apart by a comma where the
       TEI has only space (the edition's own entries are lines: edition.css). -->
  <xsl:template match="*[parent::tei:bibl/parent::tei:listBibl][normalize-space() or self::tei:ptr][preceding-sibling::*[normalize-space() or self::tei:ptr]][not(te:ours(.))]" priority="2">
    <xsl:variable name="before" select="preceding-sibling::node()[not(self::text()) or normalize-space()][1]"/>
    <xsl:if test="$before/self::*"><xsl:text>, </xsl:text></xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <xsl:template match="text()[parent::tei:bibl/parent::tei:listBibl][not(normalize-space())][preceding-sibling::*][following-sibling::*]"/>

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
    <xsl:choose>
      <xsl:when test="te:in-phrase(.) or te:phrasing(..)"><span class="milestone-mark" role="separator">⁂</span></xsl:when>
      <xsl:otherwise><hr class="milestone{@rend ! (' ' || .)}"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Page markers: the source's "(p. N)"; without a number, where a new page begins; the
       facsimile as a link when it is a web address. -->
  <xsl:template match="tei:pb">
    <xsl:variable name="n" select="normalize-space(@n)"/>
    <xsl:variable name="facs" select="te:safe-href(@facs)[matches(., '^https?://', 'i')]"/>
    <span class="pb{if ($n) then '' else ' pb-unnumbered'}" role="note" aria-label="{if ($n) then 'Page ' || $n else 'New page'}">
      <xsl:for-each select="te:own-id(.)"><xsl:attribute name="id" select="."/></xsl:for-each>
      <xsl:if test="not($facs) and normalize-space(@facs)"><xsl:attribute name="title" select="'Facsimile: ' || normalize-space(@facs)"/></xsl:if>
      <xsl:choose>
        <xsl:when test="$n"><xsl:text>(p. </xsl:text><xsl:value-of select="$n"/><xsl:text>)</xsl:text></xsl:when>
        <xsl:otherwise><xsl:text>(new page)</xsl:text></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$facs"><xsl:text> </xsl:text><a class="facs" href="{$facs}">facsimile</a></xsl:if>
    </span>
  </xsl:template>

  <!-- A column break with a number (a column of the printed source: Migne's PG). -->
  <xsl:template match="tei:cb">
    <xsl:choose>
      <xsl:when test="normalize-space(@n) and @break = 'no'">
        <span class="cb cb-inword" role="note" aria-label="Column {normalize-space(@n)}" title="Column {normalize-space(@n)} begins within the word">|<sup><xsl:value-of select="normalize-space(@n)"/></sup></span>
      </xsl:when>
      <xsl:when test="normalize-space(@n)">
        <span class="cb" role="note" aria-label="Column {normalize-space(@n)}">
          <xsl:for-each select="te:own-id(.)"><xsl:attribute name="id" select="."/></xsl:for-each>
          <xsl:text>(col. </xsl:text><xsl:value-of select="normalize-space(@n)"/><xsl:text>)</xsl:text>
        </span>
      </xsl:when>
      <xsl:otherwise><xsl:for-each select="te:own-id(.)"><span id="{.}"></span></xsl:for-each></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A line break: a new line (not before the first line of a block); its number where the
       text numbers its lines (te:lb-number). -->
  <xsl:template match="tei:lb">
    <xsl:variable name="n" select="te:lb-number(.)"/>
    <xsl:if test="not(te:line-start(.))"><br/></xsl:if>
    <xsl:if test="exists($n)">
      <span class="lb-n" aria-hidden="true"><xsl:value-of select="$n"/></span>
    </xsl:if>
  </xsl:template>

  <!-- Whether a line break begins its block (only white space before it there). -->
  <xsl:function name="te:line-start" as="xs:boolean">
    <xsl:param name="lb" as="element(tei:lb)"/>
    <xsl:sequence select="exists($lb/parent::*[self::tei:ab or self::tei:p or self::tei:l or self::tei:lg or self::tei:div or self::tei:head or self::tei:addrLine or self::tei:closer or self::tei:opener])
      and empty($lb/preceding-sibling::node()[self::* or normalize-space()])"/>
  </xsl:function>

  <!-- The number shown at a line break: in an inscription's edition every numbered line, in
       other texts every fifth. -->
  <xsl:function name="te:lb-number" as="xs:string?">
    <xsl:param name="lb" as="element(tei:lb)"/>
    <xsl:variable name="n" select="normalize-space($lb/@n)"/>
    <xsl:sequence select="$n[.][$lb/ancestor::tei:div[@type = 'edition'] or (. castable as xs:integer and xs:integer(.) mod 5 = 0)]"/>
  </xsl:function>

  <xsl:template match="tei:anchor">
    <xsl:for-each select="te:own-id(.)"><span id="{.}"></span></xsl:for-each>
  </xsl:template>

  <!-- The source's running heads, catchwords, signatures and folio numbers (fw) are not part of
       the running text: they stand apart, in the margin. -->
  <xsl:template match="tei:fw">
    <span class="fw{@type ! (' fw-' || .)}" role="note" aria-label="{te:fw-label(@type)}" title="{te:fw-label(@type)}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:function name="te:fw-label" as="xs:string">
    <xsl:param name="type" as="attribute()?"/>
    <xsl:sequence select="(map { 'header': 'Running head', 'head': 'Running head', 'running-head': 'Running head', 'catch': 'Catchword', 'catchword': 'Catchword', 'sig': 'Signature', 'pageNum': 'Page number', 'pageno': 'Page number', 'folNum': 'Folio number', 'lineNum': 'Line number' }(string($type)), 'In the margin of the source')[1]"/>
  </xsl:function>

  <xsl:template match="tei:q | tei:quote | tei:said">
    <xsl:element name="{te:tag(., if (*[local-name() = $te:blocks]) then 'blockquote' else 'span')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="if (*[local-name() = $te:blocks]) then te:class(., local-name()) else local-name()"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:ref | tei:ptr">
    <xsl:variable name="href" select="te:safe-href(@target)"/>
    <xsl:choose>
      <xsl:when test="$href and not(ancestor::tei:ref[te:safe-href(@target)] | ancestor::tei:persName[@ref] | ancestor::tei:speaker)"><a href="{$href}"><xsl:apply-templates/><xsl:if test="self::tei:ptr or (not(normalize-space(.)) and empty(*))"><xsl:value-of select="if (matches($href, '^https?://')) then replace($href, '^https?://(www\.)?([^/?#]+).*$', '$2', 'i') else $href"/></xsl:if></a></xsl:when>
      <xsl:otherwise><span class="ref"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:table">
    <xsl:choose>
      <xsl:when test="te:in-phrase(.)"><span class="table blockish"><xsl:apply-templates/></span></xsl:when>
      <xsl:otherwise>
        <table>
          <xsl:for-each select="tei:head"><caption><xsl:apply-templates/></caption></xsl:for-each>
          <tbody><xsl:apply-templates select="tei:row"/></tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:row">
    <xsl:element name="{te:tag(., 'tr')}" namespace="http://www.w3.org/1999/xhtml"><xsl:apply-templates select="tei:cell"/></xsl:element>
  </xsl:template>
  <xsl:template match="tei:cell">
    <xsl:element name="{te:tag(., if (../@role = 'label' or @role = 'label') then 'th' else 'td')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="tei:figure">
    <xsl:element name="{te:tag(., 'figure')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:if test="te:in-phrase(.)"><xsl:attribute name="class" select="'figure blockish'"/></xsl:if>
      <xsl:apply-templates select="node() except tei:graphic"/>
    </xsl:element>
  </xsl:template>

  <!-- Elements this edition does not know: keep their text; a block if they hold blocks. -->
  <xsl:template match="*">
    <xsl:element name="{if (*[local-name() = $te:blocks] and not(te:in-phrase(.))) then 'div' else 'span'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="string-join(('tei-' || local-name(), te:rend-classes(.)), ' ')"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Comments and processing instructions of the TEI stay out of the page. -->
  <xsl:template match="comment() | processing-instruction()"/>
</xsl:stylesheet>
