"""Valid HTML from Material's templates: three fixes on every built page (an mkdocs hook).

Why a hook and not template overrides: the markup sits in Material's base.html and nav
partials, which we would otherwise have to copy whole; the Nu HTML Checker gate
(tests/test_gates_html.py) fails on each of these:
- ``autocomplete`` on checkbox and radio inputs (allowed on text-like inputs only);
- ``<label for="__toc">`` on pages where the theme leaves out the ``__toc`` checkbox.
And the canonical address of an earlier version's pages (:func:`on_page_context`).
One more for the Content-Security-Policy (style-src 'self', no inline style): the column
alignment Python-Markdown writes as ``style="text-align: right;"`` becomes a class.
"""

from __future__ import annotations

import re
from typing import Any

_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="(?:checkbox|radio)"[^>]*?)\s+autocomplete="off"')
_TOC_LABEL = re.compile(r'(<label\b[^>]*?)\s+for="__toc"')
_ALIGN = re.compile(r'<(t[hd])\s+style="text-align:\s*(left|right|center);?"')


def fix_html(page: str) -> str:
    """``page`` with the theme's invalid attributes removed."""
    page = _AUTOCOMPLETE.sub(r"\1", page)
    page = _ALIGN.sub(r'<\1 class="vkc-align-\2"', page)
    if 'id="__toc"' not in page:
        page = _TOC_LABEL.sub(r"\1", page)
    return page


def on_post_page(output: str, page: Any, config: Any) -> str:
    """mkdocs hook: fix the finished page."""
    return fix_html(output)


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """mkdocs hook: an earlier version's page names the current page as canonical (front matter
    ``vkc_canonical``), which Material prints as ``<link rel="canonical">``."""
    canonical = (page.meta or {}).get("vkc_canonical")
    if canonical:
        page.canonical_url = canonical
    return context


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """mkdocs hook: the same for theme templates rendered on their own (404.html)."""
    return fix_html(output_content) if template_name.endswith(".html") else output_content
