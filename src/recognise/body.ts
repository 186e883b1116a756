import type { VFile } from 'vfile';
import type { BiblEntry, Block, Inline, ListItem, RawBlock } from '../model/types.js';
import { report } from '../diagnostics/report.js';
import { parseDateLine } from './dates.js';
import { displayName, fold, parseName } from './names.js';
import type { PersonIndex } from './persons.js';
import { textOf } from './sections.js';
import { clipInlines } from '../model/clip.js';
import { describeShape, learnLabels, type AcceptedLabel, type LabelDecision } from './labels.js';

const SPEECH_VERBS = 'stated|said|says|replied|replies|responded|answered|declared|continued|added|explained|remarked|emphasized|emphasised|stressed|noted|asked|observed|interjected|interrupted|concluded|began|spoke|commented|underlined|underscored|pointed out|went on';
const LEAD = '(?:(?:Then|Afterwards|Finally|Next|Later|Thereupon|Subsequently|In reply|In response|Thereafter|And|Here),?\\s+)?';
/** "Then Kim Il Sung stated:" / "Comrade Kim Il Sung replied: That is correct." / "Kim Il Sung responded as follows. …" */
const VERB_INTRO = new RegExp(`^${LEAD}(.{2,60}?)\\s+(?:then\\s+|also\\s+|again\\s+|further\\s+|briefly\\s+)?(?:${SPEECH_VERBS})(\\s+as follows|\\s+the following)?(?:\\s*\\([^)]{0,40}\\))?\\s*([:.])\\s*(.*)$`);
const NOUN_INTRO = /^(?:Statements?|Remarks|Speech|Response|Reply|Answer|Report|Address|Comments?)\s+(?:of|by)\s+(.{2,60}?):\s*$/;
const BULLET = /^([-•*–—·▪◦])\s+(.*)$/;
const NUMBERED = /^((?:\d{1,3}|[a-z]|[IVXLC]{1,6})[.)])\s+(\S.*)$/;
const ROMAN_ONLY = /^([IVXLC]{1,6}|\d{1,3})\.$/;
const DATELINE = /^(\[?[\p{Lu}][\p{L}\s.,’'-]{1,40}?\]?,?\]?\s+)(.+?)\.?$/u;
const DOCUMENT_ENTRY = /^(?:Document|Doc\.|Item|No\.)\s+\d{1,4}\s*[–—-]\s+\S/;
const PAGE = /^\(?\s*(?:p|page|S|Seite)\.?\s*(\d{1,4})\s*\)?$/i;

export interface BodyContext {
  file: VFile;
  persons: PersonIndex;
  inlines: (b: RawBlock, from?: number) => Inline[];
  /** Whether the document lists its participants (then unknown speakers are reported). */
  hasParticipants: boolean;
}

interface Label {
  speaker: string;
  /** Offset of the speech after the label, within the block's text, or -1 for a label on its own line. */
  rest: number;
}

/**
 * Build the body: speaker turns from labels ("Comrade Mielke:", "MAO ZEDONG. …",
 * "North (KIM): …"), unlabelled turns after a narrative introduction, paragraphs,
 * lists, headings, section breaks, page markers, date line and signature.
 */
export function recogniseBody(blocks: RawBlock[], ctx: BodyContext): Block[] {
  const decision = learnLabels(blocks.map(textOf), ctx.persons);
  reportLabels(decision, blocks, ctx);
  const labelAt = (k: number): Label | null => {
    const learnt = decision.labels.get(k);
    if (learnt) return { speaker: learnt.speaker, rest: learnt.rest };
    return k < blocks.length ? verbLabel(textOf(blocks[k]!), ctx) : null;
  };
  const sceneHeads = sceneHeadings(blocks, (k) => labelAt(k) !== null);
  const out: Block[] = [];
  let turn: Extract<Block, { type: 'sp' }> | undefined;
  let implicit = false;
  let pendingIntro: string | undefined;

  const closeTurn = (): void => {
    turn = undefined;
    implicit = false;
  };
  const emit = (block: Block): void => {
    if (turn) {
      turn.blocks.push(block);
      turn.position.end = block.position.end;
    } else out.push(block);
  };

  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k]!;
    const t = textOf(b);

    const label = labelAt(k);
    if (label) {
      const who = resolveSpeaker(label.speaker, b, ctx);
      const speakerEnd = label.rest < 0 ? t.length : label.rest;
      turn = { type: 'sp', who, speaker: ctx.inlines(b).length ? sliceInlines(b, 0, speakerEnd, ctx).map(trimEnd) : [], blocks: [], position: { ...b.position } };
      implicit = false;
      out.push(turn);
      if (label.rest >= 0) {
        // "Miller: (schnell auf und ab gehend.)", "HUANG: (through interpreter) We agree.": the direction, then the speech.
        const direction = leadingParenthesis(t, label.rest);
        if (direction > 0) {
          turn.blocks.push({ type: 'stage', children: sliceInlines(b, label.rest, direction, ctx), position: b.position });
          const after = t.slice(direction).search(/\S/);
          if (after >= 0) turn.blocks.push({ type: 'p', children: ctx.inlines(b, direction + after), position: b.position });
        } else turn.blocks.push({ type: 'p', children: ctx.inlines(b, label.rest), position: b.position });
      }
      continue;
    }

    const intro = speechIntroduction(t, ctx);
    if (intro) {
      closeTurn();
      out.push({ type: 'p', children: ctx.inlines(b), position: b.position });
      pendingIntro = intro;
      report(ctx.file, 'speech-introduction', `“${t.length > 50 ? t.slice(0, 50) + '…' : t}” introduces direct speech; the paragraphs after it are encoded as a turn of ${intro}.`, b.position);
      continue;
    }

    if (implicit && resumesNarrative(t, ctx)) closeTurn();

    if (pendingIntro && !turn) {
      turn = { type: 'sp', who: pendingIntro, blocks: [], position: { ...b.position } };
      implicit = true;
      out.push(turn);
    }
    pendingIntro = undefined;

    // A list of documents: "Document 1 – Title", its date, its archive source.
    if (!turn && DOCUMENT_ENTRY.test(t) && blocks[k + 1] && parseDateLine(textOf(blocks[k + 1]!))) {
      const entries: BiblEntry[] = [];
      let j = k;
      while (j < blocks.length && DOCUMENT_ENTRY.test(textOf(blocks[j]!)) && blocks[j + 1] && parseDateLine(textOf(blocks[j + 1]!))) {
        const entry: BiblEntry = { title: ctx.inlines(blocks[j]!), date: ctx.inlines(blocks[j + 1]!), position: { start: blocks[j]!.position.start, end: blocks[j + 1]!.position.end } };
        j += 2;
        const src = blocks[j];
        if (src && !DOCUMENT_ENTRY.test(textOf(src)) && !parseDateLine(textOf(src))) {
          const line = textOf(src);
          const m = /^(.*?\d)\.\s+(\S.*)$/.exec(line);
          if (m) {
            entry.idno = m[1]!;
            entry.source = ctx.inlines(src, line.length - m[2]!.length);
          } else entry.source = ctx.inlines(src);
          entry.position.end = src.position.end;
          j++;
        }
        entries.push(entry);
      }
      out.push({ type: 'listBibl', entries, position: { start: b.position.start, end: blocks[j - 1]!.position.end } });
      k = j - 1;
      continue;
    }
    if (/^\*(\s*\*){2,}$/.test(t.trim())) {
      closeTurn();
      out.push({ type: 'milestone', rend: t.trim(), position: b.position });
      continue;
    }
    // Lists: a run of bulleted paragraphs, or of short numbered ones.
    if (BULLET.test(t) || isShortNumbered(blocks, k)) {
      const ordered = !BULLET.test(t);
      const items: ListItem[] = [];
      let j = k;
      for (; j < blocks.length; j++) {
        const tj = textOf(blocks[j]!);
        const m = ordered ? (isShortNumbered(blocks, j, true) ? NUMBERED.exec(tj) : null) : BULLET.exec(tj);
        if (!m) break;
        if (j > k && (labelAt(j) || speechIntroduction(tj, ctx))) break;
        const markerLength = tj.length - m[2]!.length;
        items.push({ ...(ordered ? { label: m[1]! } : {}), children: ctx.inlines(blocks[j]!, markerLength), position: blocks[j]!.position });
      }
      emit({ type: 'list', ordered, items, position: { start: b.position.start, end: blocks[j - 1]!.position.end } });
      k = j - 1;
      continue;
    }

    const page = PAGE.exec(t.trim());
    if (page) {
      emit({ type: 'pb', n: page[1]!, text: t.trim(), position: b.position });
      continue;
    }
    if (leadingParenthesis(t, 0) === t.length) {
      emit({ type: 'stage', children: ctx.inlines(b), position: b.position });
      continue;
    }
    // A stage direction wrapped over the next lines of the source ("(An einem Tisch sitzt … ihren" / "Kaffee.)").
    const wrapped = t.startsWith('(') ? wrappedParenthesis(blocks, k) : k;
    if (wrapped > k) {
      const children: Inline[] = [];
      for (let j = k; j <= wrapped; j++) {
        if (j > k) children.push({ type: 'text', value: ' ' });
        children.push(...ctx.inlines(blocks[j]!));
      }
      emit({ type: 'stage', children, position: { start: b.position.start, end: blocks[wrapped]!.position.end } });
      k = wrapped;
      continue;
    }
    if (!turn && out.length === 0 && isDateline(t)) {
      out.push({ type: 'dateline', children: ctx.inlines(b), position: b.position });
      continue;
    }
    if (!turn && k === blocks.length - 1 && isSignature(t)) {
      out.push({ type: 'signed', children: ctx.inlines(b), position: b.position });
      continue;
    }
    // A heading the reader found (Markdown, HTML, Word styles), or a scene heading of a play, ends the turn before it.
    if (b.heading !== undefined || sceneHeads.has(k)) closeTurn();
    if (sceneHeads.has(k)) {
      out.push({ type: 'head', children: ctx.inlines(b), position: b.position });
      continue;
    }
    if (!turn && (b.heading !== undefined || isHeading(t, blocks[k + 1], labelAt(k) !== null, labelAt(k + 1) !== null))) {
      out.push({ type: 'head', children: ctx.inlines(b), position: b.position });
      continue;
    }
    emit({ type: 'p', children: ctx.inlines(b), position: b.position });
  }
  return out;
}

/**
 * The end of a parenthesis that opens the text at `from` ("(verdrüßlich.)", "(through
 * interpreter)"), nested parentheses allowed; 0 when the text there does not open with one.
 */
export function leadingParenthesis(t: string, from: number): number {
  if (t[from] !== '(') return 0;
  let depth = 0;
  for (let i = from; i < t.length; i++) {
    if (t[i] === '(') depth++;
    else if (t[i] === ')' && --depth === 0) return /[\p{L}\p{N}]/u.test(t.slice(from, i)) ? i + 1 : 0;
  }
  return 0;
}

/** The last of the lines that continue a parenthesis opened at block k without a blank line between (at most five), or k. */
function wrappedParenthesis(blocks: RawBlock[], k: number): number {
  let text = textOf(blocks[k]!);
  for (let j = k + 1; j < blocks.length && j <= k + 5; j++) {
    if (blocks[j]!.position.start.line !== blocks[j - 1]!.position.end.line + 1) return k;
    text += ' ' + textOf(blocks[j]!);
    const end = leadingParenthesis(text, 0);
    if (end === text.length) return j;
    if (end > 0) return k;
  }
  return k;
}

function trimEnd(node: Inline): Inline {
  return node.type === 'text' ? { ...node, value: node.value.replace(/\s+$/, '') } : node;
}

/** The inlines of part of a block (the label before the speech). */
function sliceInlines(b: RawBlock, from: number, to: number, ctx: BodyContext): Inline[] {
  const clipped: RawBlock = { ...b, children: clipInlines(b.children, 0, to) };
  return ctx.inlines(clipped, from);
}

/** "Comrade Kim Il Sung replied: That is correct.": a verb of speech before the colon, naming a listed person. */
function verbLabel(t: string, ctx: Pick<BodyContext, 'persons'>): Label | null {
  if (!/:\s+\S/.test(t)) return null;
  const v = VERB_INTRO.exec(t);
  if (v && v[3] === ':' && v[4] && !v[2] && parseName(v[1]!) && ctx.persons.match(v[1]!).length) return { speaker: v[1]!, rest: t.length - v[4].length };
  return null;
}

/** Say which label convention the document uses, and every label taken or left on weak evidence. */
function reportLabels(decision: LabelDecision, blocks: RawBlock[], ctx: BodyContext): void {
  const first = new Map<string, AcceptedLabel>();
  for (const l of decision.labels.values()) if (!first.has(l.shape)) first.set(l.shape, l);
  for (const c of decision.conventions) {
    const at = first.get(c.shape);
    report(ctx.file, 'label-convention', `Speaker labels are printed as ${describeShape(c.shape)}: ${c.evidence} labels that recur or name a listed person, ${c.speakers} speakers.`, at ? blocks[at.index]!.position : blocks[0]?.position);
  }
  for (const l of decision.labels.values()) {
    if (l.evidence !== 'convention') continue;
    report(ctx.file, 'label-weak', `“${l.label}” is read as a speaker label by the document's convention alone: it occurs once and names no listed person.`, blocks[l.index]!.position);
  }
  for (const r of decision.rejected) {
    const why =
      r.reason === 'metadata'
        ? 'it is a field name, not a speaker'
        : r.reason === 'single'
          ? 'it occurs once, names no listed person, and stands before the conversation or is not a name'
          : 'the document has no label convention and it names no listed person';
    report(ctx.file, 'label-rejected', `“${r.label}” looks like a speaker label but is kept as text: ${why}.`, blocks[r.index]!.position);
  }
}

/** The labels whose tie to a person was already reported, per document (one message per label). */
const tiesReported = new WeakMap<VFile, Set<string>>();

function reportTie(ctx: BodyContext, rule: 'speaker-by-surname' | 'speaker-by-office', label: string, message: string, b: RawBlock): void {
  let seen = tiesReported.get(ctx.file);
  if (!seen) tiesReported.set(ctx.file, (seen = new Set()));
  if (seen.has(label)) return;
  seen.add(label);
  report(ctx.file, rule, message, b.position);
}

function resolveSpeaker(label: string, b: RawBlock, ctx: BodyContext): string {
  const found = ctx.persons.match(label);
  if (found.length > 1) {
    const participants = found.filter((p) => p.participant);
    report(ctx.file, 'ambiguous-speaker', `The speaker “${label}” matches ${found.map((p) => p.name).join(', ')}; ${(participants[0] ?? found[0])!.name} was chosen.`, b.position);
    return `#${(participants[0] ?? found[0])!.id}`;
  }
  if (found.length === 1) {
    const person = found[0]!;
    person.participant = true;
    const said = parseName(label, 6)?.tokens ?? [];
    const full = person.name.split(/\s+/).map(fold).filter(Boolean);
    if (said.length && said.length < full.length) reportTie(ctx, 'speaker-by-surname', label, `The speaker “${label}” is taken to be ${person.name} (${person.id}) of the participants, by surname.`, b);
    return `#${person.id}`;
  }
  const byRole = ctx.persons.matchRole(label);
  if (byRole.length >= 1) {
    const person = byRole[0]!;
    person.participant = true;
    if (byRole.length > 1) report(ctx.file, 'ambiguous-speaker', `The speaker “${label}” matches ${byRole.map((p) => p.name).join(', ')} by office or role; ${person.name} was chosen.`, b.position);
    else reportTie(ctx, 'speaker-by-office', label, `The speaker “${label}” is taken to be ${person.name} (${person.id}), named by ${person.role === 'interpreter' ? 'role' : 'office'}.`, b);
    return `#${person.id}`;
  }
  const parsed = parseName(label);
  const person = ctx.persons.add(label, { participant: true, ...(parsed ? { titles: parsed.titles } : {}) });
  if (ctx.hasParticipants) report(ctx.file, 'unknown-speaker', `The speaker “${label}” is not in the participants list; ${displayName(person.name)} (${person.id}) was added.`, b.position);
  return `#${person.id}`;
}

/** A narrative line that introduces direct speech; returns the speaker's pointer. */
function speechIntroduction(t: string, ctx: BodyContext): string | undefined {
  const noun = NOUN_INTRO.exec(t);
  const verb = noun ? null : VERB_INTRO.exec(t);
  let name: string | undefined;
  if (noun) name = noun[1];
  else if (verb && ((verb[3] === ':' && !verb[4]) || (verb[2] && verb[3] === '.'))) name = verb[1];
  if (!name) return undefined;
  const found = ctx.persons.match(name);
  if (found.length !== 1) return undefined;
  return `#${found[0]!.id}`;
}

/** A paragraph that speaks of a known person in the third person ("Comrade Hager stressed …"). */
function resumesNarrative(t: string, ctx: BodyContext): boolean {
  const start = /^((?:[\p{Lu}][\p{L}’'.-]*\s+){0,5}?[\p{Lu}][\p{L}’'.-]*)\s+(\p{Ll}+)/u.exec(t);
  if (start && parseName(start[1]!) && ctx.persons.match(start[1]!).length && !/^(and|or|of)$/.test(start[2]!)) return true;
  for (const m of t.matchAll(new RegExp(`((?:[\\p{Lu}][\\p{L}’'.-]*\\s+){0,3}[\\p{Lu}][\\p{L}’'.-]*)\\s+(?:${SPEECH_VERBS})\\s+that\\b`, 'gu'))) {
    if (ctx.persons.match(m[1]!).length) return true;
  }
  return false;
}

/** A numbered paragraph that belongs to a list: short, and next to another numbered one. */
function isShortNumbered(blocks: RawBlock[], k: number, continuing = false): boolean {
  const t = textOf(blocks[k]!);
  const m = NUMBERED.exec(t);
  if (!m || m[2]!.split(/\s+/).length > 30) return false;
  if (continuing) return true;
  const next = blocks[k + 1] ? NUMBERED.exec(textOf(blocks[k + 1]!)) : null;
  return Boolean(next && next[2]!.split(/\s+/).length <= 30);
}

function isDateline(t: string): boolean {
  const m = DATELINE.exec(t.trim());
  return Boolean(m && parseDateLine(m[2]!));
}

/** A closing signature: initials with supplied letters ("H[erbert] F[eis]") or a short name line. */
function isSignature(t: string): boolean {
  return /^(\p{Lu}(\[[\p{Ll}’'-]+\])?\.?\s*){1,4}$/u.test(t.trim()) && /\[/.test(t);
}

/**
 * Scene and act headings of a play, found by their recurrence: short lines without closing
 * punctuation that share a word with another such line ("Erster Auftritt", "Zweiter Auftritt";
 * "Scene 2", "Scene 3") and are followed by a stage direction, a label or another such line.
 */
function sceneHeadings(blocks: RawBlock[], labelled: (k: number) => boolean): Set<number> {
  const short = new Map<number, string[]>();
  const opensScene = (k: number): boolean => {
    const next = textOf(blocks[k + 1]!);
    return next.startsWith('(') || labelled(k + 1);
  };
  for (let k = 0; k < blocks.length - 1; k++) {
    const t = textOf(blocks[k]!).trim();
    const words = t.split(/\s+/);
    if (words.length > 4 || !/^[\p{Lu}\d]/u.test(t) || /[.,;:!?–—-]$/.test(t) || labelled(k)) continue;
    short.set(k, words.map(fold));
  }
  // Lines sharing their first word, or their last ("Szene 1" / "Szene 2"; "Erster Auftritt" / "Zweiter Auftritt").
  const byWord = new Map<string, number[]>();
  for (const [k, words] of short) {
    if (words.length < 2) continue;
    for (const key of [`^${words[0]}`, `${words[words.length - 1]}$`]) byWord.set(key, [...(byWord.get(key) ?? []), k]);
  }
  const heads = new Set<number>();
  for (const ks of byWord.values()) {
    if (ks.length < 2) continue;
    // The lines must differ in another word, not repeat each other.
    if (new Set(ks.map((k) => short.get(k)!.join(' '))).size < 2) continue;
    for (const k of ks) if (opensScene(k)) heads.add(k);
  }
  // A numbered one alone ("Scene 2", "ACT III": the first may have gone to the front).
  for (const [k, words] of short) if (words.length <= 3 && words.some((w) => /^(\d{1,3}|[ivxlc]{1,6})\.?$/.test(w)) && opensScene(k)) heads.add(k);
  return heads;
}

/** A heading: a short line without closing punctuation, followed by text. */
function isHeading(t: string, next: RawBlock | undefined, labelled: boolean, nextLabelled: boolean): boolean {
  const s = t.trim();
  if (!next) return false;
  if (ROMAN_ONLY.test(s)) return true;
  const words = s.split(/\s+/);
  if (words.length > 12 || /[.,;:!?]$/.test(s) || !/^[\p{Lu}\d"“]/u.test(s)) return false;
  if (/^[-•*–—]/.test(s)) return false;
  const capitalised = words.filter((w) => /^[\p{Lu}\d"“(]/u.test(w)).length;
  if (capitalised / words.length < 0.5 || labelled) return false;
  const following = textOf(next).trim();
  return following.split(/\s+/).length > words.length || nextLabelled;
}

