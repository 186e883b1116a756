import type { VFile } from 'vfile';
import type { Block, Inline, NoteBody } from '../model/types.js';
import { report } from '../diagnostics/report.js';
import { blockInlines, walkBlocks } from '../model/walk.js';
import type { Locate } from './brackets.js';

export interface NotesResult {
  orphans: NoteBody[];
}

/**
 * Put every note text at its marker: `[n]` becomes `<note n>` where it stands.
 * Notes a reader already placed at their anchors (id still empty) get their id.
 * A marker without text keeps an empty note (reported); a text without marker
 * is kept at the end (reported); a number used twice points to its first note.
 */
export function placeNotes(blocks: Block[], extra: Inline[][], bodies: NoteBody[], docId: string, file: VFile, locate: Locate): NotesResult {
  const byNumber = new Map<string, NoteBody>();
  const orphans: NoteBody[] = [];
  for (const body of bodies) {
    if (byNumber.has(body.n)) {
      report(file, 'note-body-repeated', `Note ${body.n} has a second text; it is kept at the end of the document.`, body.position);
      orphans.push(body);
    } else byNumber.set(body.n, body);
  }
  const placed = new Map<string, string>();
  const ids = new Set<string>();
  const place = (inlines: Inline[]): void => {
    for (let i = 0; i < inlines.length; i++) {
      const node = inlines[i]!;
      if ('children' in node && node.type !== 'note') place(node.children);
      if (node.type === 'note' && !node.id) {
        // A real footnote a reader placed at its anchor (Markdown, HTML, Word): it only needs its id.
        let id = `${docId}-n${node.n}`;
        for (let k = 2; ids.has(id); k++) id = `${docId}-n${node.n}-${k}`;
        ids.add(id);
        if (!placed.has(node.n)) placed.set(node.n, id);
        inlines[i] = { ...node, id };
        continue;
      }
      if (node.type !== 'noteMarker') continue;
      const first = placed.get(node.n);
      if (first) {
        report(file, 'note-marker-repeated', `The note marker [${node.n}] is used a second time; it points to the first note ${node.n}.`, locate(node.offset));
        inlines[i] = { type: 'noteRef', n: node.n, target: first, text: node.text };
        continue;
      }
      let id = `${docId}-n${node.n}`;
      for (let k = 2; ids.has(id); k++) id = `${docId}-n${node.n}-${k}`;
      ids.add(id);
      placed.set(node.n, id);
      const body = byNumber.get(node.n);
      if (body) {
        body.used = true;
        inlines[i] = { type: 'note', n: node.n, id, children: body.children };
      } else {
        report(file, 'note-without-body', `The note marker [${node.n}] has no note text; it is kept as an empty note.`, locate(node.offset));
        inlines[i] = { type: 'note', n: node.n, id, children: [], missing: true };
      }
    }
  };
  for (const block of walkBlocks(blocks)) for (const inlines of blockInlines(block)) place(inlines);
  for (const inlines of extra) place(inlines);
  for (const body of byNumber.values()) {
    if (!body.used) {
      report(file, 'note-without-marker', `Note ${body.n} has no marker in the text; it is kept at the end of the document.`, body.position);
      orphans.push(body);
    }
  }
  return { orphans };
}
