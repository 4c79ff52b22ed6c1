"""Page generation: a pure function from the validated content to Markdown per language.

Why: the site must be the same tree in every language and must follow from the content
alone, so a given commit always builds the same pages. Nothing here touches the disk or
the clock; :mod:`vkc.site.build` writes the pages and runs mkdocs on them.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .. import model as m
from ..content import COLLECTIONS, Content
from ..i18n import format_partial, t
from ..model import LANGS, Lang, PartialDate
from ..numbering import guideline_numbers, numbered_title
from ..status_page import render_status_page
from . import markdown as md
from . import records
from .render import Ctx, heading, part_page, record_pages, stale_fallback_dates


@dataclass(frozen=True)
class Page:
    """One generated page in one language."""

    path: str
    """Path under the language's docs folder, the same in every language."""
    title: str
    """Navigation title, HTML-escaped (the theme inserts it as markup)."""
    markdown: str
    """The page, front matter included."""
    changed: str = ""
    """ISO date of the last change of what the page shows."""


Section = Callable[[Ctx], tuple[str, str]]
"""A page generator: (title, Markdown body) for one language."""


def generate_pages(
    content: Content,
    *,
    repo_url: str = "",
    changed: Mapping[str, PartialDate] | None = None,
    downloads: Sequence[str] = (),
) -> dict[str, dict[Lang, Page]]:
    """Every generated page, by path, in each language.

    ``changed`` maps a content file (relative to the content root) to the date it last
    changed; a page says it last changed on the latest date of the files it shows, or on
    the edition date when none is known. ``repo_url`` makes the "edit this page" link open
    the YAML file the page came from. ``downloads`` names the edition files (relative to
    ``downloads/``) that the About page lists.
    """
    pages_of = record_pages(content)
    generators: list[tuple[str, Section]] = [
        ("index.md", _home),
        ("guideline/index.md", _guideline_index),
        *[(part_page(p), _part_page(p)) for p in content.guideline.parts],
        ("indicators.md", records.indicators),
        ("project.md", records.projects),
        ("pilot.md", records.pilots),
        ("organizations.md", records.organizations),
        ("legal.md", records.legal_documents),
        ("glossary.md", records.glossary),
        ("sources.md", records.sources),
        ("about.md", _about_page(list(downloads))),
        ("translation-status.md", _translation_status),
    ]
    stale_since = stale_fallback_dates(content, changed or {})
    out: dict[str, dict[Lang, Page]] = {}
    for path, generate in generators:
        out[path] = {}
        for lang in LANGS:
            ctx = Ctx(content, lang, path, pages_of, stale_since=stale_since)
            title, body = generate(ctx)
            meta, last = _front_matter(ctx, title, repo_url, changed or {})
            body = re.sub(r"\n{3,}", "\n\n", body.strip())
            out[path][lang] = Page(path, title, f"{meta}\n{body}\n", last)
    return out


def nav_order(content: Content) -> list[str | tuple[str, list[str]]]:
    """The navigation: page paths in order, the guideline as a section."""
    guideline = ["guideline/index.md", *[part_page(p) for p in content.guideline.parts]]
    return [
        "index.md",
        ("guideline", guideline),
        "indicators.md",
        "project.md",
        "pilot.md",
        "organizations.md",
        "legal.md",
        "glossary.md",
        "sources.md",
        "about.md",
        "translation-status.md",
    ]


def _front_matter(ctx: Ctx, title: str, repo_url: str, changed: Mapping[str, PartialDate]) -> tuple[str, str]:
    dates = [changed[f] for f in sorted(ctx.files) if f in changed]
    last = max(dates, key=PartialDate.sort_key) if dates else ctx.content.publication.date
    meta: dict[str, str | bool] = {
        # An explicit title: otherwise mkdocs takes the h1's text, unescaped, and the theme
        # inserts it into <title> as markup.
        "title": title,
        "vkc_generated": True,
        "vkc_changed": format_partial(last, ctx.lang),
        "vkc_changed_iso": str(last),
    }
    if repo_url and ctx.files:
        # The file most of the page came from: the first in sorted order keeps it stable.
        meta["edit_url"] = f"{repo_url.rstrip('/')}/edit/main/content/{sorted(ctx.files)[0]}"
    # JSON strings are valid YAML scalars: no editor text can break out of the front matter.
    # ASCII with \u escapes: YAML refuses raw control characters (U+0087 in a title crashed
    # mkdocs' front-matter reader; found by tests/test_gates_fuzz.py).
    lines = [f"{key}: {json.dumps(value)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n", str(last)


def _publication_file(ctx: Ctx, key: str) -> None:
    origin = ctx.content.singleton_origins.get(key)
    if origin is not None:
        from .render import _relative

        ctx.files.add(_relative(ctx.content, origin.file.path))


def _home(ctx: Ctx) -> tuple[str, str]:
    pub = ctx.content.publication
    _publication_file(ctx, "publication")
    lines = [f"# {ctx.plain(pub.title)} {{#vkc-top}}", ""]
    if pub.subtitle:
        lines += [ctx.block(pub.subtitle), ""]
    lines += [
        f"*{md.escape(pub.edition.text(ctx.lang) or pub.edition.vi)} · {ctx.date(pub.date)}*",
        "",
        ctx.block(ctx.content.guideline.intro),
        "",
    ]
    for path, key in (
        ("guideline/index.md", "guideline"),
        ("indicators.md", "indicators"),
        ("project.md", "project"),
        ("pilot.md", "pilot"),
        ("organizations.md", "organizations"),
        ("legal.md", "legal"),
        ("glossary.md", "glossary"),
        ("sources.md", "sources"),
        ("about.md", "about"),
    ):
        lines.append(f"- [{t(key, ctx.lang)}]({ctx.href(path)})")
    lines += ["", f"> {md.inline(pub.notice.text(ctx.lang) or pub.notice.vi)}"]
    return t("home", ctx.lang), "\n".join(lines)


def _guideline_index(ctx: Ctx) -> tuple[str, str]:
    guideline = ctx.content.guideline
    _publication_file(ctx, "guideline")
    lines = [f"# {ctx.plain(guideline.title)} {{#vkc-top}}", "", ctx.block(guideline.intro), ""]
    lines += [f"## {t('contents', ctx.lang)} {{#vkc-contents}}", ""]
    numbers = guideline_numbers(guideline)
    for part in guideline.parts:
        label = md.escape(numbered_title(numbers[part.id], "", ctx.lang)) + ctx.plain(part.title)
        lines.append(f"- [{label}]({ctx.href(part_page(part))})")
        for chapter in part.chapters:
            lines.append(
                f"    - [{md.escape(numbers[chapter.id])} {ctx.plain(chapter.title)}]"
                f"({ctx.href(part_page(part), chapter.id)})"
            )
    return t("guideline", ctx.lang), "\n".join(lines)


def _part_page(part: m.Part) -> Section:
    def generate(ctx: Ctx) -> tuple[str, str]:
        _publication_file(ctx, "guideline")
        numbers = guideline_numbers(ctx.content.guideline)
        number = numbers[part.id]
        title = md.escape(numbered_title(number, "", ctx.lang)) + ctx.plain(part.title)
        lines = [
            heading(1, title, part.id),
            "",
            ctx.heading_note(part.title),
            "",
            ctx.block(part.intro),
            "",
            ctx.marks(part),
            "",
        ]
        for chapter in part.chapters:
            lines += _section(ctx, chapter, numbers, 2)
        plain_title = part.title.text(ctx.lang) or part.title.vi
        # Navigation titles reach the theme's templates unescaped: make them plain text.
        return html.escape(f"{number}. {' '.join(plain_title.split())}"), "\n".join(lines)

    return generate


def _section(ctx: Ctx, section: m.Section, numbers: dict[str, str], level: int) -> list[str]:
    label = f"{md.escape(numbers[section.id])} {ctx.plain(section.title)}"
    lines = [heading(level, label, section.id), ""]
    lines += [ctx.heading_note(section.title), ""]
    lines += [ctx.block(section.body), "", ctx.marks(section), ""]
    for sub in section.sections:
        lines += _section(ctx, sub, numbers, level + 1)
    return lines


def _about_page(downloads: list[str]) -> Section:
    def generate(ctx: Ctx) -> tuple[str, str]:
        title, body = _about(ctx)
        if downloads:
            body += f"\n\n## {t('editions', ctx.lang)} {{#vkc-editions}}\n\n" + ctx.file_links(downloads)
        return title, body

    return generate


def _about(ctx: Ctx) -> tuple[str, str]:
    pub = ctx.content.publication
    _publication_file(ctx, "publication")
    lines = [
        f"# {t('about', ctx.lang)} {{#vkc-top}}",
        "",
        f"## {t('authoritative', ctx.lang)} {{#vkc-authoritative}}",
        "",
        ctx.block(pub.notice),
        "",
        md.escape(t("languages_note", ctx.lang)),
        "",
        f"## {t('edition', ctx.lang)} {{#vkc-edition}}",
        "",
        f"- {t('edition', ctx.lang)}: {ctx.text(pub.edition)}",
        f"- {t('version', ctx.lang)}: {md.escape(pub.version)}",
        f"- {t('date', ctx.lang)}: {ctx.date(pub.date)}",
        f"- {t('publisher_label', ctx.lang)}: {ctx.text(pub.publisher)}",
        "",
        f"[{t('translation_status', ctx.lang)}]({ctx.href('translation-status.md')})",
        "",
        ctx.downloads(*sorted(COLLECTIONS), "guideline", "publication"),
    ]
    return t("about", ctx.lang), "\n".join(lines)


def _translation_status(ctx: Ctx) -> tuple[str, str]:
    body = render_status_page(ctx.content, ctx.lang).strip()
    if not body.startswith("# "):
        body = f"# {t('translation_status', ctx.lang)} {{#vkc-top}}\n\n{body}"
    return t("translation_status", ctx.lang), body
