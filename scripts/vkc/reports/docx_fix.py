"""Post-processing of pandoc's DOCX so that the file reads right in any word processor.

Why a separate pass instead of pandoc options: pandoc writes the table of contents as an
empty field that only Word fills (it asks to update fields on opening); LibreOffice and
other readers show the cached result, which pandoc leaves empty. And pandoc tags text with
the bare edition language, so in the Korean edition Latin words and numbers carry the Korean
language and LibreOffice breaks them anywhere ("s|ervices", "201|9"). This module rewrites
the two parts after pandoc: it fills the TOC field's result with the headings (each a
hyperlink to its heading's bookmark) and keeps the field itself, marked dirty, so Word
rebuilds it with page numbers; and it gives every run a Latin locale (``w:val``) and Korean
as the East Asian language (``w:eastAsia``), the way Word itself tags mixed text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator

from lxml import etree

from ..model import Lang

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
LATIN_LOCALE: dict[Lang, str] = {"vi": "vi-VN", "en": "en-US", "ko": "en-US"}
"""The locale of Latin-script text by edition language. In the Korean edition Latin text is
English titles, codes and numbers (Vietnamese quotations carry their own tag)."""
SPAN_LOCALE: dict[str, str] = {"vi": "vi-VN", "en": "en-US"}
EAST_ASIAN = "ko-KR"
TOC_LEVELS = 3
"""Heading levels listed, as pandoc's field instruction says (TOC \\o "1-3")."""
_TAB_POS = "9026"
"""Right tab of the TOC styles for the page numbers Word adds: the text width of an A4 page with 1-inch margins (in
twentieths of a point), which also fits on US Letter."""


def w(tag: str) -> str:
    return _W + tag


def _el(tag: str, attrs: dict[str, str] | None = None, *children: etree._Element) -> etree._Element:
    element = etree.Element(w(tag), {w(k): v for k, v in (attrs or {}).items()}, nsmap={"w": W_NS})
    element.extend(children)
    return element


def _text_run(text: str, lang: etree._Element | None = None) -> etree._Element:
    run = _el("r")
    if lang is not None:
        run.append(_el("rPr", None, _copy(lang)))
    t = etree.SubElement(run, w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _copy(element: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(element))


def _field_runs(kind: str, instruction: str | None = None) -> list[etree._Element]:
    """``begin`` with its instruction, ``separate`` or ``end`` as runs of a complex field."""
    if kind != "begin":
        return [_el("r", None, _el("fldChar", {"fldCharType": kind}))]
    begin = _el("r", None, _el("fldChar", {"fldCharType": "begin", "dirty": "true"}))
    instr = _el("r", None, _el("instrText"))
    instr[0].text = instruction
    instr[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return [begin, instr]


def _heading_level(paragraph: etree._Element) -> int | None:
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    value = "" if style is None else style.get(w("val"), "")
    if value.startswith("Heading") and value[7:].isdigit():
        return int(value[7:])
    return None


def _headings(body: etree._Element, after: etree._Element) -> Iterator[tuple[int, etree._Element]]:
    seen = False
    for element in body:
        if element is after:
            seen = True
        elif seen and element.tag == w("p"):
            level = _heading_level(element)
            if level is not None and level <= TOC_LEVELS:
                yield level, element


def _bookmark(paragraph: etree._Element, number: int) -> str:
    """The bookmark that starts at ``paragraph`` (pandoc's section id), or a new one."""
    previous = paragraph.getprevious()
    if previous is not None and previous.tag == w("bookmarkStart"):
        return previous.get(w("name"), "")
    name = f"_Toc_vkc_{number}"
    ident = f"{900000 + number}"
    paragraph.insert(1, _el("bookmarkStart", {"id": ident, "name": name}))
    paragraph.append(_el("bookmarkEnd", {"id": ident}))
    return name


def _entry(level: int, heading: etree._Element, anchor: str) -> etree._Element:
    """One TOC paragraph: the heading's text as a link to it.

    No page number: it depends on the word processor's layout, which the writer does not
    know; a number read by another program would be wrong in Word. Word adds the numbers
    when it updates the (dirty) field; the entry style already has the dotted right tab.
    """
    link = _el("hyperlink", {"anchor": anchor, "history": "1"})
    for run in heading.iter(w("r")):
        text = "".join(t.text or "" for t in run.iter(w("t")))
        if text:
            link.append(_text_run(text, run.find(f"{w('rPr')}/{w('lang')}")))
    return _el("p", None, _el("pPr", None, _el("pStyle", {"val": f"TOC{level}"})), link)


def fill_toc(document: etree._Element) -> int:
    """Write the headings into the result of pandoc's TOC field; returns the entry count."""
    body = document.find(w("body"))
    if body is None:
        return 0
    for sdt in body.iter(w("sdt")):
        gallery = sdt.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
        if gallery is not None and gallery.get(w("val")) == "Table of Contents":
            break
    else:
        return 0
    field = next((p for p in sdt.iter(w("p")) if p.find(f".//{w('instrText')}") is not None), None)
    if field is None:
        return 0
    instruction = "".join(t.text or "" for t in field.iter(w("instrText")))
    entries = [_entry(level, h, _bookmark(h, n)) for n, (level, h) in enumerate(_headings(body, sdt))]
    if not entries:
        return 0
    # Word's own layout: the field begins in the first entry's paragraph and ends in the last.
    for offset, run in enumerate([*_field_runs("begin", instruction), *_field_runs("separate")]):
        entries[0].insert(1 + offset, run)  # after the paragraph properties
    entries[-1].extend(_field_runs("end"))
    parent = field.getparent()
    assert parent is not None
    index = parent.index(field)
    parent.remove(field)
    for offset, entry in enumerate(entries):
        parent.insert(index + offset, entry)
    return len(entries)


def tag_languages(document: etree._Element) -> None:
    """Run languages as Word writes them: Latin locale in ``w:val``, Korean in ``w:eastAsia``.

    Pandoc writes ``<w:lang w:val="ko"/>`` for Korean spans, which declares the Latin letters
    and digits in them Korean; without ``w:val`` they inherit the document's Latin locale.
    """
    for lang in document.iter(w("lang")):
        value = lang.get(w("val"), "")
        primary = value.split("-")[0].lower()
        if primary == "ko":
            del lang.attrib[w("val")]
            lang.set(w("eastAsia"), EAST_ASIAN)
        elif primary in SPAN_LOCALE:
            lang.set(w("val"), SPAN_LOCALE[primary])


_TOC_STYLE = (
    '<w:style xmlns:w="{ns}" w:type="paragraph" w:styleId="TOC{level}"><w:name w:val="toc {level}" />'
    '<w:basedOn w:val="Normal" /><w:next w:val="Normal" /><w:uiPriority w:val="39" /><w:unhideWhenUsed />'
    '<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{pos}" /></w:tabs>'
    '<w:spacing w:before="0" w:after="60" /><w:ind w:left="{indent}" /></w:pPr></w:style>'
)


def fix_styles(styles: etree._Element, lang: Lang) -> None:
    """Document languages (Latin locale, Korean East Asian) and the TOC entry styles."""
    for default in styles.iterfind(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}"):
        default.set(w("val"), LATIN_LOCALE[lang])
        default.set(w("eastAsia"), EAST_ASIAN)
    present = {s.get(w("styleId")) for s in styles.iterfind(w("style"))}
    for level in range(1, TOC_LEVELS + 1):
        if f"TOC{level}" not in present:
            xml = _TOC_STYLE.format(ns=W_NS, level=level, pos=_TAB_POS, indent=(level - 1) * 240)
            styles.append(etree.fromstring(xml))


def _rewrite(xml: bytes, fix: Callable[[etree._Element], object]) -> bytes:
    root = etree.fromstring(xml)
    fix(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _fix_document(document: etree._Element) -> None:
    tag_languages(document)
    fill_toc(document)


def fix_docx(data: bytes, lang: Lang) -> bytes:
    """The DOCX ``data`` with a filled table of contents and Latin/Korean language tags.

    Zip entries keep their order and timestamps, so the output stays reproducible.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "word/document.xml":
                part = _rewrite(part, _fix_document)
            elif info.filename == "word/styles.xml":
                part = _rewrite(part, lambda root: fix_styles(root, lang))
            target.writestr(info, part, zipfile.ZIP_DEFLATED)
    return out.getvalue()
