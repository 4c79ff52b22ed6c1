// A lesson of a SCORM 1.2 package (vkc.lms.scorm): checks the self-check answers in the
// browser, like the site's vkc-quiz.js, and reports to the learning platform through the
// SCORM 1.2 runtime API that the platform puts in a window above the lesson (window.API up the
// parent and opener chain). The lesson is "incomplete" once opened and "completed" when every
// question has been answered; the score is the share of questions answered right, 0 to 100.
// Nothing is stored in the browser: the platform keeps the record. Every word comes from the
// page's data- attributes and text (vkc.i18n), none from here.
(function () {
  'use strict';

  function norm(text) {
    return String(text).normalize('NFC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
  }

  // The ADL algorithm: look for API in this window and its parents, then in the opener's.
  // A parent on another origin throws on access: that branch has no API for us.
  function apiIn(win) {
    for (var depth = 0; win && depth < 10; depth += 1) {
      try {
        if (win.API) return win.API;
      } catch (e) {
        return null;
      }
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  function findApi() {
    var api = apiIn(window);
    if (!api && window.opener) {
      try {
        api = apiIn(window.opener);
      } catch (e) {
        api = null;
      }
    }
    return api;
  }

  function judge(item, answer) {
    if (item.getAttribute('data-kind') === 'short') {
      var accepted = JSON.parse(item.getAttribute('data-accepted') || '[]').map(norm);
      return accepted.indexOf(norm(answer[0] || '')) >= 0;
    }
    var right = (item.getAttribute('data-answer') || '').split(' ').filter(Boolean).sort();
    return answer.join(' ') === right.join(' ');
  }

  function answerOf(item) {
    if (item.getAttribute('data-kind') === 'short') {
      var text = item.querySelector('input[type=text]').value;
      return norm(text) ? [text] : [];
    }
    var out = [];
    item.querySelectorAll('input[type=radio], input[type=checkbox]').forEach(function (input) {
      if (input.checked) out.push(input.value);
    });
    return out.sort();
  }

  function show(quiz, item, verdict) {
    var line = item.querySelector('.vkc-question__verdict');
    var feedback = item.querySelector('.vkc-question__feedback');
    item.classList.remove('vkc-question--correct', 'vkc-question--wrong');
    if (verdict === 'empty') {
      line.textContent = quiz.getAttribute('data-empty');
      feedback.hidden = true;
      return;
    }
    item.classList.add(verdict ? 'vkc-question--correct' : 'vkc-question--wrong');
    line.textContent = quiz.getAttribute(verdict ? 'data-correct' : 'data-wrong');
    feedback.hidden = false;
  }

  // SCORM 1.2 time span: HHHH:MM:SS.SS.
  function span(ms) {
    var seconds = Math.max(0, ms) / 1000;
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = (seconds % 60).toFixed(2);
    function pad(value, width) {
      value = String(value);
      while (value.length < width) value = '0' + value;
      return value;
    }
    return pad(hours, 4) + ':' + pad(minutes, 2) + ':' + pad(rest, 5);
  }

  function start() {
    var api = findApi();
    var started = Date.now();
    var finished = false;
    if (api && String(api.LMSInitialize('')) !== 'true') api = null;
    if (!api) {
      var none = document.querySelector('.vkc-lms-none');
      if (none) none.hidden = false;
    }

    function set(name, value) {
      if (api) api.LMSSetValue(name, String(value));
    }

    function finish() {
      if (!api || finished) return;
      finished = true;
      set('cmi.core.session_time', span(Date.now() - started));
      api.LMSCommit('');
      api.LMSFinish('');
    }

    var quiz = document.querySelector('.vkc-quiz[data-vkc-quiz]');
    var items = quiz ? Array.prototype.slice.call(quiz.querySelectorAll('div.vkc-question')) : [];
    var verdicts = {};
    if (api) {
      var status = String(api.LMSGetValue('cmi.core.lesson_status'));
      // A lesson with nothing to answer is done once read; one already completed stays so.
      if (!items.length) set('cmi.core.lesson_status', 'completed');
      else if (status === '' || status === 'not attempted') set('cmi.core.lesson_status', 'incomplete');
      api.LMSCommit('');
    }

    function report() {
      var names = Object.keys(verdicts);
      var right = names.filter(function (id) {
        return verdicts[id];
      }).length;
      var status = quiz.querySelector('.vkc-quiz__status');
      status.textContent = quiz
        .getAttribute('data-progress')
        .replace('{n}', String(right))
        .replace('{total}', String(items.length));
      if (!api) return;
      set('cmi.core.score.min', 0);
      set('cmi.core.score.max', 100);
      set('cmi.core.score.raw', Math.round((100 * right) / items.length));
      if (names.length === items.length) set('cmi.core.lesson_status', 'completed');
      api.LMSCommit('');
    }

    items.forEach(function (item) {
      var check = item.querySelector('.vkc-question__check');
      check.hidden = false;
      var text = item.querySelector('input[type=text]');
      if (text) {
        // Enter in the text field checks, as Enter submits a form.
        text.addEventListener('keydown', function (event) {
          if (event.key === 'Enter') {
            event.preventDefault();
            check.click();
          }
        });
      }
      check.addEventListener('click', function () {
        var answer = answerOf(item);
        if (!answer.length) {
          show(quiz, item, 'empty');
          return;
        }
        verdicts[item.id] = judge(item, answer);
        show(quiz, item, verdicts[item.id]);
        report();
      });
    });

    // The platform ends the session when the lesson's frame goes away.
    window.addEventListener('pagehide', finish);
    window.addEventListener('beforeunload', finish);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
