"""The printable editions as documents: the guideline, the project report, the bilingual guideline.

Why in the document layer: an edition says what the site says about every text (missing,
stale, proposed, illustrative) because both are built from the same :class:`.context.Ctx`;
only the layout differs (tables for the listings, numbered citations ``[n]``). The pandoc
renderer (:mod:`vkc.reports.pandoc_markdown`) only marks these documents up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .. import model as m
from ..content import Content
from ..i18n import LANG_NAMES, format_partial, t
from ..model import LANGS, Lang, PartialDate
from ..numbering import guideline_numbers, numbered_title
from .context import Ctx, category_tree, timeline_entries
from .nodes import (
    Anchor,
    Block,
    Body,
    Document,
    Emph,
    Heading,
    Inline,
    Lang_,
    Mark,
    Pair,
    Para,
    Says,
    Small,
    Strong,
    Table,
    Text,
    Url,
    Words,
    join,
    words,
)
from .pictures import changes_figure, timeline_figure

EditionKind = Literal["guideline", "project", "bilingual", "handout"]
EDITION_KINDS: tuple[EditionKind, ...] = ("guideline", "project", "bilingual")
"""The editions of the whole publication (`vkc report --edition`); the training handouts, one
per course, role and language, are named by :mod:`.training`."""


def edition_plan() -> list[tuple[EditionKind, Lang, tuple[str, ...]]]:
    """Every edition the site publishes, with its formats."""
    plan: list[tuple[EditionKind, Lang, tuple[str, ...]]] = []
    for kind in ("guideline", "project"):
        plan.extend((kind, lang, ("pdf", "docx")) for lang in LANGS)
    plan.extend(("bilingual", lang, ("pdf",)) for lang in ("en", "ko"))
    return plan


def edition_stem(kind: EditionKind, lang: Lang) -> str:
    """File name without extension, e.g. ``guideline-ko``, ``project-report-en``, ``guideline-vi-ko``."""
    if kind == "bilingual":
        return f"guideline-vi-{lang}"
    return f"{'guideline' if kind == 'guideline' else 'project-report'}-{lang}"


def edition_files() -> list[str]:
    """The names of every edition file, known before any is rendered (the About page lists them)."""
    return sorted(f"{edition_stem(kind, lang)}.{fmt}" for kind, lang, formats in edition_plan() for fmt in formats)


@dataclass(frozen=True)
class EditionDocument:
    """One printable edition before markup."""

    kind: EditionKind
    lang: Lang
    """Reader's language; for a bilingual edition, the language beside the Vietnamese."""
    document: Document
    """The body, and the cover fields in ``document.meta``."""
    title: str
    """Plain-text title for the file's metadata."""
    author: str
    """Plain-text publisher for the file's metadata."""
    doc_lang: Lang
    """Language declared for the document (the PDF catalog's /Lang, the DOCX default)."""
    date: tuple[int, int, int]
    """Publication date (year, month, day): the document date, so builds are reproducible."""
    name: str = ""
    """File name without extension when the kind does not give it (a handout: ``training/COURSE-trainer-en``)."""

    @property
    def stem(self) -> str:
        """File name without extension (under ``downloads/``)."""
        return self.name or edition_stem(self.kind, self.lang)


def edition_document(
    content: Content, kind: EditionKind, lang: Lang, stale_since: Mapping[int, PartialDate] | None = None
) -> EditionDocument:
    """The document of one edition (``lang`` may not be vi for ``bilingual``)."""
    if kind == "bilingual":
        if lang == "vi":
            raise ValueError("a bilingual edition pairs Vietnamese with en or ko")
        return _bilingual(content, lang, stale_since or {})
    ctx = Ctx(content, lang, stale_since or {})
    projects = content.collection("projects", m.Project)
    blocks: list[Block] = []
    if kind == "guideline":
        blocks += guideline_blocks(ctx)
        blocks += indicators_blocks(ctx)
        blocks += timeline_blocks(ctx, projects)
        blocks += glossary_blocks(ctx)
        blocks += sources_blocks(ctx)
    else:
        for project in projects:
            blocks += project_blocks(ctx, project)
        blocks += organizations_blocks(ctx)
        blocks += legal_documents_blocks(ctx)
        blocks += indicators_blocks(ctx)
        blocks += glossary_blocks(ctx)
        blocks += sources_blocks(ctx)
    kind_label = ctx.word("guideline" if kind == "guideline" else "edition_project")
    doc = Document(lang, "", tuple(blocks))
    return cover_edition(ctx, kind, doc, kind_label)


def cover_edition(ctx: Ctx, kind: EditionKind, body: Document, kind_label: str, name: str = "") -> EditionDocument:
    """An edition of ``body``'s blocks under the publication's cover, labelled ``kind_label``
    ("Guideline", "Trainer's handout"...); ``name``: the file name when not the kind's own."""
    pub = ctx.content.publication
    lang = ctx.lang
    meta: dict[str, Inline] = {
        "title": ctx.text(pub.title),
        "kind-label": words(kind_label),
        "publisher": ctx.text(pub.publisher),
        "edition": ctx.text(pub.edition),
        "version": words(pub.version),
        "date-text": words(format_partial(pub.date, lang)),
        "notice": ctx.text(pub.notice),
        "toc-title": words(ctx.word("contents")),
        "notice-label": words(ctx.word("notice")),
        "edition-label": words(ctx.word("edition")),
        "version-label": words(ctx.word("version")),
        "date-label": words(ctx.word("date")),
        "running-title": (*ctx.plain(pub.title), Words(f" — {kind_label}")),
    }
    if pub.subtitle:
        meta["subtitle"] = ctx.text(pub.subtitle)
    title = body.title or f"{ctx.resolve(pub.title).words} — {kind_label}"
    doc = Document(lang, title, body.blocks, meta=meta)
    return EditionDocument(kind, lang, doc, doc.title, ctx.resolve(pub.publisher).words, lang, _date(pub.date), name)


def _date(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month or 1, date.day or 1)


# -- the guideline ---------------------------------------------------------------------------


def _numbered(ctx: Ctx, number: str, title: m.LocalizedText) -> Inline:
    prefix = numbered_title(number, "", ctx.lang)
    return (Words(prefix), *ctx.plain(title))


def guideline_blocks(ctx: Ctx) -> list[Block]:
    """The guideline: introduction, then parts, chapters and sections with the site's numbers."""
    guideline = ctx.content.guideline
    numbers = guideline_numbers(guideline)
    out: list[Block] = [_h(1, ctx.word("introduction"), "introduction"), *ctx.body(guideline.intro)]
    for part in guideline.parts:
        out.append(_heading(ctx, 1, _numbered(ctx, numbers[part.id], part.title), part.id, part.title))
        out += ctx.body(part.intro)
        out += _cited_line(ctx, part)
        for chapter in part.chapters:
            out += _section(ctx, chapter, numbers, 2)
    return out


def _section(ctx: Ctx, section: m.Section, numbers: Mapping[str, str], level: int) -> list[Block]:
    out: list[Block] = [
        _heading(ctx, level, _numbered(ctx, numbers[section.id], section.title), section.id, section.title)
    ]
    out += ctx.body(section.body)
    out += _cited_line(ctx, section)
    for sub in section.sections:
        out += _section(ctx, sub, numbers, level + 1)
    return out


def _h(level: int, text: str, anchor: str) -> Block:
    return Heading(level, words(text), anchor)


def _heading(ctx: Ctx, level: int, title: Inline, anchor: str, value: m.LocalizedText) -> Block:
    return Heading(level, title, anchor, ctx.heading_notes(value))


def _cited_line(ctx: Ctx, record: m.Sourced) -> list[Block]:
    """The paragraph after a record's text: its illustrative mark and its numbered citations."""
    runs: list[Inline] = []
    if record.illustrative:
        runs.append((Mark("illustrative", ctx.word("illustrative_title")),))
    if record.sources:
        runs.append((Emph(words(ctx.word("sources_label") + ":")), Words(" "), *ctx.cite(record, labelled=False)))
    return [Para(join(runs, " "))] if runs else []


def _illustrative(ctx: Ctx, record: m.Sourced) -> Inline:
    return (Words(" "), Mark("illustrative", ctx.word("illustrative_title"))) if record.illustrative else ()


def _anchored(record_id: str, body: Inline) -> Inline:
    return (Anchor(record_id, body),)


def _table(ctx: Ctx, keys: tuple[str, ...], rows: Sequence[tuple[Inline, ...]], widths: tuple[int, ...]) -> Table:
    return Table(tuple(words(ctx.word(k)) for k in keys), tuple(rows), widths)


# -- listings shared by the editions -------------------------------------------------------


def indicators_blocks(ctx: Ctx, level: int = 1) -> list[Block]:
    """The indicators: each framework's groups as nested headings, a table per group."""
    indicators = ctx.content.collection("indicators", m.Indicator)
    if not indicators:
        return []
    out: list[Block] = [_h(level, ctx.word("indicators"), "annex-indicators")]
    for category, depth in category_tree(ctx.content):
        members = [i for i in indicators if i.category == category.id]
        out.append(_heading(ctx, min(level + 1 + depth, 6), ctx.plain(category.name), category.id, category.name))
        kind = ctx.group_label(category)
        if kind:
            out.append(Para((Emph(kind),)))
        out += ctx.body(category.description)
        if category.threshold:
            out.append(
                Para((Strong(words(f"{ctx.word('threshold')}:")), Words(" "), *ctx.text(category.threshold, flat=True)))
            )
        out += _cited_line(ctx, category)
        if not members:
            continue
        coded = any(i.code or i.tier for i in members)
        rows = []
        for item in members:
            codes = "; ".join(ctx.content.get(ref.standard, m.Standard).code for ref in item.standards)
            facts = [value for _, value in ctx.indicator_facts(item)] if coded else []
            rows.append(
                (
                    _anchored(item.id, (*ctx.text(item.name), *_illustrative(ctx, item))),
                    *facts,
                    ctx.text(item.definition, flat=True),
                    ctx.text(item.unit, flat=True),
                    words(codes),
                    ctx.cite(item, labelled=False),
                )
            )
        keys = ("indicator", *(("code", "tier") if coded else ()), "definition", "unit", "standards", "sources_label")
        widths = (5, *((3, 2) if coded else ()), 9, 3, 4, 3)
        out.append(_table(ctx, keys, rows, widths))
    return out


def timeline_blocks(ctx: Ctx, projects: list[m.Project], level: int = 1, anchor: str = "annex-timeline") -> list[Block]:
    """The timeline table: date, what happened or is planned, status, citations."""
    entries = timeline_entries(projects)
    if not entries:
        return []
    rows = []
    for entry in entries:
        what: Inline = ctx.text(entry.title)
        if isinstance(entry, m.Event) and entry.place:
            what += (Words(" — "), *ctx.text(entry.place))
        what += _illustrative(ctx, entry)
        status = words(ctx.word(f"status_{entry.status}")) if isinstance(entry, m.Milestone) else ()
        rows.append(
            (
                words(ctx.date_range(entry.date, entry.end)),
                _anchored(entry.id, what),
                status,
                ctx.cite(entry, labelled=False),
            )
        )
    table = _table(ctx, ("date", "event", "status", "sources_label"), rows, (4, 10, 3, 3))
    figure = timeline_figure(ctx, projects, f"{anchor}-figure", table)
    return [_h(level, ctx.word("timeline"), anchor), figure or table]


def glossary_blocks(ctx: Ctx, level: int = 1, title: str | None = None) -> list[Block]:
    """The glossary: each term in the three languages, its definition in the reader's."""
    terms = ctx.content.collection("glossary", m.GlossaryTerm)
    if not terms:
        return []
    rows = []
    for term in terms:
        cells: list[Inline] = []
        for lang in LANGS:
            text = term.term.text(lang)
            if not text:
                cells.append(words("—"))
                continue
            mark: Inline = (
                (Words(" "), Small(words(f"({ctx.word('proposed')})"), "proposed"))
                if lang in term.term.proposed
                else ()
            )
            cells.append((Lang_(lang, (Says(Text(text, lang, "source"), notes=False), *mark)),))
        cells[0] = _anchored(term.id, cells[0])
        definition: Inline = ctx.text(term.definition, flat=True)
        if term.note:
            definition += (Words(" "), Emph(words(f"{ctx.word('note')}:")), Words(" "), *ctx.text(term.note, flat=True))
        definition += _illustrative(ctx, term)
        if term.sources:
            definition += (Words(" "), *ctx.cite(term, labelled=False))
        rows.append((*cells, definition))
    headers = (*(words(LANG_NAMES[lang]) for lang in LANGS), words(ctx.word("definition")))
    return [_h(level, title or ctx.word("glossary"), "annex-glossary"), Table(headers, tuple(rows), (4, 4, 4, 8))]


def sources_blocks(ctx: Ctx, level: int = 1, title: str | None = None) -> list[Block]:
    """The numbered list of sources that every citation ``[n]`` links to."""
    sources = ctx.content.collection("sources", m.Source)
    if not sources:
        return []
    out: list[Block] = [_h(level, title or ctx.word("sources"), "annex-sources")]
    for source in sources:
        entry: Inline = (Emph(words(source.title)), Words(f". {source.publisher}"))
        if source.date:
            entry += (Words(f". {format_partial(source.date, ctx.lang)}"),)
        entry += (Words(". "),)
        entry += (Url(source.url, words(source.url)),) if source.url else words(f"({ctx.word('no_url')})")
        if source.note:
            entry += (Words(" "), *ctx.text(source.note, flat=True))
        number = ctx.content.source_numbers[source.id]
        out.append(Para((Anchor(source.id, words(f"[{number}]")), Words(" "), *entry)))
    return out


def organizations_blocks(ctx: Ctx, level: int = 1) -> list[Block]:
    """Ministries, agencies and institutes with their names in the reader's language."""
    organizations = ctx.content.collection("organizations", m.Organization)
    if not organizations:
        return []
    rows = []
    for org in organizations:
        name: Inline = ctx.text(org.name)
        if org.change:
            name += (Words(" — "), *ctx.text(org.change, flat=True))
        name += _illustrative(ctx, org)
        rows.append(
            (
                _anchored(org.id, name),
                words(org.abbreviation or ""),
                words(t(f"country_{org.country}", ctx.lang)),
                ctx.cite(org, labelled=False),
            )
        )
    keys = ("name", "abbreviation", "country", "sources_label")
    out: list[Block] = [
        _h(level, ctx.word("organizations"), "annex-organizations"),
        _table(ctx, keys, rows, (10, 3, 3, 3)),
    ]
    figure = changes_figure(ctx, "annex-changes-figure")
    if figure:
        out += [_h(level + 1, ctx.word("org_changes"), "annex-changes"), figure]
    return out


def legal_documents_blocks(ctx: Ctx, level: int = 1) -> list[Block]:
    """Laws, decrees and decisions with their issuer, date and status."""
    documents = ctx.content.collection("legal_documents", m.LegalDocument)
    if not documents:
        return []
    rows = []
    for doc in documents:
        status = ctx.word(f"doc_{doc.status}")
        if doc.superseded_by:
            successor = ctx.content.get(doc.superseded_by, m.LegalDocument).number
            status += f" ({ctx.word('superseded_by_short')} {successor})"
        issuer = ctx.text(ctx.content.get(doc.issuer, m.Organization).name)
        rows.append(
            (
                _anchored(doc.id, words(doc.number)),
                (*ctx.text(doc.title), *_illustrative(ctx, doc)),
                issuer,
                ctx.date(doc.signed),
                words(status),
                ctx.cite(doc, labelled=False),
            )
        )
    keys = ("number", "title", "issuer", "signed", "status", "sources_label")
    return [_h(level, ctx.word("legal"), "annex-legal"), _table(ctx, keys, rows, (3, 7, 4, 3, 3, 2))]


# -- the project report ------------------------------------------------------------------------


def project_blocks(ctx: Ctx, project: m.Project) -> list[Block]:
    """One project: overview, components, pilots and its own timeline."""
    out: list[Block] = [_heading(ctx, 1, ctx.plain(project.name), project.id, project.name), *ctx.body(project.summary)]
    if project.funding:
        out.append(Para((Strong(words(f"{ctx.word('funding')}:")), Words(" "), *ctx.text(project.funding, flat=True))))
    if project.approved_by:
        doc = ctx.content.get(project.approved_by, m.LegalDocument)
        approved = (Strong(words(f"{ctx.word('approved_by')}:")), Words(f" {doc.number} — "), *ctx.text(doc.title))
        out.append(Para(approved))
    if project.partners:
        names = [ctx.text(ctx.content.get(p, m.Organization).name) for p in project.partners]
        out.append(Para((Strong(words(f"{ctx.word('partners')}:")), Words(" "), *join(names, "; "))))
    out += _cited_line(ctx, project)
    if project.components:
        out.append(_h(2, ctx.word("components"), f"{project.id}-components"))
        for component in project.components:
            title = ctx.plain(component.title)
            if component.number is not None:
                title = (Words(ctx.word("component_n", n=str(component.number)) + ": "), *title)
            out.append(_heading(ctx, 3, title, component.id, component.title))
            out += ctx.body(component.description)
            out += _cited_line(ctx, component)
    pilots = [p for p in ctx.content.collection("pilots", m.Pilot) if p.project == project.id]
    if pilots:
        out.append(_h(2, ctx.word("pilot"), f"{project.id}-pilots"))
        for pilot in pilots:
            out.append(_heading(ctx, 3, ctx.plain(pilot.name), pilot.id, pilot.name))
            out.append(
                Para((Strong(words(f"{ctx.word('location')}:")), Words(" "), *ctx.text(pilot.location, flat=True)))
            )
            out += ctx.body(pilot.description)
            out += ctx.body(pilot.status_note)
            out += _cited_line(ctx, pilot)
    out += timeline_blocks(ctx, [project], 2, f"{project.id}-timeline")
    return out


# -- the bilingual guideline -------------------------------------------------------------------


def _both(key: str, lang: Lang) -> str:
    return f"{t(key, 'vi')} / {t(key, lang)}"


def _bilingual(content: Content, lang: Lang, stale_since: Mapping[int, PartialDate]) -> EditionDocument:
    vi, other = Ctx(content, "vi", stale_since), Ctx(content, lang, stale_since)
    guideline = content.guideline
    numbers = guideline_numbers(guideline)
    out: list[Block] = [_h(1, _both("introduction", lang), "introduction")]
    out += _pairs(vi, other, guideline.intro)
    for part in guideline.parts:
        number = numbers[part.id]
        title = (*_numbered(vi, number, part.title), Words(" / "), *_numbered(other, number, part.title))
        out.append(Heading(1, title, part.id, other.heading_notes(part.title)))
        if part.intro:
            out += _pairs(vi, other, part.intro)
        out += _bilingual_cited(vi, other, part)
        for chapter in part.chapters:
            out += _bilingual_section(vi, other, chapter, numbers, 2)
    out += glossary_blocks(vi, title=_both("glossary", lang))
    out += sources_blocks(vi, title=_both("sources", lang))
    pair_name = f"{t('pair_' + lang, 'vi')} / {t('pair_' + lang, lang)}"
    pub = content.publication
    meta: dict[str, Inline] = {
        "title": vi.text(pub.title),
        "subtitle": other.text(pub.title),
        "kind-label": words(f"{_both('guideline', lang)} — {pair_name}"),
        "publisher": (*vi.text(pub.publisher), Words(" / "), *other.text(pub.publisher)),
        "edition": (*vi.text(pub.edition), Words(" / "), *other.text(pub.edition)),
        "version": words(pub.version),
        "date-text": words(f"{format_partial(pub.date, 'vi')} / {format_partial(pub.date, lang)}"),
        "notice": (*vi.text(pub.notice), Words(" "), *other.text(pub.notice)),
        "toc-title": words(_both("contents", lang)),
        "notice-label": words(_both("notice", lang)),
        "edition-label": words(_both("edition", lang)),
        "version-label": words(_both("version", lang)),
        "date-label": words(_both("date", lang)),
        "running-title": (*vi.plain(pub.title), Words(f" — {_both('edition_bilingual', lang)}")),
    }
    file_title = f"{pub.title.vi} — {t('edition_bilingual', 'vi')} ({pair_name})"
    doc = Document("vi", file_title, tuple(out), meta=meta)
    return EditionDocument("bilingual", lang, doc, file_title, pub.publisher.vi, "vi", _date(pub.date))


def _bilingual_section(vi: Ctx, other: Ctx, section: m.Section, numbers: Mapping[str, str], level: int) -> list[Block]:
    title = (*_numbered(vi, numbers[section.id], section.title), Words(" / "), *other.plain(section.title))
    out: list[Block] = [Heading(level, title, section.id, other.heading_notes(section.title))]
    if section.body:
        out += _pairs(vi, other, section.body)
    out += _bilingual_cited(vi, other, section)
    for sub in section.sections:
        out += _bilingual_section(vi, other, sub, numbers, level + 1)
    return out


def _bilingual_cited(vi: Ctx, other: Ctx, record: m.Sourced) -> list[Block]:
    runs: list[Inline] = []
    if record.illustrative:
        runs.append((Mark("illustrative", vi.word("illustrative_title")),))
    if record.sources:
        label = f"{vi.word('sources_label')} / {other.word('sources_label')}:"
        runs.append((Emph(words(label)), Words(" "), *vi.cite(record, labelled=False)))
    return [Para(join(runs, " "))] if runs else []


def paragraphs(text: str) -> list[str]:
    """The blocks of a body, split at blank lines (a list stays one block)."""
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _pairs(vi: Ctx, other: Ctx, value: m.LocalizedText) -> list[Block]:
    """The Vietnamese beside ``other``'s language, paragraph by paragraph.

    When the two texts have a different number of paragraphs, the whole bodies face each
    other in one row, so nothing is paired with the wrong paragraph. A missing or stale
    translation carries its notice on the right.
    """
    lefts = paragraphs(value.vi)
    right = other.resolve(value)
    notice = other.body(value)[0]
    assert isinstance(notice, Body)
    if right.state == "missing":
        rights: list[str | None] = [None] * len(lefts)
    else:
        rights = list(paragraphs(right.words))
        if len(rights) != len(lefts):
            lefts, rights = ["\n\n".join(lefts)], ["\n\n".join(r for r in rights if r)]
    out: list[Block] = []
    for index, (vi_text, other_text) in enumerate(zip(lefts, rights, strict=True)):
        left: tuple[Block, ...] = (Body(Text(vi_text, "vi", "source")),)
        first = index == 0 and notice.notice is not None
        right_blocks: list[Block] = [notice.notice] if first and notice.notice else []
        if other_text is not None:
            right_blocks.append(Body(Text(other_text, right.lang, right.state)))
        out.append(Pair(left, "vi", tuple(right_blocks), other.lang))
    return out
