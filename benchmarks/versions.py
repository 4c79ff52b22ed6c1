"""Versions (issue 12): a build with five published versions against the same build with one,
and `vkc diff` over a change to 1,000 records against `vkc check` of both revisions.

The baselines are measured in the same run: the one-version build of the same content, and
two `vkc check` runs (what a reviewer would otherwise run on the two revisions).
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from vkc.publish.build import build_site

from . import REPO, Row, row
from .corpus import write_corpus

BUILD_GOAL = 1.3
"""Five versions at most 1.3x one version, when the earlier snapshots did not change."""
EDITS = 5
"""Edits (and builds) per folder; their median counts."""
DIFF_GOAL = 1.5
"""`vkc diff` at most 1.5x two `vkc check` runs."""


def _quiet(*args: str | Path) -> int:
    done = subprocess.run(
        [sys.executable, "-m", "vkc.cli", *(str(a) for a in args)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"vkc {' '.join(str(a) for a in args[:2])} failed: {done.stderr.strip()[-300:]}")
    return done.returncode


def _publish(content: Path, version: str, date: str) -> None:
    _quiet("version", "publish", "--content", content, version, "--date", date, "--summary-vi", f"Phiên bản {version}.")


def _timed_build(content: Path, out: Path) -> float:
    start = time.perf_counter()
    build_site(content, out, config=REPO / "mkdocs.yml", docs=REPO / "docs", editions=False)
    return time.perf_counter() - start


def _median_edit(folder: Path) -> float:
    """Median seconds of five builds, each after an edit of the working content's publication text."""
    _timed_build(folder / "content", folder / "site")
    publication = folder / "content" / "publication.yaml"
    times = []
    for round_ in range(EDITS):
        text = publication.read_text(encoding="utf-8")
        old = "được phê duyệt năm 2018" + (f" ({round_})" if round_ else "")
        publication.write_text(text.replace(old, f"được phê duyệt năm 2018 ({round_ + 1})"), encoding="utf-8")
        times.append(_timed_build(folder / "content", folder / "site"))
    return statistics.median(times)


def bench_versions(work: Path) -> list[Row]:
    """The two rows of the issue: build cost of earlier versions, and `vkc diff` on 1,000 records."""
    one = work / "one"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", one / "content")
    five = work / "five"
    shutil.copytree(REPO / "tests" / "fixtures" / "mini", five / "content")
    for index in range(1, 6):
        _publish(five / "content", f"v{index}", f"2026-0{index}-01")
    _publish(one / "content", "v5", "2026-05-01")
    # Each measured build follows an edit of the working content into the same folder, as an
    # editor's next build would: the earlier versions did not change, their pages are reused.
    # The median of five edits each: one build on a shared machine is mostly noise (with three,
    # the ratio moved between 1.1x and 1.33x from run to run), and the first build after a cold
    # one is the only one without the spare tree (vkc.publish.staging).
    single, multiple = (_median_edit(folder) for folder in (one, five))
    rows = [
        row("site build with 5 versions (vs the same build with 1)", multiple, "s", single, single * BUILD_GOAL),
    ]
    rows.append(_bench_diff(work / "diff"))
    return rows


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=b", "-c", "user.email=b@example.org", *args],
        check=True,
        capture_output=True,
    )


def _bench_diff(work: Path) -> Row:
    corpus = write_corpus(work / "content", 1000)
    _git(work, "init", "-q", "-b", "main")
    _git(work, "add", "-A")
    _git(work, "commit", "-q", "-m", "base")
    changed = 0
    for path in corpus.files:  # an English word added to texts across the corpus
        text = path.read_text(encoding="utf-8")
        # A text, not a translation stamp (12 hexadecimal characters).
        edited = re.sub(r"(\n\s+en: )(?=[A-Za-z])(?![0-9a-f]{12}\n)", r"\1Revised ", text)
        changed += edited != text
        path.write_text(edited, encoding="utf-8")
    _git(work, "commit", "-q", "-am", "change")
    checks = 0.0
    for rev in ("HEAD~1", "HEAD"):
        _git(work, "checkout", "-q", rev)
        start = time.perf_counter()
        _quiet("check", "--content", corpus.root)
        checks += time.perf_counter() - start
    _git(work, "checkout", "-q", "main")
    start = time.perf_counter()
    _quiet("diff", "--content", corpus.root, "HEAD~1", "HEAD", "--format", "json")
    diff = time.perf_counter() - start
    name = f"vkc diff, 1000 records, texts changed in {changed} files (vs vkc check of both revisions)"
    return row(name, diff, "s", checks, checks * DIFF_GOAL)
