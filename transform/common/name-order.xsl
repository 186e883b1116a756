<?xml version="1.0" encoding="UTF-8"?>
<!--
  Name order: how a person of the register is filed (the one place that decides it; the web
  index of persons and the print index both sort by te:sort-key). See docs/encoding-decisions.md,
  "Name order and sort keys".

  From the person's name (persName without @type, else the first persName):
  1. The editor's markup wins: surname (and forename) elements give the parts as they stand; a
     part's @sort (att.personal) orders the key. A nameLink inside or before the surname is a
     particle.
  2. Else the name is written out and the order is decided from evidence in the register:
     family name first when the name's language (persName/@xml:lang, else the person's) is
     Korean, Chinese, Vietnamese or Hungarian (ko, zh, vi, hu, any script: ko-Latn), or the
     person's nationality (nationality/@key or its text) is one of those countries; given name
     first otherwise. "Surname, Forename" (a comma) is read as written.
  3. Given name first: the surname is the last word (not counting Jr., Sr., II, III, IV);
     particles before it (von, van, de, du, da, di, der, den, ter, zu, la, le …) belong to it. A
     lower-case particle is filed after the name ("Weizsäcker, Richard von", under W); a
     capitalised one is filed as part of the name ("Van Buren, Martin", under V), as the
     Chicago Manual and most national practice do.
  Russian names (forename, patronymic, surname) are given name first: the patronymic is a
  forename part ("Brezhnev, Leonid Ilyich").
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <xsl:variable name="te:family-first-languages" as="xs:string*" select="('ko', 'zh', 'vi', 'hu')"/>
  <xsl:variable name="te:family-first-nations" as="xs:string*" select="('kr', 'kp', 'kor', 'prk', 'cn', 'chn', 'tw', 'twn', 'vn', 'vnm', 'hu', 'hun', 'korea', 'korean', 'dprk', 'china', 'chinese', 'prc', 'vietnam', 'viet nam', 'vietnamese', 'hungary', 'hungarian')"/>
  <xsl:variable name="te:particles" as="xs:string*" select="('von', 'van', 'de', 'der', 'den', 'del', 'della', 'des', 'di', 'da', 'dos', 'das', 'do', 'du', 'la', 'le', 'ter', 'ten', 'zu', 'zur', 'vom', 'vander', 'op')"/>
  <xsl:variable name="te:suffixes" as="xs:string*" select="('jr.', 'jr', 'sr.', 'sr', 'ii', 'iii', 'iv')"/>

  <!-- The name a person is filed by. -->
  <xsl:function name="te:filing-name" as="element()?" visibility="public">
    <xsl:param name="person" as="element()"/>
    <xsl:sequence select="($person/tei:persName[not(@type)], $person/tei:persName)[1]"/>
  </xsl:function>

  <!-- Family name first, from the evidence of the register (rule 2). -->
  <xsl:function name="te:family-name-first" as="xs:boolean" visibility="public">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="name" select="te:filing-name($person)"/>
    <xsl:variable name="lang" select="lower-case(tokenize(string(($name/@xml:lang, $person/@xml:lang)[1]), '-')[1])"/>
    <xsl:variable name="nations" select="$person/tei:nationality ! (@key, normalize-space(.)) ! lower-case(normalize-space(.))"/>
    <xsl:sequence select="$lang = $te:family-first-languages or $nations = $te:family-first-nations"/>
  </xsl:function>

  <!-- The parts of the name: map { surname, forename, particle (filed after), order, and suffix
       (Jr., III) where the name has one }. -->
  <xsl:function name="te:name-parts" as="map(xs:string, xs:string)" visibility="public">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="name" select="te:filing-name($person)"/>
    <xsl:choose>
      <xsl:when test="$name/tei:surname">
        <xsl:variable name="surnames" select="$name/tei:surname"/>
        <xsl:variable name="links" select="($name/tei:nameLink, $surnames/tei:nameLink)"/>
        <xsl:variable name="low" select="$links[matches(normalize-space(.), '^\p{Ll}')]"/>
        <!-- By @sort (xsl:perform-sort, not fn:sort with a key function: Saxon-HE for Java, the
             web edition's benchmark peer, has no higher-order functions). -->
        <xsl:variable name="sorted" as="element()*">
          <xsl:perform-sort select="$surnames"><xsl:sort select="number((@sort, 1)[1])"/></xsl:perform-sort>
        </xsl:variable>
        <xsl:variable name="forenames" as="element()*">
          <xsl:perform-sort select="$name/tei:forename"><xsl:sort select="number((@sort, 1)[1])"/></xsl:perform-sort>
        </xsl:variable>
        <xsl:sequence select="map {
          'surname': normalize-space(string-join($sorted ! string-join(.//text()[not(ancestor::tei:nameLink intersect $low)], ''), ' ')),
          'forename': normalize-space(string-join($forenames ! normalize-space(.), ' ')),
          'particle': normalize-space(string-join($low ! normalize-space(.), ' ')),
          'order': if (($name/tei:surname)[1] &lt;&lt; ($name/tei:forename)[1] or empty($name/tei:forename)) then 'family-first' else 'given-first'
        }"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="text" select="normalize-space(string-join($name//text()[not(ancestor::tei:roleName or ancestor::tei:addName)], ''))"/>
        <xsl:choose>
          <xsl:when test="contains($text, ',')">
            <xsl:sequence select="te:given-first(tokenize(normalize-space(substring-before($text, ',')), ' '), normalize-space(substring-after($text, ',')))"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="all" select="tokenize($text, ' ')[.]"/>
            <xsl:variable name="suffix" select="$all[last()][count($all) gt 1][lower-case(.) = $te:suffixes]"/>
            <xsl:variable name="words" select="if ($suffix) then $all[position() lt last()] else $all"/>
            <xsl:choose>
              <xsl:when test="count($words) le 1">
                <xsl:sequence select="map { 'surname': string($words[1]), 'forename': '', 'particle': '', 'order': 'single' }"/>
              </xsl:when>
              <xsl:when test="te:family-name-first($person)">
                <xsl:sequence select="map { 'surname': $words[1], 'forename': string-join(tail($words), ' '), 'particle': '', 'order': 'family-first' }"/>
              </xsl:when>
              <xsl:otherwise>
                <!-- The surname is the last word and the particles before it. -->
                <xsl:variable name="last-other" select="(for $i in reverse(1 to count($words) - 1) return if (lower-case($words[$i]) = $te:particles) then () else $i)[1]"/>
                <xsl:variable name="start" select="($last-other, 0)[1] + 1"/>
                <xsl:sequence select="map:put(te:given-first(subsequence($words, $start), string-join(subsequence($words, 1, $start - 1), ' ')), 'suffix', string($suffix))"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A surname's words (particles first) and the forenames: lower-case particles are filed after. -->
  <xsl:function name="te:given-first" as="map(xs:string, xs:string)">
    <xsl:param name="surname-words" as="xs:string*"/>
    <xsl:param name="forename" as="xs:string"/>
    <xsl:variable name="n" select="(for $i in 1 to count($surname-words) return
      if (lower-case($surname-words[$i]) = $te:particles and matches($surname-words[$i], '^\p{Ll}')) then () else $i)[1]"/>
    <xsl:variable name="m" select="($n, count($surname-words))[1]"/>
    <xsl:sequence select="map {
      'surname': string-join(subsequence($surname-words, $m), ' '),
      'forename': $forename,
      'particle': string-join(subsequence($surname-words, 1, $m - 1), ' '),
      'order': 'given-first' }"/>
  </xsl:function>

  <!-- Folded for sorting: lower case, no diacritics, no apostrophes. -->
  <xsl:function name="te:fold" as="xs:string" visibility="public">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="normalize-space(replace(replace(normalize-unicode(lower-case($s), 'NFD'), '[\p{M}’ʼ''‘`]', ''), '[-‐‑]', ' '))"/>
  </xsl:function>

  <!-- The sort key: surname, forenames, particle, folded ("honecker erich"; "kim il sung"). -->
  <xsl:function name="te:sort-key" as="xs:string" visibility="public">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="p" select="te:name-parts($person)"/>
    <xsl:sequence select="normalize-space(string-join(($p?surname, $p?forename, $p?particle) ! te:fold(.), ' '))"/>
  </xsl:function>

  <!-- The letter of the index the person files under (A–Z; '#' for anything else). -->
  <xsl:function name="te:index-letter" as="xs:string" visibility="public">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="c" select="upper-case(substring(te:sort-key($person), 1, 1))"/>
    <xsl:sequence select="if (matches($c, '^[A-Z]$')) then $c else '#'"/>
  </xsl:function>

  <!-- The name as an index gives it: "Honecker, Erich", "Weizsäcker, Richard von", "Kim Il Sung". -->
  <xsl:function name="te:index-heading" as="xs:string" visibility="public">
    <xsl:param name="person" as="element()"/>
    <xsl:variable name="p" select="te:name-parts($person)"/>
    <xsl:sequence select="if ($p?order = 'family-first' or $p?order = 'single' or not($p?forename || $p?particle))
      then normalize-space(string-join(($p?surname, $p?forename), ' '))
      else string-join(($p?surname, normalize-space(string-join(($p?forename, $p?particle), ' ')), $p?suffix[.]), ', ')"/>
  </xsl:function>
</xsl:stylesheet>
