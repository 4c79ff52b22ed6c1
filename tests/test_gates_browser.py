"""Gates in the browser: accessibility (axe-core, WCAG 2.2 AA) and the Content-Security-Policy.

One page per template in vi, en and ko, each in the light and the dark colour scheme, served
over http from 127.0.0.1 and loaded in Debian's headless Chromium with the site's own policy
(the meta tag): zero axe violations tagged wcag2a/2aa/21a/21aa/22aa and zero CSP violations.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from browser import Browser, Server
from gates import axe
from gates.site import TEMPLATES, build, built, template_pages

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory)


def test_csp_is_strict_and_shipped(site: Path) -> None:
    meta = re.search(
        r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', (site / "index.html").read_text()
    )
    assert meta
    policy = meta.group(1)
    assert "unsafe-eval" not in policy and "unsafe-inline" not in policy
    assert not re.search(r"https?:|\*", policy)  # no other host
    assert (site / "_headers").read_text(encoding="utf-8").splitlines()[1] == (
        f"  Content-Security-Policy: {policy}; frame-ancestors 'none'"
    )
    # No inline script on any page (Material's are served as files): nothing needs a hash.
    # JSON data blocks (Material's config, our JSON-LD) are never executed: the CSP does not apply.
    data = ('type="application/json"', 'type="application/ld+json"')
    for page in site.rglob("*.html"):
        if "downloads" in page.parts:
            continue
        scripts = re.findall(r"<script\b([^>]*)>", page.read_text(encoding="utf-8"))
        assert all("src=" in attrs or any(kind in attrs for kind in data) for attrs in scripts), page


def _audit_scheme(url: str, pages: list[str], dark: bool) -> dict[str, Any]:
    """Failures of every page in one colour scheme (one browser per scheme)."""
    failures: dict[str, Any] = {}
    with Browser() as browser:
        axe.prepare(browser)
        axe.scheme(browser, dark)
        for path in pages:
            result = axe.audit(browser, url + path, "slate" if dark else "default")
            problems = {k: result[k] for k in ("violations", "csp", "console") if result[k]}
            if problems:
                failures[path] = problems
    return failures


def test_every_template_is_accessible_and_obeys_the_policy(tmp_path_factory: pytest.TempPathFactory) -> None:
    site = built(tmp_path_factory)
    pages = [path for _, path in template_pages(site.root)]
    assert len(pages) == 3 * len(TEMPLATES)
    # Light and dark in two browsers at once: the audit is CPU-bound and there are two cores.
    with ThreadPoolExecutor(max_workers=2) as pool:
        light, dark = pool.map(lambda d: _audit_scheme(site.url, pages, d), (False, True))
    assert (light, dark) == ({}, {})


BROKEN = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broken</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'">
</head><body><main><h1>Broken</h1><img src="missing.png"><p style="color:#777;background:#888">Low contrast</p>
<script>document.title = 'inline ran'</script></main></body></html>"""


def test_the_gates_catch_a_broken_page(tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text(BROKEN, encoding="utf-8")
    server = Server(tmp_path)
    try:
        with Browser() as browser:
            axe.prepare(browser)
            result = axe.audit(browser, server.url + "broken.html")
            title = browser.eval("document.title")
    finally:
        server.stop()
    assert [v["id"] for v in result["violations"]] == ["image-alt"]
    assert [c.split(" ")[0] for c in result["csp"]] == ["style-src-attr", "img-src", "script-src-elem"]
    assert title == "Broken"  # the inline script was blocked
