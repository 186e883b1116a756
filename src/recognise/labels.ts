/**
 * The label convention of one document, learnt from the document itself before its turns
 * are cut: which paragraph-initial runs are speaker labels ("Gromyko: …", "MR. POLK. …",
 * "KING:", "Rhamnes: …", "North (KIM): …") and which are headings or metadata that merely
 * look like labels ("DATE AND TIME:", "Army Codes:").
 *
 * Candidates of a shape (colon, capitals and full stop, dash) are collected from every
 * paragraph; a shape is the document's convention when its labels recur, alternate and name
 * at least two speakers, or name persons the document lists. A label is accepted when it
 * recurs, names a listed person, or follows the conversation's first accepted label in the
 * document's own convention (reported as weak evidence). Everything else stays text, and
 * what looked like a speaker is reported. The decision is made here, in one place, from
 * evidence in the paragraphs: no list of known speakers.
 */
import { fold, isHonorific, isTitle, parseName } from './names.js';

export type LabelShape = 'colon' | 'caps-period' | 'dash';

/** Persons the document lists (participants, the title's names): evidence for a label. */
export interface PersonLookup {
  match(name: string): unknown[];
  /** Persons named by an office or role alone ("INTERPRETER", "The Ambassador"). */
  matchRole?(label: string): unknown[];
}

export interface LabelCandidate {
  /** Index of the paragraph. */
  index: number;
  shape: LabelShape;
  /** The label as printed, without its closing sign ("MR. HARRISON", "North (KIM)"). */
  label: string;
  /** The speaker named by the label ("KIM" for "North (KIM)"). */
  speaker: string;
  /** Offset of the speech after the label, or -1 for a label on its own line. */
  rest: number;
  /** Folded name tokens, titles left out (all words for a label that is only a title or role). */
  tokens: string[];
}

/**
 * Why a label was accepted: it names a listed person; it recurs; it is an honorific with a name
 * ("Comrade Mielke:", "MR. WHITE."); it answers or is answered by another speaker's label in the
 * next paragraph (an exchange); or the document's convention alone (weak).
 */
export type Evidence = 'person' | 'recurs' | 'titled' | 'exchange' | 'convention';

export interface AcceptedLabel extends LabelCandidate {
  evidence: Evidence;
}

export interface RejectedLabel extends LabelCandidate {
  /** A field name; a label in a document without a convention; a single label before the conversation or that names no one. */
  reason: 'metadata' | 'no-convention' | 'single';
}

export interface Convention {
  shape: LabelShape;
  /** Labels of this shape that recur or name a listed person. */
  evidence: number;
  /** Distinct speakers among them. */
  speakers: number;
}

export interface LabelDecision {
  conventions: Convention[];
  /** The accepted label of each paragraph that has one. */
  labels: Map<number, AcceptedLabel>;
  /** Candidates that looked like a speaker's label and were kept as text. */
  rejected: RejectedLabel[];
}

/**
 * Field names of memoranda, minutes and transcripts: a label that is one of them is header
 * metadata or a heading, never a speaker. (Roles such as Interpreter, Chairman, Q and A are
 * not here: they are speakers when the document uses them as such.)
 */
const METADATA_FIELDS = new Set([
  'date', 'time', 'date and time', 'time and date', 'place', 'location', 'venue', 'subject', 'subjects', 'topic', 'topics', 're',
  'participants', 'participant', 'present', 'also present', 'attending', 'absent', 'distribution', 'classification', 'source',
  'sources', 'note', 'notes', 'attachment', 'attachments', 'enclosure', 'enclosures', 'agenda', 'summary', 'copy', 'copies', 'cc',
  'from', 'to', 'memorandum for', 'memorandum of conversation', 'reference', 'ref', 'drafted by', 'approved by', 'cleared by',
  'record id', 'author', 'authors', 'author(s)', 'rights', 'language', 'donors', 'original uploaded date',
]);

/** A lower-case word inside a label: a name particle or a connective ("Kammerdiener und Sophie"). */
const LABEL_CONNECTIVE = /^(?:of|the|and|und|et|de|da|di|del|della|der|den|des|van|von|zu|la|le|du|dos|das|y|e|ten|ter|bin|ibn|al|el)$/;

const COLON = /^([^:\n]{1,70}?)\s*:(?:\s+|$)/;
const CAPS_PERIOD = /^((?:[\p{Lu}][\p{Lu}\p{M}’'-]*\.?)(?:\s+(?:[\p{Lu}][\p{Lu}\p{M}’'-]*\.?|de|von|van|of|the)){0,5})\.\s+(?=\S)/u;
const DASH = /^([^—–\n]{1,60}?)\s+[—–]\s+(?=\S)/;
const SIDE = /^([\p{L}][\p{L} ’'-]{0,30}?)\s*\(([^)]{1,40})\)$/u;

/** The candidate label at the start of a paragraph, if its shape and words allow one. */
export function labelCandidate(text: string, index: number): LabelCandidate | null {
  // Each shape in turn: "ADMIRAL KNAPP. Very briefly: the bulletin …" is no colon label but a capitals one.
  const colon = COLON.exec(text);
  const byColon = colon ? candidate(colon[1]!, 'colon', colon[0].length < text.length ? colon[0].length : -1, index) : null;
  if (byColon) return byColon;
  const caps = CAPS_PERIOD.exec(text);
  const byCaps = caps && caps[1]!.replace(/[^\p{L}]/gu, '').length >= 3 && !/^[IVXLC]+$/.test(caps[1]!) ? candidate(caps[1]!, 'caps-period', caps[0].length, index) : null;
  if (byCaps) return byCaps;
  const dash = DASH.exec(text);
  return dash ? candidate(dash[1]!, 'dash', dash[0].length, index) : null;
}

function candidate(label: string, shape: LabelShape, rest: number, index: number): LabelCandidate | null {
  // "North (KIM):" names KIM; "Mr. Smith (United Kingdom):" and "KISSINGER (to Huang):" name the one before the bracket.
  const side = SIDE.exec(label);
  let speaker = label;
  if (side) {
    const outer = side[1]!.trim();
    const outerTitled = parseName(outer, 6)?.titles.some((t) => isHonorific(t) && !/^the$/i.test(t)) ?? false;
    speaker = labelWords(side[2]!) && !outerTitled ? side[2]! : outer;
  }
  const words = labelWords(speaker);
  if (!words) return null;
  if (shape === 'caps-period' && words.some((w) => /\p{Ll}/u.test(w))) return null;
  const parsed = parseName(speaker, 6);
  const tokens = parsed ? parsed.tokens : words.map(fold).filter(Boolean);
  if (!tokens.length) return null;
  return { index, shape, label, speaker, rest, tokens };
}

/** The words of a label: one to six, capitalised (or connectives), no digits or sentence signs. */
function labelWords(label: string): string[] | null {
  const clean = label.replace(/\s+/g, ' ').trim();
  if (!clean || /[\d,;!?"“”„«»()[\]{}<>=+*/\\|#@%&_]/.test(clean)) return null;
  const words = clean.split(' ');
  if (words.length > 6 || !/^[\p{Lu}]/u.test(words[0]!)) return null;
  for (const w of words) {
    if (/^[\p{Lu}][\p{L}\p{M}’'ʼ.-]*$/u.test(w)) continue;
    if (LABEL_CONNECTIVE.test(w)) continue;
    return null;
  }
  // A sentence that ends in a full stop is not a label ("It was agreed."), an abbreviation is ("Mr.", "Dr.").
  const last = words[words.length - 1]!;
  if (/\.$/.test(last) && !(isTitle(last) || /^\p{Lu}\.$/u.test(last))) return null;
  if (words.filter((w) => LABEL_CONNECTIVE.test(w)).length * 2 > words.length) return null;
  return words;
}

/** A label that can stand for a person on its own: a name (with titles), or titles and offices only ("The President", "KING"). */
function namesSomeone(speaker: string): boolean {
  if (parseName(speaker, 6)) return true;
  const words = speaker.split(/\s+/);
  return words.every((w) => isTitle(w) || LABEL_CONNECTIVE.test(w)) && words.some((w) => isTitle(w) && fold(w) !== 'the');
}

/** A field name of memoranda and minutes ("DATE AND TIME", "Place", "SUBJECT"). */
export function isMetadataField(label: string): boolean {
  return METADATA_FIELDS.has(label.replace(/\s+/g, ' ').trim().toLowerCase());
}

/** An honorific and a name: "Comrade Mielke", "MR. WHITE", "Herr Miller" (not "The …", "His …"). */
function titled(c: LabelCandidate): boolean {
  const first = c.speaker.split(/\s+/)[0]!;
  if (!isHonorific(first) || /^(the|his|her)$/i.test(first)) return false;
  const parsed = parseName(c.speaker, 6);
  return parsed !== null && parsed.titles.length > 0;
}

function isMetadata(c: LabelCandidate): boolean {
  return isMetadataField(c.speaker);
}

/** Two labels name the same speaker when the words of one are all in the other ("Kissinger", "Secretary Kissinger"). */
function sameSpeaker(a: string[], b: string[]): boolean {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  return small.every((t) => large.includes(t));
}

/**
 * Decide the document's labels from its paragraphs (plain text, in order) and the persons it
 * lists. Pure: the same paragraphs and persons give the same decision.
 */
export function learnLabels(texts: readonly string[], persons: PersonLookup): LabelDecision {
  const candidates: LabelCandidate[] = [];
  const opensSpeech = new Map<LabelCandidate, boolean>();
  for (let k = 0; k < texts.length; k++) {
    const c = labelCandidate(texts[k]!, k);
    if (!c) continue;
    candidates.push(c);
    // A speech opens with a capital, a quotation mark or a parenthesis; "Liebe: und Augen der Liebe …" is a wrapped line.
    opensSpeech.set(c, c.rest < 0 || !/^\p{Ll}/u.test(texts[k]!.slice(c.rest)));
  }
  // Recurrence: how often each distinct speaker appears, counting labels that name the same speaker.
  const keys = new Map<string, { tokens: string[]; count: number }>();
  for (const c of candidates) {
    const key = `${c.shape} ${c.tokens.join(' ')}`;
    const entry = keys.get(key) ?? { tokens: c.tokens, count: 0 };
    entry.count++;
    keys.set(key, entry);
  }
  const recurrence = new Map<string, number>();
  for (const [key, { tokens }] of keys) {
    const shape = key.slice(0, key.indexOf(' '));
    let n = 0;
    for (const [other, e] of keys) if (other.startsWith(shape + ' ') && sameSpeaker(tokens, e.tokens)) n += e.count;
    recurrence.set(key, n);
  }
  const keyOf = (c: LabelCandidate): string => `${c.shape} ${c.tokens.join(' ')}`;
  const named = new Map<LabelCandidate, boolean>();
  const namesPerson = (c: LabelCandidate): boolean => {
    let v = named.get(c);
    if (v === undefined) {
      v = persons.match(c.speaker).length > 0 || (persons.matchRole?.(c.speaker).length ?? 0) > 0;
      named.set(c, v);
    }
    return v;
  };
  const recurs = (c: LabelCandidate): boolean => (recurrence.get(keyOf(c)) ?? 0) >= 2;
  // An exchange: labels of one shape in two consecutive paragraphs, two speakers, each a name or a role.
  const inExchange = new Set<LabelCandidate>();
  for (let i = 1; i < candidates.length; i++) {
    const [a, b] = [candidates[i - 1]!, candidates[i]!];
    if (b.index !== a.index + 1 || a.shape !== b.shape || sameSpeaker(a.tokens, b.tokens)) continue;
    if (isMetadata(a) || isMetadata(b) || !namesSomeone(a.speaker) || !namesSomeone(b.speaker) || !opensSpeech.get(a) || !opensSpeech.get(b)) continue;
    if (a.rest < 0 && b.rest < 0) continue;
    inExchange.add(a).add(b);
  }

  const conventions: Convention[] = [];
  for (const shape of ['colon', 'caps-period', 'dash'] as const) {
    const strong = candidates.filter((c) => c.shape === shape && !isMetadata(c) && (recurs(c) || namesPerson(c) || titled(c) || inExchange.has(c)));
    const speakers = new Set(strong.map((c) => c.tokens[c.tokens.length - 1]!));
    const exchanged = strong.some((c) => inExchange.has(c));
    if ((strong.length >= 3 || exchanged) && speakers.size >= 2) conventions.push({ shape, evidence: strong.length, speakers: speakers.size });
  }
  const isConvention = (shape: LabelShape): boolean => conventions.some((c) => c.shape === shape);
  // A convention of many labels (a play, long minutes) also takes a single word it has not seen ("All:", "Chorus:").
  const isStrong = (shape: LabelShape): boolean => conventions.some((c) => c.shape === shape && c.evidence >= 8);

  const labels = new Map<number, AcceptedLabel>();
  const rejected: RejectedLabel[] = [];
  let started = false;
  for (const c of candidates) {
    if (isMetadata(c)) {
      rejected.push({ ...c, reason: 'metadata' });
      continue;
    }
    let evidence: Evidence | undefined;
    // Outside the document's convention only a colon label naming a listed person counts ("Comrade Mielke:").
    if ((isConvention(c.shape) || c.shape === 'colon') && namesPerson(c)) evidence = 'person';
    else if (isConvention(c.shape) && recurs(c)) evidence = 'recurs';
    else if (c.shape !== 'dash' && titled(c)) evidence = 'titled';
    else if (isConvention(c.shape) && inExchange.has(c)) evidence = 'exchange';
    else if (isConvention(c.shape) && started && opensSpeech.get(c) && (namesSomeone(c.speaker) || (isStrong(c.shape) && c.tokens.length === 1))) evidence = 'convention';
    if (evidence) {
      labels.set(c.index, { ...c, evidence });
      started = true;
    } else if (isConvention(c.shape)) rejected.push({ ...c, reason: 'single' });
    // Outside a convention only what looks like a colon label is worth a word ("Army Codes:"), not every "Ja – …".
    else if (c.shape === 'colon' && parseName(c.speaker, 6)) rejected.push({ ...c, reason: 'no-convention' });
  }
  return { conventions, labels, rejected };
}

/** How a shape is printed, for messages. */
export function describeShape(shape: LabelShape): string {
  switch (shape) {
    case 'colon':
      return '“Name:”';
    case 'caps-period':
      return '“NAME.” in capitals';
    case 'dash':
      return '“Name —”';
  }
}
