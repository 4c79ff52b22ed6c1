"""The translation-status page as document blocks: progress per language, kind and part, and
every stale or missing field with its file and line.

Why on the site: translators and reviewers should not need a terminal to see what to do
next; the figures are the ones `vkc status` prints (:mod:`vkc.translations`).
"""

from __future__ import annotations

from .. import model as m
from ..content import Content, TextField, repository_path, text_fields
from ..translations import Counts, LanguageStatus, language_status
from .context import Ctx
from .nodes import Block, Code, Heading, Inline, Items, Para, Table, Url, Words, words
from .pictures import progress_figure


def _row(label: Inline, counts: Counts) -> tuple[Inline, ...]:
    return (
        label,
        *(words(str(n)) for n in (counts.current, counts.stale, counts.missing)),
        words(f"{counts.percent:.1f} %"),
    )


def _table(ctx: Ctx, first: str, rows: list[tuple[Inline, ...]]) -> Table:
    keys = (first, "ts_current", "ts_stale", "ts_missing", "ts_progress")
    return Table(tuple(words(ctx.word(k)) for k in keys), tuple(rows), align="lrrrr")


def _item(ctx: Ctx, text_field: TextField, tlang: m.TranslationLang, repo_url: str) -> Inline:
    line = text_field.line(tlang)
    path = repository_path(ctx.content, text_field.loaded)
    where: Inline = words(f"{path}:{line}")
    if repo_url:
        where = (Url(f"{repo_url.rstrip('/')}/blob/main/{path}#L{line}", where),)
    return (Code(text_field.record_id), Words(" "), Code(text_field.key), Words(": "), *where)


def _counted(content: Content) -> tuple[list[LanguageStatus], dict[m.TranslationLang, dict[str, Counts]]]:
    """Each translation language's status and its counts per guideline part.

    Those of the content asked last are kept: the page in each of the three languages counted
    the same fields anew. :func:`text_fields` reads the content first (what a page document
    read is recorded: :mod:`vkc.document.reads`)."""
    fields = text_fields(content)
    if _COUNTED and _COUNTED[0][0] is content:
        return _COUNTED[0][1]
    statuses = [language_status(fields, tlang) for tlang in m.TRANSLATION_LANGS]
    parts: dict[m.TranslationLang, dict[str, Counts]] = {}
    for status in statuses:
        by_part = parts[status.lang] = {}
        for text_field in fields:
            if text_field.part:
                by_part.setdefault(text_field.part, Counts()).add(text_field.state(status.lang))
    _COUNTED[:] = [(content, (statuses, parts))]
    return _COUNTED[0][1]


_COUNTED: list[tuple[Content, tuple[list[LanguageStatus], dict[m.TranslationLang, dict[str, Counts]]]]] = []


def status_blocks(ctx: Ctx, repo_url: str = "") -> list[Block]:
    """The page's body in ``ctx.lang`` (``repo_url`` links each item to its line on ``main``)."""
    statuses, parts_counted = _counted(ctx.content)
    out: list[Block] = [Para(words(ctx.word("ts_intro")))]
    table = _table(ctx, "ts_language", [_row(words(ctx.word(f"ts_lang_{s.lang}")), s.counts) for s in statuses])
    counts = [(ctx.word(f"ts_lang_{s.lang}"), s.counts) for s in statuses]
    out.append(progress_figure(ctx, "vkc-progress-figure", counts, table))
    parts = {p.id: p for p in ctx.content.guideline.parts}
    for status in statuses:
        out += [Heading(2, words(ctx.word(f"ts_lang_{status.lang}")), f"vkc-status-{status.lang}")]
        out += [Heading(3, words(ctx.word("ts_by_kind")), f"vkc-status-{status.lang}-kinds")]
        out.append(_table(ctx, "ts_kind", [_row(words(ctx.word(f"kind_{k}")), c) for k, c in status.kinds.items()]))
        by_part = parts_counted[status.lang]
        if by_part:
            out.append(Heading(3, words(ctx.word("ts_by_part")), f"vkc-status-{status.lang}-parts"))
            rows = [_row(ctx.plain(parts[pid].title), counts) for pid, counts in by_part.items()]
            out.append(_table(ctx, "ts_part", rows))
        for state in ("stale", "missing"):
            items = [f for f, s in status.items if s == state]
            title = words(f"{ctx.word('ts_' + state)} ({len(items)})")
            out.append(Heading(3, title, f"vkc-status-{status.lang}-{state}"))
            if items:
                out.append(Items(tuple((_item(ctx, f, status.lang, repo_url), ()) for f in items)))
            else:
                out.append(Para(words(ctx.word("ts_none"))))
    example = "ko" if ctx.lang == "ko" else "en"
    command = f"vkc translations mark-current --lang {example} ID KEY_PATH"
    out.append(Para((Words(ctx.word("ts_howto") + ": "), Code(command), Words("."))))
    return out
