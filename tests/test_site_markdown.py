"""Pure parts of the site: safe Markdown from untrusted text, dates per locale, front matter mkdocs reads."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import markdown
import pytest
from mkdocs.utils.meta import get_data

from vkc import model as m
from vkc.content import load_content
from vkc.i18n import format_partial, format_range
from vkc.model import PartialDate
from vkc.site.markdown import blocks, escape, inline, safe_url
from vkc.site.pages import generate_pages

FIXTURES = Path(__file__).resolve().parent / "fixtures"

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]


def _html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("# not a heading {#id}", "<p># not a heading {#id}</p>"),
        ("1. not a list", "<p>1. not a list</p>"),
        ("Title\n=====", "<p>Title =====</p>"),
        ("    code", "<p>code</p>"),
        ('!!! note "x"', '<p>!!! note "x"</p>'),
        ("a | b | c", "<p>a | b | c</p>"),
        ("&amp; &#106;", "<p>&amp;amp; &amp;#106;</p>"),
        ('--8<-- "/etc/passwd"', '<p>--8&lt;-- "/etc/passwd"</p>'),
    ],
)
def test_escape_renders_literally(text: str, html: str) -> None:
    assert _html(escape(text)) == html


def test_inline_subset() -> None:
    text = '**đậm** *nghiêng* [trang](https://example.org/a?b=1&c="2") [xấu](javascript:x) [dữ liệu](data:text/html,x)'
    assert _html(inline(text)) == (
        '<p><strong>đậm</strong> <em>nghiêng</em> <a href="https://example.org/a?b=1&amp;c=%222%22">trang</a> '
        "xấu dữ liệu</p>"
    )


def test_blocks_paragraphs_and_lists() -> None:
    assert _html(blocks("Một\nhai.\n\n- a\n- *b*\n\nBa.")) == (
        "<p>Một hai.</p>\n<ul>\n<li>a</li>\n<li><em>b</em></li>\n</ul>\n<p>Ba.</p>"
    )


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://a.vn/x y", "https://a.vn/x%20y"),
        ("mailto:a@b.vn", "mailto:a@b.vn"),
        ("HTTP://A.VN/<x>", "HTTP://A.VN/%3Cx%3E"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,x", None),
        ("/relative/path", None),
    ],
)
def test_safe_url(url: str, safe: str | None) -> None:
    assert safe_url(url) == safe


@pytest.mark.parametrize(
    ("date", "vi", "en", "ko"),
    [
        ("2026-03-05", "5 tháng 3, 2026", "March 5, 2026", "2026년 3월 5일"),
        ("2024-09", "tháng 9 năm 2024", "September 2024", "2024년 9월"),
        ("2018", "2018", "2018", "2018년"),
    ],
)
def test_dates_keep_their_precision(date: str, vi: str, en: str, ko: str) -> None:
    parsed = PartialDate.parse(date)
    assert [format_partial(parsed, lang) for lang in ("vi", "en", "ko")] == [vi, en, ko]


def test_date_range() -> None:
    assert (
        format_range(PartialDate.parse("2024-01"), PartialDate.parse("2024-06-30"), "en")
        == "January 2024 – June 30, 2024"
    )


def test_front_matter_keeps_characters_libyaml_refuses_raw_or_as_json_escapes() -> None:
    """An emoji, a rare ideograph or DEL in a title: mkdocs (libyaml) reads the whole front matter.

    JSON writes a character beyond U+FFFF as a surrogate pair and DEL raw, both of which
    libyaml refuses: the page lost its title, description and head tags, and showed the
    front matter as text.
    """
    content, diagnostics = load_content(FIXTURES / "mini")
    assert content is not None, diagnostics
    title = m.LocalizedText(vi="Hướng dẫn 😀 𠀀 \x7f", en="Guide 😀", ko="안내 😀")
    changed = dataclasses.replace(content, publication=content.publication.model_copy(update={"title": title}))
    for path, per_lang in generate_pages(changed).items():
        for lang, page in per_lang.items():
            body, meta = get_data(page.markdown)  # what mkdocs reads
            assert meta["vkc_generated"] is True and not body.startswith("---"), (path, lang)
            assert f'<meta property="og:site_name" content="{title.text(lang)}">' in meta["vkc_head"], (path, lang)
