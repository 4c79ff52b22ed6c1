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
import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content import Content, load_content
from ..diagnostics import ContentError, Diagnostic, display_path, has_errors
from ..model import LANGS, Lang, PartialDate
from .check import PageScan, check_site, scan_tree
from .data import write_open_data
from .i18n import LANG_NAMES
from .pages import Page, generate_pages, nav_order
from .publish import staging_dir, swap_in
from .sitemap import write_sitemap

PREFIXES: dict[str, str] = {"vi": "", "en": "en/", "ko": "ko/"}
"""Where each language lives in the published tree: Vietnamese at the root."""

_TEXT: dict[Lang, dict[str, str]] = {
    "vi": {
        "last_changed": "Cập nhật lần cuối",
        "report_error": "Báo lỗi trên trang này",
        "not_found_title": "Không tìm thấy trang",
        "not_found_body": "Trang bạn tìm không tồn tại hoặc đã được chuyển đi. Chọn trang chủ:",
        "more": "Thông tin thêm",
    },
    "en": {
        "last_changed": "Last changed",
        "report_error": "Report an error on this page",
        "not_found_title": "Page not found",
        "not_found_body": "The page you are looking for does not exist or has moved. Go to a home page:",
        "more": "More",
    },
    "ko": {
        "last_changed": "최종 수정",
        "report_error": "이 페이지의 오류 신고",
        "not_found_title": "페이지를 찾을 수 없습니다",
        "not_found_body": "찾으시는 페이지가 없거나 이동되었습니다. 홈페이지로 이동:",
        "more": "더 보기",
    },
}


@dataclass
class BuildResult:
    """What a build published, with timings."""

    out: Path
    pages: int
    """HTML pages per language."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall time of each step."""


def _error(file: str, code: str, message: str, hint: str = "") -> ContentError:
    return ContentError([Diagnostic(file, 0, 0, code, message, hint=hint)])


def find_config(config: Path | None = None) -> Path:
    """The top-level mkdocs.yml: the one given, else ./mkdocs.yml, else the repository's."""
    for candidate in (config, Path("mkdocs.yml"), Path(__file__).resolve().parents[3] / "mkdocs.yml"):
        if candidate is not None and candidate.is_file():
            return candidate.resolve()
    raise _error("mkdocs.yml", "site.no-config", "mkdocs.yml not found", "run from the repository root")


def git_dates(folder: Path) -> dict[str, PartialDate]:
    """Date of the last commit touching each file under ``folder`` (relative paths).

    Why git and not mtimes: a given commit must always build the same pages. Files with
    uncommitted changes or outside a repository have no date (the page falls back to the
    edition date).
    """
    if not folder.is_dir():
        return {}
    try:
        log = subprocess.run(
            ["git", "-C", str(folder), "log", "--format=%x00%cs", "--name-only", "--relative", "--", "."],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        dirty = subprocess.run(
            ["git", "-C", str(folder), "status", "--porcelain", "--untracked-files=all", "--relative", "--", "."],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    changed = {line[3:].strip() for line in dirty.splitlines() if len(line) > 3}
    dates: dict[str, PartialDate] = {}
    for block in log.split("\x00")[1:]:
        lines = block.strip().splitlines()
        if not lines:
            continue
        day = PartialDate.parse(lines[0])
        for name in lines[1:]:
            if name and name not in dates:
                dates[name] = day
    return {name: day for name, day in dates.items() if name not in changed}


def handwritten(docs: Path) -> dict[str, set[str]]:
    """Hand-written files per language (relative paths); every page must exist in all three."""
    out: dict[str, set[str]] = {}
    for lang in LANGS:
        root = docs / lang
        out[lang] = (
            {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")}
            if root.is_dir()
            else set()
        )
    return out


def _check_handwritten(docs: Path, hand: dict[str, set[str]], generated: dict[str, dict[Lang, Page]]) -> None:
    diags: list[Diagnostic] = []
    for lang in LANGS:
        for rel in sorted(hand[lang]):
            if rel in generated:
                diags.append(
                    Diagnostic(
                        display_path(docs / lang / rel),
                        0,
                        0,
                        "site.collision",
                        f"hand-written page {display_path(docs / lang / rel)} collides with the generated page "
                        f"{rel} (generated from the content)",
                        hint="rename the hand-written page; generated pages cannot be overridden",
                    )
                )
            for other in LANGS:
                if rel.endswith(".md") and rel not in hand[other]:
                    diags.append(
                        Diagnostic(
                            display_path(docs / lang / rel),
                            0,
                            0,
                            "site.missing-language",
                            f"hand-written page {rel} has no {other} version ({display_path(docs / other / rel)})",
                            hint="every page exists in vi, en and ko at the same path",
                        )
                    )
    if diags:
        raise ContentError(diags)


def _nav(lang: Lang, generated: dict[str, dict[Lang, Page]], content: Content, extra_pages: list[str]) -> list[Any]:
    nav: list[Any] = []
    for item in nav_order(content):
        if isinstance(item, tuple):
            key, paths = item
            from .i18n import t

            nav.append({t(key, lang): [{generated[p][lang].title: p} for p in paths]})
        else:
            nav.append({generated[item][lang].title: item})
    if extra_pages:
        nav.append({_TEXT[lang]["more"]: _folder_nav(extra_pages)})
    return nav


def _folder_nav(paths: list[str]) -> list[Any]:
    """Hand-written pages as nested sections, one per folder (titles from the pages' h1).

    Why nested: with ``navigation.prune`` a page then carries only its own folder's links,
    which keeps HTML per page small when there are many hand-written pages.
    """
    top: list[Any] = []
    folders: dict[str, list[str]] = {}
    for path in paths:
        head, sep, rest = path.partition("/")
        if sep:
            folders.setdefault(head, []).append(rest)
        else:
            top.append(path)
    for folder, inner in folders.items():
        top.append({folder: [_prefix(folder, item) for item in _folder_nav(inner)]})
    return top


def _prefix(folder: str, item: Any) -> Any:
    if isinstance(item, str):
        return f"{folder}/{item}"
    return {key: [_prefix(folder, sub) for sub in value] for key, value in item.items()}


def language_config(
    base: dict[str, Any],
    config_dir: Path,
    lang: Lang,
    docs_dir: Path,
    site_dir: Path,
    nav: list[Any],
    site_name: str,
    hand_dates: dict[str, str],
) -> dict[str, Any]:
    """The mkdocs configuration of one language, derived from the top-level one."""
    cfg = dict(base)
    root_url = str(base.get("site_url") or "https://example.org/")
    root_url = root_url if root_url.endswith("/") else root_url + "/"
    from urllib.parse import urlsplit

    theme = dict(base.get("theme") or {})
    theme["language"] = lang
    if "custom_dir" in theme:
        theme["custom_dir"] = str((config_dir / theme["custom_dir"]).resolve())
    extra = dict(base.get("extra") or {})
    extra.update(
        vkc_langs=[{"code": code, "name": LANG_NAMES[code], "prefix": PREFIXES[code]} for code in LANGS],
        vkc_up="" if lang == "vi" else "../",
        vkc_prefix=PREFIXES[lang],
        vkc_root_url=root_url,
        vkc_root_path=urlsplit(root_url).path or "/",
        vkc_text=_TEXT[lang],
        vkc_changed=hand_dates,
    )
    cfg.update(
        site_name=site_name,
        site_url=root_url + PREFIXES[lang],
        docs_dir=str(docs_dir),
        site_dir=str(site_dir),
        theme=theme,
        nav=nav,
        extra=extra,
        edit_uri=f"edit/main/docs/{lang}/",
        strict=True,
    )
    return cfg


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


@contextmanager
def _timer(result: BuildResult, name: str) -> Iterator[None]:
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
        generated = generate_pages(content, repo_url=str(base.get("repo_url") or ""), changed=git_dates(content_dir))
        hand = handwritten(docs)
        _check_handwritten(docs, hand, generated)
        hand_dates = {k: v for k, v in git_dates(docs).items()}
    staging = staging_dir(out)
    try:
        with tempfile.TemporaryDirectory(prefix="vkc-docs-") as tmp:
            configs = []
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
                    from .i18n import format_partial

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
                        _nav(lang, generated, content, extra_pages),
                        # The theme inserts site_name as markup (no autoescape): plain text only.
                        html.escape(
                            " ".join((content.publication.title.text(lang) or content.publication.title.vi).split())
                        ),
                        dates,
                    )
                    cfg_path = Path(tmp) / f"mkdocs-{lang}.yml"
                    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
                    configs.append(str(cfg_path))
            with _timer(result, "mkdocs"):
                count = workers or min(len(LANGS), os.cpu_count() or 1)
                if count > 1:
                    with ProcessPoolExecutor(max_workers=count) as pool:
                        outcomes = list(pool.map(_build_one, configs))
                else:
                    outcomes = [_build_one(c) for c in configs]
            problems = [f"[{lang}] {msg}" for lang, (msgs, _, _) in zip(LANGS, outcomes, strict=True) for msg in msgs]
            if problems:
                raise _error("mkdocs.yml", "site.mkdocs", "mkdocs build failed:\n  " + "\n  ".join(problems))
        with _timer(result, "assemble"):
            scans: dict[str, PageScan] = {}
            for lang, (_, lang_scans, _) in zip(LANGS, outcomes, strict=True):
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
            for lang in ("en", "ko"):  # one sitemap for the whole site, with alternates
                for name in ("sitemap.xml", "sitemap.xml.gz"):
                    (staging / PREFIXES[lang] / name).unlink(missing_ok=True)
            write_sitemap(
                staging, base, sorted(generated) + sorted(p for p in hand["vi"] if p.endswith(".md")), generated
            )
        with _timer(result, "downloads"):
            from ..glossary_export import write_glossary_exports
            from ..reports import write_editions

            downloads = staging / "downloads"
            downloads.mkdir(exist_ok=True)
            if editions:
                try:
                    write_editions(content, downloads)
                    write_glossary_exports(content, downloads)
                except ContentError:
                    raise
                except Exception as exc:  # another renderer's failure: report it, publish nothing
                    raise _error("downloads", "site.editions", f"writing the editions failed: {exc}") from exc
            write_open_data(content, downloads)
        with _timer(result, "search"):
            from ..search import write_offline, write_search

            web_root = str(base.get("site_url") or "https://example.org/")
            write_search(staging, content, PREFIXES, web_root)
            write_offline(staging, PREFIXES, web_root)
        with _timer(result, "check"):
            found = check_site(staging, scans, {k: v for k, v in PREFIXES.items()})
            if found:
                shown = found[:50] + ([f"... and {len(found) - 50} more"] if len(found) > 50 else [])
                raise _error(display_path(out), "site.check", "the built site has problems:\n  " + "\n  ".join(shown))
        with _timer(result, "swap"):
            swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return result
