"""Gate: the pull-request path guard (.github/path_guard.py) flags a content change that
also touches code, templates or the site configuration, and passes a content-only change."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gates.site import REPO

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

GUARD = REPO / ".github" / "path_guard.py"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def _pull_request(tmp_path: Path, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    (repo / "content" / "records.yaml").write_text("a: 1\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    _git(repo, "checkout", "-qb", "change")
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "change")
    return subprocess.run([sys.executable, str(GUARD), "main"], cwd=repo, capture_output=True, text=True, check=False)


def test_content_only_change_passes(tmp_path: Path) -> None:
    result = _pull_request(tmp_path, {"content/records.yaml": "a: 2\n", "docs/en/x.md": "# X\n"})
    assert (result.returncode, result.stdout) == (0, "path guard: ok (2 file(s) changed)\n")


def test_content_with_configuration_change_is_flagged(tmp_path: Path) -> None:
    result = _pull_request(tmp_path, {"content/records.yaml": "a: 2\n", "mkdocs.yml": "site_name: y\n"})
    assert result.returncode == 1
    assert result.stdout == (
        "::warning file=mkdocs.yml::This content pull request also changes 'mkdocs.yml'; a maintainer must review it.\n"
    )
