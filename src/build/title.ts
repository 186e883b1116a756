/**
 * The edition's title when neither the configuration nor --title gives one: taken from the
 * sources, never a placeholder. The series title most documents share (a correspondence's,
 * a corpus's: titleStmt/title[@level='s']); else, for one document, its title; else the
 * publisher or authority all documents share; else the name of the source folder.
 */
import path from 'node:path';

function textOf(xml: string): string {
  return xml
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of the first element of a name (any prefix) inside the first `within` element. */
function firstIn(xml: string, within: string, name: RegExp): string[] {
  const block = new RegExp(`<(?:\\w+:)?${within}[\\s>][\\s\\S]*?</(?:\\w+:)?${within}>`).exec(xml)?.[0] ?? '';
  const out: string[] = [];
  for (const m of block.matchAll(new RegExp(`<(?:\\w+:)?(?:${name.source})(\\s[^>]*)?>([\\s\\S]*?)</`, 'g'))) out.push(`${m[1] ?? ''}\u0000${textOf(m[2]!)}`);
  return out;
}

function mostShared(values: (string | undefined)[], atLeast: number): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] >= atLeast ? best[0] : undefined;
}

export function editionTitleFrom(documents: { bytes: Buffer }[], folder: string): string {
  const heads = documents.map((d) => d.bytes.subarray(0, 1 << 20).toString('utf8').split(/<\/(?:\w+:)?teiHeader>/)[0] ?? '');
  const titles = heads.map((h) => firstIn(h, 'titleStmt', /title/));
  const series = mostShared(titles.map((t) => t.find((x) => /level\s*=\s*["']s["']/.test(x))?.split('\u0000')[1]), Math.max(1, Math.ceil(documents.length / 2)));
  if (series) return series;
  if (documents.length === 1) {
    const t = titles[0]!.find((x) => /type\s*=\s*["']main["']/.test(x)) ?? titles[0]!.find((x) => !/(type|level)\s*=/.test(x)) ?? titles[0]![0];
    if (t?.split('\u0000')[1]) return t.split('\u0000')[1]!;
  }
  const publisher = mostShared(heads.map((h) => firstIn(h, 'publicationStmt', /publisher|authority/)[0]?.split('\u0000')[1]), documents.length);
  if (publisher && documents.length > 1) return publisher;
  const name = path.basename(path.resolve(folder)).replace(/[-_]+/g, ' ').trim();
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : 'Edition';
}
