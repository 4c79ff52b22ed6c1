"""`vkc build`: content -> documents -> pages and editions -> one mkdocs build per language ->
checked staging tree -> atomic swap, as named steps over one build context.

Why one build per language (not mkdocs-static-i18n): each language gets Material's
interface strings, its own search index and a lean navigation; the three builds run in
parallel processes, and each tree is plain mkdocs output that Material's successor can
build too. The top-level mkdocs.yml stays the one place for theme settings; only what
differs per language is overridden here. Each step is a function of :class:`Build`, timed
and open to fault injection (``VKC_FAULT=<step>``) under its name.
"""

from __future__ import annotations

import html
import importlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..content import Content, load_content
from ..diagnostics import ContentError, display_path, has_errors
from ..document.cite import cite_path
from ..document.context import stale_fallback_dates
from ..document.editions import edition_files
from ..document.nodes import Document, FileFacts
from ..document.pages import page_documents, record_pages
from ..document.training import handout_files
from ..document.versions import (
    Release,
    changes_documents,
    check_ids_across_versions,
    current_version,
    with_change_notes,
)
from ..faults import fault_point
from ..glossary_export import GLOSSARY_FILES, write_glossary_exports
from ..i18n import LANG_NAMES, format_partial
from ..model import LANGS, Lang, PartialDate
from ..reports import write_editions
from ..reports.cards import Card, card_digest, render_card
from ..reports.render import ReportError
from ..search import write_offline, write_search
from ..site.data import write_open_data
from ..site.feeds import write_feeds
from ..site.langconfig import (
    PREFIXES,
    check_handwritten,
    error,
    find_config,
    git_dates,
    handwritten,
    language_config,
    nav,
)
from ..site.langmark import write_headers
from ..site.meta import card_path, description, markdown_document, page_title, shorten
from ..site.page_markdown import Page
from ..site.pages import DEFAULT_SITE_URL, site_of, write_pages, write_version_pages
from ..site.sitemap import write_sitemap
from ..snapshots import read_snapshot, snapshot_path
from .check import PageScan, check_site, scan_tree
from .reuse import input_digest, output_files, read_manifest, reuse, write_manifest
from .staging import staging_dir, swap_in


@dataclass
class BuildResult:
    """What a build published, with timings."""

    out: Path
    pages: int
    """HTML pages per language."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall time of each step."""
    rebuilt: list[str] = field(default_factory=list)
    """Languages mkdocs built (the others were unchanged and reused)."""


@dataclass
class Build:
    """Everything one build reads and makes, filled in step by step."""

    content_dir: Path
    out: Path
    config_path: Path
    base: dict[str, Any]
    """The top-level mkdocs.yml."""
    docs: Path
    """Hand-written pages, one folder per language."""
    editions: bool
    workers: int | None
    result: BuildResult
    content: Content | None = None
    changed: dict[str, PartialDate] = field(default_factory=dict)
    """Day each content file last changed (git)."""
    documents: dict[str, dict[Lang, Document]] = field(default_factory=dict)
    """The page documents: built once, read by every output."""
    pages: dict[str, dict[Lang, Page]] = field(default_factory=dict)
    hand: dict[str, set[str]] = field(default_factory=dict)
    staging: Path = Path()
    scans: dict[str, PageScan] = field(default_factory=dict)
    built: dict[str, dict[str, PageScan]] = field(default_factory=dict)
    """Per language: the scans of its mkdocs output (built now or reused)."""
    manifest: dict[str, dict[str, Any]] = field(default_factory=dict)
    releases: list[Release] = field(default_factory=list)
    """Every published version with the content its snapshot froze, oldest first."""
    published: dict[str, FileFacts] = field(default_factory=dict)
    """The files under ``downloads/`` as measured after writing them (size, PDF pages)."""
    version_documents: dict[str, dict[Lang, Document]] = field(default_factory=dict)
    """The pages of earlier versions, by their path in the tree (``versions/v1/glossary.md``)."""

    @property
    def loaded(self) -> Content:
        """The validated content (after the ``load`` step)."""
        assert self.content is not None
        return self.content


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _build_one(config_path: str) -> tuple[list[str], dict[str, PageScan], float]:
    """Run mkdocs on one language (in a worker process); return warnings, scans, seconds."""
    from mkdocs.commands.build import build  # imported in the worker, after the fork
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    start = time.perf_counter()
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        config = load_config(config_file=config_path)
        build(config)
    except MkDocsException as exc:
        return [*handler.messages, str(exc)], {}, time.perf_counter() - start
    finally:
        logger.removeHandler(handler)
    return handler.messages, scan_tree(Path(config["site_dir"])), time.perf_counter() - start


def _preload() -> None:
    """Import mkdocs and the theme before forking, so each worker inherits them."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    for name in ("material", "mkdocs.commands.build", "mkdocs.config", "mkdocs.structure.pages"):
        importlib.import_module(name)


# -- the steps -------------------------------------------------------------------------------


def load(b: Build) -> None:
    """Validate the content; nothing is published when it has an error."""
    content, diags = load_content(b.content_dir)
    if content is None or has_errors(diags):
        raise ContentError(diags)
    b.content = content
    b.changed = git_dates(b.content_dir)
    # Every published version from its snapshot: a snapshot that does not load fails the build.
    b.releases = [Release(v, read_snapshot(snapshot_path(b.content_dir, v.id))) for v in content.publication.versions]
    check_ids_across_versions(content, b.releases)


def generate(b: Build) -> None:
    """Build the page documents once, and write them as Markdown for mkdocs; then the pages of
    every earlier version from its snapshot, and each version's What-changed page."""
    content = b.loaded
    downloads = _download_names(b, content)
    site_url = _site_url(b)
    b.documents = page_documents(
        content, changed=b.changed, downloads=downloads, site_url=site_url, published=b.published
    )
    b.documents = with_change_notes(b.documents, content, b.releases)
    b.documents |= changes_documents(content, b.releases, record_pages(content))
    b.pages = write_pages(content, b.documents, str(b.base.get("repo_url") or ""), site_url)
    current = current_version(content.publication)
    for release in b.releases:
        if current is None or release.version.status != "superseded":
            continue
        tree = f"versions/{release.version.id}/"
        own = {name.removeprefix(tree): facts for name, facts in b.published.items() if name.startswith(tree)}
        documents = page_documents(
            release.content,
            downloads=_download_names(b, release.content),
            site_url=site_url,
            published=own,
            tree=tree,
        )
        b.version_documents |= {tree + path: per_lang for path, per_lang in documents.items()}
        b.pages |= write_version_pages(release, documents, b.documents, current, site_url.rstrip("/") + "/")
    b.hand = handwritten(b.docs)
    check_handwritten(b.docs, b.hand, b.pages)


def _download_names(b: Build, content: Content) -> list[str]:
    """The files the build writes under a tree's ``downloads/`` that pages list (a version's
    own courses give its handouts)."""
    return [*edition_files(), *handout_files(content), *GLOSSARY_FILES] if b.editions else []


def downloads(b: Build) -> None:
    """Editions, glossary exports, open data and the security headers."""
    content = b.loaded
    folder = b.staging / "downloads"
    folder.mkdir(exist_ok=True)
    if b.editions:
        try:
            write_editions(content, folder, stale_fallback_dates(content, b.changed))
            write_glossary_exports(content, folder)
        except ContentError:
            raise
        except Exception as exc:  # another renderer's failure: report it, publish nothing
            raise error("downloads", "site.editions", f"writing the editions failed: {exc}") from exc
    write_open_data(content, folder)
    for release in b.releases:  # each earlier version keeps its own files
        if release.version.status != "superseded":
            continue
        own = folder / "versions" / release.version.id
        own.mkdir(parents=True)
        if b.editions:
            write_editions(release.content, own)
            write_glossary_exports(release.content, own)
        write_open_data(release.content, own)
    write_headers(b.staging, str((b.base.get("extra") or {}).get("vkc_csp") or ""))
    b.published = measure_files(folder)


def measure_files(folder: Path) -> dict[str, FileFacts]:
    """Size of every file under ``folder`` (names relative to it) and the page count of each PDF.

    Why pdfinfo (poppler-utils, which the Makefile installs for the edition tests): Typst
    writes the page tree inside compressed object streams, so the ``/Count`` of a PDF's page
    tree is not readable with a pattern over its bytes, and no PDF library is a dependency.
    """
    out: dict[str, FileFacts] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        pages = None
        if path.suffix == ".pdf":
            try:
                info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
            except (OSError, subprocess.CalledProcessError) as exc:
                raise error(
                    "downloads", "site.editions", f"pdfinfo cannot read {path.name}: {exc}", "install poppler-utils"
                ) from exc
            found = re.search(r"^Pages:\s+(\d+)$", info, re.M)
            if found is None:
                raise error("downloads", "site.editions", f"pdfinfo gives no page count for {path.name}")
            pages = int(found.group(1))
        out[path.relative_to(folder).as_posix()] = FileFacts(path.stat().st_size, pages)
    return out


def mkdocs(b: Build) -> None:
    """One mkdocs build per language whose inputs changed; the others are reused."""
    content = b.loaded
    hand_dates = git_dates(b.docs)
    previous = read_manifest(b.out.resolve())
    configs: list[str] = []
    to_build: list[Lang] = []
    digests: dict[str, str] = {}
    reused: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="vkc-docs-") as tmp:
        for lang in LANGS:
            lang_docs = Path(tmp) / lang
            if (b.docs / lang).is_dir():
                shutil.copytree(b.docs / lang, lang_docs)
            for path, per_lang in b.pages.items():
                target = lang_docs / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(per_lang[lang].markdown, encoding="utf-8")
                # The page's CSL-JSON beside it: mkdocs copies it next to the page's HTML.
                document = (b.documents.get(path) or b.version_documents.get(path) or {}).get(lang)
                if document is not None and document.citation:
                    cite = lang_docs / cite_path(path)
                    cite.parent.mkdir(parents=True, exist_ok=True)
                    cite.write_text(document.citation, encoding="utf-8")
            extra_pages = sorted(p for p in b.hand[lang] if p.endswith(".md"))
            dates = {
                rel[len(lang) + 1 :]: format_partial(day, lang)
                for rel, day in hand_dates.items()
                if rel.startswith(f"{lang}/")
            }
            iso = {rel[len(lang) + 1 :]: str(day) for rel, day in hand_dates.items() if rel.startswith(f"{lang}/")}
            title = content.publication.title.text(lang) or content.publication.title.vi
            cfg = language_config(
                b.base,
                b.config_path.parent,
                lang,
                lang_docs,
                b.staging / f".build-{lang}",
                nav(lang, b.pages, content, extra_pages),
                # The theme inserts site_name as markup (no autoescape): plain text only.
                html.escape(" ".join(title.split())),
                dates,
            )
            cfg["extra"]["vkc_changed_iso"] = iso  # dateModified of the hand-written pages (headhook)
            cfg_path = Path(tmp) / f"mkdocs-{lang}.yml"
            cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
            theme_dir = cfg["theme"].get("custom_dir")
            digests[lang] = input_digest(cfg, lang_docs, Path(theme_dir) if theme_dir else None)
            linked = reuse(b.out, PREFIXES[lang], previous.get(lang), digests[lang], b.staging / f".build-{lang}")
            if linked is None:
                configs.append(str(cfg_path))
                to_build.append(lang)
            else:
                reused[lang] = linked
                b.built[lang] = scan_tree(b.staging / f".build-{lang}")
        # One process per language as soon as there are two cores: three builds sharing two
        # cores finish sooner than two rounds of two.
        count = min(b.workers or (len(LANGS) if (os.cpu_count() or 1) > 1 else 1), len(configs))
        if count > 1:
            _preload()
            with ProcessPoolExecutor(max_workers=count) as pool:
                outcomes = list(pool.map(_build_one, configs))
        else:
            outcomes = [_build_one(c) for c in configs]
    problems = [f"[{lang}] {msg}" for lang, (msgs, _, _) in zip(to_build, outcomes, strict=True) for msg in msgs]
    if problems:
        raise error("mkdocs.yml", "site.mkdocs", "mkdocs build failed:\n  " + "\n  ".join(problems))
    b.built.update({lang: scans for lang, (_, scans, _) in zip(to_build, outcomes, strict=True)})
    b.result.rebuilt = list(to_build)
    b.manifest = {
        lang: {
            "digest": digests[lang],
            "files": reused[lang] if lang in reused else output_files(b.staging / f".build-{lang}"),
        }
        for lang in LANGS
    }


def assemble(b: Build) -> None:
    """Move each language's tree into place; one sitemap with alternates for the whole site."""
    for lang in LANGS:
        built = b.staging / f".build-{lang}"
        prefix = PREFIXES[lang]
        if prefix:
            os.rename(built, b.staging / prefix)
        else:
            for entry in built.iterdir():
                os.rename(entry, b.staging / entry.name)
            built.rmdir()
        b.scans.update({prefix + name: scan for name, scan in b.built[lang].items()})
        b.result.pages = sum(1 for name in b.built[lang] if name != "404.html")
    write_manifest(b.staging, b.manifest)
    for lang in ("en", "ko"):
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (b.staging / PREFIXES[lang] / name).unlink(missing_ok=True)
    hand_pages = sorted(p for p in b.hand["vi"] if p.endswith(".md"))
    write_sitemap(b.staging, b.base, sorted(b.pages) + hand_pages, b.pages)


def cards(b: Build) -> None:
    """A link-preview image per page and language (``og:image``); a card whose digest is the
    one recorded with the published tree is linked from there, not rendered again."""
    site_url = _site_url(b)
    previous = read_manifest(b.out.resolve()).get("cards")
    known: dict[str, Any] = previous if isinstance(previous, dict) else {}
    host = urlsplit(site_url).hostname or ""
    recorded: dict[str, str] = {}
    for lang in LANGS:
        site = site_of(b.loaded, lang, site_url)
        docs = {path: per_lang[lang] for path, per_lang in b.documents.items()}
        for rel in sorted(p for p in b.hand[lang] if p.endswith(".md")):
            docs[rel] = markdown_document(lang, rel, (b.docs / lang / rel).read_text(encoding="utf-8"))
        for path, doc in sorted(docs.items()):
            title = page_title(doc, site)
            # The home card's title is the publication's: nothing above it. A description
            # that opens with the title (a page of records) does not repeat it under the title.
            above = "" if title == site.name else site.name
            text = description(doc, site).removeprefix(f"{title}: ")
            card = Card(lang, above, shorten(title, 100), text, f"{LANG_NAMES[lang]} · {host}")
            rel = PREFIXES[lang] + card_path(path)
            digest = card_digest(card)
            target = b.staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            old = b.out / rel
            if known.get(rel) == digest and old.is_file():
                try:
                    os.link(old, target)
                except OSError:
                    shutil.copy2(old, target)
            else:
                try:
                    target.write_bytes(render_card(card))
                except ReportError as exc:
                    raise error("mkdocs.yml", "site.cards", str(exc)) from exc
            recorded[rel] = digest
    b.manifest["cards"] = recorded
    write_manifest(b.staging, b.manifest)


def _site_url(b: Build) -> str:
    return str(b.base.get("site_url") or DEFAULT_SITE_URL)


def search(b: Build) -> None:
    """The search index of each language and the offline archives."""
    web_root = str(b.base.get("site_url") or "https://example.org/")
    write_search(b.staging, b.loaded, PREFIXES, web_root)
    for release in b.releases:  # an earlier version has its own index, apart from the current one
        if release.version.status == "superseded":
            write_search(b.staging, release.content, PREFIXES, web_root, sub=f"versions/{release.version.id}/")
    write_offline(b.staging, PREFIXES, web_root)
    write_feeds(b.staging, b.loaded, [r.version for r in b.releases], PREFIXES, web_root)


def check(b: Build) -> None:
    """Links, anchors, page sets and active content of the whole staged tree."""
    found = check_site(b.staging, b.scans, dict(PREFIXES))
    if found:
        shown = found[:50] + ([f"... and {len(found) - 50} more"] if len(found) > 50 else [])
        raise error(display_path(b.out), "site.check", "the built site has problems:\n  " + "\n  ".join(shown))


def swap(b: Build) -> None:
    """Publish: the staged tree replaces the old one in one rename."""
    swap_in(b.staging, b.out)


STEPS: tuple[Callable[[Build], None], ...] = (
    load,
    downloads,
    generate,
    mkdocs,
    assemble,
    cards,
    search,
    check,
    swap,
)
"""The build, in order; each step's name is its timing key and its fault-injection point.
The downloads come before the pages: the pages show each file's size and page count."""


@contextmanager
def _timer(result: BuildResult, name: str) -> Iterator[None]:
    fault_point(name)  # VKC_FAULT=<step>[:kill] (vkc.faults): the publish fault tests
    start = time.perf_counter()
    yield
    result.seconds[name] = time.perf_counter() - start


def build_site(
    content_dir: Path,
    out: Path,
    *,
    config: Path | None = None,
    docs: Path | None = None,
    workers: int | None = None,
    editions: bool = True,
) -> BuildResult:
    """Build and publish the site; raises ContentError (nothing published) on any problem.

    ``editions=False`` skips the PDF/DOCX editions and glossary exports (the live preview
    does, for speed); ``workers`` is the number of parallel mkdocs processes (default:
    one per language, at most one per CPU).
    """
    config_path = find_config(config)
    base = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    b = Build(
        content_dir,
        out,
        config_path,
        base,
        docs or config_path.parent / str(base.get("docs_dir") or "docs"),
        editions,
        workers,
        BuildResult(out=out, pages=0),
    )
    try:
        for step in STEPS:
            if step is downloads:  # the staging tree exists from the first step that writes
                b.staging = staging_dir(out)
            with _timer(b.result, step.__name__):
                step(b)
    except BaseException:
        if b.staging != Path():
            shutil.rmtree(b.staging, ignore_errors=True)
        raise
    return b.result
