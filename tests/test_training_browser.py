"""Self-check questions of a lesson in headless Chromium, in vi, en and ko: answered with the
keyboard only, the verdict and explanation announced, the link to the section, the progress
kept in localStorage across a reload and cleared; and the course pages offline.

The site is tests/fixtures/course built once (no PDF/DOCX editions: the browser does not read
them); the expected words come from the content and vkc.i18n, not from copies here.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from browser import Browser, Server
from conftest import FIXTURES
from vkc import model as m
from vkc.content import Content, load_content
from vkc.i18n import t
from vkc.model import LANGS, Lang
from vkc.publish.build import build_site

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site and drives a browser."""

FIXTURE = FIXTURES / "course"
PREFIX: dict[Lang, str] = {"vi": "", "en": "en/", "ko": "ko/"}
LESSON = "training/course-test/lesson-scheme/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("course-site") / "site"
    build_site(FIXTURE, out, docs=tmp_path_factory.mktemp("no-docs"), editions=False)
    return out


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, diagnostics = load_content(FIXTURE)
    assert loaded is not None, diagnostics
    return loaded


def _tab_to(browser: Browser, selector: str, limit: int = 80) -> None:
    """Press Tab until ``selector`` has the focus: the way a keyboard user gets there."""
    for _ in range(limit):
        if browser.eval(f"document.activeElement && document.activeElement.matches({selector!r})"):
            return
        browser.page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def _result(browser: Browser, question: str) -> dict[str, Any]:
    return dict(
        browser.eval(
            f"""(() => {{
              const q = document.getElementById({question!r});
              const feedback = q.querySelector('.vkc-question__feedback');
              const see = q.querySelector('.vkc-question__see a');
              return {{
                verdict: q.querySelector('.vkc-question__verdict').textContent,
                live: q.querySelector('.vkc-question__result').getAttribute('aria-live'),
                feedback: feedback.hidden ? null : feedback.textContent,
                see: new URL(see.href).pathname + new URL(see.href).hash,
                seeText: see.textContent,
                checked: [...q.querySelectorAll('input:checked')].map(i => i.value),
              }};
            }})()"""
        )
    )


@pytest.mark.parametrize("lang", LANGS)
def test_answering_by_keyboard_keeps_and_clears_progress(site: Path, content: Content, lang: Lang) -> None:
    right = content.get("q-year", m.Question)
    wrong = content.get("q-kinds", m.Question)
    feedback_label = t("q_feedback", lang)
    server = Server(site)
    try:
        with Browser(390, 844) as browser:
            browser.goto(server.url + PREFIX[lang] + LESSON)
            browser.wait_for("!document.querySelector('.vkc-question__check').hidden")
            # A radio group: Tab reaches its first choice, an arrow key moves to (and picks) the next.
            _tab_to(browser, "#q-year-a")
            browser.page.keyboard.press("ArrowDown")
            _tab_to(browser, "#q-year .vkc-question__check")
            browser.page.keyboard.press("Enter")
            # Check boxes: Space ticks the focused one; only "a" is ticked, "b" is missing.
            _tab_to(browser, "#q-kinds-a")
            browser.page.keyboard.press("Space")
            _tab_to(browser, "#q-kinds .vkc-question__check")
            browser.page.keyboard.press("Enter")

            first, second = _result(browser, "q-year"), _result(browser, "q-kinds")
            assert first["verdict"] == t("q_correct", lang)
            assert first["live"] == "polite"
            assert first["feedback"] == f"{feedback_label}: {right.feedback.text(lang)}"
            assert first["checked"] == ["b"]
            assert first["see"] == f"/{PREFIX[lang]}guideline/part-framework/#chapter-950"
            title = content.get("chapter-950", m.Chapter).title
            assert first["seeText"] == f"1.1 {title.text(lang) or title.vi}"
            assert second["verdict"] == t("q_wrong", lang)
            assert second["feedback"] == f"{feedback_label}: {wrong.feedback.text(lang)}"
            assert second["checked"] == ["a"]
            status = t("quiz_progress", lang).replace("{n}", "1").replace("{total}", "2")
            assert browser.eval("document.querySelector('.vkc-quiz__status').textContent") == status

            browser.page.reload(wait_until="load")
            browser.wait_for("document.querySelector('#q-year .vkc-question__verdict').textContent !== ''")
            first, second = _result(browser, "q-year"), _result(browser, "q-kinds")
            assert (first["verdict"], first["checked"]) == (t("q_correct", lang), ["b"])
            assert (second["verdict"], second["checked"]) == (t("q_wrong", lang), ["a"])
            assert browser.eval("document.querySelector('.vkc-quiz__status').textContent") == status
            # The theme keeps its colour scheme there too; the quiz keeps one key per lesson.
            quiz_keys = "Object.keys(localStorage).filter(k => k.startsWith('vkc-quiz:'))"
            assert browser.eval(quiz_keys) == ["vkc-quiz:lesson-scheme"]

            _tab_to(browser, ".vkc-quiz__clear")
            browser.page.keyboard.press("Enter")
            assert browser.eval("document.querySelector('.vkc-quiz__status').textContent") == t("quiz_cleared", lang)
            assert browser.eval("localStorage.getItem('vkc-quiz:lesson-scheme')") is None
            for question in ("q-year", "q-kinds"):
                cleared = _result(browser, question)
                assert (cleared["verdict"], cleared["feedback"], cleared["checked"]) == ("", None, [])
            browser.page.reload(wait_until="load")
            browser.wait_for("!document.querySelector('.vkc-question__check').hidden")
            assert _result(browser, "q-year")["checked"] == []
            assert browser.errors == []
    finally:
        server.stop()


def test_a_short_answer_is_typed_and_checked_with_enter(site: Path, content: Content) -> None:
    question = content.get("q-number", m.Question)
    server = Server(site)
    try:
        with Browser() as browser:
            browser.goto(server.url + "en/training/course-test/lesson-law/")
            browser.wait_for("!document.querySelector('.vkc-question__check').hidden")
            _tab_to(browser, "#q-number-text")
            browser.type("  950/qđ-TTG ")  # case and spaces do not matter
            browser.page.keyboard.press("Enter")
            result = _result(browser, "q-number")
            assert result["verdict"] == t("q_correct", "en")
            assert result["feedback"] == f"{t('q_feedback', 'en')}: {question.feedback.text('en')}"
            browser.eval("document.getElementById('q-number-text').select()")
            browser.type("1950")
            _tab_to(browser, "#q-number .vkc-question__check")
            browser.page.keyboard.press("Enter")
            assert _result(browser, "q-number")["verdict"] == t("q_wrong", "en")
    finally:
        server.stop()


def test_the_course_is_cached_for_offline_reading(site: Path) -> None:
    server = Server(site)
    try:
        with Browser() as browser:
            browser.goto(server.url + "en/")
            browser.wait_for("navigator.serviceWorker.ready.then(() => true)", timeout=30)
            browser.wait_for("navigator.serviceWorker.controller !== null")
            server.stop()
            browser.goto(server.url + "en/" + LESSON)
            assert browser.eval("document.querySelectorAll('.vkc-question').length") == 2
            browser.wait_for("!document.querySelector('.vkc-question__check').hidden")
            browser.goto(server.url + "en/training/course-test/")
            assert browser.eval("document.querySelector('h1').textContent").startswith("Test course")
    finally:
        server.stop()


@pytest.mark.parametrize("lang", LANGS)
def test_the_course_page_lists_the_learning_platform_files_the_build_wrote(site: Path, lang: Lang) -> None:
    """A build without the PDF/DOCX editions still publishes the SCORM package and the Moodle
    XML (no renderer needed), and the course page lists them with their cards."""
    page = site / PREFIX[lang] / "training" / "course-test" / "index.html"
    tree = lxml_html.parse(str(page)).getroot()
    heading = tree.get_element_by_id("course-test-lms")
    assert heading.text_content().strip().startswith(t("lms_files", lang))
    found = {}
    for link in tree.xpath("//div[contains(@class, 'vkc-downloads')]//a"):
        target = (page.parent / link.get("href")).resolve()
        if target.parent.name == "training":  # no handouts: this build skips the editions
            found[target.name] = (target, link.getparent().text_content())
    scorm, moodle = f"course-test-{lang}-scorm.zip", f"course-test-{lang}.moodle.xml"
    assert sorted(found) == sorted([scorm, moodle])
    for name, (target, card) in found.items():
        assert target == site / "downloads" / "training" / name
        assert target.is_file() and target.stat().st_size > 0
        assert t("format_scorm" if name == scorm else "format_xml", lang) in card
    assert zipfile.is_zipfile(found[scorm][0])
    assert b"<quiz>" in found[moodle][0].read_bytes()
