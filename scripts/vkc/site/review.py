"""The review page of a pull request: every page the change touches, before and after, side by
side, in the three languages (`vkc diff --format html --out DIR`).

Why the site's own writer: the reviewer sees the words and notices readers will see (the
documents of :mod:`vkc.document`, written by :mod:`.page_markdown`), turned into HTML by
Python-Markdown with the site's extensions; no theme, so the file opens anywhere.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import markdown

from ..content import Content
from ..document.changes import ChangeSet
from ..document.nodes import Document
from ..document.pages import page_documents, record_pages
from ..model import LANGS, Lang
from .page_markdown import page_markdown

_EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition"]
_STYLE = (
    "body{font-family:sans-serif;margin:1rem;line-height:1.45}"
    ".pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem;border-top:2px solid #888;margin:1rem 0}"
    ".pair>section{overflow-x:auto}h2{margin-top:2rem}del,ins{text-decoration:none}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 4px}"
    "@media (max-width:700px){.pair{grid-template-columns:1fr}}"
)


def _body(content: Content, documents: Mapping[str, Mapping[Lang, Document]], path: str, lang: Lang) -> str:
    if path not in documents:
        return ""
    page = page_markdown(documents[path][lang], record_pages(content), "", content.publication.date)
    text = page.markdown.split("\n---\n", 1)[1] if page.markdown.startswith("---\n") else page.markdown
    return markdown.markdown(text, extensions=_EXTENSIONS)


def changed_pages(before: Content, after: Content, changes: ChangeSet) -> list[str]:
    """The site pages (paths, as in every language) that show a changed record, in change order."""
    now, then = record_pages(after), record_pages(before)
    pages: list[str] = []
    for record in changes.records:
        page = now.get(record.id) or then.get(record.id)
        if page is not None and page not in pages:
            pages.append(page)
    return pages


def review_html(before: Content, after: Content, changes: ChangeSet, title: str) -> str:
    """One standalone HTML page: each changed page in vi, en and ko, before beside after."""
    paths = changed_pages(before, after, changes)
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p>{len(changes.records)} record(s) changed on {len(paths)} page(s).</p>",
    ]
    docs_before, docs_after = page_documents(before), page_documents(after)
    for path in paths:
        for lang in LANGS:
            out.append(f'<h2 lang="en">{html.escape(path)} — {lang}</h2>')
            out.append(
                f'<div class="pair" lang="{lang}"><section><h3 lang="en">Before</h3>{_body(before, docs_before, path, lang)}</section>'
                f'<section><h3 lang="en">After</h3>{_body(after, docs_after, path, lang)}</section></div>'
            )
    out.append("</body></html>")
    return "\n".join(out) + "\n"
