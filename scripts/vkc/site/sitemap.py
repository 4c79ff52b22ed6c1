"""One sitemap for the three language trees, with ``xhtml:link`` alternates per page.

Why: each per-language mkdocs build writes its own sitemap without alternates; search
engines then treat the translations as unrelated pages. Dates come from the content (the
page's last change), so the file is the same for a given commit.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from ..model import LANGS, Lang
from .page_markdown import Page

PREFIXES: dict[Lang, str] = {"vi": "", "en": "en/", "ko": "ko/"}


def page_url(path: str) -> str:
    """The directory URL of a page path (``guideline/index.md`` -> ``guideline/``)."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def sitemap_xml(root_url: str, paths: list[str], generated: dict[str, dict[Lang, Page]]) -> str:
    """The sitemap document."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    used: dict[tuple[str, str, str], str] = {}
    for path in paths:
        changed = generated[path]["vi"].changed if path in generated else ""
        key = (root_url, path, changed)
        block = used[key] = _BLOCKS.get(key) or _block(root_url, page_url(path), changed)
        lines.append(block)
    lines.append("</urlset>")
    # Only this sitemap's entries are kept: a process that builds again (the live preview)
    # makes again only those of pages that are new or changed.
    _BLOCKS.clear()
    _BLOCKS.update(used)
    return "\n".join(lines) + "\n"


_BLOCKS: dict[tuple[str, str, str], str] = {}
"""The entries of the last sitemap this process made, by site address, page and day of change."""


def _block(root_url: str, url: str, changed: str) -> str:
    """The entries of one page (at ``url`` in each language tree), with its alternates."""
    lines: list[str] = []
    for lang in LANGS:
        lines.append("  <url>")
        lines.append(f"    <loc>{root_url}{PREFIXES[lang]}{url}</loc>")
        if changed:
            lines.append(f"    <lastmod>{changed}</lastmod>")
        for alt in LANGS:
            href = quoteattr(f"{root_url}{PREFIXES[alt]}{url}")
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{alt}" href={href}/>')
        lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(root_url + url)}/>')
        lines.append("  </url>")
    return "\n".join(lines)


def write_sitemap(site: Path, base: dict[str, Any], paths: list[str], generated: dict[str, dict[Lang, Page]]) -> None:
    """Write ``sitemap.xml`` and a reproducible ``sitemap.xml.gz`` at the root of ``site``."""
    root_url = str(base.get("site_url") or "https://example.org/")
    root_url = root_url if root_url.endswith("/") else root_url + "/"
    text = sitemap_xml(root_url, paths, generated)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site / name).unlink(missing_ok=True)  # new files, never writes through a hard link
    (site / "sitemap.xml").write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
