// Start-up guard of the task pane, in ES5 so that every web view Office has ever used can run it. It runs
// just before taskpane.js. Until taskpane.js has started (body[data-host] set), a failure to load or run
// taskpane.js — a syntax error in an old web view such as IE11 or the old Edge, a missing file — shows the
// "cannot run here" message instead of leaving the pane on "正在启动…" forever. Copied to dist/ unchanged.
(function () {
  'use strict';
  var label = document.getElementById('host-label');
  if (label && !label.textContent) label.textContent = '正在启动…';

  function started() {
    return !!document.body && document.body.getAttribute('data-host') !== null;
  }

  function fromBundle(url) {
    return typeof url === 'string' && /\/taskpane\.js(\?|#|$)/.test(url);
  }

  function fail() {
    if (started()) return;
    var box = document.getElementById('unsupported');
    if (!box || !box.hasAttribute('hidden')) return;
    var url = document.getElementById('unsupported-url');
    if (url) url.textContent = location.protocol + '//' + location.host + location.pathname;
    box.removeAttribute('hidden');
    if (label) label.textContent = '无法在此运行';
    document.body.setAttribute('data-boot-failed', 'true');
  }

  function onError(e) {
    var target = e && e.target;
    // A script that could not be loaded (the event comes from the element, in the capture phase).
    if (target && target.tagName === 'SCRIPT' && fromBundle(target.src)) fail();
    // A syntax or run-time error in taskpane.js before it started.
    else if (e && fromBundle(e.filename)) fail();
  }

  // One line on purpose: prettier would add a trailing comma to a wrapped call, which ES5 cannot parse.
  window.addEventListener('error', onError, true);
})();
