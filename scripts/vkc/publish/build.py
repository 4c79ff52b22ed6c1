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

import bisect
import collections
import contextlib
import copy
import dataclasses
import functools
import gc
import hashlib
import html
import os
import re
import shutil
import subprocess
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import yaml

from ..content import Content, load_content
from ..diagnostics import ContentError, display_path, has_errors
from ..document.cite import cite_path
from ..document.context import stale_fallback_dates
from ..document.editions import edition_files
from ..document.nodes import Document, FileFacts
from ..document.pages import page_documents, record_pages
from ..document.training import handout_files, lms_files
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
from ..lms import write_lms
from ..model import LANGS, Lang, PartialDate
from ..reports import write_editions
from ..reports.cards import Card, card_digest, render_card
from ..reports.render import ReportError
from ..search import write_offline, write_search
from ..search.index import INDEX as SEARCH_INDEX
from ..search.index import SCRIPT as SEARCH_SCRIPT
from ..search.index import STYLE as SEARCH_STYLE
from ..search.index import page_entries
from ..site import engine
from ..site.data import write_open_data
from ..site.feeds import write_feeds
from ..site.langconfig import (
    PREFIXES,
    check_handwritten,
    error,
    find_config,
    git_dates,
    git_state,
    handwritten,
    language_config,
    nav,
)
from ..site.langmark import write_headers
from ..site.meta import card_path, description, markdown_document, page_title, shorten
from ..site.page_markdown import Page
from ..site.pages import DEFAULT_SITE_URL, site_of, write_pages, write_version_pages
from ..site.sitemap import write_sitemap
from ..site.urls import tree_inventory, tree_listing
from ..snapshots import read_snapshot, snapshot_path
from ..versions import versions_dir
from .cache import PageCache, to_text
from .check import PageScan, Resolved, check_site, resolve_links, scan_html
from .reads import read_bytes, same_bytes, written
from .reuse import read_manifest, write_manifest
from .staging import remove_stale, staging_dir, swap_in

_T = TypeVar("_T")
"""What a job belongs to, carried along by :func:`_parts`."""


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
    rendered: list[str] = field(default_factory=list)
    """The pages rendered by this build, as paths in the published tree (``en/glossary/index.html``);
    every other page was reused from the previous output."""


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
    manifest: dict[str, Any] = field(default_factory=dict)
    previous: dict[str, Any] = field(default_factory=dict)
    """The manifest of the published tree, read once (it does not change until the swap)."""
    releases: list[Release] = field(default_factory=list)
    """Every published version with the content its snapshot froze, oldest first."""
    published: dict[str, FileFacts] = field(default_factory=dict)
    """The files under ``downloads/`` as measured after writing them (size, PDF pages)."""
    version_documents: dict[str, dict[Lang, Document]] = field(default_factory=dict)
    """The pages of earlier versions, by their path in the tree (``versions/v1/glossary.md``)."""
    cache: PageCache | None = None
    """What earlier builds derived from each output page (beside the published tree)."""
    tidy_later: bool = False
    """Delete the previous tree in the background once the new one is in place."""
    archives: bool = True
    """Write the offline archives (``downloads/site-LANG.zip``)."""
    git_states: dict[Path, str] = field(default_factory=dict)
    """:func:`git_state` of the content and hand-written folders, as the inputs' digest read it."""
    left: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    """Per language: the files the recycled tree still holds in its build folder, with their
    device and inode (see :func:`_empty_spare`); the ``mkdocs`` step keeps or unlinks each."""
    recycled: bool = False
    """The staging tree is the previous build's retired tree (:mod:`.staging`): folders that no
    page of this build fills are removed before the swap."""

    @property
    def pages_cache(self) -> PageCache:
        """The page cache of the output (created on first use)."""
        if self.cache is None:
            self.cache = PageCache(self.out)
        return self.cache

    @property
    def loaded(self) -> Content:
        """The validated content (after the ``load`` step)."""
        assert self.content is not None
        return self.content


# -- the steps -------------------------------------------------------------------------------


def load(b: Build) -> None:
    """Validate the content; nothing is published when it has an error."""
    content, diags = load_content(b.content_dir, reuse=True)
    if content is None or has_errors(diags):
        raise ContentError(diags)
    b.content = content
    b.changed = _git_dates(b, b.content_dir)
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
        names = _download_names(b, release.content)
        # A published version's content never changes: in a process that builds again (the
        # live preview), its documents are made once. The snapshot reader returns the same
        # object for the same snapshot, which the memo keeps alive.
        memo = (id(release.content), tuple(names), site_url, tuple(sorted(own.items())), tree)
        if memo not in _VERSION_DOCUMENTS:
            _VERSION_DOCUMENTS[memo] = (
                release.content,
                page_documents(release.content, downloads=names, site_url=site_url, published=own, tree=tree),
            )
        documents = _VERSION_DOCUMENTS[memo][1]
        b.version_documents |= {tree + path: per_lang for path, per_lang in documents.items()}
        # Its pages' Markdown depends on them and on which of its pages the current version has.
        written = (*memo, frozenset(p for p in documents if p in b.documents), repr(current))
        if written not in _VERSION_PAGES:
            _VERSION_PAGES[written] = write_version_pages(
                release, documents, b.documents, current, site_url.rstrip("/") + "/"
            )
        b.pages |= _VERSION_PAGES[written]
    b.hand = handwritten(b.docs)
    check_handwritten(b.docs, b.hand, b.pages)


def _git_dates(b: Build, folder: Path) -> dict[str, PartialDate]:
    """:func:`git_dates` of ``folder``, made once per git state in this process: the commit and
    the list of uncommitted files (:func:`git_state`, read for the inputs' digest) decide them,
    and the two git commands cost more than the pages an edit renders."""
    state = b.git_states.get(folder)
    if state is None:
        return git_dates(folder)
    memo = (str(folder.resolve()), state)
    if memo not in _GIT_DATES:
        _GIT_DATES[memo] = git_dates(folder)
    return dict(_GIT_DATES[memo])


_GIT_DATES: dict[tuple[str, str], dict[str, PartialDate]] = {}


def _download_names(b: Build, content: Content) -> list[str]:
    """The files the build writes under a tree's ``downloads/`` that pages list (a version's
    own courses give its handouts). The learning-platform files are no editions: cheap to
    write with no renderer, they are published with or without them."""
    editions = [*edition_files(), *handout_files(content), *GLOSSARY_FILES] if b.editions else []
    return [*editions, *lms_files(content)]


_VERSION_DOCUMENTS: dict[tuple[Any, ...], tuple[Content, dict[str, dict[Lang, Document]]]] = {}
"""The page documents of earlier versions made by this process (see :func:`generate`)."""
_VERSION_PAGES: dict[tuple[Any, ...], dict[str, dict[Lang, Page]]] = {}
"""Their pages' Markdown, likewise."""


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
    write_lms(content, folder, _site_url(b), stale_since=stale_fallback_dates(content, b.changed))
    # The earlier versions' files the recycled tree still holds (see _empty_spare).
    left = b.left.pop(_VERSION_DOWNLOADS, {})
    for release in b.releases:  # each earlier version keeps its own files
        if release.version.status != "superseded":
            continue
        own = folder / "versions" / release.version.id
        own.mkdir(parents=True, exist_ok=True)  # a recycled tree has the folder
        # A published version's content never changes: a process that builds again (the live
        # preview) writes the files it made before (the snapshot reader returns the same
        # object for the same snapshot, which the memo keeps alive).
        memo = (id(release.content), b.editions, _site_url(b), release.version.id)
        kept = _VERSION_FILES.get(memo)
        if kept is not None and kept[0] is release.content:
            _keep_files(b, f"versions/{release.version.id}/", kept[1], left)
            continue
        for rel in [rel for rel in left if rel.startswith(f"versions/{release.version.id}/")]:
            os.unlink(folder / rel)  # written anew below, never through a link to the published file
            del left[rel]
        if b.editions:
            write_editions(release.content, own)
            write_glossary_exports(release.content, own)
        write_open_data(release.content, own)
        write_lms(release.content, own, _site_url(b), tree=f"versions/{release.version.id}/")
        _VERSION_FILES[memo] = (release.content, {rel: (own / rel).read_bytes() for rel in tree_listing(own)})
    for rel in left:  # an earlier version's file that this build does not publish
        os.unlink(folder / rel)
    write_headers(b.staging, str((b.base.get("extra") or {}).get("vkc_csp") or ""))
    b.published = measure_files(folder)


_VERSION_FILES: dict[tuple[Any, ...], tuple[Content, dict[str, bytes]]] = {}
"""The files under ``downloads/versions/ID/`` this process wrote for each earlier version."""
_VERSION_DOWNLOADS = "downloads/versions/"
"""The key in :attr:`Build.left` of the earlier versions' files a recycled tree holds."""


def _keep_files(b: Build, tree: str, files: dict[str, bytes], left: dict[str, tuple[int, int]]) -> None:
    """Put an earlier version's ``files`` (bytes by path under ``downloads/`` + ``tree``) into the
    staging tree, as links to the published files that hold the same bytes.

    Why: a new file per file and build, for files that never change, cost a write, and the
    removal of the one it replaced, per file and version (as much as the rest of the step).
    A file the recycled tree holds that is the published one stays where it is.
    """
    staged = f"{b.staging}/downloads/{tree}"
    published = f"{b.out.resolve()}/downloads/{tree}"
    for rel, data in files.items():
        there = left.pop(tree + rel, None)
        if same_bytes(published + rel, data):
            if there is not None:
                stat = os.stat(published + rel)
                if (stat.st_dev, stat.st_ino) == there:
                    continue
                os.unlink(staged + rel)
            if _link_reused(published + rel, staged + rel):
                continue
        elif there is not None:
            os.unlink(staged + rel)
        _write(Path(staged + rel), data)


def measure_files(folder: Path) -> dict[str, FileFacts]:
    """Size of every file under ``folder`` (names relative to it) and the page count of each PDF.

    Why pdfinfo (poppler-utils, which the Makefile installs for the edition tests): Typst
    writes the page tree inside compressed object streams, so the ``/Count`` of a PDF's page
    tree is not readable with a pattern over its bytes, and no PDF library is a dependency.
    """
    out: dict[str, FileFacts] = {}
    top = f"{folder}/"
    # In the order of the paths' parts (as Path objects sort), from one listing: a Path and a
    # stat call per file cost more than the earlier versions' files added to the tree.
    for rel in sorted(tree_listing(folder), key=lambda rel: rel.split("/")):
        path = Path(top + rel) if rel.endswith(".pdf") else None
        pages = None
        if path is not None:
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
        out[rel] = FileFacts(os.stat(top + rel).st_size, pages)
    return out


def mkdocs(b: Build) -> None:
    """Render, per language, the pages whose key changed; link the others from the published tree.

    A page's key (:mod:`vkc.site.engine`) covers its Markdown and everything its language's
    pages share; a page whose key is the one recorded with the published tree is that tree's
    file, hard-linked into the staging tree (never written through: every output is a new file).
    """
    hand_dates = _git_dates(b, b.docs)
    previous = b.previous
    cores = b.workers or os.cpu_count() or 1
    plans: list[_Plan] = []
    jobs: list[tuple[_Plan, engine.Job]] = []
    with contextlib.ExitStack() as stack:
        runner: _Parallel | None = None
        size = 0
        for lang in LANGS:
            plans.append(plan := _plan(b, lang, hand_dates, previous.get(lang)))
            # Worker processes pay for themselves on a cold build, not for the few pages of an
            # edit. When the first language has many pages to render (every language has the
            # same pages), the workers start on it while this process plans the others.
            if len(plans) == 1 and plan.job is not None and cores > 1:
                estimate = len(plan.job.pages or ()) * len(LANGS)
                if estimate > _IN_PROCESS_PAGES:
                    runner = stack.enter_context(_Parallel(cores))
                    size = _part_size(estimate, cores)
                    jobs = _parts([(plan, plan.job)], size, cores, total=estimate)
                    runner.add([job for _, job in jobs])
        todo = [(plan, plan.job) for plan in (plans[1:] if jobs else plans) if plan.job is not None]
        done = sum(len(job.pages or ()) for _, job in jobs)
        rendering = done + sum(len(job.pages or ()) for _, job in todo)
        if runner is None and cores > 1 and rendering > _IN_PROCESS_PAGES:
            runner = stack.enter_context(_Parallel(cores))
            size = _part_size(rendering, cores)
        if runner is not None:
            more = _parts(todo, size, cores, total=rendering, start=done)
            runner.add([job for _, job in more])
            jobs += more
            outcomes = runner.finish()
        else:
            jobs = _parts(todo, max(rendering, 1), 1)
            outcomes = [engine.run(job) for _, job in jobs]
    problems = list(  # each part of a language warns about what the language shares: once
        dict.fromkeys(
            f"[{plan.lang}] {msg}" for (plan, _), output in zip(jobs, outcomes, strict=True) for msg in output.warnings
        )
    )
    if problems:
        raise error("mkdocs.yml", "site.mkdocs", "mkdocs build failed:\n  " + "\n  ".join(problems))
    for (plan, _), output in zip(jobs, outcomes, strict=True):
        plan.theme = output.theme or plan.theme
        b.result.rendered += [PREFIXES[plan.lang] + dest for dest in output.pages.values()]
        by_dest = {engine.dest_of(src): key for src, key in plan.keys.items()}
        for dest, derived in output.derived.items():
            key = by_dest[dest]
            b.pages_cache.put_text("scans", key, _unpack(derived["scan"]))
            b.pages_cache.put_text("links", f"{key}:", _unpack(derived["links"]))
            b.pages_cache.put_text("search", f"{key}:{derived['sub']}", _unpack(derived["search"]))
    b.result.rebuilt = list(dict.fromkeys(plan.lang for plan, _ in jobs))
    for plan in plans:
        b.built[plan.lang] = _scans(b, plan)
        b.manifest[plan.lang] = {
            "language": plan.language,
            "pages": {src: [key, engine.dest_of(src)] for src, key in sorted(plan.keys.items())},
            "theme": sorted(plan.theme),
        }


class _Parallel:
    """Jobs run on ``cores`` processes: this one and ``cores - 1`` workers forked from it; jobs
    may be added while the workers already render (:meth:`add`), until :meth:`finish`.

    Why this process renders too: it would only wait, and a third process holding mkdocs,
    Material and Markdown cost about 70 MB of a build's peak. The workers take jobs from the
    front, this process from the back (once every job is added), until none is left. A worker
    is handed its next job only when it finished one (a thread here per worker): the pool
    queues two jobs ahead of each worker, and this process then waited for the worker's queued
    parts (a quarter of the step).
    """

    def __init__(self, cores: int) -> None:
        self.workers = max(1, cores - 1)
        self.jobs: list[engine.Job] = []
        self.outcomes: dict[int, engine.Output] = {}
        self.left: collections.deque[int] = collections.deque()
        self.changed = threading.Condition()
        self.closed = False
        self.stack = contextlib.ExitStack()
        self.fed: list[Future[None]] = []

    def __enter__(self) -> _Parallel:
        engine.preload()
        # The objects made so far are shared with the workers until written: frozen until the
        # workers are done, the cycle collector writes to none of them, there or here (each
        # write copies a page of memory). The jobs freeze their sessions too (engine.Job.only).
        gc.freeze()
        self.pool = self.stack.enter_context(ProcessPoolExecutor(max_workers=self.workers))
        feeders = self.stack.enter_context(ThreadPoolExecutor(max_workers=self.workers))
        self.fed = [feeders.submit(self._feed) for _ in range(self.workers)]
        return self

    def __exit__(self, *exc: object) -> None:
        with self.changed:  # after a failure here, the workers start nothing more
            self.closed = True
            self.left.clear()
            self.changed.notify_all()
        try:
            self.stack.close()
        finally:
            engine.forget_sessions()
            gc.unfreeze()
            gc.collect()  # the session's objects, so that the steps after this one reuse their memory

    def add(self, jobs: list[engine.Job]) -> None:
        """Queue ``jobs`` (behind those added before)."""
        with self.changed:
            for job in jobs:
                # A job keeps its language's session: the parts of a language come one after
                # another, and a process that renders two of them opens the language once.
                self.left.append(len(self.jobs))
                self.jobs.append(dataclasses.replace(job, only=True))
            self.changed.notify_all()

    def finish(self) -> list[engine.Output]:
        """Render the jobs left here too, from the back; every job's output, in order."""
        with self.changed:
            self.closed = True
            self.changed.notify_all()
        while (index := self._take(front=False)) is not None:
            self.outcomes[index] = engine.run(self.jobs[index])
        for feeder in self.fed:
            feeder.result()  # a worker's failure is raised here
        return [self.outcomes[index] for index in range(len(self.jobs))]

    def _take(self, front: bool) -> int | None:
        with self.changed:
            while front and not self.left and not self.closed:
                self.changed.wait()
            if not self.left:
                return None
            return self.left.popleft() if front else self.left.pop()

    def _feed(self) -> None:
        while (index := self._take(front=True)) is not None:
            self.outcomes[index] = self.pool.submit(engine.run, self.jobs[index]).result()


def _part_size(rendering: int, cores: int) -> int:
    """Pages per part of a parallel build: many parts per core, so that the processes finish
    together (with three parts per core, one process rendered the last part alone for a fifth
    of the step). A process keeps its language's session from part to part: small parts cost no
    more sessions."""
    return max(_IN_PROCESS_PAGES, -(-rendering // (cores * 16)))


_IN_PROCESS_PAGES = 40
"""Below this many pages to render, the build renders them itself: starting workers costs more."""


@dataclass
class _Plan:
    """One language's share of the ``mkdocs`` step."""

    lang: Lang
    site: Path
    """The language's folder in the staging tree."""
    language: str
    """Digest of what every page of the language shares (:func:`engine.language_digest`)."""
    keys: dict[str, str]
    """Source path -> key of every Markdown page."""
    theme: list[str]
    """The theme's files, reused from the published tree (or written by the job)."""
    job: engine.Job | None


def _plan(b: Build, lang: Lang, hand_dates: dict[str, PartialDate], before: object) -> _Plan:
    """Write one language's docs folder and configuration, link what can be reused, and say what
    remains to render."""
    content = b.loaded
    sources: dict[str, bytes] = {}
    """The Markdown of every page, by its path in the docs folder."""
    statics: dict[str, bytes] = {}
    """The docs' other files (images, citations): copied as they are."""
    for rel in b.hand[lang]:
        (sources if rel.endswith(".md") else statics)[rel] = read_bytes(b.docs / lang / rel)
    for path, per_lang in b.pages.items():
        sources[path] = per_lang[lang].markdown.encode("utf-8")
        # The page's CSL-JSON beside it: mkdocs copies it next to the page's HTML.
        document = (b.documents.get(path) or b.version_documents.get(path) or {}).get(lang)
        if document is not None and document.citation:
            statics[cite_path(path)] = document.citation.encode("utf-8")
    # The docs folder mkdocs reads is kept in the page cache and only its changed files are
    # written (writing every page's Markdown and linking every hand-written page into a new
    # folder cost more than rendering the page an editor changed).
    lang_docs = b.pages_cache.folder / "docs" / lang
    hand_pages = {rel: b.docs / lang / rel for rel in b.hand[lang] if rel.endswith(".md")}
    _sync(lang_docs, {**sources, **statics}, hand_pages)
    extra_pages = sorted(p for p in b.hand[lang] if p.endswith(".md"))
    titles = {
        rel: title for rel in extra_pages if (title := engine.markdown_title(sources[rel].decode("utf-8"))) is not None
    }
    dates = {
        rel[len(lang) + 1 :]: format_partial(day, lang) for rel, day in hand_dates.items() if rel.startswith(f"{lang}/")
    }
    iso = {rel[len(lang) + 1 :]: str(day) for rel, day in hand_dates.items() if rel.startswith(f"{lang}/")}
    title = content.publication.title.text(lang) or content.publication.title.vi
    site = b.staging / f".build-{lang}"
    cfg = language_config(
        b.base,
        b.config_path.parent,
        lang,
        lang_docs,
        site,
        nav(lang, b.pages, content, extra_pages, titles),
        # The theme inserts site_name as markup (no autoescape): plain text only.
        html.escape(" ".join(title.split())),
        dates,
    )
    cfg["extra"]["vkc_changed_iso"] = iso  # dateModified of the hand-written pages (headhook)
    theme_dir = cfg["theme"].get("custom_dir")
    language = engine.language_digest(cfg, [*sources, *statics], Path(theme_dir) if theme_dir else None)
    old: dict[str, Any] = before if isinstance(before, dict) else {}
    old_pages: dict[str, Any] = old["pages"] if isinstance(old.get("pages"), dict) else {}
    published = b.out.resolve() / PREFIXES[lang] if PREFIXES[lang] else b.out.resolve()
    keys: dict[str, str] = {}
    render: list[str] = []
    reused: list[tuple[str, str]] = []
    left = b.left.pop(lang, {})
    there = f"{site}/"

    def place(source: str, rel: str) -> bool:
        """Link ``source`` at ``rel`` in the language's folder; False when it is not there. A
        file the recycled tree holds there that is ``source`` itself stays (no system call
        to unlink and link it again); any other is unlinked first."""
        kept = left.pop(rel, None)
        if kept is not None:
            try:
                stat = os.stat(source)
            except FileNotFoundError:
                os.unlink(there + rel)
                return False
            if (stat.st_dev, stat.st_ino) == kept:
                return True
            os.unlink(there + rel)
        return _link_reused(source, there + rel)

    docs_top = f"{lang_docs}/"
    for rel in statics:  # a new file for every change: see _write
        if not place(docs_top + rel, rel):
            engine.link_or_copy(lang_docs / rel, site / rel)  # raises: the file was just written
    for rel, data in sorted(sources.items()):
        key = keys[rel] = engine.page_key(language, rel, data)
        dest = engine.dest_of(rel)
        if old_pages.get(rel) == [key, dest]:
            reused.append((rel, dest))
        else:
            render.append(rel)
    theme = [f for f in old.get("theme") or [] if isinstance(f, str)]
    reuse_theme = old.get("language") == language and bool(theme)
    if not reuse_theme:
        # The job writes the theme's files (404.html shows the navigation): none is linked, as
        # mkdocs writes into an existing file and would change the published one through a link.
        theme = []
    # A page gone from the published tree is rendered again.
    here = f"{published}/"  # strings: a Path per page cost more than its link
    if b.recycled:
        # The folders are there, and most files too: a link is one system call at most, less
        # than handing it to a thread.
        found = [place(here + d, d) for _, d in reused]
        theme_found = [place(here + f, f) for f in theme]
        for rel in left:  # what this build does not link: it writes it anew
            os.unlink(there + rel)
        left.clear()
    else:
        sources_of = [here + d for _, d in reused]
        targets_of = [there + d for _, d in reused]
        theme_sources = [here + f for f in theme]
        theme_targets = [there + f for f in theme]
        # Links and new folders are system calls, made outside Python's lock: a few threads
        # make the thousands of them a new tree needs sooner.
        with ThreadPoolExecutor(max_workers=4) as pool:
            found = list(pool.map(_link_reused, sources_of, targets_of))
            theme_found = list(pool.map(_link_reused, theme_sources, theme_targets))
    render += [rel for (rel, _), ok in zip(reused, found, strict=True) if not ok]
    reuse_theme = reuse_theme and all(theme_found)
    templates = b.pages_cache.folder / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    job = (
        None
        if reuse_theme and not render
        else engine.Job(
            cfg,
            tuple(render),
            not reuse_theme,
            str(templates),
            language,
            functools.partial(derive_page, PREFIXES[lang]),
        )
    )
    return _Plan(lang, site, language, keys, theme if reuse_theme else [], job)


def derive_page(prefix: str, dest: str, page_html: str) -> dict[str, Any]:
    """What later steps need from one rendered page (run where the page is rendered): the site
    check's scan and resolved links, and the page's search entries, each as the page cache's
    text (made here, on every core; the build keeps only the texts), compressed until the
    rendering is done (:func:`_unpack`)."""
    scan = scan_html(page_html)
    sub = ""
    if dest.startswith("versions/"):  # an earlier version's page: indexed apart, from its folder
        sub = "/".join(dest.split("/")[:2]) + "/"
    return {
        "scan": _pack(to_text([sorted(scan.ids), scan.links, scan.problems])),
        "links": _pack(to_text(resolve_links(prefix + dest, scan.links))),
        "search": _pack(to_text(page_entries(dest.removeprefix(sub), page_html))),
        "sub": sub,
    }


def _pack(text: str) -> bytes:
    """Why compressed: the texts of every page (about 40 MB at 3x1000) were held by the build
    while its workers still rendered, the build's peak memory; compressed they are a fifth."""
    return zlib.compress(text.encode("utf-8"), 1)


def _unpack(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")


def _link_reused(source: str, target: str) -> bool:
    """Link a file of the published tree into the staging tree; False when it is not there."""
    try:
        engine.link_or_copy(source, target)
    except FileNotFoundError:
        return False
    return True


def _parts(
    jobs: list[tuple[_T, engine.Job]], size: int, cores: int, total: int | None = None, start: int = 0
) -> list[tuple[_T, engine.Job]]:
    """Each job (with what it belongs to) split into jobs of at most ``size`` pages; the first part
    of each also writes the theme's files. ``total``: the pages of the whole build, when ``jobs``
    are its pages from ``start`` on.

    The processes take parts from both ends (:class:`_Parallel`) and meet where the workers'
    share ends; the parts taken last, around that point, are a quarter of the size, so that no
    process is left rendering a whole part alone while the others wait (a part at 3x1000 is
    about 1.4 s).
    """
    if total is None:
        total = sum(len(job.pages or ()) for _, job in jobs)
    meet = total * (cores - 1) / cores
    near = 2 * cores * size
    """How close to the meeting point parts are small: about the last two rounds."""
    out: list[tuple[_T, engine.Job]] = []
    offset = start
    for owner, job in jobs:
        pages = job.pages
        if pages is None:  # every page of the language: not split
            out.append((owner, job))
            continue
        start = 0
        while True:
            step = max(size // 4, 10) if cores > 1 and abs(offset + start - meet) <= near else size
            if len(pages) - start <= step:
                out.append((owner, job if start == 0 else dataclasses.replace(job, pages=pages[start:], theme=False)))
                break
            out.append(
                (owner, dataclasses.replace(job, pages=pages[start : start + step], theme=job.theme and start == 0))
            )
            start += step
        offset += len(pages)
    return out


def _sync(folder: Path, wanted: dict[str, bytes], sources: dict[str, Path] | None = None) -> None:
    """Make ``folder`` hold exactly ``wanted`` (path -> bytes), writing only what differs.

    ``sources``: files whose bytes some of ``wanted`` were read from (the hand-written pages), hard
    linked where the file system allows instead of written. Why: here a new file written costs
    15 times a link (0.4 ms against 0.03), and a cold build of 3x1000 hand-written pages wrote
    all of them, a third of it before the workers could start. Only Markdown, which mkdocs reads
    and never publishes: a published file is never a link to a file an editor changes in place.
    """
    present = set(tree_listing(folder)) if folder.is_dir() else set()
    top = f"{folder}/"  # strings: a Path per file cost more than its comparison
    for rel in sorted(present - set(wanted)):
        os.unlink(top + rel)
    for rel, data in wanted.items():
        name = top + rel
        if rel in present:
            if same_bytes(name, data):
                continue
            _write(Path(name), data)
        elif not (sources and rel in sources and _linked(sources[rel], name)):
            _write(Path(name), data)
        written(name, data)


def _linked(source: Path, name: str) -> bool:
    """``source`` as the new file ``name`` (hard-linked where the file system allows); False when
    neither a link nor a copy could be made (the bytes read are then written instead)."""
    try:
        engine.link_or_copy(source, name)
    except OSError:
        return False
    return True


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` as a new file at ``path``: the old file may be linked into a published tree,
    which must never change."""
    tmp = path.with_name(f".{path.name}.vkc-new")
    try:
        tmp.write_bytes(data)
    except FileNotFoundError:  # its folder first (most pages go to an existing one)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
    os.replace(tmp, path)


def _scans(b: Build, plan: _Plan) -> dict[str, PageScan]:
    """The site check's scan of every HTML file of one language: a page's from the cache when its
    key is known, the others read again."""
    by_dest = {engine.dest_of(src): key for src, key in plan.keys.items()}
    scans: dict[str, PageScan] = {}
    cached = b.pages_cache.table("links")
    resolved = {key for key in by_dest.values() if f"{key}:" in cached}
    for rel in tree_listing(plan.site):
        if not rel.endswith(".html"):
            continue
        key = by_dest.get(rel)
        stored = b.pages_cache.get("scans", key) if key else None
        if isinstance(stored, list) and len(stored) == 3:
            # A page whose resolved links are cached is checked from those (see `check`): its
            # own links are not kept (they were a third of a 3x1000 build's peak memory).
            links = [] if key in resolved else list(stored[1])
            scans[rel] = PageScan(set(stored[0]), links, list(stored[2]))
            continue
        scan = scan_html((plan.site / rel).read_text(encoding="utf-8"))
        if key:
            b.pages_cache.put("scans", key, [sorted(scan.ids), scan.links, scan.problems])
        scans[rel] = scan
    return scans


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
    b.manifest["pages"] = b.result.pages
    write_manifest(b.staging, b.manifest)
    for lang in ("en", "ko"):
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (b.staging / PREFIXES[lang] / name).unlink(missing_ok=True)
    hand_pages = sorted(p for p in b.hand["vi"] if p.endswith(".md"))
    write_sitemap(b.staging, b.base, sorted(b.pages) + hand_pages, b.pages)


def cards(b: Build) -> None:
    """A link-preview image per page and language (``og:image``), kept in the page cache by its
    digest: an image whose digest is known is linked from there, not rendered again. The live
    preview (no editions) has none: no app fetches its pages to show a shared link."""
    if not b.editions:
        return
    site_url = _site_url(b)
    host = urlsplit(site_url).hostname or ""
    wanted: list[tuple[Card, str, Path]] = []
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
            wanted.append((card, card_digest(card) + ".png", b.staging / (PREFIXES[lang] + card_path(path))))
    missing = {digest: card for card, digest, _ in wanted if b.pages_cache.file("cards", digest) is None}
    # Typst renders outside Python's lock: threads use every core.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        try:
            for digest, image in zip(missing, pool.map(render_card, missing.values()), strict=True):
                b.pages_cache.put_file("cards", digest, image)
        except ReportError as exc:
            raise error("mkdocs.yml", "site.cards", str(exc)) from exc
    for _, digest, target in wanted:
        stored = b.pages_cache.file("cards", digest)
        assert stored is not None
        engine.link_or_copy(stored, target)


def _site_url(b: Build) -> str:
    return str(b.base.get("site_url") or DEFAULT_SITE_URL)


def search(b: Build) -> None:
    """The search index of each language and the offline files; a page's search sections and
    digest come from the page cache when its key is known."""
    web_root = str(b.base.get("site_url") or "https://example.org/")
    keys = _tree_keys(b)
    # The tree is listed once for the indexes and the service workers: each listing of every
    # folder of the site cost more than the pages an edit renders.
    listing = set(tree_listing(b.staging))
    ordered = sorted(listing)
    subs = [""]
    write_search(b.staging, b.loaded, PREFIXES, web_root, memo=_Memo(b.pages_cache, "search", keys), listing=ordered)
    for release in b.releases:  # an earlier version has its own index, apart from the current one
        if release.version.status == "superseded":
            sub = f"versions/{release.version.id}/"
            subs.append(sub)
            _version_index(b, release, sub, keys, ordered, web_root)
    for prefix in PREFIXES.values():  # what write_search added to the tree
        listing |= {prefix + SEARCH_SCRIPT, prefix + SEARCH_STYLE, *(prefix + sub + SEARCH_INDEX for sub in subs)}
    # Pages the cache knows are digested by their key (which fixes their bytes): not read again.
    write_offline(b.staging, PREFIXES, web_root, archives=b.archives, known=keys, listing=sorted(listing))
    write_feeds(b.staging, b.loaded, [r.version for r in b.releases], PREFIXES, web_root)


def _version_index(
    b: Build, release: Release, sub: str, keys: dict[str, str], ordered: list[str], web_root: str
) -> None:
    """The search indexes of one earlier version (``sub``: its folder in each language tree).

    An index is made from the version's content and its pages, which a page's key fixes: while
    every page of the version has the key it had when this process made the index, the index
    is written as it was (indexing it again, once per version, was most of the step's work for
    pages that did not change). The pages' entries stay in the page cache all the same.
    """
    pages: list[tuple[str, str]] = []
    for prefix in PREFIXES.values():
        start = prefix + sub
        # The tree's files under the version's folder: a range of the sorted listing.
        for path in ordered[bisect.bisect_left(ordered, start) : bisect.bisect_left(ordered, start + "\U0010ffff")]:
            if path.endswith(".html"):
                pages.append((path, keys.get(path, "")))
    memo = (id(release.content), sub, web_root, tuple(pages))
    kept = _VERSION_INDEXES.get(sub)
    if kept is not None and kept[0] == memo and kept[1] is release.content and all(key for _, key in pages):
        b.pages_cache.keep("search", [f"{key}:{sub}" for _, key in pages])
        published = f"{b.out.resolve()}/"
        for prefix, data in kept[2].items():
            rel = prefix + sub + SEARCH_INDEX
            # Linked from the published tree when it holds these bytes: a new file per build
            # cost a write, and the removal of the one it replaced, per language and version.
            if not (same_bytes(published + rel, data) and _link_reused(published + rel, f"{b.staging}/{rel}")):
                _write(b.staging / rel, data)
        return
    found = _Memo(b.pages_cache, "search", keys, sub)
    write_search(b.staging, release.content, PREFIXES, web_root, sub=sub, memo=found, listing=ordered)
    indexes = {prefix: (b.staging / (prefix + sub + SEARCH_INDEX)).read_bytes() for prefix in PREFIXES.values()}
    _VERSION_INDEXES[sub] = (memo, release.content, indexes)


_VERSION_INDEXES: dict[str, tuple[tuple[Any, ...], Content, dict[str, bytes]]] = {}
"""The search indexes this process last made for each earlier version's folder, with what they
were made from (see :func:`_version_index`)."""


def _tree_keys(b: Build) -> dict[str, str]:
    """The key of every page, by its path in the assembled tree."""
    return {
        PREFIXES[lang] + dest: key
        for lang in LANGS
        for dest, key in ((dest, key) for _, (key, dest) in (b.manifest.get(lang) or {}).get("pages", {}).items())
    }


@dataclass
class _Memo:
    """What a step derives from each page (search entries, resolved links), kept in the page
    cache under the page's key: valid for as long as the page's bytes are the same."""

    cache: PageCache
    table: str
    keys: dict[str, str]
    """Page key by path in the tree."""
    tag: str = ""

    def get(self, path: str) -> Any:
        key = self.keys.get(path)
        return self.cache.get(self.table, f"{key}:{self.tag}") if key else None

    def put(self, path: str, found: Any) -> None:
        key = self.keys.get(path)
        if key:
            self.cache.put(self.table, f"{key}:{self.tag}", found)


@dataclass
class _Links:
    """Resolved links in the page cache (JSON keeps tuples as lists)."""

    memo: _Memo
    verified: set[str] = field(default_factory=set)
    """Pages whose links are known to hold in this tree (see :func:`check`): none to check."""

    def get(self, name: str) -> list[Resolved] | None:
        if name in self.verified:
            return []
        stored = self.memo.get(name)
        return [(str(a), str(b), str(c), bool(d)) for a, b, c, d in stored] if isinstance(stored, list) else None

    def put(self, name: str, found: list[Resolved]) -> None:
        self.memo.put(name, found)


def check(b: Build) -> None:
    """Links, anchors, page sets and active content of the whole staged tree.

    A page's links are what its key fixes, and whether each one holds depends on the tree alone:
    its files and folders and the anchors of its pages, of which the ``checked`` digest in the
    manifest is made. When that digest is the one the published tree was checked with, the links
    of every page whose key is the published page's key hold as they did there (earlier
    versions' pages after an edit of the current content: checking them again was most of the
    step). Their active content and the page sets are checked all the same.
    """
    files, dirs = tree_inventory(b.staging)
    if b.recycled:
        dirs = _prune(b.staging, files, dirs)
    keys = _tree_keys(b)
    tree = _checked_digest(files, dirs, b.scans, keys)
    previous = b.previous
    verified: set[str] = set()
    if previous.get("checked") == tree:
        before = _keys_of(previous)
        verified = {name for name, key in keys.items() if before.get(name) == key and name in b.scans}
        b.pages_cache.keep("links", [f"{keys[name]}:" for name in verified])
    links = _Links(_Memo(b.pages_cache, "links", keys), verified)
    found = check_site(b.staging, b.scans, dict(PREFIXES), links, inventory=(set(files), {"", *dirs}))
    if found:
        shown = found[:50] + ([f"... and {len(found) - 50} more"] if len(found) > 50 else [])
        raise error(display_path(b.out), "site.check", "the built site has problems:\n  " + "\n  ".join(shown))
    b.manifest["checked"] = tree
    write_manifest(b.staging, b.manifest)


def _checked_digest(files: list[str], dirs: list[str], scans: dict[str, PageScan], keys: dict[str, str]) -> str:
    """Digest of what decides whether a link holds: the tree's files and folders, and the anchors
    of each scanned page (not its bytes: an edit of a text leaves the other pages' links as they
    were). A page's anchors are digested once per key in a process (its key fixes them)."""
    digest = hashlib.sha256("\0".join(sorted(files)).encode("utf-8"))
    digest.update(b"\1" + "\0".join(sorted(dirs)).encode("utf-8"))
    known: dict[str, str] = {}
    for name in sorted(scans):
        key = keys.get(name)
        anchors = _ANCHORS.get(key) if key else None
        if anchors is None:
            anchors = hashlib.sha256("\0".join(sorted(scans[name].ids)).encode("utf-8")).hexdigest()
        if key:
            known[key] = anchors
        digest.update(f"\1{name}\0{anchors}".encode())
    _ANCHORS.clear()  # only this tree's pages: a process that builds again keeps no others
    _ANCHORS.update(known)
    return digest.hexdigest()


_ANCHORS: dict[str, str] = {}
"""Digest of a page's anchors by its key, for the pages of the last tree this process checked."""


def _keys_of(manifest: dict[str, Any]) -> dict[str, str]:
    """:func:`_tree_keys` of a manifest read from a published tree (any shape)."""
    keys: dict[str, str] = {}
    for lang in LANGS:
        entry = manifest.get(lang)
        pages = entry.get("pages") if isinstance(entry, dict) else None
        if isinstance(pages, dict):
            for value in pages.values():
                if isinstance(value, list) and len(value) == 2:
                    keys[PREFIXES[lang] + str(value[1])] = str(value[0])
    return keys


def swap(b: Build) -> None:
    """Publish: the staged tree replaces the old one in one rename; then the cache follows it.
    The old tree is kept as the next build's staging tree (see :mod:`.staging`)."""
    swap_in(b.staging, b.out, later=b.tidy_later, keep=_spare(b))
    b.pages_cache.save()


def _spare(b: Build) -> Path:
    """Where the tree retired by the last swap waits for the next build: in the page cache (safe
    to delete, like the rest of it)."""
    return b.pages_cache.folder / "spare"


def _empty_spare(staging: Path) -> dict[str, dict[str, tuple[int, int]]]:
    """Give the retired tree the layout a build starts from, with its folders and without the
    files a build writes.

    Each language tree goes back to the folder its pages are built in (the root language's:
    every root folder but ``downloads/``). Every other file is unlinked, never written to: most
    are links to the published files, and writing through one would change the live site. The
    language folders' files are returned, per language, with their device and inode: most are
    the very files the build would link again (a reused page, a theme file), which
    :func:`_plan` keeps in place and unlinks the others before anything is written there. So
    are the earlier versions' files under ``downloads/versions/`` (key
    :data:`_VERSION_DOWNLOADS`), for the ``downloads`` step.
    """
    for lang in LANGS:
        if PREFIXES[lang]:
            tree = staging / PREFIXES[lang].rstrip("/")
            if tree.is_dir():
                os.rename(tree, staging / f".build-{lang}")
    root = staging / ".build-vi"
    root.mkdir(exist_ok=True)
    with os.scandir(staging) as entries:
        for entry in entries:
            if entry.name.startswith(".build-") or entry.name == "downloads":
                continue
            if entry.is_dir(follow_symlinks=False):
                os.rename(entry.path, root / entry.name)
            else:
                os.unlink(entry.path)
    files, _ = tree_inventory(staging / "downloads")
    top = f"{staging}/downloads/"
    # The earlier versions' files stay, like the pages: most are the published ones, which
    # the ``downloads`` step keeps (see _keep_files) and unlinks the others.
    versions: dict[str, tuple[int, int]] = {}
    for rel in files:
        if rel.startswith("versions/"):
            stat = os.stat(top + rel, follow_symlinks=False)
            versions[rel] = (stat.st_dev, stat.st_ino)
        else:
            os.unlink(top + rel)
    left: dict[str, dict[str, tuple[int, int]]] = {_VERSION_DOWNLOADS: versions}
    # The tree is on one device, and the inode a folder's listing gives is the file's where the
    # file system says so (not on some overlays: checked on the first file): no stat per file,
    # of which every earlier version's pages added thousands.
    device = os.stat(staging).st_dev
    listed: bool | None = None
    for lang in LANGS:
        left[lang] = {}
        pending = [(str(staging / f".build-{lang}"), "")]
        while pending:
            folder, prefix = pending.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append((entry.path, prefix + entry.name + "/"))
                    elif listed:
                        left[lang][prefix + entry.name] = (device, entry.inode())
                    else:
                        stat = entry.stat(follow_symlinks=False)
                        listed = listed is None and (stat.st_dev, stat.st_ino) == (device, entry.inode())
                        left[lang][prefix + entry.name] = (stat.st_dev, stat.st_ino)
    return left


def _prune(staging: Path, files: list[str], dirs: list[str]) -> list[str]:
    """Remove the folders of a recycled tree that no file of this build is in (a deleted page's);
    returns the folders that remain."""
    filled = {""}
    for rel in files:
        folder = rel.rpartition("/")[0]
        while folder not in filled:
            filled.add(folder)
            folder = folder.rpartition("/")[0]
    empty = [d for d in dirs if d not in filled]
    for rel in sorted(empty, key=lambda d: d.count("/"), reverse=True):  # the deepest first
        os.rmdir(staging / rel)
    return [d for d in dirs if d in filled]


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


def _inputs_digest(b: Build) -> str:
    """Digest of everything a build reads: content, snapshots, hand-written pages, configuration,
    theme, code, the git state that dates the pages, and the build's options."""
    digest = hashlib.sha256(engine.code_digest().encode())
    digest.update(repr((b.editions, b.archives, str(b.content_dir.resolve()), str(b.docs.resolve()))).encode())
    digest.update(b.config_path.read_bytes())
    theme = (b.base.get("theme") or {}).get("custom_dir")
    for root in (
        b.content_dir,
        versions_dir(b.content_dir),
        b.docs,
        b.config_path.parent / str(theme) if theme else None,
    ):
        if root is None or not root.is_dir():
            continue
        for rel in tree_listing(root):
            digest.update(b"\0" + rel.encode("utf-8") + b"\0")
            digest.update(read_bytes(root / rel))
    for folder in (b.content_dir, b.docs):  # the commit and the uncommitted files date the pages
        b.git_states[folder] = git_state(folder)
        digest.update(b.git_states[folder].encode("utf-8"))
    return digest.hexdigest()


def _unchanged(b: Build, inputs: str) -> bool:
    """Whether the published tree was built from exactly these inputs and is complete: then a
    build would write the same bytes, and there is nothing to do."""
    manifest = b.previous
    if manifest.get("inputs") != inputs:
        return False
    root = b.out.resolve()
    for lang in LANGS:
        entry = manifest.get(lang)
        pages = entry.get("pages") if isinstance(entry, dict) else None
        if not isinstance(pages, dict):
            return False
        prefix = root / PREFIXES[lang] if PREFIXES[lang] else root
        if not all(isinstance(v, list) and (prefix / str(v[1])).is_file() for v in pages.values()):
            return False
    count = manifest.get("pages")
    b.result.pages = count if isinstance(count, int) else 0
    return True


@contextmanager
def _timer(result: BuildResult, name: str) -> Iterator[None]:
    fault_point(name)  # VKC_FAULT=<step>[:kill] (vkc.faults): the publish fault tests
    start = time.perf_counter()
    yield
    result.seconds[name] = time.perf_counter() - start


def _read_config(path: Path) -> dict[str, Any]:
    """The top-level mkdocs.yml, parsed once per text in this process (PyYAML's pure-Python parser
    took longer than rendering an edited page); a copy each time: the build changes parts of it."""
    text = read_bytes(path)
    if _CONFIG[:1] and _CONFIG[0][0] == text:
        return copy.deepcopy(_CONFIG[0][1])
    base = yaml.safe_load(text.decode("utf-8")) or {}
    _CONFIG[:] = [(text, copy.deepcopy(base))]
    return base


_CONFIG: list[tuple[bytes, dict[str, Any]]] = []


def build_site(
    content_dir: Path,
    out: Path,
    *,
    config: Path | None = None,
    docs: Path | None = None,
    workers: int | None = None,
    editions: bool = True,
    tidy_later: bool = False,
    archives: bool = True,
) -> BuildResult:
    """Build and publish the site; raises ContentError (nothing published) on any problem.

    ``editions=False`` skips the PDF/DOCX editions and glossary exports (the live preview
    does, for speed); ``workers`` is the number of processes that render pages (default: one
    per CPU); ``tidy_later`` deletes the previous tree in the
    background once the new one is published (the live preview serves it at once);
    ``archives=False`` leaves out the offline archives (the live preview does).
    """
    config_path = find_config(config)
    base = _read_config(config_path)
    b = Build(
        content_dir,
        out,
        config_path,
        base,
        docs or config_path.parent / str(base.get("docs_dir") or "docs"),
        editions,
        workers,
        BuildResult(out=out, pages=0),
        tidy_later=tidy_later,
        archives=archives,
    )
    start = time.perf_counter()
    inputs = _inputs_digest(b)
    b.previous = read_manifest(out.resolve())
    if _unchanged(b, inputs):
        remove_stale(out.resolve().parent)  # what a killed build left behind goes all the same
        b.result.seconds["unchanged"] = time.perf_counter() - start
        return b.result
    b.manifest["inputs"] = inputs
    try:
        for step in STEPS:
            if step is downloads:  # the staging tree exists from the first step that writes
                b.staging, b.recycled = staging_dir(out, _spare(b))
                if b.recycled:
                    b.left = _empty_spare(b.staging)
            with _timer(b.result, step.__name__):
                step(b)
    except BaseException:
        if b.staging != Path():
            shutil.rmtree(b.staging, ignore_errors=True)
        raise
    return b.result
