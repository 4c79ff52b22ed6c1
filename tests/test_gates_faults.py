"""Gate: faults during `vkc build` never touch the live site.

Ten trials, each a child process building into the same live tree: an exception injected
at a random build step (``VKC_FAULT``, vkc.faults), SIGKILL at a random moment, SIGKILL
inside a step, and a strict-mode warning from mkdocs (a hand-written page with a broken
link). After every trial the live tree is byte for byte what it was; then one clean build
shows the same command does replace it (the gate is not vacuous).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from gates.site import EPOCH, REPO, tree_digest
from vkc.faults import ENV, STEPS
from vkc.publish import build

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

MINI = REPO / "tests" / "fixtures" / "mini"


def _build(out: Path, docs: Path, fault: str = "", kill_after: float | None = None) -> int:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.pop(ENV, None)
    if fault:
        env[ENV] = fault
    cmd = [sys.executable, "-m", "vkc.cli", "build", "--content", str(MINI), "--out", str(out)]
    cmd += ["--docs", str(docs), "--config", str(REPO / "mkdocs.yml"), "--no-editions"]
    proc = subprocess.Popen(
        cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    if kill_after is not None:
        try:
            return proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the build and its mkdocs workers
    return proc.wait(timeout=120)


def _docs(root: Path, broken: bool) -> Path:
    for lang in ("vi", "en", "ko"):
        (root / lang).mkdir(parents=True)
        link = "[x](missing.md)" if broken else "Text."
        (root / lang / "note.md").write_text(f"# Note\n\n{link}\n", encoding="utf-8")
    return root


def test_faults_never_change_the_live_site(tmp_path: Path) -> None:
    live = tmp_path / "www" / "site"
    live.mkdir(parents=True)
    (live / "index.html").write_text("<!doctype html><title>live</title>", encoding="utf-8")
    (live / "en").mkdir()
    (live / "en" / "index.html").write_text("live en", encoding="utf-8")
    before = tree_digest(live)
    docs = _docs(tmp_path / "docs", broken=False)
    rng = random.Random(8)  # a fixed seed: the same trials on every run
    trials: list[tuple[str, str, float | None, Path]] = [
        *[(f"exception at {s}", s, None, docs) for s in rng.sample(STEPS, 6)],
        *[(f"SIGKILL after {t:.2f} s", "", t, docs) for t in (rng.uniform(0.3, 1.5) for _ in range(2))],
        ("SIGKILL inside mkdocs", "mkdocs:kill", None, docs),
        ("strict-mode warning", "", None, _docs(tmp_path / "broken-docs", broken=True)),
    ]
    for name, fault, kill_after, docs_dir in trials:
        code = _build(live, docs_dir, fault, kill_after)
        assert code != 0, name
        assert tree_digest(live) == before, name
    assert len(trials) >= 10
    # The same command without a fault publishes, and cleans the staging trees of killed builds.
    assert _build(live, docs) == 0
    after = tree_digest(live)
    assert "note/index.html" in after and "en/note/index.html" in after
    # Beside the site only its page cache (vkc.publish.cache): no staging tree left.
    assert sorted(p.name for p in live.parent.iterdir()) == [".site.vkc-cache", "site"]


def test_every_build_step_is_a_fault_point() -> None:
    assert [step.__name__ for step in build.STEPS] == list(STEPS)
