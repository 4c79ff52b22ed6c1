"""An Atom feed per language: the publication's versions, newest first, each with its summary
and a link to its What-changed page.

Why Atom written here and not a library: the feed is a dozen elements whose every value we
control; ``xml.etree`` escapes them, and the bytes depend only on the content (entry ids are
the permanent addresses of the versions' What-changed pages, ``updated`` their dates), so two
builds of one commit give the same file. Tests read the feeds with ``feedparser``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.etree import ElementTree as ET

from ..content import Content
from ..document.versions import changes_path
from ..i18n import t
from ..model import LANGS, Lang, PartialDate, Version

ATOM = "http://www.w3.org/2005/Atom"
FEED = "feed.xml"
"""The feed of each language, at its root."""


def _time(date: PartialDate) -> str:
    year, month, day = date.sort_key()
    return f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z"


def feed_xml(content: Content, versions: Sequence[Version], lang: Lang, lang_root: str) -> bytes:
    """The Atom feed of one language (``lang_root``: the language's public address, ending in /)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    pub = content.publication
    title = pub.title.text(lang) or pub.title.vi
    ET.SubElement(feed, f"{{{ATOM}}}title").text = t("feed_title", lang, title=" ".join(title.split()))
    ET.SubElement(feed, f"{{{ATOM}}}id").text = lang_root + FEED
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": lang_root + FEED})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": lang_root})
    newest = max((v.date for v in versions), key=PartialDate.sort_key, default=pub.date)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _time(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = " ".join((pub.publisher.text(lang) or pub.publisher.vi).split())
    for version in reversed(versions):
        url = lang_root + changes_path(version.id).removesuffix(".md") + "/"
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = t("changes_in", lang, id=version.id)
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": url})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _time(version.date)
        summary = version.summary.text(lang) or version.summary.vi
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = " ".join(summary.split())
    ET.indent(feed)
    text = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
    return text.encode("utf-8")


def write_feeds(
    root: Path, content: Content, versions: Sequence[Version], prefixes: Mapping[str, str], web_root: str
) -> None:
    """Write each language's feed at the root of its tree."""
    base = web_root.rstrip("/") + "/"
    for lang in LANGS:
        prefix = prefixes[lang]
        tree = root / prefix if prefix else root
        tree.mkdir(parents=True, exist_ok=True)
        (tree / FEED).write_bytes(feed_xml(content, versions, lang, base + prefix))
