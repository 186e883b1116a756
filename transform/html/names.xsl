<?xml version="1.0" encoding="UTF-8"?>
<!-- Names and dates in the text; the index of documents and the index of persons. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:persName[@ref]">
    <xsl:variable name="key" select="te:person-key(@ref, .)"/>
    <xsl:choose>
      <xsl:when test="$key and not(ancestor::tei:speaker)"><a class="persName" href="persons.html#{$key}"><xsl:apply-templates/></a></xsl:when>
      <xsl:otherwise><span class="persName"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A place or organisation of the edition's register (persons.xml#…): a link to its entry in the index of places or of organisations. -->
  <xsl:template match="tei:placeName[contains(@ref, 'persons.xml#')] | tei:orgName[contains(@ref, 'persons.xml#')]">
    <a class="{local-name()}" href="{if (self::tei:placeName) then 'places' else 'orgs'}.html#{substring-after(tokenize(normalize-space(@ref), ' ')[1], '#')}"><xsl:apply-templates/></a>
  </xsl:template>

  <xsl:template match="tei:persName | tei:orgName | tei:placeName | tei:roleName | tei:name | tei:affiliation | tei:geogName | tei:forename | tei:surname">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- The registers a document carries (persons, places, works in its back matter; a list of
       persons in its text): a list, each entry's parts apart by commas. -->
  <xsl:template match="tei:text//tei:listPerson | tei:text//tei:listPlace | tei:text//tei:listOrg | tei:text//tei:listEvent | tei:text//tei:listNym | tei:text//tei:listObject | tei:text//tei:listRelation">
    <xsl:element name="{te:tag(., 'div')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="te:class(., 'register ' || local-name())"/>
      <xsl:apply-templates select="tei:head"/>
      <xsl:if test="not(tei:head) and ancestor::tei:back and not(parent::*[starts-with(local-name(), 'list')])">
        <xsl:element name="{te:tag(., 'h2')}" namespace="http://www.w3.org/1999/xhtml">
          <xsl:attribute name="class" select="'head head-supplied'"/>
          <xsl:value-of select="te:label(local-name())"/>
        </xsl:element>
      </xsl:if>
      <xsl:element name="{te:tag(., 'ul')}" namespace="http://www.w3.org/1999/xhtml">
        <xsl:attribute name="class" select="'register-list'"/>
        <xsl:apply-templates select="node() except tei:head"/>
      </xsl:element>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:text//*[starts-with(local-name(), 'list')][not(self::tei:list or self::tei:listBibl or self::tei:listApp or self::tei:listWit)]/*[not(self::tei:head)]" priority="-0.2">
    <xsl:element name="{te:tag(., 'li')}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="'register-entry ' || local-name()"/>
      <xsl:for-each select="te:own-id(.)"><xsl:attribute name="id" select="."/></xsl:for-each>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:text//*[starts-with(local-name(), 'list')]/*/text()[not(normalize-space())]" priority="2"/>
  <xsl:template match="*[../..[starts-with(local-name(), 'list')][not(self::tei:list or self::tei:listBibl or self::tei:listApp)][ancestor::tei:text]][normalize-space()][preceding-sibling::*[normalize-space()]]" priority="2">
    <xsl:text>, </xsl:text>
    <xsl:next-match/>
  </xsl:template>
  <xsl:template match="tei:text//*[starts-with(local-name(), 'list')]//tei:geo" priority="3">
    <span class="geo"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:date | tei:time">
    <xsl:variable name="when" select="string((@when, @from)[1])"/>
    <xsl:choose>
      <xsl:when test="matches($when, '^\d{4}(-\d{2}(-\d{2})?)?$')"><time datetime="{$when}"><xsl:apply-templates/></time></xsl:when>
      <xsl:otherwise><span class="date"><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- With title-slots, the index pages carry a slot for each document's title (U+F8FF, the
       stem, U+F8FF) instead of the title itself: the build keeps the page made so and fills in
       the titles, so that a retitled document does not make the whole page again
       (src/build/title-slots.ts). -->
  <xsl:param name="title-slots" as="xs:boolean" select="false()"/>
  <xsl:function name="te:shown-title" as="xs:string">
    <xsl:param name="stem" as="xs:string"/>
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="if ($title-slots) then '&#xF8FF;' || $stem || '&#xF8FF;' else te:title($doc)"/>
  </xsl:function>

  <!-- Lookups by file stem, made once (a search per link would be quadratic in documents). -->
  <xsl:variable name="te:position-of-stem" as="map(xs:string, xs:integer)" select="map:merge(for $i in 1 to count($stems) return map { $stems[$i]: $i }, map { 'duplicates': 'use-first' })"/>
  <xsl:variable name="te:title-of-stem" as="map(xs:string, xs:string)" select="map:merge(for $i in 1 to count($stems) return map { $stems[$i]: te:shown-title($stems[$i], $docs[$i]) }, map { 'duplicates': 'use-first' })"/>

  <!-- The edition's home page: what the configuration says of the edition (title, editors,
       description, how to cite, licence), then the documents in the edition's order
       (te:order-key), numbered as in the print volume; the introduction first, on its own. -->
  <xsl:template name="index">
    <xsl:call-template name="te:page">
      <xsl:with-param name="title" select="$edition-title"/>
      <xsl:with-param name="kind" select="'index'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The index of documents made in parts (src/build/index-parts.ts): with index-part, the
       documents' entries stand between two U+F8FE marks and are numbered from
       index-first-number, so that the build can make them a few hundred documents at a time,
       in the edition's order, and put them into the page made without them. -->
  <xsl:param name="index-part" as="xs:boolean" select="false()"/>
  <xsl:param name="index-first-number" as="xs:double" select="1"/>

  <xsl:template name="te:index-content">
    <xsl:variable name="entries" as="element()*">
      <xsl:for-each select="$docs">
        <xsl:variable name="i" select="position()"/>
        <te:entry stem="{$stems[$i]}" date="{te:sort-date(.)}" order="{te:order-key(.)}" intro="{te:is-introduction(.)}"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="editors" select="tokenize($edition-editors, '\n')[normalize-space()] ! normalize-space()"/>
        <header class="edition-header">
          <h1><xsl:value-of select="$edition-title"/></h1>
          <xsl:if test="exists($editors)">
            <p class="edition-editors">Edited by <xsl:value-of select="te:and-list($editors)"/></p>
          </xsl:if>
        </header>
        <xsl:for-each select="tokenize($edition-description, '\n[ \t]*\n')[normalize-space()]">
          <p class="edition-description"><xsl:value-of select="normalize-space(.)"/></p>
        </xsl:for-each>
        <section class="edition-cite" aria-labelledby="edition-cite-h">
          <h2 id="edition-cite-h">How to cite</h2>
          <p class="edition-citation">
            <xsl:if test="exists($editors)"><xsl:value-of select="te:and-list($editors)"/>, <xsl:value-of select="if (count($editors) gt 1) then 'eds.' else 'ed.'"/><xsl:text> </xsl:text></xsl:if>
            <cite><xsl:value-of select="$edition-title"/></cite>
            <xsl:value-of select="string-join(('', $edition-publisher[normalize-space()], $edition-year[normalize-space()]), ', ')"/>
            <xsl:text>.</xsl:text>
            <xsl:if test="$base-url"><xsl:text> </xsl:text><span class="cite-url"><xsl:value-of select="$base-url"/></span>.</xsl:if>
          </p>
        </section>
        <xsl:if test="$edition-licence[normalize-space()]">
          <section class="edition-licence" aria-labelledby="edition-licence-h">
            <h2 id="edition-licence-h">Licence</h2>
            <p><xsl:value-of select="normalize-space($edition-licence)"/></p>
          </section>
        </xsl:if>
        <h2 id="documents">Documents</h2>
        <xsl:for-each select="$entries[@intro = 'true']">
          <xsl:sort select="@order"/>
          <p class="intro-link">Introduction: <a href="{@stem}.html"><xsl:value-of select="te:shown-title(@stem, te:doc(.))"/></a></p>
        </xsl:for-each>
        <div class="filters" hidden="hidden">
          <label for="filter-person">Person</label>
          <select id="filter-person"><option value="">All persons</option></select>
          <label for="filter-year">Year</label>
          <select id="filter-year"><option value="">All years</option></select>
        </div>
        <ol class="documents">
          <xsl:if test="$index-part"><xsl:text>&#xF8FE;</xsl:text></xsl:if>
          <xsl:for-each select="$entries[@intro = 'false']">
            <xsl:sort select="@order"/>
            <xsl:variable name="d" select="te:doc(.)"/>
            <xsl:variable name="people" select="$d//tei:teiHeader//tei:particDesc//tei:person"/>
            <li class="doc-entry" data-year="{substring(@date, 1, 4)[. != '9999']}" data-persons="{string-join($people ! te:person-key('#' || @xml:id, .), ' ')}">
              <h3><span class="doc-no">Document <xsl:value-of select="position() + xs:integer($index-first-number) - 1"/></span><xsl:text> </xsl:text><a href="{@stem}.html"><xsl:value-of select="te:shown-title(@stem, $d)"/></a></h3>
              <xsl:variable name="date" select="te:date($d)"/>
              <xsl:if test="$date">
                <p class="doc-date"><xsl:call-template name="te:date-value"><xsl:with-param name="date" select="$date"/></xsl:call-template><xsl:for-each select="te:date-kind($date)"> (<xsl:value-of select="."/>)</xsl:for-each></p>
              </xsl:if>
              <xsl:for-each select="$d/*/tei:teiHeader/tei:profileDesc/tei:correspDesc[tei:correspAction]">
                <xsl:variable name="sent" select="tei:correspAction[@type = 'sent']"/>
                <xsl:variable name="received" select="tei:correspAction[@type = 'received']"/>
                <p class="doc-corresp">
                  <xsl:for-each select="$sent">From <xsl:call-template name="te:corresp-party"/></xsl:for-each>
                  <xsl:if test="$sent and $received"><xsl:text> </xsl:text></xsl:if>
                  <xsl:for-each select="$received"><xsl:value-of select="if ($sent) then 'to' else 'To'"/><xsl:text> </xsl:text><xsl:call-template name="te:corresp-party"/></xsl:for-each>
                </p>
              </xsl:for-each>
              <xsl:if test="$people">
                <p class="doc-participants">Participants: <xsl:for-each select="$people">
                  <xsl:if test="position() gt 1">, </xsl:if>
                  <a href="persons.html#{te:person-key('#' || @xml:id, .)}"><xsl:value-of select="te:person-name(.)"/></a>
                </xsl:for-each></p>
              </xsl:if>
              <xsl:for-each select="$d//tei:teiHeader/tei:profileDesc/tei:abstract">
                <div class="doc-abstract"><xsl:apply-templates/></div>
              </xsl:for-each>
            </li>
          </xsl:for-each>
          <xsl:if test="$index-part"><xsl:text>&#xF8FE;</xsl:text></xsl:if>
        </ol>
  </xsl:template>

  <!-- Names as a sentence lists them: "A", "A and B", "A, B and C". -->
  <xsl:function name="te:and-list" as="xs:string">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:sequence select="if (count($names) le 2) then string-join($names, ' and ') else string-join($names[position() lt last()], ', ') || ' and ' || $names[last()]"/>
  </xsl:function>

  <!-- Who sent or received a letter, and where: "David, Jakob Julius (Wien)". -->
  <xsl:template name="te:corresp-party">
    <xsl:value-of select="(tei:persName | tei:orgName | tei:name)[normalize-space()] ! normalize-space()" separator="; "/>
    <xsl:for-each select="(tei:placeName | tei:settlement)[normalize-space()][1]"> (<xsl:value-of select="normalize-space(.)"/>)</xsl:for-each>
  </xsl:template>

  <xsl:function name="te:doc" as="document-node()">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="i" as="xs:integer" select="$te:position-of-stem(string($entry/@stem))"/>
    <xsl:sequence select="$docs[$i]"/>
  </xsl:function>

  <!-- The index of persons: the register, then anyone a document names who is not in it. -->
  <xsl:template name="persons">
    <xsl:call-template name="te:page">
      <xsl:with-param name="title" select="'Persons'"/>
      <xsl:with-param name="kind" select="'persons'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The entries of some persons only, for the build to put into a page it keeps
       (src/build/persons-patch.ts): those of the keys given, or (persons-mentioned) those the
       documents of $docs name. -->
  <xsl:param name="persons-only" as="xs:string*" select="()"/>
  <!-- (A map: a group of persons made in parts can hold thousands of keys.) -->
  <xsl:variable name="te:persons-only" as="map(xs:string, xs:boolean)" select="map:merge($persons-only ! map { .: true() }, map { 'duplicates': 'use-first' })"/>
  <xsl:param name="persons-mentioned" as="xs:boolean" select="false()"/>
  <xsl:function name="te:listed-key" as="xs:string">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="if ($person/ancestor::tei:particDesc) then string(te:person-key('#' || $person/@xml:id, $person)) else string($person/@xml:id)"/>
  </xsl:function>

  <!-- Who is named where in the documents of $docs, in their order: a "person-key TAB how TAB
       stem" string for each participant, turn and linked name, and "person-key TAB at TAB stem
       TAB block id" for each linked name's block. The build finds these a few hundred
       documents at a time and gives them to the index of persons (mentions-given,
       given-mentions), which then reads only the documents' headers
       (src/build/persons-parts.ts). -->
  <xsl:param name="mentions-given" as="xs:boolean" select="false()"/>
  <xsl:param name="given-mentions" as="xs:string*" select="()"/>
  <!-- With mentions-by-document, each document's strings end with an empty one (the build keeps them by document). -->
  <xsl:param name="mentions-by-document" as="xs:boolean" select="false()"/>
  <xsl:template name="person-mentions" as="xs:string*">
    <xsl:for-each select="$docs">
      <xsl:variable name="i" select="position()"/>
      <xsl:variable name="stem" select="$stems[$i]"/>
      <xsl:for-each select="tei:TEI/tei:teiHeader/tei:profileDesc/tei:particDesc//tei:person">
        <xsl:sequence select="string-join((te:person-key('#' || @xml:id, .), 'participant', $stem), '&#9;')"/>
      </xsl:for-each>
      <xsl:for-each select="*/tei:text//(tei:sp[@who] | tei:persName[@ref])">
        <xsl:sequence select="string-join((te:person-key((@who, @ref)[1], .), if (self::tei:sp) then 'speaks' else 'mentioned', $stem), '&#9;')"/>
      </xsl:for-each>
      <!-- Where in the document a person is named: the block (paragraph, turn) of the mention. -->
      <xsl:for-each select="*/tei:text//tei:persName[@ref]">
        <xsl:sequence select="string-join((te:person-key(@ref, .), 'at', $stem, string(ancestor::*[@xml:id][ancestor::tei:text][1]/@xml:id)), '&#9;')"/>
      </xsl:for-each>
      <xsl:if test="$mentions-by-document"><xsl:sequence select="''"/></xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="te:persons-content">
    <!-- "person-key TAB how TAB stem" strings grouped in a map: a temporary tree with one child
         per mention is quadratic in SaxonJS's DOM (each append rebuilds the child list). -->
    <xsl:variable name="mentions" as="xs:string*">
      <xsl:choose>
        <xsl:when test="$mentions-given"><xsl:sequence select="$given-mentions"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="person-mentions"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="by-person" as="map(xs:string, xs:string*)">
      <xsl:map>
        <xsl:for-each-group select="$mentions" group-by="substring-before(., '&#9;')">
          <xsl:map-entry key="current-grouping-key()" select="distinct-values(current-group() ! substring-after(., '&#9;'))"/>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:variable name="registered" select="$register//tei:listPerson/tei:person[@xml:id]"/>
    <xsl:variable name="others" as="element()*">
      <xsl:for-each-group select="$docs/tei:TEI/tei:teiHeader/tei:profileDesc/tei:particDesc//tei:person[not(te:person-key('#' || @xml:id, .) = $registered/@xml:id)]" group-by="te:person-key('#' || @xml:id, .)">
        <xsl:sequence select="current-group()[1]"/>
      </xsl:for-each-group>
    </xsl:variable>
    <!-- Filed by surname (te:sort-key, transform/common/name-order.xsl), under the letter of
         the key; the register's persons headed as an index heads them ("Honecker, Erich"),
         persons known only from a document's list of persons as the document names them. -->
    <xsl:variable name="filed" as="map(*)*">
      <xsl:for-each select="($registered, $others)[if ($persons-mentioned) then map:contains($by-person, te:listed-key(.)) else empty($persons-only) or map:contains($te:persons-only, te:listed-key(.))]">
        <xsl:sequence select="map { 'person': ., 'key': te:sort-key(.) || ' ' || lower-case(te:person-name(.)), 'letter': te:index-letter(.) }"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="letters" select="distinct-values($filed ! ?letter)"/>
        <h1>Persons</h1>
        <nav class="az" aria-label="Persons by letter">
          <ul>
            <xsl:for-each select="(string-to-codepoints('ABCDEFGHIJKLMNOPQRSTUVWXYZ') ! codepoints-to-string(.), '#'[. = $letters])">
              <li>
                <xsl:choose>
                  <xsl:when test=". = $letters"><a href="#letter-{if (. = '#') then 'other' else .}"><xsl:value-of select="."/></a></xsl:when>
                  <xsl:otherwise><span class="az-empty"><xsl:value-of select="."/></span></xsl:otherwise>
                </xsl:choose>
              </li>
            </xsl:for-each>
          </ul>
        </nav>
        <xsl:for-each-group select="$filed" group-by="?letter">
          <xsl:sort select="if (current-grouping-key() = '#') then '~' else current-grouping-key()"/>
          <section class="az-group" id="letter-{if (current-grouping-key() = '#') then 'other' else current-grouping-key()}">
            <h2 class="az-letter"><xsl:value-of select="current-grouping-key()"/></h2>
            <ul class="persons">
              <xsl:for-each select="current-group()">
                <xsl:sort select="?key"/>
                <xsl:for-each select="?person">
                  <xsl:variable name="key" select="te:listed-key(.)"/>
                  <xsl:variable name="mine" select="$by-person($key)"/>
                  <xsl:variable name="speaks" select="$mine[starts-with(., 'speaks&#9;')] ! substring-after(., '&#9;')"/>
                  <li id="{$key}" class="person">
                    <h3><xsl:value-of select="if (ancestor::tei:particDesc) then te:person-name(.) else te:index-heading(.)"/></h3>
                    <xsl:variable name="about" select="te:distinct-strings(((tei:persName//tei:roleName, tei:roleName, tei:affiliation) ! normalize-space(), @role ! string())[.])"/>
                    <xsl:if test="exists($about)"><p class="person-about"><xsl:value-of select="$about" separator=", "/></p></xsl:if>
                    <xsl:call-template name="te:entry-dates"/>
                    <xsl:call-template name="te:variants">
                      <xsl:with-param name="names" select="tei:persName[not(@type = 'styled')]"/>
                      <xsl:with-param name="heading" select="te:person-name(.)"/>
                    </xsl:call-template>
                    <xsl:call-template name="te:person-docs">
                      <xsl:with-param name="label" select="'Speaks in'"/>
                      <xsl:with-param name="in" select="$speaks"/>
                    </xsl:call-template>
                    <xsl:call-template name="te:person-docs">
                      <xsl:with-param name="label" select="'Takes part in'"/>
                      <xsl:with-param name="in" select="($mine[starts-with(., 'participant&#9;')] ! substring-after(., '&#9;'))[not(. = $speaks)]"/>
                    </xsl:call-template>
                    <xsl:call-template name="te:named-in">
                      <xsl:with-param name="label" select="'Mentioned in'"/>
                      <xsl:with-param name="at" select="$mine[starts-with(., 'at&#9;')] ! substring-after(., '&#9;')"/>
                    </xsl:call-template>
                  </li>
                </xsl:for-each>
              </xsl:for-each>
            </ul>
          </section>
        </xsl:for-each-group>
  </xsl:template>

  <!-- The register's dates of a person, place or organisation: birth and death, or floruit, or existence. -->
  <xsl:template name="te:entry-dates">
    <xsl:variable name="from" select="(tei:birth, tei:floruit, tei:event[@type = 'founded'])[1]/(@when, @from, @notBefore, normalize-space())[.][1]"/>
    <xsl:variable name="to" select="(tei:death, tei:floruit/@to, tei:event[@type = 'dissolved'])[1]/(@when, @to, @notAfter, normalize-space())[.][1]"/>
    <xsl:if test="exists(($from, $to))">
      <p class="entry-dates"><xsl:value-of select="string-join(($from, $to) ! string(), '–')"/></p>
    </xsl:if>
  </xsl:template>

  <!-- The other names the register gives (an entry's variants). -->
  <xsl:template name="te:variants">
    <xsl:param name="names" as="element()*"/>
    <xsl:param name="heading" as="xs:string"/>
    <xsl:variable name="others" select="te:distinct-strings($names ! normalize-space())[. and . != normalize-space($heading)]"/>
    <xsl:if test="exists($others)"><p class="entry-variants">Also: <xsl:value-of select="$others" separator="; "/></p></xsl:if>
  </xsl:template>

  <!-- The documents that name an entry, each with links to the paragraphs ("stem TAB block id" strings, in document order). -->
  <xsl:template name="te:named-in">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="at" as="xs:string*"/>
    <xsl:if test="exists($at)">
      <p class="person-docs named-in"><xsl:value-of select="$label"/>: <xsl:for-each-group select="$at" group-by="substring-before(., '&#9;')">
        <xsl:if test="position() gt 1">; </xsl:if>
        <a href="{current-grouping-key()}.html"><xsl:value-of select="te:title-of-stem(current-grouping-key())"/></a>
        <xsl:variable name="blocks" select="distinct-values(current-group() ! substring-after(., '&#9;'))[.]"/>
        <xsl:if test="exists($blocks)">
          <xsl:text> (</xsl:text>
          <xsl:for-each select="$blocks">
            <!-- In the order of the paragraphs' numbers (a digest and the whole document list mentions in different orders). -->
            <xsl:sort select="if (matches(., '-p\d+$')) then xs:integer(replace(., '^.*-p(\d+)$', '$1')) else 0"/>
            <xsl:sort select="."/>
            <xsl:if test="position() gt 1">, </xsl:if>
            <a class="para-link" href="{current-grouping-key()}.html#{.}">¶ <xsl:value-of select="if (matches(., '-p\d+$')) then replace(., '^.*-p(\d+)$', '$1') else position()"/></a>
          </xsl:for-each>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </xsl:for-each-group></p>
    </xsl:if>
  </xsl:template>

  <!-- The indexes of places and of organisations: the register's listPlace / listOrg entries under A–Z. -->
  <xsl:template name="places">
    <xsl:call-template name="te:page">
      <xsl:with-param name="title" select="'Places'"/>
      <xsl:with-param name="kind" select="'places'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template name="orgs">
    <xsl:call-template name="te:page">
      <xsl:with-param name="title" select="'Organisations'"/>
      <xsl:with-param name="kind" select="'orgs'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="te:entities-content">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="place" select="$kind = 'places'"/>
    <xsl:variable name="title" select="if ($place) then 'Places' else 'Organisations'"/>
    <xsl:variable name="entries" select="if ($place) then $register//tei:listPlace//tei:place[@xml:id] else $register//tei:listOrg//tei:org[@xml:id]"/>
    <xsl:variable name="at" as="xs:string*">
      <xsl:for-each select="$docs">
        <xsl:variable name="i" select="position()"/>
        <xsl:for-each select="*/tei:text//(if ($place) then tei:placeName else tei:orgName)[contains(@ref, '#')]">
          <xsl:sequence select="string-join((substring-after(tokenize(normalize-space(@ref), ' ')[1], '#'), $stems[$i], string(ancestor::*[@xml:id][ancestor::tei:text][1]/@xml:id)), '&#9;')"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="by-id" as="map(xs:string, xs:string*)">
      <xsl:map>
        <xsl:for-each-group select="$at" group-by="substring-before(., '&#9;')">
          <xsl:map-entry key="current-grouping-key()" select="current-group() ! substring-after(., '&#9;')"/>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:variable name="filed" as="map(*)*">
      <xsl:for-each select="$entries">
        <xsl:variable name="name" select="normalize-space((tei:placeName, tei:orgName, tei:name)[normalize-space()][1])"/>
        <xsl:variable name="initial" select="upper-case(replace(normalize-unicode(substring($name, 1, 1), 'NFD'), '\p{M}', ''))"/>
        <xsl:sequence select="map { 'entry': ., 'name': $name, 'key': lower-case(normalize-unicode($name, 'NFD')), 'letter': if (matches($initial, '^[A-Z]$')) then $initial else '#' }"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="letters" select="distinct-values($filed ! ?letter)"/>
    <h1><xsl:value-of select="$title"/></h1>
    <xsl:if test="empty($filed)"><p class="index-empty">The edition’s register (persons.xml) has no <xsl:value-of select="if ($place) then 'listPlace' else 'listOrg'"/>.</p></xsl:if>
    <nav class="az" aria-label="{$title} by letter">
      <ul>
        <xsl:for-each select="(string-to-codepoints('ABCDEFGHIJKLMNOPQRSTUVWXYZ') ! codepoints-to-string(.), '#'[. = $letters])">
          <li>
            <xsl:choose>
              <xsl:when test=". = $letters"><a href="#letter-{if (. = '#') then 'other' else .}"><xsl:value-of select="."/></a></xsl:when>
              <xsl:otherwise><span class="az-empty"><xsl:value-of select="."/></span></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
    <xsl:for-each-group select="$filed" group-by="?letter">
      <xsl:sort select="if (current-grouping-key() = '#') then '~' else current-grouping-key()"/>
      <section class="az-group" id="letter-{if (current-grouping-key() = '#') then 'other' else current-grouping-key()}">
        <h2 class="az-letter"><xsl:value-of select="current-grouping-key()"/></h2>
        <ul class="persons entities">
          <xsl:for-each select="current-group()">
            <xsl:sort select="?key"/>
            <xsl:variable name="name" select="?name"/>
            <xsl:for-each select="?entry">
              <li id="{@xml:id}" class="person entity">
                <h3><xsl:value-of select="$name"/></h3>
                <xsl:variable name="about" select="te:distinct-strings((tei:location/tei:country, tei:country, tei:region, tei:settlement[not(. = $name)], tei:orgName/@type, @type) ! normalize-space()[.])"/>
                <xsl:if test="exists($about)"><p class="person-about"><xsl:value-of select="$about" separator=", "/></p></xsl:if>
                <xsl:call-template name="te:entry-dates"/>
                <xsl:call-template name="te:variants">
                  <xsl:with-param name="names" select="tei:placeName | tei:orgName"/>
                  <xsl:with-param name="heading" select="$name"/>
                </xsl:call-template>
                <xsl:call-template name="te:named-in">
                  <xsl:with-param name="label" select="'Named in'"/>
                  <xsl:with-param name="at" select="$by-id(string(@xml:id))"/>
                </xsl:call-template>
              </li>
            </xsl:for-each>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:for-each-group>
  </xsl:template>

  <xsl:template name="te:person-docs">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="in" as="xs:string*"/>
    <xsl:if test="exists($in)">
      <p class="person-docs"><xsl:value-of select="$label"/>: <xsl:for-each select="$in">
        <xsl:if test="position() gt 1">; </xsl:if>
        <a href="{.}.html"><xsl:value-of select="te:title-of-stem(.)"/></a>
      </xsl:for-each></p>
    </xsl:if>
  </xsl:template>

  <!-- With title slots, any document's slot: an index of persons made in parts
       (src/build/persons-parts.ts) names documents whose headers it did not read. -->
  <xsl:function name="te:title-of-stem" as="xs:string">
    <xsl:param name="stem" as="xs:string"/>
    <xsl:sequence select="if ($title-slots) then '&#xF8FF;' || $stem || '&#xF8FF;' else ($te:title-of-stem($stem), $stem)[1]"/>
  </xsl:function>
</xsl:stylesheet>
