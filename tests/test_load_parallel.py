"""Parsing in two processes gives exactly what parsing in one gives."""

from __future__ import annotations

from pathlib import Path

from vkc.yamlload import load_files

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_two_processes_return_the_same_files_positions_and_diagnostics_in_order(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("sources:\n  - id: a\n    id: b\n", encoding="utf-8")
    files = [(p, p.name) for p in sorted((FIXTURES / "mini").glob("*.yaml"))] + [(broken, "broken.yaml")]
    files += [(tmp_path / "missing.yaml", "missing.yaml")]
    sequential = load_files(files, parallel_min_bytes=1 << 40)
    parallel = load_files(files, parallel_min_bytes=0, when_idle=False)
    assert [(f.display, f.data, f.positions) if f else None for f, _ in parallel] == [
        (f.display, f.data, f.positions) if f else None for f, _ in sequential
    ]
    assert [d for _, d in parallel] == [d for _, d in sequential]
    assert [d[0].to_text() for _, d in parallel if d] == [
        "broken.yaml:3:5: error[yaml.duplicate-key] sources.0.id: duplicate key 'id' (first defined on line 2)\n"
        "  hint: remove one of the two; YAML would silently keep only the last",
        "missing.yaml: error[io.read] cannot read the file: No such file or directory\n"
        "  hint: check that the file exists and is readable",
    ]
