"""Relations between records (`vkc.relations`) through `vkc check`: exact messages, formats, exit codes.

Each case writes records into a private copy of the `mini` fixture. Errors fail `vkc check`;
gaps and overlaps are warnings, which fail it only with `--strict`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from string import Template

import pytest

from conftest import CliResult
from vkc.diagnostics import display_path

Run = Callable[..., CliResult]


def org(record_id: str, *extra: str) -> str:
    """An organization record citing the fixture's source, with extra lines (``key: value``)."""
    lines = [
        f"  - id: {record_id}",
        f"    name: {{vi: Cơ quan {record_id}}}",
        "    country: vn",
        "    sources: [src-plo]",
    ]
    return "\n".join([*lines, *(f"    {line}" for line in extra)]) + "\n"


def doc(record_id: str, *extra: str) -> str:
    """A legal document issued by `moc`, with extra lines."""
    lines = [
        f"  - id: {record_id}",
        f"    number: {record_id}/QĐ-TTg",
        "    type: decision",
        "    title: {vi: Quyết định}",
        "    issuer: moc",
        "    sources: [src-plo]",
    ]
    return "\n".join([*lines, *(f"    {line}" for line in extra)]) + "\n"


def orgs(*records: str) -> str:
    return "organizations:\n" + "".join(records)


def docs(*records: str) -> str:
    return "legal_documents:\n" + "".join(records)


SUPERSEDED = ("status: superseded", "status_since: 2020-01-01")


@dataclass(frozen=True)
class Case:
    id: str
    yaml: str
    """Written as ``rel.yaml`` (``$rel`` in the expected text)."""
    expected: tuple[str, ...]
    """Every diagnostic with its hint line, in output order."""
    errors: int
    warnings: int


CASES: tuple[Case, ...] = (
    Case(
        "parent-self",
        orgs(org("org-a", "parent: org-a")),
        (
            "$rel:6:5: error[relation.self] organizations.0.parent: 'org-a' names itself in 'parent'\n"
            "  hint: a record cannot be its own parent; name another record or remove the reference",
        ),
        1,
        0,
    ),
    Case(
        "parent-loop-of-three",
        orgs(org("org-c", "parent: org-a"), org("org-a", "parent: org-b"), org("org-b", "parent: org-c")),
        (
            "$rel:11:5: error[relation.cycle] organizations.1.parent: 'parent' forms a loop: "
            "org-a -> org-b -> org-c -> org-a\n"
            "  hint: one of these 3 records must name another record in 'parent', or none",
        ),
        1,
        0,
    ),
    Case(
        "succeeded-by-self",
        orgs(org("org-a", "valid_until: 2025-03-01", "succeeded_by: org-a")),
        (
            "$rel:7:5: error[relation.self] organizations.0.succeeded_by: 'org-a' names itself in 'succeeded_by'\n"
            "  hint: a record cannot be its own successor; name another record or remove the reference",
        ),
        1,
        0,
    ),
    Case(
        "succeeded-by-loop-of-two",
        orgs(
            org("org-a", "valid_until: 2025", "succeeded_by: org-b"),
            org("org-b", "valid_until: 2026", "succeeded_by: org-a"),
        ),
        (
            "$rel:7:5: error[relation.cycle] organizations.0.succeeded_by: 'succeeded_by' forms a loop: "
            "org-a -> org-b -> org-a\n"
            "  hint: one of these 2 records must name another record in 'succeeded_by', or none",
        ),
        1,
        0,
    ),
    Case(
        "superseded-by-self",
        docs(doc("d1", *SUPERSEDED, "superseded_by: d1")),
        (
            "$rel:10:5: error[relation.self] legal_documents.0.superseded_by: 'd1' names itself in 'superseded_by'\n"
            "  hint: a record cannot be superseded by itself; name another record or remove the reference",
        ),
        1,
        0,
    ),
    Case(
        "superseded-by-loop",
        docs(doc("d1", *SUPERSEDED, "superseded_by: d2"), doc("d2", *SUPERSEDED, "superseded_by: d1")),
        (
            "$rel:10:5: error[relation.cycle] legal_documents.0.superseded_by: 'superseded_by' forms a loop: "
            "d1 -> d2 -> d1\n"
            "  hint: one of these 2 records must name another record in 'superseded_by', or none",
        ),
        1,
        0,
    ),
    Case(
        "successor-starts-after-a-gap",
        orgs(
            org("org-a", "valid_until: 2025-01-01", "succeeded_by: org-b"),
            org("org-b", "valid_from: 2025-03-01"),
        ),
        (
            "$rel:7:5: warning[relation.gap] organizations.0.succeeded_by: 'org-a' valid_until 2025-01-01, "
            "its successor 'org-b' valid_from 2025-03-01: a gap of 58 day(s)\n"
            "  hint: give 'org-b' valid_from the day 'org-a' ends, or correct one of the two dates",
        ),
        0,
        1,
    ),
    Case(
        "successor-starts-before-the-end",
        orgs(
            org("org-a", "valid_until: 2025-03-01", "succeeded_by: org-b"),
            org("org-b", "valid_from: 2025-02-20"),
        ),
        (
            "$rel:7:5: warning[relation.overlap] organizations.0.succeeded_by: 'org-a' valid_until 2025-03-01, "
            "its successor 'org-b' valid_from 2025-02-20: an overlap of 9 day(s)\n"
            "  hint: give 'org-b' valid_from the day 'org-a' ends, or correct one of the two dates",
        ),
        0,
        1,
    ),
    Case(
        "superseded-document-gap",
        docs(
            doc("d1", "signed: 2018-08-01", *SUPERSEDED, "superseded_by: d2"),
            doc("d2", "signed: 2019-11-20", "effective: 2020-03-01", "status: in_force"),
        ),
        (
            "$rel:11:5: warning[relation.gap] legal_documents.0.superseded_by: 'd1' status_since 2020-01-01, "
            "its successor 'd2' effective 2020-03-01: a gap of 59 day(s)\n"
            "  hint: give 'd2' effective the day 'd1' ends, or correct one of the two dates",
        ),
        0,
        1,
    ),
    Case(
        "successor-dated-before",
        docs(
            doc("d1", "signed: 2018-08-01", "status: amended", "superseded_by: d2"),
            doc("d2", "signed: 2018-07", "status: in_force"),
        ),
        (
            "$rel:10:5: error[relation.successor-before] legal_documents.0.superseded_by: 'd2' (signed 2018-07) "
            "supersedes 'd1' (signed 2018-08-01) but is dated before it\n"
            "  hint: correct a date, or name in 'superseded_by' the document that came after 'd1'",
        ),
        1,
        0,
    ),
)


def _write(root: Path, text: str) -> str:
    (root / "rel.yaml").write_text(text, encoding="utf-8")
    return display_path(root / "rel.yaml")


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_relation(case: Case, mini_content: Path, run_vkc: Run) -> None:
    shown = _write(mini_content, case.yaml)
    expected = [Template(text).substitute(rel=shown) for text in case.expected]
    summary = f"{case.errors} error(s), {case.warnings} warning(s)"
    strict = run_vkc("check", "--content", mini_content, "--strict")
    assert strict == CliResult(1, "", "\n".join([*expected, summary]) + "\n")
    if not case.errors:  # a warning alone passes without --strict
        plain = run_vkc("check", "--content", mini_content)
        records = 5 + case.yaml.count("  - id: ")
        assert plain == CliResult(0, f"ok: {records} records checked, 1 warning(s)\n", "\n".join(expected) + "\n")


@pytest.mark.parametrize(
    "yaml",
    [
        # the change dated on the day the successor began, or the predecessor's last day
        orgs(org("org-a", "valid_until: 2025-03-01", "succeeded_by: org-b"), org("org-b", "valid_from: 2025-03-01")),
        orgs(org("org-a", "valid_until: 2025-02-28", "succeeded_by: org-b"), org("org-b", "valid_from: 2025-03-01")),
        # unknown or partial dates are no problem
        orgs(org("org-a", "valid_until: 2025-03", "succeeded_by: org-b"), org("org-b", "valid_from: 2025-06-01")),
        orgs(org("org-a", "valid_until: 2025-03-01", "succeeded_by: org-b"), org("org-b")),
        docs(
            doc("d1", "signed: 2018-08-01", *SUPERSEDED, "superseded_by: d2"),
            doc("d2", "signed: 2018", "effective: 2020-01-01", "status: in_force"),
        ),
        docs(doc("d1", "signed: 2018-08-01", *SUPERSEDED, "superseded_by: d2"), doc("d2", "status: in_force")),
        # a chain is not a loop
        orgs(org("org-a", "parent: org-b"), org("org-b", "parent: moc")),
    ],
    ids=["same-day", "last-day", "partial", "unknown", "same-year", "undated", "chain"],
)
def test_consistent_relations_pass(yaml: str, mini_content: Path, run_vkc: Run) -> None:
    _write(mini_content, yaml)
    result = run_vkc("check", "--content", mini_content, "--strict")
    assert (result.code, result.err) == (0, "")


ALL_AT_ONCE = orgs(
    org("org-a", "parent: org-a"),
    org("org-b", "valid_until: 2025-01-01", "succeeded_by: org-c"),
    org("org-c", "valid_from: 2025-01-10"),
)


def test_every_relation_problem_at_once_in_json(mini_content: Path, run_vkc: Run) -> None:
    shown = _write(mini_content, ALL_AT_ONCE)
    result = run_vkc("check", "--content", mini_content, "--format", "json")
    assert result.code == 1
    assert json.loads(result.out) == [
        {
            "code": "relation.self",
            "severity": "error",
            "file": shown,
            "line": 6,
            "column": 5,
            "key_path": "organizations.0.parent",
            "message": "'org-a' names itself in 'parent'",
            "hint": "a record cannot be its own parent; name another record or remove the reference",
        },
        {
            "code": "relation.gap",
            "severity": "warning",
            "file": shown,
            "line": 12,
            "column": 5,
            "key_path": "organizations.1.succeeded_by",
            "message": "'org-b' valid_until 2025-01-01, its successor 'org-c' valid_from 2025-01-10: a gap of 8 day(s)",
            "hint": "give 'org-c' valid_from the day 'org-b' ends, or correct one of the two dates",
        },
    ]


def test_every_relation_problem_at_once_in_github(mini_content: Path, run_vkc: Run) -> None:
    shown = _write(mini_content, ALL_AT_ONCE)
    result = run_vkc("check", "--content", mini_content, "--format", "github")
    assert result.code == 1
    assert result.out.splitlines() == [
        f"::error file={shown},line=6,col=5,title=relation.self::organizations.0.parent: 'org-a' names itself in "
        "'parent'%0Ahint: a record cannot be its own parent; name another record or remove the reference",
        f"::warning file={shown},line=12,col=5,title=relation.gap::organizations.1.succeeded_by: 'org-b' "
        "valid_until 2025-01-01, its successor 'org-c' valid_from 2025-01-10: a gap of 8 day(s)%0Ahint: give "
        "'org-c' valid_from the day 'org-b' ends, or correct one of the two dates",
    ]
