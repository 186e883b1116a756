import { describe, expect, it } from 'vitest';
import { sameSpeaker } from '../../src/quality/speaker.js';

describe('sameSpeaker', () => {
  it('matches @who against the gold person, with or without #', () => {
    expect(sameSpeaker('The Secretary', 'lansing', '', '#lansing')).toBe(true);
    expect(sameSpeaker('The Secretary', 'lansing', '', '#house')).toBe(false);
  });

  it('matches the same words, even if they are all titles', () => {
    expect(sameSpeaker('The Secretary', undefined, 'THE SECRETARY', '')).toBe(true);
    expect(sameSpeaker('The Secretary', undefined, 'The Minister', '')).toBe(false);
  });

  it('matches a shared word that is not a title, in the speaker or in @who', () => {
    expect(sameSpeaker('Mr. Harrison', undefined, 'Harrison', '')).toBe(true);
    expect(sameSpeaker('Mr. Harrison', undefined, 'Mr. White', '')).toBe(false);
    expect(sameSpeaker('Herr Miller', undefined, '', '#miller_senior')).toBe(true);
  });
});
