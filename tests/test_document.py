"""The document model on the shipped content: frameworks as trees, the same anchors and words
in the page and the edition, and every text's state decided once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from vkc.content import Content, load_content
from vkc.document import pages
from vkc.document.editions import edition_document
from vkc.document.nodes import Emph, Heading, Para, Words, texts
from vkc.document.pages import page_documents
from vkc.model import LANGS


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, diagnostics = load_content(REPO / "content")
    assert loaded is not None, diagnostics
    return loaded


def _headings(blocks: tuple[object, ...]) -> dict[str, int]:
    return {b.anchor: b.level for b in blocks if isinstance(b, Heading) and b.anchor}


def test_indicator_frameworks_nest_as_headings_on_the_page_and_in_the_edition(content: Content) -> None:
    page = page_documents(content)["indicators.md"]["en"]
    levels = _headings(page.blocks)
    assert [levels[a] for a in ("u4ssc", "u4ssc-economy", "u4ssc-ec-ict", "u4ssc-ec-ict-infrastructure")] == [
        2,
        3,
        4,
        5,
    ]
    edition = edition_document(content, "guideline", "en").document
    in_print = _headings(edition.blocks)
    assert [in_print[a] for a in ("u4ssc", "u4ssc-economy", "u4ssc-ec-ict")] == [2, 3, 4]
    # Under a group's heading, what the group is in its framework.
    index = next(i for i, b in enumerate(page.blocks) if isinstance(b, Heading) and b.anchor == "u4ssc-economy")
    assert page.blocks[index + 1] == Para((Emph((Words("Dimension"),)),))


def test_every_indicator_heading_of_the_page_is_an_anchor_in_the_edition(content: Content) -> None:
    for lang in ("vi", "en", "ko"):
        page = _headings(page_documents(content)["indicators.md"][lang].blocks)
        edition = edition_document(content, "guideline", lang).document
        anchors = set(_headings(edition.blocks))
        for block in edition.blocks:
            for run in getattr(block, "rows", ()):
                anchors |= {getattr(r, "id", "") for cell in run for r in cell}
        categories = {c.id for c in content.records["indicator_categories"]}
        assert categories <= set(page) and categories <= anchors, lang


def test_the_shipped_content_is_current_in_every_language(content: Content) -> None:
    for lang in ("en", "ko"):
        docs = page_documents(content)
        states = {t.state for per_lang in docs.values() for t in texts(per_lang[lang].blocks)}
        assert states <= {"current", "source"}, lang


def test_a_stale_text_reads_the_same_in_the_page_and_the_edition(content: Content) -> None:
    guideline = content.guideline
    stale = guideline.intro.model_copy(update={"translated_from": {"en": "000000000000"}})
    changed = content.guideline.model_copy(update={"intro": stale})
    content.guideline = changed
    try:
        page = page_documents(content)["guideline/index.md"]["en"]
        edition = edition_document(content, "guideline", "en").document
        in_page = [t for t in texts(page.blocks) if t.state == "stale"]
        in_print = [t for t in texts(edition.blocks) if t.state == "stale"]
        assert in_page and in_page[0] == in_print[0]
        assert in_page[0].stale_note == "The Vietnamese text changed after this translation was made (date unknown)."
    finally:
        content.guideline = guideline


@pytest.mark.parametrize(
    ("source", "file", "old", "new", "shown_on", "elsewhere"),
    [
        # A section's body (the benchmark's edit): its part's page says it; the organizations
        # page read nothing of the guideline.
        (
            "shipped",
            "guideline.yaml",
            "thường gọi là",
            "thường gọi là (sửa)",
            "guideline/part-1.md",
            "organizations.md",
        ),
        # A body's English name: the legal documents page names its issuer.
        ("course", "records.yaml", "en: Ministry of Construction", "en: Ministry (MOC)", "legal.md", "glossary.md"),
        # A question: its lesson's page; the guideline's index read nothing of the courses.
        (
            "course",
            "training.yaml",
            "Đề án 950 được phê duyệt năm nào?",
            "Đề án 950 được ký năm nào?",
            "training/course-test/lesson-scheme.md",
            "guideline/index.md",
        ),
    ],
)
def test_a_page_document_is_taken_again_only_while_what_it_read_is_the_same(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    source: str,
    file: str,
    old: str,
    new: str,
    shown_on: str,
    elsewhere: str,
) -> None:
    """A process that builds again takes a page's document again when the objects it read are the
    same (vkc.document.reads); the documents equal those made with nothing kept."""
    folder = tmp_path / "content"
    if source == "shipped":
        shutil.copytree(REPO / "content", folder)
        shutil.copytree(REPO / "versions", tmp_path / "versions")
    else:
        shutil.copytree(FIXTURES / source, folder)

    def load() -> Content:
        loaded, diagnostics = load_content(folder, reuse=True)
        assert loaded is not None, diagnostics
        return loaded

    first = page_documents(load())
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    content = load()
    again = page_documents(content)
    assert type(content) is Content  # the content is itself again once its reads are recorded
    monkeypatch.setattr(pages, "_DOCUMENTS", {})
    assert again == page_documents(content)  # what a process that kept nothing makes
    assert again[shown_on]["en"] != first[shown_on]["en"]
    assert all(again[elsewhere][lang] is first[elsewhere][lang] for lang in LANGS)
