"""Checks on a built tree before it is published: same pages in every language, no broken
internal link or anchor, and no active content inside an article.

Why: mkdocs validates Markdown links only, not the links our templates write (language
switcher, downloads), and it cannot know that a text came from an untrusted YAML file.
The check reads the built HTML itself, with regular expressions over Material's
well-formed output (an HTML parser was several times slower on large trees).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from ..site.urls import normalise_path, tree_inventory

_ID = re.compile(r"""id=["']?([^"'\s>]+)""")
"""An id attribute's value; it counts where white space comes before (see :func:`_ids`)."""
_LINK = re.compile(r"""<(?:a|link|img|script)\b[^>]*?\s(?:href|src)=["']([^"']*)["']""")
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_ACTIVE = ((re.compile(r"<(?:script|iframe|object|embed|form|base|meta|style|link)\b", re.I), "an active element"),)
"""Elements that never belong in the page text (the theme's own are outside <article>)."""


@dataclass
class PageScan:
    """What the check needs from one HTML file."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# The theme's own scripts (Material 9.8) and our JSON-LD data block (vkc.site.meta, never
# executed): anything else is a script that content brought in.
_THEME_SCRIPT = re.compile(
    r"""<script(?:>(?:__md_scope=|var palette=|var target=)|\s+id="__config"\s+type="application/json">|\s+(?:defer\s+)?src="[^"]*assets/javascripts/[^"]*"></script>"""
    r"""|\s+type="application/ld\+json">\{"@context":"https://schema\.org/")"""
)
_SCRIPT = re.compile(r"<script\b[^>]*>(?:[^<]{0,20}|</script>)", re.I)
_TITLE = re.compile(r"<title>([^<]*)</title>")
_PAGE_WIDE = ((re.compile(r"<(?:iframe|object|embed|base|frame|applet)\b", re.I), "an embedding element"),)
_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9:-]*((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
_ATTR = re.compile(r"""\s+([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_EVENT_NAME = re.compile(r"on[a-z]+\s*=")
_SCHEME_VALUE = re.compile(r"""=\s*["']?\s*(?:javascript|vbscript|data)\s*:""")
_ENTITY_IN_URL = tuple(re.compile(name + r"""\s*=\s*["']?[^"'>]*&(?:#|colon;)""") for name in ("href", "src", "action"))


def _may_have_attribute_problems(text: str) -> bool:
    """A superset of what :func:`_attribute_problems` reports (entity-encoded schemes included).

    Why this shape: one case-insensitive alternation searched at every position took 2.8 ms of
    a 27 KB page; the lowered text and patterns that start with a literal take 0.6 ms. A scheme
    counts only at the start of an attribute value: the Content-Security-Policy's
    ``'self' data:`` is on every page.
    """
    lowered = text.lower()
    return (
        any(lowered[max(event.start() - 1, 0)].isspace() for event in _EVENT_NAME.finditer(lowered))
        or _SCHEME_VALUE.search(lowered) is not None
        or any(pattern.search(lowered) for pattern in _ENTITY_IN_URL)
    )


_BAD_URL = re.compile(r"^\s*(?:javascript|vbscript|data):", re.I)


def _attribute_problems(text: str) -> list[str]:
    """Event attributes and script/data URLs in any tag (attribute values parsed, not text)."""
    problems = []
    for tag in _TAG.finditer(text):
        for name, value in _ATTR.findall(tag.group(1)):
            lowered = name.lower()
            if lowered.startswith("on"):
                problems.append(f"an on* event attribute: {tag.group(0)[:60]!r}")
            elif lowered in ("href", "src", "action", "formaction", "xlink:href") and _BAD_URL.match(
                html.unescape(value.strip("\"'"))
            ):
                problems.append(f"a script or data link: {tag.group(0)[:60]!r}")
    return problems


def _ids(text: str) -> set[str]:
    """The page's id attributes. Why not one pattern that starts with white space: a pattern that
    starts with a literal is searched for by that literal, and 0.4 ms of a 30 KB page went to
    trying the other at every space."""
    return {found.group(1) for found in _ID.finditer(text) if found.start() and text[found.start() - 1].isspace()}


def scan_html(text: str) -> PageScan:
    """Ids, link targets and active-content problems of one page."""
    scan = PageScan(_ids(text), _LINK.findall(text))
    for match in _SCRIPT.finditer(text):
        if not _THEME_SCRIPT.match(text, match.start()):
            scan.problems.append(f"a script the theme did not write: {match.group(0)[:60]!r}")
    if "<title>" in text and not _TITLE.search(text):
        scan.problems.append("markup inside <title>")
    if _may_have_attribute_problems(text):  # parsing every tag is slow; most pages have nothing to look at
        scan.problems += _attribute_problems(text)
    for pattern, what in _PAGE_WIDE:
        found = pattern.search(text)
        if found:
            scan.problems.append(f"{what}: {found.group(0)[:60]!r}")
    for article in _ARTICLE.findall(text):
        for pattern, what in _ACTIVE:
            found = pattern.search(article)
            if found:
                scan.problems.append(f"{what} in the page text: {found.group(0)[:60]!r}")
    return scan


def scan_tree(root: Path) -> dict[str, PageScan]:
    """Scan every HTML file under ``root``, keyed by its path relative to ``root``."""
    return {
        p.relative_to(root).as_posix(): scan_html(p.read_text(encoding="utf-8")) for p in sorted(root.rglob("*.html"))
    }


class LinkMemo(Protocol):
    """Resolved links of pages, remembered by a caller that knows which pages did not change."""

    def get(self, name: str) -> list[Resolved] | None:
        """The resolved links of the page at ``name``, when known."""

    def put(self, name: str, found: list[Resolved]) -> None:
        """Remember the links just resolved for the page at ``name``."""


Resolved = tuple[str, str, str, bool]
"""A link as the check needs it: (the link, the path it names in the tree or "" with a problem in
the next field, its fragment or the problem, whether it names a folder)."""


def check_site(
    root: Path,
    scans: dict[str, PageScan],
    prefixes: dict[str, str],
    memo: LinkMemo | None = None,
    inventory: tuple[set[str], set[str]] | None = None,
) -> list[str]:
    """Problems of the built site at ``root`` (``prefixes``: language -> folder, vi -> "").

    Resolving a page's links is most of the work and depends on the page alone: ``memo`` keeps
    the resolved links of pages that did not change; what they point to is checked every time.
    ``inventory``: the files and folders of the tree (the root as ""), when the caller listed it.
    """
    problems: list[str] = []
    page_sets: dict[str, set[str]] = {}
    others = tuple(p for p in prefixes.values() if p)
    for lang, prefix in prefixes.items():
        pages = {
            name[len(prefix) :]
            for name in scans
            if name.startswith(prefix) and (prefix or not name.startswith(others)) and not name.startswith("downloads/")
        }
        page_sets[lang] = pages
    reference = page_sets.get("vi", set())
    for lang, pages in page_sets.items():
        for missing in sorted(reference - pages):
            problems.append(f"{prefixes[lang]}{missing}: page missing in '{lang}' (it exists in 'vi')")
        for extra in sorted(pages - reference):
            problems.append(f"{prefixes[lang]}{extra}: page exists only in '{lang}'")
    files, dirs = inventory if inventory is not None else _inventory(root)
    for name, scan in scans.items():
        problems += [f"{name}: {p}" for p in scan.problems]
        resolved = memo.get(name) if memo else None
        if resolved is None:
            resolved = resolve_links(name, scan.links)
            if memo:
                memo.put(name, resolved)
        for link, target, fragment, folder in resolved:
            found = _check_target(link, target, fragment, folder, scans, files, dirs)
            if found:
                problems.append(f"{name}: {found}")
    return problems


def _inventory(root: Path) -> tuple[set[str], set[str]]:
    files, dirs = tree_inventory(root)
    return set(files), {"", *dirs}


def _plain(link: str) -> bool:
    """Whether ``link`` is a relative path and nothing else (most links): no scheme, query,
    fragment, escape, root, host, space or control character, so that ``urlsplit`` would give it
    back whole as its path."""
    return (
        bool(link)
        and link[0] != "/"
        and link.isprintable()
        and " " not in link
        and not any(c in link for c in ":?#%\\")
    )


_RESOLVED: dict[tuple[str, str], Resolved] = {}
"""Relative links already resolved, by the folder they climb to and the link (see
:func:`resolve_links`)."""
_RESOLVED_MAX = 20_000
"""Entries kept before the table starts again (a few MB; 3x1000 pages in one process need about 15,000)."""


def resolve_links(page: str, links: list[str]) -> list[Resolved]:
    """What each link of the page at ``page`` in the tree names, before looking at the tree.

    Why the table: most links are the navigation's, and pages of one folder climb to the same
    folders with the same links (``../page-2/``, ``../../s01/``); a link with ``k`` leading
    ``../`` names the same path from every folder whose ``k``-th parent is the same (a fifth of
    a page's site-check work, at 3x1000). A link with anything but a path (a fragment, a
    query) depends on the page itself and is not kept.
    """
    base = page.rpartition("/")[0]
    pieces = base.split("/") if base else []
    if any(piece in ("", ".", "..") for piece in pieces):  # not a built page's path: no shortcut
        return [_resolve(page, link) for link in links]
    parents = ["/".join(pieces[:depth]) for depth in range(len(pieces) + 1)]
    if len(_RESOLVED) > _RESOLVED_MAX:
        _RESOLVED.clear()
    out = []
    for link in links:
        ups = 0
        while link.startswith("../", 3 * ups):
            ups += 1
        key = (parents[len(pieces) - ups] if ups <= len(pieces) else "/", link)
        found = _RESOLVED.get(key)
        if found is None:
            found = _resolve(page, link)
            if _plain(link):
                _RESOLVED[key] = found
        out.append(found)
    return out


def _resolve(page: str, link: str) -> Resolved:
    """What one link of ``page`` names, before looking at the tree."""
    if _plain(link):
        resolved = normalise_path(f"{page.rpartition('/')[0]}/{link}")
        if resolved is None:
            return (link, "", f"link leaves the site: {link}", False)
        return (link, resolved, "", link.endswith("/"))
    return _resolve_parsed(page, link)


def _resolve_parsed(page: str, link: str) -> Resolved:
    """:func:`_resolve` for any link, through ``urlsplit``."""
    parts = urlsplit(link)
    if parts.scheme in ("http", "https", "mailto") or link.startswith("//"):
        return (link, "", "", False)
    if parts.scheme:
        return (link, "", f"link with scheme '{parts.scheme}:' ({link[:60]})", False)
    base = page.rpartition("/")[0]
    target = f"{base}/{unquote(parts.path)}" if parts.path else page
    if parts.path.startswith("/"):
        target = unquote(parts.path)
    resolved = normalise_path(target)
    if resolved is None:
        return (link, "", f"link leaves the site: {link}", False)
    return (link, resolved, unquote(parts.fragment), parts.path.endswith("/"))


def _check_target(
    link: str, target: str, fragment: str, folder: bool, scans: dict[str, PageScan], files: set[str], dirs: set[str]
) -> str | None:
    if not target:  # an outside link (no problem) or a problem found while resolving
        return fragment or None
    if folder or target in dirs:
        target = f"{target}/index.html".lstrip("/")
    if target not in files:
        return f"broken link: {link}"
    if fragment and target in scans and fragment not in scans[target].ids:
        return f"broken anchor: {link}"
    return None
