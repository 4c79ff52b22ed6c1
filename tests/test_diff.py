"""`vkc diff`: the change set of a pull request in a scratch git repository, as text and JSON."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, CliResult, copy_fixture

Run = Callable[..., CliResult]


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, run_vkc: Run) -> Path:
    """The mini fixture committed twice: translations stamped current, then a pull request's edit."""
    repo = tmp_path / "repo"
    content = copy_fixture("mini", repo / "content")
    _git(repo, "init", "-q", "-b", "main")
    for lang in ("en", "ko"):
        assert run_vkc("translations", "mark-current", "--content", content, "--lang", lang, "--all").code == 0
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    records = content / "records.yaml"
    text = records.read_text(encoding="utf-8")
    assert text.count("건설부") == 1
    text = text.replace("건설부", "국토건설부")  # a Korean name changes
    text += (
        "  - id: molit\n"
        '    name: {vi: "Bộ Đất đai, Hạ tầng và Giao thông", en: "Ministry of Land, Infrastructure and Transport"}\n'
        "    country: kr\n"
        "    sources: [src-plo]\n"
    )
    records.write_text(text, encoding="utf-8")
    publication = content / "publication.yaml"
    body = publication.read_text(encoding="utf-8")
    assert "Khung chính sách" in body
    publication.write_text(body.replace("Khung chính sách", "Khung chính sách quốc gia", 1), encoding="utf-8")
    return repo


def test_text_lists_each_changed_field_and_the_translations_made_stale(repo: Path, run_vkc: Run) -> None:
    result = run_vkc("diff", "--content", repo / "content", "HEAD")
    assert result.code == 0, result.err
    assert result.out == (
        "~ part part-framework\n"
        '    title.vi: "Khung chính sách" -> "Khung chính sách quốc gia"\n'
        "    now stale: title (en), title (ko)\n"
        "~ organization moc\n"
        '    name.ko: "건설부" -> "국토건설부"\n'
        "+ organization molit\n"
        "3 record(s): 1 added, 0 removed, 2 changed\n"
        "pages: guideline/part-framework.md, organizations.md\n"
    )


def test_json_between_two_commits(repo: Path, run_vkc: Run) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "pull request")
    result = run_vkc("diff", "--content", repo / "content", "HEAD~1", "HEAD", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["records"][1] == {
        "id": "moc",
        "kind": "organization",
        "change": "changed",
        "fields": [{"key": "name.ko", "old": "건설부", "new": "국토건설부"}],
        "stale": [],
    }
    assert data["pages"] == ["guideline/part-framework.md", "organizations.md"]
    assert [(r["id"], r["change"]) for r in data["records"]] == [
        ("part-framework", "changed"),
        ("moc", "changed"),
        ("molit", "added"),
    ]


def test_markdown_for_the_job_summary(repo: Path, run_vkc: Run) -> None:
    result = run_vkc("diff", "--content", repo / "content", "main", "--format", "markdown")
    assert '| `name.ko` | "건설부" | "국토건설부" |\n' in result.out
    assert "Translations now stale: `title` (en), `title` (ko)\n" in result.out


def test_unknown_revision_is_a_usage_error(repo: Path, run_vkc: Run) -> None:
    result = run_vkc("diff", "--content", repo / "content", "no-such-branch")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"{repo / 'content'}: error[diff.unknown-revision] unknown revision 'no-such-branch'\n"
        "  hint: give a version id, or a commit, branch or tag of this repository (a shallow clone has only what it "
        "fetched)\n"
    )


def test_outside_git_is_a_usage_error(tmp_path: Path, run_vkc: Run) -> None:
    content = copy_fixture("mini", tmp_path / "content")
    result = run_vkc("diff", "--content", content, "HEAD")
    assert result.code == 2
    assert "error[diff.no-git] the content folder is not in a git repository" in result.err
    assert FIXTURES.is_dir()


def test_status_since_lists_the_vietnamese_texts_to_translate_again(repo: Path, run_vkc: Run) -> None:
    result = run_vkc("status", "--content", repo / "content", "--since", "main")
    assert result.code == 0, result.err
    assert result.out == (
        "1 Vietnamese text(s) changed since main\n"
        f"  {repo / 'content' / 'publication.yaml'}:21: part-framework title (stale: en, ko)\n"
    )
    data = json.loads(run_vkc("status", "--content", repo / "content", "--since", "main", "--format", "json").out)
    assert data["changed"] == [
        {
            "id": "part-framework",
            "key_path": "title",
            "file": str(repo / "content" / "publication.yaml"),
            "line": 21,
            "stale": ["en", "ko"],
        }
    ]


def test_review_page_shows_each_changed_page_before_and_after(repo: Path, run_vkc: Run, tmp_path: Path) -> None:
    out = tmp_path / "review"
    result = run_vkc("diff", "--content", repo / "content", "main", "--format", "html", "--out", out)
    assert result.code == 0, result.err
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<h2 lang="en">organizations.md — ko</h2>' in page
    before, after = page.split('<h2 lang="en">organizations.md — ko</h2>')[1].split('<h3 lang="en">After</h3>')[:2]
    assert "건설부" in before and "국토건설부" not in before
    assert "국토건설부" in after.split("</div>")[0]
    assert run_vkc("diff", "--content", repo / "content", "main", "--format", "html").code == 2
