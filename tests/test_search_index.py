"""The build-time half of search: sections taken from built HTML, glossary renderings, index file."""

from __future__ import annotations

import json
from pathlib import Path

from vkc.content import load_content
from vkc.search.index import glossary_renderings, index_data, page_url, sections, write_search

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "search"

PAGE = """<html><head><title>Trang - Site</title></head><body>
<article class="md-content__inner md-typeset">
<a href="https://example.org/edit" title="Sửa" class="md-content__button md-icon" rel="edit"><svg><path d="M1"/></svg></a>
<h1 id="p">Đô thị <em>thông minh</em><a class="headerlink" href="#p" title="Permanent link">&para;</a></h1>
<div class="admonition warning vkc-stale"><p class="admonition-title">Bản dịch cũ</p><p>Nguồn đã đổi.</p></div>
<p>Mở đầu &amp; giới thiệu.</p>
<h2 id="a">1.1 Dữ liệu<a class="headerlink" href="#a">&para;</a></h2>
<p class="vkc-heading-note"><small>(minh họa)</small></p>
<p>Dòng một.</p><ul><li>Mục A</li><li>Mục B</li></ul>
<h2 id="vkc-contents">Mục lục</h2><ul><li>1.1 Dữ liệu</li></ul>
<h3 id="b">Trống</h3>
<div class="vkc-citation"><h2 id="vkc-cite">Trích dẫn trang này</h2><p>Nhóm thử. “Trang”.</p></div>
<aside class="vkc-page-footer"><p>Cập nhật lần cuối</p></aside>
</article></body></html>"""


def test_sections_keep_the_text_and_drop_chrome_notices_and_contents() -> None:
    assert [(s.url, s.page, s.heading, s.text) for s in sections("guide/index.html", PAGE)] == [
        ("guide/", "Đô thị thông minh", "", "Mở đầu & giới thiệu."),
        ("guide/#a", "Đô thị thông minh", "1.1 Dữ liệu", "Dòng một. Mục A Mục B"),
    ]


def test_sections_are_nfc_and_editorial_pages_keep_only_their_title() -> None:
    decomposed = PAGE.replace("Dòng", "Do\u0300ng")
    assert sections("guide/index.html", decomposed)[1].text == "Dòng một. Mục A Mục B"
    # The translation-status page is in the navigation: found by its title, not by the
    # record titles its tables list.
    assert [(s.url, s.heading, s.text) for s in sections("translation-status/index.html", PAGE)] == [
        ("translation-status/", "", "")
    ]
    assert sections("x.html", "<html><body>no article</body></html>") == []


def test_download_cards_and_citations_are_left_out() -> None:
    card = '<ul><li><a href="x.json">x.json</a><br><small class="vkc-card">Dữ liệu JSON · 1 kB</small></li></ul>'
    page = PAGE.replace("<p>Dòng một.</p>", "<p>Dòng một.</p>" + card)
    # The page's citation (in PAGE) and the card's words are not searched; the file's name is.
    assert sections("guide/index.html", page)[1].text == "Dòng một. x.json Mục A Mục B"


def test_page_urls_are_directory_urls() -> None:
    assert [page_url(p) for p in ("index.html", "a/index.html", "a/b/index.html", "x.html")] == [
        "./",
        "a/",
        "a/b/",
        "x.html",
    ]


def test_glossary_renderings_split_alternatives() -> None:
    content, _ = load_content(FIXTURE)
    assert content is not None
    assert glossary_renderings(content) == [
        {"vi": ["đô thị thông minh"], "en": ["smart city"], "ko": ["스마트시티", "스마트도시"]},
        {"vi": ["dữ liệu mở"], "en": ["open data"], "ko": ["공공데이터"]},
    ]


def test_index_is_a_script_with_sections_weights_and_glossary() -> None:
    text = index_data(
        "vi",
        {
            "guideline/index.html": PAGE.replace('"guide', '"guideline'),
            "sources/index.html": PAGE.replace('"guide', '"sources'),
        },
        [{"vi": ["a"]}],
        "https://example.org/",
    )
    assert text.startswith("self.vkcSearchData={") and text.endswith("};\n")
    data = json.loads(text[len("self.vkcSearchData=") : -2])
    assert data == {
        "lang": "vi",
        "web": "https://example.org/",
        # url, h1, heading, text, record kind; then the weight and the navigation title of a
        # page's own record when they are not the defaults (1 and the h1).
        "docs": [
            ["guideline/", "Đô thị thông minh", "", "Mở đầu & giới thiệu.", "guideline", 1, "Trang"],
            ["guideline/#a", "Đô thị thông minh", "1.1 Dữ liệu", "Dòng một. Mục A Mục B", "guideline"],
            ["sources/", "Đô thị thông minh", "", "Mở đầu & giới thiệu.", "sources", 0.4, "Trang"],
            ["sources/#a", "Đô thị thông minh", "1.1 Dữ liệu", "Dòng một. Mục A Mục B", "sources", 0.4],
        ],
        "glossary": [{"vi": ["a"]}],
        "kinds": {
            "guideline": "Hướng dẫn",
            "indicators": "Chỉ số đánh giá",
            "project": "Dự án VKC",
            "organizations": "Cơ quan, tổ chức",
            "legal": "Văn bản pháp lý",
            "glossary": "Thuật ngữ",
            "sources": "Nguồn tham khảo",
            "other": "Trang khác",
        },
    }


def test_write_search_keeps_each_language_in_its_tree(tmp_path: Path) -> None:
    content, _ = load_content(FIXTURE)
    assert content is not None
    for rel in ("index.html", "guide/index.html", "404.html", "en/index.html", "ko/guide/index.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(PAGE.replace("Dòng một", f"Dòng {rel}"), encoding="utf-8")
    sizes = write_search(tmp_path, content, {"vi": "", "en": "en/", "ko": "ko/"}, "https://example.org")
    for lang, prefix, texts in (
        ("vi", "", ["Dòng guide/index.html. Mục A Mục B", "Dòng index.html. Mục A Mục B"]),
        ("en", "en/", ["Dòng en/index.html. Mục A Mục B"]),
        ("ko", "ko/", ["Dòng ko/guide/index.html. Mục A Mục B"]),
    ):
        raw = (tmp_path / prefix / "search" / "index.js").read_text(encoding="utf-8")
        assert len(raw.encode()) == sizes[lang]
        data = json.loads(raw[len("self.vkcSearchData=") : -2])
        assert data["web"] == f"https://example.org/{prefix}"
        assert [d[3] for d in data["docs"] if d[2]] == texts
        assert (tmp_path / prefix / "assets" / "javascripts" / "vkc-search.js").is_file()
        assert (tmp_path / prefix / "assets" / "stylesheets" / "vkc-search.css").is_file()
