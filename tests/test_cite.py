"""Cite this page (issue 14, part 5): the citation at the foot of every page, as words in the
page's language and as CSL-JSON, from tests/fixtures/browse."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES
from vkc.content import Content, load_content
from vkc.document.cite import PREFIXES, cite_path, page_address
from vkc.document.nodes import Document, Group, Heading, Inline, PageRef, Para, Says, Url, Words
from vkc.document.pages import page_documents
from vkc.model import Lang
from vkc.site.langconfig import PREFIXES as SITE_PREFIXES

SITE = "https://vkc.example.org/"


@pytest.fixture(scope="module")
def documents() -> dict[str, dict[Lang, Document]]:
    loaded, diagnostics = load_content(FIXTURES / "browse")
    assert loaded is not None, diagnostics
    content: Content = loaded
    return page_documents(content, site_url=SITE)


def _text(runs: Inline) -> str:
    out = ""
    for run in runs:
        if isinstance(run, Words):
            out += run.text
        elif isinstance(run, Says):
            out += run.text.words
        elif isinstance(run, Url | PageRef):
            out += _text(run.label)
        else:
            raise AssertionError(f"unexpected run {run!r}")
    return out


def _cite(doc: Document) -> Group:
    last = doc.blocks[-1]
    assert isinstance(last, Group) and last.role == "citation"
    return last


CITATIONS: dict[str, dict[Lang, str]] = {
    "index.md": {
        "vi": "Nhóm thử. Hướng dẫn thử nghiệm, phiên bản 0.1 (24 tháng 11, 2026). "
        "https://vkc.example.org/ (truy cập ngày …).",
        "en": "Test team. Test guideline, version 0.1 (November 24, 2026). https://vkc.example.org/en/ (accessed …).",
        "ko": "시험 팀. 시험 지침, 버전 0.1(2026년 11월 24일). https://vkc.example.org/ko/ (접속일: …).",
    },
    "guideline/part-framework.md": {
        "vi": "Nhóm thử. “1. Khung chính sách”. Trong: Hướng dẫn thử nghiệm, phiên bản 0.1 (24 tháng 11, 2026). "
        "https://vkc.example.org/guideline/part-framework/ (truy cập ngày …).",
        "en": "Test team. “1. Policy framework”. In: Test guideline, version 0.1 (November 24, 2026). "
        "https://vkc.example.org/en/guideline/part-framework/ (accessed …).",
        "ko": "시험 팀. 「1. 정책 체계」. 시험 지침, 버전 0.1(2026년 11월 24일). "
        "https://vkc.example.org/ko/guideline/part-framework/ (접속일: …).",
    },
    "browse/events.md": {
        "vi": "Nhóm thử. “Sự kiện theo năm”. Trong: Hướng dẫn thử nghiệm, phiên bản 0.1 (24 tháng 11, 2026). "
        "https://vkc.example.org/browse/events/ (truy cập ngày …).",
        "en": "Test team. “Events by year”. In: Test guideline, version 0.1 (November 24, 2026). "
        "https://vkc.example.org/en/browse/events/ (accessed …).",
        "ko": "시험 팀. 「연도별 행사」. 시험 지침, 버전 0.1(2026년 11월 24일). "
        "https://vkc.example.org/ko/browse/events/ (접속일: …).",
    },
}


@pytest.mark.parametrize("lang", ["vi", "en", "ko"])
@pytest.mark.parametrize("path", sorted(CITATIONS))
def test_citation_words_in_the_page_language(documents: dict[str, dict[Lang, Document]], path: str, lang: Lang) -> None:
    group = _cite(documents[path][lang])
    heading, text, hint = group.blocks
    assert isinstance(heading, Heading) and heading.anchor == "vkc-cite"
    assert (
        _text(heading.title) == {"vi": "Trích dẫn trang này", "en": "Cite this page", "ko": "이 페이지 인용하기"}[lang]
    )
    assert isinstance(text, Para) and text.role == "citation-text"
    assert _text(text.body) == CITATIONS[path][lang]
    # The address is a link, and the hint links the page's CSL-JSON file beside it.
    address = page_address(SITE, lang, path)
    assert Url(address, (Words(address),)) in text.body
    assert isinstance(hint, Para) and isinstance(hint.body[-1], PageRef)
    assert hint.body[-1].path == cite_path(path)


@pytest.mark.parametrize("lang", ["vi", "en", "ko"])
def test_csl_json_says_what_the_words_say(documents: dict[str, dict[Lang, Document]], lang: Lang) -> None:
    items = json.loads(documents["browse/events.md"][lang].citation)
    title = {"vi": "Sự kiện theo năm", "en": "Events by year", "ko": "연도별 행사"}[lang]
    publication = {"vi": "Hướng dẫn thử nghiệm", "en": "Test guideline", "ko": "시험 지침"}[lang]
    publisher = {"vi": "Nhóm thử", "en": "Test team", "ko": "시험 팀"}[lang]
    assert items == [
        {
            "id": f"vkc-{lang}-browse-events",
            "type": "webpage",
            "title": title,
            "container-title": publication,
            "author": [{"literal": publisher}],
            "publisher": publisher,
            "version": "0.1",
            "issued": {"date-parts": [[2026, 11, 24]]},
            "URL": f"https://vkc.example.org/{PREFIXES[lang]}browse/events/",
            "language": lang,
        }
    ]
    home = json.loads(documents["index.md"][lang].citation)[0]
    assert (home["title"], home["URL"]) == (publication, f"https://vkc.example.org/{PREFIXES[lang]}")


def test_every_page_has_a_citation(documents: dict[str, dict[Lang, Document]]) -> None:
    for path, per_lang in documents.items():
        for lang, doc in per_lang.items():
            _cite(doc)
            assert json.loads(doc.citation)[0]["URL"] == page_address(SITE, lang, path)


def test_citation_files_lie_beside_the_pages() -> None:
    assert cite_path("index.md") == "cite.json"
    assert cite_path("guideline/index.md") == "guideline/cite.json"
    assert cite_path("guideline/part-1.md") == "guideline/part-1/cite.json"
    assert cite_path("sources.md") == "sources/cite.json"
    assert dict(PREFIXES) == dict(SITE_PREFIXES)
