import type { Inline } from '../model/types.js';
import { el, text } from './xml.js';

/** Write inlines as TEI phrase-level markup. */
export function inlinesToTei(inlines: Inline[]): string {
  let s = '';
  for (const node of inlines) s += inlineToTei(node);
  return s;
}

function inlineToTei(node: Inline): string {
  switch (node.type) {
    case 'text':
      return text(node.value);
    case 'hi':
      return el('hi', { rend: node.rend }, inlinesToTei(node.children));
    case 'noteMarker':
      // Every marker is placed by the notes recogniser; one left here is kept as printed.
      return text(node.text);
    case 'note':
      return el('note', { place: 'foot', n: node.n, 'xml:id': node.id }, node.missing ? '<gap reason="missing" agent="source"/>' : inlinesToTei(node.children));
    case 'noteRef':
      return el('ref', { type: 'noteref', n: node.n, target: `#${node.target}` }, text(node.text));
    case 'supplied':
      return el('supplied', { reason: node.reason, cert: node.cert }, inlinesToTei(node.children));
    case 'sic':
      return el('sic', {}, inlinesToTei(node.children));
    case 'corr':
      return el('corr', {}, inlinesToTei(node.children));
    case 'gap':
      return el('gap', { reason: node.reason }, node.desc ? el('desc', {}, text(node.desc)) : '');
    case 'unclear':
      return el('unclear', { reason: 'uncertain-reading' }, inlinesToTei(node.children).replace(/\?\s*$/, ''));
    case 'gloss':
      return el('note', { type: 'gloss', place: 'inline' }, inlinesToTei(node.children));
    case 'editorialNote':
      return el('note', { type: 'editorial', place: 'inline' }, inlinesToTei(node.children));
    case 'stamp':
      return el('stamp', { type: node.label ? undefined : 'classification' }, inlinesToTei(node.children));
    case 'add':
      return el('add', { hand: node.hand }, inlinesToTei(node.children));
    case 'persName':
    case 'placeName':
    case 'orgName':
      return el(node.type, { ref: node.ref }, inlinesToTei(node.children));
    case 'date':
      return el('date', { when: node.when, from: node.from, to: node.to }, inlinesToTei(node.children));
  }
}
