"""`make bench`: speed and memory figures against their goals, written to `bench/results.json`.

Why: speed goals are checked here, not in timed tests (timing in tests flakes on a busy
machine). Each figure is measured next to a *peer* - the obvious way of doing the same
job, run in the same process on the same data - so a reader can judge the number
without knowing the machine.

A row is ``{"name", "value", "unit", "baseline", "goal"}``; a figure that must stay
*above* its goal (a throughput) carries ``"goal_min"`` instead of ``"goal"``. Other
packages add rows through providers listed in :data:`PROVIDERS`: a callable returning a
list of rows, called with a scratch directory when it takes one argument. A provider
that is missing is skipped; one that fails becomes a failed row, never a crash.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from .synthetic import write_corpus
from .yamlload import parse_text

Row = dict[str, Any]

PROVIDERS: tuple[tuple[str, str], ...] = (
    ("vkc.site.bench", "bench_site"),
    ("vkc.reports.bench", "bench_reports"),
    ("vkc.search.bench", "bench_search"),
)
"""(module, function) of each extra benchmark; each returns a list of rows."""

RECORDS = 10_000
"""Size of the synthetic corpus that `vkc check` is timed on."""
CHECK_GOAL_S = 2.0
"""Issue 3: `vkc check` on 10,000 records in under 2 s on the 2-core machine."""
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


def row(
    name: str,
    value: float | None,
    unit: str,
    baseline: float | None = None,
    goal: float | None = None,
    goal_min: float | None = None,
) -> Row:
    """One result row; ``goal_min`` replaces ``goal`` for figures that must stay above it."""
    out: Row = {"name": name, "value": _round(value), "unit": unit, "baseline": _round(baseline)}
    if goal_min is not None:
        out["goal_min"] = goal_min
    else:
        out["goal"] = goal
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else float(f"{value:.4g}")


def _timed_process(argv: list[str]) -> tuple[float, float, int, str]:
    """Wall time (s), peak RSS (MB), exit code and stdout of a child process."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    out = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    return elapsed, usage.ru_maxrss / 1024, proc.returncode, out


def _median_process(argv: list[str], runs: int) -> tuple[float, float, int, str]:
    results = [_timed_process(argv) for _ in range(runs)]
    times = [r[0] for r in results]
    return statistics.median(times), max(r[1] for r in results), results[-1][2], results[-1][3]


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


def bench_check(work: Path, records: int = RECORDS, runs: int = RUNS) -> list[Row]:
    """`vkc check` on a synthetic corpus, next to its PyYAML + pydantic peer."""
    corpus = write_corpus(work / "synthetic", records)
    check = [sys.executable, "-m", "vkc.cli", "check", "--content", str(corpus.root)]
    check_s, check_mb, code, out = _median_process(check, runs)
    if code != 0 or f"ok: {records} records" not in out:
        raise RuntimeError(f"vkc check failed on the synthetic corpus (exit {code}): {out.strip()}")
    peer_s, peer_mb, peer_code, _ = _median_process([sys.executable, "-c", _PEER, str(corpus.root)], runs)
    peer_ok = peer_code == 0
    size_mb = sum(p.stat().st_size for p in corpus.files) / 1e6
    return [
        row(f"vkc check, {records} records ({size_mb:.0f} MB YAML)", check_s, "s", peer_s if peer_ok else None, CHECK_GOAL_S),
        row(f"vkc check throughput, {records} records", records / check_s, "records/s", records / peer_s if peer_ok else None, goal_min=records / CHECK_GOAL_S),
        row(f"vkc check peak memory, {records} records", check_mb, "MB", peer_mb if peer_ok else None),
    ]  # fmt: skip


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


def _call_provider(func: Callable[..., Any], work: Path) -> list[Row]:
    params = inspect.signature(func).parameters
    result = func(work) if params else func()
    rows = list(result)
    for item in rows:
        if not isinstance(item, dict) or not {"name", "value", "unit"} <= item.keys():
            raise TypeError(f"a benchmark row must be a dict with name, value and unit, got {item!r}")
        item.setdefault("baseline", None)
        if "goal_min" not in item:
            item.setdefault("goal", None)
    return rows


def failed_row(name: str, exc: BaseException) -> Row:
    """The row that stands for a benchmark that raised."""
    detail = "".join(traceback.format_exception_only(exc)).strip()
    return {"name": name, "value": None, "unit": "", "baseline": None, "goal": None, "error": detail}


def collect(work: Path, records: int = RECORDS, runs: int = RUNS) -> list[Row]:
    """Every benchmark row: ours first, then each provider's."""
    rows: list[Row] = []
    ours: tuple[tuple[str, Callable[[], list[Row]]], ...] = (
        ("vkc check", partial(bench_check, work, records, runs)),
        ("limits", partial(bench_limits, runs)),
    )
    for name, bench in ours:
        try:
            rows.extend(bench())
        except Exception as exc:  # one failing benchmark must not hide the others
            rows.append(failed_row(name, exc))
    for module_name, attr in PROVIDERS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and module_name.startswith(exc.name):
                continue  # not written yet: nothing to measure
            rows.append(failed_row(f"{module_name}.{attr}", exc))
            continue
        except Exception as exc:
            rows.append(failed_row(f"{module_name}.{attr}", exc))
            continue
        func = getattr(module, attr, None)
        if not callable(func):
            continue
        scratch = work / module_name.rsplit(".", 1)[0].replace(".", "-")
        scratch.mkdir(parents=True, exist_ok=True)
        try:
            rows.extend(_call_provider(func, scratch))
        except Exception as exc:
            rows.append(failed_row(f"{module_name}.{attr}", exc))
    return rows


def status(item: Row) -> str:
    """``ok``, ``MISS`` (goal not met), ``FAIL`` (raised) or ``-`` (no goal)."""
    value = item.get("value")
    if "error" in item or value is None:
        return "FAIL"
    if item.get("goal_min") is not None:
        return "ok" if value >= item["goal_min"] else "MISS"
    if item.get("goal") is not None:
        return "ok" if value <= item["goal"] else "MISS"
    return "-"


def table(rows: list[Row]) -> str:
    """A plain-text table of the rows."""

    def fmt(value: object) -> str:
        return "-" if value is None else f"{value:g}" if isinstance(value, float) else str(value)

    header = ("benchmark", "value", "unit", "peer", "goal", "status")
    lines = [header]
    for item in rows:
        goal = f">= {fmt(item['goal_min'])}" if item.get("goal_min") is not None else fmt(item.get("goal"))
        lines.append(
            (item["name"], fmt(item.get("value")), item.get("unit", ""), fmt(item.get("baseline")), goal, status(item))
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in lines]
    text.insert(1, "  ".join("-" * w for w in widths))
    errors = [f"{item['name']}: {item['error']}" for item in rows if "error" in item]
    return "\n".join(text + errors)


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark, print the table, write `bench/results.json`; exit 1 if one failed."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path("bench/results.json")
    with tempfile.TemporaryDirectory(prefix="vkc-bench-") as tmp:
        rows = collect(Path(tmp))
    print(table(rows))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 1 if any(status(item) == "FAIL" for item in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
