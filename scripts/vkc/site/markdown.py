"""Safe Markdown: turn untrusted content text into Markdown that renders as inert text.

Why: content comes from pull requests by people we do not vet, and Python-Markdown passes
raw HTML straight through (its ``safe_mode`` was removed as never safe). Rather than
sanitizing HTML after the fact, we never let content text reach the renderer as markup:
every character that Markdown or HTML gives a meaning to is escaped, and only the subset
the README documents is re-emitted as Markdown we write ourselves - paragraphs, ``- item``
lists, ``**bold**``, ``*italic*`` and links to ``http``, ``https`` and ``mailto`` addresses.
Headings, code, tables, admonitions, attribute lists and snippet includes (``--8<--``)
therefore cannot be expressed by content at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote

# Every character Python-Markdown (with `tables`) lets a backslash escape, minus the two we
# turn into entities. Escaping them all makes any text a literal: no emphasis, no list,
# no heading, no link, no attribute list, no admonition marker.
_BACKSLASH = frozenset("\\`*_{}[]()#+-.!|>")
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
# Characters allowed verbatim in a link target; everything else is percent-encoded, so a
# target can never close the link, open a tag or start an attribute.
_URL_SAFE = "-._~:/?#[]@!$&*+,;=%"
_INLINE = re.compile(
    r"\[(?P<ltext>[^\[\]\n]+)\]\((?P<url>[^()\s]+)\)"  # [text](url)
    r"|\*\*(?P<bold>[^*\n]+)\*\*"  # **bold**
    r"|\*(?P<italic>[^*\n]+)\*"  # *italic*
)
_LIST_ITEM = re.compile(r"^\s*[-*]\s+(.*)$")


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", **{char: "\\" + char for char in _BACKSLASH}})
"""What :func:`escape` turns each character into (one C-level pass: a build escapes every text)."""
_SPACES = re.compile(r"\s+")


def escape(text: str) -> str:
    """``text`` as Markdown that renders exactly as written, with no markup and no HTML.

    White space (new lines included) collapses to single spaces: a line break could
    otherwise start a block construct (a setext heading, an indented code block).
    """
    return _SPACES.sub(" ", text).translate(_ESCAPES)


def safe_url(url: str) -> str | None:
    """The link target if its scheme is http, https or mailto (percent-encoded), else None."""
    lowered = url.strip().lower()
    if not lowered.startswith(_SAFE_SCHEMES):
        return None  # javascript:, data:, vbscript:, relative paths into the site: all dropped
    return quote(url.strip(), safe=_URL_SAFE)


Marker = Callable[[str], str]
"""Turns a run of plain content text (outside links and marks) into safe Markdown; the
default is :func:`escape`, the site's glossary links use one that also marks terms."""


def inline(text: str, mark: Marker = escape) -> str:
    """One line of content text in the inline subset (bold, italic, links) as safe Markdown."""
    out: list[str] = []
    pos = 0
    flat = re.sub(r"\s+", " ", text.strip())
    for match in _INLINE.finditer(flat):
        out.append(mark(flat[pos : match.start()]))
        if match.group("ltext") is not None:
            url = safe_url(match.group("url"))
            label = escape(match.group("ltext"))
            # A refused link keeps its words but loses its target.
            out.append(f"[{label}]({url})" if url else label)
        elif match.group("bold") is not None:
            out.append(f"**{escape(match.group('bold'))}**")
        else:
            out.append(f"*{escape(match.group('italic'))}*")
        pos = match.end()
    out.append(mark(flat[pos:]))
    return "".join(out)


def blocks(text: str, mark: Marker = escape) -> str:
    """A multi-paragraph content text (paragraphs and ``- item`` lists) as safe Markdown."""
    rendered: list[str] = []
    for para in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in para.splitlines() if line.strip()]
        if not lines:
            continue
        if all(_LIST_ITEM.match(line) for line in lines):
            items = [_LIST_ITEM.match(line) for line in lines]
            rendered.append("\n".join(f"- {inline(m.group(1), mark)}" for m in items if m))
        else:
            rendered.append(inline(" ".join(lines), mark))
    return "\n\n".join(rendered)


def plain(text: str) -> str:
    """Content text (the inline subset) as the words a reader sees: no markup, one line.

    For places that take text, not markup: meta descriptions, link previews, card images.
    """
    flat = re.sub(r"\s+", " ", text.strip())
    return _INLINE.sub(lambda m: m.group("ltext") or m.group("bold") or m.group("italic") or "", flat)


def first_paragraph(text: str) -> str:
    """The first paragraph of a multi-paragraph content text, as plain words (see :func:`plain`)."""
    for para in re.split(r"\n\s*\n", text.strip()):
        lines = [_LIST_ITEM.sub(r"\1", line) for line in para.splitlines() if line.strip()]
        if lines:
            return plain(" ".join(lines))
    return ""
