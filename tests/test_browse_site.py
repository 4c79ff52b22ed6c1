"""Issue 14, parts 3, 5 and 6 in the built site of tests/fixtures/browse (editions included):
the download cards give each file's real size and page count in the page's language, every
page's CSL-JSON lies beside it, and the listing pages link the records where they are."""

from __future__ import annotations

import html
import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import FIXTURES
from vkc.document.cite import PREFIXES
from vkc.i18n import format_size
from vkc.model import Lang
from vkc.publish.build import build_site

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

LANGS: tuple[Lang, ...] = ("vi", "en", "ko")
_CARD = re.compile(
    r'<li><a href="(?:\.\./)*downloads/([^"]+)">[^<]*</a><br><small class="vkc-card">(.*?)</small></li>', re.S
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browse-site") / "site"
    build_site(FIXTURES / "browse", out, docs=Path(tempfile.mkdtemp()), editions=True)
    return out


def _page(site: Path, lang: Lang, folder: str) -> str:
    return (site / PREFIXES[lang] / folder / "index.html").read_text(encoding="utf-8")


def _cards(page: str) -> dict[str, str]:
    return {name: card for name, card in _CARD.findall(page)}


def _pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Pages:\s+(\d+)$", info, re.M)
    assert found
    return int(found.group(1))


@pytest.mark.parametrize("lang", LANGS)
def test_every_download_card_gives_the_file_size(site: Path, lang: Lang) -> None:
    cards = _cards(_page(site, lang, "about"))
    listed = {p.name for p in (site / "downloads").iterdir() if p.suffix in (".pdf", ".docx", ".tbx", ".csv")}
    assert set(cards) >= listed and len(listed) == 16
    assert {n for n in cards if n.startswith("data/")} == {
        p.relative_to(site / "downloads").as_posix() for p in (site / "downloads" / "data").iterdir()
    }
    for name, card in cards.items():
        size = (site / "downloads" / name).stat().st_size
        value, shown = re.findall(r'<data value="(\d+)">([^<]*)</data>', card)[0]
        assert (int(value), html.unescape(shown)) == (size, format_size(size, lang)), name


def test_cards_in_the_page_language(site: Path) -> None:
    def card(lang: Lang, name: str) -> str:
        text = _cards(_page(site, lang, "about"))[name]
        return html.unescape(re.sub(r"<[^>]+>", "", text))

    pdf = site / "downloads" / "guideline-vi-en.pdf"
    pages, size = _pdf_pages(pdf), pdf.stat().st_size
    assert card("vi", "guideline-vi-en.pdf") == (
        f"Tài liệu PDF · {format_size(size, 'vi')} · {pages} trang · Tiếng Việt, Tiếng Anh · "
        "phiên bản 0.1, 24 tháng 11, 2026"
    )
    assert card("en", "guideline-vi-en.pdf") == (
        f"PDF document · {format_size(size, 'en')} · {pages} pages · Vietnamese, English · "
        "version 0.1, November 24, 2026"
    )
    assert card("ko", "guideline-vi-en.pdf") == (
        f"PDF 문서 · {format_size(size, 'ko')} · {pages}쪽 · 베트남어, 영어 · 버전 0.1, 2026년 11월 24일"
    )
    tbx = (site / "downloads" / "glossary.tbx").stat().st_size
    assert (
        card("ko", "glossary.tbx")
        == f"TBX 용어집 · {format_size(tbx, 'ko')} · 베트남어, 영어, 한국어 · 버전 0.1, 2026년 11월 24일"
    )
    docx = (site / "downloads" / "project-report-ko.docx").stat().st_size
    assert card("en", "project-report-ko.docx") == (
        f"Word document (DOCX) · {format_size(docx, 'en')} · Korean · version 0.1, November 24, 2026"
    )


def test_sizes_are_formatted_per_locale() -> None:
    assert [format_size(n, "vi") for n in (91, 13_570, 1_234_567)] == ["0,1 kB", "14 kB", "1,2 MB"]
    assert [format_size(n, "en") for n in (91, 13_570, 1_234_567)] == ["0.1 kB", "14 kB", "1.2 MB"]
    assert [format_size(n, "ko") for n in (9_500, 2_000_000)] == ["9.5kB", "2MB"]


@pytest.mark.parametrize("lang", LANGS)
def test_each_page_links_its_csl_json_beside_it(site: Path, lang: Lang) -> None:
    root = site / PREFIXES[lang]
    pages = [p for p in root.rglob("index.html") if not p.relative_to(root).as_posix().startswith(("en/", "ko/"))]
    assert len(pages) == 16  # 12 record and publication pages, 4 listing pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<a href="cite.json">' in text, page
        item = json.loads((page.parent / "cite.json").read_text(encoding="utf-8"))[0]
        folder = page.parent.relative_to(root).as_posix()
        assert item["URL"] == f"https://vkc-smartcity.example.org/{PREFIXES[lang]}" + (
            "" if folder == "." else folder + "/"
        )
        assert item["language"] == lang
        # The address in the words is the address in the file.
        assert f'<a href="{item["URL"]}">{item["URL"]}</a>' in text


def test_listing_pages_link_to_the_records(site: Path) -> None:
    events = _page(site, "en", "browse/events")
    assert '<a href="../../project/#ev-mou">MOU signed</a>' in events
    orgs = _page(site, "ko", "browse/organizations")
    assert '<h3 id="status-merged">다른 기관에 통합됨' in orgs
    assert '<a href="../../organizations/#mot">교통운송부</a>' in orgs
