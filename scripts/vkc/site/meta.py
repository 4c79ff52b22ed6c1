"""What a page tells other programs about itself: its meta description, its link preview (Open
Graph and Twitter-card tags) and its structured data (schema.org JSON-LD), from its document.

Why from the document: a preview in Zalo or KakaoTalk must say what the page says, in the
page's language; the description is the page's own first paragraph (the same words and the
same translation state as the page), and the JSON-LD names the records the page shows (its
anchored headings), with their facts from the content. Nothing here decides wording: the one
fallback sentence is in :mod:`vkc.i18n`.

The tags go into the page's front matter (:mod:`.page_markdown`) as one ready string, which
the theme prints in ``<head>`` (overrides/main.html); hand-written pages get theirs from the
``headhook`` mkdocs hook, through :func:`markdown_document`.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from .. import model as m
from ..content import Content
from ..document.nodes import (
    Anchor,
    Badge,
    Block,
    Body,
    Cite,
    Code,
    Document,
    Emph,
    File,
    Files,
    Group,
    Heading,
    Inline,
    Lang_,
    Mark,
    PageRef,
    Pair,
    Ref,
    Says,
    Small,
    Strong,
    Text,
    Url,
    Words,
    words,
)
from ..i18n import t
from ..model import LANGS, Lang
from . import markdown as md
from .sitemap import PREFIXES, page_url

OG_LOCALE: dict[Lang, str] = {"vi": "vi_VN", "en": "en_US", "ko": "ko_KR"}
"""Open Graph locales (language_TERRITORY) of the three editions."""
CARD_WIDTH, CARD_HEIGHT = 1200, 630
"""The link-preview image (the size Facebook, Zalo and KakaoTalk crop least)."""
CARDS = "assets/cards/"
"""Where each language tree keeps its card images."""
DESCRIPTION_MAX = 160
"""Characters of a description (search engines cut longer ones)."""
SCHEMA = "https://schema.org/"

_LEGAL_FORCE: dict[str, str] = {"in_force": "InForce", "superseded": "NotInForce", "repealed": "NotInForce"}
"""Our legal status -> schema.org LegalForceStatus. ``amended`` is left out on purpose: an
amended document is in force as amended, but whether wholly or in part is not recorded;
``unknown`` says nothing."""


@dataclass(frozen=True)
class Site:
    """The publication as the head of a page names it."""

    root_url: str
    """The site's address (site_url in mkdocs.yml), ending in ``/``."""
    name: str
    """The publication's title in the page's language, plain text."""


def root(url: str) -> str:
    """``url`` ending in one ``/``."""
    return url if url.endswith("/") else url + "/"


def card_path(path: str) -> str:
    """The card image of a page path, relative to its language root (``glossary.md`` ->
    ``assets/cards/glossary.png``)."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    return f"{CARDS}{stem}.png"


def url_of(site: Site, lang: Lang, path: str) -> str:
    """The absolute address of a page path in ``lang``."""
    return f"{site.root_url}{PREFIXES[lang]}{quote(page_url(path))}"


# -- plain text ------------------------------------------------------------------------------


def inline_text(runs: Inline) -> str:
    """Inline runs as the words a reader sees, without markup, notices or citations."""
    out: list[str] = []
    for run in runs:
        if isinstance(run, Words):
            out.append(run.text)
        elif isinstance(run, Says):
            out.append(md.plain(run.text.words))
        elif isinstance(run, Ref | PageRef | Url | File):
            out.append(inline_text(run.label))
        elif isinstance(run, Strong | Emph | Small | Lang_ | Anchor):
            out.append(inline_text(run.body))
        elif isinstance(run, Code):
            out.append(run.text)
        elif isinstance(run, Badge | Mark):
            out.append(run.label)
        elif isinstance(run, Cite):
            continue
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _flat(blocks: tuple[Block, ...]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Group):
            out += _flat(block.blocks)
        elif isinstance(block, Pair):
            out += _flat(block.left) + _flat(block.right)
        else:
            out.append(block)
    return out


def first_paragraph(doc: Document) -> str:
    """The page's own first paragraph in its language: its first content text before the
    first section (later ones describe a record, not the page), unless it stands in for a
    missing translation (that would be Vietnamese on an English page)."""
    for block in _flat(doc.blocks):
        if isinstance(block, Heading) and block.level > 1:
            break
        if isinstance(block, Body) and block.text.state != "missing":
            text = md.first_paragraph(block.text.words)
            if text:
                return text
    return ""


def sections(doc: Document) -> list[str]:
    """The titles of the page's record sections (second-level headings naming a record in the
    page's language: not system headings, not a source's title in its own language)."""
    return [
        inline_text(b.title)
        for b in _flat(doc.blocks)
        if isinstance(b, Heading)
        and b.level == 2
        and any(isinstance(run, Says) and run.text.lang == doc.lang for run in b.title)
    ]


def shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters (an ellipsis ends a cut)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if text[limit - 1] != " " and space > limit // 2:  # the last word was cut: drop it
        cut = cut[:space]
    return cut.rstrip(" ,;:—–-") + "…"


def description(doc: Document, site: Site) -> str:
    """The page's description: its first paragraph; else, for a page of records, the page's
    title and its first sections (what a reader finds there); else a sentence naming the page.

    The last answer is kept by the document's identity: a page's head asks for it several times.
    """
    if _DESCRIBED and _DESCRIBED[0][0] is doc and _DESCRIBED[0][1] == site:
        return _DESCRIBED[0][2]
    text = first_paragraph(doc)
    if not text:
        titles = sections(doc)
        if titles:
            text = f"{doc.title}: {'; '.join(titles)}"
    found = shorten(text or t("meta_description", doc.lang, page=doc.title, site=site.name))
    _DESCRIBED[:] = [(doc, site, found)]
    return found


_DESCRIBED: list[tuple[Document, Site, str]] = []


# -- hand-written pages ----------------------------------------------------------------------

_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$")
_HEADING = re.compile(r"^(#{1,6}\s|!!!|\?\?\?|<|\||```|~~~|---|\s{4})")
_LIST = re.compile(r"^\s*([-*+]|\d+\.)\s+")


def markdown_document(lang: Lang, path: str, markdown: str) -> Document:
    """A hand-written page as a document: its first-level heading and its first paragraph
    (what its head and its card say), its text taken as written in ``lang``."""
    lines = markdown.splitlines()
    if lines and lines[0].strip() == "---":  # front matter
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1 :]
    title = ""
    para: list[str] = []
    for line in lines:
        match = _H1.match(line)
        if match and not title:
            title = match.group(1)
            continue
        if not line.strip():
            if para:
                break
            continue
        if _HEADING.match(line) or _LIST.match(line):
            if para:
                break
            continue
        para.append(line.strip())
    title = md.plain(title) or posixpath.basename(path)
    blocks: tuple[Block, ...] = (Heading(1, words(title)),)
    if para:
        blocks += (Body(Text(" ".join(para), lang, "source" if lang == "vi" else "current")),)
    return Document(lang, title, blocks, path)


# -- tags ------------------------------------------------------------------------------------


def breadcrumbs(doc: Document) -> list[tuple[str, str]]:
    """(title, path) from the home page down to this page."""
    crumbs = [(t("home", doc.lang), "index.md")]
    if doc.path.startswith("guideline/") and doc.path != "guideline/index.md":
        crumbs.append((t("guideline", doc.lang), "guideline/index.md"))
    if doc.path != "index.md":
        crumbs.append((doc.title, doc.path))
    return crumbs


def page_title(doc: Document, site: Site) -> str:
    """The title a preview shows: the publication's own on the home page (not "Home")."""
    return site.name if doc.path == "index.md" else doc.title


def head_html(doc: Document, site: Site, data: Mapping[str, Any]) -> str:
    """The tags of the page's ``<head>``: Open Graph, Twitter card and the JSON-LD block.

    Every value is escaped here (the theme prints the string as it is).
    """
    url = url_of(site, doc.lang, doc.path)
    image = f"{site.root_url}{PREFIXES[doc.lang]}{card_path(doc.path)}"
    text = description(doc, site)
    title = page_title(doc, site)
    alt = title if title == site.name else f"{title} — {site.name}"
    props: list[tuple[str, str]] = [
        ("og:type", "website" if doc.path == "index.md" else "article"),
        ("og:site_name", site.name),
        ("og:title", title),
        ("og:description", text),
        ("og:url", url),
        ("og:locale", OG_LOCALE[doc.lang]),
        *(("og:locale:alternate", OG_LOCALE[other]) for other in LANGS if other != doc.lang),
        ("og:image", image),
        ("og:image:type", "image/png"),
        ("og:image:width", str(CARD_WIDTH)),
        ("og:image:height", str(CARD_HEIGHT)),
        ("og:image:alt", alt),
    ]
    names = [
        ("twitter:card", "summary_large_image"),
        ("twitter:title", title),
        ("twitter:description", text),
        ("twitter:image", image),
        ("twitter:image:alt", alt),
    ]
    tags = [f'<meta property="{key}" content="{html.escape(value)}">' for key, value in props]
    tags += [f'<meta name="{key}" content="{html.escape(value)}">' for key, value in names]
    tags.append(f'<script type="application/ld+json">{script_json(data)}</script>')
    return "\n".join(tags)


def script_json(data: Mapping[str, Any]) -> str:
    """JSON for a ``<script>`` data block: ``<``, ``>`` and ``&`` as escapes, so no text can
    close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# -- structured data -------------------------------------------------------------------------


def _ltext(value: m.LocalizedText | None, lang: Lang) -> str:
    if value is None:
        return ""
    return md.plain(value.text(lang) or value.vi)


def _shown(value: m.LocalizedText | None, lang: Lang) -> str:
    """A content text's first paragraph in ``lang`` only (no Vietnamese stand-in)."""
    if value is None:
        return ""
    own = value.text(lang) if lang != "vi" else value.vi
    return md.first_paragraph(own) if own else ""


@dataclass(frozen=True)
class _Records:
    content: Content
    lang: Lang
    site: Site
    pages: Mapping[str, str]
    """The page of every record id."""

    def id_of(self, record_id: str) -> str:
        return f"{url_of(self.site, self.lang, self.pages[record_id])}#{record_id}"

    def org_type(self, org: m.Organization) -> str:
        # Vietnamese and Korean bodies in the records are state bodies or state-owned
        # agencies; international ones (ISO) are not governmental.
        return "Organization" if org.country == "intl" else "GovernmentOrganization"

    def org_ref(self, org_id: str) -> dict[str, Any]:
        org = self.content.get(org_id, m.Organization)
        return {"@type": self.org_type(org), "@id": self.id_of(org_id), "name": _ltext(org.name, self.lang)}

    def node(self, record: m.Record) -> dict[str, Any] | None:
        if isinstance(record, m.LegalDocument):
            return self.legislation(record)
        if isinstance(record, m.Organization):
            return self.organization(record)
        if isinstance(record, m.Event):
            return self.event(record)
        return None

    def legislation(self, doc: m.LegalDocument) -> dict[str, Any]:
        out: dict[str, Any] = {
            "@type": "Legislation",
            "@id": self.id_of(doc.id),
            "url": self.id_of(doc.id),
            "name": _ltext(doc.title, self.lang),
            "legislationIdentifier": doc.number,
            "legislationType": t("type_" + doc.type, self.lang),
            "legislationPassedBy": self.org_ref(doc.issuer),
        }
        if doc.signed:
            out["legislationDate"] = str(doc.signed)
        if doc.status in _LEGAL_FORCE:
            out["legislationLegalForce"] = {"@id": SCHEMA + _LEGAL_FORCE[doc.status]}
        changes = [
            {"@id": self.id_of(other.id)}
            for other in self.content.collection("legal_documents", m.LegalDocument)
            if other.superseded_by == doc.id
        ]
        if changes:
            out["legislationChanges"] = changes
        if doc.superseded_by:  # schema.org has no "superseded by": the successor's change, reversed
            out["@reverse"] = {"legislationChanges": {"@id": self.id_of(doc.superseded_by)}}
        summary = _shown(doc.summary, self.lang)
        if summary:
            out["description"] = shorten(summary, 300)
        return out

    def organization(self, org: m.Organization) -> dict[str, Any]:
        out: dict[str, Any] = {
            "@type": self.org_type(org),
            "@id": self.id_of(org.id),
            "url": self.id_of(org.id),
            "name": _ltext(org.name, self.lang),
        }
        if self.lang != "vi":
            out["alternateName"] = [md.plain(org.name.vi)]
        if org.abbreviation:
            out.setdefault("alternateName", []).append(org.abbreviation)
        if org.valid_from:
            out["foundingDate"] = str(org.valid_from)
        if org.valid_until:
            out["dissolutionDate"] = str(org.valid_until)
        if org.parent:
            out["parentOrganization"] = self.org_ref(org.parent)
        # The successor (succeeded_by) stays in the page's text: schema.org has no property for it.
        return out

    def event(self, event: m.Event) -> dict[str, Any]:
        out: dict[str, Any] = {
            "@type": "Event",
            "@id": self.id_of(event.id),
            "url": self.id_of(event.id),
            "name": _ltext(event.title, self.lang),
            "startDate": str(event.date),
        }
        if event.end:
            out["endDate"] = str(event.end)
        if event.place:
            out["location"] = {"@type": "Place", "name": _ltext(event.place, self.lang)}
        if event.organisers:
            out["organizer"] = [self.org_ref(o) for o in event.organisers]
        if event.participants:
            out["attendee"] = [self.org_ref(o) for o in event.participants]
        summary = _shown(event.description, self.lang)
        if summary:
            out["description"] = shorten(summary, 300)
        return out


def structured_data(
    doc: Document,
    site: Site,
    *,
    content: Content | None = None,
    pages: Mapping[str, str] | None = None,
    changed: str = "",
) -> dict[str, Any]:
    """The page's JSON-LD: the WebPage with its breadcrumb trail and date, the records it
    shows (legal documents, organizations, events) and its open-data files as a Dataset.

    ``content`` and ``pages`` (record id -> page) give the records' facts; without them (a
    hand-written page) only the page itself is described. ``changed``: ISO date of the last
    change of what the page shows.
    """
    lang = doc.lang
    url = url_of(site, lang, doc.path)
    text = description(doc, site)
    page: dict[str, Any] = {
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": page_title(doc, site),
        "description": text,
        "inLanguage": lang,
        "isPartOf": {
            "@type": "WebSite",
            "@id": f"{site.root_url}{PREFIXES[lang]}",
            "url": f"{site.root_url}{PREFIXES[lang]}",
            "name": site.name,
            "inLanguage": lang,
        },
        "primaryImageOfPage": {
            "@type": "ImageObject",
            "contentUrl": f"{site.root_url}{PREFIXES[lang]}{card_path(doc.path)}",
            "width": CARD_WIDTH,
            "height": CARD_HEIGHT,
        },
        "breadcrumb": {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": n, "name": name, "item": url_of(site, lang, path)}
                for n, (name, path) in enumerate(breadcrumbs(doc), start=1)
            ],
        },
    }
    if changed:
        page["dateModified"] = changed
    graph: list[dict[str, Any]] = [page]
    if content is not None and pages is not None:
        records = _Records(content, lang, site, pages)
        seen: set[str] = set()
        for block in _flat(doc.blocks):
            if isinstance(block, Heading) and block.anchor in content.by_id and block.anchor not in seen:
                seen.add(block.anchor)
                node = records.node(content.by_id[block.anchor])
                if node is not None:
                    graph.append(node)
        if len(graph) > 1:
            page["about"] = [{"@id": node["@id"]} for node in graph[1:]]
    for block in _flat(doc.blocks):
        if isinstance(block, Files) and block.role == "open-data":
            graph.append(_dataset(doc, site, block, url, text, changed))
    return {"@context": SCHEMA, "@graph": graph}


_FORMATS = {".json": "application/json", ".csv": "text/csv"}


def _dataset(doc: Document, site: Site, files: Files, url: str, text: str, changed: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "@type": "Dataset",
        "@id": f"{url}#open-data",
        "name": f"{files.label}: {doc.title}",
        "description": text,
        "url": url,
        # The records carry all three languages.
        "inLanguage": list(LANGS),
        "distribution": [
            {
                "@type": "DataDownload",
                "name": posixpath.basename(name),
                "contentUrl": f"{site.root_url}downloads/{quote(name)}",
                "encodingFormat": _FORMATS.get(posixpath.splitext(name)[1], "application/octet-stream"),
            }
            for name in files.names
        ],
    }
    if changed:
        out["dateModified"] = changed
    return out


def page_head(
    doc: Document,
    site: Site,
    *,
    content: Content | None = None,
    pages: Mapping[str, str] | None = None,
    changed: str = "",
) -> tuple[str, str]:
    """(meta description, the ``<head>`` tags) of a page, both ready to print."""
    data = structured_data(doc, site, content=content, pages=pages, changed=changed)
    return html.escape(description(doc, site)), head_html(doc, site, data)
