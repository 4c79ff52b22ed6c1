"""The installed package ships product code only (issue 11): benchmarks, their synthetic
corpora and the browser driver live outside it, in benchmarks/ and tests/browser.py."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_ONLY = {"playwright", "benchmarks", "tests", "pytest", "hypothesis"}
"""Top-level modules that product code must not import."""


def _shipped_roots() -> list[Path]:
    """Folders that setuptools searches for the packages of the distribution."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [ROOT / where for where in config["tool"]["setuptools"]["packages"]["find"]["where"]]


def _modules() -> list[Path]:
    return sorted(path for root in _shipped_roots() for path in root.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_only_vkc_is_shipped() -> None:
    assert _shipped_roots() == [ROOT / "scripts"]
    packages = sorted(p.parent.name for p in (ROOT / "scripts").glob("*/__init__.py"))
    assert packages == ["vkc"]
    assert not (ROOT / "scripts" / "benchmarks").exists()


def test_no_benchmark_synthetic_or_browser_module_in_the_package() -> None:
    modules = _modules()
    assert len(modules) > 20  # the walk found the package
    names = {p.relative_to(ROOT / "scripts").as_posix() for p in modules}
    for forbidden in ("vkc/bench.py", "vkc/synthetic.py", "vkc/site/bench.py", "vkc/reports/bench.py",
                      "vkc/search/bench.py", "vkc/search/cdp.py"):  # fmt: skip
        assert forbidden not in names
    assert [n for n in names if "bench" in n or "synthetic" in n or "cdp" in n] == []


def test_no_module_imports_development_tools() -> None:
    offenders = {
        path.relative_to(ROOT).as_posix(): sorted(found) for path in _modules() if (found := _imports(path) & DEV_ONLY)
    }
    assert offenders == {}


def test_no_browser_driver_code_in_the_package() -> None:
    for root in _shipped_roots():
        for path in root.rglob("*"):
            if path.is_file() and path.suffix in {".py", ".js", ".lua", ".typ", ".html", ".css"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                assert "remote-debugging" not in text and "DevTools" not in text, path
