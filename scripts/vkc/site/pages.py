"""The generated pages of one build as mkdocs Markdown: the page documents, written out.

Why two steps: :mod:`vkc.document.pages` decides what each page says (pure, no markup);
:mod:`.page_markdown` only marks it up. The build keeps the documents for the other outputs.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from .. import model as m
from ..content import Content
from ..document.nodes import Document
from ..document.pages import page_documents, record_pages
from ..document.versions import Release, banner
from ..model import LANGS, Lang, PartialDate, Version
from .langconfig import PREFIXES
from .meta import Site, page_head, root
from .page_markdown import Page, page_markdown

DEFAULT_SITE_URL = "https://example.org/"
"""The address when mkdocs.yml gives none (as the sitemap and the search do)."""


def write_pages(
    content: Content,
    documents: Mapping[str, Mapping[Lang, Document]],
    repo_url: str = "",
    site_url: str = DEFAULT_SITE_URL,
) -> dict[str, dict[Lang, Page]]:
    """The Markdown of every page document, by path and language (``site_url``: the address
    the head tags and structured data name)."""
    pages_of = record_pages(content)
    fallback = content.publication.date
    sites = {lang: site_of(content, lang, site_url) for lang in LANGS}
    # What a page's head reads besides its document (vkc.site.meta.structured_data): the records
    # its headings may describe (legal documents, organizations, events: a frozen model is the
    # same object while its file is unchanged, and compares by value otherwise).
    described: list[m.Record] = [
        r for r in content.by_id.values() if isinstance(r, m.LegalDocument | m.Organization | m.Event)
    ]
    shared = (pages_of, repo_url, fallback, sites, described)
    if _WRITTEN_WITH[:1] != [shared]:
        _WRITTEN.clear()
        _WRITTEN_WITH[:] = [shared]

    def one(doc: Document) -> Page:
        changed = str(doc.changed or fallback)
        kept = _WRITTEN.get((doc.path, doc.lang))
        if kept is not None and kept[1] == changed and kept[0] == doc:
            return kept[2]
        head = page_head(doc, sites[doc.lang], content=content, pages=pages_of, changed=changed)
        page = page_markdown(doc, pages_of, repo_url, fallback, head)
        _WRITTEN[doc.path, doc.lang] = (doc, changed, page)
        return page

    return {path: {lang: one(doc) for lang, doc in per_lang.items()} for path, per_lang in documents.items()}


_WRITTEN: dict[tuple[str, Lang], tuple[Document, str, Page]] = {}
"""The Markdown this process last wrote for each page and language, with the document and date
it was written from. Why: a process that builds again (the live preview) wrote every page's
Markdown and head anew for an edit that changed one; :func:`page_markdown` and :func:`page_head`
are functions of the document, its date and what :data:`_WRITTEN_WITH` holds, so an equal
document gives the same page."""
_WRITTEN_WITH: list[tuple[dict[str, str], str, PartialDate, dict[Lang, Site], list[m.Record]]] = []
"""The record pages, repository address, fallback date, each language's site and the records a
head describes that :data:`_WRITTEN` was written with."""


def site_of(content: Content, lang: Lang, site_url: str) -> Site:
    """The publication's name and address as the pages in ``lang`` give them."""
    pub = content.publication
    title = " ".join((pub.title.text(lang) or pub.title.vi).split())
    return Site(root(site_url or DEFAULT_SITE_URL), title)


def _url(path: str) -> str:
    """The directory URL of a page path: ``glossary.md`` -> ``glossary/``, ``index.md`` -> ``""``."""
    if path == "index.md":
        return ""
    return path[: -len("index.md")] if path.endswith("/index.md") else path[: -len(".md")] + "/"


def write_version_pages(
    release: Release,
    documents: Mapping[str, Mapping[Lang, Document]],
    current_pages: Collection[str],
    current: Version,
    root_url: str,
) -> dict[str, dict[Lang, Page]]:
    """An earlier version's pages under ``versions/ID/``: each says which version it is, links to
    the same page in the current version (or says it is gone) and names that page canonical."""
    prefix = f"versions/{release.version.id}/"
    pages_of = record_pages(release.content)
    fallback = release.content.publication.date
    out: dict[str, dict[Lang, Page]] = {}
    for path, per_lang in documents.items():
        out[prefix + path] = {}
        url = _url(path)
        up = "../" * (prefix + url).count("/")
        for lang, doc in per_lang.items():
            words = banner(lang, release.version, current)
            lang_root = root_url + PREFIXES[lang]
            extra = {"vkc_banner": words.text, "vkc_search_base": prefix.rstrip("/")}
            if path in current_pages:
                extra |= {"vkc_banner_link": up + url, "vkc_banner_label": words.link_label}
                extra["vkc_canonical"] = lang_root + url
            else:
                extra["vkc_banner_gone"] = words.gone
            out[prefix + path][lang] = page_markdown(doc, pages_of, "", fallback, None, prefix=prefix, extra=extra)
    return out


def generate_pages(
    content: Content,
    *,
    repo_url: str = "",
    changed: Mapping[str, PartialDate] | None = None,
    downloads: Sequence[str] = (),
    site_url: str = DEFAULT_SITE_URL,
) -> dict[str, dict[Lang, Page]]:
    """Every generated page as Markdown (documents built and written in one call)."""
    return write_pages(content, page_documents(content, changed=changed, downloads=downloads), repo_url, site_url)
