"""Hostile content prints as inert text in the editions instead of breaking the build."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from vkc.content import load_content
from vkc.reports import write_editions

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"


def test_hostile_content_builds_every_edition_and_prints_markup_as_text(tmp_path: Path) -> None:
    content, diagnostics = load_content(HOSTILE)
    assert content is not None, diagnostics
    written = write_editions(content, tmp_path)
    assert sorted(p.name for p in written if p.suffix == ".pdf") == [
        "guideline-en.pdf",
        "guideline-ko.pdf",
        "guideline-vi-en.pdf",
        "guideline-vi-ko.pdf",
        "guideline-vi.pdf",
        "project-report-en.pdf",
        "project-report-ko.pdf",
        "project-report-vi.pdf",
    ]
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "guideline-vi.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    # A <div> would open a container (and break Typst's page breaks); it must stay text.
    assert '<div markdown="1" onclick="alert(8)">in đậm</div>' in text
    assert "<iframe srcdoc='<script>alert(10)</script>'></iframe>" in text
