"""`vkc.yamledit`: translations change in place; every other byte of the file stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vkc.yamledit import EditError, FieldChange, apply_changes
from vkc.yamlload import parse_text

BLOCK = (
    "# header comment\n"
    "organizations:\n"
    "  - id: moc   # keep me\n"
    "    name:\n"
    "      vi: 'Bộ Xây dựng'\n"
    '      en: "Ministry of Construction"\n'
    "    country: vn\n"
)


def test_replace_keeps_quoting_and_comments() -> None:
    out = apply_changes(BLOCK, {("organizations", 0, "name"): FieldChange(texts={"en": "Ministry: Construction"})})
    assert out == BLOCK.replace('"Ministry of Construction"', '"Ministry: Construction"')


def test_insert_missing_translation_after_its_neighbour() -> None:
    out = apply_changes(
        BLOCK, {("organizations", 0, "name"): FieldChange(texts={"ko": "건설부"}, stamps={"ko": "0123456789ab"})}
    )
    assert out == BLOCK.replace(
        '      en: "Ministry of Construction"\n',
        '      en: "Ministry of Construction"\n      ko: 건설부\n      translated_from:\n        ko: 0123456789ab\n',
    )


def test_all_digit_hash_is_quoted_and_crlf_is_kept() -> None:
    text = BLOCK.replace("\n", "\r\n")
    out = apply_changes(text, {("organizations", 0, "name"): FieldChange(stamps={"en": "012345678901"})})
    assert out == text.replace(
        '"Ministry of Construction"\r\n',
        '"Ministry of Construction"\r\n      translated_from:\r\n        en: "012345678901"\r\n',
    )


def test_file_without_final_newline_and_with_bom() -> None:
    text = "\ufeffpublication:\n  title: {vi: a, en: b}\n  notice:\n    vi: c\n    en: d"
    out = apply_changes(
        text,
        {
            ("publication", "title"): FieldChange(stamps={"en": "aaaaaaaaaaaa"}),
            ("publication", "notice"): FieldChange(texts={"en": "multi\nline"}, stamps={"en": "bbbbbbbbbbbb"}),
        },
    )
    assert out == (
        "\ufeffpublication:\n"
        "  title: {vi: a, en: b, translated_from: {en: aaaaaaaaaaaa}}\n"
        "  notice:\n"
        "    vi: c\n"
        "    en: |-\n"
        "      multi\n"
        "      line\n"
        "    translated_from:\n"
        "      en: bbbbbbbbbbbb\n"
    )


def test_multiline_text_in_a_flow_mapping_is_double_quoted() -> None:
    text = "publication:\n  title: {vi: a}\n"
    out = apply_changes(text, {("publication", "title"): FieldChange(texts={"en": "x, y\n{z}"})})
    assert out == 'publication:\n  title: {vi: a, en: "x, y\\n{z}"}\n'


def test_a_path_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(EditError, match="no key 'nope'"):
        apply_changes(BLOCK, {("organizations", 0, "nope"): FieldChange(stamps={"en": "aaaaaaaaaaaa"})})
    with pytest.raises(EditError, match="is not a mapping of languages"):
        apply_changes(BLOCK, {("organizations", 0, "country"): FieldChange(stamps={"en": "aaaaaaaaaaaa"})})


_TEXT = (
    st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r\x85\u2028\u2029"), min_size=1)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(en=_TEXT, flow=st.booleans(), literal=st.booleans())
def test_any_text_reads_back_exactly(en: str, flow: bool, literal: bool) -> None:
    old = "|\n      old text" if literal and not flow else "old text"
    text = (
        "publication:\n  title: {vi: x, en: old text}\n  after: 1\n"
        if flow
        else f"publication:\n  title:\n    vi: x\n    en: {old}\n  after: 1\n"
    )
    out = apply_changes(text, {("publication", "title"): FieldChange(texts={"en": en})})
    loaded, problems = parse_text(out, Path("t.yaml"), "t.yaml")
    assert problems == []
    assert loaded is not None and isinstance(loaded.data, dict)
    title = loaded.data["publication"]
    assert isinstance(title, dict)
    assert title["after"] == "1"
    value = title["title"]
    assert isinstance(value, dict) and isinstance(value["en"], str)
    assert value["en"].strip() == en


def test_an_empty_value_is_filled_after_the_colon() -> None:
    text = "a:\n  t:\n    vi: x\n    en:\n    ko: y\n"
    out = apply_changes(text, {("a", "t"): FieldChange(texts={"en": "new"})})
    assert out == "a:\n  t:\n    vi: x\n    en: new\n    ko: y\n"


def test_draft_table_is_set_replaced_and_removed_in_block_and_flow_style() -> None:
    block = "item:\n  name:\n    vi: Tên\n    ko: 이름\n  other: 1\n"
    with_draft = apply_changes(block, {("item", "name"): FieldChange(tables={"draft": {"ko": "초안\n둘째 줄"}})})
    assert (
        with_draft
        == "item:\n  name:\n    vi: Tên\n    ko: 이름\n    draft:\n      ko: |-\n        초안\n        둘째 줄\n  other: 1\n"
    )
    replaced = apply_changes(with_draft, {("item", "name"): FieldChange(tables={"draft": {"en": "Draft"}})})
    assert "    draft:\n      en: Draft\n      ko: |-\n        초안\n        둘째 줄\n  other: 1\n" in replaced
    removed = apply_changes(replaced, {("item", "name"): FieldChange(tables={"draft": {"en": None, "ko": None}})})
    assert removed == block
    flow = "item:\n  name: {vi: Tên, draft: {ko: 초안}, ko: 이름}\n"
    assert apply_changes(flow, {("item", "name"): FieldChange(tables={"draft": {"ko": None}})}) == (
        "item:\n  name: {vi: Tên, ko: 이름}\n"
    )
