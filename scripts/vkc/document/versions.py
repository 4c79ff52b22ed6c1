"""The publication over time: what an earlier version's pages say about themselves, and the
What-changed page of each version, built from the change sets of :mod:`.changes`.

Why in the document layer: a reader of an earlier version must be told, in their language,
which version they read and where the current one is; a reader of the current version must see
what changed and when. These are words and facts the site, the feeds and any later output say
the same way, so they are decided here once.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .. import model as m
from ..content import Content
from ..diagnostics import ContentError, Diagnostic
from ..i18n import format_partial, t
from ..model import LANGS, Lang
from ..walk import kind_name
from .changes import ChangeSet, RecordChange, change_set
from .context import Ctx
from .nodes import Block, Code, Document, Heading, Inline, Items, Lang_, PageRef, Para, Ref, Says, Text, Words, words
from .pages import record_pages


@dataclass(frozen=True)
class Release:
    """One published version and its content, as its snapshot froze it."""

    version: m.Version
    content: Content


@dataclass(frozen=True)
class Banner:
    """What every page of an earlier version says at its top, in the page's language."""

    text: str
    link_label: str
    """The label of the link to the same page in the current version ("" when there is none)."""
    gone: str
    """Said instead of the link when the page no longer exists."""


def banner(lang: Lang, version: m.Version, current: m.Version) -> Banner:
    """The banner of ``version``'s pages in ``lang``, naming the current version."""
    text = t(
        "version_banner",
        lang,
        id=version.id,
        date=format_partial(version.date, lang),
        current=current.id,
        current_date=format_partial(current.date, lang),
    )
    return Banner(text, t("version_same_page", lang), t("version_page_gone", lang))


def current_version(publication: m.Publication) -> m.Version | None:
    """The version marked current, if the publication has published one."""
    return next((v for v in publication.versions if v.status == "current"), None)


def check_ids_across_versions(content: Content, releases: list[Release]) -> None:
    """Raise :class:`ContentError` where an id names another kind of record than in an earlier version.

    Why: an id is a permanent address (``glossary/#term-x``, a citation); reused for another
    record, old links and citations would silently point at something else.
    """
    found: list[Diagnostic] = []
    for release in releases:
        for record_id, record in content.by_id.items():
            old = release.content.by_id.get(record_id)
            if old is None or type(old) is type(record):
                continue
            origin = content.origins[record_id]
            found.append(
                origin.file.diagnostic(
                    (*origin.path, "id"),
                    "version.id-reused",
                    f"'{record_id}' is {kind_name(record)} here but {kind_name(old)} in version {release.version.id}",
                    "an id is never reused for another record: choose a new id",
                )
            )
    if found:
        raise ContentError(found)


def changes_page(path: str) -> bool:
    """Whether ``path`` is a What-changed page."""
    return path.startswith("changes/")


def changes_path(version_id: str) -> str:
    """The What-changed page of a version."""
    return f"changes/{version_id}.md"


def _value(value: str | list[str] | None, lang: Lang, key: str) -> Inline:
    if value is None:
        return (Words("—"),)
    if isinstance(value, list):
        return (Code(", ".join(value)),)
    other = next((code for code in LANGS if key.endswith(f".{code}")), None)
    if other is not None and other != lang:
        return (Lang_(other, (Says(Text(value, other, "source"), notes=False),)),)
    return (Says(Text(value, lang, "source"), notes=False),)


def _record_label(ctx: Ctx, record_id: str) -> Inline:
    """A record as a reader knows it: its title or name in the page's language, then its id."""
    record = ctx.content.by_id.get(record_id)
    for name in ("title", "name", "term"):
        value = getattr(record, name, None)
        if isinstance(value, m.LocalizedText):
            return (*ctx.plain(value), Words(" ("), Code(record_id), Words(")"))
    return (Code(record_id),)


def change_blocks(ctx: Ctx, changes: ChangeSet, pages: Mapping[str, str]) -> list[Block]:
    """A change set as a list: each record (linked where it still has a page), its changed fields."""
    if changes.empty:
        return [Para(words(ctx.word("changes_none")))]
    items: list[tuple[Inline, tuple[Inline, ...]]] = []
    for record in changes.records:
        label = _record_label(ctx, record.id)
        if record.id in pages and record.change != "removed":
            label = (Ref(record.id, label),)
        head: Inline = (*label, Words(f" ({ctx.word('change_' + record.change)})"))
        subs: list[Inline] = []
        for field in record.fields:
            subs.append(
                (
                    Code(field.key),
                    Words(": "),
                    *_value(field.old, ctx.lang, field.key),
                    Words(" → "),
                    *_value(field.new, ctx.lang, field.key),
                )
            )
        if record.stale:
            stale = ", ".join(f"{key} ({lang})" for key, lang in record.stale)
            subs.append(words(ctx.word("change_stale", fields=stale)))
        items.append((head, tuple(subs)))
    return [Items(tuple(items))]


def changes_documents(
    content: Content, releases: list[Release], pages: Mapping[str, str]
) -> dict[str, dict[Lang, Document]]:
    """The What-changed page of every version, in every language (paths ``changes/ID.md``)."""
    out: dict[str, dict[Lang, Document]] = {}
    for index, release in enumerate(releases):
        path = changes_path(release.version.id)
        out[path] = {}
        for lang in LANGS:
            ctx = Ctx(content, lang)
            version = release.version
            title = ctx.word("changes_in", id=version.id)
            blocks: list[Block] = [Heading(1, words(title), "vkc-top"), *ctx.body(version.summary)]
            blocks.append(
                Para((Words(ctx.word("version_label", id=version.id, date=format_partial(version.date, lang))),))
            )
            if index == 0:
                blocks.append(Para(words(ctx.word("changes_first"))))
            else:
                before = releases[index - 1].version
                since = ctx.word("changes_since", id=before.id, date=format_partial(before.date, lang))
                blocks.append(Para(words(since)))
                blocks += change_blocks(ctx, change_set(releases[index - 1].content, release.content), pages)
            out[path][lang] = Document(lang, title, tuple(blocks), path)
    return out


def with_change_notes(
    documents: Mapping[str, Mapping[Lang, Document]], content: Content, releases: list[Release]
) -> dict[str, dict[Lang, Document]]:
    """``documents`` with, at the foot of each page that a version changed, a dated list of
    those changes ("Updated 1 March 2026 (version v2): moc (name.ko)."), newest first, each
    linked to the version's What-changed page."""
    pages = record_pages(content)
    notes: dict[str, list[tuple[m.Version, list[RecordChange]]]] = {}
    for before, after in itertools.pairwise(releases):
        touched: dict[str, list[RecordChange]] = {}
        for record in change_set(before.content, after.content).records:
            page = pages.get(record.id)
            if page is not None:
                touched.setdefault(page, []).append(record)
        for page, records in touched.items():
            notes.setdefault(page, []).insert(0, (after.version, records))
    out: dict[str, dict[Lang, Document]] = {}
    for path, per_lang in documents.items():
        out[path] = dict(per_lang)
        for lang, doc in per_lang.items():
            blocks: list[Block] = []
            for version, records in notes.get(path, []):
                what = "; ".join(
                    f"{r.id} ({', '.join(f.key for f in r.fields) or t('change_' + r.change, lang)})" for r in records
                )
                sentence = t("page_updated", lang, date=format_partial(version.date, lang), id=version.id, what=what)
                link = PageRef(changes_path(version.id), words(t("page_updated_more", lang)))
                blocks.append(Para((Words(sentence + " "), link), "changes"))
            if blocks:
                out[path][lang] = replace(doc, blocks=(*doc.blocks, *blocks))
    return out
