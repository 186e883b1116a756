/**
 * Documents for the search benchmark and the 10,000-document search test, made from the search
 * records of real TEI (the sample edition, the FRUS and DraCor reference TEI): document i takes
 * the paragraphs of source i mod n in a rotated order, about four in five of them (chosen by a
 * seeded generator), and two paragraphs of another source; its date moves back one year per
 * round, as bench/documents.js does. Titles and page names are numbered.
 */

/** A small seeded generator (mulberry32), so that every run makes the same documents. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `base`: [{ stem, title, entries: [[id, text]], meta }]; returns `count` documents. */
export function syntheticSearchDocuments(base, count, seed = 18) {
  const next = random(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const k = i % base.length;
    const b = base[k];
    const round = Math.floor(i / base.length);
    const n = b.entries.length;
    const start = n ? Math.floor(next() * n) : 0;
    const entries = [];
    for (let j = 0; j < n; j++) {
      const e = b.entries[(start + j) % n];
      if (next() < 0.8) entries.push([`${e[0]}-s${i}`, e[1]]);
    }
    const other = base[(k + 1 + Math.floor(next() * (base.length - 1))) % base.length];
    for (let j = 0; j < 2 && other.entries.length; j++) {
      const e = other.entries[Math.floor(next() * other.entries.length)];
      entries.push([`x${j}-s${i}`, e[1]]);
    }
    const date = b.meta && /^\d{4}/.test(b.meta.date) ? String(Number(b.meta.date.slice(0, 4)) - round).padStart(4, '0') + b.meta.date.slice(4) : '';
    out.push({ stem: `syn${i}-${b.stem}`, title: `${b.title} (${i + 1})`, entries, meta: { ...(b.meta ?? { kind: '', lang: '', persons: [] }), date } });
  }
  return out;
}
