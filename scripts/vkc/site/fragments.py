"""Parts of a page's template rendered once and reused: ``{% call vkc_once(name, key...) %}``.

Why: the header of every page of a language is the same but for the page's title, its address
in the language switcher and its relative links; Material builds it through about ten included
templates and a hundred lookups in the configuration, a few per cent of a page's time. A part
wrapped in a call to :class:`Fragments` is rendered the first time its key is seen and reused
for the next page with the same key.

The key must hold every value of the page the part reads: the template computes them (relative
links through the ``url`` filter, the page's own settings) and passes them, and the part uses
the same variables. What is the same for the whole language (the configuration, the theme's
words) needs no key: a session's fragments live as long as the session, whose key covers the
configuration and the templates (vkc.site.engine).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class Fragments:
    """One language session's rendered template parts, by name and key."""

    def __init__(self, reuse: bool = True) -> None:
        self.reuse = reuse
        """False renders every part each time (the test that compares the two)."""
        self.parts: dict[tuple[Hashable, ...], Any] = {}

    def __call__(self, *key: Hashable, caller: Callable[[], Any]) -> Any:
        if not self.reuse:
            return caller()
        text = self.parts.get(key)
        if text is None:
            text = self.parts[key] = caller()
        return text
