"""The figures and the glossary tooltips in the built site (headless Chromium at 390x844, a
phone) and the figures in the PDF editions, in vi, en and ko.

The site is the shipped content built once per session (:mod:`gates.site`), the one the
accessibility and HTML gates check.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from browser import Browser
from conftest import REPO
from gates.site import LANG_PREFIX, Built, built
from vkc import model as m
from vkc.content import Content, load_content
from vkc.i18n import format_partial, t
from vkc.model import LANGS, Lang, PartialDate
from vkc.reports import build_edition, render_docx, render_pdf

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

PHONE = (390, 844)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built(tmp_path_factory)


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, diagnostics = load_content(REPO / "content")
    assert loaded is not None, diagnostics
    return loaded


def _press(browser: Browser, key: str, code: int) -> None:
    """A key press as the keyboard makes it (not a focus() call): Tab moves focus for real.

    Why two ways: tests/browser.py drives Chromium over the DevTools protocol or through
    Playwright; both give ``page.keyboard`` or ``send`` respectively.
    """
    page: Any = getattr(browser, "page", None)
    if page is not None:
        page.keyboard.press(key)
        return
    send: Any = getattr(browser, "send", None)
    for kind in ("rawKeyDown", "keyUp"):
        send("Input.dispatchKeyEvent", type=kind, key=key, code=key, windowsVirtualKeyCode=code)


def _phone(browser: Browser) -> Browser:
    """The browser with a phone's viewport (Playwright's is the size given; the DevTools
    client's window has a minimum width, so its viewport is set apart)."""
    viewport: Any = getattr(browser, "viewport", None)
    if viewport is not None:
        viewport(*PHONE, mobile=True)
    return browser


FIGURE_JS = """(() => {
  const figure = document.getElementById(%r);
  const svg = figure.querySelector('svg');
  const box = svg.getBoundingClientRect();
  const view = svg.viewBox.baseVal;
  return {
    width: box.width,
    scale: box.width / view.width,
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    viewport: window.innerWidth,
    texts: [...svg.querySelectorAll('text')].map(e => [e.textContent, e.getAttribute('lang')]),
    label: document.getElementById(svg.getAttribute('aria-labelledby')).textContent,
    table: !!figure.nextElementSibling && !!(figure.nextElementSibling.querySelector('table')
      || figure.nextElementSibling.matches('table')),
  };
})()"""


@pytest.mark.parametrize("lang", LANGS)
def test_figures_are_readable_on_a_phone(site: Built, content: Content, lang: Lang, tmp_path: Path) -> None:
    pages = {
        "project/": ("vkc-timeline-figure", "fig_timeline"),
        "organizations/": ("vkc-changes-figure", "fig_changes"),
        "translation-status/": ("vkc-progress-figure", "fig_progress"),
    }
    with Browser(*PHONE) as opened:
        browser = _phone(opened)
        for path, (figure_id, caption) in pages.items():
            browser.goto(site.url + LANG_PREFIX[lang] + path)
            found = browser.eval(FIGURE_JS % figure_id)
            assert found["label"] == t(caption, lang)
            # The drawing fits the phone's column and its 14-unit text is drawn at 12 px or more.
            assert found["viewport"] == PHONE[0]
            assert found["overflow"] <= 0 and found["width"] <= PHONE[0]
            assert found["scale"] * 14 >= 12, found["scale"]
            assert found["table"], path  # the text alternative follows the figure
            words = " ".join(text for text, _ in found["texts"])
            if path == "organizations/":
                for org_id in ("mot", "moc", "mic", "most", "hue-province-pc", "hue-city-pc"):
                    name = content.get(org_id, m.Organization).name
                    assert " ".join((name.text(lang) or name.vi).split()) in words
                assert format_partial(PartialDate(2025, 3, 1), lang) in words
            if path == "project/":
                assert format_partial(PartialDate(2018, 6, 19), lang) in words
            assert {text_lang for _, text_lang in found["texts"]} == {None}  # all in the page's language


TIP_JS = """(() => {
  const link = document.activeElement;
  const tip = document.getElementById(link.getAttribute('aria-describedby') || '');
  if (!link.matches('.vkc-term > a') || !tip) return null;
  const box = tip.getBoundingClientRect();
  return {href: link.getAttribute('href'), display: getComputedStyle(tip).display, left: box.left,
          right: box.right, height: box.height, text: tip.textContent,
          langs: [...tip.querySelector('.vkc-term__names').children].map(e => e.getAttribute('lang'))};
})()"""

BEFORE_FIRST_TERM_JS = """(() => {
  const focusable = [...document.querySelectorAll('a[href], button, input, [tabindex]')]
    .filter(e => e.getClientRects().length && e.tabIndex >= 0);
  const index = focusable.findIndex(e => e.matches('.vkc-term > a'));
  focusable[index - 1].focus();
  return document.activeElement === focusable[index - 1];
})()"""


@pytest.mark.parametrize("lang", LANGS)
def test_the_tooltip_opens_on_keyboard_focus(site: Built, content: Content, lang: Lang) -> None:
    term = content.get("term-smart-city", m.GlossaryTerm)
    assert term.definition is not None
    with Browser(*PHONE) as opened:
        browser = _phone(opened)
        browser.goto(site.url + LANG_PREFIX[lang] + "guideline/part-1/")
        assert browser.eval("window.innerWidth") == PHONE[0]
        hidden = browser.eval("getComputedStyle(document.querySelector('.vkc-term__tip')).display")
        assert hidden == "none"
        assert browser.eval(BEFORE_FIRST_TERM_JS)
        _press(browser, "Tab", 9)
        tip = browser.wait_for(TIP_JS)
        assert tip["href"] == "../../glossary/#term-smart-city"
        assert tip["display"] == "block" and tip["height"] > 0
        assert tip["left"] >= 0 and tip["right"] <= PHONE[0]  # on the screen of the phone
        definition = " ".join((term.definition.text(lang) or term.definition.vi).split())
        assert re.sub(r"\s+", " ", tip["text"]).startswith(definition)
        assert tip["langs"] == list(LANGS)
        # Escape hides it without moving the focus (WCAG 1.4.13).
        _press(browser, "Escape", 27)
        assert browser.wait_for(
            "getComputedStyle(document.getElementById(document.activeElement.getAttribute('aria-describedby')))"
            ".display === 'none'"
        )


def _pdf_pages(pdf: bytes, folder: Path) -> list[str]:
    path = folder / "edition.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


@pytest.mark.parametrize("lang", LANGS)
def test_the_project_report_prints_the_figures(content: Content, lang: Lang, tmp_path: Path) -> None:
    edition = build_edition(content, "project", lang)
    pages = _pdf_pages(render_pdf(edition), tmp_path)
    caption = " ".join(t("fig_changes", lang).split()[:8])
    [page] = [p for p in pages if caption in p]
    for org_id in ("mot", "moc", "mic", "most", "hue-city-pc"):
        name = content.get(org_id, m.Organization).name
        assert " ".join((name.text(lang) or name.vi).split()) in page, org_id
    assert format_partial(PartialDate(2025, 3, 1), lang) in page
    timeline = " ".join(t("fig_timeline", lang).split()[:8])
    [page] = [p for p in pages if timeline in p]
    assert format_partial(PartialDate(2018, 6, 19), lang) in page
    project = content.get("vkc", m.Project)
    first = project.events[0].title
    assert " ".join((first.text(lang) or first.vi).split()) in page
    # A look at the page with the diagram (kept by pytest's tmp_path for a reader to open).
    number = next(i for i, p in enumerate(pages) if caption in p) + 1
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            str(number),
            "-l",
            str(number),
            str(tmp_path / "edition.pdf"),
            str(tmp_path / "figure"),
        ],
        check=True,
    )
    assert list(tmp_path.glob("figure*.png"))


def test_the_docx_report_embeds_the_same_drawings(content: Content) -> None:
    for lang in LANGS:
        edition = build_edition(content, "project", lang)
        with zipfile.ZipFile(io.BytesIO(render_docx(edition))) as docx:
            media = sorted(n for n in docx.namelist() if n.startswith("word/media/") and n.endswith(".svg"))
            document = docx.read("word/document.xml").decode("utf-8")
            drawn = {docx.read(name).decode("utf-8") for name in media}
        assert drawn == {svg for svg, _ in edition.figures.values()}
        for key in ("fig_timeline", "fig_changes"):
            assert f'descr="{html.escape(t(key, lang))}"' in document


def test_offline_readers_keep_the_tooltips(site: Built) -> None:
    # The figures are inline SVG (nothing to fetch); the stylesheet and the tooltip script are
    # in every language's precache.
    for prefix in LANG_PREFIX.values():
        worker = (site.root / prefix / "sw.js").read_text(encoding="utf-8")
        assert '"assets/javascripts/vkc-terms.js"' in worker and '"assets/vkc.css"' in worker
