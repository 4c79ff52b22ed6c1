"""Publishing: hostile content comes out inert, collisions and bad content publish nothing,
and a build killed half-way leaves the previous site byte-identical."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, REPO, CliResult, copy_site
from vkc.diagnostics import display_path
from vkc.publish.build import build_site
from vkc.publish.check import _resolve, _resolve_parsed, resolve_links, scan_html

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "site"
    build_site(FIXTURES / "hostile", out, config=REPO / "mkdocs.yml", docs=REPO / "docs", editions=False)
    return out


def test_hostile_content_is_inert(hostile_site: Path) -> None:
    pages = {
        p.relative_to(hostile_site).as_posix(): p.read_text(encoding="utf-8") for p in hostile_site.rglob("*.html")
    }
    assert len(pages) == 3 * (17 + len(list((REPO / "docs" / "vi").glob("*.md"))))
    for name, html in pages.items():
        assert scan_html(html).problems == [], name
        for active in (
            "<script>alert",
            "<img src=x",
            "<svg onload",
            "<iframe",
            "<object",
            "<style>body",
            "<b onmouseover",
        ):
            assert active not in html, (name, active)
        assert "root:x:0:0" not in html and "site_name:" not in html, name  # no snippet include ran
    part = pages["guideline/part-hostile/index.html"]
    assert '<p>!!! danger "&lt;script&gt;alert(7)&lt;/script&gt;" nội dung</p>' in part
    assert '<h2 id="chapter-hostile">1.1 # Tiêu đề giả {#vkc-top}<a class="headerlink"' in part
    guideline = pages["guideline/index.html"]
    assert '<p>--8&lt;-- "/etc/passwd"</p>' in guideline
    assert "<p>[bấm](javascript:alert(1)) dữ liệu [ok](https://example.org/a_(b)?c=&lt;d&gt;)</p>" in guideline
    assert (
        "<title>Trang chủ - &lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;Tiêu đề</title>" in pages["index.html"]
    )
    sources = pages["sources/index.html"]
    assert '<a href="https://example.org/%22onmouseover=%22alert%2813%29">' in sources


def test_the_check_catches_active_content() -> None:
    page = (
        "<html><head><title>x</title><script>__md_scope=1</script></head><body><article>"
        "<p>&lt;script&gt; text is fine, and so is onclick=alert(1) as text</p>"
        '<img src="a.png" onerror="alert(1)"><a href="JavaScript:alert(2)">x</a><script>alert(3)</script>'
        "</article></body></html>"
    )
    assert scan_html(page).problems == [
        "a script the theme did not write: '<script>alert(3)'",
        'an on* event attribute: \'<img src="a.png" onerror="alert(1)">\'',
        "a script or data link: '<a href=\"JavaScript:alert(2)\">'",
        "an active element in the page text: '<script'",
    ]


@pytest.mark.parametrize(
    ("tag", "problem"),
    [
        ('<b\tONMOUSEOVER="x()">', "an on* event attribute"),
        ('<a href="jav&#97;script:alert(1)">', "a script or data link"),
        ('<a href="javascript&colon;alert(1)">', "a script or data link"),
        ("<img SRC='DATA:image/svg+xml,x'>", "a script or data link"),
        ('<form ACTION = "vbscript:x">', "a script or data link"),
    ],
)
def test_each_active_attribute_is_caught_on_its_own(tag: str, problem: str) -> None:
    """The fast pre-filter lets a page through to the attribute parse for each kind alone."""
    page = f"<html><head><title>x</title></head><body><p>{tag}text</p></body></html>"
    assert [found.split(":")[0] for found in scan_html(page).problems] == [problem]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["index.html", "a/b/index.html", "en/x/index.html"]),
    st.lists(
        st.sampled_from(["a", "..", ".", "/", "b/", "%20", "#x", "?q", "http:", " ", "é", "\t", "//h", "\\"]),
        max_size=5,
    ),
)
def test_a_plain_link_resolves_as_urlsplit_resolves_it(page: str, pieces: list[str]) -> None:
    """The site check's shortcut for relative paths gives what the general resolution gives."""
    link = "".join(pieces)
    assert _resolve(page, link) == _resolve_parsed(page, link)


_LINK_PIECES = st.sampled_from(["../", "..", ".", "./", "a", "b/", "c/", "/", "#x", "?q", "http:", "%20"])
_PAGE_FOLDERS = st.lists(st.sampled_from(["a", "b", "c", "en", "x"]), max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PAGE_FOLDERS, st.lists(st.lists(_LINK_PIECES, max_size=6), max_size=6)), max_size=6))
def test_links_resolved_page_after_page_are_those_of_each_page_alone(
    pages: list[tuple[list[str], list[list[str]]]],
) -> None:
    """The table of links already resolved (shared by pages that climb to the same folder)
    gives each page what resolving its own links alone gives, in any order of pages."""
    for folders, links in pages:
        page = "/".join([*folders, "index.html"])
        texts = ["".join(pieces) for pieces in links]
        assert resolve_links(page, texts) == [_resolve(page, text) for text in texts]


_ID_WITH_SPACE_BEFORE = re.compile(r"""\sid=["']?([^"'\s>]+)""")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["id=", " ", "\n", "x", '"', "'", ">", "<a", "a", "-"]), max_size=12))
def test_ids_are_the_values_after_white_space_and_id(pieces: list[str]) -> None:
    """The literal-first search for ids finds what the pattern starting with white space finds."""
    text = "".join(pieces)
    assert scan_html(text).ids == set(_ID_WITH_SPACE_BEFORE.findall(text))


def test_collision_with_a_handwritten_page_is_an_error(tmp_path: Path, run_vkc: Callable[..., CliResult]) -> None:
    docs = tmp_path / "docs"
    for lang in ("vi", "en", "ko"):
        (docs / lang).mkdir(parents=True)
        (docs / lang / "glossary.md").write_text("# Glossary\n", encoding="utf-8")
    out = tmp_path / "site"
    result = run_vkc("build", "--content", FIXTURES / "mini", "--out", out, "--docs", docs, "--no-editions")
    expected = "".join(
        f"{display_path(docs / lang / 'glossary.md')}: error[site.collision] hand-written page "
        f"{display_path(docs / lang / 'glossary.md')} collides with the generated page glossary.md "
        "(generated from the content)\n  hint: rename the hand-written page; generated pages cannot be overridden\n"
        for lang in ("vi", "en", "ko")
    )
    assert (result.code, result.out, result.err) == (1, "", expected)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


@pytest.fixture
def published(mini_site: Path, tmp_path: Path) -> Path:
    """`mini` published at ``tmp_path / "site"``: a copy of the session's build, page cache included."""
    return copy_site(mini_site, tmp_path / "site")


def test_bad_content_leaves_the_site_untouched(
    published: Path, tmp_path: Path, run_vkc: Callable[..., CliResult]
) -> None:
    before = _tree_digest(published)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.yaml").write_text("organizations:\n  - id: x\n", encoding="utf-8")
    result = run_vkc("build", "--content", broken, "--out", published, "--no-editions")
    assert result.code == 1 and "error[" in result.err
    assert _tree_digest(published) == before
    # Beside the site: its page cache (vkc.publish.cache), and no staging tree left over.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.vkc-cache", "broken", "site"]


@pytest.mark.parametrize("stage", ["staging", "mkdocs-writing"])
def test_sigkill_during_build_leaves_the_site_byte_identical(
    published: Path, stage: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    before = _tree_digest(published)
    assert len(before) > 50
    parent = published.parent
    # Changed content, so that every language really runs mkdocs (nothing can be reused).
    changed = tmp_path_factory.mktemp("changed") / "content"
    shutil.copytree(FIXTURES / "mini", changed)
    pub = changed / "publication.yaml"
    pub.write_text(pub.read_text(encoding="utf-8").replace("Test guideline", "Changed guideline"), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "vkc.cli", "build", "--content", str(changed), "--out", str(published)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    staged: list[Path] = []
    while time.monotonic() < deadline and proc.poll() is None:
        staged = [p for p in parent.glob(".site-*") if p.is_dir()]
        if staged and (stage == "staging" or any((p / ".build-vi" / "index.html").exists() for p in staged)):
            break
        time.sleep(0.002)
    assert proc.poll() is None, "the build finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the build and its mkdocs workers
    proc.wait()
    assert staged
    assert _tree_digest(published) == before
    # The next build removes what the killed one left behind.
    build_site(FIXTURES / "mini", published, config=REPO / "mkdocs.yml", docs=REPO / "docs", editions=False)
    assert sorted(p.name for p in parent.iterdir()) == [".site.vkc-cache", "site"]  # the site and its page cache


def test_unchanged_languages_are_reused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    out = tmp_path / "site"

    def build() -> list[str]:
        return build_site(FIXTURES / "mini", out, config=REPO / "mkdocs.yml", docs=docs, editions=False).rebuilt

    assert build() == ["vi", "en", "ko"]
    assert build() == []
    before = _tree_digest(out)
    page = docs / "en" / "huong-dan-su-dung.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEdited in English only.\n", encoding="utf-8")
    assert build() == ["en"]
    after = _tree_digest(out)
    changed = sorted(name for name in set(before) | set(after) if before.get(name) != after.get(name))
    # vi and ko pages are untouched (downloads/, search/ and sw.js belong to other writers).
    assert [n for n in changed if not n.startswith(("en/", "search/", "sw.js", ".vkc-build.json", "downloads/"))] == []
    assert "<p>Edited in English only.</p>" in (out / "en/huong-dan-su-dung/index.html").read_text(encoding="utf-8")


def test_the_retired_tree_is_recycled_without_the_folders_of_deleted_pages(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    out = tmp_path / "site"

    def build() -> None:
        build_site(FIXTURES / "mini", out, config=REPO / "mkdocs.yml", docs=docs, editions=False, archives=False)

    def write(name: str, text: str) -> None:
        for lang in ("vi", "en", "ko"):
            (docs / lang / name).write_text(text, encoding="utf-8")

    write("extra.md", "# Extra\n\nA page that goes.\n")
    build()
    first = out.resolve()
    assert (first / "extra" / "index.html").is_file()
    for lang in ("vi", "en", "ko"):
        (docs / lang / "extra.md").unlink()
    write("other.md", "# Other\n\nA page that stays.\n")
    build()  # a new staging tree; the first tree is kept as the spare
    spare = tmp_path / ".site.vkc-cache" / "spare"
    assert (spare / "extra" / "index.html").is_file() and (spare / "en" / "extra" / "index.html").is_file()
    write("other.md", "# Other\n\nA page that stays, edited.\n")
    build()  # built in the first tree: its files unlinked, its folders kept where a page needs them
    assert not (out / "extra").exists() and not (out / "en" / "extra").exists() and not (out / "ko" / "extra").exists()
    assert "A page that stays, edited." in (out / "en" / "other" / "index.html").read_text(encoding="utf-8")
    folders = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_dir())
    assert [f for f in folders if not any(p.is_file() for p in (out / f).rglob("*"))] == []
    # The same tree as a clean build of the same inputs.
    clean = tmp_path / "clean" / "site"
    build_site(FIXTURES / "mini", clean, config=REPO / "mkdocs.yml", docs=docs, editions=False, archives=False)
    assert _tree_digest(out) == _tree_digest(clean)
    # The tree the swap retired (the second) waits beside the site, in its page cache.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.vkc-cache", "clean", "docs", "site"]
    assert (spare / "other" / "index.html").is_file()


def test_a_build_never_writes_into_a_published_file(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    out = tmp_path / "site"

    def build() -> None:
        build_site(content, out, config=REPO / "mkdocs.yml", docs=REPO / "docs", editions=False, archives=False)

    build()
    # A second name for every published file: whatever a later build writes through a link of its
    # tree shows here.
    held = tmp_path / "held"
    before: dict[str, bytes] = {}
    for path in sorted(out.resolve().rglob("*")):
        if path.is_file():
            rel = path.relative_to(out.resolve()).as_posix()
            (held / rel).parent.mkdir(parents=True, exist_ok=True)
            os.link(path, held / rel)
            before[rel] = path.read_bytes()
    publication = content / "publication.yaml"
    for round_ in range(3):  # the site's English name changes: the English pages and the theme's 404 page
        text = publication.read_text(encoding="utf-8")
        publication.write_text(re.sub(r"en: Test guideline.*", f"en: Test guideline {round_}", text), encoding="utf-8")
        build()
    assert (out / "en" / "404.html").read_bytes() != before["en/404.html"]
    assert {rel: (held / rel).read_bytes() for rel in before} == before
