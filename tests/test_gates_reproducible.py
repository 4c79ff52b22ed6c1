"""Gate: two builds of the same commit into different directories are byte-identical
(pages, search index, sitemap, PDF, DOCX, archives), with SOURCE_DATE_EPOCH fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from gates.site import build_into, built, tree_digest

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    """Paths that differ between two tree digests (missing on one side, or other bytes)."""
    return sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))


def test_two_builds_are_byte_identical(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    first = built(tmp_path_factory)
    second = tmp_path / "elsewhere" / "site"
    build_into(second, first.config)
    a, b = tree_digest(first.root), tree_digest(second)
    kinds = {Path(p).suffix for p in a}
    assert {".html", ".js", ".xml", ".gz", ".pdf", ".docx", ".zip", ".json", ".csv"} <= kinds
    assert "search/index.js" in a and "sitemap.xml" in a
    assert differences(a, b) == []


def test_the_gate_catches_a_difference(tmp_path: Path) -> None:
    for name, byte in (("a", b"1"), ("b", b"2")):
        (tmp_path / name / "downloads").mkdir(parents=True)
        (tmp_path / name / "index.html").write_text("same", encoding="utf-8")
        (tmp_path / name / "downloads" / "guide.pdf").write_bytes(b"%PDF " + byte)
    (tmp_path / "b" / "extra.html").write_text("", encoding="utf-8")
    assert differences(tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")) == [
        "downloads/guide.pdf",
        "extra.html",
    ]
