"""The translators' status page: progress per language, kind and part; links to stale and missing items."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from conftest import CliResult
from vkc.content import Content, load_content
from vkc.document.context import Ctx
from vkc.document.status import status_blocks
from vkc.model import Lang
from vkc.site.page_markdown import Writer

Run = Callable[..., CliResult]


def render_status_page(content: Content, lang: Lang, repo_url: str = "") -> str:
    """The page's Markdown as the site writes it, without Markdown's backslash escapes."""
    body = Writer("translation-status.md", lang, {}).blocks(status_blocks(Ctx(content, lang), repo_url))
    return body.replace("\\", "") + "\n"


def test_korean_page_with_links_to_the_yaml(mini_content: Path, run_vkc: Run) -> None:
    assert run_vkc("translations", "mark-current", "--content", mini_content, "--lang", "en", "--all").code == 0
    content, diagnostics = load_content(mini_content)
    assert content is not None, diagnostics

    page = render_status_page(content, "ko", "https://example.org/repo/")
    # The progress chart comes before its table (the table is its text alternative).
    figure = re.search(r"<figure .*?</figure>\n\n", page, re.S)
    assert figure
    assert ">최신 9 · 갱신 필요 0 · 누락 1 (90.0 %)</text>" in figure.group()
    assert ">최신 0 · 갱신 필요 8 · 누락 2 (0.0 %)</text>" in figure.group()
    page = page.replace(figure.group(), "")

    assert page.startswith(
        "베트남어가 원문이다. 번역은 현재의 베트남어를 바탕으로 했으면 ‘최신’, 번역한 뒤 베트남어가 바뀌었으면 "
        "‘갱신 필요’, 아직 없으면 ‘누락’이다.\n"
        "\n"
        "| 언어 | 최신 | 갱신 필요 | 누락 | 진행률 |\n"
        "|---|--:|--:|--:|--:|\n"
        "| 영어 | 9 | 0 | 1 | 90.0 % |\n"
        "| 한국어 | 0 | 8 | 2 | 0.0 % |\n"
        "\n"
        "## 영어 {#vkc-status-en}\n"
        "\n"
        "### 기록 유형별 {#vkc-status-en-kinds}\n"
        "\n"
        "| 유형 | 최신 | 갱신 필요 | 누락 | 진행률 |\n"
        "|---|--:|--:|--:|--:|\n"
        "| 간행물 | 4 | 0 | 0 | 100.0 % |\n"
        "| 지침 | 2 | 0 | 0 | 100.0 % |\n"
        "| 편 | 1 | 0 | 0 | 100.0 % |\n"
        "| 장 | 1 | 0 | 1 | 50.0 % |\n"
        "| 기관 | 1 | 0 | 0 | 100.0 % |\n"
        "\n"
        "### 지침의 편별 {#vkc-status-en-parts}\n"
        "\n"
        "| 편 | 최신 | 갱신 필요 | 누락 | 진행률 |\n"
        "|---|--:|--:|--:|--:|\n"
        "| 정책 체계 | 2 | 0 | 1 | 66.7 % |\n"
        "\n"
        "### 갱신 필요 (0) {#vkc-status-en-stale}\n"
        "\n"
        "없음.\n"
        "\n"
        "### 누락 (1) {#vkc-status-en-missing}\n"
        "\n"
        "- `chapter-950` `body`: "
        "[content/publication.yaml:24](https://example.org/repo/blob/main/content/publication.yaml#L24)\n"
    )
    assert page.endswith(
        "### 누락 (2) {#vkc-status-ko-missing}\n"
        "\n"
        "- `chapter-950` `title`: "
        "[content/publication.yaml:23](https://example.org/repo/blob/main/content/publication.yaml#L23)\n"
        "- `chapter-950` `body`: "
        "[content/publication.yaml:24](https://example.org/repo/blob/main/content/publication.yaml#L24)\n"
        "\n"
        "번역을 검토한 뒤 다음 명령으로 최신으로 표시한다: `vkc translations mark-current --lang ko ID KEY_PATH`.\n"
    )


def test_vietnamese_page_without_repository_shows_file_and_line(mini_content: Path) -> None:
    content, diagnostics = load_content(mini_content)
    assert content is not None, diagnostics

    page = render_status_page(content, "vi")

    assert "| Tiếng Anh | 0 | 9 | 1 | 0.0 % |\n| Tiếng Hàn | 0 | 8 | 2 | 0.0 % |\n" in page
    assert "### Lỗi thời (9) {#vkc-status-en-stale}\n\n- `publication` `title`: content/publication.yaml:5\n" in page
    assert "### Còn thiếu (1) {#vkc-status-en-missing}\n\n- `chapter-950` `body`: content/publication.yaml:22\n" in page
    assert (
        "## Tiếng Hàn {#vkc-status-ko}\n\n### Theo loại hồ sơ {#vkc-status-ko-kinds}\n\n| Loại | Cập nhật | Lỗi thời | Còn thiếu | Tiến độ |\n"
        in page
    )
