"""The site and the printed editions number the guideline's headings identically."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vkc.content import Content, load_content
from vkc.model import LANGS, Lang
from vkc.numbering import guideline_numbers
from vkc.reports.editions import build_edition
from vkc.site.pages import generate_pages

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, diagnostics = load_content(CONTENT)
    assert loaded is not None, diagnostics
    return loaded


def _heading_numbers(markdown: str) -> list[str]:
    # Headings start with their number ("## 1\.2 Title" on the site, "## 1.2 Title" in print);
    # parts carry their word ("# Phần 1\. Title").
    found = []
    for line in markdown.splitlines():
        match = re.match(r"#{1,6} (?:(?:Phần|Part) |제)?(\d+(?:\\?\.\d+)*)", line)
        if match:
            found.append(match.group(1).replace("\\", ""))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_site_and_edition_headings_carry_the_same_numbers(content: Content, lang: Lang) -> None:
    expected = list(guideline_numbers(content.guideline).values())
    pages = generate_pages(content)
    site_markdown = "\n".join(
        pages[path][lang].markdown
        for path in sorted(pages)
        if path.startswith("guideline/") and path != "guideline/index.md"
    )
    site_numbers = _heading_numbers(site_markdown)
    edition_numbers = [n for n in _heading_numbers(build_edition(content, "guideline", lang).markdown) if n in expected]
    assert sorted(site_numbers, key=expected.index) == expected
    assert edition_numbers == expected
