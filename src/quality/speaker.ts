/**
 * Whether a produced turn's speaker is the gold speaker: its `@who` names the gold person; or
 * its `<speaker>` text has the same words as the gold label; or the `<speaker>` text or the
 * `@who` shares with the label a word that is not a title ("Mr.", "Secretary", "Herr" …).
 */
import { wordSet } from './tokens.js';

const TITLES = new Set([
  'the', 'mr', 'mrs', 'ms', 'm', 'dr', 'doctor', 'comrade', 'comrades', 'secretary', 'minister', 'general', 'sir', 'lord', 'prof',
  'professor', 'colonel', 'major', 'captain', 'capt', 'admiral', 'of', 'and', 'herr', 'monsieur', 'mme', 'madame', 'señor', 'senor', 'p',
]);

const sameWords = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((w) => b.has(w));

export function sameSpeaker(goldLabel: string, goldWho: string | undefined, speaker: string, who: string): boolean {
  if (goldWho && who && who.split(/\s+/).some((w) => w.replace(/^#/, '') === goldWho)) return true;
  const label = wordSet(goldLabel);
  const spoken = wordSet(speaker);
  if (spoken.size && sameWords(spoken, label)) return true;
  const named = wordSet(who.replace(/#/g, ' ').replace(/[_-]/g, ' '));
  for (const words of [spoken, named]) for (const w of words) if (label.has(w) && !TITLES.has(w)) return true;
  return false;
}

/** `sameSpeaker` with its answers kept: attribution asks the same question for every token of a turn. */
export function speakerMatcher(): typeof sameSpeaker {
  const known = new Map<string, boolean>();
  return (goldLabel, goldWho, speaker, who) => {
    const key = JSON.stringify([goldLabel, goldWho ?? '', speaker, who]);
    let answer = known.get(key);
    if (answer === undefined) known.set(key, (answer = sameSpeaker(goldLabel, goldWho, speaker, who)));
    return answer;
  };
}
