// Progressive enhancement only: every page works without this script.
// 1. Nothing typed is lost.
//    a. Unsaved changes: a POST form (or a field attached to one with form=) that was changed
//       makes leaving the page ask first (beforeunload and in-page link clicks).
//    b. Drafts: every textarea of a POST form is kept in localStorage while typing, keyed by page,
//       field and the record's version (data-draft-version or the form's version field), and
//       offered back after a reload, an expired session or a crash; a save that succeeds clears it.
//       This is also how a form sent after the session expired survives: the server refuses it
//       (401) and keeps nothing, so there is no stored body to replay past the CSRF check and no
//       secret kept on the server; the draft stays (drafts are only forgotten when the page after
//       the submit shows no error), the login page says so, and the page offers it back.
//    c. Session: activity (typing included) keeps the session alive in the background with a
//       fetch POST; the warning never reloads or clears the page, and the page never leaves on its
//       own while it holds unsaved input.
//    d. Ctrl+Enter saves; after the save the focus returns to the field or button used.
var toetsing = (function () {
  var dirty = [];
  var leaving = false;
  function isPostForm(form) { return form && (form.getAttribute('method') || '').toLowerCase() === 'post' && !/\/(logout|sessie\/verlengen)$/.test(form.action); }
  function markDirty(form) { if (dirty.indexOf(form) < 0) dirty.push(form); }
  function isDirty() { return dirty.length > 0; }
  document.addEventListener('input', function (e) { if (e.target && isPostForm(e.target.form)) markDirty(e.target.form); });
  document.addEventListener('change', function (e) { if (e.target && isPostForm(e.target.form)) markDirty(e.target.form); });
  document.addEventListener('submit', function (e) {
    dirty = dirty.filter(function (f) { return f !== e.target; });
    leaving = true;
  });
  window.addEventListener('beforeunload', function (e) {
    if (leaving || !isDirty()) return;
    e.preventDefault();
    e.returnValue = '';
  });
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (!a || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || a.target === '_blank') return;
    if (a.getAttribute('href').charAt(0) === '#' || !isDirty()) return;
    // A link that says so (the "log in again" link: the drafts are kept) leaves without asking.
    if (a.hasAttribute('data-no-guard')) { leaving = true; return; }
    if (window.confirm('U heeft wijzigingen die nog niet zijn opgeslagen. Wilt u de pagina toch verlaten?')) leaving = true;
    else e.preventDefault();
  });
  return { isDirty: isDirty, markDirty: markDirty };
})();

(function drafts() {
  var PREFIX = 'toetsing-draft:';
  var PENDING = 'toetsing-draft-pending';
  var store;
  try { store = window.localStorage; store.getItem(PREFIX); } catch { return; }
  function versionOf(form) {
    var v = form.getAttribute('data-draft-version') || (form.elements.version && form.elements.version.value) || '';
    return v;
  }
  function keyOf(ta) { return PREFIX + window.location.pathname + ':' + (ta.id || ta.name) + ':v' + versionOf(ta.form); }
  // A save that lands on a page without errors has succeeded: forget the drafts it sent.
  try {
    var pending = JSON.parse(window.sessionStorage.getItem(PENDING) || '[]');
    window.sessionStorage.removeItem(PENDING);
    var failed = document.querySelector('.field--error, .alert--error') || document.querySelector('form[action="/login"]');
    if (!failed) pending.forEach(function (k) { store.removeItem(k); });
  } catch { /* storage refused: drafts stay */ }
  var areas = Array.prototype.filter.call(document.querySelectorAll('textarea'), function (ta) {
    return ta.form && (ta.form.getAttribute('method') || '').toLowerCase() === 'post';
  });
  areas.forEach(function (ta) {
    var key = keyOf(ta);
    // Written at every change (not debounced), so a crash or a closed tab loses nothing.
    ta.addEventListener('input', function () {
      try {
        if (ta.value === ta.defaultValue) store.removeItem(key);
        else store.setItem(key, JSON.stringify({ value: ta.value, at: new Date().toISOString() }));
      } catch { /* quota: nothing to do */ }
    });
    ta.form.addEventListener('submit', function () {
      try {
        var list = JSON.parse(window.sessionStorage.getItem(PENDING) || '[]');
        list.push(key);
        window.sessionStorage.setItem(PENDING, JSON.stringify(list));
      } catch { /* storage refused */ }
    });
    var saved;
    try { saved = JSON.parse(store.getItem(key) || 'null'); } catch { saved = null; }
    if (!saved || typeof saved.value !== 'string') return;
    if (saved.value === ta.value) { store.removeItem(key); return; }
    offer(ta, key, saved);
  });
  function offer(ta, key, saved) {
    var label = document.querySelector('label[for="' + ta.id + '"]');
    var box = document.createElement('div');
    box.className = 'draft-offer';
    box.setAttribute('role', 'status');
    var p = document.createElement('p');
    var when = new Date(saved.at);
    p.textContent = 'Er is een niet-opgeslagen concept van ' + (label ? label.textContent.trim().toLowerCase() : 'dit veld') +
      (isNaN(when.getTime()) ? '' : ' (' + when.toLocaleString('nl-NL') + ')') + ': ';
    function button(text, fn) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'button button--small';
      b.textContent = text;
      b.addEventListener('click', fn);
      p.appendChild(b);
      p.appendChild(document.createTextNode(' '));
    }
    button('Terugzetten', function () {
      ta.value = saved.value;
      toetsing.markDirty(ta.form);
      box.remove();
      ta.focus();
    });
    button('Weggooien', function () {
      store.removeItem(key);
      box.remove();
      ta.focus();
    });
    box.appendChild(p);
    ta.parentNode.insertBefore(box, ta);
  }
})();

(function session() {
  var body = document.body;
  var idle = Number(body.getAttribute('data-idle-ms'));
  var box = document.getElementById('session-warning');
  var meta = document.querySelector('meta[name=csrf-token]');
  if (!idle || !box || !meta) return;
  var csrf = meta.getAttribute('content');
  var warnBefore = Math.min(5 * 60 * 1000, idle / 3);
  var lastTouch = Date.now();
  var expired = false;
  var inFlight = false;
  function keepAlive() {
    if (inFlight || expired) return;
    inFlight = true;
    window.fetch('/sessie/verlengen', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-CSRF-Token': csrf, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '_csrf=' + encodeURIComponent(csrf),
    }).then(function (res) {
      inFlight = false;
      if (res.ok) { lastTouch = Date.now(); box.hidden = true; }
      else if (res.status === 401 || res.status === 403) showExpired();
    }, function () { inFlight = false; });
  }
  // Any activity counts, typing included; at most one request per quarter of the idle time.
  function activity() {
    if (Date.now() - lastTouch > Math.min(60 * 1000, idle / 4)) keepAlive();
  }
  ['keydown', 'input', 'pointerdown', 'scroll'].forEach(function (t) { document.addEventListener(t, activity, { passive: true, capture: true }); });
  var form = box.querySelector('form');
  if (form) form.addEventListener('submit', function (e) { e.preventDefault(); e.stopPropagation(); keepAlive(); }, true);
  function showExpired() {
    if (expired) return;
    expired = true;
    var back = '/login?verlopen=1&terug=' + encodeURIComponent(window.location.pathname + window.location.search);
    if (!toetsing.isDirty()) { window.location.href = back; return; }
    // Unsaved input: stay on the page; the drafts are in localStorage, the user chooses when to go.
    box.hidden = false;
    box.textContent = '';
    var p = document.createElement('p');
    var strong = document.createElement('strong');
    strong.textContent = 'Uw sessie is verlopen.';
    p.appendChild(strong);
    p.appendChild(document.createTextNode(' Wat u typte staat nog op deze pagina en is als concept in deze browser bewaard; na het inloggen wordt het u teruggeboden. '));
    var a = document.createElement('a');
    a.href = back;
    a.setAttribute('data-no-guard', '');
    a.textContent = 'Opnieuw inloggen';
    p.appendChild(a);
    box.appendChild(p);
  }
  window.setInterval(function () {
    if (expired) return;
    var since = Date.now() - lastTouch;
    if (since > idle + 1000) { showExpired(); return; }
    if (since > idle - warnBefore && box.hidden) {
      box.hidden = false;
      var active = document.activeElement;
      // Never pull the focus out of a field the user is typing in.
      if (!active || active === body) { var button = box.querySelector('button'); if (button) button.focus(); }
    }
  }, Math.min(1000, idle / 20));
})();

(function saveShortcutsAndFocus() {
  var KEY = 'toetsing-focus';
  function selectorFor(el) {
    if (!el || !el.tagName) return null;
    if (el.id) return '#' + el.id;
    if (el.name && el.type === 'radio') return 'input[name="' + el.name + '"]:checked';
    if (el.tagName === 'BUTTON' && el.name) return 'button[name="' + el.name + '"][value="' + el.value + '"]';
    return el.form && el.form.id ? '#' + el.form.id + ' button[type=submit]' : null;
  }
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || !e.target || !e.target.form) return;
    var form = e.target.form;
    if ((form.getAttribute('method') || '').toLowerCase() !== 'post') return;
    e.preventDefault();
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  });
  document.addEventListener('submit', function (e) {
    var used = document.activeElement && document.activeElement !== document.body ? document.activeElement : e.submitter;
    if (e.submitter && e.submitter.name) used = e.submitter;
    var sel = selectorFor(used);
    try { if (sel) window.sessionStorage.setItem(KEY, JSON.stringify({ sel: sel, at: Date.now() })); } catch { /* none */ }
  });
  var saved;
  try { saved = JSON.parse(window.sessionStorage.getItem(KEY) || 'null'); window.sessionStorage.removeItem(KEY); } catch { saved = null; }
  if (!saved || Date.now() - saved.at > 30000 || document.querySelector('.field--error')) return;
  var el = document.querySelector(saved.sel);
  // After load: the browser's move to the URL's fragment (#oordeel) would otherwise take the focus away.
  if (el) window.addEventListener('load', function () { setTimeout(function () { el.focus(); }, 0); });
})();

(function matrixReturn() {
  var KEY = 'toetsing-matrix';
  var read = function () { try { return JSON.parse(window.sessionStorage.getItem(KEY) || 'null'); } catch { return null; } };
  var write = function (v) { try { window.sessionStorage.setItem(KEY, JSON.stringify(v)); } catch { /* none */ } };
  var here = window.location.pathname + window.location.search;
  var matrix = document.querySelector('.matrix');
  if (matrix) {
    var wrap = document.querySelector('.matrix-wrap');
    var s = read();
    if (s && s.returning && s.url === here) {
      window.scrollTo(0, s.y);
      if (wrap) wrap.scrollLeft = s.x;
      var link = matrix.querySelector('a[href="' + s.cell + '"]');
      if (link) link.focus({ preventScroll: true });
      write({ url: s.url, cell: s.cell, x: s.x, y: s.y, returning: false });
    }
    matrix.addEventListener('click', function (e) {
      var a = e.target.closest ? e.target.closest('td a[href]') : null;
      if (a) write({ url: here, cell: a.getAttribute('href'), x: wrap ? wrap.scrollLeft : 0, y: window.scrollY, returning: false });
    });
  }
  var back = document.querySelector('a[data-matrix-back]');
  var st = read();
  if (back && st && st.url.indexOf(back.getAttribute('data-matrix-back')) === 0) {
    back.href = st.url;
    back.addEventListener('click', function () { write({ url: st.url, cell: window.location.pathname, x: st.x, y: st.y, returning: true }); });
  }
})();
// 2. Filter forms (data-autosubmit) apply a choice at once; the button stays for no-JS use.
(function () {
  var forms = document.querySelectorAll('form[data-autosubmit]');
  Array.prototype.forEach.call(forms, function (form) {
    form.addEventListener('change', function (e) {
      if (e.target && e.target.tagName === 'SELECT') form.submit();
    });
  });
})();
// 3. Evidence form: the wederhoor fields only apply to interview reports; hide them for other
//    types (and clear them, so the server's check is not tripped by a hidden value).
(function () {
  var group = document.querySelector('[data-wederhoor-types]');
  var type = document.getElementById('f-type');
  if (!group || !type) return;
  var types = group.getAttribute('data-wederhoor-types').split(' ');
  function sync() {
    var applies = types.indexOf(type.value) >= 0;
    group.hidden = !applies;
    if (!applies) {
      Array.prototype.forEach.call(group.querySelectorAll('select, input'), function (el) { el.value = ''; });
    }
  }
  type.addEventListener('change', sync);
  sync();
})();
// 4. "Alle eenheden": the checkbox with value * (which the server also understands on its own)
//    checks or clears every unit, and follows them when they are all checked by hand.
(function () {
  var all = document.querySelector('input[type=checkbox][name=units][value="*"]');
  if (!all) return;
  var units = Array.prototype.filter.call(document.querySelectorAll('input[type=checkbox][name=units]'), function (el) { return el !== all; });
  function sync() { all.checked = units.every(function (u) { return u.checked; }); }
  all.addEventListener('change', function () { units.forEach(function (u) { u.checked = all.checked; }); });
  units.forEach(function (u) { u.addEventListener('change', sync); });
  if (units.length) sync();
})();
// 5. New inspection: the unit checkboxes follow the chosen organisation (only the chosen one's are
//    enabled, so only they are sent); without this script "Eenheden tonen" does it in two steps.
(function () {
  var choice = document.querySelector('select[data-organisation-choice]');
  if (!choice) return;
  var step = document.querySelector('[data-organisation-step]');
  // Removed, not hidden: as the form's first submit button it would otherwise take Enter.
  if (step) step.parentNode.removeChild(step);
  var sets = document.querySelectorAll('fieldset[data-organisation-units]');
  function sync() {
    Array.prototype.forEach.call(sets, function (fs) {
      var on = fs.getAttribute('data-organisation-units') === choice.value;
      fs.hidden = !on;
      fs.disabled = !on;
    });
  }
  choice.addEventListener('change', sync);
  sync();
})();
