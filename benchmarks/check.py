"""`vkc check` on a synthetic 10,000-record corpus next to PyYAML + pydantic, and how fast the
loader refuses an alias bomb and a deep nesting."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from vkc.yamlload import parse_text

from . import PeerError, Row, row
from .corpus import write_corpus

RECORDS = 10_000
"""Size of the synthetic corpus that `vkc check` is timed on."""
CHECK_TIME_RATIO = 0.8
"""Issue 13: `vkc check` takes at most 0.8x the time of its no-positions peer, measured in the same run."""
CHECK_MEMORY_RATIO = 1.5
"""Issue 13: `vkc check` needs at most 1.5x the peak memory of that peer."""
REJECT_GOAL_MS = 100.0
"""'Well under a second' for an alias bomb or a 5,000-deep nesting."""
RUNS = 5
"""Repetitions per figure; the median is reported."""

# The peer of `vkc check`: PyYAML's C loader and pydantic, without positions, duplicate
# keys, limits or cross-references. Run as its own process so that imports count alike.
_PEER = """
import sys
from pathlib import Path
import yaml
from pydantic import TypeAdapter
from vkc.content import COLLECTIONS, SINGLETONS, content_files
adapters = {key: TypeAdapter(list[kind]) for key, kind in COLLECTIONS.items()}
records = 0
for path in content_files(Path(sys.argv[1])):
    with path.open("rb") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for key, value in data.items():
        if key in SINGLETONS:
            SINGLETONS[key].model_validate(value)
        else:
            records += len(adapters[key].validate_python(value))
print(records)
"""


def _timed_process(argv: list[str]) -> tuple[float, float, int, str, str]:
    """Wall time (s), peak RSS (MB), exit code, stdout and stderr of a child process."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: no deadlock beside stdout
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=errors, env=env)
        assert proc.stdout is not None
        out = proc.stdout.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(proc.pid, 0)  # wait4: the child's own peak RSS
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        errors.seek(0)
        err = errors.read().decode("utf-8", "replace")
    return elapsed, usage.ru_maxrss / 1024, proc.returncode, out, err


def _median_process(argv: list[str], runs: int) -> tuple[float, float, int, str, str]:
    results = [_timed_process(argv) for _ in range(runs)]
    times = [r[0] for r in results]
    return statistics.median(times), max(r[1] for r in results), *results[-1][2:]


def _median_call(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def billion_laughs(levels: int = 10, width: int = 10) -> str:
    """The classic alias bomb: ``width ** levels`` values from a few hundred bytes."""
    lines = ['a0: &a0 "lol"']
    for level in range(1, levels):
        refs = ", ".join(f"*a{level - 1}" for _ in range(width))
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def deep_nesting(depth: int = 5_000) -> str:
    """A flow sequence nested ``depth`` levels deep."""
    return "root: " + "[" * depth + "]" * depth + "\n"


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else "(no output)"


def bench_check(work: Path, records: int = RECORDS, runs: int = RUNS) -> list[Row]:
    """`vkc check` on a synthetic corpus, next to its PyYAML + pydantic peer."""
    corpus = write_corpus(work / "synthetic", records)
    check = [sys.executable, "-m", "vkc.cli", "check", "--content", str(corpus.root)]
    check_s, check_mb, code, out, err = _median_process(check, runs)
    if code != 0 or f"ok: {records} records" not in out:
        problems = [line for line in out.splitlines() if "error[" in line][:3]
        raise RuntimeError(
            f"vkc check failed on the synthetic corpus (exit {code}): {_last_line(out + err)}; first errors: {problems}"
        )
    peer_s, peer_mb, peer_code, peer_out, peer_err = _median_process(
        [sys.executable, "-c", _PEER, str(corpus.root)], runs
    )
    if peer_code != 0 or not peer_out.strip().isdigit():
        raise PeerError(f"the PyYAML + pydantic peer failed (exit {peer_code}): {_last_line(peer_err or peer_out)}")
    size_mb = sum(p.stat().st_size for p in corpus.files) / 1e6
    # The goals follow the peer measured in this run, so a busy machine moves both alike.
    return [
        row(f"vkc check, {records} records ({size_mb:.0f} MB YAML)", check_s, "s", peer_s, CHECK_TIME_RATIO * peer_s),
        row(f"vkc check peak memory, {records} records", check_mb, "MB", peer_mb, CHECK_MEMORY_RATIO * peer_mb),
    ]


def bench_limits(runs: int = RUNS) -> list[Row]:
    """How fast the loader refuses an alias bomb and a 5,000-deep nesting."""
    out: list[Row] = []
    for name, text, code in (
        ("reject billion laughs (10^10 values)", billion_laughs(), "yaml.alias-bomb"),
        ("reject 5,000-deep nesting", deep_nesting(), "yaml.too-deep"),
    ):
        loaded, diags = parse_text(text, Path("bomb.yaml"), "bomb.yaml")
        if loaded is not None or [d.code for d in diags] != [code]:
            raise RuntimeError(f"{name}: expected {code}, got {[d.code for d in diags]}")
        seconds = _median_call(partial(parse_text, text, Path("bomb.yaml"), "bomb.yaml"), runs)
        out.append(row(name, seconds * 1000, "ms", None, REJECT_GOAL_MS))
    return out
