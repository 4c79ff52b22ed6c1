"""Record listings shared by the editions: indicators, timeline, glossary, sources, bodies, documents.

Why: the guideline and the project report both print these tables; one builder per listing
keeps them identical in both editions and in every language.
"""

from __future__ import annotations

from ..i18n import format_partial, format_range, t
from ..model import (
    Event,
    GlossaryTerm,
    Indicator,
    IndicatorCategory,
    LegalDocument,
    Milestone,
    Organization,
    Project,
    Source,
    Standard,
)
from .markup import Ctx, esc, heading, table


def indicators_md(ctx: Ctx, level: int = 1) -> str:
    """The indicators table, one table per category, with standards and citations."""
    categories = ctx.content.collection("indicator_categories", IndicatorCategory)
    indicators = ctx.content.collection("indicators", Indicator)
    if not indicators:
        return ""
    out = [heading(level, ctx.word("indicators"), "annex-indicators")]
    headers = [ctx.word(k) for k in ("indicator", "definition", "unit", "standards", "cited")]
    for category in categories:
        members = [i for i in indicators if i.category == category.id]
        if not members:
            continue
        out.append(heading(level + 1, ctx.inline(category.name), category.id))
        if category.description:
            out.append(ctx.block(category.description))
        line = ctx.cited_line(category)
        if line:
            out.append(line)
        rows = []
        for item in members:
            name = ctx.inline(item.name)
            if item.illustrative:
                name += " " + ctx.illustrative_mark()
            codes = [esc(ctx.content.get(ref.standard, Standard).code) for ref in item.standards]
            rows.append(
                [
                    f"[{name}]{{#{item.id}}}",
                    ctx.cell(item.definition),
                    ctx.cell(item.unit),
                    "; ".join(codes),
                    ctx.cite(item.sources),
                ]
            )
        out.append(table(headers, rows, [5, 9, 3, 4, 3]))
    return "\n".join(out)


def timeline_entries(projects: list[Project]) -> list[Event | Milestone]:
    """Events and milestones of ``projects``, oldest first (ties keep content order)."""
    entries: list[Event | Milestone] = []
    for project in projects:
        entries.extend(project.events)
        entries.extend(project.milestones)
    return sorted(entries, key=lambda e: e.date.sort_key())


def timeline_md(ctx: Ctx, projects: list[Project], level: int = 1, anchor: str = "annex-timeline") -> str:
    """The timeline table: date, what happened or is planned, status, citations."""
    entries = timeline_entries(projects)
    if not entries:
        return ""
    headers = [ctx.word(k) for k in ("date", "event", "status", "cited")]
    rows = []
    for entry in entries:
        when = format_range(entry.date, entry.end, ctx.lang)
        what = ctx.inline(entry.title)
        if isinstance(entry, Event) and entry.place:
            what += " — " + ctx.inline(entry.place)
        if entry.illustrative:
            what += " " + ctx.illustrative_mark()
        status = t(f"status_{entry.status}", ctx.lang) if isinstance(entry, Milestone) else ""
        rows.append([esc(when), f"[{what}]{{#{entry.id}}}", status, ctx.cite(entry.sources)])
    return heading(level, ctx.word("timeline"), anchor) + "\n" + table(headers, rows, [4, 10, 3, 3])


def glossary_md(ctx: Ctx, level: int = 1, title: str | None = None) -> str:
    """The glossary: each term in the three languages, its definition in the reader's."""
    terms = ctx.content.collection("glossary", GlossaryTerm)
    if not terms:
        return ""
    headers = ["Tiếng Việt", "English", "한국어", ctx.word("definition")]
    rows = []
    for term in terms:
        cells = []
        for lang in ("vi", "en", "ko"):
            text = term.term.text(lang)
            mark = f" [({ctx.word('proposed')})]{{.proposed}}" if lang in term.term.proposed else ""
            cells.append(f"[{esc(text)}{mark}]{{lang={lang}}}" if text else "—")
        cells[0] = f"[{cells[0]}]{{#{term.id}}}"
        definition = ctx.cell(term.definition)
        if term.note:
            definition += f" *{ctx.word('note')}:* " + ctx.cell(term.note)
        if term.illustrative:
            definition += " " + ctx.illustrative_mark()
        rows.append([*cells, definition + (" " + ctx.cite(term.sources) if term.sources else "")])
    return heading(level, title or ctx.word("glossary"), "annex-glossary") + "\n" + table(headers, rows, [4, 4, 4, 8])


def sources_md(ctx: Ctx, level: int = 1, title: str | None = None) -> str:
    """The numbered list of sources that every citation ``[n]`` links to."""
    sources = ctx.content.collection("sources", Source)
    if not sources:
        return ""
    out = [heading(level, title or ctx.word("sources"), "annex-sources")]
    for source in sources:
        parts = [f"*{esc(source.title)}*", esc(source.publisher)]
        if source.date:
            parts.append(esc(format_partial(source.date, ctx.lang)))
        entry = ". ".join(parts) + "."
        entry += f" <{source.url.replace('>', '%3E')}>" if source.url else f" ({ctx.word('no-url')})"
        if source.note:
            entry += " " + ctx.cell(source.note)
        out.append(f"[\\[{ctx.source_numbers[source.id]}\\]]{{#{source.id}}} {entry}\n")
    return "\n".join(out)


def organizations_md(ctx: Ctx, level: int = 1) -> str:
    """Ministries, agencies and institutes with their names in the reader's language."""
    organizations = ctx.content.collection("organizations", Organization)
    if not organizations:
        return ""
    headers = [ctx.word(k) for k in ("name", "abbreviation", "country", "cited")]
    rows = []
    for org in organizations:
        name = ctx.inline(org.name, proposed=True)
        if org.change:
            name += " — " + ctx.cell(org.change)
        if org.illustrative:
            name += " " + ctx.illustrative_mark()
        rows.append(
            [
                f"[{name}]{{#{org.id}}}",
                esc(org.abbreviation or ""),
                t(f"country_{org.country}", ctx.lang),
                ctx.cite(org.sources),
            ]
        )
    return heading(level, ctx.word("organizations"), "annex-organizations") + "\n" + table(headers, rows, [10, 3, 3, 3])


def legal_documents_md(ctx: Ctx, level: int = 1) -> str:
    """Laws, decrees and decisions with their issuer, date and status."""
    documents = ctx.content.collection("legal_documents", LegalDocument)
    if not documents:
        return ""
    headers = [ctx.word(k) for k in ("number", "title", "issuer", "signed", "status", "cited")]
    rows = []
    for doc in documents:
        status = t(f"doc_{doc.status}", ctx.lang)
        if doc.superseded_by:
            status += f" ({ctx.word('superseded-by')} {esc(ctx.content.get(doc.superseded_by, LegalDocument).number)})"
        title = ctx.inline(doc.title) + (" " + ctx.illustrative_mark() if doc.illustrative else "")
        issuer = ctx.inline(ctx.content.get(doc.issuer, Organization).name, proposed=True)
        signed = esc(format_partial(doc.signed, ctx.lang)) if doc.signed else ""
        rows.append([f"[{esc(doc.number)}]{{#{doc.id}}}", title, issuer, signed, status, ctx.cite(doc.sources)])
    return heading(level, ctx.word("legal-documents"), "annex-legal") + "\n" + table(headers, rows, [3, 7, 4, 3, 3, 2])
