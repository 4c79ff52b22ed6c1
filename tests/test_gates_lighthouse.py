"""Gate: Lighthouse on a phone (its default profile) gives accessibility, SEO and best
practices 100 on one page of every template, the languages taken in turn (each template once,
each language on a third of them: a Lighthouse run takes 10-40 s on the shared machine).

The site is built for site_url = the address it is served from, and once more is not needed:
no script on the pages asks site_url's host for anything (no console error wherever it is
served; the old hreflang links made the theme fetch sitemap.xml from there).
Performance is a bench figure (vkc.site.lighthouse), not a test: it depends on the machine.
"""

from __future__ import annotations

import pytest

from gates import lighthouse
from gates.site import LANG_PREFIX, TEMPLATES, Built, built

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built(tmp_path_factory)


def test_lighthouse_phone_scores(site: Built) -> None:
    langs = list(LANG_PREFIX)
    urls = [
        f"{site.url}{LANG_PREFIX[langs[n % 3]]}{path}"
        for n, path in enumerate(TEMPLATES.values())
        if path != "404.html"
    ]
    results = lighthouse.run(urls)
    assert sorted(results) == sorted(urls)
    failing = {
        url: [(f["id"], f["value"]) for f in found["failed"]] or found["scores"]
        for url, found in results.items()
        if any(score != 1 for score in found["scores"].values()) or found["consoleErrors"]
    }
    assert failing == {}
