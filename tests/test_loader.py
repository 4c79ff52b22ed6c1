"""The position-keeping YAML loader and the content collector, on valid and boundary input."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from conftest import FIXTURES
from vkc import model as m
from vkc import yamlload
from vkc.content import content_files, load_content
from vkc.diagnostics import display_path
from vkc.walk import nested_records
from vkc.yamlload import (
    MAX_ALIAS_NODES,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    LoadedFile,
    format_key_path,
    load_file,
    parse_text,
)


def parse(text: str) -> LoadedFile:
    loaded, diagnostics = parse_text(text, Path("t.yaml"), "t.yaml")
    assert diagnostics == []
    assert loaded is not None
    return loaded


def codes(text: str) -> list[tuple[str, int, int]]:
    loaded, diagnostics = parse_text(text, Path("t.yaml"), "t.yaml")
    assert loaded is None
    return [(d.code, d.line, d.column) for d in diagnostics]


# --- values ---------------------------------------------------------------------------------------


def test_every_scalar_is_text() -> None:
    loaded = parse("a: NO\nb: 1.10\nc: 2024-01-23\nd: 0755\ne: 1:20\nf: true\ng: 12\nh: -1.5e3\n")
    assert loaded.data == {
        "a": "NO",
        "b": "1.10",
        "c": "2024-01-23",
        "d": "0755",
        "e": "1:20",
        "f": "true",
        "g": "12",
        "h": "-1.5e3",
    }


def test_nulls_only_when_plain() -> None:
    loaded = parse('a:\nb: ~\nc: null\nd: NULL\ne: "null"\nf: ""\ng: \'~\'\n')
    assert loaded.data == {"a": None, "b": None, "c": None, "d": None, "e": "null", "f": "", "g": "~"}


def test_block_and_flow_scalars_keep_their_text() -> None:
    loaded = parse("a: |\n  line one\n  line two\nb: >\n  folded\n  text\nc: \"tab\\there\"\nd: 'it''s'\n")
    assert loaded.data == {"a": "line one\nline two\n", "b": "folded text\n", "c": "tab\there", "d": "it's"}


def test_harmless_tags_are_accepted() -> None:
    loaded = parse("a: !!str 123\nb: ! 1.5\nc: !!seq [x]\nd: !!map {k: v}\n")
    assert loaded.data == {"a": "123", "b": "1.5", "c": ["x"], "d": {"k": "v"}}


def test_aliases_within_the_limit_are_expanded() -> None:
    loaded = parse("a: &name {vi: Bộ Xây dựng, en: Ministry of Construction}\nb: *name\nc: [*name, *name]\n")
    assert isinstance(loaded.data, dict)
    assert loaded.data["b"] == loaded.data["a"] == {"vi": "Bộ Xây dựng", "en": "Ministry of Construction"}
    assert loaded.data["c"] == [loaded.data["a"], loaded.data["a"]]


def test_alias_limit_boundary() -> None:
    # A scalar anchor counts one value per use: MAX_ALIAS_NODES uses pass, one more does not.
    uses = ", ".join(["*x"] * MAX_ALIAS_NODES)
    loaded = parse(f"a: &x v\nb: [{uses}]\n")
    assert isinstance(loaded.data, dict)
    assert loaded.data["b"] == ["v"] * MAX_ALIAS_NODES
    assert codes(f"a: &x v\nb: [{uses}, *x]\n") == [("yaml.alias-bomb", 2, 5 + 4 * MAX_ALIAS_NODES)]


def test_depth_limit_boundary() -> None:
    # The root mapping is level 1, so MAX_DEPTH - 1 brackets under 'a' reach level MAX_DEPTH.
    ok = MAX_DEPTH - 1
    parse("a: " + "[" * ok + "]" * ok + "\n")
    deep = ok + 1
    assert codes("a: " + "[" * deep + "]" * deep + "\n") == [("yaml.too-deep", 1, 3 + deep)]


def test_bom_and_crlf() -> None:
    path_text = "\ufeffa: một\r\nb:\r\n  - hai\r\n"
    loaded = parse(path_text.lstrip("\ufeff"))
    assert loaded.data == {"a": "một", "b": ["hai"]}
    assert loaded.positions[("b", 0)] == (3, 5)


def test_bom_file(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: m\xe1\xbb\x99t\n")
    loaded, diagnostics = load_file(path, "bom.yaml")
    assert diagnostics == []
    assert loaded is not None
    assert loaded.data == {"a": "một"}
    assert loaded.positions[("a",)] == (1, 1)


# --- positions ------------------------------------------------------------------------------------


def test_positions_of_keys_and_items() -> None:
    loaded = parse(
        "sources:\n"
        "  - id: src-a\n"
        "    title: Tiêu đề có dấu\n"
        "  - {id: src-b, title: 'Đô thị: thông minh'}\n"
        "organizations:\n"
        "- id: moc\n"
        "  name:\n"
        "    vi: Bộ Xây dựng\n"
    )
    assert loaded.positions == {
        ("sources",): (1, 1),
        ("sources", 0): (2, 5),
        ("sources", 0, "id"): (2, 5),
        ("sources", 0, "title"): (3, 5),
        ("sources", 1): (4, 5),
        ("sources", 1, "id"): (4, 6),
        ("sources", 1, "title"): (4, 17),
        ("organizations",): (5, 1),
        ("organizations", 0): (6, 3),
        ("organizations", 0, "id"): (6, 3),
        ("organizations", 0, "name"): (7, 3),
        ("organizations", 0, "name", "vi"): (8, 5),
    }


def test_position_falls_back_to_the_nearest_ancestor() -> None:
    loaded = parse("a:\n  b:\n    c: x\n")
    assert loaded.position(("a", "b", "c")) == (3, 5)
    assert loaded.position(("a", "b", "missing", 3)) == (2, 3)
    assert loaded.position(("nothing",)) == (1, 1)
    diag = loaded.diagnostic(("a", "b", "missing"), "schema.missing", "gone", "add it")
    assert diag.to_text() == "t.yaml:2:3: error[schema.missing] a.b.missing: gone\n  hint: add it"


def test_format_key_path() -> None:
    assert format_key_path(("events", 2, "date")) == "events.2.date"
    assert format_key_path(()) == ""


def test_columns_count_characters_not_bytes() -> None:
    loaded = parse("a: {vi: Tiếng Việt, ko: 한국어, en: English}\n")
    assert loaded.positions[("a", "ko")] == (1, 21)
    assert loaded.positions[("a", "en")] == (1, 30)


# --- files ----------------------------------------------------------------------------------------


def test_size_limit_is_inclusive(tmp_path: Path) -> None:
    # Exactly the limit is read (then refused for its NUL bytes); one byte more is never read.
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES)
    _, diagnostics = load_file(path, "big.yaml")
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("yaml.control-character", 1, 1)]
    with path.open("ab") as handle:
        handle.write(b"\n")
    _, diagnostics = load_file(path, "big.yaml")
    assert [d.to_text() for d in diagnostics] == [
        f"big.yaml: error[yaml.too-large] the file is {MAX_FILE_BYTES + 1} bytes; the limit is {MAX_FILE_BYTES}\n"
        "  hint: split the records into several files"
    ]


def test_unreadable_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    loaded, diagnostics = load_file(folder, "folder.yaml")
    assert loaded is None
    assert [d.to_text() for d in diagnostics] == [
        "folder.yaml: error[io.read] cannot read the file: Is a directory\n"
        "  hint: check that the file exists and is readable"
    ]


def test_content_files_order_and_filter(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "notes.md", "sub/c.yaml", "sub/z.txt", "a.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: y\n", encoding="utf-8")
    (tmp_path / "dir.yaml").mkdir()
    assert [p.relative_to(tmp_path).as_posix() for p in content_files(tmp_path)] == [
        "a.yaml",
        "a.yml",
        "b.yaml",
        "sub/c.yaml",
    ]


def test_display_path_relative_under_cwd(tmp_path: Path) -> None:
    inside = Path.cwd() / "content" / "records.yaml"
    assert display_path(inside) == os.path.join("content", "records.yaml")
    outside = tmp_path / "x.yaml"
    if not outside.resolve().is_relative_to(Path.cwd().resolve()):
        assert display_path(outside) == str(outside)


# --- content --------------------------------------------------------------------------------------


def test_mini_fixture_loads() -> None:
    content, diagnostics = load_content(FIXTURES / "mini")
    assert diagnostics == []
    assert content is not None
    assert sorted(content.by_id) == ["chapter-950", "guideline", "moc", "part-framework", "src-plo"]
    assert content.publication.version == "0.1"
    assert content.publication.date == m.PartialDate(2026, 11, 24)
    assert content.publication.title.text("ko") == "시험 지침"
    assert [s.id for s in content.collection("sources", m.Source)] == ["src-plo"]
    assert content.collection("sources", m.Organization) == []
    assert content.get("moc", m.Organization).abbreviation == "MOC"
    chapter = content.get("chapter-950", m.Chapter)
    assert chapter.body is not None and chapter.body.vi == "Đề án 950 được phê duyệt năm 2018."
    assert chapter.title.en == "Scheme 950" and chapter.title.ko is None


def test_origins_point_at_records() -> None:
    content, _ = load_content(FIXTURES / "mini")
    assert content is not None
    origin = content.origins["chapter-950"]
    assert origin.path == ("guideline", "parts", 0, "chapters", 0)
    assert origin.file.path == FIXTURES / "mini" / "publication.yaml"
    assert origin.line() == 20
    assert origin.line(("sources",)) == 23
    assert content.origins["moc"].line(("abbreviation",)) == 11
    assert content.singleton_origins["publication"].line() == 2
    assert content.singleton_origins["guideline"].line() == 12


def test_nested_records_paths() -> None:
    content, _ = load_content(FIXTURES / "mini")
    assert content is not None
    assert [(path, record.id) for path, record in nested_records(content.guideline)] == [
        ((), "guideline"),
        (("parts", 0), "part-framework"),
        (("parts", 0, "chapters", 0), "chapter-950"),
    ]


def test_collections_merge_across_files_in_file_order(mini_content: Path) -> None:
    (mini_content / "a.yaml").write_text(
        "organizations:\n  - id: org-a\n    name: {vi: Cơ quan A}\n    country: vn\n    sources: [src-plo]\n",
        encoding="utf-8",
    )
    (mini_content / "z" / "more.yaml").parent.mkdir()
    (mini_content / "z" / "more.yaml").write_text(
        "organizations:\n  - id: org-z\n    name: {vi: Cơ quan Z}\n    country: kr\n    illustrative: true\n",
        encoding="utf-8",
    )
    content, diagnostics = load_content(mini_content)
    assert diagnostics == []
    assert content is not None
    assert [o.id for o in content.collection("organizations", m.Organization)] == ["org-a", "moc", "org-z"]
    assert content.get("org-z", m.Organization).illustrative is True
    assert content.origins["org-z"].file.display == display_path(mini_content / "z" / "more.yaml")


def test_one_bad_record_does_not_hide_the_next(mini_content: Path) -> None:
    (mini_content / "a.yaml").write_text(
        "organizations:\n"
        "  - id: org-a\n    name: {vi: A}\n    country: xx\n    sources: [src-plo]\n"
        "  - id: org-b\n    name: {vi: B}\n    country: yy\n    sources: [src-plo]\n",
        encoding="utf-8",
    )
    content, diagnostics = load_content(mini_content)
    assert content is None
    assert [(d.code, d.line, d.key_path) for d in diagnostics] == [
        ("schema.choice", 4, "organizations.0.country"),
        ("schema.choice", 8, "organizations.1.country"),
    ]


def test_a_load_that_reuses_takes_only_the_unchanged_files_again(mini_content: Path) -> None:
    first, diagnostics = load_content(mini_content, reuse=True)
    assert diagnostics == [] and first is not None
    records = mini_content / "records.yaml"
    text = records.read_text(encoding="utf-8")
    records.write_text(text + "\n", encoding="utf-8")
    second, diagnostics = load_content(mini_content, reuse=True)
    fresh, _ = load_content(mini_content)
    assert diagnostics == [] and second is not None and fresh is not None
    # The unchanged file's models are the same objects; the edited file's are made again.
    assert second.publication is first.publication and second.guideline is first.guideline
    edited = {i for i, origin in second.origins.items() if origin.file.path.name == "records.yaml"}
    assert edited and all(second.by_id[i] is not first.by_id[i] for i in edited)
    assert all(second.by_id[i] is first.by_id[i] for i in second.by_id if i not in edited)
    assert second.publication == fresh.publication and second.by_id == fresh.by_id
    assert second.records == fresh.records and second.guideline == fresh.guideline
    # A broken edit reports what a load that keeps nothing reports, and the next good load is whole.
    records.write_text(text.replace("country: vn", "country: xx", 1), encoding="utf-8")
    broken = load_content(mini_content, reuse=True)
    assert broken[0] is None and broken[1] == load_content(mini_content)[1] != []
    records.write_text(text, encoding="utf-8")
    again, diagnostics = load_content(mini_content, reuse=True)
    assert diagnostics == [] and again is not None and again.by_id == first.by_id


@pytest.mark.parametrize("name", ["publication.yaml", "records.yaml"])
def test_fixture_files_parse_alone(name: str) -> None:
    loaded, diagnostics = load_file(FIXTURES / "mini" / name, name)
    assert diagnostics == []
    assert loaded is not None
    assert isinstance(loaded.data, dict)


def test_positions_kept_exactly_when_key_paths_share_a_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "a:\n  b: [x, y]\n  c: {d: e}\n"
    expected = {("a",): (1, 1), ("a", "b"): (2, 3), ("a", "b", 0): (2, 7), ("a", "b", 1): (2, 10)}
    expected |= {("a", "c"): (3, 3), ("a", "c", "d"): (3, 7)}
    hashed = parse(text)
    assert hashed.positions == expected
    assert repr(hashed.positions) == "Positions(6 nodes)"
    # Every key path hashing alike: the file is parsed again and kept by key path.
    monkeypatch.setattr(yamlload, "hash", lambda path: 7, raising=False)
    exact = parse(text)
    assert repr(exact.positions) == "Positions(6 nodes, exact)"
    assert exact.positions == expected
    assert exact.position(("a", "c", "missing")) == (3, 3)
    assert ("a", "x") not in exact.positions


def test_positions_refuse_another_processes_hashes() -> None:
    positions = parse("a: [b]\n").positions
    restored = pickle.loads(pickle.dumps(positions))
    assert restored == positions == {("a",): (1, 1), ("a", 0): (1, 5)}
    hashes, marks, exact, probe = positions.__getstate__()
    with pytest.raises(ValueError, match="hashes key paths differently"):
        positions.__setstate__((hashes, marks, exact, probe + 1))
