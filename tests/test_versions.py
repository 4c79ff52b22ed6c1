"""Versions: `vkc version publish` writes a snapshot and the YAML entry; snapshots load back
through every check; a version list that contradicts itself is an error with its line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult, copy_fixture
from vkc.diagnostics import ContentError
from vkc.model import Organization, source_hash
from vkc.snapshots import FORMAT, read_snapshot

Run = Callable[..., CliResult]


def _publish(run_vkc: Run, content: Path, version: str, date: str, *summary: str) -> CliResult:
    args = ["version", "publish", "--content", content, version, "--date", date, "--summary-vi", summary[0]]
    for lang, text in zip(("en", "ko"), summary[1:], strict=False):
        args += [f"--summary-{lang}", text]
    return run_vkc(*args)


@pytest.fixture
def two_versions(tmp_path: Path, run_vkc: Run) -> Path:
    content = copy_fixture("mini", tmp_path / "content")
    assert (
        _publish(run_vkc, content, "v1", "2026-01-10", "Bản đầu tiên.", "The first version.", "첫 번째 판.").code == 0
    )
    records = content / "records.yaml"
    records.write_text(records.read_text(encoding="utf-8").replace("ko: 건설부", "ko: 국토건설부"), encoding="utf-8")
    assert _publish(run_vkc, content, "v2", "2026-03-01", "Tên tiếng Hàn của Bộ Xây dựng.").code == 0
    return content


def test_publish_adds_the_entry_and_supersedes_the_previous_version(two_versions: Path) -> None:
    text = (two_versions / "publication.yaml").read_text(encoding="utf-8")
    assert (
        "  versions:\n"
        "    - id: v1\n"
        "      date: 2026-01-10\n"
        "      status: superseded\n"
        "      summary:\n"
        '        vi: "Bản đầu tiên."\n'
        '        en: "The first version."\n'
        '        ko: "첫 번째 판."\n'
        "        translated_from:\n"
        f"          en: {source_hash('Bản đầu tiên.')}\n"
        f"          ko: {source_hash('Bản đầu tiên.')}\n"
        "    - id: v2\n"
    ) in text
    assert "    - id: v2\n      date: 2026-03-01\n      status: current\n      summary:\n" in text


def test_a_snapshot_loads_as_the_content_it_froze(two_versions: Path) -> None:
    v1 = read_snapshot(two_versions.parent / "versions" / "v1.json")
    v2 = read_snapshot(two_versions.parent / "versions" / "v2.json")
    names = {c.publication.versions[-1].id: c.get("moc", Organization).name.ko for c in (v1, v2)}
    assert names == {"v1": "건설부", "v2": "국토건설부"}
    assert [(v.id, v.status) for v in v2.publication.versions] == [("v1", "superseded"), ("v2", "current")]
    data = json.loads((two_versions.parent / "versions" / "v2.json").read_text(encoding="utf-8"))
    assert (
        data["format"] == FORMAT
        and data["id"] == "v2"
        and sorted(data["files"])
        == [
            "publication.yaml",
            "records.yaml",
        ]
    )


def test_every_committed_snapshot_format_loads(tmp_path: Path) -> None:
    # Format 1, as `vkc version publish` wrote it: a file per content file, values as loaded.
    snapshot = tmp_path / "v0.json"
    source = Path(__file__).parent / "fixtures" / "snapshots" / "format-1.json"
    snapshot.write_bytes(source.read_bytes())
    content = read_snapshot(snapshot)
    assert content.publication.title.vi == "Hướng dẫn thử"


def test_a_damaged_snapshot_names_the_file_and_the_reason(tmp_path: Path) -> None:
    bad = tmp_path / "v9.json"
    bad.write_text('{"format": 7, "files": {}}', encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        read_snapshot(bad)
    problem = raised.value.diagnostics[0]
    assert (problem.code, problem.message) == ("version.snapshot", "unknown snapshot format 7")
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ContentError, match="1 problem"):
        read_snapshot(bad)


def test_version_list_that_contradicts_itself(two_versions: Path, run_vkc: Run) -> None:
    publication = two_versions / "publication.yaml"
    text = publication.read_text(encoding="utf-8")
    publication.write_text(
        text.replace("status: superseded", "status: current").replace("id: v2", "id: v1"), encoding="utf-8"
    )
    result = run_vkc("check", "--content", two_versions)
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if "error[version." in line]
    assert [line.split(" error[")[1].split("]")[0] for line in lines] == [
        "version.duplicate-id",
        "version.current",
    ]
    assert "the version id 'v1' is already used by versions.0" in result.err
    assert "2 versions are current; exactly one must be" in result.err


def test_current_version_dated_before_a_superseded_one(two_versions: Path, run_vkc: Run) -> None:
    publication = two_versions / "publication.yaml"
    publication.write_text(
        publication.read_text(encoding="utf-8").replace("date: 2026-03-01", "date: 2025-12-01"), encoding="utf-8"
    )
    result = run_vkc("check", "--content", two_versions)
    assert result.code == 1
    assert (
        "error[version.date-order] publication.versions.1.date: the current version 'v2' (2025-12-01) is dated "
        "before the superseded 'v1' (2026-01-10)\n  hint: the current version is the latest: correct a date or a status"
    ) in result.err


def test_publish_refuses_a_used_id_and_an_earlier_date(two_versions: Path, run_vkc: Run) -> None:
    again = _publish(run_vkc, two_versions, "v2", "2026-04-01", "x")
    assert (again.code, again.err) == (
        2,
        f"{two_versions}: error[version.duplicate-id] version 'v2' exists already\n  hint: choose a new id\n",
    )
    early = _publish(run_vkc, two_versions, "v3", "2026-02-01", "x")
    assert early.code == 2 and "2026-02-01 is before the latest version 'v2' (2026-03-01)" in early.err


def test_a_missing_snapshot_is_an_error(two_versions: Path, run_vkc: Run) -> None:
    (two_versions.parent / "versions" / "v1.json").unlink()
    result = run_vkc("check", "--content", two_versions)
    assert result.code == 1
    assert "error[version.no-snapshot] publication.versions.0.id: version 'v1' has no snapshot versions/v1.json" in (
        result.err
    )


def test_diff_and_status_since_take_a_version_id(two_versions: Path, run_vkc: Run) -> None:
    result = run_vkc("diff", "--content", two_versions, "v1", "v2")
    assert result.code == 0, result.err
    assert '~ organization moc\n    name.ko: "건설부" -> "국토건설부"\n' in result.out
    since = run_vkc("status", "--content", two_versions, "--since", "v2")
    assert since.out == "0 Vietnamese text(s) changed since v2\n"
