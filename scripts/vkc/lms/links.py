"""Links from a packaged lesson or question to the public site.

Why absolute addresses: a SCORM package and a Moodle question bank hold the lessons and the
questions, not the guideline; a reading or "where the answer is written" must still lead to
the section, so it points to the published page (``site_url`` of mkdocs.yml) in the lesson's
language.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ..content import Content
from ..document.pages import record_pages
from ..model import Lang
from ..site.langconfig import PREFIXES
from ..site.page_markdown import Writer


def language_root(site_url: str, lang: Lang, tree: str = "") -> str:
    """The public address of a language's tree of pages (``https://host/en/``)."""
    return f"{site_url.rstrip('/')}/{PREFIXES[lang]}{tree}"


@dataclass(frozen=True)
class PublicWriter(Writer):
    """The site's writer with every link to a page made absolute, to the public site."""

    base: str = ""
    """:func:`language_root` of the page's language."""

    def href(self, target_page: str, anchor: str = "") -> str:
        return self.url(target_page, anchor)

    def url(self, target_page: str, anchor: str = "") -> str:
        if target_page == "index.md" or target_page.endswith("/index.md"):
            folder = target_page[: -len("index.md")]
        else:
            folder = target_page[: -len(".md")] + "/"
        address = self.base + quote(folder)
        return f"{address}#{quote(anchor)}" if anchor else address


def public_writer(content: Content, path: str, lang: Lang, site_url: str, tree: str = "") -> PublicWriter:
    """A writer for the page ``path`` whose links lead to the public site."""
    return PublicWriter(path, lang, record_pages(content), base=language_root(site_url, lang, tree))
