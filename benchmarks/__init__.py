"""`make bench`: speed and memory figures against their goals, written to `bench/results.json`.

Why here and not in the package: benchmarks, their synthetic corpora and the browser driver
are development tools; the installed ``vkc`` holds product code only. Run from the
repository root: ``python -m benchmarks [OUT] [--only NAME ...]``.

Why: speed goals are checked here, not in timed tests (timing in tests flakes on a busy
machine). Each figure is measured next to a *peer* - the obvious way of doing the same job,
run in the same run on the same data - so a reader can judge the number without knowing
the machine. A row that names a peer always carries the peer's figure: when the peer cannot
run, the benchmark fails with :class:`PeerError` and `make bench` exits non-zero.

A row is ``{"name", "value", "unit", "baseline", "goal"}``; a figure that must stay *above*
its goal (a throughput) carries ``"goal_min"`` instead of ``"goal"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

Row = dict[str, Any]

REPO = Path(__file__).resolve().parent.parent
"""The repository (benchmarks read its mkdocs.yml, docs/, content/ and test fixtures)."""


class PeerError(RuntimeError):
    """A peer that a row names could not run, so the row cannot be written."""


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
