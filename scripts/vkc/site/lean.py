"""Lean pages and a lean tree (an mkdocs hook): nothing a page or the site carries that no reader uses.

- Material's own search (``assets/javascripts/lunr/``, ``assets/javascripts/workers/``, about
  1.2 MB a language) is not copied: vkc.search replaces it, its plugin is off, and the theme's
  script starts the worker only from a search box the pages no longer have
  (``partials/header.html``). The page's ``__config`` no longer names the worker either
  (``main.html``, block ``config``). Nor are the theme's stylesheet source maps (200 KB a
  language), which its stylesheets do not name (its script's map stays: the script names it).
- The indentation of Material's templates is dropped from every page: the white space after a
  line break goes. That is a third of a page's bytes where the navigation is deep (15 of 46 KB
  on a page of the 3x200 benchmark), and HTML renders any run of white space between words or
  tags as one space, so nothing a reader sees changes. Left alone: the inside of tags (attribute values), comments and the elements whose white space
  counts (``pre``, ``textarea``; ``code`` and ``kbd``, which the theme prints with their white
  space) or is code (``script``, ``style``).

Why not a minifier library: mkdocs-minify-plugin (htmlmin) takes about 55 ms a page, as long
as the rest of a page's build (3x1000 pages: almost 3 minutes more), and minify-html, fast,
rewrites the markup itself (it drops attribute quotes and closing tags), which the archive's
link rewriting (vkc.search.offline) and the gates read. This keeps every byte but the
indentation and takes under 1 ms a page.
"""

from __future__ import annotations

import re
from typing import Any

UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
"""Material's search files: never loaded by our pages (see the module's docstring)."""
UNUSED_THEME_SUFFIXES = (".css.map",)
"""Material's stylesheet source maps: no stylesheet names them."""

_RAW = re.compile(r"(<(pre|textarea|script|style|code|kbd)\b.*?</\2\s*>|<!--.*?-->)", re.S | re.I)
"""What keeps its white space: a raw element or a comment (split out first, with its name)."""
_BREAK_IN_TEXT = re.compile(r"\n\s+(?=[^<>]*(?:<|\Z))")
"""A line break and the white space after it, where the next angle bracket opens a tag (so not
inside a tag). Why it starts at the line break: a pattern that may start at any space is 3 times
slower, for the few spaces that end a line."""


def drop_indentation(page: str) -> str:
    """``page`` with the white space after each line break cut, outside tags, comments and raw
    elements."""
    parts = _RAW.split(page)  # text, raw element, its name, text, ...
    parts[::3] = [_BREAK_IN_TEXT.sub("\n", text) for text in parts[::3]]
    del parts[2::3]
    return "".join(parts)


def on_files(files: Any, config: Any) -> Any:
    """mkdocs hook: leave Material's search files and stylesheet maps out of the site."""
    for file in [
        f for f in files if f.src_uri.startswith(UNUSED_THEME_FILES) or f.src_uri.endswith(UNUSED_THEME_SUFFIXES)
    ]:
        files.remove(file)
    return files


def on_post_page(output: str, page: Any, config: Any) -> str:
    """mkdocs hook: the finished page without the templates' indentation."""
    return drop_indentation(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """mkdocs hook: the same for theme templates rendered on their own (404.html)."""
    return drop_indentation(output_content) if template_name.endswith(".html") else output_content
