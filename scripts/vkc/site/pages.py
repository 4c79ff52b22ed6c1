"""The generated pages of one build as mkdocs Markdown: the page documents, written out.

Why two steps: :mod:`vkc.document.pages` decides what each page says (pure, no markup);
:mod:`.page_markdown` only marks it up. The build keeps the documents for the other outputs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..content import Content
from ..document.nodes import Document
from ..document.pages import page_documents, record_pages
from ..model import Lang, PartialDate
from .page_markdown import Page, page_markdown


def write_pages(
    content: Content, documents: Mapping[str, Mapping[Lang, Document]], repo_url: str = ""
) -> dict[str, dict[Lang, Page]]:
    """The Markdown of every page document, by path and language."""
    pages_of = record_pages(content)
    fallback = content.publication.date
    return {
        path: {lang: page_markdown(doc, pages_of, repo_url, fallback) for lang, doc in per_lang.items()}
        for path, per_lang in documents.items()
    }


def generate_pages(
    content: Content,
    *,
    repo_url: str = "",
    changed: Mapping[str, PartialDate] | None = None,
    downloads: Sequence[str] = (),
) -> dict[str, dict[Lang, Page]]:
    """Every generated page as Markdown (documents built and written in one call)."""
    return write_pages(content, page_documents(content, changed=changed, downloads=downloads), repo_url)
