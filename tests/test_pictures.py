"""Figures drawn at build time and glossary terms on tap, asserted on the documents and on the
Markdown the site and the editions are made from, in vi, en and ko.

The SVG is parsed as XML: every text element's words and its ``lang`` (set where the words are
not in the page's language, as a Vietnamese name shown for a missing translation).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from conftest import REPO
from vkc import model as m
from vkc.content import Content, load_content
from vkc.document.context import Ctx
from vkc.document.editions import edition_document
from vkc.document.nodes import Block, Body, Document, Figure, Heading, Words
from vkc.document.pages import page_documents, record_pages
from vkc.i18n import format_partial, t
from vkc.model import LANGS, Lang, PartialDate
from vkc.reports.editions import build_edition
from vkc.site.page_markdown import Writer

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, diagnostics = load_content(REPO / "content")
    assert loaded is not None, diagnostics
    return loaded


@pytest.fixture(scope="module")
def pages(content: Content) -> dict[str, dict[Lang, Document]]:
    return page_documents(content)


def _figure(blocks: tuple[Block, ...] | list[Block], role: str) -> Figure:
    found = [b for b in blocks if isinstance(b, Figure) and b.role == role]
    assert len(found) == 1, role
    return found[0]


def _texts(svg: str) -> list[tuple[str, str | None]]:
    """(words, lang) of every text element of ``svg``, in drawing order."""
    root = ET.fromstring(svg)
    return [(el.text or "", el.get("lang")) for el in root.iter(f"{SVG}text")]


def _check_markup(figure: Figure, lang: Lang) -> None:
    root = ET.fromstring(figure.svg)
    assert root.get("lang") == lang
    assert root.get("role") == "img" and root.get("aria-labelledby") == f"{figure.id}-caption"
    # The CSP allows no inline style: presentation attributes only.
    assert not [el for el in root.iter() if "style" in el.attrib]
    assert not [el for el in root.iter() if el.tag == f"{SVG}script" or any(a.startswith("on") for a in el.attrib)]


def _name(content: Content, org_id: str, lang: Lang) -> str:
    name = content.get(org_id, m.Organization).name
    return name.text(lang) or name.vi


@pytest.mark.parametrize("lang", LANGS)
def test_project_timeline_figure_says_each_entry_in_the_page_language(
    content: Content, pages: dict[str, dict[Lang, Document]], lang: Lang
) -> None:
    doc = pages["project.md"][lang]
    figure = _figure(doc.blocks, "timeline")
    _check_markup(figure, lang)
    drawn = _texts(figure.svg)
    words = " ".join(text for text, _ in drawn)
    project = content.get("vkc", m.Project)
    entries: list[m.Event | m.Milestone] = [*project.events, *project.milestones]
    for entry in entries:
        assert format_partial(entry.date, lang) in words
        title = entry.title.text(lang) or entry.title.vi
        # Titles wrap over lines: compare without the breaks.
        assert " ".join(title.split()) in words, title
    # Every entry is translated in the shipped content: nothing carries another language.
    assert {text_lang for _, text_lang in drawn} == {None}
    assert f"{format_partial(PartialDate(2030), lang)} · {t('status_planned', lang)}" in [text for text, _ in drawn]
    assert figure.caption == t("fig_timeline", lang)
    assert len(figure.table.rows) == len(entries)
    # The first date of the drawing is the oldest entry.
    assert drawn[0][0] == format_partial(PartialDate(2018, 6, 19), lang)


@pytest.mark.parametrize("lang", LANGS)
def test_organization_diagram_shows_who_merged_into_whom_and_when(
    content: Content, pages: dict[str, dict[Lang, Document]], lang: Lang
) -> None:
    doc = pages["organizations.md"][lang]
    figure = _figure(doc.blocks, "changes")
    _check_markup(figure, lang)
    lines = [text for text, _ in _texts(figure.svg)]
    hue, merger = format_partial(PartialDate(2025, 1, 1), lang), format_partial(PartialDate(2025, 3, 1), lang)
    expected = [
        _name(content, "hue-province-pc", lang),
        hue,
        _name(content, "hue-city-pc", lang),
        _name(content, "mot", lang),
        _name(content, "moc", lang),
        merger,
        _name(content, "moc", lang),
        _name(content, "mic", lang),
        _name(content, "most", lang),
        merger,
        _name(content, "most", lang),
    ]
    # Long names wrap over lines: compare the words.
    assert " ".join(lines) == " ".join(expected)
    assert [row[0] for row in figure.table.rows] == [(Words(hue),), (Words(merger),), (Words(merger),)]
    heading = next(b for b in doc.blocks if isinstance(b, Heading) and b.anchor == "vkc-changes")
    assert heading.title == (Words(t("org_changes", lang)),)


EXTRAS = """\
organizations:
  - id: old-body
    name: {vi: Sở Thử nghiệm cũ}
    country: vn
    valid_until: 2024-07-01
    succeeded_by: new-body
    sources: [src-plo]
  - id: new-body
    name: {vi: Sở Thử nghiệm mới, en: New Test Department, ko: 신시험국}
    country: vn
    valid_from: 2024-07-01
    sources: [src-plo]
glossary:
  - id: term-hostile
    term: {vi: "khu thử nghiệm", en: "test zone", ko: "시험 구역"}
    definition:
      vi: "Định nghĩa <script>alert(1)</script> [x](javascript:alert(1)) {: onclick=\\"x\\" }"
      en: "A zone <script>alert(1)</script> [x](javascript:alert(1)) {: onclick=\\"x\\" }"
      ko: "구역 <script>alert(1)</script>"
    sources: [src-plo]
"""


@pytest.fixture
def hostile(mini_content: Path) -> Content:
    (mini_content / "extras.yaml").write_text(EXTRAS, encoding="utf-8")
    loaded, diagnostics = load_content(mini_content)
    assert loaded is not None, diagnostics
    return loaded


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_name_without_translation_is_drawn_in_vietnamese_with_its_lang(hostile: Content, lang: Lang) -> None:
    figure = _figure(page_documents(hostile)["organizations.md"][lang].blocks, "changes")
    drawn = _texts(figure.svg)
    assert drawn == [
        ("Sở Thử nghiệm cũ", "vi"),
        (format_partial(PartialDate(2024, 7, 1), lang), None),
        (_name(hostile, "new-body", lang), None),
    ]
    page = Writer("organizations.md", lang, record_pages(hostile)).blocks([figure])
    assert '<span lang="vi">Sở Thử nghiệm cũ</span>' in page  # the table, the text alternative
    assert f'<figcaption id="{figure.id}-caption">' in page


def test_the_editions_draw_the_same_figures(content: Content, pages: dict[str, dict[Lang, Document]]) -> None:
    for lang in LANGS:
        page = pages["organizations.md"][lang]
        on_page = _figure(page.blocks, "changes")
        report = edition_document(content, "project", lang).document
        figures = [b for b in report.blocks if isinstance(b, Figure)]
        assert [f.role for f in figures] == ["timeline", "changes"]
        # The organization diagram is the same drawing on the page and in the report.
        assert figures[1].svg == on_page.svg.replace(on_page.id, figures[1].id)
        edition = build_edition(content, "project", lang)
        assert set(edition.figures) == {f.id for f in figures}
        for figure in figures:
            assert f"::: {{.figure figure={figure.id}}}\n" in edition.markdown
        guideline = edition_document(content, "guideline", lang).document
        assert [b.role for b in guideline.blocks if isinstance(b, Figure)] == ["timeline"]


def _sections(blocks: tuple[Block, ...]) -> list[list[str]]:
    sections: list[list[str]] = [[]]
    for block in blocks:
        if isinstance(block, Heading):
            sections.append([])
        elif isinstance(block, Body):
            sections[-1] += [use.term_id for use in block.terms]
    return sections


TERM_LINK = {
    "vi": "[đô thị thông minh](../glossary.md#term-smart-city)",
    "en": "[smart cities](../glossary.md#term-smart-city)",
    "ko": "[스마트시티](../glossary.md#term-smart-city)",
}


@pytest.mark.parametrize("lang", LANGS)
def test_terms_link_to_the_glossary_once_per_section_with_a_tooltip(
    content: Content, pages: dict[str, dict[Lang, Document]], lang: Lang
) -> None:
    doc = pages["guideline/part-1.md"][lang]
    sections = _sections(doc.blocks)
    assert any(sections)
    assert all(len(ids) == len(set(ids)) for ids in sections)
    page = Writer(doc.path, lang, record_pages(content)).blocks(doc.blocks)
    assert TERM_LINK[lang] + '{: aria-describedby="vkc-tip-term-smart-city-0" }' in page
    tip = re.search(
        r'<span class="vkc-term__tip" id="vkc-tip-term-smart-city-0" role="tooltip">(.*?)</span></span>', page
    )
    assert tip
    term = content.get("term-smart-city", m.GlossaryTerm)
    assert term.definition is not None
    definition = term.definition.text(lang) or term.definition.vi
    assert tip.group(1).startswith('<span class="vkc-term__def">' + definition.replace("-", "\\-").replace(".", "\\."))
    for code in LANGS:
        assert f'<span lang="{code}">{term.term.text(code)}</span>' in tip.group()
    # The glossary itself links no term to itself.
    assert not any(isinstance(b, Body) and b.terms for b in pages["glossary.md"][lang].blocks)


def _tags(fragment: str) -> list[tuple[str, dict[str, str]]]:
    """Every start tag of an HTML fragment with its attributes."""
    found: list[tuple[str, dict[str, str]]] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, {k: v or "" for k, v in attrs}))

    Parser().feed(fragment)
    return found


HOSTILE_USE = {
    "vi": "Một [khu thử nghiệm](https://example.org) và khu thử nghiệm <b>.",
    "en": "A [test zone](https://example.org) and a test zone <b>.",
}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_term_tooltips_stay_inert_text(hostile: Content, lang: Lang) -> None:
    ctx = Ctx(hostile, lang, link_terms=True)
    marked = ctx.body(m.LocalizedText(vi=HOSTILE_USE["vi"], en=HOSTILE_USE["en"]))[-1]
    assert isinstance(marked, Body) and [u.term_id for u in marked.terms] == ["term-hostile"]
    text = Writer("guideline/index.md", lang, {}).block(marked)
    out = markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "admonition"])
    tags = _tags(out)
    assert {tag for tag, _ in tags} <= {"p", "a", "span", "div"}  # div: the notice of a stale text
    assert not [
        (tag, attrs) for tag, attrs in tags if set(attrs) - {"href", "class", "id", "role", "lang", "aria-describedby"}
    ]
    assert not [attrs for _, attrs in tags if attrs.get("href", "").startswith("javascript")]
    # The content's own link keeps its words; the next use of the term is the glossary link.
    assert '<a href="https://example.org">' in out
    assert re.search(r'<a aria-describedby="vkc-tip-term-hostile-0" href="\.\./glossary\.md#term-hostile">', out)
    assert 'role="tooltip"' in out
