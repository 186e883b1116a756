// tei-edition: the web edition's small script. The pages read fully without it.
(function () {
  'use strict';
  var KEY = 'tei-edition-view';
  var body = document.body;

  // Diplomatic / reading view, remembered across pages.
  function setView(view) {
    body.classList.toggle('view-reading', view === 'reading');
    body.classList.toggle('view-diplomatic', view !== 'reading');
  }
  var stored = null;
  try { stored = localStorage.getItem(KEY); } catch (e) { /* storage may be blocked */ }
  setView(stored);
  var fieldset = document.querySelector('.view-switch');
  if (fieldset) {
    fieldset.hidden = false;
    var radios = fieldset.querySelectorAll('input[name="view"]');
    for (var i = 0; i < radios.length; i++) {
      radios[i].checked = radios[i].value === (stored === 'reading' ? 'reading' : 'diplomatic');
      radios[i].addEventListener('change', function (ev) {
        setView(ev.target.value);
        try { localStorage.setItem(KEY, ev.target.value); } catch (e) { /* ignore */ }
      });
    }
  }

  // Cite this: the access date is the day the reader reads the page (the page says
  // "[date]" without the script); a paragraph's permanent address is shown when its ¶ link
  // is followed (the page's permanent address, from the build's base URL, and "#id").
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  var MLA_MONTHS = ['Jan.', 'Feb.', 'Mar.', 'Apr.', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
  var today = new Date();
  var accessed = document.querySelectorAll('.cite-accessed');
  for (var a = 0; a < accessed.length; a++) {
    accessed[a].textContent = accessed[a].getAttribute('data-style') === 'mla'
      ? today.getDate() + ' ' + MLA_MONTHS[today.getMonth()] + ' ' + today.getFullYear()
      : MONTHS[today.getMonth()] + ' ' + today.getDate() + ', ' + today.getFullYear();
  }
  var cite = document.querySelector('details.cite[data-url]');
  function showParagraph() {
    if (!cite) return;
    var line = cite.querySelector('.cite-para');
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!line || !target || !target.querySelector(':scope > a.permalink')) return;
    line.querySelector('.cite-para-url').textContent = cite.getAttribute('data-url') + '#' + id;
    line.hidden = false;
  }
  window.addEventListener('hashchange', showParagraph);
  showParagraph();

  // Note pop-ups: the marker stays a plain link to the note; with JS it opens the note here.
  var popup = null, opener = null;
  function closePopup(returnFocus) {
    if (!popup) return;
    popup.remove();
    popup = null;
    if (returnFocus && opener) opener.focus();
    if (opener) opener.setAttribute('aria-expanded', 'false');
  }
  function openPopup(ref) {
    // The stylesheet writes the note's id into the link as it is (not percent-encoded): any
    // character, "%" included, is looked up as written.
    var id = ref.getAttribute('href').slice(1);
    var note = document.getElementById(id);
    if (!note) return false;
    closePopup(false);
    opener = ref;
    popup = document.createElement('div');
    popup.className = 'note-popup';
    popup.setAttribute('role', 'dialog');
    popup.setAttribute('aria-label', ref.getAttribute('aria-label') || 'Note');
    popup.id = 'note-popup';
    // The note's number, as in the text and the list of notes.
    var num = document.createElement('p');
    num.className = 'note-popup-n';
    var n = note.querySelector('.note-n');
    num.textContent = 'Note ' + (n ? n.textContent.replace(/[.\s]+$/, '') : ref.textContent.trim());
    popup.appendChild(num);
    var text = document.createElement('div');
    text.className = 'note-text';
    var bodyEl = note.querySelector('.note-body');
    text.innerHTML = bodyEl ? bodyEl.innerHTML : note.innerHTML;
    popup.appendChild(text);
    var link = document.createElement('a');
    link.className = 'to-note';
    link.href = '#' + id;
    link.textContent = 'Go to the note in the list';
    link.addEventListener('click', function () { closePopup(false); });
    popup.appendChild(link);
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.setAttribute('aria-label', 'Close note');
    close.textContent = '×';
    close.addEventListener('click', function () { closePopup(true); });
    popup.appendChild(close);
    document.body.appendChild(popup);
    var r = ref.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left + window.scrollX - 20, document.documentElement.clientWidth - popup.offsetWidth - 8));
    popup.style.left = left + 'px';
    popup.style.top = (r.bottom + window.scrollY + 6) + 'px';
    ref.setAttribute('aria-expanded', 'true');
    ref.setAttribute('aria-controls', 'note-popup');
    popup.setAttribute('tabindex', '-1');
    popup.focus();
    return true;
  }
  document.addEventListener('click', function (ev) {
    var ref = ev.target.closest && ev.target.closest('a.noteref');
    if (ref) {
      if (openPopup(ref)) ev.preventDefault();
      return;
    }
    if (popup && !popup.contains(ev.target)) closePopup(false);
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && popup) closePopup(true);
  });

  // Index of documents: filter by person and year.
  var list = document.querySelector('.documents');
  var filters = document.querySelector('.filters');
  if (list && filters) {
    var entries = list.querySelectorAll('.doc-entry');
    var persons = {}, years = {};
    for (var j = 0; j < entries.length; j++) {
      var y = entries[j].getAttribute('data-year');
      if (y) years[y] = true;
      var links = entries[j].querySelectorAll('.doc-participants a');
      for (var k = 0; k < links.length; k++) persons[links[k].getAttribute('href').split('#')[1]] = links[k].textContent;
    }
    var ps = document.getElementById('filter-person'), ys = document.getElementById('filter-year');
    Object.keys(persons).sort(function (a, b) { return persons[a].localeCompare(persons[b]); }).forEach(function (key) {
      ps.appendChild(new Option(persons[key], key));
    });
    Object.keys(years).sort().forEach(function (year) { ys.appendChild(new Option(year, year)); });
    function apply() {
      for (var m = 0; m < entries.length; m++) {
        var e = entries[m];
        var okP = !ps.value || (' ' + e.getAttribute('data-persons') + ' ').indexOf(' ' + ps.value + ' ') >= 0;
        var okY = !ys.value || e.getAttribute('data-year') === ys.value;
        e.hidden = !(okP && okY);
      }
    }
    ps.addEventListener('change', apply);
    ys.addEventListener('change', apply);
    filters.hidden = false;
  }
})();
