"""Offline reading: a service worker per language tree and one archive per language.

- ``<lang root>/sw.js`` precaches that language's pages, assets, glossary and search index
  on the first visit. Its cache is named after a hash of the tree's content, so publishing
  a new edition changes sw.js byte for byte, the browser installs it and the old cache goes.
  One worker per language (scope = the language root) keeps a Korean reader from
  downloading the Vietnamese site.
- ``downloads/site-<lang>.zip`` holds one language of the current version (no earlier version's
  pages or files) for reading from the file system:
  directory links get ``index.html`` (file:// shows no directory index) and links to pages
  not in the archive point to the web edition. Search keeps working there because the
  client loads its index with a script element. The archive asks no host for anything: the
  pages lose their hreflang ``<link rel="alternate">`` (the theme fetches each one's
  sitemap.xml, which the CSP blocks and which sent the language switch to the web home
  page), and the language switch opens the same page in the sibling folder of the other
  language's archive, or says that it is not there (``vkc-archive.js``).
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import re
import zipfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path, PurePosixPath
from typing import cast
from urllib.parse import urlsplit

from .. import i18n
from ..model import Lang
from ..site.urls import normalise_path, tree_listing
from .index import ASSETS

SW = "sw.js"
_NOT_CACHED = (".zip", ".pdf", ".docx", ".gz", ".map")
_UNUSED = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
"""Material's own search files (its plugin is off): neither cached nor archived (~1.2 MB a language)."""
_PREVIEWS = ("assets/cards/",)
"""Link-preview images (vkc.reports.cards): for the apps that show a shared link, never shown
by a page, so neither cached nor archived."""
_LINK = re.compile(r"""(\s(?:href|src)=)(["'])([^"']*)\2""")
_ALTERNATE = re.compile(r"""[ \t]*<link rel="alternate" hreflang="[^"]*" href="[^"]*">\n?""")
_SWITCH = re.compile(r'<a href="([^"]*)" hreflang="(vi|en|ko)" lang="\2" class="md-select__link vkc-switch"')
ARCHIVE_SCRIPT = "assets/javascripts/vkc-archive.js"
PAGE_LIST = "vkc-pages.js"
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
"""Fixed member time: the same tree gives the same archive bytes."""


def tree_files(root: Path, prefix: str, prefixes: Mapping[str, str], listing: Sequence[str] | None = None) -> list[str]:
    """Files of one language tree, relative to its root (``downloads/``, earlier versions and other
    trees left out: a reader offline has the current version). ``listing``: the sorted files of
    the tree at ``root``, when the caller has listed it."""
    base = root / prefix if prefix else root
    others = tuple(p for p in prefixes.values() if p and p != prefix)
    files = tree_listing(base) if listing is None else [rel[len(prefix) :] for rel in listing if rel.startswith(prefix)]
    return [
        rel
        for rel in files
        if not rel.startswith(("downloads/", "versions/", *_UNUSED, *_PREVIEWS, *others)) and rel != SW
    ]


def write_service_workers(
    root: Path,
    prefixes: Mapping[str, str],
    known: Mapping[str, str] | None = None,
    listing: Sequence[str] | None = None,
) -> dict[str, str]:
    """Write ``sw.js`` into every language root; returns the cache version per language.

    ``known``: a digest of a file's bytes by its path in the tree, for files whose bytes the
    caller already knows by a key (an incremental build's reused pages): not read again.
    ``listing``: see :func:`tree_files`.
    """
    known = known or {}
    template = (ASSETS / "sw.js").read_text(encoding="utf-8")
    versions: dict[str, str] = {}
    for lang, prefix in prefixes.items():
        base = root / prefix if prefix else root
        files = tree_files(root, prefix, prefixes, listing)
        digest = hashlib.sha256()
        for rel in files:
            stored = known.get(prefix + rel)
            digest.update(rel.encode() + b"\0" + (stored.encode() if stored else (base / rel).read_bytes()) + b"\0")
        version = f"vkc-{lang}-{digest.hexdigest()[:16]}"
        cached = ["./"] + [_as_url(rel) for rel in files if not rel.endswith(_NOT_CACHED) and rel != "index.html"]
        others = sorted(p for p in prefixes.values() if p and p != prefix)
        text = (
            template.replace("__VERSION__", version)
            .replace("__PREFIX__", f"vkc-{lang}-")
            .replace("__FILES__", json.dumps(cached, ensure_ascii=False))
            .replace("__OTHERS__", json.dumps(others))
        )
        (base / SW).write_text(text, encoding="utf-8")
        versions[lang] = version
    return versions


def _as_url(rel: str) -> str:
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def _member_of(lang: str, name: str) -> bool:
    """Whether a file under downloads/ belongs in the archive of ``lang``."""
    stem = PurePosixPath(name).name.split(".")[0]
    parts = set(stem.split("-"))
    langs = {"vi", "en", "ko"} & parts
    return not langs or lang in langs


def _rewrite(page: str, page_html: str, members: set[str], web_root: str) -> str:
    """Make the links of one page (path ``page`` in the site) work from the file system."""

    def fix(match: re.Match[str]) -> str:
        link = match.group(3)
        parts = urlsplit(link)
        if parts.scheme or link.startswith(("//", "#")) or not link:
            return match.group(0)
        target = _resolve(str(PurePosixPath(page).parent), parts.path)
        if target is None:
            return match.group(0)
        file = target if target in members else (target.rstrip("/") + "/index.html").lstrip("/")
        frag = f"#{parts.fragment}" if parts.fragment else ""
        if file in members:
            rel = _relative(str(PurePosixPath(page).parent), file)
            return f"{match.group(1)}{match.group(2)}{rel}{frag}{match.group(2)}"
        return f"{match.group(1)}{match.group(2)}{web_root}{target}{frag}{match.group(2)}"

    return _LINK.sub(fix, page_html)


def _resolve(base: str, path: str) -> str | None:
    joined = normalise_path(f"{base}/{path}")
    if joined is None:
        return None
    return joined + "/" if path.endswith("/") and joined else joined


def _relative(base: str, target: str) -> str:
    up = [p for p in base.split("/") if p not in ("", ".")]
    return "../" * len(up) + target


def _archive_page(name: str, page_html: str, lang: str, prefix: str, web_root: str) -> str:
    """An archive page that reaches for no host: see the module's docstring."""
    depth = len(PurePosixPath(name).parent.parts)
    up = "../" * (depth + 1)  # from the page to the folder holding the vkc-<lang>/ folders

    def switch(match: re.Match[str]) -> str:
        web, alt = match.group(1), match.group(2)
        if alt == lang or not web.startswith(web_root):
            return match.group(0)
        path = web[len(web_root) :].split("#")[0]
        page = path + "index.html" if not path or path.endswith("/") else path
        name_of = i18n.LANG_NAMES[cast(Lang, alt)]
        missing = i18n.t("archive_missing", cast(Lang, lang), name=name_of, zip=f"site-{alt}.zip")
        return (
            f'<a href="{up}vkc-{alt}/{page}" data-vkc-archive="{alt}" data-vkc-page="{page}" '
            f'data-vkc-web="{web}" data-vkc-missing="{html.escape(missing)}" hreflang="{alt}" lang="{alt}" '
            'class="md-select__link vkc-switch"'
        )

    page_html = _SWITCH.sub(switch, _ALTERNATE.sub("", page_html))
    script = _relative(str(PurePosixPath(name).parent), prefix + ARCHIVE_SCRIPT)
    return page_html.replace("</body>", f'<script src="{script}"></script></body>', 1)


def write_archives(
    root: Path, prefixes: Mapping[str, str], web_root: str, listing: Sequence[str] | None = None
) -> dict[str, Path]:
    """Write ``downloads/site-<lang>.zip`` for every language; returns their paths.

    Members keep their place in the site under one folder ``vkc-<lang>/`` (so the pages'
    links to ``downloads/`` still resolve); the English and Korean archives get an
    ``index.html`` there that links to their language folder. ``listing``: see
    :func:`tree_files` (each archive listed the whole tree again, earlier versions included).
    """
    web_root = web_root.rstrip("/") + "/"
    (root / "downloads").mkdir(exist_ok=True)
    files = None if listing is None else list(listing)
    work = functools.partial(_write_archive, root, prefixes=dict(prefixes), web_root=web_root, listing=files)
    langs = list(prefixes)
    if (os.cpu_count() or 1) > 1 and len(langs) > 1:  # deflating a language's pages is work for a core
        with ProcessPoolExecutor(max_workers=min(len(langs), os.cpu_count() or 1)) as pool:
            return dict(zip(langs, pool.map(work, langs), strict=True))
    return {lang: work(lang) for lang in langs}


def _write_archive(
    root: Path, lang: str, *, prefixes: dict[str, str], web_root: str, listing: list[str] | None = None
) -> Path:
    """Write ``downloads/site-<lang>.zip`` (see :func:`write_archives`)."""
    prefix = prefixes[lang]
    downloads = root / "downloads"
    # No 404 page: the file system never serves one (its root-relative links would
    # point to the web).
    members = {
        prefix + rel for rel in tree_files(root, prefix, prefixes, listing) if not rel.endswith((".map", "404.html"))
    }
    offered = (
        tree_listing(downloads)
        if listing is None
        else [rel[len("downloads/") :] for rel in listing if rel.startswith("downloads/")]
    )
    # Earlier versions' files stay out with their pages: no page of the archive links to them,
    # and each version added its files to every archive (and its deflating to every build).
    members |= {
        f"downloads/{rel}"
        for rel in offered
        if not rel.startswith("versions/") and not rel.rpartition("/")[2].startswith("site-") and _member_of(lang, rel)
    }
    folder = f"vkc-{lang}/"
    target = downloads / f"site-{lang}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            data = (root / name).read_bytes()
            if name.endswith(".html"):
                page_html = _rewrite(name, data.decode("utf-8"), members, web_root)
                data = _archive_page(name, page_html, lang, prefix, web_root).encode("utf-8")
            info = zipfile.ZipInfo(folder + name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
        extras = {
            prefix + ARCHIVE_SCRIPT: (ASSETS / "vkc-archive.js").read_bytes(),
            PAGE_LIST: _page_list(lang, sorted(n for n in members if n.endswith(".html"))),
        }
        for name, data in extras.items():
            info = zipfile.ZipInfo(folder + name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
        if prefix:
            start = f"{prefix}index.html"
            page = (
                f'<!doctype html><html lang="{lang}"><meta charset="utf-8">'
                f'<meta http-equiv="refresh" content="0; url={start}"><title>VKC</title>'
                f'<a href="{start}">{start}</a></html>\n'
            )
            info = zipfile.ZipInfo(folder + "index.html", _ZIP_TIME)
            archive.writestr(info, page.encode("utf-8"))
    return target


def _page_list(lang: str, pages: list[str]) -> bytes:
    """``vkc-pages.js``: the archive's pages, for the other archives' language switch."""
    listed = json.dumps(pages, ensure_ascii=False)
    script = f"(window.vkcArchivePages = window.vkcArchivePages || {{}})[{json.dumps(lang)}] = {listed};\n"
    return script.encode("utf-8")


def write_offline(
    root: Path,
    prefixes: Mapping[str, str],
    web_root: str,
    *,
    archives: bool = True,
    known: Mapping[str, str] | None = None,
    listing: Sequence[str] | None = None,
) -> dict[str, str]:
    """Service workers, then archives (without the workers: they cannot run from file://).

    ``archives=False`` leaves the archives out (the live preview, like its editions);
    ``known``, ``listing``: see :func:`write_service_workers`.
    """
    versions = write_service_workers(root, prefixes, known, listing)
    if archives:
        write_archives(root, prefixes, web_root, listing)
    return versions
