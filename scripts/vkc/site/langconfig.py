"""What each language's mkdocs build is given: its configuration (derived from the top-level
mkdocs.yml), its navigation, the hand-written pages beside the generated ones, and the
dates pages last changed.

Why a module of its own: these are the inputs of a build, decided before mkdocs runs; the
build module only runs, checks and publishes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from ..content import Content
from ..diagnostics import ContentError, Diagnostic, display_path
from ..document.pages import nav_order
from ..i18n import LANG_NAMES, t, theme_words, words_for
from ..model import LANGS, Lang, PartialDate
from .langmark import localize_palette
from .page_markdown import Page
from .urls import tree_listing

PREFIXES: dict[str, str] = {"vi": "", "en": "en/", "ko": "ko/"}
"""Where each language lives in the published tree: Vietnamese at the root."""


def error(file: str, code: str, message: str, hint: str = "") -> ContentError:
    return ContentError([Diagnostic(file, 0, 0, code, message, hint=hint)])


def find_config(config: Path | None = None) -> Path:
    """The top-level mkdocs.yml: the one given, else ./mkdocs.yml, else the repository's."""
    for candidate in (config, Path("mkdocs.yml"), Path(__file__).resolve().parents[3] / "mkdocs.yml"):
        if candidate is not None and candidate.is_file():
            return candidate.resolve()
    raise error("mkdocs.yml", "site.no-config", "mkdocs.yml not found", "run from the repository root")


def git_state(folder: Path) -> str:
    """The commit and the uncommitted changes under ``folder``: what :func:`git_dates` reads."""
    if not folder.is_dir():
        return ""
    out = []
    for argv in (["rev-parse", "HEAD"], ["status", "--porcelain", "--", "."]):
        try:
            out.append(subprocess.run(["git", "-C", str(folder), *argv], capture_output=True, text=True).stdout)
        except OSError:
            out.append("")
    return "\0".join(out)


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
            ["git", "-C", str(folder), "diff", "--name-only", "--relative", "HEAD", "--", "."],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    changed = {line.strip() for line in dirty.splitlines() if line.strip()}
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
        # The listing without a Path per file: a build lists every hand-written page.
        out[lang] = {rel for rel in tree_listing(root) if not rel.rpartition("/")[2].startswith(".")}
    return out


def check_handwritten(docs: Path, hand: dict[str, set[str]], generated: dict[str, dict[Lang, Page]]) -> None:
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


def nav(
    lang: Lang,
    generated: dict[str, dict[Lang, Page]],
    content: Content,
    extra_pages: list[str],
    titles: dict[str, str] | None = None,
) -> list[Any]:
    """The navigation of one language; ``titles`` names the hand-written pages (from their h1),
    so that no page's title is read from another page's text while it is rendered."""
    nav: list[Any] = []
    for item in nav_order(content):
        if isinstance(item, tuple):
            key, paths = item
            nav.append({t(key, lang): [{generated[p][lang].title: p} for p in paths]})
        else:
            nav.append({generated[item][lang].title: item})
    # The What-changed pages of the versions, newest first (earlier versions' own pages stay
    # out of the navigation: they are reached from those pages and from their banners).
    changes = [p for p in generated if p.startswith("changes/")]
    if changes:
        # One page a version: bounded like the hand-written folders, so many versions do not
        # put many links on each What-changed page.
        nav.append({t("changes", lang): _bounded([{generated[p][lang].title: p} for p in changes])})
    if extra_pages:
        nav.append({t("site_help", lang): _titled(_folder_nav(extra_pages), titles or {})})
    return nav


NAV_FANOUT = 10
"""At most this many entries on one level of the hand-written pages' navigation (an index page
comes on top): a folder with more is split into groups, and groups into groups."""


def _folder_nav(paths: list[str]) -> list[Any]:
    """Hand-written pages as nested sections, one per folder (titles from the pages' h1), with at
    most :data:`NAV_FANOUT` entries a level.

    Why nested and bounded: with ``navigation.prune`` a page carries its own branch of the
    navigation expanded and, on each level of that branch, a link for every sibling. A folder
    of 50 sections put 50 links on each of its pages; split into groups of at most
    :data:`NAV_FANOUT`, a page carries at most that many a level, and a site ten times larger
    adds at most one level (every page is still reachable: a group is a section of links).
    """
    top: list[Any] = []
    folders: dict[str, list[str]] = {}
    for path in paths:
        head, sep, rest = path.partition("/")
        if sep:
            folders.setdefault(head, []).append(rest)
        else:
            top.append(path)
    # navigation.indexes makes a folder's index.md the page of its section when it comes first.
    top.sort(key=lambda path: path != "index.md")
    for folder, inner in folders.items():
        top.append({folder: [_prefix(folder, item) for item in _folder_nav(inner)]})
    return _bounded(top)


def _prefix(folder: str, item: Any) -> Any:
    if isinstance(item, str):
        return f"{folder}/{item}"
    return {key: [_prefix(folder, sub) for sub in value] for key, value in item.items()}


def _titled(items: list[Any], titles: dict[str, str]) -> list[Any]:
    """The navigation with each hand-written page under its own title, where it has one."""
    return [
        ({titles[item]: item} if item in titles else item)
        if isinstance(item, str)
        else {key: _titled(value, titles) for key, value in item.items()}
        for item in items
    ]


def _bounded(items: list[Any]) -> list[Any]:
    """``items`` in groups of near-equal size when there are more than :data:`NAV_FANOUT`, each
    group named after its first and last entry (nested as often as needed)."""
    # A folder's index.md (the page of its section) stays first, outside the groups.
    index = [i for i in items[:1] if isinstance(i, str) and PurePosixPath(i).name == "index.md"]
    rest = items[len(index) :]
    if len(rest) <= NAV_FANOUT:
        return items
    size = NAV_FANOUT
    while -(-len(rest) // size) > NAV_FANOUT:
        size *= NAV_FANOUT
    count = -(-len(rest) // size)
    groups = [rest[i * len(rest) // count : (i + 1) * len(rest) // count] for i in range(count)]
    return [*index, *({f"{_name(g[0])} – {_name(g[-1])}": _bounded(g)} for g in groups)]


def _name(item: Any) -> str:
    """A navigation entry's name in a group's: a folder's name, a page's file name."""
    return PurePosixPath(item).stem if isinstance(item, str) else str(next(iter(item)))


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
    theme = dict(base.get("theme") or {})
    theme["language"] = lang
    theme["palette"] = localize_palette(theme.get("palette"), lang)
    if base.get("hooks"):  # relative to mkdocs.yml, not to the per-language file in a temporary folder
        cfg["hooks"] = [str((config_dir / str(h)).resolve()) for h in base["hooks"]]
    if "custom_dir" in theme:
        theme["custom_dir"] = str((config_dir / theme["custom_dir"]).resolve())
    extra = dict(base.get("extra") or {})
    extra.update(
        vkc_langs=[{"code": code, "name": LANG_NAMES[code], "prefix": PREFIXES[code]} for code in LANGS],
        vkc_up="" if lang == "vi" else "../",
        vkc_prefix=PREFIXES[lang],
        vkc_root_url=root_url,
        vkc_root_path=urlsplit(root_url).path or "/",
        vkc_text=theme_words(lang),
        vkc_search_text=words_for("search_", lang),
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
        # Earlier versions' pages are published but not in the navigation.
        not_in_nav="/versions/",
        strict=True,
        # Marks Korean and Vietnamese words inside other languages with <span lang> (WCAG 3.1.2),
        # makes the theme's HTML valid, gives hand-written pages their head tags, and (last, on
        # the finished page) drops the templates' indentation and the theme's unused files.
        hooks=[str(Path(__file__).with_name(name)) for name in ("langmark.py", "htmlfix.py", "headhook.py", "lean.py")],
    )
    return cfg
