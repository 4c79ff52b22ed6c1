"""`vkc check` judges each text as its file loads and keeps no texts (:func:`vkc.content.check_content`):
it must report exactly what loading the whole content and then checking the glossary reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.corpus import write_corpus
from conftest import FIXTURES, REPO, copy_fixture
from vkc.content import check_content, load_content
from vkc.diagnostics import Diagnostic
from vkc.glossary_check import GlossaryCheck, check_glossary

GLOSSARY_KEY = "glossary:\n"
GLOSSARY = """\
glossary:
  - id: smart-city
    term: {vi: đô thị thông minh, en: smart city, ko: 스마트시티}
    illustrative: true
"""
SOURCE = """\
sources:
  - id: src-aa
    title: A source
    publisher: A publisher
    language: en
    confidence: low
"""
WRONG_TERM = 'body: {vi: "Đô thị thông minh là mục tiêu.", en: "An intelligent town is the aim.", ko: "목표이다."}'


def whole(root: Path) -> tuple[int | None, list[Diagnostic]]:
    """What `vkc check` reported when it kept the whole content: load it, then check its texts."""
    content, diagnostics = load_content(root)
    if content is None:
        return None, diagnostics
    return len(content.by_id), sorted(
        [*diagnostics, *check_glossary(content)], key=lambda d: (d.file, d.line, d.column)
    )


def assert_same(root: Path) -> list[Diagnostic]:
    records, diagnostics = check_content(root, GlossaryCheck())
    assert (records, diagnostics) == whole(root)
    return diagnostics


@pytest.mark.parametrize("name", ["mini", "course", "browse", "search", "hostile"])
def test_fixtures_report_the_same(name: str) -> None:
    assert_same(FIXTURES / name)


def test_the_repository_content_reports_the_same() -> None:
    assert_same(REPO / "content")


def test_synthetic_corpus_reports_the_same_warnings(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "content", 400, per_file=40)
    diagnostics = assert_same(corpus.root)
    assert any(d.code == "glossary.inconsistent" for d in diagnostics)


def test_organizations_in_a_late_file_are_loaded_first(tmp_path: Path) -> None:
    # The organizations' names are renderings too: their file sorts last here, and the
    # texts of every earlier file must still be judged against them.
    corpus = write_corpus(tmp_path / "content", 400, per_file=40)
    (corpus.root / "organizations").rename(corpus.root / "zz-organizations")
    diagnostics = assert_same(corpus.root)
    assert any("does not use its name" in d.message for d in diagnostics)


def test_a_glossary_file_loaded_first_keeps_content_order_for_singletons(mini_content: Path) -> None:
    # `zz.yaml` holds the glossary, so it is loaded first; its `publication` is still the second one.
    publication = (mini_content / "publication.yaml").read_text(encoding="utf-8")
    (mini_content / "zz.yaml").write_text(GLOSSARY + publication, encoding="utf-8")
    diagnostics = assert_same(mini_content)
    assert [(d.file.rsplit("/", 1)[-1], d.code, d.key_path) for d in diagnostics] == [
        ("zz.yaml", "content.duplicate-singleton", "publication"),
        ("zz.yaml", "content.duplicate-singleton", "guideline"),
    ]
    assert all("publication.yaml:" in d.message for d in diagnostics)


def test_a_glossary_key_spelled_with_an_escape_is_still_seen(mini_content: Path) -> None:
    # The first glance at the bytes misses "\x67lossary"; the check loads again, every file first.
    publication = mini_content / "publication.yaml"
    text = publication.read_text(encoding="utf-8")
    body = next(line for line in text.splitlines() if line.strip().startswith("body:"))
    publication.write_text(text.replace(body.strip(), WRONG_TERM), encoding="utf-8")
    (mini_content / "zz.yaml").write_text(GLOSSARY.replace(GLOSSARY_KEY, '"\\x67lossary":\n'), encoding="utf-8")
    diagnostics = assert_same(mini_content)
    assert [d.code for d in diagnostics] == ["glossary.inconsistent", "glossary.inconsistent"]
    assert {d.file.rsplit("/", 1)[-1] for d in diagnostics} == {"publication.yaml"}


def test_errors_leave_out_the_glossary_warnings(tmp_path: Path) -> None:
    root = copy_fixture("mini", tmp_path / "content")
    shutil.copy(root / "publication.yaml", root / "second.yaml")
    records, diagnostics = check_content(root, GlossaryCheck())
    assert records is None
    assert (records, diagnostics) == whole(root)


def test_a_glossary_file_loaded_first_keeps_content_order_for_duplicate_ids(mini_content: Path) -> None:
    # `zz.yaml` is loaded before `aa.yaml`, which comes first in content order: its id is the original.
    (mini_content / "aa.yaml").write_text(SOURCE, encoding="utf-8")
    (mini_content / "zz.yaml").write_text(GLOSSARY.replace("id: smart-city", "id: src-aa"), encoding="utf-8")
    diagnostics = assert_same(mini_content)
    assert [(d.file.rsplit("/", 1)[-1], d.code) for d in diagnostics] == [("zz.yaml", "ref.duplicate-id")]
    assert "aa.yaml:2" in diagnostics[0].message
