"""Head tags of the hand-written pages (an mkdocs hook): their meta description, link preview
and structured data, made as for the generated pages (:mod:`.meta`) from the page's own
first heading and first paragraph.

Why a hook: hand-written pages reach mkdocs as they are in docs/; the generated pages carry
the same tags in their front matter already (``vkc_head``), and the hook leaves those alone.
"""

from __future__ import annotations

import html
from typing import Any

from vkc.model import LANGS
from vkc.site.meta import Site, markdown_document, page_head, root


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """mkdocs hook: give a hand-written page its description and head tags."""
    meta = page.meta
    if meta.get("vkc_head"):
        return markdown
    lang = str(config["theme"]["language"])
    extra = config["extra"]
    if lang not in LANGS or not extra.get("vkc_root_url"):
        return markdown
    doc = markdown_document(lang, page.file.src_uri, markdown)
    site = Site(root(str(extra["vkc_root_url"])), html.unescape(str(config["site_name"])))
    changed = str((extra.get("vkc_changed_iso") or {}).get(page.file.src_uri, ""))
    description, head = page_head(doc, site, changed=changed)
    meta.setdefault("description", description)
    meta["vkc_head"] = head
    return markdown
