/**
 * The document model: what every reader produces and the TEI writer consumes.
 * Readers fill `blocks` with raw paragraphs; recognisers turn them into the
 * structured body, front matter and metadata.
 */

/** A place in the original input (1-based line and column, 0-based offset). */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Position {
  start: Point;
  end: Point;
}

export type HiRend = 'italic' | 'bold' | 'smallcaps' | 'underline' | 'superscript' | 'subscript';
export type GapReason = 'omitted' | 'illegible' | 'cut-off' | 'missing' | 'not-declassified' | 'damaged' | 'other';

export type Inline =
  | { type: 'text'; value: string; offset?: number }
  | { type: 'hi'; rend: HiRend; children: Inline[] }
  | { type: 'noteMarker'; n: string; offset: number; text: string }
  /** A note at its place; readers of formats with real footnotes give it with an empty id (the notes recogniser sets it). */
  | { type: 'note'; n: string; id: string; children: Inline[]; missing?: boolean }
  | { type: 'noteRef'; n: string; target: string; text: string }
  | { type: 'supplied'; reason: 'clarification'; cert?: 'low'; children: Inline[] }
  | { type: 'sic'; children: Inline[] }
  | { type: 'corr'; children: Inline[] }
  | { type: 'gap'; reason: GapReason; desc?: string }
  | { type: 'unclear'; children: Inline[] }
  | { type: 'gloss'; children: Inline[] }
  | { type: 'editorialNote'; children: Inline[] }
  | { type: 'stamp'; label: string; children: Inline[] }
  | { type: 'add'; hand: string; label: string; children: Inline[] }
  | { type: 'persName'; ref: string; children: Inline[] }
  | { type: 'placeName'; ref: string; children: Inline[] }
  | { type: 'orgName'; ref: string; children: Inline[] }
  | { type: 'date'; when?: string; from?: string; to?: string; children: Inline[] };

export interface BlockBase {
  /** Where the block starts and ends in the input. */
  position: Position;
}

/** A raw paragraph as a reader sees it: one line of a plain-text transcript. */
export interface RawBlock extends BlockBase {
  /** The paragraph's inline content (plain-text readers give one text node). */
  children: Inline[];
  /** Leading white space of the source line, kept for indentation heuristics. */
  indent: number;
  /** Set by readers of formats that mark headings (Markdown `#`, HTML `h1`–`h6`, Word heading styles): the level. */
  heading?: number;
}

export type Block =
  | ({ type: 'p'; children: Inline[]; rend?: string } & BlockBase)
  | ({ type: 'head'; children: Inline[] } & BlockBase)
  /** A stage direction: a paragraph in parentheses, or the parenthesis right after a label ("Miller: (schnell auf und ab gehend.)"). */
  | ({ type: 'stage'; children: Inline[] } & BlockBase)
  | ({ type: 'list'; ordered: boolean; items: ListItem[] } & BlockBase)
  | ({ type: 'sp'; who: string; speaker?: Inline[]; blocks: Block[] } & BlockBase)
  | ({ type: 'milestone'; rend: string } & BlockBase)
  | ({ type: 'pb'; n: string; text: string } & BlockBase)
  | ({ type: 'dateline'; children: Inline[] } & BlockBase)
  | ({ type: 'signed'; children: Inline[] } & BlockBase)
  | ({ type: 'listBibl'; head?: Inline[]; entries: BiblEntry[] } & BlockBase);

export interface ListItem {
  /** The item's label as printed ("1.", "a)"), kept for ordered lists. */
  label?: string;
  children: Inline[];
  position: Position;
}

export interface BiblEntry {
  title: Inline[];
  date?: Inline[];
  /** The archive signature at the start of the source line. */
  idno?: string;
  /** The rest of the source line. */
  source?: Inline[];
  position: Position;
}

export type FrontItem =
  | { type: 'docTitle'; lines: Inline[][]; position: Position }
  | { type: 'docDate'; children: Inline[]; position: Position }
  | { type: 'p'; children: Inline[]; position: Position }
  | { type: 'participants'; groups: ParticipantGroup[]; head?: Inline[]; position: Position };

export interface ParticipantGroup {
  /** "On the side of the GDR’s MfS:", "from the KGB:", "Present:" */
  head?: Inline[];
  members: ParticipantEntry[];
}

export interface ParticipantEntry {
  /** The line as printed, with names encoded. */
  children: Inline[];
  personId: string;
  position: Position;
}

export interface Person {
  id: string;
  /** The fullest name known, without titles ("Erich Mielke", "Ch’oe Dwu Sen"). */
  name: string;
  /** Name variants seen (labels, list entries) for matching. */
  variants: string[];
  roleName?: string;
  affiliation?: string;
  role?: 'interpreter';
  /** True when the person is listed as a participant or speaks. */
  participant: boolean;
  /** Set when the person is also in the edition's register. */
  registerId?: string;
  /** xml:lang of the name where import knows the name is written family name first ("ko-Latn", "zh-Latn"). */
  lang?: string;
}

export interface HeaderMeta {
  title?: string;
  titleInlines?: Inline[];
  dateText?: string;
  when?: string;
  from?: string;
  to?: string;
  funders: string[];
  /** The funding lines as printed ("This document was made possible with support from …"). */
  fundingLines: string[];
  translators: string[];
  archive?: string;
  sourceLine?: string;
  recordId?: string;
  uploaded?: string;
  language?: string;
  donors: string[];
  rights: string[];
  abstract?: Inline[];
  classification: string[];
  genre: string[];
  authors: string[];
  trailerOther: string[];
  hands: { id: string; label: string }[];
}

export type DocumentKind = 'document' | 'introduction';

export interface NoteBody {
  n: string;
  children: Inline[];
  position: Position;
  used: boolean;
}

export interface DocumentModel {
  id: string;
  kind: DocumentKind;
  sourcePath: string;
  sourceChecksum: string;
  meta: HeaderMeta;
  front: FrontItem[];
  body: Block[];
  /** Notes that could not be placed at a marker (kept at the end, reported). */
  orphanNotes: NoteBody[];
  persons: Person[];
  /** Register ids (persons, places, organisations) that import added to the register from this document. */
  proposed?: string[];
  /** Offset ranges of the source that are page layout, not document text ("Skip to content", trailer labels, note-text markers). */
  layout: [number, number][];
}
