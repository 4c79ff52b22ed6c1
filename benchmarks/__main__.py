"""Run the benchmarks, print the table, write `bench/results.json` (see :mod:`benchmarks`).

``python -m benchmarks [OUT] [--only check limits site editions search]``; exit 1 when a
benchmark failed or a peer could not run, 2 when a peer is not installed at all.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path

from . import PeerError, Row


def _benchmarks(work: Path) -> dict[str, Callable[[], list[Row]]]:
    # Imported here: each module pulls in its own tools (mkdocs, typst, Playwright).
    from .check import bench_check, bench_limits
    from .editions import bench_reports
    from .lighthouse import bench_lighthouse
    from .search import bench_search
    from .site import bench_site
    from .versions import bench_versions

    def scratch(name: str) -> Path:
        path = work / name
        path.mkdir(parents=True, exist_ok=True)
        return path

    return {
        "check": partial(bench_check, scratch("check")),
        "limits": bench_limits,
        "site": lambda: bench_site(scratch("site")),
        "editions": bench_reports,
        "search": lambda: bench_search(scratch("search")),
        "lighthouse": lambda: bench_lighthouse(scratch("lighthouse")),
        "versions": lambda: bench_versions(scratch("versions")),
    }


NAMES = ("check", "limits", "site", "editions", "search", "lighthouse", "versions")

PEERS: dict[str, tuple[tuple[str, str], ...]] = {
    "site": (("mkdocs_static_i18n", "mkdocs-static-i18n (pip, the `bench` extra)"),),
    "search": (("playwright", "playwright (pip, the `bench` extra)"),),
}
"""Python packages each benchmark needs for its peer or its driver, with where they come from."""
CHROMIUM = "/usr/bin/chromium"


def missing_peers(names: list[str]) -> list[str]:
    """What the chosen benchmarks need and is not installed (checked before anything runs)."""
    missing = [
        f"{name}: {label}"
        for name in names
        for module, label in PEERS.get(name, ())
        if importlib.util.find_spec(module) is None
    ]
    if "search" in names and not os.access(CHROMIUM, os.X_OK):
        missing.append(f"search: {CHROMIUM} (Debian package chromium)")
    return missing


def failed_row(name: str, exc: BaseException) -> Row:
    """The row that stands for a benchmark that raised."""
    detail = "".join(traceback.format_exception_only(exc)).strip()
    return {"name": name, "value": None, "unit": "", "baseline": None, "goal": None, "error": detail}


def collect(work: Path, names: list[str]) -> list[Row]:
    """The rows of the chosen benchmarks, in the order of :data:`NAMES`."""
    rows: list[Row] = []
    benches = _benchmarks(work)
    for name in names:
        try:
            rows.extend(benches[name]())
        except Exception as exc:  # one failing benchmark must not hide the others
            rows.append(failed_row(name, exc))
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
    """Run the benchmarks, print the table, write the rows; exit 1 if one failed."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("bench/results.json"), help="the JSON file")
    parser.add_argument("--only", nargs="+", choices=NAMES, help="run only these benchmarks")
    args = parser.parse_args(argv)
    names = [name for name in NAMES if args.only is None or name in args.only]
    missing = missing_peers(names)
    if missing:
        print("error: benchmark peers are not installed (run `make bench`, which installs them):", file=sys.stderr)
        for item in missing:
            print(f"  {item}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="vkc-bench-") as tmp:
        rows = collect(Path(tmp), names)
    print(table(rows))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    peers = [item for item in rows if PeerError.__name__ in item.get("error", "")]
    if peers:
        print(f"error: {len(peers)} benchmark(s) could not measure their peer (see above)", file=sys.stderr)
    return 1 if any(status(item) == "FAIL" for item in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
