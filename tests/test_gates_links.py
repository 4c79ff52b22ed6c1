"""Gate: no broken internal link or fragment, and the same pages in vi, en and ko, checked on
the built site by the site's own checker (vkc.publish.check), which reads the built HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gates.site import build
from vkc.publish.check import check_site, scan_tree
from vkc.site.langconfig import PREFIXES

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory)


def test_no_broken_link_and_same_pages_in_every_language(site: Path) -> None:
    scans = scan_tree(site)
    assert check_site(site, scans, PREFIXES) == []
    pages = {
        lang: {
            name[len(prefix) :]
            for name in scans
            if name.startswith(prefix) and (prefix or not name.startswith(("en/", "ko/", "downloads/")))
        }
        for lang, prefix in PREFIXES.items()
    }
    assert pages["vi"] == pages["en"] == pages["ko"]
    assert {"index.html", "404.html", "accessibility/index.html", "glossary/index.html"} <= pages["vi"]
    # Every page links somewhere: the checker really saw the links.
    assert sum(len(s.links) for s in scans.values()) > 1000


def test_the_gate_catches_broken_links(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("downloads"))
    (copy / "downloads").mkdir()
    page = copy / "en" / "about" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("</article>", '<a href="../nowhere/">x</a><a href="../glossary/#no-such-term">y</a></article>', 1),
        encoding="utf-8",
    )
    (copy / "ko" / "legal" / "index.html").unlink()
    problems = check_site(copy, scan_tree(copy), PREFIXES)
    assert "en/about/index.html: broken link: ../nowhere/" in problems
    assert "en/about/index.html: broken anchor: ../glossary/#no-such-term" in problems
    assert "ko/legal/index.html: page missing in 'ko' (it exists in 'vi')" in problems
