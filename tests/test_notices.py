"""Every output says the same thing about a text's translation: the site, the PDF and the DOCX.

One build of a fixture with one stale translation (the glossary definition: its Vietnamese
changed on 5 March 2026 after the English was made) and missing ones (no Korean for that
definition, no English or Korean for the body of chapter 1.1), editions included; then the
notice is looked for in the built HTML, in ``pdftotext`` of the PDFs and in the DOCX text.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypandoc  # type: ignore[import-untyped]  # no stubs; convert_file only
import pytest

from test_site_build import build_fixture_site

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

STALE_EN = "The Vietnamese text changed on March 5, 2026, after this translation was made."
MISSING = {"en": "Not yet translated", "ko": "아직 번역되지 않음"}
"""The notice over an untranslated body, in the reader's language (vkc.i18n ``missing_title``)."""
MISSING_SHORT = {"en": "not yet translated", "ko": "미번역"}
"""The short mark beside an untranslated inline text (vkc.i18n ``missing_short``)."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("notices"), editions=True)


def _flat(text: str) -> str:
    """Text with every run of white space as one space (table cells wrap in print)."""
    return " ".join(text.split())


def _html_text(site: Path, lang: str, page: str) -> str:
    html = (site / ("" if lang == "vi" else f"{lang}/") / page).read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", html, re.S)
    assert article is not None
    return _flat(re.sub(r"<[^>]+>", " ", article.group(0)))


def _pdf_text(site: Path, name: str) -> str:
    path = site / "downloads" / name
    return _flat(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    )


def _docx_text(site: Path, name: str) -> str:
    return _flat(
        str(pypandoc.convert_file(str(site / "downloads" / name), "plain", format="docx", extra_args=["--wrap=none"]))
    )


def test_stale_translation_is_marked_in_site_pdf_and_docx(site: Path) -> None:
    outputs = {
        "site": _html_text(site, "en", "glossary/index.html"),
        "pdf": _pdf_text(site, "guideline-en.pdf"),
        "docx": _docx_text(site, "guideline-en.docx"),
    }
    for name, text in outputs.items():
        assert f"A city that uses digital technology to manage itself. ({STALE_EN})" in text, name


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_missing_translation_is_marked_in_site_pdf_and_docx(site: Path, lang: str) -> None:
    outputs = {
        "site": _html_text(site, lang, "guideline/part-framework/index.html"),
        "pdf": _pdf_text(site, f"guideline-{lang}.pdf"),
        "docx": _docx_text(site, f"guideline-{lang}.docx"),
    }
    for name, text in outputs.items():
        # The notice, then the Vietnamese body it stands for.
        assert re.search(rf"{MISSING[lang]}\W.*Đề án 950 được phê duyệt năm 2018\.", text), (name, lang)


def test_missing_inline_text_is_marked_in_site_pdf_and_docx(site: Path) -> None:
    definition = "Đô thị ứng dụng công nghệ số để quản lý."
    outputs = {
        "site": _html_text(site, "ko", "glossary/index.html"),
        "pdf": _pdf_text(site, "guideline-ko.pdf"),
        "docx": _docx_text(site, "guideline-ko.docx"),
    }
    for name, text in outputs.items():
        assert re.search(rf"{re.escape(definition)} [\[(]{MISSING_SHORT['ko']}[\])]", text), name
