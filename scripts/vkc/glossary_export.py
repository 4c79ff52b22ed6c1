"""Glossary exports for translators' tools: TBX (TermBase eXchange) and CSV.

Why: translators keep terminology in their CAT tools (Trados, memoQ, OmegaT, Weblate),
which import TBX; CSV opens in any spreadsheet. Both are written from the validated
glossary, so the site, the reports and the tools show the same renderings.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

from . import model as m
from .content import Content
from .glossary_check import split_choices

TBX_NS = "urn:iso:std:iso:30042:ed-2"
"""Namespace of TBX v3 (ISO 30042:2019)."""
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PROPOSED_NOTE = {
    "vi": "Bản dịch đề xuất, không phải tên chính thức đã được xác nhận.",
    "en": "Proposed rendering, not an attested official name.",
    "ko": "제안 번역이며 확인된 공식 명칭이 아니다.",
}
"""Note on a rendering that is ours, in the language of the rendering."""
CSV_COLUMNS = (
    "id",
    "vi",
    "en",
    "ko",
    "proposed",
    "definition_vi",
    "definition_en",
    "definition_ko",
    "note_vi",
    "note_en",
    "note_ko",
)


def glossary_tbx(content: Content) -> bytes:
    """The glossary as a TBX-Basic document (TBX v3, DCA style): one langSec per language."""
    ET.register_namespace("", TBX_NS)

    def el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{TBX_NS}}}{tag}", attrs)
        node.text = text
        return node

    root = ET.Element(f"{{{TBX_NS}}}tbx", {"style": "dca", "type": "TBX-Basic", XML_LANG: "vi"})
    header = el(root, "tbxHeader")
    desc = el(header, "fileDesc")
    el(el(desc, "titleStmt"), "title", f"{content.publication.title.vi}: glossary")
    el(el(desc, "sourceDesc"), "p", f"{content.publication.publisher.vi}, version {content.publication.version}")
    body = el(el(root, "text"), "body")
    for term in content.collection("glossary", m.GlossaryTerm):
        entry = el(body, "conceptEntry", id=term.id)
        for lang in m.LANGS:
            rendering = term.term.text(lang)
            if rendering is None:
                continue
            section = el(entry, "langSec", **{XML_LANG: lang})
            definition = term.definition.text(lang) if term.definition else None
            if definition:
                el(section, "descrip", definition, type="definition")
            for text in split_choices(rendering):  # "A / B": two terms a CAT tool should both know
                term_sec = el(section, "termSec")
                el(term_sec, "term", text)
                if lang in term.term.proposed:
                    el(term_sec, "note", PROPOSED_NOTE[lang])
            note = term.note.text(lang) if term.note else None
            if note:
                el(section, "note", note)
    ET.indent(root, space="  ")
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def glossary_csv(content: Content) -> bytes:
    """The glossary as CSV (UTF-8 with a byte-order mark, so spreadsheets read Vietnamese and Korean)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for term in content.collection("glossary", m.GlossaryTerm):
        row = [term.id, *(term.term.text(lang) or "" for lang in m.LANGS), " ".join(term.term.proposed)]
        for extra in (term.definition, term.note):
            row.extend((extra.text(lang) or "") if extra else "" for lang in m.LANGS)
        writer.writerow(row)
    return out.getvalue().encode("utf-8-sig")


GLOSSARY_FILES: tuple[str, ...] = ("glossary.csv", "glossary.tbx")
"""The files :func:`write_glossary_exports` writes (the About page lists them before they exist)."""


def write_glossary_exports(content: Content, downloads: Path) -> list[Path]:
    """Write ``glossary.tbx`` and ``glossary.csv`` into ``downloads``; returns the files."""
    downloads.mkdir(parents=True, exist_ok=True)
    tbx = downloads / "glossary.tbx"
    tbx.write_bytes(glossary_tbx(content))
    table = downloads / "glossary.csv"
    table.write_bytes(glossary_csv(content))
    return [tbx, table]
