"""Listing pages: the records browsed by category, standard, year, country, type and status.

Why pages of their own (not filters on the record pages): a reader on a phone wants the
short list first (every indicator of one category, every event of 2024) and one link to the
full entry; the entries stay where they are, and every list item links to its anchor there.
Each list is derived from the records alone: nothing here states a fact the records do not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

from .. import model as m
from .context import Ctx, category_tree
from .nodes import Block, Heading, Inline, Items, Para, Ref, Words, join, words

OrgStatus = Literal["current", "merged", "renamed", "ended"]
ORG_STATUSES: tuple[OrgStatus, ...] = get_args(OrgStatus)


def org_status(org: m.Organization, successor: m.Organization | None) -> OrgStatus:
    """What the records say about whether ``org`` still exists under its name.

    - ``current``: no end recorded (``valid_until`` absent, no successor);
    - ``renamed``: a successor that began the day this body ended (``valid_from`` of the
      successor equals ``valid_until``): the same functions under a new name or status.
      The records cannot tell a rename from a reorganization, so the label says both;
    - ``merged``: a successor not recorded as beginning then (no ``valid_from``, or an
      earlier one): the functions passed to a body that already existed;
    - ``ended``: an end without a successor, or a successor that began later: only that the
      body no longer exists under this name.
    """
    if org.succeeded_by is None:
        return "current" if org.valid_until is None else "ended"
    assert successor is not None
    start, end = successor.valid_from, org.valid_until
    if start is not None and end is not None and start == end:
        return "renamed"
    if start is None or (end is not None and start.sort_key() < end.sort_key()):
        return "merged"
    return "ended"


def _items(entries: list[Inline]) -> list[Block]:
    return [Items(tuple((entry, ()) for entry in entries))] if entries else []


def _org_link(ctx: Ctx, org: m.Organization) -> Inline:
    label = ctx.plain(org.name) + (words(f" ({org.abbreviation})") if org.abbreviation else ())
    return (Ref(org.id, label),)


def browse_indicators(ctx: Ctx) -> tuple[str, list[Block]]:
    """Indicators under each category that has any (the path of groups above it as the
    heading), then under each standard they refer to."""
    out: list[Block] = [Heading(1, words(ctx.word("browse_indicators")), "vkc-top")]
    indicators = ctx.content.collection("indicators", m.Indicator)
    categories = {c.id: c for c in ctx.content.collection("indicator_categories", m.IndicatorCategory)}
    out.append(Heading(2, words(ctx.word("by_category")), "vkc-by-category"))
    for category, _ in category_tree(ctx.content):
        members = [i for i in indicators if i.category == category.id]
        if not members:
            continue
        ctx.source_file(category.id)
        path: list[m.IndicatorCategory] = [category]
        while path[0].parent_category in categories:
            path.insert(0, categories[str(path[0].parent_category)])
        title = join([(Ref(c.id, ctx.plain(c.name)),) for c in path], " › ")
        out.append(Heading(3, title, f"cat-{category.id}"))
        out += _items([(Ref(i.id, ctx.plain(i.name)),) for i in members])
    standards = ctx.content.collection("standards", m.Standard)
    if standards:
        out.append(Heading(2, words(ctx.word("by_standard")), "vkc-by-standard"))
    for std in standards:
        ctx.source_file(std.id)
        # The whole heading is the link: a link inside heading text is told apart by colour only.
        out.append(Heading(3, (Ref(std.id, (Words(f"{std.code} — "), *ctx.plain(std.title))),), f"std-{std.id}"))
        users = [i for i in indicators if any(ref.standard == std.id for ref in i.standards)]
        out += _items([(Ref(i.id, ctx.plain(i.name)),) for i in users]) or [Para(words(ctx.word("no_indicators")))]
    return ctx.word("browse_indicators"), out


def browse_events(ctx: Ctx) -> tuple[str, list[Block]]:
    """Every project's events under the year they began, in date order."""
    out: list[Block] = [Heading(1, words(ctx.word("browse_events")), "vkc-top")]
    by_year: dict[int, list[tuple[m.Project, m.Event]]] = {}
    for project in ctx.content.collection("projects", m.Project):
        ctx.source_file(project.id)
        for event in project.events:
            by_year.setdefault(event.date.year, []).append((project, event))
    for year in sorted(by_year):
        out.append(Heading(2, words(str(year)), f"year-{year}"))
        entries: list[Inline] = []
        for project, event in sorted(by_year[year], key=lambda pe: (pe[1].date.sort_key(), pe[1].id)):
            when = ctx.date_range(event.date, event.end)
            entries.append(
                (Words(f"{when} — "), Ref(event.id, ctx.plain(event.title)), Words(f" ({project.short_name})"))
            )
        out += _items(entries)
    return ctx.word("browse_events"), out


def browse_organizations(ctx: Ctx) -> tuple[str, list[Block]]:
    """Organizations by country, then by whether they still exist under their name."""
    out: list[Block] = [Heading(1, words(ctx.word("browse_organizations")), "vkc-top")]
    orgs = ctx.content.collection("organizations", m.Organization)
    for org in orgs:
        ctx.source_file(org.id)
    out.append(Heading(2, words(ctx.word("by_country")), "vkc-by-country"))
    for country in get_args(m.Organization.model_fields["country"].annotation):
        members = [o for o in orgs if o.country == country]
        if members:
            out.append(Heading(3, words(ctx.word("country_" + country)), f"country-{country}"))
            out += _items([_org_link(ctx, o) for o in members])
    out.append(Heading(2, words(ctx.word("by_status")), "vkc-by-status"))
    for status in ORG_STATUSES:
        entries: list[Inline] = []
        for org in orgs:
            successor = ctx.content.get(org.succeeded_by, m.Organization) if org.succeeded_by else None
            if org_status(org, successor) != status:
                continue
            entry = _org_link(ctx, org)
            if successor is not None:
                name = (Ref(successor.id, ctx.plain(successor.name)),)
                sentence = (
                    ctx.fill("succeeded", date=ctx.date(org.valid_until), name=name)
                    if org.valid_until
                    else ctx.fill("succeeded_nodate", name=name)
                )
                entry += (Words(" — "), *sentence)
            elif org.valid_until:
                entry += (Words(f" — {ctx.word('valid_until')}: "), *ctx.date(org.valid_until))
            entries.append(entry)
        if entries:
            out.append(Heading(3, words(ctx.word("org_" + status)), f"status-{status}"))
            out += _items(entries)
    return ctx.word("browse_organizations"), out


def browse_legal(ctx: Ctx) -> tuple[str, list[Block]]:
    """Legal documents by type of instrument, then by legal status (badge colours as on the
    legal page)."""
    out: list[Block] = [Heading(1, words(ctx.word("browse_legal")), "vkc-top")]
    docs = ctx.content.collection("legal_documents", m.LegalDocument)
    for doc in docs:
        ctx.source_file(doc.id)

    def entry(doc: m.LegalDocument) -> Inline:
        return (Ref(doc.id, words(doc.number)), Words(" — "), *ctx.plain(doc.title))

    out.append(Heading(2, words(ctx.word("by_type")), "vkc-by-type"))
    for kind in get_args(m.LegalDocument.model_fields["type"].annotation):
        members = [d for d in docs if d.type == kind]
        if members:
            out.append(Heading(3, words(ctx.word("type_" + kind)), f"type-{kind}"))
            out += _items([entry(d) for d in members])
    out.append(Heading(2, words(ctx.word("by_status")), "vkc-by-status"))
    for status in get_args(m.DocStatus):
        members = [d for d in docs if d.status == status]
        if members:
            out.append(Heading(3, words(ctx.word("doc_" + status)), f"status-{status}"))
            out += _items([entry(d) for d in members])
    return ctx.word("browse_legal"), out


BROWSE_GENERATORS: tuple[tuple[str, Callable[[Ctx], tuple[str, list[Block]]]], ...] = (
    ("browse/indicators.md", browse_indicators),
    ("browse/events.md", browse_events),
    ("browse/organizations.md", browse_organizations),
    ("browse/legal.md", browse_legal),
)
"""Each listing page's path and generator."""
