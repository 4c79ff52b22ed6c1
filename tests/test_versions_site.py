"""Earlier versions at permanent addresses, What-changed pages, change lists and Atom feeds.

The fixture publishes three versions of the mini content: v1 with a second part, v2 without
it and with a new Korean name for the Ministry of Construction, v3 with a new Vietnamese title
of part 1 (its translations then stale). The site is built twice, without the editions.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import feedparser  # type: ignore[import-untyped]  # no stubs
import pytest

from conftest import FIXTURES, REPO, CliResult
from vkc.cli import main
from vkc.diagnostics import ContentError
from vkc.publish.build import build_site

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site twice."""

Run = Callable[..., CliResult]
ROOT = "https://vkc-smartcity.example.org/"
OLD_PART = """\
    - id: part-old
      title: {vi: Phần cũ, en: Old part, ko: 옛 부}
      intro: {vi: Giới thiệu phần cũ., en: About the old part., ko: 옛 부 소개.}
      sources: [src-plo]
"""


def _publish(run_vkc: Run, content: Path, version: str, date: str, vi: str, en: str, ko: str) -> None:
    result = run_vkc(
        "version", "publish", "--content", content, version, "--date", date,
        "--summary-vi", vi, "--summary-en", en, "--summary-ko", ko,
    )  # fmt: skip
    assert result.code == 0, result.err


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def three_versions(work: Path, run_vkc: Run) -> Path:
    """The mini content with versions v1, v2 (current content differs) and v3 published."""
    content = work / "content"
    shutil.copytree(FIXTURES / "mini", content)
    publication = content / "publication.yaml"
    publication.write_text(publication.read_text(encoding="utf-8") + OLD_PART, encoding="utf-8")
    for lang in ("en", "ko"):
        assert run_vkc("translations", "mark-current", "--content", content, "--lang", lang, "--all").code == 0
    _publish(run_vkc, content, "v1", "2026-01-10", "Bản đầu tiên.", "The first version.", "첫 번째 판.")
    text = publication.read_text(encoding="utf-8")  # the old part, as stamping rewrote it
    publication.write_text(text[: text.index("    - id: part-old\n")], encoding="utf-8")
    _edit(content / "records.yaml", "건설부", "국토건설부")
    _publish(run_vkc, content, "v2", "2026-03-01", "Tên tiếng Hàn.", "The Korean name.", "한국어 명칭.")
    _edit(publication, "vi: Khung chính sách,", "vi: Khung chính sách quốc gia,")
    _publish(run_vkc, content, "v3", "2026-06-01", "Tên phần 1.", "The title of part 1.", "제1부 제목.")
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two builds of the fixture (the second from scratch, in another folder)."""
    work = tmp_path_factory.mktemp("versions")

    def run(*args: str | Path) -> CliResult:
        return CliResult(main([str(a) for a in args]), "", "")

    content = three_versions(work, run)
    sites = []
    for name in ("one", "two"):
        out = work / name / "site"
        build_site(content, out, config=REPO / "mkdocs.yml", docs=REPO / "docs", editions=False)
        sites.append(out)
    return sites[0], sites[1]


def _page(site: Path, lang: str, path: str) -> str:
    return (site / ("" if lang == "vi" else f"{lang}/") / path).read_text(encoding="utf-8")


def _article_text(page: str) -> str:
    """The article's words, without the page footer (dates and language links)."""
    article = re.search(r"<article.*?</article>", page, re.S)
    assert article is not None
    body = re.sub(r'<aside class="vkc-page-footer">.*?</aside>', " ", article.group(0), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


BANNERS = {
    "vi": "Bạn đang đọc phiên bản v1 (10 tháng 1, 2026), đã được thay thế. Phiên bản hiện hành là v3 (1 tháng 6, 2026).",
    "en": "You are reading version v1 (January 10, 2026), which has been superseded. "
    "The current version is v3 (June 1, 2026).",
    "ko": "지금 보시는 것은 대체된 v1 판(2026년 1월 10일)입니다. 현행판은 v3 판(2026년 6월 1일)입니다.",
}
SAME_PAGE = {
    "vi": "Đọc trang này trong phiên bản hiện hành",
    "en": "Read this page in the current version",
    "ko": "현행판에서 이 페이지 읽기",
}
GONE = {
    "vi": "Trang này không còn trong phiên bản hiện hành.",
    "en": "This page no longer exists in the current version.",
    "ko": "이 페이지는 현행판에 더 이상 없습니다.",
}


@pytest.mark.parametrize("lang", ["vi", "en", "ko"])
def test_earlier_versions_say_so_and_link_to_the_same_current_page(built: tuple[Path, Path], lang: str) -> None:
    site, _ = built
    page = _page(site, lang, "versions/v1/organizations/index.html")
    prefix = "" if lang == "vi" else f"{lang}/"
    assert f'<link rel="canonical" href="{ROOT}{prefix}organizations/">' in page
    assert BANNERS[lang] in page
    assert f'<a href="../../../organizations/">{SAME_PAGE[lang]}</a>' in page
    gone = _page(site, lang, "versions/v1/guideline/part-old/index.html")
    assert GONE[lang] in gone
    assert f'<link rel="canonical" href="{ROOT}{prefix}versions/v1/guideline/part-old/">' in gone
    # v2 too, and the current version's pages carry no banner.
    assert "v2" in _page(site, lang, "versions/v2/glossary/index.html").split("vkc-version-banner")[1][:200]
    assert "vkc-version-banner" not in _page(site, lang, "organizations/index.html")


def test_what_changed_pages_list_the_exact_field_changes(built: tuple[Path, Path]) -> None:
    site, _ = built
    v2 = _article_text(_page(site, "en", "changes/v2/index.html"))
    assert v2.startswith("What changed in version v2 ¶ The Korean name. Version v2 (March 1, 2026) ")
    assert (
        "Changes since version v1 (January 10, 2026): Ministry of Construction ( moc ) (changed) name.ko : 건설부 → 국토건설부"
        in v2
    )
    assert "part-old (removed)" in v2  # gone from the content: its id alone
    v3 = _article_text(_page(site, "ko", "changes/v3/index.html"))
    assert "정책 체계 ( part-framework ) (수정) title.vi : Khung chính sách → Khung chính sách quốc gia" in v3
    assert "이 변경으로 갱신이 필요해진 번역: title (en), title (ko)." in v3
    assert "This is the first published version." in _article_text(_page(site, "en", "changes/v1/index.html"))


def test_a_changed_page_lists_its_changes_at_its_foot(built: tuple[Path, Path]) -> None:
    site, _ = built
    text = _article_text(_page(site, "en", "organizations/index.html"))
    assert text.endswith("Updated March 1, 2026 (version v2): moc (name.ko). What changed")
    assert 'href="../changes/v2/">What changed</a>' in _page(site, "en", "organizations/index.html")
    assert "Updated" not in _article_text(_page(site, "en", "sources/index.html"))


@pytest.mark.parametrize("lang", ["vi", "en", "ko"])
def test_atom_feed_per_language(built: tuple[Path, Path], lang: str) -> None:
    one, two = built
    prefix = "" if lang == "vi" else f"{lang}/"
    feed = feedparser.parse((one / prefix / "feed.xml").read_bytes())
    assert not feed.bozo
    assert feed.feed.language == lang
    assert [e.id for e in feed.entries] == [f"{ROOT}{prefix}changes/{v}/" for v in ("v3", "v2", "v1")]
    summaries = {"vi": "Tên phần 1.", "en": "The title of part 1.", "ko": "제1부 제목."}
    assert feed.entries[0].summary == summaries[lang]
    assert (one / prefix / "feed.xml").read_bytes() == (two / prefix / "feed.xml").read_bytes()
    assert '<link rel="alternate feed" type="application/atom+xml" href="../feed.xml"' in _page(
        one, lang, "glossary/index.html"
    )


def test_earlier_versions_are_byte_identical_across_builds(built: tuple[Path, Path]) -> None:
    one, two = built
    for lang_dir in ("", "en/", "ko/"):
        old = sorted(p.relative_to(one) for p in (one / lang_dir / "versions").rglob("*") if p.is_file())
        assert old
        for rel in old:
            assert (one / rel).read_bytes() == (two / rel).read_bytes(), rel


def test_earlier_versions_have_their_own_search_and_stay_out_of_the_current_one(built: tuple[Path, Path]) -> None:
    site, _ = built
    current = (site / "en" / "search" / "index.js").read_text(encoding="utf-8")
    assert "versions/" not in current
    old = (site / "en" / "versions" / "v1" / "search" / "index.js").read_text(encoding="utf-8")
    assert "Old part" in old
    assert "versions/v1" not in (site / "en" / "sw.js").read_text(encoding="utf-8")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{ROOT}en/versions/v1/organizations/</loc>" in sitemap


def test_a_snapshot_that_does_not_load_fails_the_build_and_keeps_the_site(tmp_path: Path, run_vkc: Run) -> None:
    content = three_versions(tmp_path, run_vkc)
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("published", encoding="utf-8")
    (tmp_path / "versions" / "v2.json").write_text('{"format": 1, "files": {"x.yaml": {"nonsense": []}}}')
    with pytest.raises(ContentError) as raised:
        build_site(content, out, config=REPO / "mkdocs.yml", docs=REPO / "docs", editions=False)
    codes = {d.code for d in raised.value.diagnostics}
    assert "content.unknown-collection" in codes
    assert all(d.file.startswith(str(tmp_path / "versions" / "v2.json")) for d in raised.value.diagnostics if d.line)
    assert (out / "index.html").read_text(encoding="utf-8") == "published"


def test_an_id_reused_for_another_record_is_an_error(tmp_path: Path, run_vkc: Run) -> None:
    content = three_versions(tmp_path, run_vkc)
    # 'part-old' was a part in v1; here it names an organization.
    _edit(
        content / "records.yaml",
        "organizations:\n",
        "organizations:\n  - id: part-old\n    name: {vi: Cơ quan, en: Agency, ko: 기관}\n    country: vn\n"
        "    sources: [src-plo]\n",
    )
    with pytest.raises(ContentError) as raised:
        build_site(content, tmp_path / "site", config=REPO / "mkdocs.yml", docs=REPO / "docs", editions=False)
    problem = raised.value.diagnostics[0]
    assert (problem.code, problem.message) == (
        "version.id-reused",
        "'part-old' is organization here but part in version v1",
    )
