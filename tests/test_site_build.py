"""The built trilingual site: language attributes, alternates, the switcher, translation
notices, edit links, open data and the sitemap, asserted on the HTML of all three languages.

The site is built once per module from a copy of the `mini` fixture plus a few records
that exercise stale and missing translations (written here, so the shared fixture stays
as it is).
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from vkc.model import source_hash
from vkc.publish.build import build_site

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

DEF_VI = "Đô thị ứng dụng công nghệ số để quản lý."
TERM_VI = "đô thị thông minh"
EXTRAS = f"""\
glossary:
  - id: term-smart-city
    term:
      vi: {TERM_VI}
      en: smart city
      ko: 스마트시티
      translated_from: {{en: {source_hash(TERM_VI)}, ko: {source_hash(TERM_VI)}}}
    definition:
      vi: "{DEF_VI}"
      en: "A city that uses digital technology to manage itself."
      translated_from: {{en: "000000000000"}}
      vi_changed: 2026-03-05
    sources: [src-plo]
"""
LANG_DIRS = {"vi": "", "en": "en/", "ko": "ko/"}
HANDWRITTEN = {f"{p.stem}/index.html" for p in (REPO / "docs" / "vi").glob("*.md")}
"""The hand-written pages of the repository (other pages may be added to docs/ any time)."""
ROOT_URL = "https://vkc-smartcity.example.org/"


def build_fixture_site(work: Path, *, editions: bool) -> Path:
    """The published tree built from mini + extras (a stale and missing translations) in ``work``."""
    content = work / "content"
    shutil.copytree(FIXTURES / "mini", content)
    (content / "site-extras.yaml").write_text(EXTRAS, encoding="utf-8")
    out = work / "site"
    build_site(content, out, config=REPO / "mkdocs.yml", docs=REPO / "docs", editions=editions)
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published tree built from mini + extras, without editions."""
    return build_fixture_site(tmp_path_factory.mktemp("site-build"), editions=False)


def _pages(site: Path, lang: str) -> set[str]:
    root = site / LANG_DIRS[lang] if LANG_DIRS[lang] else site
    found = {p.relative_to(root).as_posix() for p in root.rglob("*.html")}
    return {p for p in found if not p.startswith(("en/", "ko/", "downloads/"))}


def _html(site: Path, lang: str, page: str) -> str:
    return (site / f"{LANG_DIRS[lang]}{page}").read_text(encoding="utf-8")


def _article(html: str) -> str:
    match = re.search(r"<article\b.*?</article>", html, re.S)
    assert match is not None
    return match.group(0)


def test_same_pages_in_every_language(site: Path) -> None:
    vi = _pages(site, "vi")
    assert vi == _pages(site, "en") == _pages(site, "ko")
    assert {
        "index.html",
        "404.html",
        "guideline/index.html",
        "guideline/part-framework/index.html",
        "indicators/index.html",
        "project/index.html",
        "pilot/index.html",
        "organizations/index.html",
        "legal/index.html",
        "glossary/index.html",
        "sources/index.html",
        "browse/indicators/index.html",
        "browse/events/index.html",
        "browse/organizations/index.html",
        "browse/legal/index.html",
        "about/index.html",
        "translation-status/index.html",
        *HANDWRITTEN,
    } == vi


@pytest.mark.parametrize("lang", ["vi", "en", "ko"])
def test_html_lang_on_every_page(site: Path, lang: str) -> None:
    for page in sorted(_pages(site, lang)):
        assert f'<html lang="{lang}" class="no-js">' in _html(site, lang, page), page


@pytest.mark.parametrize("lang", ["vi", "en", "ko"])
def test_no_hreflang_links_in_pages(site: Path, lang: str) -> None:
    """Material's script fetches sitemap.xml beside every <link rel="alternate">, from site_url's
    host: blocked by the CSP wherever else the site is served. The sitemap carries the
    alternates instead (test_open_data_and_sitemap), and Open Graph names the other locales."""
    page = _html(site, lang, "glossary/index.html")
    assert '<link rel="alternate"' not in page
    locales = re.findall(r'<meta property="og:locale(?::alternate)?" content="([^"]+)">', page)
    own = {"vi": "vi_VN", "en": "en_US", "ko": "ko_KR"}[lang]
    assert locales[0] == own and sorted(locales) == ["en_US", "ko_KR", "vi_VN"]


@pytest.mark.parametrize("lang", ["vi", "en", "ko"])
def test_switcher_opens_the_same_page(site: Path, lang: str) -> None:
    page = "guideline/part-framework/index.html"
    html = _html(site, lang, page)
    items = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="(\w+)" class="md-select__link vkc-switch"', html)
    assert [(h, lang_) for _, h, lang_ in items] == [("vi", "vi"), ("en", "en"), ("ko", "ko")]
    for href, target_lang, _ in items:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(LANG_DIRS[lang] + page), href))
        assert resolved == f"{LANG_DIRS[target_lang]}guideline/part-framework".rstrip("/")
        assert f'<html lang="{target_lang}"' in (site / resolved / "index.html").read_text(encoding="utf-8")


def test_missing_translation_shows_vietnamese_with_notice(site: Path) -> None:
    article = _article(_html(site, "en", "guideline/part-framework/index.html"))
    assert (
        '<div class="admonition note vkc-missing">\n<p class="admonition-title">Not yet translated</p>\n'
        "<p>This text has no English translation yet; the Vietnamese original is shown.</p>\n</div>\n"
        '<div lang="vi">\n<p>Đề án 950 được phê duyệt năm 2018.</p>\n</div>'
    ) in article
    ko = _article(_html(site, "ko", "glossary/index.html"))
    assert f'<span lang="vi">{DEF_VI}</span> <small class="vkc-missing">(미번역)</small>' in ko


def test_stale_translation_names_the_date(site: Path) -> None:
    en = _article(_html(site, "en", "glossary/index.html"))
    assert (
        'A city that uses digital technology to manage itself. <small class="vkc-stale">'
        "(The Vietnamese text changed on March 5, 2026, after this translation was made.)</small>"
    ) in en
    heading = _article(_html(site, "en", "guideline/part-framework/index.html"))
    assert (
        '<p class="vkc-heading-note"><small>(The Vietnamese text changed after this translation was made '
        "(date unknown).)</small></p>"
    ) in heading


def test_glossary_terms_are_linkable_and_trilingual(site: Path) -> None:
    html = _article(_html(site, "ko", "glossary/index.html"))
    assert (
        '<td><span id="term-smart-city"></span><a href="#term-smart-city"><span lang="vi">đô thị thông minh</span></a></td>\n'
        '<td><span lang="en">smart city</span></td>\n<td><span lang="ko">스마트시티</span></td>'
    ) in html


def test_citations_link_to_sources(site: Path) -> None:
    html = _article(_html(site, "vi", "guideline/part-framework/index.html"))
    assert '<small class="vkc-cite">Nguồn: <a href="../../sources/#src-plo">Pháp Luật TP.HCM</a></small>' in html
    assert '<h2 id="src-plo">' in _html(site, "vi", "sources/index.html")


def test_edit_link_opens_the_yaml_file(site: Path) -> None:
    html = _html(site, "en", "organizations/index.html")
    edits = re.findall(r'<a href="([^"]+)" title="Edit this page" class="md-content__button md-icon vkc-edit"', html)
    assert edits == ["https://github.com/vkc-smartcity/guideline/edit/main/content/records.yaml"]
    hand = _html(site, "ko", "huong-dan-su-dung/index.html")
    assert 'href="https://github.com/vkc-smartcity/guideline/edit/main/docs/ko/huong-dan-su-dung.md"' in hand


def test_illustrative_is_marked_and_footer_is_localized(site: Path) -> None:
    home = _html(site, "ko", "index.html")
    assert '<p class="vkc-changed">최종 수정: <time datetime="2026-11-24">2026년 11월 24일</time></p>' in home
    assert (
        '<a href="mailto:errors@vkc-smartcity.example.org?subject=https%3A//vkc-smartcity.example.org/ko/" '
        'class="vkc-report-link">이 페이지의 오류 신고</a>'
    ) in home
    about = _article(_html(site, "vi", "about/index.html"))
    assert "<li>Ngày: 24 tháng 11, 2026</li>" in about


def test_open_data_and_sitemap(site: Path) -> None:
    glossary = json.loads((site / "downloads/data/glossary.json").read_text(encoding="utf-8"))
    assert [g["id"] for g in glossary] == ["term-smart-city"]
    csv_text = (site / "downloads/data/organizations.csv").read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[:2] == [
        "id,sources,name.vi,name.en,name.ko,abbreviation,country",
        "moc,src-plo,Bộ Xây dựng,Ministry of Construction,건설부,MOC,vn",
    ]
    assert '<a href="../../downloads/data/glossary.json">glossary.json</a>' in _html(site, "en", "glossary/index.html")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (
        f"  <url>\n    <loc>{ROOT_URL}ko/glossary/</loc>\n    <lastmod>2026-11-24</lastmod>\n"
        f'    <xhtml:link rel="alternate" hreflang="vi" href="{ROOT_URL}glossary/"/>\n'
        f'    <xhtml:link rel="alternate" hreflang="en" href="{ROOT_URL}en/glossary/"/>\n'
        f'    <xhtml:link rel="alternate" hreflang="ko" href="{ROOT_URL}ko/glossary/"/>\n'
        f'    <xhtml:link rel="alternate" hreflang="x-default" href="{ROOT_URL}glossary/"/>\n  </url>'
    ) in sitemap
    assert not (site / "en/sitemap.xml").exists()


def test_no_request_leaves_the_host(site: Path) -> None:
    loaded = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        loaded += re.findall(r'<(?:script|img|iframe|source)\b[^>]*\ssrc="([^"]*)"', html)
        loaded += re.findall(r'<link\b(?![^>]*rel="(?:alternate|canonical)")[^>]*\shref="([^"]*)"', html)
    assert loaded
    assert [url for url in loaded if url.startswith(("http:", "https:", "//"))] == []
