"""Render an edition: pandoc Markdown -> Typst -> PDF (in-process), or -> DOCX.

Why this route (measured in ../shared/research/toolchain.md): pandoc to Typst compiled by
the ``typst`` package took about 0.2 s in-process for 11 pages, against 2 s for WeasyPrint and
5 s (plus 500 MB of TeX) for xelatex, and extracts Vietnamese and Hangul text exactly.
Pandoc comes from pypandoc-binary because Debian's pandoc predates the Typst writer.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import os
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pypandoc  # type: ignore[import-untyped]  # no stubs; only get_pandoc_path() is used
import typst

from .docx_fix import fix_docx
from .docx_reference import reference_docx
from .editions import Edition

HERE = Path(__file__).parent
TEMPLATE = HERE / "edition.typ"
FILTER = HERE / "filters.lua"
FONT_DIRS: tuple[str, ...] = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto")
"""Debian fonts-noto-cjk and fonts-noto-core; nothing else (system fonts are ignored)."""
REQUIRED_FAMILIES = ("Noto Serif", "Noto Sans", "Noto Serif CJK KR", "Noto Sans CJK KR")
READER = (
    "markdown-raw_html-native_divs-native_spans-raw_tex-raw_attribute-tex_math_dollars-tex_math_single_backslash"
    "-citations-footnotes-inline_notes-yaml_metadata_block-implicit_figures-example_lists-smart"
)
"""Pandoc Markdown without raw Typst/HTML/TeX, math, citations or metadata blocks (untrusted text),
and without smart typography: quotes, dashes and "..." print as written, as on the site."""


class ReportError(Exception):
    """An edition could not be rendered (missing font, pandoc or Typst failure)."""


@functools.cache
def font_set(dirs: tuple[str, ...] = FONT_DIRS) -> typst.Fonts:
    """The fonts found in ``dirs``, loaded once per process and reused by every compilation.

    Raises :class:`ReportError` naming the Debian packages when a required family is missing:
    a missing font must fail the build, not print empty boxes.
    """
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=list(dirs))
    families = set(fonts.families())
    missing = [f for f in REQUIRED_FAMILIES if f not in families]
    if missing:
        raise ReportError(
            f"missing font families {', '.join(missing)} in {', '.join(dirs)}; "
            "install them with: apt-get install fonts-noto-core fonts-noto-cjk"
        )
    return fonts


def _epoch(edition: Edition) -> int:
    year, month, day = edition.date
    return int(datetime.datetime(year, month, day, tzinfo=datetime.UTC).timestamp())


def pandoc(edition: Edition, to: str, extra: Sequence[str] = ()) -> bytes:
    """Run pandoc on the edition's Markdown with its metadata, the filter and ``extra`` options."""
    with tempfile.TemporaryDirectory(prefix="vkc-report-") as tmp:
        meta = Path(tmp) / "meta.yaml"
        # JSON strings are YAML scalars; pandoc reads metadata-file values as Markdown.
        meta.write_text(
            "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in edition.metadata.items())
            + f"\nlang: {edition.doc_lang}\n",
            encoding="utf-8",
        )
        args = [pypandoc.get_pandoc_path(), "-f", READER, "-t", to, "--metadata-file", str(meta)]
        args += ["--lua-filter", str(FILTER), *extra]
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(_epoch(edition))}
        done = subprocess.run(args, input=edition.markdown.encode("utf-8"), capture_output=True, env=env, check=False)
    if done.returncode != 0:
        raise ReportError(f"pandoc failed for {edition.stem}.{to}: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout


def typst_source(edition: Edition) -> str:
    """The Typst markup of the edition (pandoc with the project's template)."""
    return pandoc(edition, "typst", ["-s", "--template", str(TEMPLATE), "--wrap=none"]).decode("utf-8")


def compile_pdf(edition: Edition, source: str, font_dirs: tuple[str, ...] = FONT_DIRS) -> bytes:
    """Compile Typst markup to PDF bytes; any "unknown font" warning is an error.

    The document date is the publication date and the timestamp is fixed, so the same
    input always gives the same bytes. The PDF is tagged and checked by Typst against
    PDF/UA-1 (accessibility); text extraction of Vietnamese and Hangul is unaffected.
    """
    fonts = font_set(font_dirs)
    sys_inputs = {
        "title": edition.title,
        "author": edition.author,
        "lang": edition.doc_lang,
        "year": str(edition.date[0]),
        "month": str(edition.date[1]),
        "day": str(edition.date[2]),
    }
    # Figures travel as inputs, not as files: the Markdown reader refuses raw Typst and images
    # (content is untrusted), and the Lua filter names each by its id.
    for figure_id, (svg, caption) in edition.figures.items():
        sys_inputs[f"figure-{figure_id}"] = svg
        sys_inputs[f"figure-{figure_id}-alt"] = caption
    compiler = typst.Compiler(font_paths=fonts, ignore_system_fonts=True, root=str(HERE), sys_inputs=sys_inputs)
    try:
        result, warnings = compiler.compile_with_warnings(
            source.encode("utf-8"), format="pdf", timestamp=_epoch(edition), pdf_standards="ua-1"
        )
    except typst.TypstError as exc:
        raise ReportError(f"typst failed for {edition.stem}.pdf: {exc.message}\n{exc.diagnostic}") from exc
    problems = [w.message for w in warnings if "font" in w.message]
    if problems:
        raise ReportError(f"{edition.stem}.pdf: " + "; ".join(sorted(set(problems))))
    if not isinstance(result, bytes):
        raise ReportError(f"typst returned no single PDF for {edition.stem}")
    return result


def render_pdf(edition: Edition, font_dirs: tuple[str, ...] = FONT_DIRS) -> bytes:
    """The edition as PDF bytes."""
    return compile_pdf(edition, typst_source(edition), font_dirs)


def render_docx(edition: Edition) -> bytes:
    """The edition as DOCX bytes, styled by the reference document, with a filled TOC field."""
    with tempfile.TemporaryDirectory(prefix="vkc-docx-") as tmp:
        reference = Path(tmp) / "reference.docx"
        reference.write_bytes(reference_docx(edition.doc_lang))
        # The figures as files for the Lua filter's images (the reader itself takes no image).
        for figure_id, (svg, _) in edition.figures.items():
            (Path(tmp) / f"figure-{figure_id}.svg").write_text(svg, encoding="utf-8")
        extra = [
            "--resource-path",
            tmp,
            "--reference-doc",
            str(reference),
            "--toc",
            "--toc-depth=3",
            "-o",
            "-",
        ]
        return fix_docx(pandoc(_docx_cover(edition), "docx", extra), edition.doc_lang)


def _docx_cover(edition: Edition) -> Edition:
    """The edition with its cover fields mapped to pandoc's DOCX title block."""
    meta = dict(edition.metadata)
    cover = {
        "title": meta["title"],
        "subtitle": " — ".join(x for x in (meta["kind-label"], meta.get("subtitle", "")) if x),
        "author": meta["publisher"],
        "date": f"{meta['edition-label']}: {meta['edition']} · {meta['version-label']}: {meta['version']} · "
        f"{meta['date-label']}: {meta['date-text']}",
        "abstract": meta["notice"],
        "toc-title": meta["toc-title"],
        "abstract-title": meta["notice-label"],
    }
    return dataclasses.replace(edition, metadata=cover)
