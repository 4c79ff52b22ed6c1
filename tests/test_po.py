"""`vkc po export` / `vkc po import`: PO files with Babel, written back into the YAML byte-exactly."""

from __future__ import annotations

import difflib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from conftest import REPO, CliResult
from vkc.model import source_hash
from vkc.po import DRAFT_COMMENT
from vkc.publish.build import build_site

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
"Last-Translator: unknown\\n"
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

    assert (result.code, result.out, result.err) == (
        0,
        "0 imported, 0 fuzzy kept as draft(s) for review, 20 unchanged; updated 0 field(s) in 0 file(s)\n",
        "",
    )
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

    assert (result.code, result.err) == (0, "")
    assert (
        result.out == "1 imported, 0 fuzzy kept as draft(s) for review, 9 unchanged; updated 1 field(s) in 1 file(s)\n"
    )
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

    assert (
        result.out == "1 imported, 0 fuzzy kept as draft(s) for review, 9 unchanged; updated 1 field(s) in 1 file(s)\n"
    )
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
    _edit_po(tmp_path / "po" / "records.en.po", "moc:name", "Ministry of Building", fuzzy=False)

    assert run_vkc("po", "import", "--content", mini_content, tmp_path / "po").code == 0

    assert records.read_text(encoding="utf-8").splitlines()[9] == (
        "    name: {vi: Bộ Xây dựng mới, en: Ministry of Building, ko: 건설부, "
        f"translated_from: {{en: {source_hash('Bộ Xây dựng')}}}}}"
    )
    status = run_vkc("status", "--content", mini_content, "--lang", "en")
    assert f"  {records}:10: stale   moc name\n" in status.out


def _clients_read(po_dir: Path, tmp_path: Path) -> str:
    """Run the PO files through gettext's msgfmt -c and translate-toolkit; returns msgfmt's statistics."""
    stats = []
    for po in sorted(po_dir.glob("*.po")):
        done = subprocess.run(
            ["msgfmt", "-c", "--statistics", "-o", str(tmp_path / "out.mo"), str(po)], capture_output=True, text=True
        )
        assert (done.returncode, "warning" in done.stderr) == (0, False), done.stderr
        stats.append(done.stderr.strip())
    tools = Path(sys.executable).parent
    xliff = tmp_path / "xliff"
    done = subprocess.run([tools / "po2xliff", po_dir, xliff], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    checked = subprocess.run(
        [tools / "pofilter", "--nofuzzy", "-t", "variables", po_dir, tmp_path / "filtered"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    return "\n".join(stats)


def test_fuzzy_entry_is_kept_as_a_draft_and_exported_back_as_fuzzy(
    mini_content: Path, tmp_path: Path, run_vkc: Run
) -> None:
    records = mini_content / "records.yaml"
    before = records.read_bytes()
    assert run_vkc("po", "export", "--content", mini_content, "--lang", "ko", tmp_path / "po").code == 0
    po = tmp_path / "po" / "records.ko.po"
    _edit_po(po, "moc:name", "국토건설부(초안)")  # still fuzzy: the translator's draft
    po.write_text(
        po.read_text("utf-8").replace("Last-Translator: unknown", "Last-Translator: Kim Translator <kim@example.org>"),
        "utf-8",
    )

    result = run_vkc("po", "import", "--content", mini_content, tmp_path / "po")

    assert (result.code, result.err) == (0, "")
    assert (
        result.out == "0 imported, 1 fuzzy kept as draft(s) for review, 9 unchanged; updated 1 field(s) in 2 file(s)\n"
    )
    # Kept, not published: the Korean name stays 건설부, the draft sits beside it.
    assert _diff(before, records.read_bytes()) == [
        "-    name: {vi: Bộ Xây dựng, en: Ministry of Construction, ko: 건설부}",
        "+    name: {vi: Bộ Xây dựng, en: Ministry of Construction, ko: 건설부, draft: {ko: 국토건설부(초안)}}",
    ]
    assert "translators:\n    ko: Kim Translator <kim@example.org>\n" in (mini_content / "publication.yaml").read_text()
    status = run_vkc("status", "--content", mini_content, "--lang", "ko")
    assert "  1 draft(s) need review (imported fuzzy, not published):\n" in status.out
    assert f"  {records}:10: review  moc name" in status.out

    again = tmp_path / "po2"
    assert run_vkc("po", "export", "--content", mini_content, "--lang", "ko", again).code == 0
    exported = (again / "records.ko.po").read_text("utf-8")
    assert (
        f"#. {DRAFT_COMMENT}\n#: content/records.yaml:10\n#, fuzzy\n"
        'msgctxt "moc:name"\nmsgid "Bộ Xây dựng"\nmsgstr "국토건설부(초안)"\n'
    ) in exported
    assert '"Last-Translator: Kim Translator <kim@example.org>\\n"' in exported
    # gettext and translate-toolkit read the files; msgfmt leaves the draft out.
    assert "1 fuzzy translation" in _clients_read(again, tmp_path)
    # The same files imported again change nothing.
    same = run_vkc("po", "import", "--content", mini_content, again)
    assert same.out.startswith("0 imported, 0 fuzzy kept as draft(s) for review, 10 unchanged; updated 0 field(s)")

    # The site never shows the draft.
    site = tmp_path / "site"
    build_site(mini_content, site, config=REPO / "mkdocs.yml", docs=REPO / "docs", editions=False)
    published = [p for p in site.rglob("*") if p.suffix in (".html", ".json", ".xml", ".csv", ".tbx")]
    assert any("건설부" in p.read_text("utf-8") for p in published)
    assert [p for p in published if "국토건설부" in p.read_text("utf-8")] == []

    # Review done: the translator removes the fuzzy flag, the draft is published and gone.
    _edit_po(again / "records.ko.po", "moc:name", fuzzy=False)
    done = run_vkc("po", "import", "--content", mini_content, again)
    assert done.out.startswith("1 imported, 0 fuzzy kept as draft(s) for review, 9 unchanged;")
    assert records.read_text("utf-8").splitlines()[9] == (
        f"    name: {{vi: Bộ Xây dựng, en: Ministry of Construction, ko: 국토건설부(초안), "
        f"translated_from: {{ko: {source_hash('Bộ Xây dựng')}}}}}"
    )
