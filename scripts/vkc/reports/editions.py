"""Each edition as pandoc Markdown plus cover metadata: the edition's document, marked up.

Why: everything an edition says is decided in :mod:`vkc.document.editions`, without pandoc or
typst, so tests can read the Markdown directly and the renderers stay thin.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..content import Content
from ..document.editions import EDITION_KINDS, EditionDocument, EditionKind, edition_document, edition_plan
from ..document.training import handout_editions
from ..model import Lang, PartialDate
from .pandoc_markdown import edition_figures, edition_markdown

__all__ = ["EDITION_KINDS", "Edition", "EditionKind", "build_edition", "build_handouts", "edition_plan"]


@dataclass(frozen=True)
class Edition:
    """One printable edition before rendering: its document and the document as pandoc Markdown."""

    document: EditionDocument
    """What the edition says (kind, languages, cover, body)."""
    markdown: str
    """The body, pandoc Markdown (no metadata block: metadata is passed apart)."""
    metadata: dict[str, str]
    """Cover and running-header fields, each pandoc Markdown."""
    figures: dict[str, tuple[str, str]] = field(default_factory=dict)
    """SVG and caption of each figure, by the id its div in ``markdown`` names (PDF only)."""

    @property
    def kind(self) -> EditionKind:
        """guideline, project (the project report) or bilingual (Vietnamese beside ``lang``)."""
        return self.document.kind

    @property
    def lang(self) -> Lang:
        """Reader's language; for a bilingual edition, the language beside the Vietnamese."""
        return self.document.lang

    @property
    def title(self) -> str:
        """Plain-text title for the file's metadata."""
        return self.document.title

    @property
    def author(self) -> str:
        """Plain-text publisher for the file's metadata."""
        return self.document.author

    @property
    def doc_lang(self) -> Lang:
        """Language declared for the document (the PDF catalog's /Lang, the DOCX default)."""
        return self.document.doc_lang

    @property
    def date(self) -> tuple[int, int, int]:
        """Publication date (year, month, day): the document date, so builds are reproducible."""
        return self.document.date

    @property
    def stem(self) -> str:
        """File name without extension, e.g. ``guideline-ko``, ``project-report-en``, ``guideline-vi-ko``."""
        return self.document.stem


def build_edition(
    content: Content, kind: EditionKind, lang: Lang, stale_since: Mapping[int, PartialDate] | None = None
) -> Edition:
    """The Markdown and metadata of one edition (``lang`` may not be vi for ``bilingual``)."""
    return _marked_up(edition_document(content, kind, lang, stale_since))


def build_handouts(content: Content, stale_since: Mapping[int, PartialDate] | None = None) -> list[Edition]:
    """Every training handout (per course, language, trainer's and learner's), marked up."""
    return [_marked_up(doc) for doc in handout_editions(content, stale_since)]


def _marked_up(doc: EditionDocument) -> Edition:
    markdown, metadata = edition_markdown(doc.document)
    return Edition(doc, markdown, metadata, edition_figures(doc.document.blocks))
