<?xml version="1.0" encoding="UTF-8"?>
<!-- The header block of a document page, from teiHeader: title, date, authors and those
     responsible, the letter's sender and addressee (correspDesc), the object (msDesc), the
     source, identifiers, rights, the TEI source; summary, Cite this, participants. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <!-- What a respStmt says one did, as one string (a respStmt may hold several resp). -->
  <xsl:function name="te:resp" as="xs:string">
    <xsl:param name="stmt" as="element(tei:respStmt)"/>
    <xsl:sequence select="string-join($stmt/tei:resp ! normalize-space()[.], '; ')"/>
  </xsl:function>

  <xsl:function name="te:is-translation" as="xs:boolean">
    <xsl:param name="stmt" as="element(tei:respStmt)"/>
    <xsl:sequence select="$stmt/tei:resp ! normalize-space() = ('translation', 'translator', 'Translated by')"/>
  </xsl:function>

  <xsl:template match="tei:teiHeader" mode="te:header">
    <xsl:param name="id" as="xs:string" tunnel="yes"/>
    <xsl:variable name="file" select="tei:fileDesc"/>
    <xsl:variable name="profile" select="tei:profileDesc"/>
    <xsl:variable name="title" select="te:title-element(.)"/>
    <xsl:variable name="date" select="te:date(.)"/>
    <xsl:variable name="translators" select="$file/tei:titleStmt/tei:respStmt[te:is-translation(.)]"/>
    <xsl:call-template name="te:breadcrumbs"><xsl:with-param name="title" select="te:title(.)"/></xsl:call-template>
    <header class="doc-header">
      <!-- The document's number in the edition (as in the print volume), filled in by the build. -->
      <xsl:comment>te:doc-number</xsl:comment>
      <xsl:for-each select="$profile/tei:textClass//tei:term[@type = 'genre']">
        <p class="genre"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <h1>
        <xsl:choose>
          <xsl:when test="$title"><xsl:apply-templates select="$title/node()"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="te:title(.)"/></xsl:otherwise>
        </xsl:choose>
      </h1>
      <xsl:for-each select="$file/tei:titleStmt/tei:title[@type = 'sub'][normalize-space()]">
        <p class="subtitle"><xsl:apply-templates/></p>
      </xsl:for-each>
      <xsl:variable name="authors" select="$file/tei:titleStmt/tei:author[normalize-space()]"/>
      <xsl:if test="$authors">
        <p class="doc-byline"><xsl:for-each select="$authors"><xsl:if test="position() gt 1">; </xsl:if><xsl:variable name="name"><xsl:apply-templates select="." mode="te:name-only"/></xsl:variable><xsl:value-of select="normalize-space($name)"/></xsl:for-each></p>
      </xsl:if>
      <!-- What a reader needs first: when and where, and a compact line of the source; the
           full description and the rights behind a disclosure (closed). -->
      <xsl:variable name="place" select="te:doc-place(.)"/>
      <xsl:if test="$date or $place">
        <p class="doc-when">
          <xsl:if test="$date">
            <xsl:call-template name="te:date-value"><xsl:with-param name="date" select="$date"/></xsl:call-template>
            <xsl:for-each select="te:date-kind($date)"> (<xsl:value-of select="."/>)</xsl:for-each>
          </xsl:if>
          <xsl:if test="$date and $place"><xsl:text>, </xsl:text></xsl:if>
          <xsl:value-of select="$place"/>
        </p>
      </xsl:if>
      <xsl:variable name="held" select="te:distinct-strings(($file/tei:sourceDesc/tei:msDesc/tei:msIdentifier/(tei:repository, tei:idno), $file/tei:sourceDesc//tei:idno[@type = 'archive'])[normalize-space()] ! normalize-space())"/>
      <xsl:variable name="by" select="$translators/(tei:persName, tei:name, tei:orgName) ! normalize-space()[.]"/>
      <xsl:if test="exists($held) or exists($by)">
        <p class="source-line">
          <xsl:value-of select="$held" separator=", "/>
          <xsl:if test="exists($held) and exists($by)"><xsl:text>. </xsl:text></xsl:if>
          <xsl:if test="exists($by)">Translated by <xsl:value-of select="$by" separator=", "/></xsl:if>
        </p>
      </xsl:if>
      <details class="doc-meta">
      <summary>About this document: full description and rights</summary>
      <dl class="meta">
        <xsl:if test="$date">
          <dt><xsl:value-of select="te:label('date')"/></dt>
          <dd>
            <xsl:call-template name="te:date-value"><xsl:with-param name="date" select="$date"/></xsl:call-template>
            <xsl:for-each select="te:date-kind($date)"> (<xsl:value-of select="."/>)</xsl:for-each>
          </dd>
        </xsl:if>
        <xsl:for-each select="$file/tei:titleStmt/tei:author[normalize-space()]">
          <dt><xsl:value-of select="te:label('author')"/></dt>
          <dd><xsl:apply-templates select="." mode="te:name-only"/></dd>
        </xsl:for-each>
        <xsl:apply-templates select="$profile/tei:correspDesc" mode="te:header"/>
        <xsl:apply-templates select="$file/tei:sourceDesc/tei:msDesc" mode="te:header"/>
        <xsl:variable name="editors" select="$file/tei:titleStmt/tei:editor[normalize-space()]"/>
        <xsl:if test="$editors">
          <dt><xsl:value-of select="te:label('editor')"/></dt>
          <dd><xsl:for-each select="$editors"><xsl:if test="position() gt 1">; </xsl:if><xsl:apply-templates select="." mode="te:name-only"/></xsl:for-each></dd>
        </xsl:if>
        <xsl:for-each select="$file/tei:titleStmt/tei:respStmt[te:is-translation(.)]">
          <dt><xsl:value-of select="te:label('translator')"/></dt>
          <dd><xsl:value-of select="(tei:persName, tei:name, tei:orgName) ! normalize-space()" separator=", "/></dd>
        </xsl:for-each>
        <xsl:variable name="resps" select="$file/tei:titleStmt/tei:respStmt[not(te:is-translation(.))][te:resp(.)]"/>
        <xsl:if test="$resps">
          <dt><xsl:value-of select="te:label('resp')"/></dt>
          <xsl:for-each select="$resps">
            <dd class="resp"><xsl:value-of select="(tei:persName, tei:name, tei:orgName) ! normalize-space()[.]" separator=", "/>: <xsl:value-of select="te:resp(.)"/></dd>
          </xsl:for-each>
        </xsl:if>
        <xsl:for-each select="$file/tei:sourceDesc//tei:idno[@type = 'archive']">
          <dt><xsl:value-of select="te:label('archive')"/></dt>
          <dd class="idno"><xsl:apply-templates/></dd>
        </xsl:for-each>
        <xsl:variable name="source" select="($file/tei:sourceDesc/tei:bibl/tei:note[@type = 'source'], $file/tei:sourceDesc/tei:p[normalize-space()], $file/tei:sourceDesc//tei:bibl[not(ancestor::tei:msDesc)][not(tei:note[@type = 'source'])][not(tei:idno[@type = 'archive'])][normalize-space()][not(ancestor::tei:bibl[not(tei:bibl)])], $file/tei:sourceDesc/tei:biblFull/tei:titleStmt)"/>
        <xsl:if test="$source">
          <dt><xsl:value-of select="te:label('source')"/></dt>
          <xsl:for-each select="$source">
            <dd>
              <xsl:choose>
                <!-- A digital source that holds the printed one: its own words, then the print. -->
                <xsl:when test="self::tei:bibl[tei:bibl]"><xsl:apply-templates select="node() except (tei:bibl | tei:availability)"/></xsl:when>
                <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
              </xsl:choose>
            </dd>
          </xsl:for-each>
        </xsl:if>
        <xsl:for-each select="$file/tei:publicationStmt/tei:idno[@type = ('record', 'URI', 'DOI', 'URL') or not(@type)][normalize-space()]">
          <dt><xsl:value-of select="if (@type = 'DOI') then 'DOI' else te:label('record')"/></dt>
          <dd class="idno">
            <xsl:variable name="href" select="te:safe-href(if (@type = 'DOI' and not(starts-with(normalize-space(.), 'http'))) then 'https://doi.org/' || normalize-space(.) else normalize-space(.))[matches(., '^https?://')]"/>
            <xsl:choose>
              <xsl:when test="$href"><a href="{$href}"><xsl:value-of select="."/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
            </xsl:choose>
          </dd>
        </xsl:for-each>
        <xsl:for-each select="$profile/tei:textClass//tei:term[@type = 'classification']">
          <dt><xsl:value-of select="te:label('classification')"/></dt>
          <dd><xsl:value-of select="."/></dd>
        </xsl:for-each>
        <xsl:variable name="rights" select="($file/tei:publicationStmt/tei:availability/tei:p | $file/tei:publicationStmt/tei:availability/tei:licence | $file/tei:publicationStmt/tei:p)[normalize-space()]"/>
        <xsl:if test="$rights">
          <dt><xsl:value-of select="te:label('rights')"/></dt>
          <xsl:for-each select="$rights">
            <xsl:variable name="href" select="te:safe-href(@target)[matches(., '^https?://')]"/>
            <dd class="rights">
              <xsl:choose>
                <!-- A licence's long legal text: its address, the text folded away. -->
                <xsl:when test="self::tei:licence and string-length(normalize-space(.)) gt 240">
                  <xsl:choose>
                    <xsl:when test="$href"><a href="{$href}"><xsl:value-of select="replace($href, '^https?://(www\.)?', '')"/></a></xsl:when>
                    <xsl:otherwise>Licence</xsl:otherwise>
                  </xsl:choose>
                  <details class="licence-text"><summary>The licence’s text</summary><xsl:apply-templates/></details>
                </xsl:when>
                <xsl:when test="self::tei:licence and $href and not(normalize-space(.))"><a href="{$href}"><xsl:value-of select="$href"/></a></xsl:when>
                <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
              </xsl:choose>
            </dd>
          </xsl:for-each>
        </xsl:if>
        <dt><xsl:value-of select="te:label('tei')"/></dt>
        <dd><a href="tei/{$id}.xml" type="application/tei+xml">TEI-XML of this document</a></dd>
      </dl>
      </details>
      <xsl:for-each select="$profile/tei:abstract[normalize-space()]">
        <section class="abstract" aria-labelledby="abstract-h">
          <h2 id="abstract-h"><xsl:value-of select="te:label('abstract')"/></h2>
          <xsl:apply-templates/>
        </section>
      </xsl:for-each>
      <xsl:call-template name="te:cite">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="date" select="$date"/>
      </xsl:call-template>
      <!-- Participants once: the document's own list in the text where it has one (linked to
           the register there), else the header's. -->
      <xsl:variable name="people" select="$profile/tei:particDesc//tei:person"/>
      <xsl:if test="$people and not(te:has-own-participants(.))">
        <xsl:variable name="drama" select="exists(root(.)/*/tei:text//tei:sp)"/>
        <section class="participants-meta{if (count($people) gt 6) then ' many' else ''}" aria-labelledby="participants-h">
          <h2 id="participants-h"><xsl:value-of select="te:label(if ($drama and not(te:ours(.))) then 'characters' else 'participants')"/></h2>
          <ul>
            <xsl:for-each select="$people">
              <li>
                <a href="persons.html#{te:person-key('#' || @xml:id, .)}"><xsl:value-of select="te:person-name(.)"/></a>
                <xsl:variable name="extra" select="(tei:persName//tei:roleName, tei:roleName, tei:affiliation) ! normalize-space()[.]"/>
                <xsl:if test="exists($extra) or @role">
                  <xsl:text> (</xsl:text>
                  <xsl:value-of select="te:distinct-strings(($extra, @role ! string()))" separator=", "/>
                  <xsl:text>)</xsl:text>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>
    </header>
  </xsl:template>

  <!-- Whether the text lists its participants itself (a list of participants, a cast). -->
  <xsl:function name="te:has-own-participants" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="exists(root($node)/*/tei:text//(tei:div[@type = 'participants'] | tei:list[@type = 'participants'] | tei:castList)[normalize-space()])"/>
  </xsl:function>

  <!-- Where the document was made: its creation's place, a letter's place of sending, an
       object's origin, the place of its first dateline. -->
  <xsl:function name="te:doc-place" as="xs:string?">
    <xsl:param name="header" as="element(tei:teiHeader)"/>
    <xsl:variable name="p" select="$header/tei:profileDesc"/>
    <xsl:sequence select="(($p/tei:creation//(tei:placeName | tei:settlement), $p/tei:correspDesc/tei:correspAction[@type = 'sent']/(tei:placeName | tei:settlement), $header/tei:fileDesc/tei:sourceDesc/tei:msDesc/tei:history/tei:origin/tei:origPlace ! (if (tei:placeName | tei:settlement | tei:region) then string-join(te:distinct-strings((tei:placeName, tei:settlement, tei:region)[normalize-space()] ! normalize-space()), ', ') else string-join(text(), ' ')), (root($header)/*/tei:text//tei:dateline)[1]//(tei:placeName | tei:settlement | tei:name[@type = 'place']))[normalize-space()] ! normalize-space())[1]"/>
  </xsl:function>

  <!-- A date in the header and the indexes: its words (linked to its ISO form), else its
       attributes written out. -->
  <xsl:template name="te:date-value">
    <xsl:param name="date" as="element()?"/>
    <xsl:choose>
      <xsl:when test="$date/self::tei:date and normalize-space($date)"><xsl:apply-templates select="$date"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="te:date-text($date)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A name in the header: its words without identifiers (authority numbers in idno). -->
  <xsl:template match="*" mode="te:name-only">
    <xsl:variable name="names" select="(tei:persName | tei:name | tei:orgName)[normalize-space()]"/>
    <xsl:choose>
      <!-- An editor given as several names: one after the other. -->
      <xsl:when test="count($names) gt 1 and not(text()[normalize-space()])">
        <xsl:for-each select="$names"><xsl:if test="position() gt 1">; </xsl:if><xsl:apply-templates select="." mode="te:name-only"/></xsl:for-each>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="node() except (tei:idno | tei:ptr)" mode="te:name-only"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="text()" mode="te:name-only">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="tei:persName | tei:name | tei:orgName" mode="te:name-only">
    <xsl:value-of select="normalize-space(string-join(.//text()[not(ancestor::tei:idno)], ''))"/>
  </xsl:template>

  <!-- A letter: who sent it, from where and when; to whom, where and when it was received. -->
  <xsl:template match="tei:correspDesc" mode="te:header">
    <xsl:for-each select="tei:correspAction">
      <dt><xsl:value-of select="te:label(if (@type = 'sent') then 'sent' else if (@type = 'received') then 'received' else if (@type) then string(@type) else 'correspondence')"/></dt>
      <dd class="correspAction"><xsl:call-template name="te:corresp-action"/></dd>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="te:corresp-action">
    <xsl:variable name="who" select="(tei:persName | tei:orgName | tei:name)[normalize-space()]"/>
    <xsl:variable name="where" select="(tei:placeName | tei:settlement)[normalize-space()]"/>
    <xsl:variable name="when" select="tei:date[te:has-date(.)]"/>
    <xsl:for-each select="$who"><xsl:if test="position() gt 1">; </xsl:if><span class="corresp-who"><xsl:apply-templates select="." mode="te:name-only"/></span></xsl:for-each>
    <xsl:if test="$where or $when">
      <xsl:if test="$who"><xsl:text>, </xsl:text></xsl:if>
      <xsl:value-of select="$where ! normalize-space()" separator=", "/>
      <xsl:if test="$where and $when"><xsl:text>, </xsl:text></xsl:if>
      <xsl:for-each select="$when"><xsl:if test="position() gt 1">; </xsl:if><xsl:call-template name="te:date-value"><xsl:with-param name="date" select="."/></xsl:call-template></xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- An object (EpiDoc's msDesc): what it is, where it is kept, where it comes from. -->
  <xsl:template match="tei:msDesc" mode="te:header">
    <xsl:variable name="object" select="(.//tei:objectType, .//tei:material)[normalize-space()] ! normalize-space()"/>
    <xsl:if test="exists($object)">
      <dt><xsl:value-of select="te:label('object')"/></dt>
      <dd><xsl:value-of select="te:distinct-strings($object)" separator=", "/></dd>
    </xsl:if>
    <xsl:variable name="kept" select="tei:msIdentifier/(tei:settlement, tei:repository, tei:collection, tei:idno)[normalize-space()] ! normalize-space()"/>
    <xsl:if test="exists($kept)">
      <dt><xsl:value-of select="te:label('repository')"/></dt>
      <dd><xsl:value-of select="$kept" separator=", "/></dd>
    </xsl:if>
    <xsl:variable name="place" select="tei:history/tei:origin/tei:origPlace/(tei:placeName, tei:settlement, tei:region)[normalize-space()] ! normalize-space()"/>
    <xsl:if test="exists($place)">
      <dt><xsl:value-of select="te:label('origin')"/></dt>
      <dd><xsl:value-of select="te:distinct-strings($place)" separator=", "/></dd>
    </xsl:if>
  </xsl:template>

  <!-- Cite this: Chicago and MLA with the edition's editors and publisher and the page's
       permanent address (base-url + page); without base-url no address at all (never the one
       the page is read from). The access date is the reader's: edition.js writes the day the
       page is read; without JavaScript "[date]" stays for the reader to fill in. The exports
       (cite/ID.json, .bib, .ris) are made by transform/cite/cite.xsl; a paragraph's address
       (page address + "#" + its id) is shown by edition.js when its ¶ link is followed. -->
  <xsl:template name="te:cite">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="date" as="element()?"/>
    <xsl:variable name="file" select="tei:fileDesc"/>
    <xsl:variable name="title" select="te:title(.)"/>
    <xsl:variable name="when" select="te:date-text($date)"/>
    <xsl:variable name="archive" select="string-join(distinct-values((te:cite-archive(.), te:cite-archive-location(.))), ', ')"/>
    <xsl:variable name="translator" select="te:and-list(te:cite-translators(.))"/>
    <xsl:variable name="url" select="te:cite-url($id)"/>
    <details class="cite">
      <xsl:if test="$url"><xsl:attribute name="data-url" select="$url"/></xsl:if>
      <summary>Cite this</summary>
      <p><span class="cite-style">Chicago</span>
        <span class="citation chicago">“<xsl:value-of select="$title"/>,” <xsl:value-of select="string-join(($when, $archive)[.], ', ')"/>.<xsl:if test="$translator"> Translated by <xsl:value-of select="$translator"/>.</xsl:if> In <cite><xsl:value-of select="$edition-title"/></cite>.<xsl:for-each select="te:cite-edition-tail('chicago')[.]"><xsl:text> </xsl:text><xsl:value-of select="."/></xsl:for-each><xsl:if test="$url"><xsl:text> </xsl:text><span class="cite-url"><xsl:value-of select="$url"/></span> (accessed <span class="cite-accessed" data-style="chicago">[date]</span>).</xsl:if></span></p>
      <p><span class="cite-style">MLA</span>
        <span class="citation mla">“<xsl:value-of select="replace($title, '\.$', '')"/>.” <xsl:value-of select="string-join(($when, $archive)[.], '. ')"/>.<xsl:if test="$translator"> Translated by <xsl:value-of select="$translator"/>.</xsl:if><xsl:text> </xsl:text><cite><xsl:value-of select="$edition-title"/></cite><xsl:for-each select="(te:cite-edition-tail('mla')[.], $url ! '')"><xsl:text>, </xsl:text><xsl:choose><xsl:when test=". = ''"><span class="cite-url"><xsl:value-of select="$url"/></span></xsl:when><xsl:otherwise><xsl:value-of select="."/></xsl:otherwise></xsl:choose></xsl:for-each>.<xsl:if test="$url"> Accessed <span class="cite-accessed" data-style="mla">[date]</span>.</xsl:if></span></p>
      <xsl:if test="$url">
        <p class="cite-para" hidden="hidden"><span class="cite-style">Paragraph</span><xsl:text> </xsl:text><span class="cite-para-url"></span></p>
      </xsl:if>
      <p class="cite-export"><span class="cite-style">Export</span><xsl:text> </xsl:text>
        <a href="cite/{$id}.json" type="application/vnd.citationstyles.csl+json" download="{$id}.json">CSL-JSON</a> · <a href="cite/{$id}.bib" type="application/x-bibtex" download="{$id}.bib">BibTeX</a> · <a href="cite/{$id}.ris" type="application/x-research-info-systems" download="{$id}.ris">RIS</a></p>
      <xsl:if test="not($url)">
        <p class="cite-note">This edition has no published address yet: the citations carry no URL.</p>
      </xsl:if>
      <xsl:if test="$url">
        <p class="cite-note">Each paragraph’s ¶ link is its permanent address: this page’s address and “#” and the paragraph’s id.</p>
      </xsl:if>
    </details>
  </xsl:template>
</xsl:stylesheet>
