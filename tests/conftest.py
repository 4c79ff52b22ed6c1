"""Shared test helpers: fixture content copied into tmp_path, and the CLI run in-process.

Why: every test that edits content works on its own copy (tests run in random order and
must not see each other's files), and CLI tests assert exactly what an editor would see.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from vkc.cli import main

TESTS = Path(__file__).resolve().parent
"""The tests folder."""
FIXTURES = TESTS / "fixtures"
"""Fixture content trees; `mini` is tiny and valid."""
REPO = TESTS.parent
"""The repository root."""


def copy_fixture(name: str, dest: Path) -> Path:
    """Copy ``tests/fixtures/<name>`` to ``dest`` (created) and return ``dest``."""
    shutil.copytree(FIXTURES / name, dest)
    return dest


@pytest.fixture(scope="session", autouse=True)
def _one_chromium() -> Iterator[None]:
    """One Chromium for the session's browsers on this thread, each test in a new context (a
    fresh profile): starting Chromium costs seconds a test (tests/browser.py). Launched only
    when a test first opens a browser."""
    from browser import one_chromium  # Playwright: only imported, nothing started

    with one_chromium():
        yield


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/search built once per session, without PDF/DOCX editions (they are not
    searched) and without hand-written pages (the expected results depend on the fixture alone).

    Shared by the modules that only read it (a test that changes files works on a copy): a
    build costs seconds, a copy a fraction of that.
    """
    from vkc.publish.build import build_site  # mkdocs and the theme: only for the tests that build

    out = tmp_path_factory.mktemp("search-site") / "site"
    build_site(FIXTURES / "search", out, docs=tmp_path_factory.mktemp("no-docs"), editions=False)
    return out


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `mini` fixture with the repository's mkdocs.yml and hand-written pages, built once
    per session without editions. Read it, or publish a private copy with :func:`copy_site`."""
    from vkc.publish.build import build_site

    out = tmp_path_factory.mktemp("mini-site") / "site"
    build_site(FIXTURES / "mini", out, config=REPO / "mkdocs.yml", docs=REPO / "docs", editions=False)
    return out


def copy_site(site: Path, dest: Path) -> Path:
    """A copy of the published tree ``site`` at ``dest``, its page cache beside it (as a build
    of the same content into ``dest`` leaves them: the next build there reuses both)."""
    from vkc.publish.cache import cache_dir

    shutil.copytree(site, dest, symlinks=True)
    if cache_dir(site).is_dir():
        shutil.copytree(cache_dir(site), cache_dir(dest), symlinks=True)
    return dest


@pytest.fixture
def mini_content(tmp_path: Path) -> Path:
    """A private, writable copy of the `mini` fixture at ``tmp_path / "content"``."""
    return copy_fixture("mini", tmp_path / "content")


@dataclass(frozen=True)
class CliResult:
    """What one `vkc` run printed and returned."""

    code: int
    out: str
    err: str


@pytest.fixture
def run_vkc(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `vkc ARGS...` in-process (``vkc.cli.main``); returns exit code, stdout and stderr.

    Output captured before the call is discarded, so each result holds only this run.
    """

    def run(*args: str | Path) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def run_vkc_process(*args: str | Path, cwd: Path) -> CliResult:
    """Run `vkc ARGS...` as a child process in ``cwd`` (for relative paths and tracebacks)."""
    proc = subprocess.run(
        [sys.executable, "-m", "vkc.cli", *(str(a) for a in args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)
