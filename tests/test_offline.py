"""Offline reading: the service worker after a first visit, and the per-language archives.

Browser tests stop the server (the network is gone) and read and search on; the archive is
unpacked and opened from file://. Unit tests check the worker's cache list and version and
the archive's link rewriting on small trees.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from browser import Browser, Server, search
from vkc.search.offline import write_archives, write_service_workers

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

PREFIXES = {"vi": "", "en": "en/", "ko": "ko/"}
WEB = "https://vkc-smartcity.example.org/"


@pytest.fixture(scope="module")
def site(search_site: Path) -> Path:
    """tests/fixtures/search built (conftest.search_site; tests that change it work on a copy)."""
    return search_site


def test_reading_and_search_keep_working_when_the_network_is_gone(site: Path) -> None:
    server = Server(site)
    try:
        with Browser() as browser:
            browser.goto(server.url + "ko/")
            assert (
                browser.wait_for("navigator.serviceWorker.ready.then(r => r.scope)", timeout=30) == server.url + "ko/"
            )
            browser.wait_for("navigator.serviceWorker.controller !== null")
            caches = browser.eval("caches.keys()")
            assert len(caches) == 1 and re.fullmatch(r"vkc-ko-[0-9a-f]{16}", caches[0])
            server.stop()
            browser.goto(server.url + "ko/glossary/")
            assert browser.eval("document.querySelector('h1').firstChild.textContent") == "용어집"
            assert [hit["href"] for hit in search(browser, "스마트 시티")] == [
                server.url + "ko/guideline/part-search/#ch-smart",
                server.url + "ko/glossary/",
                server.url + "ko/guideline/part-search/#ch-certification",
            ]
            browser.goto(server.url + "ko/guideline/part-search/")
            assert browser.eval("document.querySelector('#ch-city').firstChild.textContent") == "1.4 공공 공간"
    finally:
        server.stop()


def test_a_new_edition_replaces_the_cache(site: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(site, tmp_path / "site")
    # Published an hour ago: by its Last-Modified alone the browser's HTTP cache then holds each
    # page as fresh for minutes, and a new edition must not be cached from there.
    hour_ago = time.time() - 3600
    for path in copy.rglob("*"):
        os.utime(path, (hour_ago, hour_ago))
    server = Server(copy)
    try:
        with Browser() as browser:
            browser.goto(server.url + "ko/")
            browser.wait_for("navigator.serviceWorker.ready.then(() => true)", timeout=30)
            old = browser.wait_for("caches.keys().then(k => k.join())")
            glossary = copy / "ko" / "glossary" / "index.html"
            glossary.write_text(
                glossary.read_text(encoding="utf-8").replace("</article>", '<p id="edition-2">2</p></article>'),
                encoding="utf-8",
            )
            new = write_service_workers(copy, PREFIXES)["ko"]
            assert new != old
            browser.goto(server.url + "ko/")  # a navigation makes the browser look for a new sw.js ...
            # ... but that one check may race the new file (seen once in CI): ask again while waiting.
            browser.wait_for(
                "navigator.serviceWorker.getRegistration().then(r => r.update()).catch(() => null)"
                f".then(() => caches.keys()).then(k => k.join() === '{new}')",
                timeout=30,
            )
            server.stop()
            browser.goto(server.url + "ko/glossary/")
            assert browser.eval("document.getElementById('edition-2').textContent") == "2"
    finally:
        server.stop()


def test_archive_pages_navigation_and_search_from_file_system(site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(site / "downloads" / "site-ko.zip") as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    assert "vkc-ko/ko/index.html" in names and "vkc-ko/ko/search/index.js" in names
    assert not [n for n in names if n.startswith("vkc-ko/en/") or n.startswith("vkc-ko/guideline/")]
    root = tmp_path / "vkc-ko"
    assert '<meta http-equiv="refresh" content="0; url=ko/index.html">' in (root / "index.html").read_text(
        encoding="utf-8"
    )
    with Browser() as browser:
        browser.goto((root / "ko" / "index.html").as_uri())
        link = browser.eval("[...document.querySelectorAll('a')].find(a => a.textContent.trim() === '용어집').href")
        assert link == (root / "ko" / "glossary" / "index.html").as_uri()
        browser.goto(link)
        assert browser.eval("document.querySelector('h1').firstChild.textContent") == "용어집"
        assert [hit["href"] for hit in search(browser, "도시의")] == [
            (root / "ko" / "guideline" / "part-search" / "index.html").as_uri() + "#ch-city"
        ]
        (root / "ko" / "search" / "index.js").unlink()
        browser.goto(link)
        browser.eval("(() => { const i = document.querySelector('#vkc-search input'); i.focus(); })()")
        browser.type("도시")
        note = browser.wait_for(
            "[...document.querySelectorAll('.vkc-search__note')].map(p => p.textContent).find(t => !t.endsWith('…'))"
        )
        assert note == "브라우저가 파일에서 여는 문서의 검색을 막습니다. 웹판을 이용하세요: " + WEB + "ko/"


def _tree(root: Path) -> None:
    for rel, text in {
        "index.html": '<a href="guide/">g</a><a href="en/">English</a><a href="downloads/x-vi.pdf">pdf</a>',
        "guide/index.html": '<a href="../">home</a><a href="../en/guide/#a">en</a><a href="#top">top</a>',
        "assets/app.js": "1",
        "assets/app.js.map": "map",
        "assets/javascripts/lunr/lunr.vi.js": "Material's search, unused",
        "assets/javascripts/workers/search.js": "Material's search, unused",
        "en/index.html": '<a href="../">vi</a>',
        "en/guide/index.html": "en",
        "ko/index.html": "ko",
        "downloads/x-vi.pdf": "vi",
        "downloads/x-ko.pdf": "ko",
        "downloads/glossary.csv": "csv",
        "versions/v1/index.html": "an earlier version",
        "downloads/versions/v1/glossary.csv": "an earlier version's file",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def test_service_worker_lists_its_language_and_versions_by_content(tmp_path: Path) -> None:
    _tree(tmp_path)
    first = write_service_workers(tmp_path, PREFIXES)
    text = (tmp_path / "sw.js").read_text(encoding="utf-8")
    assert 'var FILES = ["./", "assets/app.js", "guide/"];' in text
    assert 'var OTHERS = ["en/", "ko/"];' in text
    assert 'var FILES = ["./", "guide/"];' in (tmp_path / "en" / "sw.js").read_text(encoding="utf-8")
    assert write_service_workers(tmp_path, PREFIXES) == first  # same edition, same cache
    (tmp_path / "guide" / "index.html").write_text("new edition", encoding="utf-8")
    second = write_service_workers(tmp_path, PREFIXES)
    assert second["vi"] != first["vi"] and second["en"] == first["en"] and second["ko"] == first["ko"]
    assert f'var VERSION = "{second["vi"]}";' in (tmp_path / "sw.js").read_text(encoding="utf-8")


def test_archive_rewrites_links_for_the_file_system(tmp_path: Path) -> None:
    _tree(tmp_path)
    archives = write_archives(tmp_path, PREFIXES, WEB)
    with zipfile.ZipFile(archives["vi"]) as archive:
        assert sorted(archive.namelist()) == [
            "vkc-vi/assets/app.js",
            "vkc-vi/assets/javascripts/vkc-archive.js",
            "vkc-vi/downloads/glossary.csv",
            "vkc-vi/downloads/x-vi.pdf",
            "vkc-vi/guide/index.html",
            "vkc-vi/index.html",
            "vkc-vi/vkc-pages.js",
        ]
        # The page list that the other archives' language switch reads.
        assert archive.read("vkc-vi/vkc-pages.js").decode() == (
            '(window.vkcArchivePages = window.vkcArchivePages || {})["vi"] = ["guide/index.html", "index.html"];\n'
        )
        assert archive.read("vkc-vi/index.html").decode() == (
            f'<a href="guide/index.html">g</a><a href="{WEB}en/">English</a><a href="downloads/x-vi.pdf">pdf</a>'
        )
        assert archive.read("vkc-vi/guide/index.html").decode() == (
            f'<a href="../index.html">home</a><a href="{WEB}en/guide/#a">en</a><a href="#top">top</a>'
        )
    with zipfile.ZipFile(archives["en"]) as archive:
        assert archive.read("vkc-en/en/index.html").decode() == f'<a href="{WEB}">vi</a>'
        assert "vkc-en/index.html" in archive.namelist()
    assert archives["vi"].read_bytes() == write_archives(tmp_path, PREFIXES, WEB)["vi"].read_bytes()


def _problems(browser: Browser) -> list[str]:
    """Console errors and warnings, exceptions and requests to any host since the last call."""
    # Let the page's scripts run their first tasks (the theme fetched sitemaps right after load);
    # wait_for asks again when the page moves on by itself (the archive's root redirects).
    browser.wait_for("new Promise(done => setTimeout(() => done(true)))")
    found = [message.text for message in browser.console if message.type in ("error", "warning")]
    found += browser.errors
    found += [f"request: {url}" for url in browser.requests if not url.startswith(("file://", "data:"))]
    browser.console.clear()
    browser.errors.clear()
    browser.requests.clear()
    return found


def test_archive_asks_no_host_and_its_language_switch_stays_offline(site: Path, tmp_path: Path) -> None:
    for lang in ("ko", "en"):  # two archives unpacked side by side; the Vietnamese one is absent
        with zipfile.ZipFile(site / "downloads" / f"site-{lang}.zip") as archive:
            archive.extractall(tmp_path)
    pages = sorted((tmp_path / "vkc-ko").rglob("*.html"))
    assert len(pages) > 10 and not [p for p in pages if p.name == "404.html"]
    with Browser() as browser:
        for page in pages:
            browser.goto(page.as_uri())
            assert (page.relative_to(tmp_path).as_posix(), _problems(browser)) == (
                page.relative_to(tmp_path).as_posix(),
                [],
            )
        glossary = tmp_path / "vkc-ko" / "ko" / "glossary" / "index.html"
        browser.goto(glossary.as_uri())
        # The English archive is there: the switch opens the same page in it.
        browser.page.dispatch_event("a.vkc-switch[hreflang=en]", "click")  # in a menu that opens on hover
        target = (tmp_path / "vkc-en" / "en" / "glossary" / "index.html").as_uri()
        assert browser.wait_for(f"location.href === '{target}' && document.readyState === 'complete'")
        assert browser.eval("document.documentElement.lang") == "en"
        assert _problems(browser) == []
        # The Vietnamese one is not: the page says so and offers the web edition.
        browser.goto(glossary.as_uri())
        browser.page.dispatch_event("a.vkc-switch[hreflang=vi]", "click")
        note = browser.wait_for("(document.getElementById('vkc-archive-note') || {}).textContent")
        assert note == (
            "이 보관본 옆에 이 페이지가 든 Tiếng Việt 보관본이 없습니다. "
            f"site-vi.zip 파일을 같은 폴더에 풀거나 웹에서 읽으세요: {WEB}glossary/"
        )
        assert browser.eval("location.href") == glossary.as_uri()
