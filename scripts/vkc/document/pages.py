"""The site's pages as documents: one per page path and language, from the validated content.

Why pure: the site must be the same tree in every language and must follow from the content
alone, so a given commit always builds the same pages. Nothing here touches the disk, the
clock or a markup language; :mod:`vkc.site.markdown_out` writes the documents for mkdocs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import model as m
from ..content import COLLECTIONS, Content
from ..i18n import LANG_NAMES
from ..model import LANGS, Lang, PartialDate
from ..numbering import guideline_numbers, numbered_title
from ..walk import nested_records
from .browse import BROWSE_GENERATORS
from .cite import cite_blocks, csl_json, page_address
from .context import Ctx, category_tree, stale_fallback_dates
from .downloads import files_block
from .nodes import (
    Anchor,
    Badge,
    Block,
    Document,
    Emph,
    Fields,
    FileFacts,
    Group,
    Heading,
    Inline,
    Items,
    Lang_,
    PageRef,
    Para,
    Ref,
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
from .pictures import changes_figure, timeline_figure, timeline_table
from .reads import Read, ReadingFiles, recording, same_reads, values, watchable
from .status import status_blocks
from .terms import first_uses
from .training import LessonPlace, course_page, lesson_page, readers_of, taught_in, training_generators

PAGE_OF_COLLECTION: dict[str, str] = {
    "sources": "sources.md",
    "organizations": "organizations.md",
    "legal_documents": "legal.md",
    "standards": "indicators.md",
    "indicator_categories": "indicators.md",
    "indicators": "indicators.md",
    "projects": "project.md",
    "pilots": "pilot.md",
    "glossary": "glossary.md",
}
"""The page that holds the records of each collection (nested records go with their parent);
courses have a page each and a page per lesson (:func:`course_page`, :func:`lesson_page`)."""

OPEN_DATA: tuple[str, ...] = (*sorted(COLLECTIONS), "guideline", "publication")
"""The open-data files under ``downloads/data/`` (``NAME.json`` and ``NAME.csv``)."""


def part_page(part: m.Part) -> str:
    """Path of a guideline part's page."""
    return f"guideline/{part.id}.md"


def record_pages(content: Content) -> dict[str, str]:
    """The page of every record id, nested records included (a new dict each call; the pages
    of the content read last are kept: a build asks for them once per page it writes)."""
    if not _RECORD_PAGES or _RECORD_PAGES[0][0] is not content:
        _RECORD_PAGES[:] = [(content, _record_pages(content))]
    return dict(_RECORD_PAGES[0][1])


_RECORD_PAGES: list[tuple[Content, dict[str, str]]] = []


def _record_pages(content: Content) -> dict[str, str]:
    pages: dict[str, str] = {}
    for course in content.collection("courses", m.Course):
        pages[course.id] = course_page(course)
        for module in course.modules:
            pages[module.id] = course_page(course)
            for lesson in module.lessons:
                for _, nested in nested_records(lesson):
                    pages[nested.id] = lesson_page(course, lesson)
    for collection, records in content.records.items():
        if collection == "courses":
            continue
        page = PAGE_OF_COLLECTION[collection]
        for record in records:
            for _, nested in nested_records(record):
                pages[nested.id] = page
    for part in content.guideline.parts:
        for _, nested in nested_records(part):
            pages[nested.id] = part_page(part)
    return pages


Generator = Callable[[Ctx], tuple[str, list[Block]]]
"""A page builder: (navigation title, blocks) for one language."""


def page_paths(content: Content) -> list[str]:
    """Every generated page's path, in navigation order."""
    return [path for path, _ in _generators(content, ())]


def nav_order(content: Content) -> list[str | tuple[str, list[str]]]:
    """The navigation: page paths in order, the guideline as a section."""
    guideline = ["guideline/index.md", *[part_page(p) for p in content.guideline.parts]]
    browse = [path for path, _ in BROWSE_GENERATORS]
    training = [path for path, _ in training_generators(content)]
    rest = [
        p
        for p in page_paths(content)
        if p not in guideline and p not in browse and p not in training and p != "index.md"
    ]
    # The listing pages as a section after the record pages they list, then the courses
    # taught from them, before the publication's own pages (About, translation status).
    at = rest.index("about.md")
    sections: list[str | tuple[str, list[str]]] = [("browse", browse)]
    if training:
        sections.append(("training", training))
    return ["index.md", ("guideline", guideline), *rest[:at], *sections, *rest[at:]]


def _generators(content: Content, downloads: Sequence[str]) -> list[tuple[str, Generator]]:
    return [
        ("index.md", _home),
        ("guideline/index.md", _guideline_index),
        *[(part_page(p), _part_page(p)) for p in content.guideline.parts],
        ("indicators.md", indicators),
        ("project.md", projects),
        ("pilot.md", pilots),
        ("organizations.md", organizations),
        ("legal.md", legal_documents),
        ("glossary.md", glossary),
        ("sources.md", sources),
        *BROWSE_GENERATORS,
        *training_generators(content, downloads),
        ("about.md", _about_page(list(downloads))),
        ("translation-status.md", _translation_status),
    ]


def page_documents(
    content: Content,
    *,
    changed: Mapping[str, PartialDate] | None = None,
    downloads: Sequence[str] = (),
    site_url: str = "https://example.org/",
    published: Mapping[str, FileFacts] | None = None,
    tree: str = "",
) -> dict[str, dict[Lang, Document]]:
    """Every generated page, by path, in each language, each ending with its citation.

    ``changed`` maps a content file (relative to the content folder) to the day it last
    changed; a page carries the latest day of the files it shows (``None``: not known), and
    a stale translation without ``vi_changed`` names its file's day. ``downloads`` names the
    edition files (relative to ``downloads/``) that the About page lists; ``site_url``
    is the site's public address (the citations give each page's, under ``tree`` for an
    earlier version's pages); ``published`` holds the
    measured files under ``downloads/`` (written before the pages), which get download cards.
    """
    dates = changed or {}
    stale_since = stale_fallback_dates(content, dates)
    files = published or {}
    shown = ReadingFiles(files)
    # A process that builds again takes a page's document again while what it read is the same
    # (vkc.document.reads); the generator's own values (a part, a lesson) and what every page
    # reads besides the content are compared too. The file dates decide the stale notices.
    watched = watchable(content)
    kept = _DOCUMENTS.get(tree, {}) if watched else {}
    made: dict[tuple[str, Lang], _Made] = {}
    shared = (tuple(downloads), site_url, sorted(dates.items()))
    out: dict[str, dict[Lang, Document]] = {}
    for path, generate in _generators(content, downloads):
        out[path] = {}
        own = _own_values(generate)
        for lang in LANGS:
            before = kept.get((path, lang))
            if (
                before is not None
                and own is not None
                and same_reads(content, before.reads, files)  # first: identities, cheap to compare
                and before.own == (own, shared)
            ):
                made[path, lang] = before
                out[path][lang] = before.document
                continue
            with recording(content) as reads:
                ctx = Ctx(content, lang, stale_since, link_terms=path != "glossary.md", published=shown)
                title, raw_blocks = generate(ctx)
                blocks = first_uses(raw_blocks)
                address = page_address(site_url, lang, tree + path)
                blocks += cite_blocks(ctx, path, title, address)
                citation = csl_json(ctx, path, title, address)
            known = [dates[f] for f in sorted(ctx.files) if f in dates]
            last = max(known, key=PartialDate.sort_key) if known else None
            document = Document(lang, title, tuple(blocks), path, tuple(sorted(ctx.files)), last, citation=citation)
            made[path, lang] = _Made((own, shared), values(content, reads, files), document)
            out[path][lang] = document
    if watched:
        _DOCUMENTS[tree] = made
    return out


@dataclass(frozen=True)
class _Made:
    """A page's document as this process last made it, with what it was made from."""

    own: tuple[Any, ...]
    """The generator's own values (:func:`_own_values`) and the inputs every page shares."""
    reads: list[tuple[Read, Any]]
    """What it read of the content and the published files, with the values read."""
    document: Document


_DOCUMENTS: dict[str, dict[tuple[str, Lang], _Made]] = {}
"""The documents :func:`page_documents` made last for each tree (``""``: the current content),
by page and language. Why: a process that builds again (the live preview) made every page's
document anew for an edit that changed what a few of them read."""


def _own_values(generate: Generator) -> tuple[Any, ...] | None:
    """What a generator is besides what it reads of the content: its code and the values it
    closes over (a part, a lesson and its neighbours, the downloads); None when it is no plain
    function (nothing made by it is taken again)."""
    code = getattr(generate, "__code__", None)
    if code is None or getattr(generate, "__defaults__", None) or getattr(generate, "__kwdefaults__", None):
        return None
    return (code, tuple(cell.cell_contents for cell in generate.__closure__ or ()))


# -- shared pieces ---------------------------------------------------------------------------


def _top(ctx: Ctx, key: str) -> list[Block]:
    return [Heading(1, words(ctx.word(key)), "vkc-top")]


def _fields(items: list[tuple[str, Inline]]) -> list[Block]:
    """Labelled values, skipping empty ones."""
    kept = tuple((label, value) for label, value in items if value)
    return [Fields(kept)] if kept else []


def _open_data(ctx: Ctx, *collections: str) -> Block:
    names = tuple(f"data/{name}.{ext}" for name in collections for ext in ("json", "csv"))
    return files_block(ctx, ctx.word("open_data"), names, "open-data")


def _org(ctx: Ctx, org_id: str) -> Inline:
    """A link to an organization, labelled with its name."""
    return (Ref(org_id, ctx.plain(ctx.content.get(org_id, m.Organization).name)),)


def _doc(ctx: Ctx, doc_id: str) -> Inline:
    """A link to a legal document, labelled with its number."""
    return (Ref(doc_id, words(ctx.content.get(doc_id, m.LegalDocument).number)),)


# -- record pages ----------------------------------------------------------------------------


def indicators(ctx: Ctx) -> tuple[str, list[Block]]:
    """Each framework as a tree of groups (dimension > category ...), with an overview table of
    each group's indicators and one anchored entry per indicator; then the standards."""
    out = _top(ctx, "indicators")
    all_indicators = ctx.content.collection("indicators", m.Indicator)
    for category, depth in category_tree(ctx.content):
        ctx.source_file(category.id)
        members = [i for i in all_indicators if i.category == category.id]
        level = min(2 + depth, 5)
        out.append(Heading(level, ctx.plain(category.name), category.id, ctx.heading_notes(category.name)))
        kind = ctx.group_label(category)
        if kind:
            out.append(Para((Emph(kind),)))
        out += ctx.body(category.description)
        out += _fields([(ctx.word("threshold"), ctx.text(category.threshold))])
        out += ctx.marks(category)
        if not members:
            continue
        coded = any(i.code or i.tier for i in members)
        rows = []
        for ind in members:
            stds = join(
                [(Ref(s.standard, words(ctx.content.get(s.standard, m.Standard).code)),) for s in ind.standards],
                ", ",
            )
            facts = [value for _, value in ctx.indicator_facts(ind)] if coded else []
            rows.append(((Ref(ind.id, ctx.plain(ind.name)),), *facts, ctx.text(ind.unit), stds))
        keys = ["indicator", *(["code", "tier"] if coded else []), "unit", "standards"]
        out.append(Table(tuple(words(ctx.word(k)) for k in keys), tuple(rows)))
        for ind in members:
            ctx.source_file(ind.id)
            out.append(Heading(level + 1, ctx.plain(ind.name), ind.id, ctx.heading_notes(ind.name)))
            out += [Para((Strong(words(ctx.word("definition"))),)), *ctx.body(ind.definition)]
            if ind.method:
                out += [Para((Strong(words(ctx.word("method"))),)), *ctx.body(ind.method)]
            out += _fields([*ctx.indicator_facts(ind), (ctx.word("unit"), ctx.text(ind.unit))])
            refs = []
            for ref in ind.standards:
                std = ctx.content.get(ref.standard, m.Standard)
                note: Inline = (Words(" — "), *ctx.text(ref.note)) if ref.note else ()
                refs.append(((Ref(std.id, words(std.code)), *note), ()))
            if refs:
                out.append(Items(tuple(refs)))
            out += ctx.marks(ind)
    standards = ctx.content.collection("standards", m.Standard)
    if standards:
        out.append(Heading(2, words(ctx.word("standards_referenced")), "vkc-standards"))
        for std in standards:
            ctx.source_file(std.id)
            out.append(Heading(3, (Words(f"{std.code} — "), *ctx.plain(std.title)), std.id))
            out += _fields([(ctx.word("publisher"), words(std.publisher))])
            out += [*ctx.body(std.summary), *ctx.marks(std)]
    out.append(_open_data(ctx, "indicator_categories", "indicators", "standards"))
    return ctx.word("indicators"), out


def projects(ctx: Ctx) -> tuple[str, list[Block]]:
    """Each project: overview, components, a timeline of events and the milestones."""
    out = _top(ctx, "project")
    for project in ctx.content.collection("projects", m.Project):
        ctx.source_file(project.id)
        out.append(Heading(2, (*ctx.plain(project.name), Words(f" ({project.short_name})")), project.id))
        out += [Heading(3, words(ctx.word("overview")), f"{project.id}-overview"), *ctx.body(project.summary)]
        out += _fields(
            [
                (ctx.word("funding"), ctx.text(project.funding)),
                (ctx.word("approved_by"), _doc(ctx, project.approved_by) if project.approved_by else ()),
                (ctx.word("partners"), join([_org(ctx, o) for o in project.partners], ", ")),
            ]
        )
        out += ctx.marks(project)
        if project.components:
            out.append(Heading(3, words(ctx.word("components")), f"{project.id}-components"))
            for comp in project.components:
                label = ctx.plain(comp.title)
                if comp.number is not None:
                    label = (Words(ctx.word("component_n", n=str(comp.number)) + ": "), *label)
                out += [Heading(4, label, comp.id), *ctx.body(comp.description), *ctx.marks(comp)]
        if project.events or project.milestones:
            out.append(Heading(3, words(ctx.word("timeline")), f"{project.id}-timeline"))
            figure = timeline_figure(ctx, [project], f"{project.id}-timeline-figure", timeline_table(ctx, [project]))
            if figure:
                out.append(figure)
        if project.events:
            for event in sorted(project.events, key=lambda e: (e.date.sort_key(), e.id)):
                when = ctx.date_range(event.date, event.end)
                out += [Heading(4, (Words(f"{when} — "), *ctx.plain(event.title)), event.id)]
                out += ctx.body(event.description)
                out += _fields(
                    [
                        (ctx.word("place"), ctx.text(event.place)),
                        (ctx.word("organisers"), join([_org(ctx, o) for o in event.organisers], ", ")),
                        (ctx.word("participants"), join([_org(ctx, o) for o in event.participants], ", ")),
                    ]
                )
                out += ctx.marks(event)
        if project.milestones:
            out.append(Heading(3, words(ctx.word("milestones")), f"{project.id}-milestones"))
            rows = []
            for ms in sorted(project.milestones, key=lambda x: (x.date.sort_key(), x.id)):
                mark = words(f" ({ctx.word('illustrative_title')})") if ms.illustrative else ()
                cited = ctx.cite(ms)
                title: Inline = (
                    Anchor(ms.id, ()),
                    *ctx.text(ms.title),
                    *mark,
                    *((Words(" "), *cited) if cited else ()),
                )
                rows.append((words(ctx.date_range(ms.date, ms.end)), title, words(ctx.word("status_" + ms.status))))
            headers = (words(ctx.word("date")), words(ctx.word("milestones")), words(ctx.word("status")))
            out.append(Table(headers, tuple(rows)))
    out.append(_open_data(ctx, "projects"))
    return ctx.word("project"), out


def pilots(ctx: Ctx) -> tuple[str, list[Block]]:
    """Each pilot with its place, project, component and status."""
    out = _top(ctx, "pilot")
    for pilot in ctx.content.collection("pilots", m.Pilot):
        ctx.source_file(pilot.id)
        project = ctx.content.get(pilot.project, m.Project)
        out.append(Heading(2, ctx.plain(pilot.name), pilot.id))
        out += ctx.illustrative(pilot)
        component: Inline = ()
        if pilot.component:
            component = (Ref(pilot.component, ctx.plain(ctx.content.get(pilot.component, m.Component).title)),)
        out += _fields(
            [
                (ctx.word("location"), ctx.text(pilot.location)),
                (ctx.word("project_label"), (Ref(project.id, words(project.short_name)),)),
                (ctx.word("components"), component),
            ]
        )
        out += ctx.body(pilot.description)
        if pilot.status_note:
            out += [Para((Strong(words(ctx.word("status_note"))),)), *ctx.body(pilot.status_note)]
        cited = ctx.cite(pilot)
        if cited:
            out.append(Para(cited, "cite"))
    out.append(_open_data(ctx, "pilots"))
    return ctx.word("pilot"), out


def organizations(ctx: Ctx) -> tuple[str, list[Block]]:
    """Each organization with its country, parent and validity (and what succeeded it)."""
    out = _top(ctx, "organizations")
    figure = changes_figure(ctx, "vkc-changes-figure")
    if figure:
        out += [Heading(2, words(ctx.word("org_changes")), "vkc-changes"), figure]
    for org in ctx.content.collection("organizations", m.Organization):
        ctx.source_file(org.id)
        label = ctx.plain(org.name) + (words(f" ({org.abbreviation})") if org.abbreviation else ())
        out.append(Heading(2, label, org.id, ctx.heading_notes(org.name)))
        vi_name: Inline = ()
        if ctx.lang != "vi":
            vi_name = (Lang_("vi", (Says(Text(org.name.vi, "vi", "source"), notes=False),)),)
        out += _fields(
            [
                (ctx.word("vi_name"), vi_name),
                (ctx.word("country"), words(ctx.word("country_" + org.country))),
                (ctx.word("parent"), _org(ctx, org.parent) if org.parent else ()),
                (ctx.word("valid_from"), ctx.date(org.valid_from)),
                (ctx.word("valid_until"), ctx.date(org.valid_until)),
            ]
        )
        if org.succeeded_by:
            name = _org(ctx, org.succeeded_by)
            sentence = (
                ctx.fill("succeeded", date=ctx.date(org.valid_until), name=name)
                if org.valid_until
                else ctx.fill("succeeded_nodate", name=name)
            )
            out.append(Para(sentence, "succeeded"))
        out += [*ctx.body(org.change), *ctx.marks(org)]
    out.append(_open_data(ctx, "organizations"))
    return ctx.word("organizations"), out


def legal_documents(ctx: Ctx) -> tuple[str, list[Block]]:
    """Each document with a status badge; a superseded one says by what and since when."""
    out = _top(ctx, "legal")
    for doc in ctx.content.collection("legal_documents", m.LegalDocument):
        ctx.source_file(doc.id)
        out.append(Heading(2, (Words(f"{doc.number} — "), *ctx.plain(doc.title)), doc.id, ctx.heading_notes(doc.title)))
        out.append(Para((Badge(doc.status, ctx.word("doc_" + doc.status)),)))
        if doc.superseded_by:
            key = "amended_by" if doc.status == "amended" else "superseded_by"
            since = ctx.date(doc.status_since) or words(ctx.word("date_unknown"))
            out.append(Para(ctx.fill(key, doc=_doc(ctx, doc.superseded_by), date=since)))
        elif doc.status_since:
            out.append(Para(ctx.fill("status_since", date=ctx.date(doc.status_since))))
        out += _fields(
            [
                (ctx.word("type"), words(ctx.word("type_" + doc.type))),
                (ctx.word("issuer"), _org(ctx, doc.issuer)),
                (ctx.word("signed"), ctx.date(doc.signed)),
                (ctx.word("effective"), ctx.date(doc.effective)),
            ]
        )
        out += [*ctx.body(doc.summary), *ctx.marks(doc)]
    out.append(_open_data(ctx, "legal_documents"))
    return ctx.word("legal"), out


def glossary_term_cells(ctx: Ctx, term: m.GlossaryTerm) -> list[Inline]:
    """The term in vi, en and ko, each marked with its language (and "proposed" where ours)."""
    cells: list[Inline] = []
    for lang in LANGS:
        text = term.term.text(lang)
        if not text:
            cells.append(words("—"))
            continue
        cell: Inline = (Lang_(lang, (Says(Text(text, lang, "source"), notes=False),)),)
        if lang in term.term.proposed:
            cell += (Words(" "), Small(words(f"({ctx.word('proposed')})"), "proposed"))
        cells.append(cell)
    return cells


def glossary(ctx: Ctx) -> tuple[str, list[Block]]:
    """A trilingual table; each term has its own anchor."""
    out = _top(ctx, "glossary")
    headers = (*(words(LANG_NAMES[lang]) for lang in LANGS), words(ctx.word("definition")))
    rows = []
    for term in ctx.content.collection("glossary", m.GlossaryTerm):
        ctx.source_file(term.id)
        cells = glossary_term_cells(ctx, term)
        cells[0] = (Anchor(term.id, ()), Ref(term.id, cells[0]))
        definition: Inline = ctx.text(term.definition)
        if term.note:
            definition += (Words(" "), Small((Words(f"{ctx.word('note')}: "), *ctx.text(term.note))))
        if term.illustrative:
            definition += (Words(" "), Small(words(f"({ctx.word('illustrative_title')})")))
        cited = ctx.cite(term)
        if cited:
            definition += ((Words(" "),) if definition else ()) + cited
        rows.append((*cells, definition))
    # Wrapped so that narrow screens can stack each row (a four-column table does not fit a phone).
    out.append(Group((Table(headers, tuple(rows)),), "glossary"))
    out.append(_open_data(ctx, "glossary"))
    return ctx.word("glossary"), out


def sources(ctx: Ctx) -> tuple[str, list[Block]]:
    """Every source with its publisher, date, language, confidence and address."""
    out = _top(ctx, "sources")
    for source in ctx.content.collection("sources", m.Source):
        ctx.source_file(source.id)
        out.append(Heading(2, words(source.title), source.id))
        language = ctx.word("lang_fr") if source.language == "fr" else LANG_NAMES[source.language]
        address = (Url(source.url, words(source.url)),) if source.url else words(ctx.word("no_url"))
        out += _fields(
            [
                (ctx.word("publisher"), words(source.publisher)),
                (ctx.word("date"), ctx.date(source.date)),
                (ctx.word("language"), words(language)),
                (ctx.word("confidence"), words(ctx.word("confidence_" + source.confidence))),
                (ctx.word("original"), address),
            ]
        )
        out += ctx.body(source.note)
    out.append(_open_data(ctx, "sources"))
    return ctx.word("sources"), out


# -- publication pages -----------------------------------------------------------------------


def _home(ctx: Ctx) -> tuple[str, list[Block]]:
    pub = ctx.content.publication
    ctx.singleton_file("publication")
    out: list[Block] = [Heading(1, ctx.plain(pub.title), "vkc-top")]
    if pub.subtitle:
        out += ctx.body(pub.subtitle)
    edition = words(pub.edition.text(ctx.lang) or pub.edition.vi)
    out.append(Para((Emph((*edition, Words(" · "), *ctx.date(pub.date))),)))
    out += ctx.body(ctx.content.guideline.intro)
    links = [
        ("guideline/index.md", "guideline"),
        ("indicators.md", "indicators"),
        ("project.md", "project"),
        ("pilot.md", "pilot"),
        ("organizations.md", "organizations"),
        ("legal.md", "legal"),
        ("glossary.md", "glossary"),
        ("sources.md", "sources"),
        *([("training/index.md", "training")] if ctx.content.records.get("courses") else []),
        ("about.md", "about"),
    ]
    out.append(Items(tuple(((PageRef(path, words(ctx.word(key))),), ()) for path, key in links)))
    out.append(Para(ctx.plain(pub.notice), "quote"))
    return ctx.word("home"), out


def _guideline_index(ctx: Ctx) -> tuple[str, list[Block]]:
    guideline = ctx.content.guideline
    ctx.singleton_file("guideline")
    out: list[Block] = [Heading(1, ctx.plain(guideline.title), "vkc-top"), *ctx.body(guideline.intro)]
    out.append(Heading(2, words(ctx.word("contents")), "vkc-contents"))
    numbers = guideline_numbers(guideline)
    entries = []
    for part in guideline.parts:
        label = (Words(numbered_title(numbers[part.id], "", ctx.lang)), *ctx.plain(part.title))
        chapters = tuple(
            (PageRef(part_page(part), (Words(f"{numbers[c.id]} "), *ctx.plain(c.title)), c.id),) for c in part.chapters
        )
        entries.append(((PageRef(part_page(part), label),), chapters))
    out.append(Items(tuple(entries)))
    return ctx.word("guideline"), out


def _part_page(part: m.Part) -> Generator:
    def generate(ctx: Ctx) -> tuple[str, list[Block]]:
        ctx.singleton_file("guideline")
        numbers = guideline_numbers(ctx.content.guideline)
        number = numbers[part.id]
        title = (Words(numbered_title(number, "", ctx.lang)), *ctx.plain(part.title))
        out: list[Block] = [Heading(1, title, part.id, ctx.heading_notes(part.title))]
        out += [*ctx.body(part.intro), *ctx.marks(part)]
        readers = readers_of(ctx.content)
        for chapter in part.chapters:
            out += _section(ctx, chapter, numbers, 2, readers)
        plain_title = part.title.text(ctx.lang) or part.title.vi
        return f"{number}. {' '.join(plain_title.split())}", out

    return generate


def _section(
    ctx: Ctx, section: m.Section, numbers: Mapping[str, str], level: int, readers: dict[str, list[LessonPlace]]
) -> list[Block]:
    label = (Words(f"{numbers[section.id]} "), *ctx.plain(section.title))
    out: list[Block] = [Heading(level, label, section.id, ctx.heading_notes(section.title))]
    out += [*ctx.body(section.body), *ctx.marks(section), *taught_in(ctx, section.id, readers)]
    for sub in section.sections:
        out += _section(ctx, sub, numbers, level + 1, readers)
    return out


def _about_page(downloads: list[str]) -> Generator:
    def generate(ctx: Ctx) -> tuple[str, list[Block]]:
        pub = ctx.content.publication
        ctx.singleton_file("publication")
        out: list[Block] = [
            *_top(ctx, "about"),
            Heading(2, words(ctx.word("authoritative")), "vkc-authoritative"),
            *ctx.body(pub.notice),
            Para(words(ctx.word("languages_note"))),
            Heading(2, words(ctx.word("edition")), "vkc-edition"),
            Items(
                (
                    ((Words(f"{ctx.word('edition')}: "), *ctx.text(pub.edition)), ()),
                    ((Words(f"{ctx.word('version')}: {pub.version}"),), ()),
                    ((Words(f"{ctx.word('date')}: "), *ctx.date(pub.date)), ()),
                    ((Words(f"{ctx.word('publisher_label')}: "), *ctx.text(pub.publisher)), ()),
                )
            ),
            Para((PageRef("translation-status.md", words(ctx.word("translation_status"))),)),
            _open_data(ctx, *OPEN_DATA),
        ]
        if downloads:
            out += [
                Heading(2, words(ctx.word("editions")), "vkc-editions"),
                files_block(ctx, "", tuple(downloads), "downloads"),
            ]
        return ctx.word("about"), out

    return generate


def _translation_status(ctx: Ctx) -> tuple[str, list[Block]]:
    return ctx.word("translation_status"), [
        Heading(1, words(ctx.word("translation_status")), "vkc-top"),
        *status_blocks(ctx),
    ]
