"""Navigation items and template parts reused from an earlier page (vkc.site.navcache,
vkc.site.fragments) give the pages the templates write for each page: the same bytes, on a tree
with sections, pruned sections, index pages and pages beside one another at several depths."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils import normalize_url

from conftest import FIXTURES, REPO
from vkc.publish.build import build_site
from vkc.site import engine
from vkc.site.fragments import Fragments
from vkc.site.navcache import _OUTSIDE, NavCache, _link_path, _place, wrap_source

pytestmark = pytest.mark.slow

_TITLES = {"vi": "Mục", "en": "Item", "ko": "항목"}


def _deep_docs(root: Path) -> Path:
    """The hand-written pages, and a tree of sections two and three levels deep in each language."""
    docs = root / "docs"
    shutil.copytree(REPO / "docs", docs)
    for lang, word in _TITLES.items():
        for rel in (
            "deep/index.md",
            "deep/s1/index.md",
            "deep/s1/p1.md",
            "deep/s1/p2.md",
            "deep/s2/p1.md",
            "deep/s2/p2.md",
            "deep/s2/inner/p1.md",
            "deep/s2/inner/p2.md",
            "deep/s3/inner/p1.md",
        ):
            page = docs / lang / rel
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {word} {rel}\n\n## {word}\n\nText.\n", encoding="utf-8")
    return docs


def _pages(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.html"))}


def test_reused_navigation_and_template_parts_give_the_same_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _deep_docs(tmp_path)
    built = {}
    for cached in (False, True):
        monkeypatch.setattr(engine, "REUSE_RENDERED", cached)
        monkeypatch.setattr(engine, "_SESSIONS", {})  # no session of the other build is reused
        out = tmp_path / f"site-{cached}"
        build_site(FIXTURES / "mini", out, config=REPO / "mkdocs.yml", docs=docs, editions=False, archives=False)
        built[cached] = _pages(out)
    assert "en/deep/s2/inner/p2/index.html" in built[True]
    assert sorted(built[True]) == sorted(built[False])
    assert [page for page in built[False] if built[True][page] != built[False][page]] == []
    # The reused markup is really there: a pruned section beside the page links its first page.
    page = built[True]["en/deep/s1/p2/index.html"].decode("utf-8")
    assert 'class="md-nav__item md-nav__item--pruned md-nav__item--nested"' in page
    assert 'href="../../s2/p1/"' in page


def test_a_theme_without_materials_macro_is_served_unchanged() -> None:
    source = "{% macro render(item) %}{{ item }}{% endmacro %}"
    assert wrap_source(source) == source
    wrapped = wrap_source("{% macro render(nav_item, path, level, parent) %}x{% endmacro %}")
    assert wrapped.startswith("{% macro vkc_material_render(nav_item, path, level, parent) %}x{% endmacro %}")
    assert "{% set render = vkc_nav_item.bind(vkc_material_render, page) %}" in wrapped


class _Item:
    def __init__(self, url: str, title: str, active: bool = False) -> None:
        self.url, self.title, self.active = url, title, active
        self.children: list[_Item] | None = None
        self.meta: dict[str, str] = {}


def test_an_item_is_rendered_again_when_its_link_title_or_state_differs() -> None:
    calls: list[str] = []

    def material(item: _Item, path: str, level: int) -> str:
        calls.append(item.title)
        return f"<a href={item.url}>{item.title}</a>"

    cache = NavCache(["navigation.prune"])
    sibling, here, elsewhere = _Item("a/b/", "B"), _Item("a/c/", "C", active=True), _Item("x/", "X")
    at_here, at_elsewhere, at_404 = (
        cache.bind(material, here),
        cache.bind(material, elsewhere),
        cache.bind(material, None),
    )
    assert at_here(sibling, "__nav_1", 2) == "<a href=a/b/>B</a>"
    at_here(sibling, "__nav_1", 2)  # the same link from the same folder: reused
    assert calls == ["B"]
    at_elsewhere(sibling, "__nav_1", 2)  # another relative link: rendered
    sibling.title = "B2"
    at_here(sibling, "__nav_1", 2)  # another title: rendered
    at_here(here, "__nav_2", 2)  # the page itself: rendered every time
    at_here(here, "__nav_2", 2)
    at_404(sibling, "__nav_1", 2)  # no page (the 404 template): rendered
    assert calls == ["B", "B", "B2", "C", "C", "B2"]


def test_a_template_part_is_rendered_once_per_key() -> None:
    rendered: list[str] = []

    def part() -> str:
        rendered.append("x")
        return f"<p>{len(rendered)}</p>"

    once, always = Fragments(), Fragments(reuse=False)
    assert [once("header", "../", caller=part), once("header", "../", caller=part)] == ["<p>1</p>", "<p>1</p>"]
    assert once("header", "../../", caller=part) == "<p>2</p>"  # another relative link: rendered
    assert [always("header", "../", caller=part) for _ in range(2)] == ["<p>3</p>", "<p>4</p>"]


class _Page:
    def __init__(self, url: str) -> None:
        self.url = url


_PIECE = st.sampled_from(["a", "b", "s1", "p", "q", "x.html", "..", ".", ""])


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "s1"]), max_size=3),
    st.sampled_from(["p", "q", "p.html", "index.html"]),
    st.sampled_from(["p", "q", "r.html"]),
    st.lists(_PIECE, max_size=4),
    st.sampled_from(["", "/", "https://x.org/", "#top", "/abs/"]),
)
def test_a_link_is_written_alike_from_every_page_of_a_folder_but_its_own(
    folder: list[str], name: str, other: str, target: list[str], form: str
) -> None:
    """What the navigation's reused runs rest on (vkc.site.navcache): mkdocs writes an item's
    link alike from two pages of one folder, unless the item is one page's own folder or inside it."""
    first, second = ("/".join([*folder, page]) + ("" if "." in page else "/") for page in (name, other))
    link = form + "/".join(target) if form in ("https://x.org/", "#top", "/abs/") else "/".join(target) + form
    found = [_place(_Page(url)) for url in (first, second)]
    places = [place for place in found if place is not None]
    if len(places) < 2 or places[0][1] != places[1][1]:  # a page at the root, or not one folder
        return
    parts = _link_path(link)
    inside = [parts is not _OUTSIDE and parts[: len(place[0])] == place[0] for place in places]
    if not any(inside):
        pages: list[Any] = [_Page(first), _Page(second)]  # what normalize_url reads of a Page
        assert normalize_url(link, page=pages[0]) == normalize_url(link, page=pages[1])
