// The preview of `vkc serve` (served by the preview only, never published).
//
// Long-polls /__vkc_reload with the build this page comes from and the failed build it has
// shown. After a good build the page reloads when that build rendered it (a build that found
// nothing changed renders nothing), and shows which pages were rebuilt; after a failed build it shows the
// build's diagnostics over the last good page. Every word comes from the server (vkc.i18n) in
// the page's language; every text is set as text, never as markup (diagnostics quote content).
(function () {
  'use strict';
  var me = document.currentScript;
  var build = Number(me.dataset.build);
  var page = me.dataset.page;
  var failure = 0;
  var lang = document.documentElement.lang || 'en';
  var KEPT = 'vkc-preview-rebuilt';

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The pages of a build as links: 'en/glossary/index.html' -> '/en/glossary/'.
  function href(path) {
    return '/' + path.replace(/(^|\/)index\.html$/, '$1');
  }

  function closeNotice() {
    var old = document.getElementById('vkc-preview-notice');
    if (old) old.remove();
  }

  // Which pages the last build rendered: a small notice in a corner, its list folded.
  function notice(rendered, words, unchanged) {
    closeNotice();
    if (!rendered.length) return;
    var box = el('aside', 'vkc-preview-notice');
    box.id = 'vkc-preview-notice';
    box.setAttribute('aria-label', words.label);
    var details = el('details');
    details.appendChild(el('summary', '', words.rebuilt.replace('{n}', String(rendered.length))));
    var list = el('ul');
    rendered.forEach(function (path) {
      var item = el('li');
      var link = el('a', '', path);
      link.href = href(path);
      item.appendChild(link);
      list.appendChild(item);
    });
    details.appendChild(list);
    box.appendChild(details);
    if (unchanged) box.appendChild(el('p', '', words.unchanged));
    var close = el('button', 'vkc-preview-close', '\u00d7');
    close.type = 'button';
    close.setAttribute('aria-label', words.close);
    close.addEventListener('click', closeNotice);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  function closeProblems() {
    var old = document.getElementById('vkc-preview-problems');
    if (old) {
      if (old.open) old.close();
      old.remove();
    }
  }

  // The failed build's diagnostics, as a modal alert dialog over the last good page.
  function problems(state) {
    closeProblems();
    var words = state.words;
    var dialog = el('dialog', 'vkc-preview-problems');
    dialog.id = 'vkc-preview-problems';
    dialog.setAttribute('role', 'alertdialog');
    dialog.setAttribute('aria-labelledby', 'vkc-preview-title');
    dialog.setAttribute('aria-describedby', 'vkc-preview-intro');
    var heading = el('h2', '', words.title);
    heading.id = 'vkc-preview-title';
    var intro = el('p', '', words.intro);
    intro.id = 'vkc-preview-intro';
    dialog.appendChild(heading);
    dialog.appendChild(intro);
    var list = el('ol', 'vkc-preview-list');
    state.problems.forEach(function (problem) {
      var item = el('li', 'vkc-preview-problem vkc-preview-' + problem.severity);
      // The diagnostics are the pipeline's own English sentences.
      var where = el('p', 'vkc-preview-where');
      where.appendChild(el('code', 'vkc-preview-location', problem.location));
      where.appendChild(document.createTextNode(' '));
      where.appendChild(el('span', 'vkc-preview-code', problem.severity + '[' + problem.code + ']'));
      where.lang = 'en';
      item.appendChild(where);
      var message = el('p', 'vkc-preview-message', problem.message);
      message.lang = 'en';
      item.appendChild(message);
      var facts = el('dl');
      if (problem.key_path) {
        facts.appendChild(el('dt', '', words.key));
        var key = el('dd');
        key.appendChild(el('code', 'vkc-preview-key', problem.key_path));
        facts.appendChild(key);
      }
      if (problem.hint) {
        facts.appendChild(el('dt', '', words.hint));
        var hint = el('dd', 'vkc-preview-hint', problem.hint);
        hint.lang = 'en';
        facts.appendChild(hint);
      }
      if (facts.childNodes.length) item.appendChild(facts);
      list.appendChild(item);
    });
    dialog.appendChild(list);
    var close = el('button', 'vkc-preview-button', words.close);
    close.type = 'button';
    close.addEventListener('click', function () { dialog.close(); });
    dialog.appendChild(close);
    document.body.appendChild(dialog);
    dialog.showModal();
    // Focus on the button without scrolling to it: the heading and the first problem stay in view.
    close.focus({ preventScroll: true });
    dialog.scrollTop = 0;
  }

  function poll() {
    var query = new URLSearchParams({ build: String(build), failure: String(failure), lang: lang });
    fetch('/__vkc_reload?' + query, { cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (state) {
        if (state.build !== build) {
          if (state.rendered.indexOf(page) >= 0) {
            // The notice outlives the reload in this tab only.
            sessionStorage.setItem(KEPT, JSON.stringify({ rendered: state.rendered, words: state.words }));
            location.reload();
            return;
          }
          build = state.build;
          closeProblems();
          notice(state.rendered, state.words, true);
        }
        if (state.failure !== failure) {
          failure = state.failure;
          if (failure) problems(state);
          else closeProblems();
        }
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }

  var kept = sessionStorage.getItem(KEPT);
  if (kept) {
    sessionStorage.removeItem(KEPT);
    var last = JSON.parse(kept);
    notice(last.rendered, last.words, false);
  }
  poll();
})();
