/**
 * The catalogue of diagnostics the importer emits: one rule id per fact, with its
 * stage (vfile `source`) and what an editor should do about it.
 */
export interface Rule {
  source: string;
  severity: 'error' | 'warning' | 'info';
  summary: string;
}

export const rules = {
  'empty-input': { source: 'decode', severity: 'error', summary: 'The file is empty or contains only white space.' },
  'binary-input': { source: 'decode', severity: 'error', summary: 'The file looks binary (NUL or control bytes), not a text transcript.' },
  'input-too-large': { source: 'decode', severity: 'error', summary: 'The file is larger than the configured maximum (--max-size).' },
  'legacy-encoding': { source: 'decode', severity: 'warning', summary: 'The file is not UTF-8; it was read as Windows-1252 and converted.' },
  'byte-order-mark': { source: 'decode', severity: 'info', summary: 'A UTF-8 byte order mark was removed.' },
  'control-characters': { source: 'decode', severity: 'warning', summary: 'Control characters were removed from the text.' },
  'unknown-format': { source: 'read', severity: 'error', summary: 'The input format is not known from the file name; name it .txt, .md, .html or .docx, or give --from.' },
  'nesting-too-deep': { source: 'read', severity: 'error', summary: 'Lists, block quotes or elements are nested deeper than the reader accepts.' },
  'page-chrome-dropped': { source: 'read', severity: 'info', summary: 'Navigation, scripts, styles, header and footer of the web page were left out; the main content was read.' },
  'markup-ignored': { source: 'read', severity: 'info', summary: 'Markup without text of the document was left out (tags of raw HTML in Markdown, drawings and text boxes in Word).' },
  'not-a-zip': { source: 'docx', severity: 'error', summary: 'The file is not a zip archive, so it cannot be a DOCX document.' },
  'zip-unsafe-entry': { source: 'docx', severity: 'error', summary: 'The archive has an entry whose name is an absolute path or climbs out of the archive (“..”); it is refused.' },
  'zip-too-large': { source: 'docx', severity: 'error', summary: 'An entry of the archive is larger (declared or inflated) than the reader accepts: a zip bomb or a corrupt archive.' },
  'docx-invalid': { source: 'docx', severity: 'error', summary: 'The archive is not a Word document (no word/document.xml) or its XML cannot be read.' },
  'docx-comment': { source: 'docx', severity: 'info', summary: 'A Word comment: its text is reported, not imported (it is not part of the document).' },
  'docx-deleted-text': { source: 'docx', severity: 'warning', summary: 'Text deleted with change tracking on was left out; accept or reject the changes in Word to be sure.' },
  'header-only': { source: 'sections', severity: 'error', summary: 'The transcript has a header but no document text.' },
  'no-title': { source: 'header', severity: 'warning', summary: 'No title line was found; the first line was used.' },
  'no-date': { source: 'header', severity: 'warning', summary: 'No document date was found.' },
  'date-guessed': { source: 'header', severity: 'warning', summary: 'The document date was taken from the title, not from a date line.' },
  'abstract-guessed': { source: 'sections', severity: 'info', summary: 'The paragraph before the document information was taken as the summary.' },
  'obfuscated-email': { source: 'header', severity: 'warning', summary: 'The web page hid an e-mail address as “[email protected]”; it is kept as printed: put the address in by hand.' },
  'trailer-unknown-line': { source: 'header', severity: 'info', summary: 'A line of the document information was not recognised; it is kept in notesStmt.' },
  'introduction': { source: 'sections', severity: 'info', summary: 'The transcript has no document header; it is imported as an introduction.' },
  'note-without-body': { source: 'notes', severity: 'warning', summary: 'A note marker has no note text; the marker is kept as an empty note.' },
  'note-without-marker': { source: 'notes', severity: 'warning', summary: 'A note text has no marker in the document; it is kept at the end.' },
  'note-marker-repeated': { source: 'notes', severity: 'warning', summary: 'A note number is used twice as a marker; the second points to the first.' },
  'note-body-repeated': { source: 'notes', severity: 'warning', summary: 'A note number has two texts; the second is kept at the end.' },
  'note-continuation': { source: 'notes', severity: 'warning', summary: 'A paragraph after the note texts was joined to the last note.' },
  'unclosed-bracket': { source: 'brackets', severity: 'warning', summary: 'A square bracket is not closed on its line; it is kept as text.' },
  'unopened-bracket': { source: 'brackets', severity: 'warning', summary: 'A closing square bracket has no opening one; it is kept as text.' },
  'unclassified-bracket': { source: 'brackets', severity: 'warning', summary: 'A bracket could not be classified; it is encoded as <supplied>.' },
  'literal-bracket': { source: 'brackets', severity: 'info', summary: 'A bracket belongs to the web page (e.g. "[PDF]"), not to the editor; it is kept as text.' },
  'sic-without-word': { source: 'brackets', severity: 'warning', summary: '[sic] follows no word; it is kept as an editorial note.' },
  'unknown-speaker': { source: 'speakers', severity: 'warning', summary: 'A speaker label matches no participant; a person was added for it.' },
  'ambiguous-speaker': { source: 'speakers', severity: 'warning', summary: 'A speaker label matches more than one participant; the first was used.' },
  'label-convention': { source: 'speakers', severity: 'info', summary: 'The document’s speaker-label convention, learnt from the document: its shape, how many labels recur or name a listed person, how many speakers.' },
  'label-weak': { source: 'speakers', severity: 'info', summary: 'A label was read as a speaker’s by the document’s convention alone (it occurs once and names no listed person): check it.' },
  'label-rejected': { source: 'speakers', severity: 'info', summary: 'A paragraph starts like a speaker label but was kept as text (a field name, a heading, or a label the document’s evidence does not support): check it.' },
  'speaker-by-surname': { source: 'speakers', severity: 'info', summary: 'A speaker label was tied to a participant by surname (with or without a title): check the tie.' },
  'speaker-by-office': { source: 'speakers', severity: 'info', summary: 'A speaker label was tied to a participant by office or role (“The Ambassador”, “INTERPRETER”): check the tie.' },
  'speech-introduction': { source: 'speakers', severity: 'info', summary: 'A narrative line introduces direct speech; the paragraphs after it are a turn without a label.' },
  'register-person-added': { source: 'persons', severity: 'info', summary: 'A person was added to the edition’s persons register.' },
  'text-lost': { source: 'conservation', severity: 'error', summary: 'Text of the transcript would be missing from the TEI.' },
  'duplicate-id': { source: 'write', severity: 'warning', summary: 'Another input of this run has the same document id; this document gets a suffixed id.' },
  'tei-edited': { source: 'write', severity: 'error', summary: 'The TEI file was changed since it was imported; use --force to overwrite it.' },
  'tei-not-ours': { source: 'write', severity: 'error', summary: 'The output file exists and was not written by tei-edition; use --force to overwrite it.' },
  'invalid-tei': { source: 'validate', severity: 'error', summary: 'The TEI written for this document is not valid against the project schema.' },
  'read-error': { source: 'read', severity: 'error', summary: 'The input could not be read.' },
  'time-limit': { source: 'import', severity: 'error', summary: 'Recognising the document took longer than the time limit per document (--timeout-ms); it was not written.' },
  'internal-error': { source: 'import', severity: 'error', summary: 'The importer failed on this document (a bug: please report it).' },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;
