""" "Cite this page": a citation at the foot of every page, as words and as CSL-JSON.

Why both: a reader copies the words into a paper; a reference manager (Zotero, Mendeley,
Citavi...) imports CSL-JSON, the data format of the Citation Style Language, and formats it
in any style. Both say the same: publisher, page title, publication, version and its date,
and the page's address in its language. The day of access is the reader's to fill in: a
build cannot know it, and a day written by the build would be wrong the day after.
"""

from __future__ import annotations

import json

from ..model import Lang
from .context import Ctx
from .nodes import Block, Group, Heading, Inline, PageRef, Para, Url, words

PREFIXES: dict[Lang, str] = {"vi": "", "en": "en/", "ko": "ko/"}
"""Where each language lives in the published tree: Vietnamese at the root."""

CITE_FILE = "cite.json"
"""The CSL-JSON file's name, in the folder of the page it cites."""


def _folder(path: str) -> str:
    """The folder a page's HTML lands in (directory URLs): ``a/b.md`` and ``a/b/index.md`` -> ``a/b/``."""
    stem = path[: -len(".md")]
    return stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem + "/"


def page_address(site_url: str, lang: Lang, path: str) -> str:
    """The public address of page ``path`` (``guideline/part-1.md``) in ``lang``."""
    root = site_url if site_url.endswith("/") else site_url + "/"
    return root + PREFIXES[lang] + _folder(path)


def cite_path(path: str) -> str:
    """Where the CSL-JSON of page ``path`` lies in a language's docs folder (beside the page's HTML)."""
    return _folder(path) + CITE_FILE


def cite_blocks(ctx: Ctx, path: str, title: str, address: str) -> list[Block]:
    """The citation of page ``path`` (navigation title ``title``), in the reader's language."""
    pub = ctx.content.publication
    parts: dict[str, Inline] = {
        "publisher": ctx.plain(pub.publisher),
        "publication": ctx.plain(pub.title),
        "version": words(pub.version),
        "date": ctx.date(pub.date),
        "url": (Url(address, words(address)),),
    }
    text = (
        ctx.fill("cite_text_home", **parts)
        if path == "index.md"
        else ctx.fill("cite_text", title=words(title), **parts)
    )
    return [
        Group(
            (
                Heading(2, words(ctx.word("cite_title")), "vkc-cite"),
                Para(text, "citation-text"),
                Para((*words(ctx.word("cite_hint") + " "), PageRef(cite_path(path), words(ctx.word("cite_file"))))),
            ),
            "citation",
        )
    ]


def csl_json(ctx: Ctx, path: str, title: str, address: str) -> str:
    """The page's CSL-JSON: one ``webpage`` item (an array, as reference managers import it)."""
    pub = ctx.content.publication
    publisher = ctx.resolve(pub.publisher).words
    issued = [pub.date.year, *([pub.date.month] if pub.date.month else []), *([pub.date.day] if pub.date.day else [])]
    item = {
        "id": f"vkc-{ctx.lang}-{path[: -len('.md')].replace('/', '-')}",
        "type": "webpage",
        "title": ctx.resolve(pub.title).words if path == "index.md" else title,
        "container-title": ctx.resolve(pub.title).words,
        # The publisher is the page's author too: an institution's page has no person as author,
        # and reference managers print the author, not the publisher, for a web page.
        "author": [{"literal": publisher}],
        "publisher": publisher,
        "version": pub.version,
        "issued": {"date-parts": [issued]},
        "URL": address,
        "language": ctx.lang,
    }
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"
