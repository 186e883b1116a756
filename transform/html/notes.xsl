<?xml version="1.0" encoding="UTF-8"?>
<!-- Notes: a numbered marker in the text (a plain link to the note; edition.js opens it as a
     pop-up), the footnotes as a numbered list at the end with a link back, inline glosses. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:te="urn:tei-edition"
  xmlns="http://www.w3.org/1999/xhtml"
  exclude-result-prefixes="#all">

  <xsl:template match="tei:note[te:is-footnote(.)]">
    <xsl:variable name="id" select="te:note-id(.)"/>
    <xsl:variable name="n" select="te:note-number(.)"/>
    <a class="noteref" id="{$id}-ref" href="#{$id}" role="doc-noteref" aria-label="Note {$n}"><sup><xsl:value-of select="$n"/></sup></a>
  </xsl:template>

  <!-- Notes the importer kept without a marker (back/div[@type='notes']) stand where they are. -->
  <xsl:template match="tei:div[@type = 'notes']/tei:note" priority="2">
    <p class="note-unanchored" id="{te:note-id(.)}">
      <xsl:if test="@n"><span class="note-n"><xsl:value-of select="@n"/>. </span></xsl:if>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- Glosses and editorial notes in the line: the translator's brackets drawn back. -->
  <xsl:template match="tei:note">
    <xsl:element name="{if (*[local-name() = $te:blocks] and not(te:in-phrase(.)) and not(te:phrasing(..))) then 'div' else 'span'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class" select="'note-inline' || @type ! (' note-' || .)"/>
      <span class="br">[</span><xsl:apply-templates/><span class="br">]</span>
    </xsl:element>
  </xsl:template>

  <xsl:template name="te:footnotes">
    <xsl:param name="notes" as="element(tei:note)*"/>
    <xsl:variable name="listed" select="$notes[not(parent::tei:div[@type = 'notes'])]"/>
    <xsl:if test="$listed">
      <section class="footnotes" aria-labelledby="footnotes-h" role="doc-endnotes">
        <h2 id="footnotes-h"><xsl:value-of select="te:label('notes')"/></h2>
        <ol>
          <xsl:for-each select="$listed">
            <xsl:variable name="id" select="te:note-id(.)"/>
            <xsl:variable name="n" select="te:note-number(.)"/>
            <li id="{$id}">
              <span class="note-n"><xsl:value-of select="$n"/>.</span>
              <xsl:text> </xsl:text>
              <div class="note-body"><xsl:apply-templates mode="te:note-body"/></div>
              <!-- The way back, apart from the permanent link (shown on hover and focus only). -->
              <span class="note-links"><a class="backref" href="#{$id}-ref" role="doc-backlink" aria-label="Back to the text at note {$n}">↩</a><a class="permalink" href="#{$id}" aria-label="Permanent link to note {$n}">¶</a></span>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Inside a note's body: as in the text, except that a missing body says so. -->
  <xsl:template match="node()" mode="te:note-body">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <xsl:template match="tei:gap[@agent = 'source' and not(tei:desc)]" mode="te:note-body">
    <span class="gap gap-note">(the source gives no text for this note)</span>
  </xsl:template>
</xsl:stylesheet>
