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

  // Cite this: the address the page was read from, where the build had no base URL.
  var urls = document.querySelectorAll('.cite-url[data-page]');
  for (var u = 0; u < urls.length; u++) {
    try { urls[u].textContent = new URL(urls[u].getAttribute('data-page'), location.href).href; } catch (e) { /* keep the page name */ }
  }

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
