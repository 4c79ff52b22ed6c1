"""Python-Markdown's inline step, without trying the patterns a text cannot match.

Python-Markdown tries each of its 14 inline patterns on every text of a page: a regular
expression searched from the start of the text, through two Python calls and a lookup in its
registry. Most texts are plain words, which no pattern matches; at 3x1000 pages those tries
were 7% of a cold build's CPU (py-spy), the largest single cost of converting the Markdown.

Each pattern of Python-Markdown's own set needs a character (a backtick, ``[``, ``<``, ``&``,
``*`` or ``_``...) that its expression cannot match without. A pattern is skipped for a text
that holds none of them, exactly as if it had been tried and had not matched (the next pattern,
from the text's start). The table is keyed by the expression's source, so a pattern whose
expression changes in a new release, or one an extension adds, is tried as before.

Why not a faster Markdown library: the page's HTML would change, and Material's templates and
our extensions read Python-Markdown's tree.
"""

from __future__ import annotations

from typing import Any

import markdown
from markdown import util
from markdown.treeprocessors import InlineProcessor

NEEDS: dict[str, tuple[str, ...]] = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),  # code span (or the backslashes before one)
    r"\\(.)": ("\\",),  # escape
    r"(?<!\!)\[": ("[",),  # link, reference, short reference
    r"\!\[": ("![",),  # image, image reference
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),  # autolink
    r"<([^<> !]+@[^@<> ]+)>": ("<",),  # automatic mail link
    "  \\n": ("  \n",),  # line break
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),  # entity
    r"\*|_": ("*", "_"),  # emphasis and strong
}
"""What a text must contain for the pattern with this expression to match (any of them)."""
_HTML_START = "(<("
"""Inline HTML's expression (long, and reworded between releases) starts with ``<``."""


def needs(pattern: Any) -> tuple[str, ...] | None:
    """What a text must contain for ``pattern`` to match; None when not known (always tried)."""
    source = getattr(getattr(pattern, "compiled_re", None), "pattern", None)
    if not isinstance(source, str):
        return None
    if source in NEEDS:
        return NEEDS[source]
    if source.startswith(_HTML_START) and type(pattern).__name__ == "HtmlInlineProcessor":
        return ("<",)
    return None


class SkippingInlineProcessor(InlineProcessor):
    """Python-Markdown's ``InlineProcessor`` that does not try a pattern on a text that lacks what
    the pattern needs (see the module's docstring)."""

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        """Python-Markdown's step, with the patterns and what each needs listed once per
        document (extensions may add patterns until the conversion starts)."""
        self._patterns = [(pattern, needs(pattern)) for pattern in self.inlinePatterns]
        return super().run(tree, ancestors)

    # The name Python-Markdown's own methods call (theirs is private, so name-mangled).
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """Python-Markdown's ``__handleInline``, skipping the patterns ``data`` cannot match."""
        if isinstance(data, util.AtomicString):
            return data
        patterns = self._patterns
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        start = 0
        count = len(patterns)
        while patternIndex < count:
            pattern, needed = patterns[patternIndex]
            if needed is not None and not any(text in data for text in needed):
                patternIndex += 1  # as after a pattern that does not match: the next, from the start
                start = 0
                continue
            data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


def install(md: markdown.Markdown) -> None:
    """Put the skipping step in the place of Python-Markdown's inline step of ``md``."""
    index = md.treeprocessors.get_index_for_name("inline")
    # The registry keeps priorities only privately; the step keeps its place among the others.
    priority = md.treeprocessors._priority[index].priority  # type: ignore[attr-defined]
    md.treeprocessors.register(SkippingInlineProcessor(md), "inline", priority)
