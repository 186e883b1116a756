/* tei-edition: lays out the print HTML with Paged.js (loaded before this script) in the
   browser, and fills in the indexes (persons, places, organisations) on the way. Called by src/publish/pdf.ts as
   window.teLayout(); resolves to { pages, index } once every page is laid out.

   The indexes' page numbers: every printed name of a person, place or organisation carries
   data-p (its register key). When
   Paged.js has laid out the page that ends the text (the element with data-te-end, just
   before the index), every name already stands on its page; the numbers of those pages are
   written into the index's still unrendered source, which Paged.js then lays out as usual.
   So the book is laid out once, and the index's own length is measured like any text. */
(function () {
  'use strict';

  /** "3, 5–7, 12" from sorted, distinct page numbers. */
  function ranges(pages) {
    const out = [];
    for (let i = 0; i < pages.length; i++) {
      let j = i;
      while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
      out.push(j > i ? pages[i] + '\u2013' + pages[j] : String(pages[i]));
      i = j;
    }
    return out.join(', ');
  }

  function pageNumber(el) {
    const page = el.closest('.pagedjs_page');
    return page ? Number(page.dataset.pageNumber) : NaN;
  }

  /** Register key (data-p) → sorted distinct page numbers, from the rendered pages. */
  function namePages(root) {
    const byKey = new Map();
    for (const el of root.querySelectorAll('.pagedjs_page [data-p]')) {
      const n = pageNumber(el);
      if (!Number.isFinite(n)) continue;
      const key = el.getAttribute('data-p');
      let set = byKey.get(key);
      if (!set) byKey.set(key, (set = new Set()));
      set.add(n);
    }
    const out = new Map();
    for (const [key, set] of byKey) out.set(key, [...set].sort((a, b) => a - b));
    return out;
  }

  /**
   * No word broken across pages. Paged.js finds where a page overflows letter by letter, so a
   * word that Chromium hyphenated at the last line of a page was cut there again (and given a
   * hyphen of Paged.js's own: "mea-" / "s-" / "ures"). Its layout's textBreak is wrapped: a break
   * inside a word moves to the word's start, unless the word starts the text (then as before).
   * Layout is not exported; its prototype is reached through the hook that opens each page's layout
   * (onPageLayout), before any break is looked for.
   */
  const inWord = /[\p{L}\p{N}\u00AD]/u;
  function keepWordsWhole(layout) {
    const proto = layout && Object.getPrototypeOf(layout);
    if (!proto || proto.teWholeWords || typeof proto.textBreak !== 'function') return;
    const textBreak = proto.textBreak;
    proto.textBreak = function (node, ...rest) {
      const offset = textBreak.call(this, node, ...rest);
      const text = node && node.textContent;
      if (typeof offset !== 'number' || !text || offset <= 0 || offset >= text.length) return offset;
      if (!inWord.test(text[offset]) || !inWord.test(text[offset - 1])) return offset;
      let start = offset;
      while (start > 0 && inWord.test(text[start - 1])) start--;
      return start > 0 ? start : offset;
    };
    proto.teWholeWords = true;
  }

  window.teLayout = async function teLayout() {
    const state = { filled: false, index: {} };
    class IndexPages extends window.Paged.Handler {
      onPageLayout(wrapper, breakToken, layout) {
        keepWordsWhole(layout);
      }
      afterPageLayout(pageElement, page, breakToken, chunker) {
        if (state.filled || !pageElement.querySelector('[data-te-end]')) return;
        state.filled = true;
        const pages = namePages(pageElement.parentElement || document);
        const source = (chunker || this.chunker).source;
        for (const slot of source.querySelectorAll('[data-ix-pages]')) {
          if (slot.textContent) continue; // filled by the build (a book laid out in pieces)
          const list = pages.get(slot.getAttribute('data-ix-pages')) || [];
          state.index[slot.getAttribute('data-ix-pages')] = list;
          slot.textContent = ranges(list);
          if (!list.length) slot.closest('.ix-entry')?.remove();
        }
      }
    }
    window.Paged.registerHandlers(IndexPages);
    const style = document.createElement('style');
    style.setAttribute('data-pagedjs-ignore', '');
    // Each page a layout boundary: Chromium prints a long book about twice as fast.
    style.textContent = '.pagedjs_page { contain: strict; }';
    document.head.appendChild(style);
    // Paged.js waits for an animation frame before each page (its task queue ticks on
    // requestAnimationFrame): up to a screen refresh per page for nothing, as its measurements
    // force layout themselves. Its queue ticks on the next task instead, while it works.
    const frame = window.requestAnimationFrame;
    const channel = new MessageChannel();
    const waiting = [];
    channel.port1.onmessage = () => waiting.shift()(performance.now());
    window.requestAnimationFrame = (callback) => {
      waiting.push(callback);
      channel.port2.postMessage(0);
      return 0;
    };
    let flow;
    try {
      const previewer = new window.Paged.Previewer();
      flow = await previewer.preview();
    } finally {
      window.requestAnimationFrame = frame;
    }
    await document.fonts.ready;
    // Where each part begins (its id: contents, documents, back matter) and where each person's name stands, by page index.
    const starts = {};
    for (const el of document.querySelectorAll('.pagedjs_page article[id], .pagedjs_page section.back[id], .pagedjs_page nav[id]')) {
      if (!(el.id in starts)) starts[el.id] = pageNumber(el);
    }
    const names = {};
    for (const [key, list] of namePages(document)) names[key] = list;
    return { pages: flow.total, index: state.index, filled: state.filled, starts, names };
  };

  /** After layout: the folio of the first page, and the contents' page numbers (by link). */
  window.teFinish = function teFinish(options) {
    if (options.firstFolio && options.firstFolio !== 1) {
      const style = document.createElement('style');
      style.textContent = 'html body .pagedjs_pages { counter-reset: page ' + (options.firstFolio - 1) +
        ' pages var(--pagedjs-page-count) footnote var(--pagedjs-footnotes-count) footnote-marker var(--pagedjs-footnotes-count); }';
      document.head.appendChild(style);
    }
    let missing = 0;
    for (const slot of document.querySelectorAll('.pagedjs_page a.toc-page')) {
      const page = options.toc && options.toc[slot.getAttribute('href').slice(1)];
      if (page) slot.textContent = String(page);
      else if (options.toc) missing++;
    }
    return { missing };
  };
})();
