"""`vkc build`: generated pages + hand-written pages -> one mkdocs build per language ->
checked staging tree -> atomic swap.

Why one build per language (not mkdocs-static-i18n): each language gets Material's
interface strings, its own search index and a lean navigation; the three builds run in
parallel processes, and each tree is plain mkdocs output that Material's successor can
build too. The top-level mkdocs.yml stays the one place for theme settings; only what
differs per language is overridden here.
"""

from __future__ import annotations

import html
import importlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content import load_content
from ..diagnostics import ContentError, display_path, has_errors
from ..faults import fault_point
from ..model import LANGS
from .check import PageScan, check_site, scan_tree
from .data import write_open_data
from .langconfig import (
    PREFIXES,
    check_handwritten,
    error,
    find_config,
    git_dates,
    handwritten,
    language_config,
    nav,
)
from .pages import generate_pages
from .publish import staging_dir, swap_in
from .reuse import input_digest, output_files, read_manifest, reuse, write_manifest
from .sitemap import write_sitemap


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


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _build_one(config_path: str) -> tuple[list[str], dict[str, PageScan], float]:
    """Run mkdocs on one language (in a worker process); return warnings, scans, seconds."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
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
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    importlib.import_module("material")  # untyped: imported by name
    import mkdocs.commands.build
    import mkdocs.config
    import mkdocs.structure.pages  # noqa: F401


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
    result = BuildResult(out=out, pages=0)
    with _timer(result, "load"):
        content, diags = load_content(content_dir)
        if content is None or has_errors(diags):
            raise ContentError(diags)
    config_path = find_config(config)
    base = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    docs = docs or config_path.parent / str(base.get("docs_dir") or "docs")
    with _timer(result, "generate"):
        changed = git_dates(content_dir)
        generated = generate_pages(content, repo_url=str(base.get("repo_url") or ""), changed=changed)
        hand = handwritten(docs)
        check_handwritten(docs, hand, generated)
        hand_dates = {k: v for k, v in git_dates(docs).items()}
    staging = staging_dir(out)
    try:
        with _timer(result, "downloads"):
            from ..glossary_export import write_glossary_exports
            from ..reports import write_editions

            downloads = staging / "downloads"
            downloads.mkdir(exist_ok=True)
            files: list[Path] = []
            if editions:
                try:
                    files += write_editions(content, downloads)
                    files += write_glossary_exports(content, downloads)
                except ContentError:
                    raise
                except Exception as exc:  # another renderer's failure: report it, publish nothing
                    raise error("downloads", "site.editions", f"writing the editions failed: {exc}") from exc
            write_open_data(content, downloads)
            from .langmark import write_headers

            write_headers(staging, str((base.get("extra") or {}).get("vkc_csp") or ""))
            if files:  # the About page lists the editions: generate again, now that they exist
                root = downloads.resolve()
                names = sorted(
                    p.resolve().relative_to(root).as_posix() for p in files if p.resolve().is_relative_to(root)
                )
                generated = generate_pages(
                    content, repo_url=str(base.get("repo_url") or ""), changed=changed, downloads=names
                )
        with tempfile.TemporaryDirectory(prefix="vkc-docs-") as tmp:
            configs: list[str] = []
            to_build: list[str] = []
            digests: dict[str, str] = {}
            reused: dict[str, tuple[list[str], dict[str, PageScan]]] = {}
            previous = read_manifest(out.resolve())
            with _timer(result, "write"):
                for lang in LANGS:
                    lang_docs = Path(tmp) / lang
                    if (docs / lang).is_dir():
                        shutil.copytree(docs / lang, lang_docs)
                    for path, per_lang in generated.items():
                        target = lang_docs / path
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_text(per_lang[lang].markdown, encoding="utf-8")
                    extra_pages = sorted(p for p in hand[lang] if p.endswith(".md"))
                    from ..i18n import format_partial

                    dates = {
                        rel[len(lang) + 1 :]: format_partial(day, lang)
                        for rel, day in hand_dates.items()
                        if rel.startswith(f"{lang}/")
                    }
                    cfg = language_config(
                        base,
                        config_path.parent,
                        lang,
                        lang_docs,
                        staging / f".build-{lang}",
                        nav(lang, generated, content, extra_pages),
                        # The theme inserts site_name as markup (no autoescape): plain text only.
                        html.escape(
                            " ".join((content.publication.title.text(lang) or content.publication.title.vi).split())
                        ),
                        dates,
                    )
                    cfg_path = Path(tmp) / f"mkdocs-{lang}.yml"
                    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
                    theme_dir = cfg["theme"].get("custom_dir")
                    digests[lang] = input_digest(cfg, lang_docs, Path(theme_dir) if theme_dir else None)
                    linked = reuse(out, PREFIXES[lang], previous.get(lang), digests[lang], staging / f".build-{lang}")
                    if linked is None:
                        configs.append(str(cfg_path))
                        to_build.append(lang)
                    else:
                        reused[lang] = (linked, scan_tree(staging / f".build-{lang}"))
            with _timer(result, "mkdocs"):
                # One process per language as soon as there are two cores: three builds
                # sharing two cores finish sooner than two rounds of two.
                count = min(workers or (len(LANGS) if (os.cpu_count() or 1) > 1 else 1), len(configs))
                if count > 1:
                    _preload()  # forked workers inherit mkdocs and the theme already imported
                    with ProcessPoolExecutor(max_workers=count) as pool:
                        outcomes = list(pool.map(_build_one, configs))
                else:
                    outcomes = [_build_one(c) for c in configs]
            problems = [
                f"[{lang}] {msg}" for lang, (msgs, _, _) in zip(to_build, outcomes, strict=True) for msg in msgs
            ]
            if problems:
                raise error("mkdocs.yml", "site.mkdocs", "mkdocs build failed:\n  " + "\n  ".join(problems))
            built_scans = {lang: scans for lang, (_, scans, _) in zip(to_build, outcomes, strict=True)}
            result.rebuilt = list(to_build)
            manifest: dict[str, dict[str, Any]] = {
                lang: {
                    "digest": digests[lang],
                    "files": reused[lang][0] if lang in reused else output_files(staging / f".build-{lang}"),
                }
                for lang in LANGS
            }
        with _timer(result, "assemble"):
            scans: dict[str, PageScan] = {}
            for lang in LANGS:
                lang_scans = reused[lang][1] if lang in reused else built_scans[lang]
                built = staging / f".build-{lang}"
                dest = staging / PREFIXES[lang] if PREFIXES[lang] else staging
                if PREFIXES[lang]:
                    os.rename(built, dest)
                else:
                    for entry in built.iterdir():
                        os.rename(entry, staging / entry.name)
                    built.rmdir()
                scans.update({PREFIXES[lang] + name: scan for name, scan in lang_scans.items()})
                result.pages = sum(1 for name in lang_scans if name != "404.html")
            write_manifest(staging, manifest)
            for lang in ("en", "ko"):  # one sitemap for the whole site, with alternates
                for name in ("sitemap.xml", "sitemap.xml.gz"):
                    (staging / PREFIXES[lang] / name).unlink(missing_ok=True)
            write_sitemap(
                staging, base, sorted(generated) + sorted(p for p in hand["vi"] if p.endswith(".md")), generated
            )
        with _timer(result, "search"):
            from ..search import write_offline, write_search

            web_root = str(base.get("site_url") or "https://example.org/")
            write_search(staging, content, PREFIXES, web_root)
            write_offline(staging, PREFIXES, web_root)
        with _timer(result, "check"):
            found = check_site(staging, scans, {k: v for k, v in PREFIXES.items()})
            if found:
                shown = found[:50] + ([f"... and {len(found) - 50} more"] if len(found) > 50 else [])
                raise error(display_path(out), "site.check", "the built site has problems:\n  " + "\n  ".join(shown))
        with _timer(result, "swap"):
            swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result
