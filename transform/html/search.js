// tei-edition: the web edition's search, offline (file:// too: no fetch, only <script> tags).
// One file, two uses: the build evaluates it (in Node) to take the tokeniser and stemmers that
// make the index, so that the index and the query always normalise words the same way; the
// search page runs it to answer queries. The index layout is described in docs/web-edition.md.
(function (root) {
  'use strict';

  // ---- Words --------------------------------------------------------------------------
  // A word: letters, combining marks and digits, with apostrophes inside ("Ch'oe", "Kim's").
  var WORD = /[\p{L}\p{M}\p{N}]+(?:['\u2019][\p{L}\p{M}\p{N}]+)*/gu;
  var MARKS = /\p{M}+/gu;

  /** A word as the index keeps it before stemming: NFKD without diacritics, lower case, no possessive 's, no apostrophes. */
  function fold(word) {
    return word.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/['\u2019]s$/, '').replace(/['\u2019]/g, '');
  }

  /** The words of a text with their offsets: [{ w: folded, start, end }]. */
  function words(text) {
    var out = [];
    WORD.lastIndex = 0;
    var m;
    while ((m = WORD.exec(text)) !== null) out.push({ w: fold(m[0]), start: m.index, end: m.index + m[0].length });
    return out;
  }

  // ---- Stop words (not indexed; they still count as positions, so phrases keep their gaps) --
  var STOP = {
    en: set('a an and are as at be been but by for from had has have he her his i in is it its of on or she that the their them they this to was we were which who will with you'),
    de: set('aber als am an auch auf aus bei das dass dem den der des die du ein eine einem einen einer eines er es fur im in ist mit nach nicht oder sich sie so und um von war wie wir zu zum zur')
  };
  function set(list) {
    var s = Object.create(null);
    list.split(' ').forEach(function (w) { s[w] = true; });
    return s;
  }

  // ---- English: the Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", 1980) --
  var C = '[^aeiou][^aeiouy]*', V = '[aeiouy][aeiou]*';
  var M_GT0 = new RegExp('^(' + C + ')?' + V + C);
  var M_EQ1 = new RegExp('^(' + C + ')?' + V + C + '(' + V + ')?$');
  var M_GT1 = new RegExp('^(' + C + ')?' + V + C + V + C);
  var HAS_V = new RegExp('^(' + C + ')?[aeiouy]');
  var STEP2 = [['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log']];
  var STEP3 = [['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', '']];
  var STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

  function ends(w, s) { return w.length >= s.length && w.slice(w.length - s.length) === s; }

  function stemEn(word) {
    if (word.length < 3 || /[^a-z]/.test(word)) return word;
    // A y at the start or after a vowel is a consonant: Y.
    var w = word.replace(/^y/, 'Y').replace(/([aeiou])y/g, '$1Y');
    var stem;
    // Step 1a: plurals.
    if (ends(w, 'sses') || ends(w, 'ies')) w = w.slice(0, -2);
    else if (ends(w, 's') && !ends(w, 'ss')) w = w.slice(0, -1);
    // Step 1b: -eed, -ed, -ing.
    if (ends(w, 'eed')) {
      if (M_GT0.test(w.slice(0, -3))) w = w.slice(0, -1);
    } else {
      var cut = ends(w, 'ed') ? 2 : ends(w, 'ing') ? 3 : 0;
      if (cut && HAS_V.test(w.slice(0, -cut))) {
        w = w.slice(0, -cut);
        if (ends(w, 'at') || ends(w, 'bl') || ends(w, 'iz')) w += 'e';
        else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
        else if (M_EQ1.test(w) && cvcEnd(w)) w += 'e';
      }
    }
    // Step 1c: y → i after a vowel in the stem.
    if (ends(w, 'y') && HAS_V.test(w.slice(0, -1))) w = w.slice(0, -1) + 'i';
    // Step 2 and 3: double and single suffixes, where the stem has m > 0.
    w = replaceSuffix(w, STEP2, M_GT0);
    w = replaceSuffix(w, STEP3, M_GT0);
    // Step 4: drop a suffix where m > 1 (-ion only after s or t).
    for (var i = 0; i < STEP4.length; i++) {
      var s = STEP4[i];
      if (!ends(w, s)) continue;
      stem = w.slice(0, -s.length);
      if (M_GT1.test(stem) && (s !== 'ion' || /[st]$/.test(stem))) w = stem;
      break;
    }
    // Step 5a: a final e; 5b: ll → l.
    if (ends(w, 'e')) {
      stem = w.slice(0, -1);
      if (M_GT1.test(stem) || (M_EQ1.test(stem) && !cvcEnd(stem))) w = stem;
    }
    if (ends(w, 'll') && M_GT1.test(w)) w = w.slice(0, -1);
    return w.toLowerCase();
  }

  /** Whether a stem ends consonant–vowel–consonant, the last not w, x or y (Porter's *o). */
  function cvcEnd(w) {
    if (w.length < 3) return false;
    var a = w.charAt(w.length - 3), b = w.charAt(w.length - 2), c = w.charAt(w.length - 1);
    var vowel = function (ch, k) { return /[aeiou]/.test(ch) || (ch === 'y' && k > 0 && !/[aeiou]/.test(w.charAt(k - 1))); };
    return !vowel(a, w.length - 3) && vowel(b, w.length - 2) && !vowel(c, w.length - 1) && !/[wxY]/.test(c) && c !== 'y';
  }

  function replaceSuffix(w, rules, cond) {
    for (var i = 0; i < rules.length; i++) {
      if (ends(w, rules[i][0])) {
        var stem = w.slice(0, -rules[i][0].length);
        return cond.test(stem) ? stem + rules[i][1] : w;
      }
    }
    return w;
  }

  // ---- German: a light stemmer (inflection only) -------------------------------------------
  // Umlauts are already folded (NFKD without marks: ä → a); ß → ss; then one inflectional
  // ending is taken off, the longest that leaves a stem of at least three letters:
  // -innen (feminine plural), -ern, -em, -en, -er, -es, then -e, or -s after a consonant that
  // takes it (Snowball's s-ending letters). "Verhandlungen" → verhandlung, "Häuser" → haus.
  var DE_ENDINGS = ['innen', 'ern', 'em', 'en', 'er', 'es', 'e'];
  function stemDe(word) {
    var w = word.replace(/\u00df/g, 'ss');
    if (/[^a-z]/.test(w)) return w;
    for (var i = 0; i < DE_ENDINGS.length; i++) {
      var e = DE_ENDINGS[i];
      if (ends(w, e) && w.length - e.length >= 3) return w.slice(0, -e.length);
    }
    if (ends(w, 's') && w.length >= 4 && /[bdfghklmnrt]/.test(w.charAt(w.length - 2))) return w.slice(0, -1);
    return w;
  }

  var STEMMERS = { en: stemEn, de: stemDe };

  /** The language code the index uses for a document's xml:lang: its primary subtag, lower case. */
  function language(lang) {
    return String(lang || '').toLowerCase().split('-')[0];
  }

  /** The index key of a folded word in a language, or null for a stop word. */
  function key(w, lang) {
    var stop = STOP[lang];
    if (stop && stop[w]) return null;
    var stem = STEMMERS[lang];
    return stem ? stem(w) : w;
  }

  /**
   * The indexed words of a document's paragraphs: { keys, pos }, in order; positions count
   * every word, stop words too, and leave one free between paragraphs (no phrase crosses one).
   */
  function tokens(paragraphs, lang, memo) {
    var keys = [], at = [], pos = 0, m;
    lang = language(lang);
    // Each distinct spelling is folded and stemmed once (per call, or per `memo` given).
    memo = memo || new Map();
    for (var p = 0; p < paragraphs.length; p++) {
      var text = paragraphs[p];
      WORD.lastIndex = 0;
      while ((m = WORD.exec(text)) !== null) {
        var raw = m[0], k = memo.get(raw);
        if (k === undefined) { k = key(fold(raw), lang); memo.set(raw, k); }
        if (k) { keys.push(k); at.push(pos); }
        pos++;
      }
      pos++;
    }
    return { keys: keys, pos: at };
  }

  // ---- Queries ------------------------------------------------------------------------------
  /**
   * A query: its words (all must occur: AND) and its "quoted phrases" (the words adjacent, in
   * order). Each word is [folded word, offset in its phrase]; each phrase a list of them.
   */
  function parse(q) {
    var phrases = [], re = /"([^"]*)"?|[^\s"]+/g, m;
    while ((m = re.exec(q)) !== null) {
      var quoted = m[1] !== undefined;
      var ws = words(quoted ? m[1] : m[0]);
      if (!ws.length) continue;
      if (quoted) phrases.push(ws.map(function (x, i) { return [x.w, i]; }));
      else ws.forEach(function (x) { phrases.push([[x.w, 0]]); });
    }
    return phrases;
  }

  /**
   * The index keys a query word may have: its key in each language with a stemmer, and the
   * word as it is (languages without one). A stop word of English or German is no constraint
   * (it still holds its place in a phrase).
   */
  function queryKeys(w) {
    if (STOP.en[w] || STOP.de[w]) return [];
    var keys = [];
    [stemEn(w), stemDe(w), w].forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); });
    return keys;
  }

  /** A term's shard: the longest listed prefix the term starts with. */
  function shardOf(term, shards) {
    var best = null;
    for (var i = 0; i < shards.length; i++) {
      var s = shards[i];
      if (term.slice(0, s.length) === s && (best === null || s.length > best.length)) best = s;
    }
    return best;
  }

  /** A shard's file name (search/index-XX.js): letters a–z and digits as they are, any other character as _hex_. */
  function shardFile(prefix) {
    var name = '';
    for (var ch of prefix) name += /[a-z0-9]/.test(ch) ? ch : '_' + ch.codePointAt(0).toString(16) + '_';
    return 'index-' + (name || '_') + '.js';
  }

  /** Decode one term's postings: [doc delta, tf, position deltas…]… → Map doc → positions. */
  function decode(list) {
    var out = new Map(), doc = 0, i = 0;
    while (i < list.length) {
      doc += list[i];
      var tf = list[i + 1], pos = 0, ps = new Array(tf);
      for (var k = 0; k < tf; k++) { pos += list[i + 2 + k]; ps[k] = pos; }
      out.set(doc, ps);
      i += 2 + tf;
    }
    return out;
  }

  var K1 = 1.2, B = 0.75;

  /**
   * Answer a query. `meta`: the documents table; `postings(key)`: the decoded postings of an
   * index key (a Map, empty when the key is not in the index), its shard already loaded;
   * `filter(doc)`: whether a document passes the filters. Returns the matching documents,
   * best first: [{ doc, score }], with the query's keys per word for the snippets.
   */
  function rank(phrases, meta, postings, filter) {
    var n = meta.len.length, avgdl = meta.avgdl || 1;
    var wordsOf = [];
    var perWord = new Map();
    phrases.forEach(function (ph) {
      ph.forEach(function (x) {
        if (perWord.has(x[0])) return;
        var keys = queryKeys(x[0]);
        var merged = new Map();
        keys.forEach(function (k) {
          postings(k).forEach(function (ps, doc) {
            var had = merged.get(doc);
            merged.set(doc, had ? had.concat(ps).sort(function (a, b) { return a - b; }) : ps);
          });
        });
        perWord.set(x[0], { keys: keys, docs: merged });
        wordsOf.push(x[0]);
      });
    });
    // Words that are stop words in every language with a stemmer match everywhere: no constraint.
    var active = wordsOf.filter(function (w) { return perWord.get(w).keys.length > 0; });
    if (!active.length) return { results: [], words: perWord };
    active.sort(function (a, b) { return perWord.get(a).docs.size - perWord.get(b).docs.size; });
    var candidates = [];
    perWord.get(active[0]).docs.forEach(function (_, doc) { candidates.push(doc); });
    var results = [];
    for (var c = 0; c < candidates.length; c++) {
      var doc = candidates[c];
      if (filter && !filter(doc)) continue;
      var ok = true;
      for (var a = 1; a < active.length && ok; a++) ok = perWord.get(active[a]).docs.has(doc);
      if (!ok) continue;
      for (var p = 0; p < phrases.length && ok; p++) if (phrases[p].length > 1) ok = phraseAt(phrases[p], perWord, doc);
      if (!ok) continue;
      var score = 0, dl = meta.len[doc] || 1;
      for (var j = 0; j < active.length; j++) {
        var pw = perWord.get(active[j]), df = pw.docs.size, tf = pw.docs.get(doc).length;
        var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += idf * (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * dl / avgdl));
      }
      results.push({ doc: doc, score: score });
    }
    results.sort(function (x, y) { return y.score - x.score || x.doc - y.doc; });
    return { results: results, words: perWord };
  }

  /** Whether a phrase's words stand adjacent (with their offsets) somewhere in a document. */
  function phraseAt(phrase, perWord, doc) {
    var parts = phrase.filter(function (x) { return perWord.get(x[0]).keys.length > 0; });
    if (parts.length < 2) return true;
    var first = perWord.get(parts[0][0]).docs.get(doc);
    if (!first) return false;
    var sets = parts.map(function (x) { return new Set(perWord.get(x[0]).docs.get(doc) || []); });
    for (var i = 0; i < first.length; i++) {
      var start = first[i] - parts[0][1], all = true;
      for (var k = 1; k < parts.length && all; k++) all = sets[k].has(start + parts[k][1]);
      if (all) return true;
    }
    return false;
  }

  /**
   * The paragraph to show for a result, and its snippet: the paragraph where the query's words
   * weigh most (each word its idf once, a phrase found there counts again), a window of about
   * 30 words around its densest run of matches, cut at word boundaries, matched words marked.
   * Returns { index, parts: [[text, marked]…] }.
   */
  function snippet(paragraphs, lang, phrases, weights, width) {
    width = width || 30;
    lang = language(lang);
    var best = -1, bestScore = -1, bestWords = null, bestHits = null;
    for (var p = 0; p < paragraphs.length; p++) {
      var ws = words(paragraphs[p]);
      var hits = ws.map(function (x) { return matchOf(x.w, lang, weights); });
      var seen = Object.create(null), score = 0;
      hits.forEach(function (h) { if (h && !seen[h]) { seen[h] = true; score += weights[h].idf; } });
      phrases.forEach(function (ph) {
        if (ph.length < 2) return;
        for (var i = 0; i < ws.length; i++) {
          var all = true;
          for (var k = 0; k < ph.length && all; k++) all = ws[i + ph[k][1]] !== undefined && (!weights[ph[k][0]] || hits[i + ph[k][1]] === ph[k][0]);
          if (all) { score += ph.reduce(function (s, x) { return s + (weights[x[0]] ? weights[x[0]].idf : 0); }, 0); break; }
        }
      });
      if (score > bestScore) { best = p; bestScore = score; bestWords = ws; bestHits = hits; }
    }
    if (best < 0) return { index: -1, parts: [] };
    var text = paragraphs[best], ws2 = bestWords, hs = bestHits;
    // The window of `width` words holding the most matches; it starts a few words before them.
    var from = 0, most = -1;
    for (var s = 0; s < ws2.length; s++) {
      if (!hs[s]) continue;
      var count = 0;
      for (var t = s; t < Math.min(ws2.length, s + width); t++) if (hs[t]) count++;
      if (count > most) { most = count; from = s; }
    }
    from = Math.max(0, Math.min(from - 6, ws2.length - width));
    var to = Math.min(ws2.length, from + width);
    var parts = [];
    var cursor = from > 0 ? ws2[from].start : 0;
    if (from > 0) parts.push(['\u2026', false]);
    for (var x = from; x < to; x++) {
      if (ws2[x].start > cursor) parts.push([text.slice(cursor, ws2[x].start), false]);
      parts.push([text.slice(ws2[x].start, ws2[x].end), !!hs[x]]);
      cursor = ws2[x].end;
    }
    if (to < ws2.length) parts.push([text.slice(cursor, ws2[to].start).replace(/\s+$/, ''), false], [' \u2026', false]);
    else parts.push([text.slice(cursor), false]);
    return { index: best, parts: parts.filter(function (q) { return q[0] !== ''; }) };
  }

  /** Which query word a text word is (by its key in the document's language), or null. */
  function matchOf(w, lang, weights) {
    var k = key(w, lang);
    if (!k) return null;
    for (var q in weights) if (weights[q].keys.indexOf(k) >= 0) return q;
    return null;
  }

  var core = { fold: fold, words: words, stemEn: stemEn, stemDe: stemDe, key: key, language: language, tokens: tokens, parse: parse, queryKeys: queryKeys, shardOf: shardOf, shardFile: shardFile, decode: decode, rank: rank, snippet: snippet };
  root.teiSearchCore = core;

  // ---- The search page ----------------------------------------------------------------------
  var doc = root.document;
  if (!doc || !doc.querySelector) return;
  var form = doc.querySelector('form.search');
  if (!form) return;
  var here = (doc.currentScript && doc.currentScript.src) || 'search.js';
  var BASE = new URL('search/', new URL(here, doc.baseURI)).href;
  var PAGE = 20;

  // Every index file is a script that hands its data to this function.
  var waiting = Object.create(null), loaded = Object.create(null);
  root.teiSearchData = function (kind, name, data) {
    var id = kind + ':' + name;
    loaded[id] = data;
    if (waiting[id]) { waiting[id].resolve(data); delete waiting[id]; }
  };
  function load(kind, name, file) {
    var id = kind + ':' + name;
    if (id in loaded) return Promise.resolve(loaded[id]);
    if (waiting[id]) return waiting[id].promise;
    var w = {};
    w.promise = new Promise(function (resolve, reject) {
      w.resolve = resolve;
      var script = doc.createElement('script');
      script.src = BASE + file;
      script.async = true;
      script.onerror = function () { delete waiting[id]; reject(new Error('cannot load ' + file)); };
      script.onload = function () { script.remove(); if (waiting[id]) { delete waiting[id]; resolve(loaded[id]); } };
      doc.head.appendChild(script);
    });
    waiting[id] = w;
    return w.promise;
  }

  var input = doc.getElementById('q'), status = doc.getElementById('search-status'), list = doc.getElementById('search-results');
  var more = doc.getElementById('search-more');
  var fFrom = doc.getElementById('search-from'), fTo = doc.getElementById('search-to'), fPerson = doc.getElementById('search-person'), fKind = doc.getElementById('search-kind');
  var filters = doc.querySelector('.search-filters');
  var metaP = load('meta', '', 'meta.js');
  metaP.then(function (meta) {
    if (fPerson) meta.persons.forEach(function (name, i) { fPerson.appendChild(new Option(name, String(i))); });
    if (fKind) meta.kinds.forEach(function (name, i) { if (name) fKind.appendChild(new Option(name, String(i))); });
    if (filters) filters.hidden = false;
    var params = new URLSearchParams(root.location.search);
    if (fFrom && params.get('from')) fFrom.value = params.get('from');
    if (fTo && params.get('to')) fTo.value = params.get('to');
    if (fPerson && params.get('person')) fPerson.value = params.get('person');
    if (fKind && params.get('kind')) fKind.value = params.get('kind');
  });

  /** A date field as a number yyyymmdd: a year, year-month or full date; `end`: the last day it covers. */
  function dateBound(v, end) {
    var m = /^\s*(-?\d{1,4})(?:-(\d\d)(?:-(\d\d))?)?\s*$/.exec(v || '');
    if (!m) return null;
    return Number(m[1]) * 10000 + (m[2] ? Number(m[2]) : end ? 12 : 1) * 100 + (m[3] ? Number(m[3]) : end ? 31 : 1);
  }

  var current = null;
  function run(q) {
    var started = root.performance ? performance.now() : 0;
    list.textContent = '';
    if (more) more.hidden = true;
    var phrases = parse(q);
    if (!phrases.length) { status.textContent = ''; return Promise.resolve(); }
    status.textContent = 'Searching\u2026';
    var token = current = {};
    return metaP.then(function (meta) {
      var needed = Object.create(null);
      phrases.forEach(function (ph) { ph.forEach(function (x) { queryKeys(x[0]).forEach(function (k) { var s = shardOf(k, meta.shards); if (s !== null) needed[s] = true; }); }); });
      return Promise.all(Object.keys(needed).map(function (s) { return load('shard', s, shardFile(s)); })).then(function () {
        if (token !== current) return;
        var cache = new Map();
        var postings = function (k) {
          if (cache.has(k)) return cache.get(k);
          var s = shardOf(k, meta.shards), shard = s === null ? null : loaded['shard:' + s];
          var d = shard && Object.prototype.hasOwnProperty.call(shard, k) ? decode(shard[k]) : new Map();
          cache.set(k, d);
          return d;
        };
        var from = fFrom && dateBound(fFrom.value, false), to = fTo && dateBound(fTo.value, true);
        var person = fPerson && fPerson.value !== '' ? Number(fPerson.value) : null;
        var kind = fKind && fKind.value !== '' ? Number(fKind.value) : null;
        var filter = from || to || person !== null || kind !== null ? function (d) {
          var date = meta.date[d];
          if ((from || to) && !date) return false;
          if (from && date < from) return false;
          if (to && date > to) return false;
          if (kind !== null && meta.kind[d] !== kind) return false;
          if (person !== null && (meta.pers[d] || []).indexOf(person) < 0) return false;
          return true;
        } : null;
        var answer = rank(phrases, meta, postings, filter);
        var weights = Object.create(null), n = meta.len.length;
        answer.words.forEach(function (pw, w) {
          if (pw.keys.length) weights[w] = { keys: pw.keys, idf: Math.log(1 + (n - pw.docs.size + 0.5) / (pw.docs.size + 0.5)) };
        });
        var state = { q: q, meta: meta, phrases: phrases, weights: weights, results: answer.results, shown: 0, started: started };
        status.textContent = answer.results.length === 0 ? 'Nothing found for \u201c' + q + '\u201d.' : answer.results.length + ' document' + (answer.results.length === 1 ? '' : 's') + ' found for \u201c' + q + '\u201d.';
        return show(state, token);
      });
    }).catch(function (e) {
      status.textContent = 'The search index could not be loaded (' + e.message + ').';
    });
  }

  function show(state, token) {
    var page = state.results.slice(state.shown, state.shown + PAGE);
    state.shown += page.length;
    // The fragments load together; each result is shown, in order, as soon as it can be.
    var chain = Promise.resolve();
    page.forEach(function (r) {
      var fragment = load('doc', String(r.doc), 'd/' + r.doc + '.js');
      chain = chain.then(function () { return fragment; }).then(function (d) {
        if (token !== current) return;
        list.appendChild(result(state, r, d));
        if (root.performance && !state.first) state.first = performance.now() - state.started;
      });
    });
    return chain.then(function () {
      if (token !== current) return;
      if (more) more.hidden = state.shown >= state.results.length;
      if (more) more.onclick = function () { show(state, token); };
      root.teiSearchTiming = { first: state.first || 0, page: (root.performance ? performance.now() : 0) - state.started };
    });
  }

  /** One result: the title linked to the best paragraph, date and kind, the snippet. */
  function result(state, r, d) {
    var meta = state.meta;
    var sn = snippet(d.p.map(function (e) { return e[1]; }), meta.langs[meta.lang[r.doc]], state.phrases, state.weights);
    var li = doc.createElement('li');
    var a = doc.createElement('a');
    var target = sn.index >= 0 ? d.p[sn.index][0] : '';
    a.href = d.s + '.html' + (target ? '#' + target : '');
    a.textContent = d.t;
    li.appendChild(a);
    var facts = [];
    if (meta.date[r.doc]) facts.push(formatDate(meta.date[r.doc]));
    if (meta.kinds[meta.kind[r.doc]]) facts.push(meta.kinds[meta.kind[r.doc]]);
    if (facts.length) {
      var f = doc.createElement('p');
      f.className = 'search-facts';
      f.textContent = facts.join(' \u00b7 ');
      li.appendChild(f);
    }
    if (sn.index >= 0) {
      var p = doc.createElement('p');
      p.className = 'search-snippet';
      sn.parts.forEach(function (part) {
        if (part[1]) { var m = doc.createElement('mark'); m.textContent = part[0]; p.appendChild(m); } else p.appendChild(doc.createTextNode(part[0]));
      });
      li.appendChild(p);
    }
    return li;
  }

  function formatDate(n) {
    var y = Math.floor(n / 10000), m = Math.floor(n / 100) % 100, d = n % 100;
    var pad = function (x) { return (x < 10 ? '0' : '') + x; };
    return String(y) + (m ? '-' + pad(m) + (d ? '-' + pad(d) : '') : '');
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    run(input.value);
    var params = new URLSearchParams();
    params.set('q', input.value);
    [['from', fFrom], ['to', fTo], ['person', fPerson], ['kind', fKind]].forEach(function (f) { if (f[1] && f[1].value) params.set(f[0], f[1].value); });
    try { root.history.replaceState(null, '', '?' + params.toString()); } catch (e) { /* file: URLs in some browsers */ }
  });
  var initial = new URLSearchParams(root.location.search).get('q');
  if (initial) { input.value = initial; metaP.then(function () { run(initial); }); } else status.textContent = '';
  root.teiSearchRun = run;
})(typeof window !== 'undefined' ? window : globalThis);
