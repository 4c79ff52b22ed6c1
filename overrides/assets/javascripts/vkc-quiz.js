// Self-check questions of a lesson (vkc.site.page_markdown Writer.quiz): native controls that the
// keyboard and screen readers already know. This checks an answer in the browser (no server,
// so it works offline from the service worker's cache), announces the verdict and the
// explanation in each question's live region, and keeps the reader's answers only in their own
// localStorage, under one key per lesson, until they clear it. Every word comes from the page's
// data- attributes (vkc.i18n), none from here.
(function () {
  'use strict';
  var PREFIX = 'vkc-quiz:';

  function norm(text) {
    return String(text).normalize('NFC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
  }

  function load(key) {
    try {
      var data = JSON.parse(window.localStorage.getItem(key) || '{}');
      return data && typeof data === 'object' ? data : {};
    } catch (e) {
      return {};
    }
  }

  function save(key, data) {
    try {
      window.localStorage.setItem(key, JSON.stringify(data));
    } catch (e) {
      // Storage full or refused (private mode): the check still works, only nothing is kept.
    }
  }

  function picked(item) {
    var out = [];
    item.querySelectorAll('input[type=radio], input[type=checkbox]').forEach(function (input) {
      if (input.checked) out.push(input.value);
    });
    return out.sort();
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
    return picked(item);
  }

  function restore(item, answer) {
    if (item.getAttribute('data-kind') === 'short') {
      item.querySelector('input[type=text]').value = answer[0] || '';
      return;
    }
    item.querySelectorAll('input[type=radio], input[type=checkbox]').forEach(function (input) {
      input.checked = answer.indexOf(input.value) >= 0;
    });
  }

  function show(quiz, item, verdict) {
    var line = item.querySelector('.vkc-question__verdict');
    var feedback = item.querySelector('.vkc-question__feedback');
    item.classList.remove('vkc-question--correct', 'vkc-question--wrong');
    if (verdict === null) {
      line.textContent = '';
      feedback.hidden = true;
      return;
    }
    if (verdict === 'empty') {
      line.textContent = quiz.getAttribute('data-empty');
      feedback.hidden = true;
      return;
    }
    item.classList.add(verdict ? 'vkc-question--correct' : 'vkc-question--wrong');
    line.textContent = quiz.getAttribute(verdict ? 'data-correct' : 'data-wrong');
    feedback.hidden = false;
  }

  function status(quiz, key, text) {
    var out = quiz.querySelector('.vkc-quiz__status');
    if (text !== undefined) {
      out.textContent = text;
      return;
    }
    var data = load(key);
    var forms = quiz.querySelectorAll('div.vkc-question');
    var right = 0;
    forms.forEach(function (item) {
      if (data[item.id] && data[item.id].correct) right += 1;
    });
    out.textContent = Object.keys(data).length
      ? quiz.getAttribute('data-progress').replace('{n}', String(right)).replace('{total}', String(forms.length))
      : '';
  }

  function setUp(quiz) {
    var key = PREFIX + quiz.getAttribute('data-vkc-quiz');
    var clear = quiz.querySelector('.vkc-quiz__clear');
    var saved = load(key);
    quiz.querySelectorAll('div.vkc-question').forEach(function (item) {
      item.querySelector('.vkc-question__check').hidden = false;
      var entry = saved[item.id];
      if (entry && Array.isArray(entry.answer)) {
        restore(item, entry.answer);
        show(quiz, item, judge(item, entry.answer));
      }
      var text = item.querySelector('input[type=text]');
      if (text) {
        // Enter in the text field checks, as Enter submits a form.
        text.addEventListener('keydown', function (event) {
          if (event.key === 'Enter') {
            event.preventDefault();
            item.querySelector('.vkc-question__check').click();
          }
        });
      }
      item.querySelector('.vkc-question__check').addEventListener('click', function () {
        var answer = answerOf(item);
        if (!answer.length) {
          show(quiz, item, 'empty');
          return;
        }
        var correct = judge(item, answer);
        var data = load(key);
        data[item.id] = { answer: answer, correct: correct };
        save(key, data);
        show(quiz, item, correct);
        status(quiz, key);
      });
    });
    clear.hidden = false;
    clear.addEventListener('click', function () {
      try {
        window.localStorage.removeItem(key);
      } catch (e) {
        // Nothing was stored.
      }
      quiz.querySelectorAll('div.vkc-question').forEach(function (item) {
        restore(item, []);
        show(quiz, item, null);
      });
      status(quiz, key, quiz.getAttribute('data-cleared'));
    });
    status(quiz, key);
  }

  function start() {
    document.querySelectorAll('.vkc-quiz[data-vkc-quiz]').forEach(setUp);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
