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


# Why the peak is read inside the child: Linux hands a child the peak RSS of the process
# that started it (ru_maxrss, from wait4 or getrusage, is at least the parent's RSS when it
# forked), so the benchmark's own memory - the corpus it just wrote - showed up as the
# peer's peak (80 MB instead of its own 54). VmHWM counts only the child's own memory since
# it started; RUSAGE_CHILDREN adds the processes it forked itself (the loader's second one).
_MEASURED = """
import atexit, os, resource, runpy, sys
def _peak():
    with open("/proc/self/status", encoding="ascii") as status:
        own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    with open(os.environ["VKC_BENCH_PEAK"], "w", encoding="ascii") as out:
        out.write(repr(max(own, children)))
atexit.register(_peak)
kind, target, *rest = sys.argv[1:]
if kind == "module":
    sys.argv = [target, *rest]
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    sys.argv = ["-c", *rest]
    exec(compile(target, "<peer>", "exec"), {"__name__": "__main__"})
"""


def _measured(kind: str, target: str, *args: str) -> list[str]:
    """The command line that runs a module (``kind="module"``) or code and notes its own peak memory."""
    return [sys.executable, "-c", _MEASURED, kind, target, *args]


Measured = tuple[float, float, int, str, str]
"""Wall time (s), peak memory (MB), exit code, stdout and stderr of a child process."""


def _timed_process(argv: list[str]) -> Measured:
    """Wall time (s), peak memory (MB), exit code, stdout and stderr of a :func:`_measured` command."""
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryFile() as errors:  # a file: no pipe deadlock
        peak_file = Path(tmp) / "peak"
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "VKC_BENCH_PEAK": str(peak_file)}
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=errors, env=env)
        out = proc.communicate()[0].decode("utf-8", "replace")
        elapsed = time.perf_counter() - start
        errors.seek(0)
        err = errors.read().decode("utf-8", "replace")
        peak = float(peak_file.read_text(encoding="ascii")) if peak_file.exists() else float("nan")
    return elapsed, peak, proc.returncode, out, err


def _median_processes(first: list[str], second: list[str], runs: int) -> tuple[Measured, Measured]:
    """Both commands ``runs`` times, taking turns: a machine that gets busier or quieter
    during the run then weighs on both alike, not on whichever ran second."""
    results: tuple[list[Measured], list[Measured]] = ([], [])
    for _ in range(runs):
        results[0].append(_timed_process(first))
        results[1].append(_timed_process(second))
    return _summary(results[0]), _summary(results[1])


def _summary(results: list[Measured]) -> Measured:
    """Median time, highest peak memory, and the last run's exit code and output."""
    return statistics.median(r[0] for r in results), max(r[1] for r in results), *results[-1][2:]


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
    check = _measured("module", "vkc.cli", "check", "--content", str(corpus.root))
    peer = _measured("code", _PEER, str(corpus.root))
    (check_s, check_mb, code, out, err), (peer_s, peer_mb, peer_code, peer_out, peer_err) = _median_processes(
        check, peer, runs
    )
    if code != 0 or f"ok: {records} records" not in out:
        problems = [line for line in out.splitlines() if "error[" in line][:3]
        raise RuntimeError(
            f"vkc check failed on the synthetic corpus (exit {code}): {_last_line(out + err)}; first errors: {problems}"
        )
    if peer_code != 0 or not peer_out.strip().isdigit():
        raise PeerError(f"the PyYAML + pydantic peer failed (exit {peer_code}): {_last_line(peer_err or peer_out)}")
    size_mb = sum(p.stat().st_size for p in corpus.files) / 1e6
    # The goals follow the peer measured in this run, so a busy machine moves both alike.
    return [
        row(
            f"vkc check, {records} records ({size_mb:.0f} MB YAML)",
            check_s,
            "s",
            peer_s,
            round(CHECK_TIME_RATIO * peer_s, 3),
        ),
        row(
            f"vkc check peak memory, {records} records", check_mb, "MB", peer_mb, round(CHECK_MEMORY_RATIO * peer_mb, 1)
        ),
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
