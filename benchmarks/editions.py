"""Speed of the printable editions.

Goal (issue 6): every edition of the shipped content in under 10 s together. Also timed: a
synthetic guideline of about 200 pages, to show how the PDF route scales. The synthetic text
is assembled from the benchmarks' word list; it is never published and states nothing.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from vkc.content import Content, load_content
from vkc.model import Chapter, Guideline, LocalizedText, Part, PartialDate, Publication, Section, Source
from vkc.reports import build_edition, edition_plan, render_docx, render_outputs, render_pdf
from vkc.walk import nested_records

from . import REPO, Row
from .corpus import words


def _text(vocabulary: tuple[str, ...], count: int, seed: int) -> str:
    return " ".join(vocabulary[(seed * 7 + i * 3) % len(vocabulary)] for i in range(count)).capitalize() + "."


def synthetic_content(parts: int = 8, chapters: int = 5, sections: int = 11) -> Content:
    """A valid content object with a guideline of ``parts × chapters × sections`` sections.

    With the defaults (440 sections of three paragraphs in Vietnamese and Korean) the
    Vietnamese guideline edition is about 200 A4 pages.
    """

    def body(seed: int) -> LocalizedText:
        vi = "\n\n".join(_text(words("vi"), 90, seed + k) for k in range(3))
        ko = "\n\n".join(_text(words("ko"), 60, seed + k) for k in range(3))
        return LocalizedText(vi=vi, ko=ko)

    def title(seed: int) -> LocalizedText:
        return LocalizedText(vi=_text(words("vi"), 4, seed), en=f"Section {seed}", ko=_text(words("ko"), 3, seed))

    source = Source(id="src-synthetic", title="Synthetic", publisher="Benchmark", language="en", confidence="low")
    part_list = []
    for p in range(parts):
        chapter_list = []
        for c in range(chapters):
            subs = [
                Section(id=f"s-{p}-{c}-{s}", title=title(s), body=body(p + c + s), illustrative=True)
                for s in range(sections)
            ]
            chapter_list.append(Chapter(id=f"c-{p}-{c}", title=title(c), sections=subs, sources=[source.id]))
        part_list.append(Part(id=f"p-{p}", title=title(p), chapters=chapter_list, illustrative=True))
    text = LocalizedText(vi="Bản thử nghiệm", en="Benchmark", ko="벤치마크")
    publication = Publication(
        title=text, publisher=text, edition=text, version="0", date=PartialDate(2026, 1, 1), notice=text
    )
    guideline = Guideline(id="guideline", title=text, intro=text, parts=part_list)
    by_id = {record.id: record for root in (source, guideline) for _, record in nested_records(root)}
    return Content(
        root=Path("synthetic"), publication=publication, guideline=guideline, records={"sources": [source]}, by_id=by_id
    )


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def bench_reports() -> list[Row]:
    """Rows ``{"name", "value", "unit", "baseline", "goal"}`` for the editions.

    Times the repository's ``content/`` (the shipped content). The baseline of the
    all-editions row is the same work done one output after another (no threads),
    measured in the same run.
    """
    rows: list[Row] = []
    content, _ = load_content(REPO / "content")
    label = "content/"
    if content is None:  # measure something real even before the content is valid
        content, _ = load_content(REPO / "tests" / "fixtures" / "mini")
        label = "tests/fixtures/mini (content/ is not valid)"
    assert content is not None
    render_outputs(content)  # warm up: fonts, pandoc binary in the page cache
    start = time.perf_counter()
    outputs = render_outputs(content)
    parallel = time.perf_counter() - start
    start = time.perf_counter()
    for kind, lang, formats in edition_plan():
        edition = build_edition(content, kind, lang)
        for fmt in formats:
            render_pdf(edition) if fmt == "pdf" else render_docx(edition)
    sequential = time.perf_counter() - start
    pages = sum(_pages(data) for name, data in outputs.items() if name.endswith(".pdf"))
    rows.append(
        {
            "name": f"reports: all {len(outputs)} editions of {label} ({pages} PDF pages), 2 threads",
            "value": round(parallel, 2),
            "unit": "s",
            "baseline": round(sequential, 2),
            "goal": 10.0,
        }
    )
    synthetic = synthetic_content()
    start = time.perf_counter()
    pdf = render_pdf(build_edition(synthetic, "guideline", "vi"))
    elapsed = time.perf_counter() - start
    rows.append(
        {
            "name": f"reports: synthetic guideline PDF, {_pages(pdf)} pages (vi)",
            "value": round(elapsed, 2),
            "unit": "s",
            # toolchain.md measured 2.1 s for 106 pages of plain Markdown; scaled to this size.
            "baseline": round(2.1 * _pages(pdf) / 106, 2),
            "goal": None,
        }
    )
    return rows
