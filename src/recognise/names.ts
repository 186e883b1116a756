/**
 * Name and title vocabulary shared by the participants, speakers and persons
 * recognisers: what a person's label looks like in a transcript.
 */

/** Honorifics: dropped from a person's name and not kept as a role. */
const HONORIFICS = ['comrade', 'comrades', 'mr', 'mrs', 'ms', 'miss', 'messrs', 'dr', 'prof', 'professor', 'herr', 'frau', 'monsieur', 'm', 'mme', 'madame', 'señor', 'senor', 'sir', 'lord', 'lady', 'the', 'his', 'her', 'excellency', 'hon', 'honorable', 'honourable'];

/** Ranks and offices: dropped from the name, kept as `roleName`. */
const OFFICES = [
  'general', 'gen', 'colonel', 'col', 'lieutenant', 'lt', 'major', 'maj', 'captain', 'capt', 'admiral', 'adm', 'commander', 'cmdr',
  'sergeant', 'sgt', 'marshal', 'army', 'brigadier', 'rear', 'vice', 'fleet', 'minister', 'deputy', 'first', 'chairman', 'chairwoman',
  'secretary', 'president', 'vice-president', 'premier', 'ambassador', 'envoy', 'consul', 'chargé', 'charge', 'senator', 'representative',
  'governor', 'mayor', 'director', 'chief', 'head', 'chancellor', 'undersecretary', 'under', 'assistant', 'counselor', 'counsellor',
  'attaché', 'attache', 'delegate', 'commissioner', 'king', 'queen', 'prince', 'emperor', 'pope', 'cardinal', 'bishop', 'father',
  'marshall', 'ensign', 'officer', 'kgb', 'mfs', 'cpsu', 'sed', 'gdr', 'dprk', 'ussr', 'prc', 'kwp',
];

/** Capitalised function words that start headings ("On Poland:"), never names. */
const FUNCTION_WORDS = new Set(['on', 'in', 'at', 'for', 'from', 'to', 'regarding', 'concerning', 'about', 'a', 'an', 're', 'as', 'by', 'with', 'of', 'and', 'but', 'or', 'if', 'when', 'then', 'this', 'that', 'these', 'those', 'our', 'their', 'we', 'i', 'it', 'he', 'she', 'they', 'you', 'my', 'your', 'all', 'some', 'no', 'not', 'yes', 'after', 'before', 'during', 'under', 'over', 'between', 'among', 'against', 'without', 'within', 'towards', 'toward', 'upon', 'into', 'since', 'until', 'while', 'where', 'what', 'who', 'why', 'how', 'each', 'every', 'other', 'another', 'such', 'there', 'here', 'hence', 'thus', 'so', 'therefore', 'however', 'also', 'still', 'yet', 'now', 'today', 'tomorrow', 'yesterday', 'point', 'question', 'item', 'part', 'section', 'chapter', 'article', 'paragraph', 'document', 'annex', 'appendix', 'page']);

const HONORIFIC_SET = new Set(HONORIFICS);
const OFFICE_SET = new Set(OFFICES);
const PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'der', 'den', 'van', 'von', 'zu', 'la', 'le', 'du', 'dos', 'das', 'bin', 'ibn', 'al', 'el', 'y', 'e', 'ten', 'ter']);

/** Words that end with a colon in transcripts without being a speaker. */
const NOT_SPEAKERS = new Set([
  'present', 'participants', 'participant', 'also present', 'note', 'notes', 'source', 'subject', 'date', 'time', 'place', 'location',
  'summary', 'conclusion', 'conclusions', 'agenda', 'attachment', 'enclosure', 'comment', 'comments', 'remarks', 'copy', 'copies',
  'distribution', 'from', 'to', 'cc', 're', 'ref', 'reference', 'classification', 'question', 'answer', 'q', 'a', 'translation',
  'translator', 'interpreter', 'record id', 'rights', 'language', 'donors', 'author', 'authors', 'author(s)', 'original uploaded date',
  'example', 'for example', 'i.e', 'e.g', 'nb', 'p.s', 'ps', 'result', 'results', 'decision', 'decisions', 'resolution', 'item',
  'items', 'topic', 'topics', 'purpose', 'background', 'discussion', 'action', 'recommendation', 'recommendations', 'signed', 'approved',
  'washington', 'moscow', 'berlin', 'paris', 'london', 'beijing', 'peking', 'pyongyang', 'tokyo', 'side', 'delegation', 'attending',
  'absent', 'members', 'guests', 'secret', 'top secret', 'confidential', 'urgent', 'priority', 'memorandum', 'telegram', 'minutes',
]);

const folded = new Map<string, string>();

/** A word for matching: no diacritics, no apostrophes, no final dot, lower case (memoised). */
export function fold(word: string): string {
  let f = folded.get(word);
  if (f === undefined) {
    f = foldWord(word);
    if (folded.size > 100_000) folded.clear();
    folded.set(word, f);
  }
  return f;
}

function foldWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'`ʼ‘]/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

export function isHonorific(word: string): boolean {
  return HONORIFIC_SET.has(fold(word));
}

export function isOffice(word: string): boolean {
  return OFFICE_SET.has(fold(word));
}

export function isTitle(word: string): boolean {
  return isHonorific(word) || isOffice(word);
}

/** A word that can be part of a personal name: capitalised, an initial, or a particle. */
export function isNameWord(word: string): boolean {
  if (PARTICLES.has(word.toLowerCase())) return true;
  return /^[\p{Lu}][\p{L}\p{M}’'ʼ-]*\.?$/u.test(word) || /^(\p{Lu}\.)+$/u.test(word);
}

export interface ParsedName {
  /** Titles before the name, as printed ("Colonel General"). */
  titles: string[];
  /** The name without titles, as printed ("Ch’oe Dwu Sen", "MITTIG"). */
  name: string;
  /** Folded tokens of the name, for matching. */
  tokens: string[];
}

/**
 * Split "Comrade Army General Mielke" into titles and name. Returns null when the
 * text is not a personal name (lower-case words, sentence punctuation, too long).
 */
export function parseName(text: string, maxNameWords = 5): ParsedName | null {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean || /[,;!?"“”()[\]{}<>=+*/\\|#@%&0-9]/.test(clean)) return null;
  if (/\.\s*$/.test(clean) && !/(^|\s)(\p{Lu}|Mr|Mrs|Ms|Dr|Jr|Sr|St|Col|Gen|Lt|Capt|Prof|Adm|Maj|Sgt)\.$/u.test(clean)) return null;
  const words = clean.split(' ');
  const titles: string[] = [];
  let i = 0;
  while (i < words.length - 1 && isTitle(words[i]!)) titles.push(words[i++]!);
  const rest = words.slice(i);
  if (rest.length === 0 || rest.length > maxNameWords) return null;
  if (rest.length === 1 && /^[IVXLCDM]+\.?$/.test(rest[0]!)) return null;
  if (FUNCTION_WORDS.has(rest[0]!.toLowerCase())) return null;
  if (!rest.every(isNameWord)) return null;
  if (!rest.some((w) => /\p{Lu}/u.test(w) && w.replace(/\./g, '').length >= 2)) return null;
  const name = rest.join(' ');
  const tokens = rest.map(fold).filter((t) => t.length > 0);
  if (NOT_SPEAKERS.has(clean.toLowerCase().replace(/:$/, '')) || NOT_SPEAKERS.has(name.toLowerCase())) return null;
  // A lone office word ("Secretary", "General") is a title, not a name.
  if (rest.every((w) => isOffice(w)) || (titles.length === 0 && rest.every((w) => isTitle(w)))) return null;
  return { titles, name, tokens };
}

/** Title-case a name printed in capitals ("MITTIG" → "Mittig"), leave others alone. */
export function displayName(name: string): string {
  return name
    .split(' ')
    .map((w) => (w.length > 1 && w === w.toUpperCase() && /\p{Lu}{2}/u.test(w) ? w[0] + w.slice(1).toLowerCase() : w))
    .join(' ');
}

/** A stable, URL-safe slug: ASCII letters and digits joined by hyphens. */
export function slug(text: string, max = 60): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'ʼ`‘]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}

/** "The Secretary", "The President", "The Soviet Ambassador": a person named by office. */
const OFFICE_NAME = /^The\s+(?:[\p{Lu}][\p{L}-]+\s+){0,2}(President|Vice President|Secretary|Under Secretary|Assistant Secretary|Chairman|Ambassador|Minister|Foreign Minister|Prime Minister|Premier|Chancellor|King|Queen|Emperor|Shah|Pope|Chargé|Charge|Consul|Governor|Director|General|Admiral|Marshal|Commissioner|Delegate|Interpreter|Under-Secretary)(\s+of\s+(?:the\s+)?[\p{Lu}][\p{L}]+(?:\s+[\p{Lu}][\p{L}]+){0,3})?$/u;

export function isOfficeName(text: string): boolean {
  return OFFICE_NAME.test(text.replace(/\s+/g, ' ').trim());
}
