"""Search: index size per language and keystroke-to-results time.

A synthetic site of 3 x 1000 pages (about 600 words each, Vietnamese with diacritics,
English, Korean; a few sections per page) is indexed by the same code as `vkc build`; each
language's index is opened in Debian's headless Chromium (driven by Playwright, the tests'
tests/browser.py) from file:// with the real client, and queries are typed one character at
a time. The client measures each keystroke from the input event to the rendered result list
(``window.vkcSearchLastMs``), so the driver's own overhead is not in that figure.

Baselines are Material's lunr search at 3 x 1000 pages (../shared/research/baseline.md):
one 23.5 MB index for all languages, ready 5.7 s after page load.
"""

from __future__ import annotations

import gzip
import html
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from vkc.i18n import words_for
from vkc.search.index import ASSETS, INDEX, SCRIPT, index_data

from . import REPO, Row, row
from .corpus import LANGS, words

PAGES = 1000
KEYSTROKE_GOAL_MS = 100.0
LUNR_INDEX_MB = 23.5
LUNR_READY_MS = 5700.0

_QUERIES = {
    "vi": ["do thi thong minh", "đô thị", "da nang", "chuyen doi so"],
    "en": ["smart city", "digital transformation", "da nang"],
    "ko": ["도시", "스마트시티", "스마트 시티", "smart city"],
}
_GLOSSARY = [{"vi": ["đô thị thông minh"], "en": ["smart city"], "ko": ["스마트시티"]}]


def _page(lang: str, n: int, rng: random.Random) -> str:
    vocabulary = words(lang)
    parts = [f'<article class="md-content__inner md-typeset"><h1 id="p{n}">{rng.choice(vocabulary)} {n}</h1>']
    for s in range(5):
        parts.append(f'<h2 id="s{s}">{" ".join(rng.choices(vocabulary, k=3))}</h2>')
        for _ in range(3):
            parts.append("<p>" + " ".join(rng.choices(vocabulary, k=40)) + ".</p>")
    return "".join(parts) + "</article>"


def write_synthetic(root: Path, pages: int = PAGES, seed: int = 1) -> dict[str, int]:
    """Index a synthetic 3 x ``pages`` site under ``root``; returns index bytes per language.

    Each language gets ``root/<lang>/search/index.js``, the client, and ``bench.html``: a
    page with only the search box.
    """
    rng = random.Random(seed)
    sizes: dict[str, int] = {}
    for lang in LANGS:
        base = root / lang
        docs = {f"p{n}/index.html": _page(lang, n, rng) for n in range(pages)}
        data = index_data(lang, docs, _GLOSSARY, "https://example.org/")
        (base / INDEX).parent.mkdir(parents=True, exist_ok=True)
        (base / INDEX).write_text(data, encoding="utf-8")
        sizes[lang] = len(data.encode("utf-8"))
        (base / SCRIPT).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ASSETS / "vkc-search.js", base / SCRIPT)
        text = json.dumps(words_for("search_", lang), ensure_ascii=False)
        (base / "bench.html").write_text(
            f'<!doctype html><html lang="{lang}"><meta charset="utf-8"><body>'
            # The interface words as the site's template gives them (vkc.i18n, in data-text).
            f'<div class="vkc-search" id="vkc-search" data-base="." data-text="{html.escape(text)}" hidden>'
            '<input type="search"><div class="vkc-search__results" hidden></div></div>'
            f'<script src="{SCRIPT}"></script></body></html>',
            encoding="utf-8",
        )
    return sizes


def _keystrokes(root: Path) -> tuple[dict[str, float], list[float]]:
    # The tests' driver (tests/browser.py), by the name the tests import it under; Playwright is
    # imported only when the browser is needed.
    if str(REPO / "tests") not in sys.path:
        sys.path.append(str(REPO / "tests"))
    from browser import Browser

    ready: dict[str, float] = {}
    times: list[float] = []
    with Browser() as browser:
        for lang, queries in _QUERIES.items():
            browser.goto((root / lang / "bench.html").as_uri())
            start = time.perf_counter()
            browser.eval("document.querySelector('#vkc-search input').focus()")
            browser.wait_for("document.querySelector('#vkc-search').hasAttribute('data-ready')", timeout=60)
            ready[lang] = (time.perf_counter() - start) * 1000
            for query in queries:
                browser.eval("document.querySelector('#vkc-search input').value = ''")
                for i, char in enumerate(query):
                    browser.eval("window.vkcSearchLastMs = null")
                    browser.type(char)
                    typed = query[: i + 1].strip()
                    # The client waits for a second Latin letter (one Hangul syllable is enough).
                    if char.strip() and (len(typed) > 1 or "\uac00" <= typed <= "\ud7af"):
                        # In a list: 0 ms is a result too. A loaded machine may take seconds.
                        value: Any = browser.wait_for(
                            "window.vkcSearchLastMs === null ? null : [window.vkcSearchLastMs]", timeout=60
                        )
                        times.append(float(value[0]))
    return ready, times


def bench_search(work: Path | None = None, pages: int = PAGES) -> list[Row]:
    """Rows: index size per language, index build time, index ready time, keystroke-to-results."""
    own = work is None
    root = Path(tempfile.mkdtemp(prefix="vkc-search-bench-")) if work is None else work / "search"
    try:
        start = time.perf_counter()
        sizes = write_synthetic(root, pages)
        build_s = time.perf_counter() - start
        gzipped = {lang: len(gzip.compress((root / lang / INDEX).read_bytes())) for lang in sizes}
        ready, times = _keystrokes(root)
    finally:
        if own:
            shutil.rmtree(root, ignore_errors=True)
    rows = [
        row(f"search index {lang}, {pages} pages (vs lunr, all languages)", size / 1e6, "MB", LUNR_INDEX_MB)
        for lang, size in sizes.items()
    ]
    rows += [
        row(f"search index {lang} gzip (downloaded once), {pages} pages", size / 1e6, "MB")
        for lang, size in gzipped.items()
    ]
    rows.append(row(f"search index build 3x{pages} pages", build_s, "s"))
    rows += [
        row(f"search ready after first focus, {lang} {pages} pages (vs lunr)", ms, "ms", LUNR_READY_MS)
        for lang, ms in ready.items()
    ]
    rows.append(
        row(
            f"search keystroke to results, median, {pages} pages",
            statistics.median(times),
            "ms",
            None,
            KEYSTROKE_GOAL_MS,
        )
    )
    rows.append(row(f"search keystroke to results, max, {pages} pages", max(times), "ms", None, KEYSTROKE_GOAL_MS))
    return rows
