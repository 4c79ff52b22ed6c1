"""`vkc status` and `vkc translations mark-current`: per-field states and exact YAML edits."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from pathlib import Path

from conftest import CliResult
from vkc.commands.translations import format_status_text
from vkc.content import load_content
from vkc.model import source_hash
from vkc.translations import translation_status

Run = Callable[..., CliResult]

MOC_LINE = "    name: {vi: Bộ Xây dựng, en: Ministry of Construction, ko: 건설부}"


def _diff(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _stamp_all(run: Run, content: Path) -> None:
    assert run("translations", "mark-current", "--content", content, "--lang", "en", "--all").code == 0
    assert run("translations", "mark-current", "--content", content, "--lang", "ko", "--all").code == 0


def _status(run: Run, content: Path, *extra: str) -> dict[str, object]:
    result = run("status", "--content", content, "--format", "json", *extra)
    assert result.code == 0, result.err
    data: dict[str, object] = json.loads(result.out)
    return data


def test_changed_vietnamese_turns_en_and_ko_stale(mini_content: Path, run_vkc: Run) -> None:
    _stamp_all(run_vkc, mini_content)
    records = mini_content / "records.yaml"
    records.write_text(
        records.read_text(encoding="utf-8").replace("vi: Bộ Xây dựng,", "vi: Bộ Xây dựng mới,"), encoding="utf-8"
    )
    pub = f"{mini_content}/publication.yaml"
    rec = f"{mini_content}/records.yaml"
    assert _status(run_vkc, mini_content) == {
        "languages": {
            "en": {
                "current": 8,
                "stale": 1,
                "missing": 1,
                "percent": 80.0,
                "items": [
                    {"id": "chapter-950", "key_path": "body", "file": pub, "line": 25, "state": "missing"},
                    {"id": "moc", "key_path": "name", "file": rec, "line": 10, "state": "stale"},
                ],
                "kinds": {
                    "publication": {"current": 4, "stale": 0, "missing": 0, "percent": 100.0},
                    "guideline": {"current": 2, "stale": 0, "missing": 0, "percent": 100.0},
                    "part": {"current": 1, "stale": 0, "missing": 0, "percent": 100.0},
                    "chapter": {"current": 1, "stale": 0, "missing": 1, "percent": 50.0},
                    "organization": {"current": 0, "stale": 1, "missing": 0, "percent": 0.0},
                },
                "review": [],
            },
            "ko": {
                "current": 7,
                "stale": 1,
                "missing": 2,
                "percent": 70.0,
                "items": [
                    {"id": "chapter-950", "key_path": "title", "file": pub, "line": 24, "state": "missing"},
                    {"id": "chapter-950", "key_path": "body", "file": pub, "line": 25, "state": "missing"},
                    {"id": "moc", "key_path": "name", "file": rec, "line": 10, "state": "stale"},
                ],
                "kinds": {
                    "publication": {"current": 4, "stale": 0, "missing": 0, "percent": 100.0},
                    "guideline": {"current": 2, "stale": 0, "missing": 0, "percent": 100.0},
                    "part": {"current": 1, "stale": 0, "missing": 0, "percent": 100.0},
                    "chapter": {"current": 0, "stale": 0, "missing": 2, "percent": 0.0},
                    "organization": {"current": 0, "stale": 1, "missing": 0, "percent": 0.0},
                },
                "review": [],
            },
        }
    }


def test_mark_current_stamps_only_the_named_field(mini_content: Path, run_vkc: Run) -> None:
    _stamp_all(run_vkc, mini_content)
    records = mini_content / "records.yaml"
    publication = (mini_content / "publication.yaml").read_bytes()
    stale = records.read_text(encoding="utf-8").replace("vi: Bộ Xây dựng,", "vi: Bộ Xây dựng mới,")
    records.write_text(stale, encoding="utf-8")

    result = run_vkc("translations", "mark-current", "--content", mini_content, "--lang", "en", "moc", "name")

    assert (result.code, result.out, result.err) == (0, "marked 1 en field(s) current in 1 file(s)\n", "")
    new_hash = source_hash("Bộ Xây dựng mới")
    old_hash = source_hash("Bộ Xây dựng")
    assert _diff(stale, records.read_text(encoding="utf-8")) == [
        "-    name: {vi: Bộ Xây dựng mới, en: Ministry of Construction, ko: 건설부, "
        f"translated_from: {{en: {old_hash}, ko: {old_hash}}}}}",
        "+    name: {vi: Bộ Xây dựng mới, en: Ministry of Construction, ko: 건설부, "
        f"translated_from: {{en: {new_hash}, ko: {old_hash}}}}}",
    ]
    assert (mini_content / "publication.yaml").read_bytes() == publication
    languages = _status(run_vkc, mini_content)["languages"]
    assert isinstance(languages, dict)
    assert [i["id"] for i in languages["en"]["items"]] == ["chapter-950"]
    assert [(i["id"], i["state"]) for i in languages["ko"]["items"]][-1] == ("moc", "stale")


def test_mark_current_adds_lines_to_a_block_mapping(mini_content: Path, run_vkc: Run) -> None:
    extra = mini_content / "glossary.yaml"
    before = (
        "glossary:\n"
        "  - id: smart-city  # the core term\n"
        "    term:\n"
        "      vi: đô thị thông minh\n"
        "      en: smart city\n"
        "      ko: 스마트시티 / 스마트도시\n"
        "      proposed: [ko]\n"
        "    definition:\n"
        "      vi: |\n"
        "        Đô thị ứng dụng công nghệ.\n"
        "\n"
        "        Đoạn hai.\n"
        "      en: |\n"
        "        A city that applies technology.\n"
        "\n"
        "        Second paragraph.\n"
        "\n"
        "    illustrative: true\n"
    )
    extra.write_text(before, encoding="utf-8")

    assert run_vkc("translations", "mark-current", "--content", mini_content, "--lang", "ko", "smart-city").code == 0
    assert run_vkc("translations", "mark-current", "--content", mini_content, "--lang", "en", "smart-city").code == 0

    term = source_hash("đô thị thông minh")
    definition = source_hash("Đô thị ứng dụng công nghệ.\n\nĐoạn hai.")
    assert extra.read_text(encoding="utf-8") == before.replace(
        "      proposed: [ko]\n",
        f"      proposed: [ko]\n      translated_from:\n        ko: {term}\n        en: {term}\n",
    ).replace(
        "        Second paragraph.\n",
        f"        Second paragraph.\n      translated_from:\n        en: {definition}\n",
    )


def test_missing_field_is_listed_with_file_and_line(mini_content: Path, run_vkc: Run) -> None:
    data = _status(run_vkc, mini_content, "--lang", "en")
    en = data["languages"]
    assert isinstance(en, dict)
    assert list(en) == ["en"]
    missing = [item for item in en["en"]["items"] if item["state"] == "missing"]
    assert missing == [
        {
            "id": "chapter-950",
            "key_path": "body",
            "file": f"{mini_content}/publication.yaml",
            "line": 22,
            "state": "missing",
        }
    ]


def test_status_text_report(mini_content: Path, run_vkc: Run) -> None:
    _stamp_all(run_vkc, mini_content)
    result = run_vkc("status", "--content", mini_content, "--lang", "ko")
    pub = f"{mini_content}/publication.yaml"
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "ko: 80.0% current (8 current, 0 stale, 2 missing of 10)\n"
        "  publication  100.0%  4 current, 0 stale, 0 missing\n"
        "  guideline    100.0%  2 current, 0 stale, 0 missing\n"
        "  part         100.0%  1 current, 0 stale, 0 missing\n"
        "  chapter        0.0%  0 current, 0 stale, 2 missing\n"
        "  organization 100.0%  1 current, 0 stale, 0 missing\n"
        f"  {pub}:24: missing chapter-950 title\n"
        f"  {pub}:25: missing chapter-950 body\n"
    )


def test_fail_under_exits_1_below_the_threshold(mini_content: Path, run_vkc: Run) -> None:
    _stamp_all(run_vkc, mini_content)
    low = run_vkc("status", "--content", mini_content, "--format", "json", "--fail-under", "85")
    assert (low.code, low.err) == (1, "ko: 80.0% current is under 85%\n")
    ok = run_vkc("status", "--content", mini_content, "--format", "json", "--fail-under", "80")
    assert (ok.code, ok.err) == (0, "")


def test_mark_current_refuses_unknown_and_missing_fields(mini_content: Path, run_vkc: Run) -> None:
    before = {p.name: p.read_bytes() for p in mini_content.iterdir()}
    unknown = run_vkc("translations", "mark-current", "--content", mini_content, "--lang", "en", "mco")
    assert (unknown.code, unknown.out) == (2, "")
    assert unknown.err == (
        f"{mini_content}: error[usage.unknown-id] no record 'mco' has translatable texts\n  hint: did you mean 'moc'?\n"
    )
    bad_key = run_vkc("translations", "mark-current", "--content", mini_content, "--lang", "en", "moc", "title")
    assert bad_key.code == 2
    assert bad_key.err == (
        f"{mini_content}: error[usage.unknown-key-path] 'moc' has no text 'title'\n  hint: its texts are: name\n"
    )
    missing = run_vkc("translations", "mark-current", "--content", mini_content, "--lang", "ko", "chapter-950", "title")
    assert missing.code == 1
    assert missing.err == (
        f"{mini_content}/publication.yaml:21:11: error[translation.missing] "
        "guideline.parts.0.chapters.0.title: chapter-950 title has no ko translation to mark current\n"
        "  hint: write the 'ko' text first\n"
    )
    both = run_vkc("translations", "mark-current", "--content", mini_content, "--lang", "en", "--all", "moc")
    assert both.code == 2
    assert both.err == f"{mini_content}: error[usage.mark-current] --all takes no ID\n  hint: drop the ID or --all\n"
    assert {p.name: p.read_bytes() for p in mini_content.iterdir()} == before


def test_mark_current_on_invalid_content_reports_diagnostics(tmp_path: Path, run_vkc: Run) -> None:
    result = run_vkc("status", "--content", tmp_path / "nowhere")
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"{tmp_path}/nowhere: error[content.missing-dir] the content directory does not exist\n"
        "  hint: pass --content DIR with the folder that holds the YAML files\n"
    )


def test_terminal_report_draws_progress_bars(mini_content: Path) -> None:
    content, diagnostics = load_content(mini_content)
    assert content is not None, diagnostics
    status = translation_status(content)["en"]
    lines = format_status_text([status], bars=True).splitlines()
    assert lines[0] == f"en: {'░' * 24} 0.0% current (0 current, 9 stale, 1 missing of 10)"
    assert lines[4] == f"  chapter      {'░' * 24}   0.0%  0 current, 1 stale, 1 missing"
