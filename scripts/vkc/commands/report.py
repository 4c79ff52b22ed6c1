"""`vkc report`: render one printable edition (PDF or DOCX) of the content."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content import load_content
from ..diagnostics import ContentError
from . import add_content_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `report`."""
    report = sub.add_parser(
        "report",
        help="render one edition as PDF or DOCX",
        description="Render the guideline, the project report, or the bilingual guideline "
        "(Vietnamese beside --lang) as PDF or DOCX.",
    )
    add_content_option(report)
    report.add_argument("--lang", choices=("vi", "en", "ko"), default="vi", help="language (default: vi)")
    report.add_argument("--format", choices=("pdf", "docx"), default="pdf", help="output format (default: pdf)")
    report.add_argument(
        "--edition",
        choices=("guideline", "project", "bilingual"),
        default="guideline",
        help="guideline, project (the VKC project report) or bilingual (Vietnamese beside --lang)",
    )
    report.add_argument("--out", type=Path, metavar="FILE", help="file to write (default: the published file name)")
    report.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    """Render the edition; exit 1 on invalid content, a missing font or a render failure."""
    from ..reports import ReportError, build_edition, render_docx, render_pdf

    if args.edition == "bilingual" and args.lang == "vi":
        print("error: a bilingual edition pairs Vietnamese with --lang en or --lang ko", file=sys.stderr)
        return 2
    content, diagnostics = load_content(args.content)
    if content is None:
        raise ContentError(diagnostics)
    edition = build_edition(content, args.edition, args.lang)
    out: Path = args.out or Path(f"{edition.stem}.{args.format}")
    try:
        data = render_pdf(edition) if args.format == "pdf" else render_docx(edition)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(f"wrote {out} ({len(data):,} bytes)")
    return 0
