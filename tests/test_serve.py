"""`vkc serve` in a real browser: an edit reloads the open page, a broken edit shows its
diagnostics over the last good page in the page's language, the fix takes them away.

Two previews: the real command on a copy of the `mini` fixture (one site build, then an edit, a
broken edit and its fix), and a :class:`Preview` whose build is a stand-in that renders two
tiny pages and names the ones it rendered, so that a page the build did not render is seen to
stay (the real build names its pages once it builds page by page).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page
from playwright.sync_api import Error as PlaywrightError

from browser import Browser
from conftest import REPO, copy_fixture
from gates import axe
from gates.axe import AXE, TAGS
from vkc.diagnostics import ContentError, Diagnostic
from vkc.i18n import t, words_for
from vkc.publish.build import BuildResult
from vkc.publish.serve import Preview

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

PROBLEMS = "document.querySelector('#vkc-preview-problems')"
OVERLAY_JS = """(() => {
  const d = document.querySelector('#vkc-preview-problems');
  if (!d || !d.open) return null;
  const text = s => [...d.querySelectorAll(s)].map(e => e.textContent);
  return {
    role: d.getAttribute('role'),
    heading: d.querySelector('h2').textContent,
    labelled: document.getElementById(d.getAttribute('aria-labelledby')).textContent,
    focused: d.contains(document.activeElement),
    locations: text('.vkc-preview-location'),
    messages: text('.vkc-preview-message'),
    keys: text('.vkc-preview-key'),
    hints: text('.vkc-preview-hint'),
    labels: text('dt'),
    button: d.querySelector('button').textContent,
  };
})()"""


def _console(page: Page) -> list[str]:
    """The page's console errors and warnings (a CSP violation is one) from now on."""
    found: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            found.append(message.text)

    page.on("console", keep)
    page.on("pageerror", lambda error: found.append(f"{error.name}: {error.message}"))
    return found


def _wait_page(page: Page, expression: str, timeout: float) -> Any:
    """Poll ``expression`` in a page that may be reloading (as Browser.wait_for does)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = page.evaluate(expression)
        except PlaywrightError as exc:  # the page navigated under the evaluation: ask the next one
            if "context was destroyed" not in str(exc) and "navigat" not in str(exc):
                raise
            value = None
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"still false after {timeout} s: {expression[:80]}")
        page.wait_for_timeout(100)


# -- the real command ------------------------------------------------------------------------


@pytest.fixture
def vkc_serve(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """`vkc serve` on a copy of `mini` (run from ``tmp_path``, so that files show as
    ``content/...``): its address, the content folder and its stderr."""
    content = copy_fixture("mini", tmp_path / "content")
    out, err = tmp_path / "serve.out", tmp_path / "serve.err"
    paths = [str(REPO / "scripts"), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    with out.open("w") as stdout, err.open("w") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "vkc.cli", "serve", "--content", "content", "--port", "0",
             "--config", str(REPO / "mkdocs.yml"), "--docs", str(REPO / "docs")],
            cwd=tmp_path, stdout=stdout, stderr=stderr, env=env,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        while "serving http" not in out.read_text():
            assert proc.poll() is None, err.read_text()
            assert time.monotonic() < deadline, err.read_text()
            time.sleep(0.2)
        url = out.read_text().split("serving ", 1)[1].split()[0]
        yield url, content, err
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0, err.read_text()


def test_an_edit_reloads_a_broken_edit_shows_its_problems_in_the_page_language_and_the_fix_clears_them(
    vkc_serve: tuple[str, Path, Path],
) -> None:
    url, content, err = vkc_serve
    records = content / "records.yaml"
    original = records.read_text(encoding="utf-8")
    edited = original.replace("en: Ministry of Construction,", "en: Ministry of Construction (edited),")
    broken = edited.replace("    abbreviation: MOC\n", "    abbreviation: MOC\n    nickname: MC\n")
    fixed = original.replace("en: Ministry of Construction,", "en: Ministry of Construction (fixed),")
    assert original != edited != broken != fixed != original
    heading = "document.querySelector('article h2')?.textContent"
    with Browser(390, 844) as browser:
        errors = _console(browser.page)
        axe.prepare(browser)  # window.__csp: the page's Content-Security-Policy violations
        browser.goto(url + "en/organizations/")
        assert browser.eval(heading).startswith("Ministry of Construction (MOC)")
        browser.eval("window.vkcBefore = true")

        # (a) one English field: the open page reloads and shows it.
        records.write_text(edited, encoding="utf-8")
        browser.wait_for(f"{heading}?.startsWith('Ministry of Construction (edited)')", timeout=90)
        assert browser.eval("window.vkcBefore") is None  # a reload, not a script's patch

        # (b) an unknown key: the diagnostics over the last good page, in its language.
        korean = browser.context.new_page()
        korean_errors = _console(korean)
        korean.goto(url + "ko/organizations/", wait_until="load")
        records.write_text(broken, encoding="utf-8")
        overlay = browser.wait_for(OVERLAY_JS, timeout=90)
        assert overlay == {
            "role": "alertdialog",
            "heading": t("preview_title", "en"),
            "labelled": t("preview_title", "en"),
            "focused": True,
            "locations": ["content/records.yaml:12:5"],
            "messages": ["unknown key 'nickname'"],
            "keys": ["organizations.0.nickname"],
            "hints": ["did you mean 'name'?"],
            "labels": [t("preview_key", "en"), t("preview_hint", "en")],
            "button": t("preview_close", "en"),
        }
        assert browser.eval(heading).startswith("Ministry of Construction (edited)")  # the last good page stays
        browser.run(AXE.read_text(encoding="utf-8"))
        options = json.dumps({"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
        assert browser.eval(f"axe.run({PROBLEMS}, {options}).then(r => r.violations.map(v => v.id))") == []
        assert browser.eval("window.__csp") == []
        korean_overlay = _wait_page(korean, OVERLAY_JS, timeout=30)
        assert korean_overlay["heading"] == t("preview_title", "ko")
        assert korean_overlay["labels"] == [t("preview_key", "ko"), t("preview_hint", "ko")]
        assert korean_overlay["messages"] == ["unknown key 'nickname'"]
        assert "content/records.yaml:12:5: error[schema.unknown-key] organizations.0.nickname" in err.read_text()
        # The close button (and Escape, natively) dismisses it; the page is there behind it.
        browser.page.get_by_text(t("preview_close", "en"), exact=True).click()
        assert browser.eval(f"{PROBLEMS}.open") is False

        # (c) the fix: both pages reload without the overlay and show it.
        records.write_text(fixed, encoding="utf-8")
        browser.wait_for(f"{heading}?.startsWith('Ministry of Construction (fixed)')", timeout=90)
        assert browser.eval(PROBLEMS) is None
        _wait_page(korean, f"!{PROBLEMS} && document.readyState === 'complete'", timeout=30)
        assert errors == []
        assert korean_errors == []


# -- a stand-in build that names the pages it rendered --------------------------------------

CSP: str = re.findall(r'vkc_csp: "([^"]+)"', (REPO / "mkdocs.yml").read_text(encoding="utf-8"))[0]
"""The site's Content-Security-Policy: the stand-in pages carry it as the real ones do."""
PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}"><link rel="icon" href="data:,"><title>{name}</title></head>
<body><p id="text">{text}</p></body></html>"""


class _StandIn:
    """Renders ``<lang>/<name>/index.html`` from ``content/<lang>-<name>.txt``; returns the
    pages whose text changed; fails with a diagnostic when a text says BROKEN."""

    def __init__(self) -> None:
        self.last: dict[str, str] = {}

    def __call__(self, content: Path, out: Path, **_: object) -> BuildResult:
        texts = {f"{p.stem.replace('-', '/')}/index.html": p.read_text() for p in sorted(content.glob("*.txt"))}
        for page, text in texts.items():
            if "BROKEN" in text:
                raise ContentError([Diagnostic(f"content/{page}", 1, 1, "test.broken", "the text says BROKEN",
                                               key_path="text", hint="remove BROKEN")])  # fmt: skip
        for page, text in texts.items():
            target = out / page
            target.parent.mkdir(parents=True, exist_ok=True)
            lang, name = page.split("/")[:2]
            target.write_text(PAGE.format(lang=lang, csp=CSP, name=name, text=text), encoding="utf-8")
        rendered = [page for page, text in texts.items() if self.last.get(page) != text]
        self.last = texts
        return BuildResult(out, pages=len(texts), rendered=rendered)


@pytest.fixture
def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    monkeypatch.setattr("vkc.publish.serve.build_site", _StandIn())
    content = tmp_path / "content"
    content.mkdir()
    for name in ("en-one", "en-two", "vi-one"):
        (content / f"{name}.txt").write_text(f"{name} first")
    preview = Preview(content, tmp_path / "preview" / "site", port=0)
    assert preview.start()
    loop = threading.Thread(target=preview.loop, daemon=True)
    loop.start()
    try:
        yield preview.url, content
    finally:
        preview.stop()
        loop.join(timeout=10)


def test_a_page_the_build_did_not_render_stays_and_every_page_says_which_pages_were_rebuilt(
    stand_in: tuple[str, Path],
) -> None:
    url, content = stand_in
    notice = "document.querySelector('#vkc-preview-notice')"
    with Browser(390, 844) as browser:
        errors = _console(browser.page)
        browser.goto(url + "en/one/")
        other = browser.context.new_page()
        other_errors = _console(other)
        other.goto(url + "en/two/", wait_until="load")
        other.evaluate("window.vkcBefore = true")
        browser.eval("window.vkcBefore = true")

        (content / "en-one.txt").write_text("en-one second")
        browser.wait_for("document.querySelector('#text')?.textContent === 'en-one second'", timeout=20)
        assert browser.eval("window.vkcBefore") is None
        # The rebuilt page says so after its reload, its list folded (the notice comes after the
        # page's text: asked at once it was missing once on the loaded machine).
        summary = browser.wait_for(f"{notice}?.querySelector('summary')?.textContent", timeout=20)
        assert summary == t("preview_rebuilt", "en", n="1")
        assert browser.eval(f"[...{notice}.querySelectorAll('li a')].map(a => a.getAttribute('href'))") == ["/en/one/"]
        # The page the build did not render is not reloaded, and says that it did not change.
        _wait_page(other, notice, timeout=20)
        assert other.evaluate("window.vkcBefore") is True
        assert other.evaluate(f"{notice}.querySelector('p').textContent") == t("preview_unchanged", "en")
        assert other.evaluate("document.querySelector('#text').textContent") == "en-two first"

        # A failed build: the problems on every open page; the next good build takes them away,
        # from the page it did not render too.
        (content / "en-two.txt").write_text("BROKEN")
        assert _wait_page(other, OVERLAY_JS, timeout=20)["locations"] == ["content/en/two/index.html:1:1"]
        assert browser.wait_for(OVERLAY_JS, timeout=20)["messages"] == ["the text says BROKEN"]
        assert other.evaluate("document.querySelector('#text').textContent") == "en-two first"
        browser.eval("window.vkcBefore = true")
        (content / "en-two.txt").write_text("en-two third")
        _wait_page(other, f"!{PROBLEMS} && document.querySelector('#text')?.textContent === 'en-two third'", 20)
        browser.wait_for(f"!{PROBLEMS}", timeout=20)
        assert browser.eval("window.vkcBefore") is True
        assert browser.eval(f"{notice}.querySelector('p').textContent") == t("preview_unchanged", "en")

        # A page opened while the build is broken shows the problems at once, in its language.
        (content / "vi-one.txt").write_text("BROKEN")
        browser.wait_for(OVERLAY_JS, timeout=20)
        browser.goto(url + "vi/one/")
        assert browser.wait_for(OVERLAY_JS, timeout=20)["heading"] == t("preview_title", "vi")
        assert errors == []
        assert other_errors == []


def test_the_poll_answers_the_build_its_pages_and_the_problems_as_json(stand_in: tuple[str, Path]) -> None:
    url, content = stand_in
    with Browser() as browser:
        browser.goto(url + "en/one/")
        state = browser.eval("fetch('/__vkc_reload?build=0&failure=0&lang=ko').then(r => r.json())")
        assert state == {
            "build": 1,
            "rendered": ["en/one/index.html", "en/two/index.html", "vi/one/index.html"],
            "failure": 0,
            "problems": [],
            "words": words_for("preview_", "ko"),
        }
        assert state["words"]["title"] == t("preview_title", "ko")
        assert browser.eval("fetch('/__vkc_reload?build=x').then(r => r.status)") == 400
        # The published page itself carries neither the script nor the stylesheet.
        assert "__vkc_reload" not in (content.parent / "preview" / "site" / "en" / "one" / "index.html").read_text()
