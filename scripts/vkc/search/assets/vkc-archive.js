/* The language switch inside a downloaded archive (pages opened from file://).

   Each archive (site-<lang>.zip) unpacks into its own folder vkc-<lang>/; the switch links
   point to the same page in the sibling folder vkc-<other>/. Whether that archive is there,
   and holds the page, is known from its page list vkc-<other>/vkc-pages.js, loaded with a
   <script> element (fetch() cannot read file://). When it is missing the page says so and
   links to the web edition instead of opening a file that is not there. Capture phase: runs
   before the theme's own link handling. */
(function () {
  "use strict";

  function note(link) {
    var old = document.getElementById("vkc-archive-note");
    if (old) old.remove();
    var box = document.createElement("div");
    box.id = "vkc-archive-note";
    box.className = "admonition warning";
    box.setAttribute("role", "alert");
    var text = document.createElement("p");
    var parts = link.getAttribute("data-vkc-missing").split("{url}");
    var web = document.createElement("a");
    web.href = link.getAttribute("data-vkc-web");
    web.textContent = web.href;
    text.append(parts[0], web, parts[1] || "");
    box.appendChild(text);
    (document.querySelector("article") || document.body).prepend(box);
    box.scrollIntoView();
  }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-vkc-archive]") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    var lang = link.getAttribute("data-vkc-archive");
    var href = link.href;
    var folder = "/vkc-" + lang + "/";
    function open() {
      var pages = (window.vkcArchivePages || {})[lang] || [];
      if (pages.indexOf(link.getAttribute("data-vkc-page")) >= 0) location.href = href;
      else note(link);
    }
    if ((window.vkcArchivePages || {})[lang]) return open();
    var script = document.createElement("script");
    script.src = href.slice(0, href.lastIndexOf(folder) + folder.length) + "vkc-pages.js";
    script.onload = open;
    script.onerror = function () { note(link); };
    document.head.appendChild(script);
  }, true);
})();
