/* VKC per-language search client and service-worker registration (static file: strict CSP,
   no eval, no inline script, nothing loaded from another host).

   The index of the page's language (search/index.js, written by vkc.search.index) is loaded
   with a <script> element on first use: unlike fetch(), a script loads from file:// too, so the
   downloaded archive keeps its search. Matching rules (why: see vkc/search/__init__.py):
   - Latin text (vi, en) is folded per character: lower case, NFD base letter, đ -> d. Folding
     keeps the length, so a position in the folded text is the position in the original text
     (excerpts and exact-tone checks need no second index).
   - A Latin term matches at a word start (prefix: as-you-type); a whole word scores more; a
     match whose original letters equal the query's (same tones) ranks its page first.
   - A Hangul term matches anywhere (a noun finds its forms with particles: 도시 -> 도시는), and
     may have spaces between its syllables in the text (스마트시티 finds 스마트 시티).
   - Glossary bridge: a term of another language found in the query is replaced by the
     glossary's rendering in the page's language (smart city -> 스마트시티 on the Korean site). */
(function () {
  "use strict";

  var MAX_RESULTS = 20;
  var EXCERPT = 70; /* characters each side of the first match */
  /* Occurrences counted per term and section: more says little about relevance (term
     frequency saturates) and a common prefix like `do` would otherwise cost thousands. */
  var TF_CAP = 10;
  var LATIN = /[\u00c0-\u024f\u1e00-\u1eff]/g;
  var WORD = /[\p{L}\p{N}]/u;
  var SPLIT = /[^\p{L}\p{N}]+/u;
  var HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;
  var foldMemo = {};

  function foldChar(c) {
    var f = foldMemo[c];
    if (f === undefined) {
      f = c === "đ" ? "d" : c.normalize("NFD").charAt(0);
      foldMemo[c] = f;
    }
    return f;
  }

  /* Lower case and strip marks without changing the length (see above). */
  function lower(s) {
    var l = s.toLowerCase();
    if (l.length === s.length) return l;
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i).toLowerCase();
      out += c.length === 1 ? c : s.charAt(i);
    }
    return out;
  }
  function fold(lowered) {
    return lowered.replace(LATIN, foldChar);
  }

  /* A title or a query as readers type it: lower case, no tones, words separated by one
     space (Korean readers often leave the spaces out: compared without them too). */
  function typed(s) {
    var w = fold(lower(s.normalize("NFC"))).split(SPLIT).filter(Boolean).join(" ");
    return { words: w, bare: w.replace(/ /g, "") };
  }

  /* 2 when the query is a page's title, 1 when it is the title's first words, else 0: the
     page itself then ranks before every section that merely mentions those words. */
  function titleTier(d, q) {
    var tier = 0;
    d.names.forEach(function (n) {
      if (n.words === q.words || n.bare === q.bare) tier = 2;
      else if (tier < 1 && n.words.indexOf(q.words + " ") === 0) tier = 1;
    });
    return tier;
  }

  function escapeRe(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* A query term, ready to match folded text. */
  function makeTerm(orig, folded) {
    if (HANGUL.test(folded)) {
      var chars = Array.from(folded).map(escapeRe);
      return { hangul: true, orig: orig, re: new RegExp(chars.join("\\s?"), "g") };
    }
    return { hangul: false, orig: orig, folded: folded };
  }

  /* Occurrences of a term in one field: [start, end, weight, exact]. */
  function find(term, f, l, limit) {
    var out = [];
    if (term.hangul) {
      term.re.lastIndex = 0;
      var m;
      while ((m = term.re.exec(f)) !== null && out.length < limit) {
        var s = m.index, e = s + m[0].length;
        out.push([s, e, 1, l.slice(s, e).replace(/\s/g, "") === term.orig]);
      }
      return out;
    }
    var t = term.folded, pos = f.indexOf(t);
    while (pos !== -1 && out.length < limit) {
      var end = pos + t.length;
      if (pos === 0 || !WORD.test(f.charAt(pos - 1))) {
        var whole = end >= f.length || !WORD.test(f.charAt(end));
        out.push([pos, end, whole ? 1 : 0.3, l.slice(pos, end) === term.orig]);
      }
      pos = f.indexOf(t, pos + 1);
    }
    return out;
  }

  function Search(data) {
    this.data = data;
    /* [url, h1, heading, text, kind, weight?, navigation title?] (vkc.search.index). */
    this.docs = data.docs.map(function (d) {
      var nav = d[6] || "";
      var tl = lower(d[1] + (nav ? " · " + nav : "") + (d[2] ? " · " + d[2] : "")), xl = lower(d[3]);
      /* A page's own record knows its titles as a reader types them (see titleTier). */
      var names = d[2] ? [] : [d[1], nav].filter(Boolean).map(typed);
      return { url: d[0], title: d[1], heading: d[2], text: d[3], kind: d[4], weight: d.length > 5 ? d[5] : 1, names: names, tl: tl, tf: fold(tl), xl: xl, xf: fold(xl) };
    });
    var lang = data.lang;
    /* Glossary renderings of the other languages, longest first, each with ours. */
    this.bridges = [];
    var self = this;
    data.glossary.forEach(function (entry) {
      var mine = entry[lang] || [];
      if (!mine.length) return;
      Object.keys(entry).forEach(function (other) {
        if (other === lang) return;
        entry[other].forEach(function (r) {
          var f = fold(lower(r)).split(SPLIT).filter(Boolean).join(" ");
          if (f) self.bridges.push({ from: f, to: mine, shown: r });
        });
      });
    });
    this.bridges.sort(function (a, b) { return b.from.length - a.from.length; });
  }

  /* Query -> list of alternatives (the query itself, then glossary renderings). */
  Search.prototype.alternatives = function (query) {
    var ql = lower(query.normalize("NFC")).trim();
    var alts = [{ text: ql, via: null }];
    /* Folding keeps lengths, so the query's own words sit at the same offsets. */
    var own = " " + ql.split(SPLIT).filter(Boolean).join(" ") + " ";
    var words = fold(own);
    for (var i = 0; i < this.bridges.length; i++) {
      var b = this.bridges[i];
      var at = words.indexOf(" " + b.from + " ");
      if (at === -1) continue;
      var rest = (own.slice(0, at) + " " + own.slice(at + b.from.length + 2)).trim();
      b.to.forEach(function (to) {
        alts.push({ text: (lower(to) + " " + rest).trim(), via: b });
      });
      break; /* longest glossary match only */
    }
    return alts;
  };

  Search.prototype.run = function (query) {
    var alts = this.alternatives(query);
    var asTyped = typed(query);
    var best = {};
    var bridge = null;
    for (var a = 0; a < alts.length; a++) {
      var origs = alts[a].text.split(SPLIT).filter(Boolean);
      if (!origs.length) continue;
      var terms = origs.map(function (o) { return makeTerm(o, fold(o)); });
      var toned = alts[a].text !== fold(alts[a].text);
      /* The words together: Latin words with one space, Hangul words written together (the
         Hangul pattern allows a space between syllables, so both spellings of a compound). */
      var joined = terms.every(function (t) { return t.hangul; }) ? origs.join("") : origs.join(" ");
      var phrase = terms.length > 1 ? makeTerm(joined, fold(joined)) : null;
      for (var i = 0; i < this.docs.length; i++) {
        var d = this.docs[i], score = 0, exact = 0, first = null, ok = true;
        for (var k = 0; k < terms.length && ok; k++) {
          var inTitle = find(terms[k], d.tf, d.tl, 5), inText = find(terms[k], d.xf, d.xl, TF_CAP);
          if (!inTitle.length && !inText.length) { ok = false; break; }
          var termExact = false;
          inTitle.forEach(function (h) { score += 5 * h[2] * (h[3] ? 2 : 1); termExact = termExact || h[3]; });
          inText.forEach(function (h) {
            score += h[2] * (h[3] ? 2 : 1);
            termExact = termExact || h[3];
            if (first === null || (h[3] && !first[3])) first = h;
          });
          if (termExact) exact++;
        }
        if (!ok) continue;
        if (phrase) {
          var ph = find(phrase, d.xf, d.xl, TF_CAP), pt = find(phrase, d.tf, d.tl, 2);
          score += 10 * (ph.length + 2 * pt.length);
          ph.forEach(function (h) { if (h[3]) { exact = terms.length; } });
          pt.forEach(function (h) { if (h[3]) { exact = terms.length; } });
          if (ph.length) first = ph[0];
        }
        /* Tier: when the reader typed tones, every term with exactly those tones ranks before
           folded-only matches. A query without tones gets no tier: `do thi` means đô thị far
           more often than the tone-less slugs in addresses. */
        var rank = (a === 0 && asTyped.words ? titleTier(d, asTyped) * 1e7 : 0) + (toned && exact === terms.length ? 1e6 : 0) + score * d.weight;
        var prev = best[i];
        if (!prev || rank > prev.rank) best[i] = { doc: d, rank: rank, terms: terms, phrase: phrase, first: first };
        if (alts[a].via) bridge = alts[a].via;
      }
    }
    var list = Object.keys(best).map(function (k) { return best[k]; });
    list.sort(function (x, y) { return y.rank - x.rank || (x.doc.url < y.doc.url ? -1 : 1); });
    return { results: list, bridge: bridge };
  };

  /* The excerpt around the first match, with every term occurrence in it marked. */
  function excerpt(hit) {
    var d = hit.doc, at = hit.first ? hit.first[0] : 0;
    var start = Math.max(0, at - EXCERPT), end = Math.min(d.text.length, at + EXCERPT * 2);
    if (start > 0) { var sp = d.text.indexOf(" ", start); if (sp !== -1 && sp < at) start = sp + 1; }
    var marks = [];
    var f = d.xf.slice(start, end), l = d.xl.slice(start, end);
    /* Prefix matches are marked for the last term only (the word being typed). */
    hit.terms.forEach(function (t, i) {
      var last = i === hit.terms.length - 1;
      marks = marks.concat(find(t, f, l, 50).filter(function (h) { return last || h[2] === 1; }));
    });
    /* Where the words stand together, mark only those places (not each stray word). */
    var together = hit.phrase ? find(hit.phrase, f, l, 50) : [];
    if (together.length) marks = together;
    /* By start, the longest first: a phrase mark covers its words' marks. */
    marks.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    var frag = document.createDocumentFragment(), pos = 0, piece = d.text.slice(start, end);
    if (start > 0) frag.appendChild(document.createTextNode("… "));
    marks.forEach(function (mk) {
      if (mk[0] < pos) return;
      frag.appendChild(document.createTextNode(piece.slice(pos, mk[0])));
      var mark = document.createElement("mark");
      mark.textContent = piece.slice(mk[0], mk[1]);
      frag.appendChild(mark);
      pos = mk[1];
    });
    frag.appendChild(document.createTextNode(piece.slice(pos) + (end < d.text.length ? " …" : "")));
    return frag;
  }

  function setup(box) {
    var input = box.querySelector("input"), panel = box.querySelector(".vkc-search__results");
    var root = new URL((box.getAttribute("data-base") || ".") + "/", location.href);
    /* The interface words come from the build (vkc.i18n), in the page's language. */
    var text = JSON.parse(box.getAttribute("data-text") || "{}"), engine = null, loading = false;
    var kind = null; /* the record kind the reader filtered by (null: all) */

    /* From the file system a folder shows no index page: link to its index.html. */
    function link(url) {
      var u = new URL(url, root);
      if (u.protocol === "file:" && u.pathname.slice(-1) === "/") u.pathname += "index.html";
      return u.href;
    }

    function say(msg, href) {
      panel.replaceChildren();
      var p = document.createElement("p");
      p.className = "vkc-search__note";
      p.textContent = msg;
      if (href) {
        var a = document.createElement("a");
        a.href = href;
        a.textContent = href;
        p.appendChild(document.createTextNode(" "));
        p.appendChild(a);
      }
      panel.appendChild(p);
      panel.hidden = false;
    }

    function load() {
      if (engine || loading) return;
      loading = true;
      var s = document.createElement("script");
      s.src = new URL("search/index.js", root).href;
      s.onload = function () {
        engine = new Search(window.vkcSearchData);
        box.setAttribute("data-ready", "");
        if (input.value.trim()) show();
      };
      s.onerror = function () {
        loading = false;
        say(text.file, box.getAttribute("data-web") || "");
      };
      document.head.appendChild(s);
    }

    function show() {
      var q = input.value;
      /* One Latin letter matches nearly every section: wait for the second (Hangul syllables
         are words or word parts, so one is enough). */
      if (!q.trim() || (q.trim().length < 2 && !HANGUL.test(q))) { panel.hidden = true; panel.replaceChildren(); return; }
      if (!engine) { load(); if (!panel.childNodes.length) say(text.loading); return; }
      var t0 = performance.now();
      var out = engine.run(q);
      var counts = {}, order = [];
      out.results.forEach(function (hit) {
        if (!counts[hit.doc.kind]) { counts[hit.doc.kind] = 0; order.push(hit.doc.kind); }
        counts[hit.doc.kind]++;
      });
      if (kind && !counts[kind]) kind = null;
      var shown = kind ? out.results.filter(function (hit) { return hit.doc.kind === kind; }) : out.results;
      panel.replaceChildren();
      var head = document.createElement("p");
      head.className = "vkc-search__count";
      head.textContent = shown.length ? text.count.replace("#", shown.length) : text.none;
      panel.appendChild(head);
      /* Filters by record kind, in the order the best results have them, when there is a choice. */
      if (order.length > 1) {
        var group = document.createElement("div");
        group.className = "vkc-search__filters";
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", text.filter);
        [null].concat(order).forEach(function (k) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "vkc-search__filter";
          button.setAttribute("data-kind", k || "");
          button.setAttribute("aria-pressed", String(k === kind));
          button.textContent = (k ? engine.data.kinds[k] || k : text.all) + " (" + (k ? counts[k] : out.results.length) + ")";
          button.addEventListener("click", function () {
            kind = k;
            show();
            var again = panel.querySelector('.vkc-search__filter[data-kind="' + (k || "") + '"]');
            if (again) again.focus();
          });
          group.appendChild(button);
        });
        panel.appendChild(group);
      }
      if (out.bridge) {
        var b = document.createElement("p");
        b.className = "vkc-search__bridge";
        b.textContent = text.bridge + " " + out.bridge.shown + " → " + out.bridge.to.join(" / ");
        panel.appendChild(b);
      }
      var ol = document.createElement("ol");
      ol.className = "vkc-search__list";
      shown.slice(0, MAX_RESULTS).forEach(function (hit) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = link(hit.doc.url);
        var title = document.createElement("span");
        title.className = "vkc-search__title";
        title.textContent = hit.doc.title;
        a.appendChild(title);
        if (hit.doc.heading) {
          var h = document.createElement("span");
          h.className = "vkc-search__heading";
          h.textContent = hit.doc.heading;
          a.appendChild(h);
        }
        var x = document.createElement("span");
        x.className = "vkc-search__excerpt";
        x.appendChild(excerpt(hit));
        a.appendChild(x);
        li.appendChild(a);
        ol.appendChild(li);
      });
      panel.appendChild(ol);
      panel.hidden = false;
      window.vkcSearchLastMs = performance.now() - t0;
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", show);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { input.value = ""; show(); input.blur(); }
      /* Enter (the phone keyboard's search key) opens the first result. */
      if (e.key === "Enter") {
        var first = panel.querySelector(".vkc-search__list a");
        if (first) { e.preventDefault(); location.href = first.href; }
      }
    });
    document.addEventListener("click", function (e) {
      /* A filter button is replaced while its click bubbles: a detached target was inside. */
      if (e.target.isConnected && !box.contains(e.target)) panel.hidden = true;
    });
    input.addEventListener("focus", function () { if (panel.childNodes.length) panel.hidden = false; });
    box.hidden = false;

    /* The worker precaches the whole language tree: registered once the page has loaded, so
       its downloads do not compete with the page's own (first-load performance). */
    if ("serviceWorker" in navigator && (location.protocol === "http:" || location.protocol === "https:")) {
      var register = function () {
        navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).catch(function () {});
      };
      if (document.readyState === "complete") register();
      else window.addEventListener("load", register);
    }
  }

  /* For the bench and tests: the engine without the page. */
  window.vkcSearchEngine = Search;
  var box = document.getElementById("vkc-search");
  if (box) setup(box);
})();
