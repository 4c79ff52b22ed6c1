// Glossary terms in running text (vkc.site.page_markdown). The CSS shows a term's tooltip on
// hover and keyboard focus, and the link works without this file. This adds what CSS cannot:
// Escape hides the open tooltip without moving focus or pointer (WCAG 1.4.13), and on a touch
// screen the first tap on a term shows its tooltip while the second follows the link.
(function () {
  'use strict';
  var touch = false;
  function termOf(node) {
    return node && node.closest ? node.closest('.vkc-term') : null;
  }
  document.addEventListener('pointerdown', function (event) {
    touch = event.pointerType === 'touch' || event.pointerType === 'pen';
  }, true);
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    document.querySelectorAll('.vkc-term:hover, .vkc-term:focus-within').forEach(function (term) {
      term.setAttribute('data-dismissed', '');
    });
  });
  document.addEventListener('focusin', function (event) {
    var term = termOf(event.target);
    if (term) term.removeAttribute('data-dismissed');
  });
  document.addEventListener('mouseover', function (event) {
    var term = termOf(event.target);
    if (term && term.hasAttribute('data-dismissed') && !term.contains(event.relatedTarget)) {
      term.removeAttribute('data-dismissed');
    }
  });
  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('.vkc-term > a') : null;
    if (!link || !touch) return;
    var term = termOf(link);
    if (term.hasAttribute('data-open')) return;
    event.preventDefault();
    document.querySelectorAll('.vkc-term[data-open]').forEach(function (other) {
      other.removeAttribute('data-open');
    });
    term.setAttribute('data-open', '');
    term.removeAttribute('data-dismissed');
    link.focus();
  });
  document.addEventListener('focusout', function (event) {
    var term = termOf(event.target);
    if (term && !term.contains(event.relatedTarget)) term.removeAttribute('data-open');
  });
})();
