"""Each edition as pandoc Markdown plus cover metadata: a pure function of the validated content.

Why: everything an edition says is decided here, without pandoc or typst, so tests can read
the Markdown directly and the renderers stay thin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..content import Content
from ..i18n import format_partial
from ..model import LANGS, Lang, Project
from .annexes import glossary_md, indicators_md, legal_documents_md, organizations_md, sources_md, timeline_md
from .bodies import bilingual_md, guideline_md, project_md
from .labels import label
from .markup import Ctx, esc

EditionKind = Literal["guideline", "project", "bilingual"]
EDITION_KINDS: tuple[EditionKind, ...] = ("guideline", "project", "bilingual")


@dataclass(frozen=True)
class Edition:
    """One printable edition before rendering."""

    kind: EditionKind
    """guideline, project (the project report) or bilingual (Vietnamese beside ``lang``)."""
    lang: Lang
    """Reader's language; for a bilingual edition, the language beside the Vietnamese."""
    markdown: str
    """The body, pandoc Markdown (no metadata block: metadata is passed apart)."""
    metadata: dict[str, str]
    """Cover and running-header fields, each pandoc Markdown."""
    title: str
    """Plain-text title for the file's metadata."""
    author: str
    """Plain-text publisher for the file's metadata."""
    doc_lang: Lang
    """Language declared for the document (the PDF catalog's /Lang, the DOCX default)."""
    date: tuple[int, int, int]
    """Publication date (year, month, day): the document date, so builds are reproducible."""

    @property
    def stem(self) -> str:
        """File name without extension, e.g. ``guideline-ko``, ``project-report-en``, ``guideline-vi-ko``."""
        if self.kind == "bilingual":
            return f"guideline-vi-{self.lang}"
        return f"{'guideline' if self.kind == 'guideline' else 'project-report'}-{self.lang}"


def edition_plan() -> list[tuple[EditionKind, Lang, tuple[str, ...]]]:
    """Every edition the site publishes, with its formats."""
    plan: list[tuple[EditionKind, Lang, tuple[str, ...]]] = []
    for kind in ("guideline", "project"):
        plan.extend((kind, lang, ("pdf", "docx")) for lang in LANGS)
    plan.extend(("bilingual", lang, ("pdf",)) for lang in ("en", "ko"))
    return plan


def build_edition(content: Content, kind: EditionKind, lang: Lang) -> Edition:
    """The Markdown and metadata of one edition (``lang`` may not be vi for ``bilingual``)."""
    if kind == "bilingual":
        if lang == "vi":
            raise ValueError("a bilingual edition pairs Vietnamese with en or ko")
        return _bilingual(content, lang)
    ctx = Ctx.make(content, lang)
    projects = content.collection("projects", Project)
    if kind == "guideline":
        parts = [guideline_md(ctx), indicators_md(ctx), timeline_md(ctx, projects), glossary_md(ctx), sources_md(ctx)]
    else:
        parts = [project_md(ctx, p) for p in projects]
        parts += [organizations_md(ctx), legal_documents_md(ctx), indicators_md(ctx), glossary_md(ctx), sources_md(ctx)]
    pub = content.publication
    kind_label = label("guideline" if kind == "guideline" else "project", lang)
    title_text, _ = ctx.text(pub.title)
    metadata = {
        "title": ctx.inline(pub.title),
        "kind-label": kind_label,
        "publisher": ctx.inline(pub.publisher),
        "edition": ctx.inline(pub.edition),
        "version": esc(pub.version),
        "date-text": esc(format_partial(pub.date, lang)),
        "notice": ctx.inline(pub.notice),
        "toc-title": ctx.word("contents"),
        "notice-label": ctx.word("notice"),
        "edition-label": ctx.word("edition"),
        "version-label": ctx.word("version"),
        "date-label": ctx.word("date"),
        "running-title": f"{ctx.inline(pub.title)} — {kind_label}",
    }
    if pub.subtitle:
        metadata["subtitle"] = ctx.inline(pub.subtitle)
    return Edition(
        kind,
        lang,
        "\n".join(p for p in parts if p),
        metadata,
        f"{title_text} — {kind_label}",
        ctx.text(pub.publisher)[0],
        lang,
        (pub.date.year, pub.date.month or 1, pub.date.day or 1),
    )


def _bilingual(content: Content, lang: Lang) -> Edition:
    vi, other = Ctx.make(content, "vi"), Ctx.make(content, lang)
    pub = content.publication
    both = {key: f"{label(key, 'vi')} / {label(key, lang)}" for key in ("glossary", "sources")}
    parts = [bilingual_md(vi, other), glossary_md(vi, title=both["glossary"]), sources_md(vi, title=both["sources"])]
    pair_name = {"en": "Việt – Anh / Vietnamese – English", "ko": "Việt – Hàn / 베트남어 – 한국어"}[lang]
    metadata = {
        "title": vi.inline(pub.title),
        "subtitle": other.inline(pub.title),
        "kind-label": f"{label('guideline', 'vi')} / {label('guideline', lang)} — {pair_name}",
        "publisher": f"{vi.inline(pub.publisher)} / {other.inline(pub.publisher)}",
        "edition": f"{vi.inline(pub.edition)} / {other.inline(pub.edition)}",
        "version": esc(pub.version),
        "date-text": f"{esc(format_partial(pub.date, 'vi'))} / {esc(format_partial(pub.date, lang))}",
        "notice": f"{vi.inline(pub.notice)} {other.inline(pub.notice)}",
        "toc-title": f"{label('contents', 'vi')} / {label('contents', lang)}",
        "notice-label": f"{label('notice', 'vi')} / {label('notice', lang)}",
        "edition-label": f"{label('edition', 'vi')} / {label('edition', lang)}",
        "version-label": f"{label('version', 'vi')} / {label('version', lang)}",
        "date-label": f"{label('date', 'vi')} / {label('date', lang)}",
        "running-title": f"{vi.inline(pub.title)} — {label('bilingual', 'vi')} / {label('bilingual', lang)}",
    }
    return Edition(
        "bilingual",
        lang,
        "\n".join(p for p in parts if p),
        metadata,
        f"{pub.title.vi} — {label('bilingual', 'vi')} ({pair_name})",
        pub.publisher.vi,
        "vi",
        (pub.date.year, pub.date.month or 1, pub.date.day or 1),
    )
