"""Gate: language of the page and of its parts (WCAG 3.1.1, 3.1.2), on every built page.

`<html lang>` is the page's language, every language-switcher item carries the `lang` and
`hreflang` of the language it names, Hangul is only inside `lang="ko"`, and the letters only
Vietnamese uses are inside `lang="vi"` on English and Korean pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gates.lang import language_problems, switcher_problems
from gates.site import build, html_pages, page_lang
from vkc.site.langmark import mark_languages

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory)


def test_every_page_marks_its_languages(site: Path) -> None:
    pages = html_pages(site)
    assert len(pages) >= 45
    problems = {
        rel: found
        for rel in pages
        if (found := language_problems((site / rel).read_text(encoding="utf-8"), page_lang(rel)))
    }
    assert problems == {}


def test_every_switcher_item_has_its_language(site: Path) -> None:
    problems = {
        rel: found for rel in html_pages(site) if (found := switcher_problems((site / rel).read_text(encoding="utf-8")))
    }
    assert problems == {}


BROKEN = (
    '<!doctype html><html lang="en"><head><title>x</title></head><body>'
    "<p>The 아시아경제 newspaper</p>"
    '<p lang="ko">아시아경제 <span lang="en">and Nghị định 269/2025/NĐ-CP</span></p>'
    '<p>Safe: <span lang="vi">Tiếng Việt</span>, <span lang="ko">한국어</span>, café</p>'
    '<input aria-label="Dark / Tối">'
    '<a class="md-select__link" hreflang="ko" lang="en" href="/ko/">한국어</a>'
    "</body></html>"
)


def test_the_gate_catches_wrong_languages() -> None:
    assert language_problems(BROKEN, "vi") == [
        "<html lang='en'>, expected 'vi'",
        "Hangul in lang=en at html/body/p: 'The 아시아경제 newspaper'",
        "Vietnamese letters in lang=en at body/p/span: 'and Nghị định 269/2025/NĐ-CP'",
        "Vietnamese letters in lang=en at <input aria-label>: 'Dark / Tối'",
        "Hangul in lang=en at html/body/a: '한국어'",
    ]
    assert switcher_problems(BROKEN) == [
        'switcher item \'<a class="md-select__link" hreflang="ko" lang="en" href="/ko/">한국어</a>\': '
        "expected lang=hreflang=ko"
    ]
    assert switcher_problems("<p>no switcher</p>") == ["no language switcher"]


def test_the_renderer_marks_other_languages_automatically() -> None:
    marked = mark_languages(BROKEN, "en")
    assert language_problems(marked, "en") == ["Vietnamese letters in lang=en at <input aria-label>: 'Dark / Tối'"]
    assert '<span lang="vi">Nghị định 269/2025/NĐ-CP</span>' in marked
    assert 'The <span lang="ko">아시아경제</span> newspaper' in marked
