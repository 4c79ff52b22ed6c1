"""Render the pages of one language through mkdocs 1.x and Material, page by page.

Why a module of its own: a page-level incremental build needs mkdocs' build loop taken
apart - the files and the navigation of the whole language, then only the pages whose
inputs changed - and mkdocs exposes the per-page steps only as internal functions
(``mkdocs.commands.build._populate_page``, and ``_build_page``, copied here to keep the text it
writes). This is the one module that touches them: a change in mkdocs or Material touches this
file alone. Each page goes through
the same plugin events and theme templates as in ``mkdocs build``; what is left out is
rendering pages nobody asked for, the theme's sitemap (the build writes its own) and mkdocs'
anchor validation (the site check validates every anchor of the whole tree, reused pages
included).

A page is rendered from its own Markdown, the configuration (its navigation with every
title spelled out, so that no page's title comes from another page's text) and the theme.
The digests here are what the build keys each output page by.
"""

from __future__ import annotations

import copy
import functools
import gc
import hashlib
import importlib
import io
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import markdown
from jinja2 import Environment, FileSystemBytecodeCache, TemplateError, TemplateSyntaxError
from mkdocs.commands.build import _build_theme_template, _populate_page, get_context
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError, MkDocsException
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page, _ExtractTitleTreeprocessor, _RelativePathTreeprocessor
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_markdown_title
from mkdocs.utils import meta as markdown_meta

from . import inline
from .fragments import Fragments
from .navcache import NavCache, WrappingLoader

ENGINE = "1"
"""Bumped when what this module writes for the same inputs changes."""
_VOLATILE = ("docs_dir", "site_dir")
"""Configuration keys that name temporary paths: not inputs."""
_OWN_SITEMAP = ("sitemap.xml", "sitemap.xml.gz")
"""Theme templates the build replaces with its own (a sitemap of all languages)."""
_PACKAGE = Path(__file__).resolve().parents[1]


def markdown_title(text: str) -> str | None:
    """The title mkdocs gives a Markdown page: its ``title`` metadata, else its first h1."""
    body, meta = markdown_meta.get_data(text)
    title = meta.get("title")
    return str(title) if title else get_markdown_title(body)


def _tree_digest(digest: Any, root: Path) -> None:
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(b"\0" + path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes())


_CODE: str | None = None


def code_digest() -> str:
    """Digest of the code that writes pages: this package and the versions of the tools."""
    global _CODE  # the package does not change while a process runs
    if _CODE is None:
        digest = hashlib.sha256(ENGINE.encode())
        for name in ("mkdocs", "mkdocs-material", "Markdown", "Jinja2", "pymdown-extensions"):
            try:
                digest.update(f"{name} {version(name)}\n".encode())
            except PackageNotFoundError:  # an absent tool is part of the digest too
                digest.update(f"{name} -\n".encode())
        _tree_digest(digest, _PACKAGE)
        _CODE = digest.hexdigest()
    return _CODE


def language_digest(config: dict[str, Any], docs: Iterable[str], theme_dir: Path | None) -> str:
    """Digest of what every page of one language depends on besides its own Markdown.

    The configuration (navigation, words, dates), the theme overrides, the code, and the paths
    of the language's files in its docs folder: a link resolves or fails by whether its target
    exists.
    """
    digest = hashlib.sha256(code_digest().encode())
    stable = {k: v for k, v in config.items() if k not in _VOLATILE}
    digest.update(json.dumps(stable, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))
    for hook in stable.get("hooks") or []:  # hooks outside the package are inputs too
        hook_file = Path(str(hook))
        digest.update(hook_file.read_bytes() if hook_file.is_file() else str(hook).encode())
    if theme_dir is not None and theme_dir.is_dir():
        _tree_digest(digest, theme_dir)
    for name in sorted(docs):
        digest.update(name.encode("utf-8") + b"\0")
    return digest.hexdigest()


def page_key(language: str, src: str, data: bytes) -> str:
    """Key of one output page: its language's digest, its path and its Markdown."""
    digest = hashlib.sha256(language.encode())
    digest.update(src.encode("utf-8") + b"\0")
    digest.update(data)
    return digest.hexdigest()


def dest_of(src: str) -> str:
    """Where mkdocs writes a Markdown page (``use_directory_urls``)."""
    stem = src[: -len(".md")]
    name = stem.rpartition("/")[2]
    if name in ("index", "README"):
        return stem[: -len(name)] + "index.html"
    return f"{stem}/index.html"


@dataclass(frozen=True)
class Job:
    """One language's share of a build, run in a worker process."""

    config: dict[str, Any]
    """The language's mkdocs configuration (absolute paths)."""
    pages: tuple[str, ...] | None
    """Source paths of the pages to render; None renders every page."""
    theme: bool
    """Also copy the theme's files and render its templates (404.html)."""
    templates: str = ""
    """A folder for the compiled theme templates (Jinja's bytecode cache), kept between builds."""
    session: str = ""
    """When set (the digest of what the language's pages share), a process that renders this
    language again with the same digest reuses its files, navigation and templates."""
    derive: Callable[[str, str], Any] | None = None
    """Called with each rendered page's output path and HTML, in the worker: what the build
    derives from a page (its check, its search entries) is then made on every core."""
    only: bool = False
    """A cold build's process: keep no other language's session (each holds one language at a
    time; the live preview keeps one per language between its builds), and leave what was
    frozen for the cycle collector frozen after the job (the build unfreezes once all its parts
    are done; a worker never does)."""


@dataclass
class Output:
    """What a job wrote, relative to the language's site folder."""

    warnings: list[str] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)
    """Source path -> output path of each page rendered."""
    theme: list[str] = field(default_factory=list)
    """Output paths of the theme's files and templates."""
    derived: dict[str, Any] = field(default_factory=dict)
    """What ``Job.derive`` returned, by output path."""
    seconds: float = 0.0


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def preload() -> None:
    """Import the theme before forking, so that each worker inherits it."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    importlib.import_module("material")  # the theme's modules in the parent's memory


def run(job: Job) -> Output:
    """Render one language's pages (and theme files) into its ``site_dir``."""
    start = time.perf_counter()
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    out = Output()
    try:
        _render(job, out)
    except MkDocsException as exc:
        handler.messages.append(str(exc))
    except TemplateError as exc:  # a theme template (overrides/) that does not render
        if not handler.messages:  # a page's error was logged with the page's name
            handler.messages.append(f"template error: {_where(exc)}{exc.message or exc}")
    finally:
        logger.removeHandler(handler)
        if not job.only:
            gc.unfreeze()
    out.warnings = handler.messages
    out.seconds = time.perf_counter() - start
    return out


_THEME_FILES: dict[tuple[str, ...], list[tuple[str, str]]] = {}
"""The theme's static files by theme folders, listed once per process."""


def _add_theme_files(files: Files, env: Environment, config: MkDocsConfig) -> None:
    """``Files.add_files_from_theme``, with the listing kept: Jinja's ``list_templates`` walks
    every file of the theme (Material's thousands of icons) and took longer than rendering a page."""
    dirs = tuple(config.theme.dirs)
    if dirs not in _THEME_FILES:
        probe = Files([])
        probe.add_files_from_theme(env, config)
        _THEME_FILES[dirs] = [(f.src_uri, str(f.src_dir)) for f in probe]
    for path, folder in _THEME_FILES[dirs]:
        if files.get_file_from_path(path) is None:  # theme files do not override docs files
            files.append(File(path, folder, config.site_dir, config.use_directory_urls))


@functools.lru_cache(maxsize=1 << 12)
def _word(key: str, lang: Any, fallback: Any) -> str:
    """Material's interface word ``key`` in the page's language (``lang``), else in English, else
    the key: ``partials/language.html`` as Material writes it, remembered (each of Material's
    word lists is a dictionary built again at every lookup, ~25 lookups a page)."""
    return str(lang.t(key) or fallback.t(key) or key)


@dataclass
class _Session:
    """One language's configuration, files, navigation and templates, ready to render pages."""

    key: str
    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: Environment
    doc_files: Sequence[File]
    markdown: markdown.Markdown | None = None
    """The language's Markdown converter, made once (see :func:`_convert`)."""


def _convert(page: Page, session: _Session, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` of mkdocs 1.6, with one converter per session instead of one per page.

    Why: making a ``Markdown`` with its extensions cost about 2 ms a page, a tenth of converting
    it. ``reset()`` between documents is Python-Markdown's documented way to convert several.
    Left out: mkdocs' two anchor collectors (one parses each page's Markdown as HTML again),
    which feed only its anchor validation; the site check validates every anchor of the tree.
    """
    if session.markdown is None:
        session.markdown = markdown.Markdown(
            extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
        )
        inline.install(session.markdown)  # no pattern tried on a text it cannot match
    md = session.markdown
    md.reset()
    _RelativePathTreeprocessor(page.file, files, config)._register(md)
    title = _ExtractTitleTreeprocessor()
    title._register(md)
    assert page.markdown is not None
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = title.title


REUSE_RENDERED = True
"""Navigation items and the parts of a page that are the same on other pages are rendered once
per key (vkc.site.navcache, vkc.site.fragments); False renders each for every page, as the test
that compares the two does."""

_SESSIONS: dict[str, _Session] = {}
"""The last session of each language in this process (see :attr:`Job.session`)."""


def forget_sessions() -> None:
    """Drop this process's sessions: after a cold build's parts, the one kept (a language's files,
    navigation and templates: about 40 MB at 3x1000) would sit through the build's last steps,
    where its peak memory is; a live preview opens the language again at its next edit."""
    _SESSIONS.clear()
    _word.cache_clear()  # it holds word lists of the sessions, and through them their pages


def _open(job: Job) -> tuple[_Session, bool]:
    """The job's session, and whether it is new: a process that builds again (the live preview)
    keeps each language's session while what its pages share is unchanged, and moves it to the
    new site folder."""
    lang = str((job.config.get("theme") or {}).get("language") or "")
    if job.only:
        for other in [other for other in _SESSIONS if other != lang]:
            del _SESSIONS[other]
    kept = _SESSIONS.get(lang)
    # The same digest from another docs folder (a build to another output) reads other files.
    if (
        job.session
        and kept is not None
        and kept.key == job.session
        and kept.config["docs_dir"] == job.config["docs_dir"]
    ):
        site_dir = str(job.config["site_dir"])
        if kept.config["site_dir"] != site_dir:
            kept.config["site_dir"] = site_dir
            for file in kept.files:
                file.dest_dir = site_dir
                file.__dict__.pop("abs_dest_path", None)  # a cached property of the old folder
        return kept, False
    # The configuration as keyword arguments over an empty file: mkdocs' pure-Python YAML
    # reader took half a second over a navigation of a few hundred pages.
    # A deep copy: mkdocs consumes parts of what it validates (the extensions' settings).
    options = copy.deepcopy(job.config)
    config = load_config(config_file=io.BytesIO(b"{}"), config_file_path=str(options["docs_dir"]), **options)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    env = config.theme.get_env()
    # A session lives only while the templates' digest is unchanged (Job.session): asking the
    # file system whether each of a page's ~50 includes changed cost about 1 ms a page.
    env.auto_reload = False
    # A plain dict for the compiled templates: Jinja's LRU cache moves a template to the front of
    # a deque on every lookup (``deque.remove`` over tuples of weak references), and a page looks
    # up about 50 includes (2% of a cold build). A session's templates are few and fixed.
    env.cache = {}
    env.globals["vkc_word"] = _word
    env.globals["vkc_once"] = Fragments(reuse=REUSE_RENDERED)
    if REUSE_RENDERED:
        assert env.loader is not None
        env.loader = WrappingLoader(env.loader)
        env.globals["vkc_nav_item"] = NavCache(list(config.theme.get("features") or []))
    if job.templates:  # compiling Material's templates costs more than rendering one page
        env.bytecode_cache = FileSystemBytecodeCache(job.templates)
    _add_theme_files(files, env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    session = _Session(
        job.session, config, files, nav, env, files.documentation_pages(inclusion=InclusionLevel.is_included)
    )
    if job.session:
        _SESSIONS[lang] = session
    return session, True


def _render(job: Job, out: Output) -> None:
    session, new = _open(job)
    # What lives as long as the session (its files, navigation, templates: about a million
    # objects at 3x1000) is kept out of the cycle collector's full passes, which went through
    # all of it again and again and were a fifth of a page's time at 3x1000 (none at 3x200).
    # Only a page's own garbage is collected while pages render. Unfrozen when the job ends, or,
    # for a cold build's processes (``Job.only``), by the build when all its parts are done.
    gc.freeze()
    config, files, nav, doc_files = session.config, session.files, session.nav, session.doc_files
    wanted = None if job.pages is None else set(job.pages)
    todo = [f for f in doc_files if wanted is None or f.src_uri in wanted]
    if new:
        session.env = config.plugins.on_env(session.env, config=config, files=files)
    env = session.env
    site = Path(config.site_dir)
    if job.theme:
        docs = Path(config.docs_dir).resolve()
        for file in files:
            if (
                file.is_documentation_page() or file.inclusion.value <= InclusionLevel.DRAFT.value
            ):  # drafts are not published
                continue
            if Path(file.src_dir or "").resolve() != docs:  # the docs' own files: the build links them
                file.copy_file()
                out.theme.append(file.dest_uri)
        for template in config.theme.static_templates:
            if template not in _OWN_SITEMAP:
                _build_theme_template(template, env, files, config, nav)
                if (site / template).is_file():
                    out.theme.append(template)
    # Each page is read, converted and written before the next (mkdocs converts them all first):
    # a worker held a whole part's HTML at once. No hook needs the other pages converted; the
    # navigation's titles are spelled out (vkc.site.langconfig), not read from converted pages.
    for file in todo:
        if file.page is None:
            Page(None, file, config)
        assert file.page is not None
        # Page.render, as _populate_page calls it, converts with the session's converter.
        file.page.render = functools.partial(_convert, file.page, session)  # type: ignore[method-assign]
        _populate_page(file.page, config, files)
        written = _build_page(file.page, config, doc_files, nav, env)
        out.pages[file.src_uri] = file.dest_uri
        if job.derive is not None:
            out.derived[file.dest_uri] = job.derive(file.dest_uri, written)
        # Written: its HTML and Markdown are not needed again (every title in the navigation
        # is spelled out, so none is read from a page's text; a kept session reads a page's
        # source again when it renders it again).
        file.page.content = None
        file.page.markdown = None
        file.page.toc = []  # type: ignore[assignment]
    config.plugins.on_post_build(config=config)


_BUILD_LOG = logging.getLogger("mkdocs.commands.build")


def _where(exc: Exception) -> str:
    """``file:line: `` of a template's syntax error, else nothing."""
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return f"{exc.filename}:{exc.lineno}: "
    return ""


def _build_page(page: Page, config: MkDocsConfig, doc_files: Sequence[File], nav: Navigation, env: Environment) -> str:
    """mkdocs 1.6's ``_build_page`` (without ``--dirty`` and drafts, which the build never asks
    for), returning the text it wrote: the build derives each page's check and search entries
    from it, and read every page back from the disk for them."""
    config._current_page = page
    try:
        page.active = True
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = config.plugins.on_post_page(template.render(context), page=page, config=config)
        data = output.encode("utf-8", errors="xmlcharrefreplace")
        if output.strip():
            os.makedirs(os.path.dirname(page.file.abs_dest_path), exist_ok=True)
            with open(page.file.abs_dest_path, "wb") as written:
                written.write(data)
        else:
            _BUILD_LOG.info(f"Page skipped: '{page.file.src_uri}'. Generated empty output.")
        return data.decode("utf-8")
    except Exception as exc:
        message = f"Error building page '{page.file.src_uri}':"
        if not isinstance(exc, BuildError):  # mkdocs' own errors were logged where they arose
            message += f" {_where(exc)}{exc}"
        _BUILD_LOG.error(message)
        raise
    finally:
        page.active = False
        config._current_page = None


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """``target`` becomes ``source``'s content: a hard link where the file system allows one."""
    try:
        try:
            os.link(source, target)
        except FileNotFoundError:  # the target's folder first (most calls go to an existing one)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.link(source, target)
    except FileNotFoundError:
        raise
    except OSError:
        shutil.copy2(source, target)
