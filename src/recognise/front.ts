import type { FrontItem, HeaderMeta, Inline, ParticipantGroup, RawBlock } from '../model/types.js';
import { parseDateLine } from './dates.js';
import { fold, isOfficeName, parseName } from './names.js';
import type { PersonIndex } from './persons.js';
import { textOf } from './sections.js';
import { clipInlines } from '../model/clip.js';
import { isMetadataField } from './labels.js';
import { leadingParenthesis } from './body.js';

const CLASSIFICATION = /^(top secret|secret|strictly secret|confidential|strictly confidential|highly confidential|personal|personal and confidential|classified|for official use only|restricted|eyes only|not for publication|urgent)\b[!.]?(\s*\(handwritten\))?\s*(copy\s*no\.?\s*\d+)?[!.]?$/i;
const GROUP_HEAD = /^(participants|present|also present|attending|in attendance|from|on the side of|for|members of|delegation|the [\w’' -]+ side|[\w’' -]+ side|[\w’' -]+ delegation)\b[^:]{0,80}:\s*(.*)$/i;
const DOC_TITLE_WORD = /^(Memorandum|Note|N o t e|Minutes|Record|Report|Protocol|Information|Transcript|Telegram|Letter|Cable|Conversation|Memorandum of Conversation)\b/;
const ROLE_SUFFIX = /\s*(?:\/\s*|,\s*|\s+\(|\s+-\s+)(interpreter|translator)\)?\s*$/i;

export interface FrontResult {
  items: FrontItem[];
  /** Index of the first body block after the front matter. */
  next: number;
}

/** Recognise the document's front: docTitle, docDate, classification, stamps and the participants list. */
export function recogniseFront(blocks: RawBlock[], meta: HeaderMeta, persons: PersonIndex, inlines: (b: RawBlock) => Inline[]): FrontResult {
  const items: FrontItem[] = [];
  let k = 0;
  let lastWasTitle = false;
  let participants: Extract<FrontItem, { type: 'participants' }> | undefined;
  let group: ParticipantGroup | undefined;
  const titleWords = new Set((meta.title ?? '').split(/\s+/).map(fold));

  for (; k < blocks.length; k++) {
    const b = blocks[k]!;
    const t = textOf(b).trim();
    // A stage direction, and the scene heading before it, open the body of a play.
    if (!participants && (isParenthesised(t) || isParenthesised(textOf(blocks[k + 1] ?? b).trim()))) break;
    // "DATE AND TIME: Sunday, 12 March 1972, 4:00-5:30 p.m.", "PLACE: …", "SUBJECT: …": header fields, printed as they stand.
    const field = /^([^:\n]{2,40}?)\s*:\s*(\S.*)$/.exec(t);
    if (field && isMetadataField(field[1]!) && !groupHead(t)) {
      participants = undefined;
      group = undefined;
      items.push({ type: 'p', children: inlines(b), position: b.position });
      lastWasTitle = false;
      continue;
    }
    if (participants) {
      const head = groupHead(t);
      if (head) {
        // What follows the colon is members, or (not a list of persons: "…: Major") part of the head.
        const listed = head.member ? memberParts(head.member).length > 0 : false;
        group = { head: inlines(head.member && !listed ? b : sliceBlock(b, 0, head.headLength)), members: [] };
        participants.groups.push(group);
        if (listed) addMembers(group, b, t, head, persons, inlines);
        participants.position.end = b.position.end;
        continue;
      }
      if (isMember(t)) {
        if (!group) {
          group = { members: [] };
          participants.groups.push(group);
        }
        addMember(group, b, t, groupAffiliation(group), persons, inlines);
        participants.position.end = b.position.end;
        continue;
      }
      break;
    }
    if (/^participants:?$/i.test(t)) {
      participants = { type: 'participants', groups: [], head: inlines(b), position: { ...b.position } };
      items.push(participants);
      group = undefined;
      continue;
    }
    const head = groupHead(t);
    if (head && (head.member ? memberParts(head.member).length > 0 : isMember(textOf(blocks[k + 1] ?? b).trim()))) {
      participants = { type: 'participants', groups: [], position: { ...b.position } };
      items.push(participants);
      k--;
      continue;
    }
    if (CLASSIFICATION.test(t)) {
      meta.classification.push(t.replace(/\s*\(handwritten\)\s*$/i, ''));
      items.push({ type: 'p', children: classificationInlines(b, inlines), position: b.position });
      lastWasTitle = false;
      continue;
    }
    if (/^\[\s*stamp\s*:?[^\]]*\]/i.test(t) || /\((handwritten|hand-written)\)\s*$/i.test(t)) {
      items.push({ type: 'p', children: inlines(b), position: b.position });
      continue;
    }
    if (parseDateLine(t)) {
      items.push({ type: 'docDate', children: inlines(b), position: b.position });
      continue;
    }
    const words = t.split(/\s+/);
    const overlap = words.filter((w) => titleWords.has(fold(w))).length / words.length;
    if (((DOC_TITLE_WORD.test(t) || (t === t.toUpperCase() && DOC_TITLE_WORD.test(titleCase(t)))) && words.length <= 8) || (overlap >= 0.7 && words.length >= 4) || (/^\p{Ll}/u.test(t) && !/[.!?]$/.test(t)) || (lastWasTitle && /^(About|On|Regarding|Concerning|Of|On the)\b/.test(t) && !/[.!?]$/.test(t.replace(/\b(p\.m|a\.m|Dr|Prof|Mr)\.$/, '')))) {
      const prev = items[items.length - 1];
      if (prev && prev.type === 'docTitle' && lastWasTitle) {
        prev.lines.push(inlines(b));
        prev.position.end = b.position.end;
      } else items.push({ type: 'docTitle', lines: [inlines(b)], position: { ...b.position } });
      lastWasTitle = true;
      continue;
    }
    if (k < 6 && words.length <= 10 && !/[.!?:]$/.test(t) && !/^[-•*–]\s/.test(t) && !/^\[/.test(t) && !(parseName(t) && blocks.length > k + 1)) {
      items.push({ type: 'p', children: inlines(b), position: b.position });
      lastWasTitle = false;
      continue;
    }
    break;
  }
  // A lone trailing docTitle-like paragraph is fine; a participants list without members is just a paragraph.
  return { items, next: k };
}

function isParenthesised(t: string): boolean {
  return t.length > 2 && leadingParenthesis(t, 0) === t.length;
}

/** "MEMORANDUM OF CONVERSATION" → "Memorandum Of Conversation", to test a title printed in capitals. */
function titleCase(t: string): string {
  return t.toLowerCase().replace(/(^|\s)(\p{Ll})/gu, (_, s: string, c: string) => s + c.toUpperCase()).replace(/\bOf\b/g, 'of');
}

function classificationInlines(b: RawBlock, inlines: (b: RawBlock) => Inline[]): Inline[] {
  const children = inlines(b);
  if (children.length === 1 && children[0]!.type === 'add') return children;
  return [{ type: 'stamp', label: '', children }];
}

interface GroupHead {
  headLength: number;
  member?: string;
  affiliation?: string;
}

function groupHead(t: string): GroupHead | null {
  const m = GROUP_HEAD.exec(t);
  if (!m) return null;
  const member = m[2]!.trim();
  const headLength = t.length - m[2]!.length;
  const before = t.slice(0, headLength).replace(/:\s*$/, '');
  // A speaker label is not a group head ("Mr. Polk:").
  if (!member && parseName(before)) return null;
  const affiliation = /^(?:from|on the side of|for|members of)\s+(?:the\s+)?(.+)$/i.exec(before)?.[1]?.replace(/\s*\[[^\]]*\]/g, '').trim();
  return { headLength, ...(member ? { member } : {}), ...(affiliation ? { affiliation } : {}) };
}

function groupAffiliation(group: ParticipantGroup): string | undefined {
  if (!group.head) return undefined;
  const t = group.head.map((c) => (c.type === 'text' ? c.value : '')).join('').replace(/:\s*$/, '');
  return groupHead(t + ':')?.affiliation;
}

/** A participants-list line: a name with titles, perhaps with a role ("/Interpreter", ", Assistant Secretary"). */
function isMember(t: string): boolean {
  if (!t || /:$/.test(t)) return false;
  const bare = t.replace(ROLE_SUFFIX, '');
  if (parseName(bare, 6) || isOfficeName(bare.split(',')[0]!)) return true;
  const comma = bare.indexOf(',');
  if (comma > 0 && parseName(bare.slice(0, comma), 6) && bare.split(/\s+/).length <= 16 && !/[.!?]$/.test(bare)) return true;
  return false;
}

/**
 * The members a group head's line lists after its colon: one ("On the side of the DPRK: Comrade
 * Kim Yong Nam"), several separated by semicolons, each with its role after a comma ("Huang Hua,
 * PRC Ambassador; Shih Yen-hua, Interpreter; …"), or names separated by commas ("Mr. White,
 * General Bliss, Admiral Knapp"). Each part with its offset in the member text; none when the
 * text is not a list of persons.
 */
export function memberParts(member: string): { text: string; from: number }[] {
  const split = (sep: string): { text: string; from: number }[] => {
    const parts: { text: string; from: number }[] = [];
    let from = 0;
    for (const piece of member.split(sep)) {
      const lead = piece.length - piece.trimStart().length;
      const text = piece.trim().replace(/[.;,]$/, '').replace(/^and\s+/i, '');
      if (text) parts.push({ text, from: from + lead + (piece.trim().length - piece.trim().replace(/^and\s+/i, '').length) });
      from += piece.length + sep.length;
    }
    return parts;
  };
  if (member.includes(';')) {
    const parts = split(';');
    return parts.every((p) => isMember(p.text)) ? parts : [];
  }
  const commas = split(',');
  if (commas.length >= 3 && commas.every((p) => parseName(p.text, 6))) return commas;
  return isMember(member.replace(/\.$/, '')) ? [{ text: member, from: 0 }] : [];
}

function addMembers(group: ParticipantGroup, b: RawBlock, t: string, head: GroupHead, persons: PersonIndex, inlines: (b: RawBlock) => Inline[]): void {
  const start = t.length - head.member!.length;
  for (const part of memberParts(head.member!)) {
    addMember(group, sliceBlock(b, start + part.from, start + part.from + part.text.length), part.text, head.affiliation, persons, inlines);
  }
}

function addMember(group: ParticipantGroup, b: RawBlock, t: string, affiliation: string | undefined, persons: PersonIndex, inlines: (b: RawBlock) => Inline[]): void {
  const interpreter = ROLE_SUFFIX.test(t);
  let bare = t.replace(ROLE_SUFFIX, '');
  const comma = bare.indexOf(',');
  let office: string | undefined;
  if (!parseName(bare, 6) && comma > 0) {
    office = bare.slice(comma + 1).trim();
    bare = bare.slice(0, comma);
  }
  const parsed = parseName(bare, 6) ?? { titles: [], name: bare, tokens: [] };
  const person = persons.add(bare, { titles: office ? [...parsed.titles, office] : parsed.titles, ...(affiliation ? { affiliation } : {}), ...(interpreter ? { role: 'interpreter' as const } : {}), participant: true });
  group.members.push({ children: inlines(b), personId: person.id, position: b.position });
}

/** A block holding part of another block's text (a member after a group head on one line). */
function sliceBlock(b: RawBlock, from: number, to: number): RawBlock {
  const text = textOf(b);
  const lead = text.length - text.trimStart().length;
  const start = b.position.start;
  return {
    indent: b.indent,
    children: clipInlines(b.children, lead + from, lead + to),
    position: {
      start: { line: start.line, column: start.column + from, offset: start.offset + from },
      end: { line: start.line, column: start.column + to, offset: start.offset + to },
    },
  };
}
