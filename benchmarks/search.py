"""`make bench` rows for search: index size per language and keystroke-to-results time.

A synthetic site of 3 x 1000 pages (about 600 words each, Vietnamese with diacritics,
English, Korean; a few sections per page) is indexed by the same code as `vkc build`; each
language's index is opened in headless Chromium from file:// with the real client, and
queries are typed one character at a time. The client measures each keystroke from the
input event to the rendered result list (``window.vkcSearchLastMs``).

Baselines are Material's lunr search at 3 x 1000 pages (../shared/research/baseline.md):
one 23.5 MB index for all languages, ready 5.7 s after page load.
"""

from __future__ import annotations

import gzip
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from .index import ASSETS, INDEX, SCRIPT, index_data

PAGES = 1000
KEYSTROKE_GOAL_MS = 100.0
LUNR_INDEX_MB = 23.5
LUNR_READY_MS = 5700.0

_WORDS = {
    "vi": [
        "đô",
        "thị",
        "thông",
        "minh",
        "bền",
        "vững",
        "phát",
        "triển",
        "hạ",
        "tầng",
        "dữ",
        "liệu",
        "chuyển",
        "đổi",
        "số",
        "quản",
        "lý",
        "người",
        "dân",
        "dịch",
        "vụ",
        "giao",
        "thông",
        "năng",
        "lượng",
        "môi",
        "trường",
        "quy",
        "hoạch",
        "thí",
        "điểm",
        "chính",
        "quyền",
        "điện",
        "tử",
        "đánh",
        "giá",
        "chỉ",
        "số",
        "tiêu",
        "chuẩn",
        "Đà",
        "Nẵng",
        "Huế",
        "Hà",
        "Nội",
        "hợp",
        "tác",
        "Hàn",
        "Quốc",
        "Việt",
        "Nam",
        "đề",
        "án",
        "nghị",
        "định",
        "bộ",
        "xây",
        "dựng",
        "an",
        "toàn",
        "công",
        "cộng",
    ],
    "en": [
        "smart",
        "city",
        "sustainable",
        "development",
        "infrastructure",
        "data",
        "digital",
        "transformation",
        "management",
        "residents",
        "service",
        "transport",
        "energy",
        "environment",
        "planning",
        "pilot",
        "electronic",
        "government",
        "assessment",
        "indicator",
        "standard",
        "Da",
        "Nang",
        "Hue",
        "Hanoi",
        "cooperation",
        "Korea",
        "Viet",
        "Nam",
        "scheme",
        "decree",
        "ministry",
        "construction",
        "safety",
        "public",
    ],
    "ko": [
        "스마트시티는",
        "지속가능한",
        "도시를",
        "개발",
        "기반시설",
        "데이터의",
        "디지털",
        "전환",
        "관리",
        "주민이",
        "서비스를",
        "교통",
        "에너지",
        "환경",
        "계획",
        "시범",
        "전자정부",
        "평가",
        "지표는",
        "표준을",
        "다낭",
        "후에",
        "하노이",
        "협력",
        "한국과",
        "베트남의",
        "계획",
        "시행령",
        "건설부",
        "안전",
        "공공",
        "도시의",
        "스마트",
        "시티",
        "인증은",
    ],
}
_QUERIES = {
    "vi": ["do thi thong minh", "đô thị", "da nang", "chuyen doi so"],
    "en": ["smart city", "digital transformation", "da nang"],
    "ko": ["도시", "스마트시티", "스마트 시티", "smart city"],
}
_GLOSSARY = [{"vi": ["đô thị thông minh"], "en": ["smart city"], "ko": ["스마트시티"]}]


def _page(lang: str, n: int, rng: random.Random) -> str:
    words = _WORDS[lang]
    parts = [f'<article class="md-content__inner md-typeset"><h1 id="p{n}">{rng.choice(words)} {n}</h1>']
    for s in range(5):
        parts.append(f'<h2 id="s{s}">{" ".join(rng.choices(words, k=3))}</h2>')
        for _ in range(3):
            parts.append("<p>" + " ".join(rng.choices(words, k=40)) + ".</p>")
    return "".join(parts) + "</article>"


def write_synthetic(root: Path, pages: int = PAGES, seed: int = 1) -> dict[str, int]:
    """Index a synthetic 3 x ``pages`` site under ``root``; returns index bytes per language.

    Each language gets ``root/<lang>/search/index.js``, the client, and ``bench.html``: a
    page with only the search box.
    """
    rng = random.Random(seed)
    sizes: dict[str, int] = {}
    for lang in _WORDS:
        base = root / lang
        docs = {f"p{n}/index.html": _page(lang, n, rng) for n in range(pages)}
        data = index_data(lang, docs, _GLOSSARY, "https://example.org/")
        (base / INDEX).parent.mkdir(parents=True, exist_ok=True)
        (base / INDEX).write_text(data, encoding="utf-8")
        sizes[lang] = len(data.encode("utf-8"))
        (base / SCRIPT).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ASSETS / "vkc-search.js", base / SCRIPT)
        (base / "bench.html").write_text(
            f'<!doctype html><html lang="{lang}"><meta charset="utf-8"><body>'
            '<div class="vkc-search" id="vkc-search" data-base="." hidden>'
            '<input type="search"><div class="vkc-search__results" hidden></div></div>'
            f'<script src="{SCRIPT}"></script></body></html>',
            encoding="utf-8",
        )
    return sizes


def _keystrokes(root: Path) -> tuple[dict[str, float], list[float]]:
    from .cdp import Browser

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
                    browser.send("Input.insertText", text=char)
                    typed = query[: i + 1].strip()
                    # The client waits for a second Latin letter (one Hangul syllable is enough).
                    if char.strip() and (len(typed) > 1 or "\uac00" <= typed <= "\ud7af"):
                        value: Any = browser.wait_for("window.vkcSearchLastMs")
                        times.append(float(value))
    return ready, times


def bench_search(work: Path | None = None, pages: int = PAGES) -> list[dict[str, Any]]:
    """Rows: index size per language, index build time, index ready time, keystroke-to-results."""
    from ..bench import row

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
