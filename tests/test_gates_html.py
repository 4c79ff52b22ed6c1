"""Gate: every built page is valid HTML (Nu HTML Checker, zero errors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gates import vnu
from gates.site import build, html_pages

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory)


def test_every_page_is_valid_html(site: Path, tmp_path: Path) -> None:
    # A deliberately broken page goes through the same run: the gate must see its errors.
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body><p><div>x</p><img src="a.png"></body></html>',
        encoding="utf-8",
    )
    pages = [site / rel for rel in html_pages(site)]
    assert len(pages) >= 45
    found = vnu.errors([*pages, broken])
    assert [line.split(": ", 1)[1] for line in found.pop(str(broken))] == [
        "error: No “p” element in scope but a “p” end tag seen.",
        "error: An “img” element must have an “alt” attribute, except under certain conditions. "
        "For details, consult guidance on providing text alternatives for images.",
        "error: End tag for  “body” seen, but there were unclosed elements.",
        "error: Unclosed element “div”.",
    ]
    assert found == {}
