"""Listing pages (issue 14, part 3): the records browsed by category, standard, year, country,
type and status, in the three languages, read from the page documents of tests/fixtures/browse.

The fixture's organizations cover each status the records can support: a body merged into
one that already existed (mot -> moc), one whose successor began the day it ended
(old-province -> new-city), one that ended without a successor (gone), and current ones.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, REPO
from vkc.content import Content, load_content
from vkc.document.browse import org_status
from vkc.document.nodes import Badge, Block, Heading, Inline, Items, PageRef, Para, Ref, Says, Words
from vkc.document.pages import nav_order, page_documents
from vkc.model import Organization


@pytest.fixture(scope="module")
def content() -> Content:
    loaded, diagnostics = load_content(FIXTURES / "browse")
    assert loaded is not None, diagnostics
    return loaded


def _inline(runs: Inline) -> str:
    out = ""
    for run in runs:
        if isinstance(run, Words):
            out += run.text
        elif isinstance(run, Says):
            out += run.text.words
        elif isinstance(run, Ref):
            out += f"[{_inline(run.label)}]({run.record_id})"
        elif isinstance(run, PageRef):
            out += f"[{_inline(run.label)}]({run.path}#{run.anchor})"
        elif isinstance(run, Badge):
            out += f"<{run.label}>"
        else:
            raise AssertionError(f"unexpected run {run!r}")
    return out


def outline(blocks: tuple[Block, ...]) -> list[str]:
    """A page as lines: headings with their anchors, list items, paragraphs; links as [label](id)."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines.append("#" * block.level + " " + _inline(block.title) + f" {{#{block.anchor}}}")
        elif isinstance(block, Items):
            lines += ["- " + _inline(item) for item, _ in block.items]
        elif isinstance(block, Para):
            lines.append(_inline(block.body))
        else:
            raise AssertionError(f"unexpected block {block!r}")
    return lines


EXPECTED: dict[str, dict[str, list[str]]] = {
    "browse/indicators.md": {
        "vi": [
            "# Chỉ số theo nhóm và tiêu chuẩn {#vkc-top}",
            "## Theo nhóm chỉ số {#vkc-by-category}",
            "### [Khung thử](fw) › [Dữ liệu](fw-data) {#cat-fw-data}",
            "- [Dữ liệu mở](ind-open)",
            "- [Cổng dữ liệu](ind-portal)",
            "## Theo tiêu chuẩn {#vkc-by-standard}",
            "### [ISO 37122:2019 — Chỉ số cho đô thị thông minh](iso-37122) {#std-iso-37122}",
            "- [Dữ liệu mở](ind-open)",
            "### [ISO 37120:2018 — Chỉ số cho dịch vụ đô thị](iso-37120) {#std-iso-37120}",
            "Chưa có chỉ số nào tham chiếu tiêu chuẩn này.",
        ],
        "en": [
            "# Indicators by category and standard {#vkc-top}",
            "## By category {#vkc-by-category}",
            "### [Test framework](fw) › [Data](fw-data) {#cat-fw-data}",
            "- [Open data](ind-open)",
            "- [Data portal](ind-portal)",
            "## By standard {#vkc-by-standard}",
            "### [ISO 37122:2019 — Indicators for smart cities](iso-37122) {#std-iso-37122}",
            "- [Open data](ind-open)",
            "### [ISO 37120:2018 — Indicators for city services](iso-37120) {#std-iso-37120}",
            "No indicator refers to this standard yet.",
        ],
        "ko": [
            "# 범주·표준별 지표 {#vkc-top}",
            "## 범주별 {#vkc-by-category}",
            "### [시험 체계](fw) › [데이터](fw-data) {#cat-fw-data}",
            "- [공공데이터](ind-open)",
            "- [데이터 포털](ind-portal)",
            "## 표준별 {#vkc-by-standard}",
            "### [ISO 37122:2019 — 스마트시티 지표](iso-37122) {#std-iso-37122}",
            "- [공공데이터](ind-open)",
            "### [ISO 37120:2018 — 도시 서비스 지표](iso-37120) {#std-iso-37120}",
            "이 표준을 참조하는 지표가 아직 없습니다.",
        ],
    },
    "browse/events.md": {
        "vi": [
            "# Sự kiện theo năm {#vkc-top}",
            "## 2018 {#year-2018}",
            "- tháng 3 năm 2018 — [Ký biên bản ghi nhớ](ev-mou) (VKC)",
            "## 2024 {#year-2024}",
            "- 1 tháng 3, 2024 – 2 tháng 3, 2024 — [Hội thảo](ev-workshop) (VKC)",
            "- 13 tháng 8, 2024 — [Khánh thành](ev-open) (VKC)",
        ],
        "en": [
            "# Events by year {#vkc-top}",
            "## 2018 {#year-2018}",
            "- March 2018 — [MOU signed](ev-mou) (VKC)",
            "## 2024 {#year-2024}",
            "- March 1, 2024 – March 2, 2024 — [Workshop](ev-workshop) (VKC)",
            "- August 13, 2024 — [Inauguration](ev-open) (VKC)",
        ],
        "ko": [
            "# 연도별 행사 {#vkc-top}",
            "## 2018 {#year-2018}",
            "- 2018년 3월 — [양해각서 체결](ev-mou) (VKC)",
            "## 2024 {#year-2024}",
            "- 2024년 3월 1일 – 2024년 3월 2일 — [워크숍](ev-workshop) (VKC)",
            "- 2024년 8월 13일 — [개소식](ev-open) (VKC)",
        ],
    },
    "browse/organizations.md": {
        "vi": [
            "# Cơ quan theo quốc gia và tình trạng {#vkc-top}",
            "## Theo quốc gia {#vkc-by-country}",
            "### Việt Nam {#country-vn}",
            "- [Bộ Xây dựng (MOC)](moc)",
            "- [Bộ Giao thông vận tải](mot)",
            "- [Ủy ban nhân dân tỉnh A](old-province)",
            "- [Ủy ban nhân dân thành phố A](new-city)",
            "- [Ban thử nghiệm](gone)",
            "### Hàn Quốc {#country-kr}",
            "- [Bộ Đất đai, Hạ tầng và Giao thông Hàn Quốc (MOLIT)](molit)",
            "### Quốc tế {#country-intl}",
            "- [Tổ chức Tiêu chuẩn hóa quốc tế (ISO)](iso)",
            "## Theo tình trạng {#vkc-by-status}",
            "### Đang tồn tại dưới tên này {#status-current}",
            "- [Bộ Xây dựng (MOC)](moc)",
            "- [Ủy ban nhân dân thành phố A](new-city)",
            "- [Bộ Đất đai, Hạ tầng và Giao thông Hàn Quốc (MOLIT)](molit)",
            "- [Tổ chức Tiêu chuẩn hóa quốc tế (ISO)](iso)",
            "### Đã hợp nhất vào cơ quan khác {#status-merged}",
            "- [Bộ Giao thông vận tải](mot) — Từ 1 tháng 3, 2025, chức năng được chuyển giao cho [Bộ Xây dựng](moc).",
            "### Đã đổi tên hoặc tổ chức lại {#status-renamed}",
            "- [Ủy ban nhân dân tỉnh A](old-province) — Từ 1 tháng 1, 2025, chức năng được chuyển giao cho [Ủy ban nhân dân thành phố A](new-city).",
            "### Không còn tồn tại dưới tên này {#status-ended}",
            "- [Ban thử nghiệm](gone) — Đến: 2020",
        ],
        "en": [
            "# Organizations by country and status {#vkc-top}",
            "## By country {#vkc-by-country}",
            "### Viet Nam {#country-vn}",
            "- [Ministry of Construction (MOC)](moc)",
            "- [Ministry of Transport](mot)",
            "- [People's Committee of A Province](old-province)",
            "- [People's Committee of A City](new-city)",
            "- [Test board](gone)",
            "### Republic of Korea {#country-kr}",
            "- [Ministry of Land, Infrastructure and Transport (MOLIT)](molit)",
            "### International {#country-intl}",
            "- [International Organization for Standardization (ISO)](iso)",
            "## By status {#vkc-by-status}",
            "### Exists under this name {#status-current}",
            "- [Ministry of Construction (MOC)](moc)",
            "- [People's Committee of A City](new-city)",
            "- [Ministry of Land, Infrastructure and Transport (MOLIT)](molit)",
            "- [International Organization for Standardization (ISO)](iso)",
            "### Merged into another body {#status-merged}",
            "- [Ministry of Transport](mot) — Since March 1, 2025, its functions have passed to [Ministry of Construction](moc).",
            "### Renamed or reorganized {#status-renamed}",
            "- [People's Committee of A Province](old-province) — Since January 1, 2025, its functions have passed to [People's Committee of A City](new-city).",
            "### No longer exists under this name {#status-ended}",
            "- [Test board](gone) — Until: 2020",
        ],
        "ko": [
            "# 국가·상태별 기관 {#vkc-top}",
            "## 국가별 {#vkc-by-country}",
            "### 베트남 {#country-vn}",
            "- [건설부 (MOC)](moc)",
            "- [교통운송부](mot)",
            "- [A성 인민위원회](old-province)",
            "- [A시 인민위원회](new-city)",
            "- [시험 위원회](gone)",
            "### 대한민국 {#country-kr}",
            "- [국토교통부 (MOLIT)](molit)",
            "### 국제 {#country-intl}",
            "- [국제표준화기구 (ISO)](iso)",
            "## 상태별 {#vkc-by-status}",
            "### 현재 이 명칭으로 존재 {#status-current}",
            "- [건설부 (MOC)](moc)",
            "- [A시 인민위원회](new-city)",
            "- [국토교통부 (MOLIT)](molit)",
            "- [국제표준화기구 (ISO)](iso)",
            "### 다른 기관에 통합됨 {#status-merged}",
            "- [교통운송부](mot) — 2025년 3월 1일부터 기능이 [건설부](moc)(으)로 이관되었습니다.",
            "### 명칭 변경 또는 재편 {#status-renamed}",
            "- [A성 인민위원회](old-province) — 2025년 1월 1일부터 기능이 [A시 인민위원회](new-city)(으)로 이관되었습니다.",
            "### 더 이상 이 명칭으로 존재하지 않음 {#status-ended}",
            "- [시험 위원회](gone) — 종료: 2020년",
        ],
    },
    "browse/legal.md": {
        "vi": [
            "# Văn bản theo loại và tình trạng {#vkc-top}",
            "## Theo loại văn bản {#vkc-by-type}",
            "### Nghị định {#type-decree}",
            "- [11/2013/NĐ-CP](nd-old) — Nghị định cũ",
            "- [15/2023/NĐ-CP](nd-new) — Nghị định mới",
            "### Quyết định {#type-decision}",
            "- [950/QĐ-TTg](qd-950) — Phê duyệt Đề án",
            "## Theo tình trạng {#vkc-by-status}",
            "### Còn hiệu lực {#status-in_force}",
            "- [950/QĐ-TTg](qd-950) — Phê duyệt Đề án",
            "- [15/2023/NĐ-CP](nd-new) — Nghị định mới",
            "### Đã được thay thế {#status-superseded}",
            "- [11/2013/NĐ-CP](nd-old) — Nghị định cũ",
        ],
        "en": [
            "# Legal documents by type and status {#vkc-top}",
            "## By type {#vkc-by-type}",
            "### Decree {#type-decree}",
            "- [11/2013/NĐ-CP](nd-old) — Old decree",
            "- [15/2023/NĐ-CP](nd-new) — New decree",
            "### Decision {#type-decision}",
            "- [950/QĐ-TTg](qd-950) — Approving the Scheme",
            "## By status {#vkc-by-status}",
            "### In force {#status-in_force}",
            "- [950/QĐ-TTg](qd-950) — Approving the Scheme",
            "- [15/2023/NĐ-CP](nd-new) — New decree",
            "### Superseded {#status-superseded}",
            "- [11/2013/NĐ-CP](nd-old) — Old decree",
        ],
        "ko": [
            "# 종류·상태별 법령·문서 {#vkc-top}",
            "## 종류별 {#vkc-by-type}",
            "### 시행령 {#type-decree}",
            "- [11/2013/NĐ-CP](nd-old) — 구 시행령",
            "- [15/2023/NĐ-CP](nd-new) — 신 시행령",
            "### 결정 {#type-decision}",
            "- [950/QĐ-TTg](qd-950) — 계획 승인",
            "## 상태별 {#vkc-by-status}",
            "### 시행 중 {#status-in_force}",
            "- [950/QĐ-TTg](qd-950) — 계획 승인",
            "- [15/2023/NĐ-CP](nd-new) — 신 시행령",
            "### 대체됨 {#status-superseded}",
            "- [11/2013/NĐ-CP](nd-old) — 구 시행령",
        ],
    },
}


@pytest.mark.parametrize("lang", ["vi", "en", "ko"])
@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_listing_page_lists_the_fixture_records(content: Content, path: str, lang: str) -> None:
    doc = page_documents(content)[path][lang]  # type: ignore[index]
    # The cite block at the foot of every page is tested in test_cite.py.
    blocks = tuple(b for b in doc.blocks if getattr(b, "role", "") != "citation")
    assert outline(blocks) == EXPECTED[path][lang]
    assert doc.title == EXPECTED[path][lang][0][2:].rsplit(" {#", 1)[0]


def test_listing_pages_are_a_section_of_the_navigation(content: Content) -> None:
    nav = nav_order(content)
    assert ("browse", ["browse/indicators.md", "browse/events.md", "browse/organizations.md", "browse/legal.md"]) in nav
    assert nav.index("sources.md") < [n[0] if isinstance(n, tuple) else n for n in nav].index("browse")


def test_every_listed_record_links_to_a_record_of_the_content(content: Content) -> None:
    ids = {r.id for records in content.records.values() for r in records}
    ids |= {e.id for p in content.records["projects"] for e in getattr(p, "events", [])}
    for path in EXPECTED:
        for line in EXPECTED[path]["en"]:
            for target in [part.split(")")[0] for part in line.split("](")[1:]]:
                assert target in ids, (path, target)


def test_the_shipped_organizations_get_the_status_their_dates_support() -> None:
    shipped, diagnostics = load_content(REPO / "content")
    assert shipped is not None, diagnostics
    orgs = {o.id: o for o in shipped.collection("organizations", Organization)}
    status = {oid: org_status(org, orgs[org.succeeded_by] if org.succeeded_by else None) for oid, org in orgs.items()}
    # MOT and MIC passed to ministries that existed before; the Thua Thien Hue provincial
    # committee's successor began the day it ended (the province became a city).
    assert {oid for oid, s in status.items() if s != "current"} == {"mot", "mic", "hue-province-pc"}
    assert (status["mot"], status["mic"], status["hue-province-pc"]) == ("merged", "merged", "renamed")
