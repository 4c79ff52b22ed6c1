"""Shared test helpers: fixture content copied into tmp_path, and the CLI run in-process.

Why: every test that edits content works on its own copy (tests run in random order and
must not see each other's files), and CLI tests assert exactly what an editor would see.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
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
