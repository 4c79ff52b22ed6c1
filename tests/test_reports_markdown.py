"""Editions as pandoc Markdown (pure functions), the shared numbering, and the escaping of content.

The fixture here is also what tests/test_reports.py renders to PDF and DOCX.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

from vkc.cli import main
from vkc.content import Content, load_content
from vkc.document.editions import paragraphs
from vkc.numbering import guideline_numbers, numbered_title
from vkc.reports.editions import build_edition, edition_plan
from vkc.reports.pandoc_markdown import body_md, esc

REPORT_FIXTURE = """\
publication:
  title: {vi: Hướng dẫn thử nghiệm, en: Test guideline, ko: 시험 지침}
  publisher: {vi: Nhóm thử, en: Test team, ko: 시험 팀}
  edition: {vi: Bản thử, en: Test edition, ko: 시험판}
  version: "0.1"
  date: 2026-11-24
  notice: {vi: Văn bản tiếng Việt là bản chính thức., en: The Vietnamese text is authoritative., ko: 베트남어 본문이 공식 본문이다.}
guideline:
  id: guideline
  title: {vi: Hướng dẫn, en: Guideline, ko: 지침}
  intro: {vi: Giới thiệu chung về hướng dẫn., en: About this guideline., ko: 지침에 관한 소개.}
  parts:
    - id: part-framework
      title: {vi: Khung chính sách, en: Policy framework, ko: 정책 체계}
      intro: {vi: Phần này trình bày khung chính sách., en: This part sets out the policy framework., ko: 이 부는 정책 체계를 설명한다.}
      sources: [src-plo]
      chapters:
        - id: chapter-950
          title: {vi: Đề án 950, en: Scheme 950}
          body: {vi: "Đề án 950 được phê duyệt năm 2018."}
          sources: [src-plo]
        - id: chapter-digital
          title: {vi: Hạ tầng số, en: Digital infrastructure, ko: 디지털 인프라}
          body:
            vi: |-
              Đoạn thứ nhất về hạ tầng số ướ ự ỡ ặ ằ ỵ Đ.

              Đoạn thứ hai về dữ liệu đô thị.

              Đoạn thứ ba về nền tảng đô thị thông minh.
            en: |-
              First paragraph on digital infrastructure.

              Second paragraph on urban data.

              Third paragraph on the smart-city platform.
            ko: |-
              디지털 인프라에 관한 첫째 단락.

              도시 데이터에 관한 둘째 단락.

              스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 스마트시티 플랫폼 끝.
          sources: [src-two]
          sections:
            - id: section-open-data
              title: {vi: Dữ liệu mở, en: Open data, ko: 개방 데이터}
              body: {vi: "Ví dụ về **dữ liệu mở** của thành phố.", en: "An example of a city's **open data**.", ko: "도시 **개방 데이터**의 예."}
              illustrative: true
    - id: part-implementation
      title: {vi: Triển khai, en: Implementation, ko: 이행}
      chapters:
        - id: chapter-pilots
          title: {vi: "Thí điểm <b>*A*</b>", en: "Pilots <b>*A*</b>", ko: "시범 사업 <b>*A*</b>"}
          body:
            vi: |-
              - Mục một
              - Mục hai với [liên kết](https://example.org/a)

              # không phải tiêu đề `#panic("raw")`{=typst} ![ảnh](/etc/passwd) [xấu](javascript:alert(1))
            en: "English text of the pilots chapter."
            ko: "시범 사업 장의 한국어 본문."
          sources: [src-plo, src-two]
sources:
  - id: src-plo
    title: "Năm 2025 thí điểm phát triển đô thị thông minh bền vững"
    publisher: Pháp Luật TP.HCM
    url: https://plo.vn/thoi-su/nam-2025-thi-diem-phat-trien-do-thi-thong-minh-ben-vung-785649.html
    language: vi
    confidence: medium
  - id: src-two
    title: "Second test source"
    publisher: Test Publisher
    date: 2024-09
    language: en
    confidence: low
    note: {vi: Nguồn thử., en: A test source.}
organizations:
  - id: moc
    name: {vi: Bộ Xây dựng, en: Ministry of Construction, ko: 건설부}
    abbreviation: MOC
    country: vn
    sources: [src-plo]
  - id: molit
    name: {vi: "Bộ Đất đai, Hạ tầng và Giao thông", en: "Ministry of Land, Infrastructure and Transport", ko: 국토교통부, proposed: [vi]}
    abbreviation: MOLIT
    country: kr
    sources: [src-two]
legal_documents:
  - id: decision-950
    number: 950/QĐ-TTg
    type: decision
    title: {vi: Quyết định thử, en: Test decision, ko: 시험 결정}
    issuer: moc
    signed: 2018-08-01
    status: unknown
    sources: [src-plo]
standards:
  - id: iso-37122
    code: ISO 37122:2019
    title: {vi: Chỉ số cho thành phố thông minh, en: Indicators for smart cities, ko: 스마트시티 지표}
    publisher: ISO
    sources: [src-two]
indicator_categories:
  - id: cat-data
    name: {vi: Dữ liệu, en: Data, ko: 데이터}
    sources: [src-two]
indicators:
  - id: ind-open-datasets
    category: cat-data
    name: {vi: Số bộ dữ liệu mở, en: Number of open datasets, ko: 개방 데이터셋 수}
    definition: {vi: Số bộ dữ liệu được công bố., en: Datasets published.}
    unit: {vi: bộ, en: datasets, ko: 개}
    standards: [{standard: iso-37122}]
    illustrative: true
projects:
  - id: vkc
    name: {vi: Dự án thử VKC, en: VKC test project, ko: VKC 시험 사업}
    short_name: VKC
    summary: {vi: Tóm tắt dự án thử., en: Summary of the test project., ko: 시험 사업 요약.}
    approved_by: decision-950
    partners: [moc, molit]
    sources: [src-plo]
    components:
      - id: vkc-component-2
        number: 2
        title: {vi: Quy hoạch thí điểm, en: Pilot planning, ko: 시범 계획}
        sources: [src-plo]
    events:
      - id: vkc-kickoff
        date: 2024-01-23
        title: {vi: Hội thảo khởi động, en: Kick-off workshop, ko: 착수 회의}
        place: {vi: Hà Nội, en: Hanoi, ko: 하노이}
        sources: [src-plo]
    milestones:
      - id: vkc-plan
        date: 2025-06
        title: {vi: Hoàn thành quy hoạch, en: Plan completed, ko: 계획 완료}
        status: planned
        sources: [src-two]
pilots:
  - id: pilot-test
    name: {vi: Khu thí điểm, en: Test pilot area, ko: 시범 지구}
    project: vkc
    component: vkc-component-2
    location: {vi: Hà Nội, en: Hanoi, ko: 하노이}
    description: {vi: Mô tả thí điểm., en: Pilot description., ko: 시범 설명.}
    sources: [src-plo]
glossary:
  - id: term-smart-city
    term: {vi: đô thị thông minh, en: smart city, ko: 스마트시티}
    definition: {vi: Đô thị ứng dụng công nghệ số., en: A city that applies digital technology., ko: 디지털 기술을 적용하는 도시.}
    sources: [src-two]
"""
"""Content with every record kind, nested sections, a missing Korean translation, an
illustrative section and indicator, hostile markup, and a long Korean paragraph."""


def write_report_content(dest: Path) -> Path:
    """Write the reports fixture into ``dest`` (created) and return ``dest``."""
    dest.mkdir(parents=True)
    (dest / "content.yaml").write_text(REPORT_FIXTURE, encoding="utf-8")
    return dest


def load_report_content(dest: Path) -> Content:
    """The reports fixture, validated, its translations recorded as current (a stale one would
    carry a notice everywhere; tests/test_notices.py covers those)."""
    write_report_content(dest)
    for lang in ("en", "ko"):
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["translations", "mark-current", "--content", str(dest), "--lang", lang, "--all"]) == 0
    content, diagnostics = load_content(dest)
    assert content is not None, diagnostics
    return content


@pytest.fixture
def content(tmp_path: Path) -> Content:
    return load_report_content(tmp_path / "content")


def test_guideline_numbers_follow_the_order_of_parts_chapters_and_sections(content: Content) -> None:
    assert guideline_numbers(content.guideline) == {
        "part-framework": "1",
        "chapter-950": "1.1",
        "chapter-digital": "1.2",
        "section-open-data": "1.2.1",
        "part-implementation": "2",
        "chapter-pilots": "2.1",
    }
    assert numbered_title("4", "Khung", "vi") == "Phần 4. Khung"
    assert numbered_title("4", "Framework", "en") == "Part 4. Framework"
    assert numbered_title("4", "체계", "ko") == "제4부. 체계"
    assert numbered_title("1.2.1", "Dữ liệu mở", "vi") == "1.2.1 Dữ liệu mở"


def test_headings_carry_the_site_numbers_in_every_language(content: Content) -> None:
    headings = {
        lang: [line for line in build_edition(content, "guideline", lang).markdown.splitlines() if line.startswith("#")]
        for lang in ("vi", "en", "ko")
    }
    assert headings["vi"][:7] == [
        "# Giới thiệu {#introduction}",
        "# Phần 1\\. Khung chính sách {#part-framework}",
        "## 1\\.1 Đề án 950 {#chapter-950}",
        "## 1\\.2 Hạ tầng số {#chapter-digital}",
        "### 1\\.2\\.1 Dữ liệu mở {#section-open-data}",
        "# Phần 2\\. Triển khai {#part-implementation}",
        "## 2\\.1 Thí điểm \\<b\\>\\*A\\*\\</b\\> {#chapter-pilots}",
    ]
    assert headings["en"][3] == "## 1\\.2 Digital infrastructure {#chapter-digital}"
    # Korean has no title for chapter 1.1: the Vietnamese one, with the site's notice under it.
    ko = build_edition(content, "guideline", "ko").markdown
    assert "## 1\\.1 [Đề án 950]{lang=vi} {#chapter-950}\n\n[(아직 번역되지 않음)]{.heading-note}\n" in ko


def test_untranslated_body_falls_back_to_vietnamese_under_a_notice(content: Content) -> None:
    markdown = build_edition(content, "guideline", "en").markdown
    assert (
        "::: {.notice .untranslated}\n[**Not yet translated:** This text has no English translation yet; "
        "the Vietnamese original is shown\\.]{.untranslated}\n:::\n\n"
        "::: {lang=vi}\nĐề án 950 được phê duyệt năm 2018.\n:::\n"
    ) in markdown


def test_every_citation_links_to_an_entry_of_the_sources_list(content: Content) -> None:
    for kind, lang, _ in edition_plan():
        markdown = build_edition(content, kind, lang).markdown
        targets = set(re.findall(r"\]\(#([a-z0-9-]+)\)", markdown))
        anchors = set(re.findall(r"\{#([a-z0-9-]+)\}", markdown))
        assert targets == {"src-plo", "src-two"}, (kind, lang)
        assert targets <= anchors, (kind, lang)
    markdown = build_edition(content, "guideline", "vi").markdown
    assert "*Nguồn:* [\\[1\\]](#src-plo), [\\[2\\]](#src-two)" in markdown
    assert "[\\[2\\]]{#src-two} *Second test source*\\. Test Publisher\\. tháng 9 năm 2024\\." in markdown


def test_illustrative_records_are_marked(content: Content) -> None:
    markdown = build_edition(content, "guideline", "ko").markdown
    assert "도시 **개방 데이터**의 예.\n\n[**\\[예시 데이터\\]**]{.illustrative}" in markdown
    assert "개방 데이터셋 수 [**\\[예시 데이터\\]**]{.illustrative}" in markdown


def test_bilingual_edition_pairs_paragraphs(content: Content) -> None:
    edition = build_edition(content, "bilingual", "ko")
    assert edition.stem == "guideline-vi-ko"
    assert edition.doc_lang == "vi"
    pairs = re.findall(r"::: \{lang=vi\}\n(.*?)\n:::\n::: \{lang=ko\}\n(.*?)\n:::\n:::::", edition.markdown, re.S)
    assert ("Đoạn thứ hai về dữ liệu đô thị.", "도시 데이터에 관한 둘째 단락.") in pairs
    # A missing translation leaves its cell with the site's notice, not a wrong paragraph.
    notice = "::: {.notice .untranslated}\n[**아직 번역되지 않음:** 이 부분은 아직 한국어로 번역되지 않아 베트남어 원문을 표시합니다\\.]{.untranslated}\n:::"
    assert ("Đề án 950 được phê duyệt năm 2018.", notice) in pairs
    with pytest.raises(ValueError, match="pairs Vietnamese with en or ko"):
        build_edition(content, "bilingual", "vi")


def test_edition_plan_names_every_published_file(content: Content) -> None:
    names = sorted(f"{build_edition(content, k, lang).stem}.{fmt}" for k, lang, fmts in edition_plan() for fmt in fmts)
    assert names == sorted(
        [f"guideline-{lang}.{fmt}" for lang in ("vi", "en", "ko") for fmt in ("pdf", "docx")]
        + [f"project-report-{lang}.{fmt}" for lang in ("vi", "en", "ko") for fmt in ("pdf", "docx")]
        + ["guideline-vi-en.pdf", "guideline-vi-ko.pdf"]
    )


def test_cover_metadata_is_localized(content: Content) -> None:
    ko = build_edition(content, "project", "ko")
    assert ko.title == "시험 지침 — 사업 보고서"
    assert ko.metadata["date-text"] == "2026년 11월 24일"
    assert ko.metadata["notice"] == "베트남어 본문이 공식 본문이다\\."  # escaped: read by pandoc as Markdown
    assert build_edition(content, "guideline", "vi").metadata["date-text"] == "24 tháng 11, 2026"
    assert build_edition(content, "guideline", "en").metadata["date-text"] == "November 24, 2026"
    assert ko.date == (2026, 11, 24)


def test_escaping_keeps_markup_characters_literal() -> None:
    assert esc("a*b* [c](d) <b> #x $y$ `z`") == "a\\*b\\* \\[c\\]\\(d\\) \\<b\\> \\#x \\$y\\$ \\`z\\`"
    assert esc("two\n  lines") == "two lines"
    assert body_md("# title\n::: div\n---\n- item **bold**") == "\\# title\n\\::: div\n\\---\n- item **bold**"
    assert paragraphs("a\n\n\nb\n- c\n- d\n\n") == ["a", "b\n- c\n- d"]


NASTY = [
    "a*b* _c_ **d** `e` $f$ \\g [h](i) <j> &amp; #k @l ~m~ ^n^ {o} |p| ",
    "\"quoted\" 'single' -- --- ... <!-- comment --> <script>x</script>",
    "1. not a list",
    "- not a list either",
    "# not a heading ::: not a div",
    "Phần 1. Đề án 950/QĐ-TTg (2018) – 스마트시티 [1] [^2] <https://x.y>",
]


def test_escaped_text_reads_back_exactly_through_pandoc() -> None:
    """Plain fields pass through pandoc literally: no markup, no smart quotes, no lost characters."""
    import pypandoc  # type: ignore[import-untyped]

    from vkc.reports.render import READER

    source = "\n\n".join(esc(text) for text in NASTY)
    plain = pypandoc.convert_text(source, "plain", format=READER, extra_args=["--wrap=none"])
    assert [" ".join(p.split()) for p in plain.strip().split("\n\n")] == [" ".join(t.split()) for t in NASTY]
