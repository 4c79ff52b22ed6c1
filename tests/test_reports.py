"""Rendered editions: text extracted from every PDF (pdftotext) and DOCX, metadata, reproducibility.

The editions of the reports fixture are built once per session (about a second); each test
reads what it needs from them.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pypandoc  # type: ignore[import-untyped]
import pytest

from conftest import CliResult
from test_reports_markdown import load_report_content, write_report_content
from vkc.content import Content
from vkc.model import Lang
from vkc.reports import EditionKind, ReportError, build_edition, render_docx, render_pdf, write_editions
from vkc.reports.render import font_set

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

EXPECTED_FILES = sorted(
    [
        f"{kind}-{lang}.{fmt}"
        for kind in ("guideline", "project-report")
        for lang in ("vi", "en", "ko")
        for fmt in ("pdf", "docx")
    ]
    + ["guideline-vi-en.pdf", "guideline-vi-ko.pdf"]
)


@dataclass
class Built:
    """The editions of the fixture, written once, and their extracted text (cached)."""

    content: Content
    folder: Path
    written: list[Path]
    _text: dict[tuple[str, bool], str] = field(default_factory=dict)

    def pdf_text(self, name: str, *, layout: bool = False) -> str:
        key = (name, layout)
        if key not in self._text:
            args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(self.folder / name), "-"]
            self._text[key] = subprocess.run(args, capture_output=True, check=True, text=True).stdout
        return self._text[key]

    def pdfinfo(self, name: str) -> dict[str, str]:
        out = subprocess.run(["pdfinfo", str(self.folder / name)], capture_output=True, check=True, text=True).stdout
        return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}

    def docx_text(self, name: str) -> str:
        return str(
            pypandoc.convert_file(
                str(self.folder / name), "plain", format="docx", extra_args=["--wrap=none", "--standalone"]
            )
        )

    def docx_part(self, name: str, part: str) -> str:
        with zipfile.ZipFile(self.folder / name) as docx:
            return docx.read(part).decode("utf-8")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("reports")
    content = load_report_content(root / "content")
    folder = root / "downloads"
    return Built(content, folder, write_editions(content, folder))


def test_write_editions_writes_every_published_file(built: Built) -> None:
    assert [p.name for p in built.written] == EXPECTED_FILES
    assert sorted(p.name for p in built.folder.iterdir()) == EXPECTED_FILES


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "guideline-vi.pdf",
            [
                "Hướng dẫn thử nghiệm",
                "Mục lục",
                "Bản thử",
                "24 tháng 11, 2026",
                "Văn bản tiếng Việt là bản chính thức.",
                "Phần 1. Khung chính sách",
                "1.2.1 Dữ liệu mở",
                "Phần 2. Triển khai",
                "Đoạn thứ nhất về hạ tầng số ướ ự ỡ ặ ằ ỵ Đ.",
                "[Dữ liệu minh họa]",
                "Nguồn: [1], [2]",
                "[1] Năm 2025 thí điểm phát triển đô thị thông minh bền vững. Pháp Luật TP.HCM.",
                "Số bộ dữ liệu mở",
                "ISO 37122:2019",
                "Hội thảo khởi động — Hà Nội",
                "đô thị thông minh",
                "스마트시티",
            ],
        ),
        (
            "guideline-en.pdf",
            [
                "Test guideline",
                "Contents",
                "November 24, 2026",
                "The Vietnamese text is authoritative.",
                "Part 1. Policy framework",
                "1.2 Digital infrastructure",
                "1.2.1 Open data",
                "Not yet translated:",
                "Đề án 950 được phê duyệt năm 2018.",
                "January 23, 2024",
                "June 2025",
                "Indicators",
            ],
        ),
        (
            "guideline-ko.pdf",
            [
                "시험 지침",
                "목차",
                "2026년 11월 24일",
                "베트남어 본문이 공식 본문이다.",
                "제1부. 정책 체계",
                "1.1 Đề án 950",
                "(아직 번역되지 않음)",
                "1.2 디지털 인프라",
                "1.2.1 개방 데이터",
                "[예시 데이터]",
                "용어집",
                "출처",
            ],
        ),
        ("project-report-vi.pdf", ["Báo cáo dự án", "Dự án thử VKC", "Hợp phần 2: Quy hoạch thí điểm", "950/QĐ-TTg"]),
        (
            "project-report-en.pdf",
            ["Project report", "VKC test project", "Ministry of Land, Infrastructure and Transport"],
        ),
        ("project-report-ko.pdf", ["사업 보고서", "VKC 시험 사업", "국토교통부", "착수 회의 — 하노이", "계획 완료"]),
    ],
)
def test_pdf_text_in_each_language(built: Built, name: str, expected: list[str]) -> None:
    text = " ".join(built.pdf_text(name).split())
    missing = [s for s in expected if s not in text]
    assert not missing


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("guideline-vi.pdf", "1.2.1 Dữ liệu mở"),
        ("guideline-en.pdf", "2.1 Pilots <b>*A*</b>"),
        ("guideline-ko.pdf", "1.2 디지털 인프라"),
        ("guideline-vi-ko.pdf", "1.2 Hạ tầng số / 디지털 인프라"),
        ("guideline-vi-ko.pdf", "Phần 2. Triển khai / 제2부. 이행"),
    ],
)
def test_pdf_has_a_table_of_contents_with_page_numbers(built: Built, name: str, entry: str) -> None:
    toc_page = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-f", "2", "-l", "2", str(built.folder / name), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    assert re.search(re.escape(entry) + r" [. ]+\S*\d+\n", toc_page), toc_page


def test_headings_keep_the_site_numbers_and_hostile_markup_is_text(built: Built) -> None:
    text = built.pdf_text("guideline-vi.pdf")
    assert "\n2.1 Thí điểm <b>*A*</b>\n" in text
    # A body line that looks like a heading, raw Typst, an image of a local file and a
    # javascript: link all come out as plain text.
    assert '# không phải tiêu đề #panic("raw"){=typst} ảnh xấu' in text  # straight quotes kept


@pytest.mark.parametrize(
    ("name", "title", "lang"),
    [
        ("guideline-vi.pdf", "Hướng dẫn thử nghiệm — Hướng dẫn", "vi"),
        ("guideline-en.pdf", "Test guideline — Guideline", "en"),
        ("project-report-ko.pdf", "시험 지침 — 사업 보고서", "ko"),
        ("guideline-vi-ko.pdf", "Hướng dẫn thử nghiệm — Bản song ngữ (Việt – Hàn / 베트남어 – 한국어)", "vi"),
    ],
)
def test_pdf_metadata_title_language_and_date(built: Built, name: str, title: str, lang: str) -> None:
    info = built.pdfinfo(name)
    assert info["Title"] == title
    assert info["Author"] in ("Nhóm thử", "Test team", "시험 팀")
    assert info["CreationDate"] == "Tue Nov 24 00:00:00 2026 UTC"
    assert info["Tagged"] == "yes"
    catalog = re.search(rb"/Type\s*/Catalog[^>]*?/Lang\s*\(([^)]*)\)", (built.folder / name).read_bytes())
    assert catalog is not None and catalog.group(1).decode() == lang


def test_bilingual_edition_sets_vietnamese_beside_korean(built: Built) -> None:
    lines = built.pdf_text("guideline-vi-ko.pdf", layout=True).splitlines()
    assert any(
        re.search(r"Đoạn thứ hai về dữ liệu đô thị\.\s{3,}도시 데이터에 관한 둘째 단락\.", line) for line in lines
    )
    assert any(re.search(r"Đề án 950 được phê duyệt năm 2018\.\s{3,}아직 번역되지 않음:", line) for line in lines)
    text = " ".join(built.pdf_text("guideline-vi-en.pdf").split())
    assert "1.2.1 Dữ liệu mở / Open data" in text and "Third paragraph on the smart-city platform." in text
    assert "Thuật ngữ / Glossary" in text and "Nguồn tham khảo / Sources" in text


def test_korean_words_never_break_across_lines(built: Built) -> None:
    for name in ("guideline-ko.pdf", "guideline-vi-ko.pdf"):
        text = built.pdf_text(name)
        paragraph = text[text.index("스마트시티 플랫폼") : text.index("끝.")]
        assert paragraph.count("\n") >= 2  # the paragraph does wrap
        assert set(paragraph.split()) == {"스마트시티", "플랫폼"}


def test_docx_text_toc_field_and_languages(built: Built) -> None:
    vi = built.docx_text("guideline-vi.docx")
    for expected in (
        "Hướng dẫn thử nghiệm",
        "Mục lục",
        "1.2.1 Dữ liệu mở",
        "Đoạn thứ nhất về hạ tầng số ướ ự ỡ ặ ằ ỵ Đ.",
    ):
        assert expected in vi
    ko = built.docx_text("guideline-ko.docx")
    for expected in (
        "목차",
        "1.2 디지털 인프라",
        "2026년 11월 24일",
        "아직 번역되지 않음:",
        "[1] Năm 2025 thí điểm",
    ):
        assert expected in ko
    cover = " ".join(built.docx_part("project-report-en.docx", "word/document.xml").split())
    assert '<w:pStyle w:val="Subtitle"/> </w:pPr> <w:r><w:t xml:space="preserve">Project report</w:t>' in cover
    document = built.docx_part("guideline-ko.docx", "word/document.xml")
    assert re.search(r"<w:instrText[^>]*>TOC \\o", document)
    # The field's result lists the headings, each a link to its bookmark (readers that do not
    # update fields show it), and the field stays dirty so Word rebuilds it with page numbers.
    toc = document[document.index("<w:sdt>") : document.index("</w:sdt>")]
    assert '<w:fldChar w:fldCharType="begin" w:dirty="true"/>' in toc and toc.count("fldCharType") == 3
    assert '<w:pStyle w:val="TOC3"/></w:pPr><w:hyperlink w:anchor="section-open-data" w:history="1">' in toc
    assert toc.count("<w:hyperlink ") == document.count('<w:pStyle w:val="Heading') - document.count("Heading4")
    # Running header (the current part) and page numbers, as Word fields.
    assert 'r:id="rIdVkcHeader" w:type="default"' in document and 'r:id="rIdVkcFooter"' in document
    assert 'w:instr=" STYLEREF &quot;heading 1&quot; "' in built.docx_part("guideline-ko.docx", "word/header1.xml")
    assert 'w:instr=" PAGE "' in built.docx_part("guideline-ko.docx", "word/footer1.xml")
    # Latin text has a Latin locale (English in the Korean edition) and Korean is the East
    # Asian language; tagging Latin text Korean let LibreOffice break words anywhere.
    for name, default in (("guideline-ko.docx", "en-US"), ("guideline-vi.docx", "vi-VN")):
        styles = built.docx_part(name, "word/styles.xml")
        assert f'<w:lang w:bidi="ar-SA" w:eastAsia="ko-KR" w:val="{default}"/>' in styles
    assert "<dc:title>시험 지침</dc:title>" in built.docx_part("guideline-ko.docx", "docProps/core.xml")


def test_same_input_gives_the_same_bytes(built: Built) -> None:
    pairs: tuple[tuple[EditionKind, Lang], ...] = (("guideline", "ko"), ("bilingual", "en"))
    for kind, lang in pairs:
        edition = build_edition(built.content, kind, lang)
        assert render_pdf(edition) == (built.folder / f"{edition.stem}.pdf").read_bytes()
    edition = build_edition(built.content, "project", "vi")
    assert render_docx(edition) == (built.folder / "project-report-vi.docx").read_bytes()


def test_a_missing_font_fails_instead_of_printing_empty_boxes(built: Built, tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    with pytest.raises(ReportError, match="missing font families Noto Serif, Noto Sans, Noto Serif CJK KR"):
        font_set((str(fonts),))
    with pytest.raises(ReportError, match="apt-get install fonts-noto-core fonts-noto-cjk"):
        render_pdf(build_edition(built.content, "guideline", "ko"), (str(fonts),))


def test_vkc_report_command(run_vkc: Callable[..., CliResult], tmp_path: Path) -> None:
    content = write_report_content(tmp_path / "content")
    out = tmp_path / "out" / "report.docx"
    result = run_vkc(
        "report", "--content", content, "--lang", "en", "--format", "docx", "--edition", "project", "--out", out
    )
    assert result.code == 0, result.err
    assert result.out.startswith(f"wrote {out} (")
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as docx:
        assert "VKC test project" in docx.read("word/document.xml").decode("utf-8")
    bad = run_vkc("report", "--content", content, "--lang", "vi", "--edition", "bilingual")
    assert (bad.code, bad.err) == (2, "error: a bilingual edition pairs Vietnamese with --lang en or --lang ko\n")
    missing = run_vkc("report", "--content", tmp_path / "nowhere")
    assert missing.code == 1 and "content.missing-dir" in missing.err
