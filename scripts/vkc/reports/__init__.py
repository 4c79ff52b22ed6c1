"""Printable editions (PDF and DOCX) of the guideline and the project report.

Interface used by the site build: :func:`write_editions` writes every edition of the
content into the `downloads/` folder of the tree being published. `vkc report` renders one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..content import Content
from ..document.training import HANDOUT_FORMATS
from ..model import PartialDate
from .editions import EDITION_KINDS, Edition, EditionKind, build_edition, build_handouts, edition_plan
from .render import FONT_DIRS, ReportError, font_set, render_docx, render_pdf

__all__ = [
    "EDITION_KINDS",
    "Edition",
    "EditionKind",
    "ReportError",
    "build_edition",
    "build_handouts",
    "edition_plan",
    "render_docx",
    "render_outputs",
    "render_pdf",
    "write_editions",
]


def render_outputs(
    content: Content, font_dirs: tuple[str, ...] = FONT_DIRS, stale_since: Mapping[int, PartialDate] | None = None
) -> dict[str, bytes]:
    """Every published edition, rendered: ``{"guideline-vi.pdf": bytes, …}``.

    Why threads: about half the work is pandoc, a child process, which runs beside the
    Typst compilations; Typst holds the interpreter lock, so compilations take turns. A
    process pool (forkserver, two workers) was measured slower on the shipped content
    (4.5-5.4 s against 3.9-4.1 s with threads on a loaded 2-core machine): starting the
    workers and loading the fonts twice costs more than the parallel compilations save.
    """
    font_set(font_dirs)  # fail early, once, when a font is missing
    jobs: list[tuple[str, Callable[[], bytes]]] = []
    editions = [(build_edition(content, kind, lang, stale_since), formats) for kind, lang, formats in edition_plan()]
    editions += [(handout, HANDOUT_FORMATS) for handout in build_handouts(content, stale_since)]
    for edition, formats in editions:
        for fmt in formats:
            if fmt == "pdf":
                jobs.append((f"{edition.stem}.pdf", _pdf_job(edition, font_dirs)))
            else:
                jobs.append((f"{edition.stem}.docx", _docx_job(edition)))
    # PDFs take longest: start them first so the DOCX jobs fill the gaps.
    jobs.sort(key=lambda job: not job[0].endswith(".pdf"))
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = [(name, pool.submit(job)) for name, job in jobs]
        return {name: future.result() for name, future in sorted(futures)}


def _pdf_job(edition: Edition, font_dirs: tuple[str, ...]) -> Callable[[], bytes]:
    return lambda: render_pdf(edition, font_dirs)


def _docx_job(edition: Edition) -> Callable[[], bytes]:
    return lambda: render_docx(edition)


def write_editions(
    content: Content, downloads: Path, stale_since: Mapping[int, PartialDate] | None = None
) -> list[Path]:
    """Write all editions into ``downloads``; returns the files written, sorted by name.

    Raises :class:`ReportError` (e.g. a missing font) before writing anything.
    """
    outputs = render_outputs(content, stale_since=stale_since)
    downloads.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in outputs.items():
        path = downloads / name
        path.parent.mkdir(parents=True, exist_ok=True)  # handouts go under training/
        path.write_bytes(data)
        written.append(path)
    return written
