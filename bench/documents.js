/**
 * Documents made from a few source transcripts for the benchmarks and the build tests, each its
 * own: the first round takes every source as it is (but for its record ID); every later round
 * moves the first year of the text back once more (the document date, hence the id of a
 * document without a record ID), and leaves out the introduction (an edition has one). Two
 * transcripts of one document id would be refused as duplicates, as they should be.
 */
const RECORD = /^(Record ID\s*\n\s*\n?)(\S+)/m;

/** Which source the i-th document is made from (`names`: the sources' file names), and how many years it moves back. */
export function variation(i, names) {
  if (i < names.length) return { k: i, shift: 0 };
  const again = names.map((name, k) => ({ name, k })).filter((s) => !/^introduction/.test(s.name));
  return { k: again[(i - names.length) % again.length].k, shift: 1 + Math.floor((i - names.length) / again.length) };
}

/** The first year of a text moved back. */
export function shiftYear(text, shift) {
  return shift ? text.replace(/\b(1[89]\d\d)\b/, (y) => String(Number(y) - shift)) : text;
}

/** `sources`: [{ name, text }]; returns `count` texts. `prefix` + i replaces each record ID. */
export function variedTranscripts(sources, count, prefix = 'bench') {
  const names = sources.map((s) => s.name);
  return Array.from({ length: count }, (_, i) => {
    const { k, shift } = variation(i, names);
    return shiftYear(sources[k].text.replace(RECORD, `$1${prefix}${i}`), shift);
  });
}
