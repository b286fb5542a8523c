// Progressive enhancement only: every page works without this script.
// 1. Session warning: shortly before the idle timeout, show a dialog with a button to stay
//    logged in (a normal form POST, so it also works by keyboard and screen reader).
(function () {
  var body = document.body;
  var idle = Number(body.getAttribute('data-idle-ms'));
  var box = document.getElementById('session-warning');
  if (!idle || !box) return;
  var warnBefore = Math.min(5 * 60 * 1000, idle / 3);
  setTimeout(function () {
    box.hidden = false;
    var button = box.querySelector('button');
    if (button) button.focus();
  }, idle - warnBefore);
  setTimeout(function () {
    window.location.href = '/login?verlopen=1&terug=' + encodeURIComponent(window.location.pathname);
  }, idle + 1000);
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
