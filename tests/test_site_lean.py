"""Lean pages: nothing in a page grows with the size of the site, nothing copied that no page uses.

Two builds of the `mini` fixture with the repository's hand-written pages: as they are, and
with a folder of synthetic hand-written pages in each language, more than fit on one level
of the navigation.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html as lxml_html

from conftest import FIXTURES, REPO
from vkc.publish.build import build_site
from vkc.site.langconfig import NAV_FANOUT

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

PREFIXES = {"vi": "", "en": "en/", "ko": "ko/"}
SYNTHETIC = 3 * NAV_FANOUT + 4
"""Synthetic pages per language, all in one folder: more than one navigation level holds."""
ROOT_URL = "https://vkc-smartcity.example.org/"


def _build(work: Path, synthetic: int) -> Path:
    docs = work / "docs"
    shutil.copytree(REPO / "docs", docs)
    for lang in PREFIXES:
        folder = docs / lang / "extra"
        folder.mkdir()
        for i in range(synthetic):
            (folder / f"page-{i:03d}.md").write_text(f"# Page {i}\n\nText {i}.\n", encoding="utf-8")
    out = work / "site"
    build_site(FIXTURES / "mini", out, config=REPO / "mkdocs.yml", docs=docs, editions=False)
    return out


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("lean-small"), 0)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("lean-large"), SYNTHETIC)


def _pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(("downloads/", "versions/"))
    }


def _primary_nav(page: str) -> lxml_html.HtmlElement:
    [nav] = lxml_html.fromstring(page).xpath('//nav[contains(@class, "md-nav--primary")]')
    assert isinstance(nav, lxml_html.HtmlElement)
    return nav


def _nav_entry(page: str, folder: str) -> str:
    """The markup of the navigation entry that opens ``folder`` (a pruned section: one link)."""
    found = re.search(
        rf'<li class="md-nav__item md-nav__item--pruned[^"]*">\s*<a href="[^"]*{folder}/[^"]*"(?:(?!</li>).)*</li>\s*',
        page,
        re.S,
    )
    return found.group(0) if found else ""


def test_other_pages_do_not_grow_when_pages_are_added(small: Path, large: Path) -> None:
    before, after = _pages(small), _pages(large)
    assert len(after) == len(before) + 3 * SYNTHETIC
    grown = {}
    for rel, page in before.items():
        # What a page may gain: the one link to the new folder, where its section is open, and a
        # <link rel="next"> where the folder now follows the page.
        gained_next = re.findall(r'<link rel="next"[^>]*>\s*', after[rel]) if 'rel="next"' not in page else []
        allowed = len(_nav_entry(after[rel], "extra")) + sum(len(link) for link in gained_next)
        if len(after[rel].encode()) > len(page.encode()) + allowed:
            grown[rel] = len(after[rel].encode()) - len(page.encode())
    assert grown == {}


def test_no_navigation_level_holds_more_than_the_fanout_and_every_page_is_reachable(large: Path) -> None:
    pages = _pages(large)
    for prefix in PREFIXES.values():
        # Follow only the navigation's links, from the home page of the language.
        seen, todo = set(), [f"{prefix}index.html"]
        while todo:
            rel = todo.pop()
            if rel in seen or rel not in pages:
                continue
            seen.add(rel)
            nav = _primary_nav(pages[rel])
            for href in nav.xpath(".//a/@href"):
                path = urlsplit(href).path
                if urlsplit(href).scheme or not path:
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(path)))
                todo.append(target if target.endswith(".html") else f"{target}/index.html".removeprefix("./"))
            if "/extra/" in f"/{rel}":
                # The synthetic folder's levels: their own entries only, at most NAV_FANOUT each.
                for level in nav.xpath('.//nav[@data-md-level>="2"]/ul'):
                    assert len(level.xpath("./li")) <= NAV_FANOUT, rel
        synthetic = {f"{prefix}extra/page-{i:03d}/index.html" for i in range(SYNTHETIC)}
        assert synthetic <= seen, sorted(synthetic - seen)[:3]


_URL_ATTRS = ("href", "src", "content")
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
_SOURCE_MAP = re.compile(r"[#@] sourceMappingURL=([^\s*]+)")


def _referenced(site: Path) -> set[str]:
    """Every file of the site (relative path) that a page, stylesheet or script names."""
    found: set[str] = set()

    def add(source: str, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme:
            if not url.startswith(ROOT_URL):
                return
            path = url[len(ROOT_URL) :].split("#")[0].split("?")[0]
        elif parts.path.startswith("/"):  # the 404 pages' links start at the site's root
            path = unquote(parts.path)
        else:
            path = posixpath.join(posixpath.dirname(source), unquote(parts.path))
        found.add(posixpath.normpath(path).lstrip("/"))

    for file in site.rglob("*"):
        rel = file.relative_to(site).as_posix()
        if file.suffix == ".html":
            tree = lxml_html.fromstring(file.read_text(encoding="utf-8"))
            for attr in _URL_ATTRS:
                for url in tree.xpath(f"//@{attr}"):
                    add(rel, str(url))
        elif file.suffix == ".css":
            for url in _CSS_URL.findall(file.read_text(encoding="utf-8")):
                add(rel, url)
        elif file.suffix == ".js":
            for url in _SOURCE_MAP.findall(file.read_text(encoding="utf-8")):
                add(rel, url)
    return found


def test_every_asset_is_referenced(large: Path) -> None:
    referenced = _referenced(large)
    assets = {
        p.relative_to(large).as_posix()
        for prefix in PREFIXES.values()
        for p in (large / prefix / "assets").rglob("*")
        if p.is_file()
    }
    assert any(a.endswith(".min.js") for a in assets)  # the theme's files are there ...
    assert sorted(assets - referenced) == []  # ... and every one of them is used
