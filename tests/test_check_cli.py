"""`vkc check` and `vkc schema` as an editor and CI call them: output, formats, exit codes."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, CliResult, copy_fixture, run_vkc_process
from vkc.diagnostics import display_path
from vkc.types import DATE_PATTERN

Run = Callable[..., CliResult]
ORPHAN_HASH = (
    "organizations:\n  - id: org-a\n    name: {vi: Cơ quan A, translated_from: {en: 0123456789ab}}\n"
    "    country: vn\n    sources: [src-plo]\n"
)
"""Valid content with one warning: a translation hash for a missing English text."""


def test_clean_content(mini_content: Path, run_vkc: Run) -> None:
    result = run_vkc("check", "--content", mini_content)
    assert result == CliResult(0, "ok: 5 records checked, 0 warning(s)\n", "")


def test_clean_content_json(mini_content: Path, run_vkc: Run) -> None:
    assert run_vkc("check", "--content", mini_content, "--format", "json") == CliResult(0, "[]\n", "")


def test_clean_content_github(mini_content: Path, run_vkc: Run) -> None:
    assert run_vkc("check", "--content", mini_content, "--format", "github") == CliResult(0, "", "")


def test_warning_does_not_fail(mini_content: Path, run_vkc: Run) -> None:
    (mini_content / "org.yaml").write_text(ORPHAN_HASH, encoding="utf-8")
    result = run_vkc("check", "--content", mini_content)
    shown = display_path(mini_content / "org.yaml")
    assert result.err == (
        f"{shown}:3:45: warning[text.orphan-hash] organizations.0.name.translated_from.en: "
        "a source hash is recorded for 'en' but there is no en text\n"
        "  hint: remove the hash or add the translation\n"
    )
    assert result.out == "ok: 6 records checked, 1 warning(s)\n"
    assert result.code == 0


def test_strict_fails_on_a_warning(mini_content: Path, run_vkc: Run) -> None:
    (mini_content / "org.yaml").write_text(ORPHAN_HASH, encoding="utf-8")
    result = run_vkc("check", "--content", mini_content, "--strict")
    assert result.err.splitlines()[-1] == "0 error(s), 1 warning(s)"
    assert result.out == ""
    assert result.code == 1


def test_warning_in_json_and_github(mini_content: Path, run_vkc: Run) -> None:
    (mini_content / "org.yaml").write_text(ORPHAN_HASH, encoding="utf-8")
    as_json = run_vkc("check", "--content", mini_content, "--format", "json")
    (item,) = json.loads(as_json.out)
    assert item["severity"] == "warning"
    assert item["code"] == "text.orphan-hash"
    assert (item["line"], item["column"]) == (3, 45)
    assert as_json.code == 0
    github = run_vkc("check", "--content", mini_content, "--format", "github")
    assert github.out.startswith("::warning file=")
    assert ",line=3,col=45,title=text.orphan-hash::organizations.0.name.translated_from.en: " in github.out
    assert github.code == 0


def test_usage_error_exits_2(mini_content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from vkc.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["check", "--content", str(mini_content), "--format", "xml"])
    assert caught.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_default_content_folder_and_relative_paths(tmp_path: Path) -> None:
    """In a checkout, `vkc check` reads ./content and prints paths relative to it."""
    content = copy_fixture("mini", tmp_path / "content")
    assert run_vkc_process("check", cwd=tmp_path) == CliResult(0, "ok: 5 records checked, 0 warning(s)\n", "")
    (content / "records.yaml").write_text(
        (content / "records.yaml").read_text("utf-8").replace("country: vn", "country: VN"), "utf-8"
    )
    result = run_vkc_process("check", "--format", "json", cwd=tmp_path)
    (item,) = json.loads(result.out)
    assert item["file"] == os.path.join("content", "records.yaml")
    assert (item["line"], item["column"], item["message"]) == (12, 5, "'VN' is not allowed here")
    assert result.err == ""
    assert result.code == 1


def test_bad_input_in_a_process_has_no_traceback(tmp_path: Path) -> None:
    content = copy_fixture("mini", tmp_path / "content")
    (content / "bomb.yaml").write_bytes(b"a: &a [x, x, x, x, x, x, x, x, x, x]\n" + b"b: [*a" + b", *a" * 2000 + b"]\n")
    (content / "latin1.yaml").write_bytes(b"sources:\n  - id: caf\xe9\n")
    result = run_vkc_process("check", "--content", "content", cwd=tmp_path)
    assert result.err.splitlines() == [
        "content/bomb.yaml:2:3641: error[yaml.alias-bomb] b.909: aliases expand to more than 10000 values",
        "  hint: write the repeated values out, or remove the anchors and aliases",
        "content/latin1.yaml:2:12: error[yaml.encoding] the file is not UTF-8 (byte 0xe9)",
        "  hint: save the file as UTF-8 in your editor",
        "2 error(s), 0 warning(s)",
    ]
    assert result.code == 1


def test_schema_command(tmp_path: Path, run_vkc: Run) -> None:
    out = tmp_path / "schema" / "content.schema.json"
    result = run_vkc("schema", out)
    assert result == CliResult(0, f"wrote {out}\n", "")
    schema = json.loads(out.read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "VKC content file"
    assert schema["additionalProperties"] is False
    assert sorted(schema["properties"]) == [
        "courses",
        "glossary",
        "guideline",
        "indicator_categories",
        "indicators",
        "legal_documents",
        "organizations",
        "pilots",
        "projects",
        "publication",
        "sources",
        "standards",
    ]
    org = schema["$defs"]["Organization"]
    assert org["additionalProperties"] is False
    assert org["properties"]["abbreviation"]["description"] == "Short name, e.g. MOLIT."
    assert sorted(org["required"]) == ["country", "id", "name"]
    question = schema["$defs"]["Question"]
    assert question["additionalProperties"] is False
    assert question["properties"]["see"]["description"] == "Id of the guideline section where the answer is written."
    assert sorted(question["required"]) == ["feedback", "id", "kind", "prompt", "see"]
    date = schema["$defs"]["Source"]["properties"]["date"]["anyOf"][0]
    # A year is also an integer (YAML 1.2 editors read `date: 2024` as a number); the pattern
    # is tested against `vkc check` in test_schema_editor.py.
    assert date["description"] == "YYYY-MM-DD, YYYY-MM or YYYY"
    assert date["anyOf"][0] == {"type": "integer", "minimum": 1000, "maximum": 9999}
    assert date["anyOf"][1]["pattern"] == DATE_PATTERN


def test_committed_schema_is_current(tmp_path: Path, run_vkc: Run) -> None:
    """Editors complete from schema/content.schema.json: it must match the models."""
    out = tmp_path / "schema.json"
    assert run_vkc("schema", out).code == 0
    assert out.read_text("utf-8") == (REPO / "schema" / "content.schema.json").read_text("utf-8")


def test_each_command_names_the_module_that_registers_it(capsys: pytest.CaptureFixture[str]) -> None:
    import argparse
    import importlib

    from vkc.commands import COMMAND_MODULES, COMMANDS, main

    registered: dict[str, str] = {}
    for module in COMMAND_MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(module).register(sub)
        registered.update(dict.fromkeys(sub.choices, module))
    assert registered == COMMANDS
    # A command run registers only its own family; the top-level help still lists every command.
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    listed = capsys.readouterr().out
    assert all(f"    {name} " in listed or f"    {name}\n" in listed for name in registered), listed
