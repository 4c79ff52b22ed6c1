"""The SCORM 1.2 package run as a learning platform runs it: scorm-again's SCORM 1.2 runtime
(``Scorm12API``, pinned in tests/gates/package.json) as ``window.API`` in a launcher page, the
lesson from the manifest's resource in a frame below it, answered with the keyboard in headless
Chromium; then what the runtime recorded: the calls, the status and the score.

The launcher is a test fixture written here, not shipped. The package is unpacked and served
from 127.0.0.1 with the launcher beside it (same origin, as a platform serves both).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from browser import Browser, Server
from conftest import FIXTURES, REPO, TESTS
from gates import axe, vnu
from vkc import model as m
from vkc.content import Content, load_content
from vkc.i18n import t
from vkc.lms import scorm_package
from vkc.model import Lang

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: drives a browser."""

SITE = "https://vkc-smartcity.example.org/"
RUNTIME = TESTS / "gates" / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
"""scorm-again's SCORM 1.2 runtime (`make gates-tools` installs it)."""
CP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"

LAUNCHER = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>launcher</title>
<script src="scorm12.js"></script>
<script>
window.calls = [];
window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
['LMSInitialize', 'LMSCommit', 'LMSFinish'].forEach(function (name) {
  window.API.on(name, function () { window.calls.push(name); });
});
window.API.on('LMSSetValue.cmi.*', function (element, value) { window.calls.push(element + '=' + value); });
</script>
</head>
<body><iframe id="sco" title="lesson" width="390" height="800"></iframe></body>
</html>
"""


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, diagnostics = load_content(FIXTURES / "course")
    assert loaded is not None, diagnostics
    return loaded


def _unpack(content: Content, lang: Lang, folder: Path) -> dict[str, str]:
    """The package unpacked into ``folder`` with the launcher; the href of each lesson's SCO."""
    (course,) = content.collection("courses", m.Course)
    with zipfile.ZipFile(io.BytesIO(scorm_package(content, course, lang, SITE))) as archive:
        archive.extractall(folder)
    shutil.copyfile(RUNTIME, folder / "scorm12.js")
    (folder / "launcher.html").write_text(LAUNCHER, encoding="utf-8")
    manifest = etree.parse(str(folder / "imsmanifest.xml")).getroot()
    hrefs = {}
    for item in manifest.iter(f"{CP}item"):
        if ref := item.get("identifierref"):
            (resource,) = (r for r in manifest.iter(f"{CP}resource") if r.get("identifier") == ref)
            hrefs[ref.removeprefix("res-")] = str(resource.get("href"))
    return hrefs


def _tab_to(browser: Browser, selector: str, limit: int = 60) -> None:
    """Press Tab until ``selector`` has the focus inside the lesson's frame."""
    frame = browser.page.frame_locator("#sco")
    for _ in range(limit):
        if frame.locator(selector).evaluate("el => el === document.activeElement"):
            return
        browser.page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def _recorded(browser: Browser) -> dict[str, Any]:
    return dict(
        browser.eval(
            """({
              status: window.API.cmi.core.lesson_status,
              raw: window.API.cmi.core.score.raw,
              min: window.API.cmi.core.score.min,
              max: window.API.cmi.core.score.max,
              calls: window.calls.slice(),
              terminated: window.API.isTerminated(),
            })"""
        )
    )


def _launch(browser: Browser, server: Server, href: str) -> None:
    browser.goto(server.url + "launcher.html")
    browser.eval(f"document.getElementById('sco').src = {href!r}")
    browser.wait_for("window.calls.indexOf('LMSInitialize') >= 0")
    frame = browser.page.frame_locator("#sco")
    frame.locator(".vkc-question__check").first.wait_for(state="visible")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_lesson_reports_completion_and_score_to_the_scorm_runtime(
    content: Content, lang: Lang, tmp_path: Path
) -> None:
    hrefs = _unpack(content, lang, tmp_path)
    assert hrefs == {"lesson-scheme": "lesson-scheme.html", "lesson-law": "lesson-law.html"}
    server = Server(tmp_path)
    try:
        with Browser(390, 844) as browser:
            _launch(browser, server, hrefs["lesson-scheme"])
            started = _recorded(browser)
            assert started["status"] == "incomplete"
            assert started["calls"][:2] == ["LMSInitialize", "cmi.core.lesson_status=incomplete"]
            frame = browser.page.frame_locator("#sco")
            assert frame.locator(".vkc-lms-none").is_hidden()

            # Right: the second choice of the radio group, picked with an arrow key.
            _tab_to(browser, "#q-year-a")
            browser.page.keyboard.press("ArrowDown")
            _tab_to(browser, "#q-year .vkc-question__check")
            browser.page.keyboard.press("Enter")
            assert frame.locator("#q-year .vkc-question__verdict").text_content() == t("q_correct", lang)
            half = _recorded(browser)
            assert (half["status"], half["raw"]) == ("incomplete", "50")  # one of two answered, right

            # Wrong: only the first of the two right check boxes, ticked with Space.
            _tab_to(browser, "#q-kinds-a")
            browser.page.keyboard.press("Space")
            _tab_to(browser, "#q-kinds .vkc-question__check")
            browser.page.keyboard.press("Enter")
            wrong = content.get("q-kinds", m.Question)
            feedback = frame.locator("#q-kinds .vkc-question__feedback")
            assert frame.locator("#q-kinds .vkc-question__verdict").text_content() == t("q_wrong", lang)
            assert feedback.text_content() == f"{t('q_feedback', lang)}: {wrong.feedback.text(lang)}"
            progress = t("quiz_progress", lang).replace("{n}", "1").replace("{total}", "2")
            assert frame.locator(".vkc-quiz__status").text_content() == progress

            done = _recorded(browser)
            assert (done["status"], done["raw"], done["min"], done["max"]) == ("completed", "50", "0", "100")
            assert not done["terminated"]
            # The platform closes the lesson: the page ends the session.
            browser.eval("document.getElementById('sco').remove()")
            browser.wait_for("window.calls.indexOf('LMSFinish') >= 0")
            finished = _recorded(browser)
            assert finished["terminated"]
            assert finished["calls"][-1] == "LMSFinish"
            assert finished["calls"].count("LMSInitialize") == 1
            assert "LMSCommit" in finished["calls"]
            # The session's length in SCORM 1.2's HHHH:MM:SS.SS (the element is write-only).
            (time,) = [c for c in finished["calls"] if c.startswith("cmi.core.session_time=")]
            assert re.fullmatch(r"cmi\.core\.session_time=\d{4}:\d{2}:\d{2}\.\d{2}", time), time
            assert (finished["status"], finished["raw"]) == ("completed", "50")
            assert browser.errors == []
            assert all(url.startswith(server.url) for url in browser.requests), browser.requests
    finally:
        server.stop()


def test_a_short_answer_typed_right_completes_the_lesson_with_full_marks(content: Content, tmp_path: Path) -> None:
    hrefs = _unpack(content, "vi", tmp_path)
    server = Server(tmp_path)
    try:
        with Browser() as browser:
            _launch(browser, server, hrefs["lesson-law"])
            _tab_to(browser, "#q-number-text")
            browser.type(" 950/qđ-ttg ")  # case and spaces do not matter, as on the site
            browser.page.keyboard.press("Enter")
            frame = browser.page.frame_locator("#sco")
            assert frame.locator("#q-number .vkc-question__verdict").text_content() == t("q_correct", "vi")
            done = _recorded(browser)
            assert (done["status"], done["raw"]) == ("completed", "100")
    finally:
        server.stop()


def test_without_a_platform_the_lesson_still_checks_answers_and_says_nothing_is_recorded(
    content: Content, tmp_path: Path
) -> None:
    hrefs = _unpack(content, "en", tmp_path)
    server = Server(tmp_path)
    try:
        with Browser() as browser:
            browser.goto(server.url + hrefs["lesson-scheme"])
            browser.wait_for("!document.querySelector('.vkc-question__check').hidden")
            assert browser.eval("document.querySelector('.vkc-lms-none').hidden") is False
            assert browser.eval("document.querySelector('.vkc-lms-none').textContent") == t("lms_none", "en")
            for _ in range(60):  # Tab to the first choice, an arrow key to the second
                if browser.eval("document.activeElement.id") == "q-year-a":
                    break
                browser.page.keyboard.press("Tab")
            browser.page.keyboard.press("ArrowDown")
            browser.page.keyboard.press("Tab")
            browser.page.keyboard.press("Enter")
            verdict = browser.eval("document.querySelector('#q-year .vkc-question__verdict').textContent")
            assert verdict == t("q_correct", "en")
            assert browser.errors == []
    finally:
        server.stop()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_a_lesson_page_answered_passes_axe_and_its_own_csp(content: Content, tmp_path: Path, dark: bool) -> None:
    hrefs = _unpack(content, "ko", tmp_path)
    server = Server(tmp_path)
    try:
        with Browser(390, 844) as browser:
            axe.prepare(browser)
            axe.scheme(browser, dark)
            browser.goto(server.url + hrefs["lesson-scheme"])
            browser.wait_for("!document.querySelector('.vkc-question__check').hidden")
            # Answered, so that the verdict, the explanation and the marks are audited too.
            browser.eval("document.getElementById('q-year-a').click()")
            browser.eval("document.querySelector('#q-year .vkc-question__check').click()")
            browser.eval("document.getElementById('q-kinds-a').click()")
            browser.eval("document.querySelector('#q-kinds .vkc-question__check').click()")
            browser.run(axe.AXE.read_text(encoding="utf-8"))
            options = json.dumps({"runOnly": {"type": "tag", "values": axe.TAGS}, "resultTypes": ["violations"]})
            violations = browser.eval(
                f"axe.run(document, {options}).then(r => r.violations.map(v => ({{id: v.id, "
                "nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))"
            )
            assert violations == []
            assert browser.eval("window.__csp") == []
            assert [m.text for m in browser.console if "Content Security Policy" in m.text] == []
    finally:
        server.stop()


def test_the_shipped_courses_lesson_pages_are_valid_html(tmp_path: Path) -> None:
    shipped, diagnostics = load_content(REPO / "content")
    assert shipped is not None, diagnostics
    (course,) = shipped.collection("courses", m.Course)
    pages = []
    for lang in ("vi", "en", "ko"):
        with zipfile.ZipFile(io.BytesIO(scorm_package(shipped, course, lang, SITE))) as archive:
            archive.extractall(tmp_path / lang)
        pages += sorted((tmp_path / lang).glob("*.html"))
    assert len(pages) == 3 * 4
    assert vnu.errors(pages) == {}
