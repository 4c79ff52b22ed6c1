"""The JSON Schema as editors use it: it accepts what `vkc check` accepts, as a YAML 1.2 editor reads it.

Why: the loader reads every scalar as text, but an editor (yaml-language-server) parses the
files as YAML 1.2, where a plain `date: 2024` is a number. Before the fix the editor showed
7 errors on the unmodified shipped files ('Incorrect type. Expected "string"') and the
schema accepted `2024-13-45`, which `vkc check` rejects.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from conftest import REPO
from lsp import GATES, yaml_diagnostics
from vkc.model import PartialDate, Source

SCHEMA_FILE = REPO / "schema" / "content.schema.json"
SHIPPED = sorted((REPO / "content").glob("*.yaml"))
MODELINE = "# yaml-language-server: $schema=../schema/content.schema.json"


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_FILE.read_text("utf-8"))
    return schema


def _read_yaml12(paths: list[Path]) -> list[Any]:
    """The files as the editor's own YAML 1.2 parser (npm `yaml`, core schema) reads them."""
    node = shutil.which("node")
    assert node and (GATES / "node_modules" / "yaml").is_dir(), "cd tests/gates && npm ci (make test does it)"
    script = (
        "const YAML = require(process.argv[1]); const fs = require('fs');"
        "console.log(JSON.stringify(process.argv.slice(2).map("
        "p => YAML.parse(fs.readFileSync(p, 'utf8'), {version: '1.2', schema: 'core'}))));"
    )
    args = [node, "-e", script, str(GATES / "node_modules" / "yaml"), *map(str, paths)]
    out = subprocess.run(args, capture_output=True, check=True, text=True).stdout
    values: list[Any] = json.loads(out)
    return values


def test_every_shipped_file_is_valid_as_a_yaml12_parser_reads_it() -> None:
    validator = jsonschema.Draft202012Validator(_schema())
    for path, data in zip(SHIPPED, _read_yaml12(SHIPPED), strict=True):
        assert path.read_text("utf-8").splitlines()[0] == MODELINE  # editors find the schema
        errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], path.name
    # The year-only dates that the editor read as numbers are in the shipped files.
    assert re.search(r"^\s+date: \d{4}$", (REPO / "content" / "project.yaml").read_text("utf-8"), re.MULTILINE)


# YAML 1.2 core schema (spec 1.2.2, 10.3.2): how an editor resolves a plain scalar.
_CORE_NULL = re.compile(r"null|Null|NULL|~|")
_CORE_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_CORE_INT = re.compile(r"[-+]?[0-9]+")
_CORE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def _core(plain: str) -> object:
    if _CORE_NULL.fullmatch(plain):
        return None
    if _CORE_BOOL.fullmatch(plain):
        return plain.lower() == "true"
    if _CORE_INT.fullmatch(plain):
        return int(plain)
    if _CORE_FLOAT.fullmatch(plain):
        return float(plain)
    return plain


def _vkc_accepts(text: str) -> bool:
    try:
        PartialDate.parse(text)
    except ValueError:  # PydanticCustomError is a ValueError
        return False
    return True


def _date_schema() -> dict[str, Any]:
    return {"$defs": _schema().get("$defs", {}), **PartialDate.__get_pydantic_json_schema__(None, None)}  # type: ignore[arg-type]


DATE_VALIDATOR = jsonschema.Draft202012Validator(_date_schema())
DATEISH = st.from_regex(r"\A[0-9]{1,5}(-[0-9]{1,3}){0,2}\Z") | st.text("0123456789-: ", max_size=12)


@settings(max_examples=300, deadline=None)
@given(DATEISH, st.booleans())
def test_date_schema_accepts_exactly_what_vkc_check_accepts(text: str, quoted: bool) -> None:
    # A quoted scalar is a string to both; a plain one is what the core schema makes of it
    # (the loader gets the same characters; plain scalars cannot carry outer spaces).
    plain = text.strip()
    if not quoted and (not plain or plain.startswith(("-", ":")) or ": " in plain or plain.endswith(":")):
        return  # not a plain scalar (a list item, a mapping or nothing)
    editor_value = text if quoted else _core(plain)
    if isinstance(editor_value, int) and str(editor_value) != plain:
        return  # leading zeros or a sign: the same number to the editor, which no schema sees
    vkc_value = text if quoted else plain
    assert DATE_VALIDATOR.is_valid(editor_value) == _vkc_accepts(vkc_value), (editor_value, vkc_value)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        (2024, True),
        ("2024", True),
        ("2024-09", True),
        ("2024-02-29", True),
        ("2000-02-29", True),
        ("1900-02-29", False),
        ("2023-02-29", False),
        ("2024-04-31", False),
        ("2024-13-45", False),
        ("2024-13", False),
        (24, False),
        ("23/1/2024", False),
    ],
)
def test_date_schema_examples(value: object, valid: bool) -> None:
    assert DATE_VALIDATOR.is_valid(value) is valid
    assert _vkc_accepts(str(value)) is valid


BROKEN = f"""\
# yaml-language-server: $schema={SCHEMA_FILE.as_uri()}
sources:
  - id: src-broken
    title: A source with an impossible date
    publisher: Nobody
    language: vi
    date: 2024-13-45
    confidence: high
  - id: src-year-only
    title: 2024
    publisher: A year-only date is fine
    language: en
    date: 2019
    confidence: high
"""


def test_yaml_language_server_reports_nothing_on_shipped_content_and_the_errors_of_a_broken_file(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "content" / "broken.yaml"
    broken.parent.mkdir()
    broken.write_text(BROKEN, encoding="utf-8")
    found = yaml_diagnostics([*SHIPPED, broken])
    assert {path.name: found[path] for path in SHIPPED} == {path.name: [] for path in SHIPPED}
    problems = [(d["range"]["start"]["line"] + 1, d["message"]) for d in found[broken]]
    assert len(problems) == 1, problems
    # Only the impossible date (line 7); the year-only date and the title `2024`, numbers to
    # the editor, are accepted as `vkc check` accepts them. (The server names the anyOf's
    # first failing type in its message.)
    assert [line for line, _ in problems] == [7], problems


@pytest.mark.parametrize(
    ("field", "loader_reads", "editor_reads"),
    [
        ("illustrative", "true", True),  # plain true: a boolean to the editor
        ("illustrative", "false", "false"),  # quoted "false"
        ("illustrative", "yes", "yes"),  # YAML 1.1's yes is no flag here
        ("title", "1.0", 1.0),  # plain 1.0: a number to the editor, text to vkc
        ("title", "true", True),
        ("title", " ", " "),
        ("id", "2024", 2024),
        ("id", "-x", "-x"),
    ],
)
def test_other_scalars_agree_with_vkc_check(field: str, loader_reads: str, editor_reads: object) -> None:
    base: dict[str, Any] = {"id": "src-x", "title": "T", "publisher": "P", "language": "vi", "confidence": "high"}
    try:
        Source.model_validate({**base, field: loader_reads})
        vkc_ok = True
    except ValidationError:
        vkc_ok = False
    validator = jsonschema.Draft202012Validator(_schema())
    assert validator.is_valid({"sources": [{**base, field: editor_reads}]}) == vkc_ok
