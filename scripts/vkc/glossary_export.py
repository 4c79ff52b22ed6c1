"""Glossary exports for translators' tools: TBX (TermBase eXchange) and CSV.

Why: translators keep terminology in their CAT tools (Trados, memoQ, OmegaT, Weblate),
which import TBX; CSV opens in any spreadsheet. Both are written from the validated
glossary, so the site, the reports and the tools show the same renderings.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from . import model as m
from .content import Content
from .glossary_check import split_choices
from .i18n import t

TBX_NS = "urn:iso:std:iso:30042:ed-2"
"""Namespace of TBX v3 (ISO 30042:2019)."""
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
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


_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z]")
_BRACKETS = re.compile(r"\s*\(([^()]*)\)\s*")


@dataclass(frozen=True)
class TbxTerm:
    """One term of a language section: TBX wants one term per termSec."""

    text: str
    status: str
    """TBX-Basic administrativeStatus: preferredTerm-admn-sts or admittedTerm-admn-sts."""
    term_type: str | None = None
    """TBX-Basic termType (acronym, variant), when not the full form."""
    notes: tuple[str, ...] = ()


def tbx_terms(rendering: str, lang: m.Lang, proposed: bool) -> list[TbxTerm]:
    """The terms of one glossary rendering, as a CAT tool can match them in running text.

    ``A / B``: A is the preferred term, B an admitted variant with a usage note. A bracketed
    part ("스마트시티 가이드라인 (또는 지침)", "smart city recognition (certification) process")
    never occurs in running text, so the term is the text without it and a usage note
    keeps the glossary's form; a final bracketed acronym ("... (IOC)") is a term of its own.
    """
    terms: list[TbxTerm] = []
    choices = split_choices(rendering)
    main = ""
    for index, choice in enumerate(choices):
        base = " ".join(_BRACKETS.sub(" ", choice).split())
        inner = [part.strip() for part in re.findall(r"\(([^()]*)\)", choice)]
        # Only a final "(IOC)" abbreviates the whole term; "가상현실(VR) 체험관" does not.
        last = re.fullmatch(r".*\(([^()]*)\)", choice)
        acronyms = [last.group(1).strip()] if last and _ACRONYM.fullmatch(last.group(1).strip()) else []
        notes: list[str] = []
        if index == 0:
            main = base or choice
        else:
            notes.append(t("tbx_variant_of", lang, term=main))
        if len(acronyms) < len(inner):
            notes.append(t("tbx_as_written", lang, term=choice))
        if proposed:
            notes.append(t("tbx_proposed", lang))
        status = "preferredTerm-admn-sts" if index == 0 else "admittedTerm-admn-sts"
        if base:
            terms.append(TbxTerm(base, status, None if index == 0 else "variant", tuple(notes)))
        for acronym in acronyms:
            extra = (t("tbx_proposed", lang),) if proposed else ()
            terms.append(TbxTerm(acronym, "admittedTerm-admn-sts", "acronym", extra))
    # The same text twice (an acronym repeated across choices) is one term.
    unique: dict[str, TbxTerm] = {}
    for term in terms:
        unique.setdefault(term.text, term)
    return list(unique.values())


def glossary_tbx(content: Content) -> bytes:
    """The glossary as a TBX-Basic document (TBX v3, ISO 30042:2019, DCA style).

    Element order follows the core structure: in a langSec its definition and notes come
    before its termSecs; in a termSec the term, then its termNotes, then its notes.
    """
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
            note = term.note.text(lang) if term.note else None
            if note:
                el(section, "note", note)
            for tbx_term in tbx_terms(rendering, lang, lang in term.term.proposed):
                term_sec = el(section, "termSec")
                el(term_sec, "term", tbx_term.text)
                el(term_sec, "termNote", tbx_term.status, type="administrativeStatus")
                if tbx_term.term_type:
                    el(term_sec, "termNote", tbx_term.term_type, type="termType")
                for text in tbx_term.notes:
                    el(term_sec, "note", text)
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
