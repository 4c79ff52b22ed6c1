"""The figures of the pages and the editions as document blocks: data from the content, drawn by
:mod:`.figures`, each with the table that says the same (its text alternative).

Why here: the site's project page and the project report show the same timeline, the
organizations page and the report's annex the same diagram; both are built from one
:class:`.context.Ctx`, so names fall back to Vietnamese (marked ``lang="vi"``) identically.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import model as m
from ..i18n import format_partial
from ..translations import Counts
from .context import Ctx, timeline_entries
from .figures import Bar, Change, Point, changes_svg, plain, progress_svg, timeline_svg
from .nodes import Figure, Inline, Label, Ref, Table, words


def label(ctx: Ctx, value: m.LocalizedText) -> Label:
    """A name or a title as plain words in the reader's language (or the Vietnamese)."""
    text = ctx.resolve(value)
    return Label(plain(text.words), text.lang)


def timeline_figure(ctx: Ctx, projects: Sequence[m.Project], figure_id: str, table: Table) -> Figure | None:
    """The timeline of ``projects`` drawn, with ``table`` (the same entries) as its alternative."""
    points = []
    for entry in timeline_entries(projects):
        state = entry.status if isinstance(entry, m.Milestone) else "event"
        state_label = ctx.word(f"status_{entry.status}") if isinstance(entry, m.Milestone) else ""
        what = label(ctx, entry.title)
        if entry.illustrative:
            what = Label(f"{what.text} ({ctx.word('illustrative_title')})", what.lang)
        points.append(Point(ctx.date_range(entry.date, entry.end), what, state, state_label))
    if not points:
        return None
    svg = timeline_svg(figure_id, points, ctx.lang)
    return Figure(figure_id, svg, ctx.word("fig_timeline"), table, "timeline")


def timeline_table(ctx: Ctx, projects: Sequence[m.Project]) -> Table:
    """Date, entry (linked) and status of every event and milestone, oldest first."""
    rows = []
    for entry in timeline_entries(projects):
        status = words(ctx.word(f"status_{entry.status}")) if isinstance(entry, m.Milestone) else ()
        rows.append((words(ctx.date_range(entry.date, entry.end)), (Ref(entry.id, ctx.plain(entry.title)),), status))
    headers = (words(ctx.word("date")), words(ctx.word("event")), words(ctx.word("status")))
    return Table(headers, tuple(rows), (4, 12, 3))


def _changes(ctx: Ctx) -> list[tuple[m.Organization, list[m.Organization]]]:
    """Each successor with the bodies it took over (itself first when it existed before)."""
    organizations = ctx.content.collection("organizations", m.Organization)
    by_successor: dict[str, list[m.Organization]] = {}
    for org in organizations:
        if org.succeeded_by:
            by_successor.setdefault(org.succeeded_by, []).append(org)
    out = []
    for successor_id, predecessors in by_successor.items():
        successor = ctx.content.get(successor_id, m.Organization)
        out.append((successor, predecessors))
    return sorted(out, key=lambda item: (_order(_when(item[1])), item[0].id))


def _order(date: m.PartialDate | None) -> tuple[int, int, int]:
    return date.sort_key() if date else (9999, 1, 1)


def _when(predecessors: list[m.Organization]) -> m.PartialDate | None:
    dates = [p.valid_until for p in predecessors if p.valid_until]
    return min(dates, key=m.PartialDate.sort_key) if dates else None


def _continues(successor: m.Organization, when: m.PartialDate | None) -> bool:
    """Whether the successor existed before the change (a merger into it, not a new body)."""
    if successor.valid_from is None:
        return True
    return when is not None and successor.valid_from.sort_key() < when.sort_key()


def changes_table(ctx: Ctx) -> Table | None:
    """Date, bodies before, body after of every succession the organizations record."""
    rows = []
    for successor, predecessors in _changes(ctx):
        when = _when(predecessors)
        before_ids = [p.id for p in predecessors] + ([successor.id] if _continues(successor, when) else [])
        before: Inline = ()
        for index, org_id in enumerate(before_ids):
            org = ctx.content.get(org_id, m.Organization)
            before += (words("; ") if index else ()) + (Ref(org.id, ctx.plain(org.name)),)
        rows.append((ctx.date(when), before, (Ref(successor.id, ctx.plain(successor.name)),)))
    if not rows:
        return None
    headers = (words(ctx.word("date")), words(ctx.word("before")), words(ctx.word("after")))
    return Table(headers, tuple(rows), (4, 8, 8))


def changes_figure(ctx: Ctx, figure_id: str) -> Figure | None:
    """The organizational changes drawn (who merged into whom, when), with their table."""
    table = changes_table(ctx)
    if table is None:
        return None
    changes = []
    for successor, predecessors in _changes(ctx):
        when = _when(predecessors)
        before = [label(ctx, p.name) for p in predecessors]
        if _continues(successor, when):
            before.append(label(ctx, successor.name))
        day = format_partial(when, ctx.lang) if when else ""
        changes.append(Change(day, tuple(before), label(ctx, successor.name)))
    svg = changes_svg(figure_id, changes, ctx.lang)
    return Figure(figure_id, svg, ctx.word("fig_changes"), table, "changes")


def progress_figure(ctx: Ctx, figure_id: str, counts: Sequence[tuple[str, Counts]], table: Table) -> Figure:
    """A stacked bar per language (current, stale, missing), with ``table`` as its alternative."""
    kinds = ("current", "stale", "missing")
    legend = [(kind, ctx.word(f"ts_{kind}")) for kind in kinds]
    bars = []
    for name, count in counts:
        values = {"current": count.current, "stale": count.stale, "missing": count.missing}
        summary = ctx.word(
            "progress_summary",
            current=str(count.current),
            stale=str(count.stale),
            missing=str(count.missing),
            percent=f"{count.percent:.1f} %",
        )
        bars.append(Bar(name, tuple((k, values[k], ctx.word(f"ts_{k}")) for k in kinds), summary))
    svg = progress_svg(figure_id, bars, legend, ctx.lang)
    return Figure(figure_id, svg, ctx.word("fig_progress"), table, "progress")
