"""Material's navigation items, rendered once and reused: the markup of an item that is not on
the page's path depends on the page only through the relative address of its link.

Why: with ``navigation.prune`` a page's navigation is mostly such items (the pages beside it,
the sections beside its own), and Material renders each through its ``nav-item.html`` macros,
about 25 template lookups an item: a sixth of a page's CPU on the 3x200 benchmark, more at
3x1000. The markup stays Material's: an item is rendered by Material's own macro the first time
its key is seen, and that text is reused for the next page where the key is the same.

The key holds everything the macro reads for an inactive item: the item itself, its place in
the tree (``path``, ``level``), its title, what its front matter says of an icon, subtitle or
status, and its link as the page at hand would write it (``url`` filter: relative to the page).
An item that is active, or that Material's plugins extend (``pages``, ``typeset``,
``encrypted``), a section that the features would not prune, and any page without a page
context (the 404 template) are rendered by the macro every time.

The sections on the page's path (active) are Material's markup too, kept as a frame around their
children: the first time a section is rendered with a key, each child's place is marked and the
text around the marks is kept; on the next page with that key, the children are rendered (from
the cache, or the page itself by the macro) and set into the frame. A section's key holds what
the macro reads of it when it is active: the section, its place, its title and its index page
(front matter, link as the page writes it, whether it is the page at hand).

Children beside the page's path are taken from a strip kept by the section's frame and the folder
above the page, without their keys: mkdocs writes an item's link alike from every page of one
folder (``get_relative_url``), unless the item is the page's own folder or inside it (checked
for each page; property-tested against mkdocs). Looking each item up (its key, its relative link)
cost more than converting a page's tables from Markdown.

How the macro is reached: ``partials/nav-item.html`` is served with its ``render`` macro renamed
and a ``render`` of ours in its place (:meth:`NavCache.bind`), which calls Material's. Material's
macro calls ``render`` for an active item's children by name, so each child passes through the
cache too. A theme whose ``nav-item.html`` has no such macro is served unchanged.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from jinja2 import BaseLoader, Environment
from mkdocs.utils import normalize_url

NAV_ITEM = "partials/nav-item.html"
"""The template whose ``render`` macro is wrapped."""
_MATERIAL_MACRO = "{% macro render(nav_item, path, level, parent) %}"
_RENAMED_MACRO = "{% macro vkc_material_render(nav_item, path, level, parent) %}"
_OUR_RENDER = "{% set render = vkc_nav_item.bind(vkc_material_render, page) %}\n"
"""``render`` as a Python function, not a macro: Material's macro calls it for every child of an
active section, and a macro call costs several times what the cache's lookup does."""
_UNPRUNED = ("navigation.tabs", "navigation.sections")
"""Features under which a section beside the page's path is rendered whole, not pruned."""


def wrap_source(source: str) -> str:
    """``nav-item.html``'s source with its ``render`` macro going through the cache; unchanged
    when the macro is not there as Material writes it."""
    if _MATERIAL_MACRO not in source:
        return source
    return source.replace(_MATERIAL_MACRO, _RENAMED_MACRO, 1) + _OUR_RENDER


class WrappingLoader(BaseLoader):
    """The theme's loader, with :data:`NAV_ITEM` served through :func:`wrap_source`."""

    def __init__(self, inner: BaseLoader) -> None:
        self.inner = inner

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        if template == NAV_ITEM:
            source = wrap_source(source)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


def _meta_key(item: Any) -> Any:
    meta = getattr(item, "meta", None)
    if not meta:
        return None
    return (meta.get("icon"), meta.get("subtitle"), meta.get("status"))


_OUTSIDE = ("\x00outside",)
"""The parts of a link with an address of its own: the same from every page."""


def _parts(path: str) -> tuple[str, ...]:
    """A path's folders and name after normalisation, as mkdocs' ``get_relative_url`` compares
    them (its ``_norm_parts``: ``..`` above the root has no effect)."""
    normal = posixpath.normpath(path if path.startswith("/") else "/" + path)[1:]
    return tuple(normal.split("/")) if normal else ()


def _link_path(link: str) -> tuple[str, ...]:
    """``link`` as mkdocs' ``normalize_url`` compares it with the page's address (its
    ``_get_norm_url`` and ``_norm_parts``); ``_OUTSIDE`` for an address of its own, which it
    writes unchanged."""
    path = link.replace("\\", "/") if link else "."
    parsed = urlsplit(path)
    if parsed.scheme or parsed.netloc or path.startswith(("/", "#")):
        return _OUTSIDE
    return _parts(path)


def _place(page: Any) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The page's address as mkdocs' ``get_relative_url`` reads it (a file name left out) and the
    folder above it; None for a page at the root or without an address."""
    url = getattr(page, "url", None)
    if not isinstance(url, str):
        return None
    folder, _, name = url.rpartition("/")
    parts = _parts(folder if "." in name else url)
    return (parts, parts[:-1]) if parts else None


_SLOT = "\x00"
"""Marks a child's place in a recorded section (no text of a navigation holds it)."""


class NavCache:
    """One language session's rendered navigation items (see the module's docstring)."""

    def __init__(self, features: list[str]) -> None:
        self.prunes = "navigation.prune" in features and not any(f in features for f in _UNPRUNED)
        self.indexes = "navigation.indexes" in features
        self.items: dict[tuple[Any, ...], Any] = {}
        self.frames: dict[tuple[Any, ...], tuple[type, list[str], list[tuple[Any, ...]]] | None] = {}
        """An active section's markup around its children, and the children's arguments."""
        self.strips: dict[tuple[Any, ...], list[str | None]] = {}
        """By a section's frame and the folder above the page: the markup of each child as a page
        of that folder writes it when the child is beside its path (see :meth:`bind`)."""
        self.child_links: dict[tuple[Any, ...], list[tuple[str, ...] | None]] = {}
        """By a section's frame: where each child links to (:meth:`_link_parts`)."""
        self.links: dict[str, tuple[str, ...]] = {}
        """An item's link, as :func:`_parts` (or ``_OUTSIDE``)."""

    def bind(self, material: Any, page: Any) -> Callable[..., Any]:
        """The ``render`` of one page's navigation: Material's macro ``material`` through the cache."""
        recording: list[tuple[Any, ...]] | None = None
        """While a section's frame is rendered: the children Material asked for, in order."""

        def render(item: Any, path: str, level: int, *parent: Any) -> Any:
            # ``parent`` passed on only when given: the macro's own default is Jinja's Undefined.
            nonlocal recording
            if recording is not None:  # a child of the section being recorded: its place only
                recording.append((item, path, level, *parent))
                return f"{_SLOT}{len(recording) - 1}{_SLOT}"
            key = self._key(item, path, level, page, place)
            if key is not None:
                markup = self.items.get(key)
                if markup is None:
                    markup = self.items[key] = material(item, path, level, *parent)
                return markup
            frame_key = self._frame_key(item, path, level, page)
            if frame_key is None:
                return material(item, path, level, *parent)
            if frame_key not in self.frames:
                recording = []
                try:
                    text = material(item, path, level, *parent)
                finally:
                    children, recording = recording, None
                pieces = str(text).split(_SLOT)
                expected = [str(index) for index in range(len(children))]
                whole = len(pieces) == 2 * len(children) + 1 and pieces[1::2] == expected
                self.frames[frame_key] = (type(text), pieces[0::2], children) if whole else None
            frame = self.frames[frame_key]
            if frame is None:
                return material(item, path, level, *parent)
            kind, texts, children = frame
            out = [texts[0]]
            if place is None:
                for child, text in zip(children, texts[1:], strict=True):
                    out.append(str(render(*child)))
                    out.append(text)
                return kind("".join(out))
            page_parts, folder = place
            depth = len(page_parts)
            links = self.child_links.get(frame_key)
            if links is None:
                links = self.child_links[frame_key] = [self._link_parts(child[0]) for child in children]
            strip = self.strips.get((frame_key, folder))
            if strip is None:
                strip = self.strips[(frame_key, folder)] = [None] * len(children)
            for index, (child, text) in enumerate(zip(children, texts[1:], strict=True)):
                link = links[index]
                if (
                    link is not None
                    and not getattr(child[0], "active", True)
                    and (link is _OUTSIDE or link[:depth] != page_parts)
                ):
                    markup = strip[index]
                    if markup is None:
                        markup = strip[index] = str(render(*child))
                    out.append(markup)
                else:
                    out.append(str(render(*child)))
                out.append(text)
            return kind("".join(out))

        place = _place(page)
        return render

    def _link_parts(self, item: Any) -> tuple[str, ...] | None:
        """The path an inactive item links to, as mkdocs compares it with the page's
        (:func:`_parts`); ``_OUTSIDE`` for an address of its own (another site); None for an item
        that :meth:`_key` never keys."""
        target = self._target(item)
        return None if target is None else target[1]

    def _target(self, item: Any) -> tuple[str, tuple[str, ...]] | None:
        """Where an inactive item links to, written and as :func:`_link_path`; None for an item
        whose markup is never reused."""
        if self._extended(item):
            return None
        link = self._item_link(item)
        if link is None:
            return None
        parts = self.links.get(link)
        if parts is None:
            parts = self.links[link] = _link_path(link)
        return link, parts

    @staticmethod
    def _extended(item: Any) -> bool:
        """Whether a plugin of Material's extends the item (its markup is then never reused)."""
        return bool(getattr(item, "pages", None) or getattr(item, "typeset", None) or getattr(item, "encrypted", None))

    def _key(
        self, item: Any, path: str, level: int, page: Any, place: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    ) -> tuple[Any, ...] | None:
        """The key of an item beside the page's path, or None when it is not one. Its link as the
        page writes it is named by the folder above the page where that is the same (``place``:
        :func:`_place`; see the module's docstring), else written out (``url`` filter)."""
        if page is None or getattr(item, "active", True) or item is page:
            return None
        target = self._target(item)
        if target is None:
            return None
        link, parts = target
        written: Any
        if place is not None and (parts is _OUTSIDE or parts[: len(place[0])] != place[0]):
            written = place[1]
        else:
            written = normalize_url(link, page=page)
        return (id(item), path, level, item.title, _meta_key(item), written)

    def _item_link(self, item: Any) -> str | None:
        """Where an inactive item links to (a section: its first page, as Material's
        ``render_pruned`` does); None for an item whose markup is not reused."""
        if item.children:
            if not self.prunes:
                return None
            first = item.children[0]
            while first is not None and first.children:  # Material's render_pruned links the first leaf
                first = first.children[0]
            if first is None or getattr(first, "url", None) is None:
                return None
            return str(first.url)
        link = getattr(item, "url", None)
        return None if link is None else str(link)

    def _frame_key(self, item: Any, path: str, level: int, page: Any) -> tuple[Any, ...] | None:
        """The key of an active section's frame: what Material's macro reads of the section
        itself, its index page and the page at hand (whether the page is the index; the index's
        link). None for anything else."""
        if page is None or not self.prunes or not item.children or not getattr(item, "active", False):
            return None
        if self._extended(item):
            return None
        index = next((c for c in item.children if getattr(c, "is_index", False)), None) if self.indexes else None
        if index is None:
            return (id(item), path, level, item.title)
        if self._extended(index) or getattr(index, "url", None) is None:
            return None
        link = normalize_url(str(index.url), page=page)
        return (id(item), path, level, item.title, _meta_key(index), link, index == page)
