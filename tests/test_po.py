"""`vkc po export` / `vkc po import`: PO files with Babel, written back into the YAML byte-exactly."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from conftest import CliResult
from vkc.model import source_hash

Run = Callable[..., CliResult]

HEADER = """\
# Hướng dẫn thử nghiệm: {lang} translation.
# Vietnamese is the source text.
msgid ""
msgstr ""
"Project-Id-Version: VKC 0.1\\n"
"Report-Msgid-Bugs-To: EMAIL@ADDRESS\\n"
"POT-Creation-Date: 2026-11-24 00:00+0000\\n"
"PO-Revision-Date: 2026-11-24 00:00+0000\\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"
"Language: {lang}\\n"
"Language-Team: {lang}\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Generated-By: Babel 2.18.0\\n"
"""


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _diff(before: bytes, after: bytes) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _stamp(run: Run, content: Path, lang: str) -> None:
    assert run("translations", "mark-current", "--content", content, "--lang", lang, "--all").code == 0


def _edit_po(path: Path, context: str, msgstr: str | None = None, fuzzy: bool | None = None) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    message = next(m for m in catalog if m.context == context)
    if msgstr is not None:
        message.string = msgstr
    if fuzzy is False:
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog)


def test_export_writes_one_po_per_content_file(mini_content: Path, tmp_path: Path, run_vkc: Run) -> None:
    _stamp(run_vkc, mini_content, "ko")
    records = mini_content / "records.yaml"
    records.write_text(records.read_text(encoding="utf-8").replace("Bộ Xây dựng", "Bộ Xây Dựng"), encoding="utf-8")

    result = run_vkc("po", "export", "--content", mini_content, "--lang", "ko", tmp_path / "po")

    assert (result.code, result.out, result.err) == (0, f"wrote 2 PO file(s) to {tmp_path}/po\n", "")
    assert sorted(p.name for p in (tmp_path / "po").iterdir()) == ["publication.ko.po", "records.ko.po"]
    assert (tmp_path / "po" / "records.ko.po").read_text(encoding="utf-8") == HEADER.format(lang="ko") + (
        "\n"
        "#. stale: the Vietnamese changed after this translation was made\n"
        "#: content/records.yaml:10\n"
        "#, fuzzy\n"
        'msgctxt "moc:name"\n'
        'msgid "Bộ Xây Dựng"\n'
        'msgstr "건설부"\n'
        "\n"
    )
    publication = (tmp_path / "po" / "publication.ko.po").read_text(encoding="utf-8")
    assert (
        "#: content/publication.yaml:24\n"
        'msgctxt "chapter-950:body"\n'
        'msgid "Đề án 950 được phê duyệt năm 2018."\n'
        'msgstr ""\n'
    ) in publication


def test_round_trip_without_edits_changes_no_byte(mini_content: Path, tmp_path: Path, run_vkc: Run) -> None:
    _stamp(run_vkc, mini_content, "en")
    records = mini_content / "records.yaml"
    records.write_text(records.read_text(encoding="utf-8").replace("Bộ Xây dựng", "Bộ Xây Dựng"), encoding="utf-8")
    before = _snapshot(mini_content)
    for lang in ("en", "ko"):
        assert run_vkc("po", "export", "--content", mini_content, "--lang", lang, tmp_path / "po").code == 0

    result = run_vkc("po", "import", "--content", mini_content, tmp_path / "po")

    assert (result.code, result.out, result.err) == (0, "updated 0 field(s) in 0 file(s)\n", "")
    assert _snapshot(mini_content) == before


def test_import_of_one_changed_msgstr_changes_exactly_that_value(
    mini_content: Path, tmp_path: Path, run_vkc: Run
) -> None:
    _stamp(run_vkc, mini_content, "en")
    _stamp(run_vkc, mini_content, "ko")
    before = _snapshot(mini_content)
    assert run_vkc("po", "export", "--content", mini_content, "--lang", "en", tmp_path / "po").code == 0
    _edit_po(tmp_path / "po" / "publication.en.po", "part-framework:title", "Policy Framework")

    result = run_vkc("po", "import", "--content", mini_content, tmp_path / "po")

    assert (result.code, result.out, result.err) == (0, "updated 1 field(s) in 1 file(s)\n", "")
    after = _snapshot(mini_content)
    assert after["records.yaml"] == before["records.yaml"]
    h = source_hash("Khung chính sách")
    assert _diff(before["publication.yaml"], after["publication.yaml"]) == [
        f"-      title: {{vi: Khung chính sách, en: Policy framework, ko: 정책 체계, translated_from: {{en: {h}, ko: {h}}}}}",
        f"+      title: {{vi: Khung chính sách, en: Policy Framework, ko: 정책 체계, translated_from: {{en: {h}, ko: {h}}}}}",
    ]


def test_import_fills_a_missing_translation_and_stamps_it(mini_content: Path, tmp_path: Path, run_vkc: Run) -> None:
    publication = mini_content / "publication.yaml"
    before = publication.read_bytes()
    assert run_vkc("po", "export", "--content", mini_content, "--lang", "en", tmp_path / "po").code == 0
    _edit_po(tmp_path / "po" / "publication.en.po", "chapter-950:body", "Scheme 950 was approved in 2018.\n\nSecond.")

    assert run_vkc("po", "import", "--content", mini_content, tmp_path / "po").code == 0

    h = source_hash("Đề án 950 được phê duyệt năm 2018.")
    assert _diff(before, publication.read_bytes()) == [
        '-          body: {vi: "Đề án 950 được phê duyệt năm 2018."}',
        '+          body: {vi: "Đề án 950 được phê duyệt năm 2018.", en: "Scheme 950 was approved in 2018.\\n\\nSecond.", '
        f"translated_from: {{en: {h}}}}}",
    ]


def test_removing_the_fuzzy_flag_stamps_current(mini_content: Path, tmp_path: Path, run_vkc: Run) -> None:
    records = mini_content / "records.yaml"
    before = records.read_bytes()
    assert run_vkc("po", "export", "--content", mini_content, "--lang", "ko", tmp_path / "po").code == 0
    _edit_po(tmp_path / "po" / "records.ko.po", "moc:name", fuzzy=False)

    result = run_vkc("po", "import", "--content", mini_content, tmp_path / "po")

    assert result.out == "updated 1 field(s) in 1 file(s)\n"
    assert _diff(before, records.read_bytes()) == [
        "-    name: {vi: Bộ Xây dựng, en: Ministry of Construction, ko: 건설부}",
        "+    name: {vi: Bộ Xây dựng, en: Ministry of Construction, ko: 건설부, "
        f"translated_from: {{ko: {source_hash('Bộ Xây dựng')}}}}}",
    ]


def test_po_without_language_is_refused_and_nothing_is_written(
    mini_content: Path, tmp_path: Path, run_vkc: Run
) -> None:
    before = _snapshot(mini_content)
    assert run_vkc("po", "export", "--content", mini_content, "--lang", "en", tmp_path / "po").code == 0
    _edit_po(tmp_path / "po" / "records.en.po", "moc:name", "Ministry of Building")
    bad = tmp_path / "po" / "publication.en.po"
    bad.write_text(bad.read_text(encoding="utf-8").replace('"Language: en\\n"\n', ""), encoding="utf-8")
    (tmp_path / "po" / "old.en.po").write_text(
        HEADER.format(lang="en") + '\nmsgctxt "gone:title"\nmsgid "Cũ"\nmsgstr "Old"\n', encoding="utf-8"
    )

    result = run_vkc("po", "import", "--content", mini_content, tmp_path / "po")

    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"{tmp_path}/po/old.en.po:19:1: warning[po.unknown-entry] no text 'gone:title' in the content; "
        "the entry is ignored\n"
        "  hint: export the PO files again after the record was renamed or removed\n"
        f"{tmp_path}/po/publication.en.po:1:1: error[po.language] the PO header names the language 'none'\n"
        "  hint: set 'Language: en' or 'Language: ko' in the header\n"
    )
    assert _snapshot(mini_content) == before


def test_translation_of_an_outdated_msgid_stays_stale(mini_content: Path, tmp_path: Path, run_vkc: Run) -> None:
    assert run_vkc("po", "export", "--content", mini_content, "--lang", "en", tmp_path / "po").code == 0
    records = mini_content / "records.yaml"
    records.write_text(records.read_text(encoding="utf-8").replace("vi: Bộ Xây dựng,", "vi: Bộ Xây dựng mới,"), "utf-8")
    _edit_po(tmp_path / "po" / "records.en.po", "moc:name", "Ministry of Building")

    assert run_vkc("po", "import", "--content", mini_content, tmp_path / "po").code == 0

    assert records.read_text(encoding="utf-8").splitlines()[9] == (
        "    name: {vi: Bộ Xây dựng mới, en: Ministry of Building, ko: 건설부, "
        f"translated_from: {{en: {source_hash('Bộ Xây dựng')}}}}}"
    )
    status = run_vkc("status", "--content", mini_content, "--lang", "en")
    assert f"  {records}:10: stale   moc name\n" in status.out
