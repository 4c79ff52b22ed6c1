"""Build-time search index: the built HTML of one language -> ``search/index.js``.

The index is the text itself, one record per page section (h1-h3 with an id), plus the
glossary's renderings for the cross-language bridge. The client (assets/vkc-search.js)
folds and matches it in the browser; see the package docstring for why no inverted index.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

from ..content import Content
from ..i18n import t
from ..model import LANGS, GlossaryTerm, Lang
from ..site.urls import tree_listing

ASSETS = Path(__file__).resolve().parent / "assets"
"""The client's static files, shipped as package data."""
SCRIPT = "assets/javascripts/vkc-search.js"
"""Where the client lands in each language tree (the site check accepts theme-like script paths)."""
STYLE = "assets/stylesheets/vkc-search.css"
INDEX = "search/index.js"
"""The index of one language, relative to its root."""

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_DROP = re.compile(
    r'<a class="headerlink"[^>]*>.*?</a>'
    r'|<aside class="vkc-page-footer">.*?</aside>'
    r'|<a [^>]*class="md-content__button[^"]*"[^>]*>.*?</a>'
    # Notices repeated on many pages (stale translation, illustrative text) would make every
    # page match their words and crowd the excerpts; the reader sees them on the page.
    r'|<div class="admonition [^"]*vkc-(?:stale|illustrative)[^"]*">.*?</div>'
    r'|<p class="vkc-heading-note">.*?</p>'
    # A glossary tooltip repeats the term's entry wherever the term is used.
    r'|<span class="vkc-term__tip".*?<span class="vkc-term__names">.*?</span></span>'
    # Every page's "Cite this page" names the publication: it would match every query for it.
    r'|<div class="vkc-citation">.*?</div>'
    # Download cards (format, size, languages) repeat on every page that offers files.
    r'|<small class="vkc-card">.*?</small>'
    r"|<(script|style|svg|template)\b.*?</\1>",
    re.S | re.I,
)
_HEADING = re.compile(r'<h([1-3])\b[^>]*\sid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(?:p|li|td|th|tr|h[1-6]|div|dt|dd|blockquote|pre|table)>|<br\s*/?>", re.I)
_SPACE = re.compile(r"\s+")
_TITLE = re.compile(r"<title>([^<]*)</title>")
_ALTERNATIVES = re.compile(r"\s*[/;]\s*")
_TITLE_ONLY = ("translation-status/",)
"""Editorial pages, not reading matter: they list every record's title and would match
anything, so only their title is indexed (every page of the navigation can be found by it)."""
_WEIGHTS = {"sources/": 0.4, "browse/": 0.3}
"""Reference lists rank after the text: a source's title answers "where from", not "what";
a listing page repeats the names its records' pages carry."""
KINDS: tuple[tuple[str, str], ...] = (
    ("guideline/", "guideline"),
    ("indicators/", "indicators"),
    ("project/", "project"),
    ("pilot/", "project"),
    ("organizations/", "organizations"),
    ("legal/", "legal"),
    ("glossary/", "glossary"),
    ("sources/", "sources"),
)
"""The record kind of a section by its page (the search box filters by kind); other pages
(home, about, listings, hand-written) are ``other``."""
KIND_LABELS: dict[str, str] = {kind: kind for _, kind in KINDS} | {"other": "search_other"}
"""The interface word (:mod:`vkc.i18n` key) naming each kind: the navigation's title of its page."""
_SKIP_SECTIONS = {"vkc-contents"}
"""A table of contents repeats the titles its sections already carry."""


@dataclass(frozen=True)
class Section:
    """One search record: where it is, what it is called, what it says."""

    url: str
    """Relative to the language root, e.g. ``guideline/part-1/#ch-950``."""
    page: str
    heading: str
    text: str
    nav: str = ""
    """For a page's own record: its title in the navigation, when not its h1 (the home page's
    "Home"), so that the title a reader sees in the menu finds the page."""


def _plain(fragment: str) -> str:
    text = _TAG.sub(" ", _BLOCK_END.sub(" ", fragment))
    return unicodedata.normalize("NFC", _SPACE.sub(" ", html.unescape(text)).strip())


def page_url(rel: str) -> str:
    """URL of a built HTML file relative to its language root (directory URLs)."""
    if rel == "index.html":
        return "./"
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def sections(rel: str, page_html: str) -> list[Section]:
    """The search records of one built page (``rel``: its path in the language tree)."""
    found = _ARTICLE.search(page_html)
    if not found:
        return []
    body = _DROP.sub(" ", found.group(1))
    url = page_url(rel)
    heads = list(_HEADING.finditer(body))
    title_match = _TITLE.search(page_html)
    # The theme writes "<page title> - <site name>"; a page title may hold " - " itself.
    nav = _plain(title_match.group(1).rsplit(" - ", 1)[0]) if title_match else ""
    page = _plain(heads[0].group(3)) if heads and heads[0].group(1) == "1" else ""
    if not page:
        page = nav
    nav = "" if nav == page else nav
    if url.startswith(_TITLE_ONLY):
        return [Section(url, page, "", "", nav)]
    out: list[Section] = []
    intro = _plain(body[: heads[0].start()] if heads else body)
    if intro:
        out.append(Section(url, page, "", intro, nav))
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(body)
        text = _plain(body[head.end() : end])
        if head.group(1) == "1":
            if text or not out:
                out.append(Section(url, page, "", text, nav))
        elif text and head.group(2) not in _SKIP_SECTIONS:
            out.append(Section(f"{url}#{head.group(2)}", page, _plain(head.group(3)), text))
    return out


def record_kind(url: str) -> str:
    """The record kind of a section (see :data:`KINDS`)."""
    return next((kind for prefix, kind in KINDS if url.startswith(prefix)), "other")


def glossary_renderings(content: Content) -> list[dict[str, list[str]]]:
    """Each glossary term as {lang: [renderings]} (``"a / b"`` in the content is two renderings)."""
    out: list[dict[str, list[str]]] = []
    for term in content.collection("glossary", GlossaryTerm):
        entry: dict[str, list[str]] = {}
        for lang in LANGS:
            value = term.term.text(lang)
            if value:
                entry[lang] = [v for v in _ALTERNATIVES.split(unicodedata.normalize("NFC", value)) if v]
        out.append(entry)
    return out


VERSIONS = "versions/"
"""Where earlier versions sit in a language tree: each has its own index, apart from the current one."""


def language_files(root: Path, prefix: str, others: Iterable[str], listing: Sequence[str] | None = None) -> list[Path]:
    """Built HTML pages of one language tree (the Vietnamese root excludes the other trees;
    every tree leaves out its earlier versions). ``listing``: the sorted files of the tree at
    ``root``, when the caller has listed it."""
    base = root / prefix if prefix else root
    return [base / rel for rel in _language_pages(root, prefix, others, listing)]


def _language_pages(root: Path, prefix: str, others: Iterable[str], listing: Sequence[str] | None) -> list[str]:
    """:func:`language_files` as paths relative to the language's root."""
    skip = tuple(o for o in others if o)
    return [
        rel
        for rel in _under(root, prefix, listing)
        if rel.endswith(".html") and rel != "404.html" and not rel.startswith(("downloads/", VERSIONS, *skip))
    ]


def _under(root: Path, folder: str, listing: Sequence[str] | None) -> list[str]:
    """The sorted files under ``folder`` (ending with ``/``, or "" for the root), relative to it."""
    if listing is None:
        return tree_listing(root / folder if folder else root)
    return [rel[len(folder) :] for rel in listing if rel.startswith(folder)]


def page_entries(rel: str, page_html: str) -> str:
    """The index entries of one built page, as the comma-separated items of the index's
    ``docs`` array (empty for a page with nothing to find)."""
    out = []
    for s in sections(rel, page_html):
        weight = next((w for prefix, w in _WEIGHTS.items() if s.url.startswith(prefix)), 1.0)
        entry: list[str | float] = [s.url, s.page, s.heading, s.text, record_kind(s.url)]
        # Trailing fields only where they differ from the default: the index stays small.
        if weight != 1.0 or s.nav:
            entry.append(weight)
        if s.nav:
            entry.append(s.nav)
        out.append(_json(entry))
    return ",".join(out)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def index_text(lang: str, entries: list[str], glossary: list[dict[str, list[str]]], web: str) -> str:
    """The text of ``search/index.js`` for one language from its pages' entries (in page order)."""
    return "".join(index_pieces(lang, entries, glossary, web))


def index_pieces(lang: str, entries: list[str], glossary: list[dict[str, list[str]]], web: str) -> list[str]:
    """:func:`index_text` in pieces, to be written one after another.

    Written as the JSON of ``{"lang", "web", "docs", "glossary", "kinds"}`` piece by piece, so
    that the entries of a page that did not change are not serialized again, and so that the
    whole text is never in memory at once (joined, then encoded, a 3x1000 site's index was the
    build's peak memory).
    """
    kinds = {kind: t(key, cast(Lang, lang)) for kind, key in KIND_LABELS.items()}
    docs = [e for e in entries if e]
    # A script, not JSON: <script src> loads from file:// too, where fetch() is blocked.
    pieces = [f'self.vkcSearchData={{"lang":{_json(lang)},"web":{_json(web)},"docs":[']
    for index, entry in enumerate(docs):
        pieces.append(entry if index == 0 else "," + entry)
    pieces.append(f'],"glossary":{_json(glossary)},"kinds":{_json(kinds)}}};\n')
    return pieces


def index_data(lang: str, pages: Mapping[str, str], glossary: list[dict[str, list[str]]], web: str) -> str:
    """The text of ``search/index.js`` for one language (``pages``: rel path -> HTML)."""
    return index_text(lang, [page_entries(rel, text) for rel, text in sorted(pages.items())], glossary, web)


class EntryMemo(Protocol):
    """Index entries of built pages, remembered by a caller that knows which pages did not change."""

    def get(self, path: str) -> str | None:
        """The entries of the page at ``path`` in the tree, when known."""

    def put(self, path: str, found: str) -> None:
        """Remember the entries just read from the page at ``path``."""


def write_search(
    root: Path,
    content: Content,
    prefixes: Mapping[str, str],
    web_root: str,
    *,
    sub: str = "",
    memo: EntryMemo | None = None,
    listing: Sequence[str] | None = None,
) -> dict[str, int]:
    """Write each language's index and the client files into the built tree at ``root``.

    ``prefixes``: language -> folder ("" for the root language); ``web_root``: the public
    address of the site; ``sub``: an earlier version's folder (``versions/v1/``) in each
    language tree, indexed on its own with its own ``content``; ``listing``: the sorted files of
    the tree at ``root``, when the caller has listed it. Returns the index size in bytes per
    language.
    """
    glossary = glossary_renderings(content)
    sizes: dict[str, int] = {}
    for lang, prefix in prefixes.items():
        tree = root / prefix if prefix else root
        base = tree / sub if sub else tree
        rels = (
            _language_pages(root, prefix, prefixes.values(), listing)
            if not sub
            else [r for r in _under(root, prefix + sub, listing) if r.endswith(".html")]
        )
        entries: dict[str, str] = {}
        for rel in rels:
            in_tree = prefix + sub + rel
            known = memo.get(in_tree) if memo else None
            if known is None:
                known = page_entries(rel, (base / rel).read_text(encoding="utf-8"))
                if memo:
                    memo.put(in_tree, known)
            entries[rel] = known
        target = base / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        web = web_root.rstrip("/") + "/" + prefix + sub
        size = 0
        with target.open("w", encoding="utf-8") as stream:
            for piece in index_pieces(lang, [entries[rel] for rel in sorted(entries)], glossary, web):
                stream.write(piece)
                size += len(piece.encode("utf-8"))
        sizes[lang] = size
        for name, dest in (("vkc-search.js", SCRIPT), ("vkc-search.css", STYLE)):
            if sub and (tree / dest).is_file():  # the current version's call copied it
                continue
            (tree / dest).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ASSETS / name, tree / dest)
    return sizes
