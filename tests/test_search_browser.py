"""Search in a real browser: queries typed into the box of the built site, results asserted.

The site is built once per session (conftest.search_site) from tests/fixtures/search (texts chosen for the rules:
đô thị / đồ thị, đ -> d, 도시는/도시를/도시의, 스마트시티 / 스마트 시티, glossary) and served
from 127.0.0.1; one headless Chromium types the queries.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import Browser, Server, search
from gates import axe
from gates.axe import AXE, TAGS
from vkc.content import load_content
from vkc.document.cite import PREFIXES, page_address
from vkc.document.pages import nav_order, page_documents

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "search"


@pytest.fixture(scope="module")
def served(search_site: Path) -> Iterator[tuple[Browser, str]]:
    server = Server(search_site)
    with Browser() as browser:
        yield browser, server.url
    server.stop()


def _results(served: tuple[Browser, str], root: str, query: str) -> list[tuple[str, list[str]]]:
    browser, url = served
    if browser.eval("location.href") != url + root:
        browser.goto(url + root)
    found: list[dict[str, Any]] = search(browser, query)
    for hit in found:  # results only from the page's language
        assert hit["href"].startswith(url + root)
        if root == "":
            assert not hit["href"].startswith((url + "en/", url + "ko/"))
    return [(hit["href"][len(url + root) :], hit["marks"]) for hit in found]


CH = "guideline/part-search/#ch-"

VIETNAMESE = [
    # No diacritics finds the toned text, đ folds to d; the excerpt marks the original words.
    ("do thi thong minh", [(CH + "smart", ["đô thị thông minh"]), ("glossary/", ["đô thị thông minh"])]),
    # Exact tones first: đồ thị (chart) before đô thị (city), and the reverse.
    ("đồ thị", [(CH + "chart", ["Đồ thị"]), (CH + "smart", ["đô thị"]), ("glossary/", ["đô thị"])]),
    ("đô thị", [(CH + "smart", ["đô thị"]), ("glossary/", ["đô thị"]), (CH + "chart", ["Đồ thị"])]),
    # Without tones no tier: the title match ranks first; capitals fold too.
    ("DO THI", [(CH + "chart", ["Đồ thị"]), (CH + "smart", ["đô thị"]), ("glossary/", ["đô thị"])]),
    ("da nang", [(CH + "danang", ["Đà Nẵng"])]),
    ("Đà Nẵng", [(CH + "danang", ["Đà Nẵng"])]),
    ("quan trac", [(CH + "chart", ["quan trắc"])]),
    # Glossary bridge into Vietnamese, from English and from Korean.
    ("smart city", [(CH + "smart", ["đô thị thông minh"]), ("glossary/", ["đô thị thông minh"])]),
    ("스마트시티", [(CH + "smart", ["đô thị thông minh"]), ("glossary/", ["đô thị thông minh"])]),
    # A glossary term inside a longer query: the other words still apply.
    ("smart city ben vung", [(CH + "smart", ["đô thị thông minh bền vững"])]),
    # Korean text exists only on the Korean site.
    ("도시는", []),
]

KOREAN = [
    # A noun finds its forms with particles; a form with a particle finds that form only.
    ("도시", [(CH + "city", ["도시", "도시", "도시"]), ("glossary/", ["도시"])]),
    ("도시는", [(CH + "city", ["도시는"])]),
    ("도시를", [(CH + "city", ["도시를"])]),
    ("도시의", [(CH + "city", ["도시의"])]),
    # Compounds with and without a space find each other, marked as one.
    (
        "스마트시티",
        [(CH + "smart", ["스마트시티"]), ("glossary/", ["스마트시티"]), (CH + "certification", ["스마트 시티"])],
    ),
    (
        "스마트 시티",
        [
            (CH + "smart", ["스마트시티"]),
            ("glossary/", ["스마트시티"]),
            (CH + "certification", ["스마트 시티"]),
        ],
    ),
    ("시티", [(CH + "smart", ["시티"]), ("glossary/", ["시티"]), (CH + "certification", ["시티"])]),
    ("다낭", [(CH + "danang", ["다낭"])]),
    # Glossary bridge: English and Vietnamese terms find the Korean rendering.
    (
        "smart city",
        [("glossary/", ["smart city"]), (CH + "smart", ["스마트시티"]), (CH + "certification", ["스마트 시티"])],
    ),
    (
        "đô thị thông minh",
        [("glossary/", ["đô thị thông minh"]), (CH + "smart", ["스마트시티"]), (CH + "certification", ["스마트 시티"])],
    ),
    ("open data", [("glossary/", ["open data"]), (CH + "data", ["공공데이터"])]),
    ("smart city 인증", [(CH + "certification", ["스마트 시티 인증"])]),
    # Vietnamese text of the Vietnamese pages is not in the Korean index.
    ("quan trac", []),
]


@pytest.mark.parametrize(("query", "expected"), VIETNAMESE)
def test_vietnamese_queries(served: tuple[Browser, str], query: str, expected: list[tuple[str, list[str]]]) -> None:
    assert _results(served, "", query) == expected


@pytest.mark.parametrize(("query", "expected"), KOREAN)
def test_korean_queries(served: tuple[Browser, str], query: str, expected: list[tuple[str, list[str]]]) -> None:
    assert _results(served, "ko/", query) == expected


def test_bridge_is_explained_and_count_shown(served: tuple[Browser, str]) -> None:
    browser, _ = served
    _results(served, "ko/", "smart city")
    assert (
        browser.eval("document.querySelector('.vkc-search__bridge').textContent")
        == "용어집: smart city → 스마트시티 / 스마트도시"
    )
    assert browser.eval("document.querySelector('.vkc-search__count').textContent") == "검색 결과 3개"


def test_no_result_message(served: tuple[Browser, str]) -> None:
    browser, _ = served
    assert _results(served, "", "zzzqqq") == []
    assert browser.eval("document.querySelector('.vkc-search__count').textContent") == "Không tìm thấy kết quả"


def test_excerpt_shows_original_text_around_the_match(served: tuple[Browser, str]) -> None:
    browser, _ = served
    _results(served, "ko/", "도시의")
    assert browser.eval("document.querySelector('.vkc-search__excerpt').textContent") == (
        "도시는 시민을 위한 공간이다. 도시를 설계할 때 도시의 기능을 고려한다."
    )
    assert browser.eval("document.querySelector('.vkc-search__heading').textContent") == "1.4 공공 공간"


# What a strict host sends: scripts and workers from the site itself only, no inline script.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'self'"
)


def test_search_under_strict_csp_loads_nothing_from_another_host(search_site: Path) -> None:
    server = Server(search_site, {"Content-Security-Policy": CSP})
    try:
        with Browser() as browser:
            # Who started a request is known to the DevTools protocol only (Playwright's request
            # events do not say): listen on a CDP session of the page.
            sent: list[dict[str, Any]] = []
            cdp = browser.context.new_cdp_session(browser.page)
            cdp.on("Network.requestWillBeSent", lambda params: sent.append(params))
            cdp.send("Network.enable")
            browser.goto(server.url + "guideline/")
            found = search(browser, "da nang")
            assert [hit["href"] for hit in found] == [server.url + "guideline/part-search/#ch-danang"]
            # Requests of the search: its files and whatever its script starts. (The theme's own
            # requests are the site's business: Material looks up sitemap.xml at the address of
            # every <link rel=alternate>.)
            requested = sorted(
                e["request"]["url"][len(server.url) :]
                if e["request"]["url"].startswith(server.url)
                else e["request"]["url"]
                for e in sent
                if "vkc-search" in json.dumps(e.get("initiator", {})) or "vkc-search" in e["request"]["url"]
            )
            assert requested == [
                "assets/javascripts/vkc-search.js",
                "assets/stylesheets/vkc-search.css",
                "search/index.js",
            ]
            # worker-src 'self' lets the offline worker in.
            assert browser.eval("navigator.serviceWorker.ready.then(r => r.scope)") == server.url
            blocked = [m.text for m in browser.console if "vkc-search" in m.location["url"]]
            assert blocked == []
    finally:
        server.stop()


def _typed(title: str, lang: str) -> str:
    """A title as readers type it: Vietnamese without tones, Korean without spaces, lower case."""
    text = unicodedata.normalize("NFD", title.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return text.replace(" ", "") if lang == "ko" else text


def test_every_page_of_the_navigation_is_found_first_by_its_title(served: tuple[Browser, str]) -> None:
    content, _ = load_content(FIXTURE)
    assert content is not None
    documents = page_documents(content)
    paths = [p for item in nav_order(content) for p in (item[1] if isinstance(item, tuple) else [item])]
    assert "translation-status.md" in paths and "sources.md" in paths
    for lang in ("vi", "en", "ko"):
        root = PREFIXES[lang]
        for path in paths:
            query = _typed(documents[path][lang].title, lang)
            found = _results(served, root, query)
            target = page_address("/", lang, path)[1 + len(root) :]
            assert found and found[0][0] == target, (lang, path, query, found[:3])


@pytest.mark.parametrize(("root", "query"), [("", "nguon"), ("", "nguon tham"), ("en/", "sources"), ("ko/", "출처")])
def test_the_first_word_of_a_title_ranks_its_page_first(served: tuple[Browser, str], root: str, query: str) -> None:
    assert _results(served, root, query)[0][0] == "sources/"


def test_results_filter_by_record_kind(served: tuple[Browser, str]) -> None:
    browser, _ = served
    assert [url for url, _ in _results(served, "", "do thi thong minh")] == [CH + "smart", "glossary/"]
    buttons = "[...document.querySelectorAll('.vkc-search__filter')].map(b => [b.textContent, b.getAttribute('aria-pressed')])"
    assert browser.eval(buttons) == [
        ["Tất cả (2)", "true"],
        ["Hướng dẫn (1)", "false"],
        ["Thuật ngữ (1)", "false"],
    ]
    assert browser.eval("document.querySelector('.vkc-search__filters').getAttribute('aria-label')") == "Lọc theo loại"
    browser.eval("document.querySelector('.vkc-search__filter[data-kind=\"glossary\"]').click()")
    shown = browser.eval(
        "[...document.querySelectorAll('#vkc-search .vkc-search__list a')].map(a => a.getAttribute('href'))"
    )
    assert [href.rsplit("/", 2)[-2] + "/" for href in shown] == ["glossary/"]
    assert browser.eval("document.querySelector('.vkc-search__count').textContent") == "1 kết quả"
    assert browser.eval(buttons)[2] == ["Thuật ngữ (1)", "true"]
    # The panel stays open and the pressed button keeps the focus (keyboard readers stay put).
    assert browser.eval("document.querySelector('#vkc-search-results').hidden") is False
    assert browser.eval("document.activeElement.getAttribute('data-kind')") == "glossary"
    # Back to all kinds.
    browser.eval("document.querySelector('.vkc-search__filter[data-kind=\"\"]').click()")
    assert browser.eval("document.querySelector('.vkc-search__count').textContent") == "2 kết quả"


@pytest.mark.parametrize("dark", [False, True])
def test_the_open_panel_with_filters_is_accessible(search_site: Path, dark: bool) -> None:
    server = Server(search_site)
    try:
        with Browser() as browser:
            axe.scheme(browser, dark)
            browser.goto(server.url + "en/")
            assert [url for url, _ in _found(search(browser, "smart city"), server.url + "en/")] == [
                CH + "smart",
                "glossary/",
            ]
            assert browser.eval("document.querySelectorAll('.vkc-search__filter').length") == 3
            browser.run(AXE.read_text(encoding="utf-8"))
            options = json.dumps({"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
            violations = browser.eval(
                f"axe.run(document.getElementById('vkc-search'), {options}).then(r => r.violations.map(v => v.id))"
            )
            assert violations == []
    finally:
        server.stop()


def _found(hits: list[dict[str, Any]], root: str) -> list[tuple[str, list[str]]]:
    return [(hit["href"][len(root) :], hit["marks"]) for hit in hits]
