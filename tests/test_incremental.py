"""An incremental build publishes the same bytes as a clean build, after any sequence of edits.

Left out of `make test-fast`: builds the site about a dozen times.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from vkc.cli import main
from vkc.diagnostics import ContentError
from vkc.publish.build import BuildResult, build_site
from vkc.publish.cache import cache_dir

pytestmark = pytest.mark.slow


class Project:
    """A private copy of everything a build reads: content, hand-written pages, mkdocs.yml, theme."""

    def __init__(self, root: Path, fixture: str = "mini") -> None:
        self.root = root
        self.content = root / "content"
        shutil.copytree(FIXTURES / fixture, self.content)
        self.docs = root / "docs"
        shutil.copytree(REPO / "docs", self.docs)
        shutil.copytree(REPO / "overrides", root / "overrides")
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        self.out = root / "out" / "site"

    def build(self, out: Path | None = None) -> BuildResult:
        return build_site(
            self.content, out or self.out, config=self.root / "mkdocs.yml", docs=self.docs, editions=False
        )

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _same_as_clean(project: Project, name: str, *, new_process: bool = False) -> None:
    """``new_process``: build the clean tree in a new interpreter, which keeps nothing from this
    process's builds (what a build reuses within a process is compared too)."""
    clean = project.root / "clean" / name
    if new_process:
        code = (
            "import sys; from pathlib import Path; from vkc.publish.build import build_site; "
            "r = Path(sys.argv[1]); build_site(r / 'content', Path(sys.argv[2]), config=r / 'mkdocs.yml', "
            "docs=r / 'docs', editions=False)"
        )
        subprocess.run([sys.executable, "-c", code, str(project.root), str(clean)], check=True, env=os.environ.copy())
    else:
        project.build(clean)
    built, expected = _tree(project.out), _tree(clean)
    assert sorted(built) == sorted(expected)
    differing = [rel for rel in expected if built[rel] != expected[rel]]
    assert differing == []


def test_incremental_builds_equal_clean_builds_byte_for_byte(tmp_path: Path) -> None:
    project = Project(tmp_path)
    first = project.build()
    every_page = len(first.rendered)
    assert every_page > 20 and "en/glossary/index.html" in first.rendered

    nothing = project.build()
    assert (nothing.rendered, nothing.rebuilt) == ([], [])

    # Changes every page shares: each renders every page again.
    project.edit(
        "overrides/main.html", "{% block extrahead %}", '{% block extrahead %}<meta name="x-edit" content="1">'
    )
    assert len(project.build().rendered) == every_page
    project.edit("mkdocs.yml", "repo_name: vkc-smartcity/guideline", "repo_name: vkc-smartcity/guideline-next")
    assert len(project.build().rendered) == every_page
    for lang, title in (("vi", "Trang thêm"), ("en", "Extra page"), ("ko", "추가 페이지")):  # a navigation change
        (project.docs / lang / "extra.md").write_text(f"# {title}\n\nText.\n", encoding="utf-8")
    assert "ko/extra/index.html" in project.build().rendered
    _same_as_clean(project, "after-shared-changes")

    # A title, a new record, a deleted record.
    project.edit("content/publication.yaml", "en: Policy framework", "en: Policy frameworks")
    project.build()
    project.edit(
        "content/records.yaml",
        "    sources: [src-plo]\n",
        "    sources: [src-plo]\n  - id: molit\n    name: {vi: Bộ Đất đai, en: Ministry of Land, ko: 국토부}\n"
        "    country: kr\n    sources: [src-plo]\n",
    )
    project.build()
    project.edit("content/records.yaml", "  - id: molit\n", "  - id: molit-gone\n")
    project.build()

    # One text in each language: only the pages that show it are rendered.
    project.edit("content/publication.yaml", "được phê duyệt năm 2018.", "được phê duyệt năm 2018 (Quyết định 950).")
    vi_text = project.build().rendered
    assert "guideline/part-framework/index.html" in vi_text and len(vi_text) < every_page / 2
    project.edit(
        "content/publication.yaml", '{vi: "Đề án 950', '{en: "Scheme 950 was approved in 2018.", vi: "Đề án 950'
    )
    en_text = project.build().rendered
    assert "en/guideline/part-framework/index.html" in en_text and len(en_text) < every_page / 2
    project.edit("content/publication.yaml", "ko: 베트남어 본문이 공식 본문이다.", "ko: 베트남어 본문만 공식 본문이다.")
    ko_text = project.build().rendered
    assert ko_text and all(page.startswith("ko/") for page in ko_text)
    _same_as_clean(project, "after-text-edits")

    # The cache is safe to delete: the next build derives everything again, with the same bytes.
    shutil.rmtree(cache_dir(project.out))
    project.build()
    _same_as_clean(project, "without-cache")


def _publish(project: Project, version: str, date: str) -> None:
    code = main(
        ["version", "publish", "--content", str(project.content), version, "--date", date, "--summary-vi", "Bản."]
    )
    assert code == 0


def test_incremental_builds_with_earlier_versions_equal_clean_builds(tmp_path: Path) -> None:
    """Earlier versions' pages, indexes and files are reused while nothing they show changed; an
    edit that does change them (a new version, a version's summary, the site address, the
    theme) gives the bytes of a clean build all the same."""
    project = Project(tmp_path)
    _publish(project, "v1", "2026-01-01")
    project.edit("content/publication.yaml", "en: Policy framework", "en: Policy frameworks")
    _publish(project, "v2", "2026-02-01")
    project.edit("content/records.yaml", "ko: 건설부", "ko: 국토건설부")
    _publish(project, "v3", "2026-03-01")
    first = project.build()
    assert "en/versions/v1/glossary/index.html" in first.rendered
    assert (project.out / "downloads" / "versions" / "v2" / "data" / "glossary.json").is_file()

    # An edit of the current content: the earlier versions' pages are not rendered again.
    project.edit("content/publication.yaml", "được phê duyệt năm 2018.", "được phê duyệt năm 2018 (Quyết định 950).")
    edited = project.build().rendered
    assert edited and not [page for page in edited if "versions/" in page]
    _same_as_clean(project, "after-current-edit")

    # A new version: v3 joins the earlier versions, and every earlier page names v4 as current.
    _publish(project, "v4", "2026-04-01")
    published = project.build().rendered
    assert "ko/versions/v3/glossary/index.html" in published and "versions/v1/glossary/index.html" in published
    _same_as_clean(project, "after-new-version")

    # A version's summary (its What-changed page and the version list), the site address (the
    # earlier versions' canonical addresses, files and indexes) and the theme (every page).
    project.edit("content/publication.yaml", "Bản.", "Bản đầu tiên.")
    project.build()
    _same_as_clean(project, "after-summary")
    project.edit("mkdocs.yml", "site_url: https://vkc-smartcity.example.org/", "site_url: https://vkc.example.net/")
    project.build()
    _same_as_clean(project, "after-site-url")
    project.edit(
        "overrides/main.html", "{% block extrahead %}", '{% block extrahead %}<meta name="x-edit" content="1">'
    )
    themed = project.build().rendered
    assert "en/versions/v2/glossary/index.html" in themed
    _same_as_clean(project, "after-theme")


def test_what_a_rebuild_keeps_from_the_last_build_in_the_process_equals_a_clean_build(tmp_path: Path) -> None:
    """A build in the same process takes again an unchanged file's records, a course's SCORM
    package and Moodle XML while what they read is unchanged, a collection's open data and a
    page's head and Markdown (vkc serve builds so): the bytes are still a clean build's."""
    project = Project(tmp_path, "course")
    project.build()
    packages = project.out / "downloads" / "training"
    before = _tree(packages)
    assert len([name for name in before if name.endswith("-scorm.zip")]) == 3

    # A chapter's body, which a lesson reads (by number and title): the packages stay the same.
    project.edit("content/publication.yaml", '"Đề án 950 được phê duyệt năm 2018."', '"Đề án 950 (sửa)."')
    assert "en/guideline/part-framework/index.html" in project.build().rendered
    assert _tree(packages) == before
    _same_as_clean(project, "after-body", new_process=True)

    # A question of the course and the name of a body that a legal document's head names.
    project.edit("content/training.yaml", "Đề án 950 được phê duyệt năm nào?", "Đề án 950 được ký năm nào?")
    project.edit("content/records.yaml", "en: Ministry of Construction", "en: Ministry of Construction (MOC)")
    rendered = project.build().rendered
    after = _tree(packages)
    assert sorted(after) == sorted(before)
    assert [name for name in after if after[name] != before[name] and "-vi" in name] == [
        "course-test-vi-scorm.zip",
        "course-test-vi.moodle.xml",
    ]
    assert "en/legal/index.html" in rendered
    _same_as_clean(project, "after-question", new_process=True)


def test_an_unchanged_page_whose_link_target_goes_is_still_checked(tmp_path: Path) -> None:
    """The check skips the links of unchanged pages only while the tree's files and anchors are
    the ones they were checked against: an anchor that goes fails the build, and the site stays."""
    project = Project(tmp_path)
    for lang, title in (("vi", "Trang thêm"), ("en", "Extra page"), ("ko", "추가 페이지")):
        (project.docs / lang / "extra.md").write_text(f"# {title}\n\n[MOC](organizations.md#moc)\n", encoding="utf-8")
    project.build()
    project.edit("content/publication.yaml", "được phê duyệt năm 2018.", "được phê duyệt năm 2018 (Quyết định 950).")
    project.build()  # the extra pages are unchanged: their links are not checked again
    project.edit("content/records.yaml", "  - id: moc\n", "  - id: mocx\n")
    with pytest.raises(ContentError) as raised:
        project.build()
    message = raised.value.diagnostics[0].message
    assert "extra/index.html: broken anchor: ../organizations/#moc" in message
    assert "ko/extra/index.html: broken anchor: ../organizations/#moc" in message
    assert 'id="moc"' in (project.out / "en" / "organizations" / "index.html").read_text(encoding="utf-8")


def test_a_hand_written_page_edited_in_place_or_replaced_is_rendered_again(tmp_path: Path) -> None:
    """The docs folder mkdocs reads holds links to the hand-written pages, not copies: an editor
    that rewrites the file in place (the same file) or replaces it (a new file) is seen alike,
    and the build still equals a clean one."""
    project = Project(tmp_path)
    for lang, title in (("vi", "Trang thêm"), ("ko", "추가 페이지")):  # every language has every page
        (project.docs / lang / "extra.md").write_text(f"# {title}\n\nText.\n", encoding="utf-8")
    page = project.docs / "en" / "extra.md"
    page.write_text("# Extra page\n\nFirst text.\n", encoding="utf-8")
    project.build()
    built = project.out / "en" / "extra" / "index.html"
    assert "First text." in built.read_text(encoding="utf-8")

    with page.open("r+", encoding="utf-8") as same_file:  # in place, same length
        same_file.write("# Extra page\n\nSecondtext.\n")
    assert "en/extra/index.html" in project.build().rendered
    assert "Secondtext." in built.read_text(encoding="utf-8")

    replacement = page.with_name("extra.md.new")
    replacement.write_text("# Extra page\n\nThird text.\n", encoding="utf-8")
    replacement.replace(page)
    assert "en/extra/index.html" in project.build().rendered
    assert "Third text." in built.read_text(encoding="utf-8")
    _same_as_clean(project, "after-hand-written-edits")
