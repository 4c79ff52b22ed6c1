"""Generators of the record pages: indicators, project, pilot, organizations, legal
documents, glossary and sources. Each returns (navigation title, Markdown body)."""

from __future__ import annotations

from .. import model as m
from ..i18n import LANG_NAMES, format_range, t
from . import markdown as md
from .render import Ctx, heading


def _page_head(ctx: Ctx, key: str) -> list[str]:
    return [f"# {t(key, ctx.lang)} {{#vkc-top}}", ""]


def _fields(items: list[tuple[str, str]]) -> list[str]:
    """A list of ``label: value`` lines, skipping empty values."""
    return [f"- **{label}:** {value}" for label, value in items if value] + [""]


def indicators(ctx: Ctx) -> tuple[str, str]:
    """Overview table per category, then one anchored entry per indicator and per standard."""
    lines = _page_head(ctx, "indicators")
    all_indicators = ctx.content.collection("indicators", m.Indicator)
    for category in ctx.content.collection("indicator_categories", m.IndicatorCategory):
        ctx.source_file(category.id)
        members = [i for i in all_indicators if i.category == category.id]
        lines += [heading(2, ctx.plain(category.name), category.id), "", ctx.block(category.description), ""]
        lines += [ctx.marks(category), ""]
        if not members:
            continue
        lines += [
            f"| {t('indicator', ctx.lang)} | {t('unit', ctx.lang)} | {t('standards', ctx.lang)} |",
            "|---|---|---|",
        ]
        for ind in members:
            stds = ", ".join(
                ctx.ref(s.standard, md.escape(ctx.content.get(s.standard, m.Standard).code)) for s in ind.standards
            )
            lines.append(f"| {ctx.ref(ind.id, ctx.plain(ind.name))} | {ctx.text(ind.unit)} | {stds} |")
        lines.append("")
        for ind in members:
            ctx.source_file(ind.id)
            lines += [heading(3, ctx.plain(ind.name), ind.id), ""]
            lines += [ctx.heading_note(ind.name), ""]
            lines += [f"**{t('definition', ctx.lang)}**", "", ctx.block(ind.definition), ""]
            if ind.method:
                lines += [f"**{t('method', ctx.lang)}**", "", ctx.block(ind.method), ""]
            lines += _fields([(t("unit", ctx.lang), ctx.text(ind.unit))])
            for ref in ind.standards:
                std = ctx.content.get(ref.standard, m.Standard)
                note = f" — {ctx.text(ref.note)}" if ref.note else ""
                lines.append(f"- {ctx.ref(std.id, md.escape(std.code))}{note}")
            lines += ["", ctx.marks(ind), ""]
    standards = ctx.content.collection("standards", m.Standard)
    if standards:
        lines += [heading(2, t("standards_referenced", ctx.lang), "vkc-standards"), ""]
        for std in standards:
            ctx.source_file(std.id)
            lines += [heading(3, f"{md.escape(std.code)} — {ctx.plain(std.title)}", std.id), ""]
            lines += _fields([(t("publisher", ctx.lang), md.escape(std.publisher))])
            lines += [ctx.block(std.summary), "", ctx.marks(std), ""]
    lines.append(ctx.downloads("indicator_categories", "indicators", "standards"))
    return t("indicators", ctx.lang), "\n".join(lines)


def projects(ctx: Ctx) -> tuple[str, str]:
    """Each project: overview, components, a timeline of events and the milestones."""
    lines = _page_head(ctx, "project")
    for project in ctx.content.collection("projects", m.Project):
        ctx.source_file(project.id)
        lines += [heading(2, f"{ctx.plain(project.name)} ({md.escape(project.short_name)})", project.id), ""]
        lines += [heading(3, t("overview", ctx.lang), f"{project.id}-overview"), "", ctx.block(project.summary), ""]
        lines += _fields(
            [
                (t("funding", ctx.lang), ctx.text(project.funding)),
                (t("approved_by", ctx.lang), ctx.doc(project.approved_by) if project.approved_by else ""),
                (t("partners", ctx.lang), ", ".join(ctx.org(o) for o in project.partners)),
            ]
        )
        lines += [ctx.marks(project), ""]
        if project.components:
            lines += [heading(3, t("components", ctx.lang), f"{project.id}-components"), ""]
            for comp in project.components:
                label = ctx.plain(comp.title)
                if comp.number is not None:
                    label = f"{t('component_n', ctx.lang, n=str(comp.number))}: {label}"
                lines += [heading(4, label, comp.id), "", ctx.block(comp.description), "", ctx.marks(comp), ""]
        if project.events:
            lines += [heading(3, t("timeline", ctx.lang), f"{project.id}-timeline"), ""]
            for event in sorted(project.events, key=lambda e: (e.date.sort_key(), e.id)):
                when = md.escape(format_range(event.date, event.end, ctx.lang))
                lines += [heading(4, f"{when} — {ctx.plain(event.title)}", event.id), ""]
                lines += [ctx.block(event.description), ""]
                lines += _fields(
                    [
                        (t("place", ctx.lang), ctx.text(event.place)),
                        (t("organisers", ctx.lang), ", ".join(ctx.org(o) for o in event.organisers)),
                        (t("participants", ctx.lang), ", ".join(ctx.org(o) for o in event.participants)),
                    ]
                )
                lines += [ctx.marks(event), ""]
        if project.milestones:
            lines += [heading(3, t("milestones", ctx.lang), f"{project.id}-milestones"), ""]
            lines += [
                f"| {t('date', ctx.lang)} | {t('milestones', ctx.lang)} | {t('status', ctx.lang)} |",
                "|---|---|---|",
            ]
            for ms in sorted(project.milestones, key=lambda x: (x.date.sort_key(), x.id)):
                when = md.escape(format_range(ms.date, ms.end, ctx.lang))
                mark = f" ({t('illustrative_title', ctx.lang)})" if ms.illustrative else ""
                title = f'<span id="{ms.id}"></span>{ctx.text(ms.title)}{mark} {ctx.cite(ms)}'
                lines.append(f"| {when} | {title} | {t('status_' + ms.status, ctx.lang)} |")
            lines.append("")
    lines.append(ctx.downloads("projects"))
    return t("project", ctx.lang), "\n".join(lines)


def pilots(ctx: Ctx) -> tuple[str, str]:
    """Each pilot with its place, project, component and status."""
    lines = _page_head(ctx, "pilot")
    for pilot in ctx.content.collection("pilots", m.Pilot):
        ctx.source_file(pilot.id)
        project = ctx.content.get(pilot.project, m.Project)
        lines += [heading(2, ctx.plain(pilot.name), pilot.id), "", ctx.marks(pilot) if pilot.illustrative else "", ""]
        lines += _fields(
            [
                (t("location", ctx.lang), ctx.text(pilot.location)),
                (t("project_label", ctx.lang), ctx.ref(project.id, md.escape(project.short_name))),
                (
                    t("components", ctx.lang),
                    ctx.ref(pilot.component, ctx.plain(ctx.content.get(pilot.component, m.Component).title))
                    if pilot.component
                    else "",
                ),
            ]
        )
        lines += [ctx.block(pilot.description), ""]
        if pilot.status_note:
            lines += [f"**{t('status_note', ctx.lang)}**", "", ctx.block(pilot.status_note), ""]
        lines += [ctx.cite(pilot), ""]
    lines.append(ctx.downloads("pilots"))
    return t("pilot", ctx.lang), "\n".join(lines)


def organizations(ctx: Ctx) -> tuple[str, str]:
    """Each organization with its country, parent and validity (and what succeeded it)."""
    lines = _page_head(ctx, "organizations")
    for org in ctx.content.collection("organizations", m.Organization):
        ctx.source_file(org.id)
        label = ctx.plain(org.name) + (f" ({md.escape(org.abbreviation)})" if org.abbreviation else "")
        lines += [heading(2, label, org.id), ""]
        lines += [ctx.heading_note(org.name), ""]
        lines += _fields(
            [
                (
                    t("vi_name", ctx.lang),
                    f'<span lang="vi">{md.inline(org.name.vi)}</span>' if ctx.lang != "vi" else "",
                ),
                (t("country", ctx.lang), t("country_" + org.country, ctx.lang)),
                (t("parent", ctx.lang), ctx.org(org.parent) if org.parent else ""),
                (t("valid_from", ctx.lang), ctx.date(org.valid_from)),
                (t("valid_until", ctx.lang), ctx.date(org.valid_until)),
            ]
        )
        if org.succeeded_by:
            name = ctx.org(org.succeeded_by)
            sentence = (
                t("succeeded", ctx.lang, date=ctx.date(org.valid_until), name=name)
                if org.valid_until
                else t("succeeded_nodate", ctx.lang, name=name)
            )
            lines += [f'<p class="vkc-succeeded" markdown="1">{sentence}</p>', ""]
        lines += [ctx.block(org.change), "", ctx.marks(org), ""]
    lines.append(ctx.downloads("organizations"))
    return t("organizations", ctx.lang), "\n".join(lines)


def legal_documents(ctx: Ctx) -> tuple[str, str]:
    """Each document with a status badge; a superseded one says by what and since when."""
    lines = _page_head(ctx, "legal")
    for doc in ctx.content.collection("legal_documents", m.LegalDocument):
        ctx.source_file(doc.id)
        badge = f'<span class="vkc-badge vkc-badge--{doc.status}">{t("doc_" + doc.status, ctx.lang)}</span>'
        lines += [
            heading(2, f"{md.escape(doc.number)} — {ctx.plain(doc.title)}", doc.id),
            "",
            ctx.heading_note(doc.title),
        ]
        lines += ["", badge, ""]
        if doc.superseded_by:
            key = "amended_by" if doc.status == "amended" else "superseded_by"
            since = ctx.date(doc.status_since) or t("date_unknown", ctx.lang)
            lines += [t(key, ctx.lang, doc=ctx.doc(doc.superseded_by), date=since), ""]
        elif doc.status_since:
            lines += [t("status_since", ctx.lang, date=ctx.date(doc.status_since)), ""]
        lines += _fields(
            [
                (t("type", ctx.lang), t("type_" + doc.type, ctx.lang)),
                (t("issuer", ctx.lang), ctx.org(doc.issuer)),
                (t("signed", ctx.lang), ctx.date(doc.signed)),
                (t("effective", ctx.lang), ctx.date(doc.effective)),
            ]
        )
        lines += [ctx.block(doc.summary), "", ctx.marks(doc), ""]
    lines.append(ctx.downloads("legal_documents"))
    return t("legal", ctx.lang), "\n".join(lines)


def glossary(ctx: Ctx) -> tuple[str, str]:
    """A trilingual table; each term has its own anchor."""
    lines = _page_head(ctx, "glossary")
    header = " | ".join(LANG_NAMES[lang] for lang in m.LANGS)
    # Wrapped so that narrow screens can stack each row (a four-column table does not fit a phone).
    lines += ['<div class="vkc-glossary" markdown="1">', ""]
    lines += [f"| {header} | {t('definition', ctx.lang)} |", "|---|---|---|---|"]
    for term in ctx.content.collection("glossary", m.GlossaryTerm):
        ctx.source_file(term.id)
        cells = []
        for lang in m.LANGS:
            text = term.term.text(lang)
            cell = f'<span lang="{lang}">{md.inline(text)}</span>' if text else "—"
            if text and lang in term.term.proposed:
                cell += f' <small class="vkc-proposed">({t("proposed", ctx.lang)})</small>'
            cells.append(cell)
        cells[0] = f'<span id="{term.id}"></span>[{cells[0]}](#{term.id})'
        definition = ctx.text(term.definition)
        if term.note:
            definition += f" <small>{t('note', ctx.lang)}: {ctx.text(term.note)}</small>"
        if term.illustrative:
            definition += f" <small>({t('illustrative_title', ctx.lang)})</small>"
        definition += " " + ctx.cite(term)
        lines.append(f"| {' | '.join(cells)} | {definition.strip()} |")
    lines += ["", "</div>", "", ctx.downloads("glossary")]
    return t("glossary", ctx.lang), "\n".join(lines)


def sources(ctx: Ctx) -> tuple[str, str]:
    """Every source with its publisher, date, language, confidence and address."""
    lines = _page_head(ctx, "sources")
    for source in ctx.content.collection("sources", m.Source):
        ctx.source_file(source.id)
        lines += [heading(2, md.escape(source.title), source.id), ""]
        language = t("lang_fr", ctx.lang) if source.language == "fr" else LANG_NAMES[source.language]
        url = md.safe_url(source.url) if source.url else None
        lines += _fields(
            [
                (t("publisher", ctx.lang), md.escape(source.publisher)),
                (t("date", ctx.lang), ctx.date(source.date)),
                (t("language", ctx.lang), language or ""),
                (t("confidence", ctx.lang), t("confidence_" + source.confidence, ctx.lang)),
                (t("original", ctx.lang), f"[{md.escape(source.url or '')}]({url})" if url else t("no_url", ctx.lang)),
            ]
        )
        lines += [ctx.block(source.note), ""]
    lines.append(ctx.downloads("sources"))
    return t("sources", ctx.lang), "\n".join(lines)
