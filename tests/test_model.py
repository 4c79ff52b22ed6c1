"""The model's value types: partial dates, the translation hash and translation states."""

from __future__ import annotations

import datetime
import itertools
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from conftest import CliResult
from vkc.model import Indicator, IndicatorCategory, LocalizedText, PartialDate, Source, source_hash

# --- PartialDate ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parsed", "precision"),
    [
        ("2024", PartialDate(2024), "year"),
        ("2024-09", PartialDate(2024, 9), "month"),
        ("2024-01-23", PartialDate(2024, 1, 23), "day"),
        (" 2024-01-23 ", PartialDate(2024, 1, 23), "day"),
        ("2024-02-29", PartialDate(2024, 2, 29), "day"),
        ("2000-02-29", PartialDate(2000, 2, 29), "day"),
        ("1000", PartialDate(1000), "year"),
    ],
)
def test_partial_date_parse(text: str, parsed: PartialDate, precision: str) -> None:
    date = PartialDate.parse(text)
    assert date == parsed
    assert date.precision == precision
    assert str(date) == text.strip()


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("2024-02-30", "date_impossible", "'2024-02-30' is not a real date: February 2024 has 29 days"),
        ("2023-02-29", "date_impossible", "'2023-02-29' is not a real date: February 2023 has 28 days"),
        ("1900-02-29", "date_impossible", "'1900-02-29' is not a real date: February 1900 has 28 days"),
        ("2024-04-31", "date_impossible", "'2024-04-31' is not a real date: April 2024 has 30 days"),
        ("2024-01-00", "date_impossible", "'2024-01-00' is not a real date: January 2024 has 31 days"),
        ("2024-00", "date_impossible", "'2024-00' is not a real date: there is no month 0"),
        ("2024-13-01", "date_impossible", "'2024-13-01' is not a real date: there is no month 13"),
        ("2024-1-5", "date_format", "'2024-1-5' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
        ("23/01/2024", "date_format", "'23/01/2024' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
        ("24", "date_format", "'24' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
        ("0999", "date_format", "'0999' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
        ("２０２４", "date_format", "'２０２４' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
        ("2024-01-23T10:00", "date_format", "'2024-01-23T10:00' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
        ("", "date_format", "'' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
    ],
)
def test_partial_date_rejects(text: str, kind: str, message: str) -> None:
    with pytest.raises(PydanticCustomError) as caught:
        PartialDate.parse(text)
    assert caught.value.type == kind
    assert caught.value.message() == message


def test_partial_date_none_is_not_a_date() -> None:
    with pytest.raises(PydanticCustomError) as caught:
        PartialDate.parse(None)
    assert caught.value.message() == "'' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"


def test_partial_date_parse_keeps_an_instance() -> None:
    date = PartialDate(2024, 1)
    assert PartialDate.parse(date) is date


def test_partial_date_in_a_model() -> None:
    source = Source.model_validate(
        {"id": "s", "title": "T", "publisher": "P", "date": "2024-07", "language": "vi", "confidence": "high"}
    )
    assert source.date == PartialDate(2024, 7)
    assert source.model_dump(mode="json")["date"] == "2024-07"
    with pytest.raises(ValidationError) as caught:
        Source.model_validate(
            {"id": "s", "title": "T", "publisher": "P", "date": "2024-02-30", "language": "vi", "confidence": "high"}
        )
    (error,) = caught.value.errors(include_url=False)
    assert error["type"] == "date_impossible"
    assert error["loc"] == ("date",)


def test_partial_date_keys() -> None:
    assert PartialDate(2024).sort_key() == (2024, 1, 1)
    assert PartialDate(2024).end_key() == (2024, 12, 31)
    assert PartialDate(2024, 2).end_key() == (2024, 2, 29)
    assert PartialDate(2023, 2).end_key() == (2023, 2, 28)
    assert PartialDate(2024, 7, 4).sort_key() == PartialDate(2024, 7, 4).end_key() == (2024, 7, 4)


def test_partial_date_order_mixes_precisions() -> None:
    dates = [PartialDate(2024, 7), PartialDate(2024), PartialDate(2023, 12, 31), PartialDate(2024, 1, 1)]
    assert [str(d) for d in sorted(dates)] == ["2023-12-31", "2024", "2024-01-01", "2024-07"]
    assert PartialDate(2024) < PartialDate(2024, 1) < PartialDate(2024, 1, 1) < PartialDate(2024, 1, 2)
    assert PartialDate(2024, 12, 31) < PartialDate(2025)
    assert PartialDate(2024, 7) >= PartialDate(2024, 7)
    assert max(dates) == PartialDate(2024, 7)


def test_partial_date_is_a_value() -> None:
    assert PartialDate(2024, 1) == PartialDate.parse("2024-01")
    assert len({PartialDate(2024, 1), PartialDate.parse("2024-01"), PartialDate(2024)}) == 2
    assert PartialDate(2024).__lt__("2024") is NotImplemented


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=datetime.date(1000, 1, 1)), st.sampled_from(["year", "month", "day"]))
def test_partial_date_round_trip(day: object, precision: str) -> None:
    text = str(day)[: {"year": 4, "month": 7, "day": 10}[precision]]
    date = PartialDate.parse(text)
    assert str(date) == text
    assert date.precision == precision
    assert date.sort_key() <= date.end_key()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.dates(min_value=datetime.date(1000, 1, 1)), min_size=2, max_size=6),
    st.lists(st.sampled_from([4, 7, 10]), min_size=6, max_size=6),
)
def test_partial_date_order_is_chronological(days: list[object], cuts: list[int]) -> None:
    dates = [PartialDate.parse(str(d)[:cut]) for d, cut in zip(days, cuts, strict=False)]
    ordered = sorted(dates)
    for earlier, later in itertools.pairwise(ordered):
        assert earlier.sort_key() <= later.sort_key()


# --- source_hash -------------------------------------------------------------------------------

VIETNAMESE = "Đề án phát triển đô thị thông minh bền vững Việt Nam giai đoạn 2018–2025"


def test_source_hash_is_twelve_hex() -> None:
    digest = source_hash(VIETNAMESE)
    assert len(digest) == 12
    assert int(digest, 16) >= 0
    assert digest == source_hash(VIETNAMESE)


def test_source_hash_ignores_normalisation_form() -> None:
    nfd = unicodedata.normalize("NFD", VIETNAMESE)
    assert nfd != VIETNAMESE  # the decomposed form really differs byte for byte
    assert source_hash(nfd) == source_hash(VIETNAMESE)
    assert source_hash(unicodedata.normalize("NFC", nfd)) == source_hash(VIETNAMESE)


@pytest.mark.parametrize(
    "variant",
    [
        "  Đề án phát triển đô thị thông minh bền vững Việt Nam giai đoạn 2018–2025\n",
        "Đề án phát triển  đô thị thông minh\nbền vững Việt Nam giai đoạn 2018–2025",
        "Đề án\tphát triển đô thị thông minh bền vững Việt Nam\r\ngiai đoạn 2018–2025 ",
        "Đề án phát triển đô thị thông minh bền vững Việt Nam\u00a0giai đoạn 2018–2025",
    ],
)
def test_source_hash_ignores_white_space(variant: str) -> None:
    assert source_hash(variant) == source_hash(VIETNAMESE)


@pytest.mark.parametrize(
    "changed",
    [
        "Đề án phát triển đô thị thông minh bền vững Việt Nam giai đoạn 2018–2030",
        "Đề án phát triển đô thị thông minh bền vững Việt Nam giai đoan 2018–2025",  # one tone mark less
        "đề án phát triển đô thị thông minh bền vững Việt Nam giai đoạn 2018–2025",  # case
        "Đề án phát triển đô thị thông minh bền vững ViệtNam giai đoạn 2018–2025",  # a space removed
    ],
)
def test_source_hash_sees_real_changes(changed: str) -> None:
    assert source_hash(changed) != source_hash(VIETNAMESE)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]))
def test_source_hash_stable_under_nfc_nfd(text: str, form: Literal["NFC", "NFD", "NFKC", "NFKD"]) -> None:
    if form in ("NFC", "NFD"):
        assert source_hash(unicodedata.normalize(form, text)) == source_hash(text)
    assert source_hash(f"  {text}\n") == source_hash(text)


# --- LocalizedText.state -----------------------------------------------------------------------


def test_state_current_stale_missing() -> None:
    text = LocalizedText.model_validate(
        {
            "vi": VIETNAMESE,
            "en": "Scheme for sustainable smart-city development in Vietnam, 2018–2025",
            "translated_from": {"en": source_hash(VIETNAMESE)},
        }
    )
    assert text.state("en") == "current"
    assert text.state("ko") == "missing"
    assert text.text("vi") == VIETNAMESE
    assert text.text("ko") is None


def test_state_stale_after_vietnamese_changes() -> None:
    old_hash = source_hash(VIETNAMESE)
    text = LocalizedText.model_validate(
        {"vi": VIETNAMESE.replace("2025", "2030"), "en": "…", "ko": "…", "translated_from": {"en": old_hash}}
    )
    assert text.state("en") == "stale"
    assert text.state("ko") == "stale"  # a translation without a recorded hash cannot be current


def test_state_survives_reformatting_of_vietnamese() -> None:
    text = LocalizedText.model_validate(
        {
            "vi": unicodedata.normalize("NFD", VIETNAMESE.replace(" bền", "\n  bền")),
            "ko": "베트남 지속가능한 스마트시티 발전 계획",
            "translated_from": {"ko": source_hash(VIETNAMESE)},
        }
    )
    assert text.state("ko") == "current"


def test_state_with_surrounding_spaces_in_yaml() -> None:
    # Text fields are stripped on load; the hash is computed the same way either side.
    text = LocalizedText.model_validate(
        {"vi": f"  {VIETNAMESE}  ", "en": " x ", "translated_from": {"en": source_hash(VIETNAMESE)}}
    )
    assert text.vi == VIETNAMESE
    assert text.en == "x"
    assert text.state("en") == "current"


# --- Framework structure: nested indicator groups, maturity levels, indicator codes ---------

FRAMEWORK_YAML = """\
indicator_categories:
  - id: fw
    name: {vi: Khung, en: Framework}
    kind: framework
    threshold: {vi: "Đạt từ 70% tổng điểm", en: "At least 70% of the total"}
    sources: [src-plo]
  - id: fw-level-1
    name: {vi: Cấp độ 1}
    kind: maturity_level
    level: 1
    parent_category: fw
    sources: [src-plo]
  - id: fw-dim
    name: {vi: Kinh tế}
    kind: dimension
    parent_category: fw
    sources: [src-plo]
indicators:
  - id: ind-a
    category: fw-dim
    name: {vi: Chỉ số A, en: Indicator A}
    definition: {vi: Định nghĩa, en: Definition}
    code: "EC: ICT: ICT: 1C"
    tier: core
    sources: [src-plo]
"""


def test_framework_fields_are_optional() -> None:
    """Content written before the framework fields existed stays valid, with empty defaults."""
    category = IndicatorCategory.model_validate({"id": "c", "name": {"vi": "Nhóm"}, "sources": ["s"]})
    assert (category.parent_category, category.kind, category.level, category.threshold) == (None, None, None, None)
    indicator = Indicator.model_validate(
        {"id": "i", "category": "c", "name": {"vi": "Chỉ số"}, "definition": {"vi": "Định nghĩa"}}
    )
    assert (indicator.code, indicator.tier) == (None, None)


def test_framework_fields_are_typed() -> None:
    category = IndicatorCategory.model_validate(
        {"id": "l", "name": {"vi": "Cấp độ"}, "kind": "maturity_level", "level": "2", "parent_category": "fw"}
    )
    assert (category.kind, category.level, category.parent_category) == ("maturity_level", 2, "fw")
    for bad in ({"kind": "tier"}, {"level": 0}, {"parent_category": "Not An Id"}):
        with pytest.raises(ValidationError):
            IndicatorCategory.model_validate({"id": "l", "name": {"vi": "Cấp độ"}, **bad})
    with pytest.raises(ValidationError) as caught:
        Indicator.model_validate(
            {"id": "i", "category": "c", "name": {"vi": "A"}, "definition": {"vi": "B"}, "tier": "basic"}
        )
    assert caught.value.errors()[0]["loc"] == ("tier",)


def test_framework_content_checks_clean(mini_content: Path, run_vkc: Callable[..., CliResult]) -> None:
    (mini_content / "framework.yaml").write_text(FRAMEWORK_YAML, "utf-8")
    assert run_vkc("check", "--strict", "--content", mini_content) == CliResult(
        0, "ok: 9 records checked, 0 warning(s)\n", ""
    )


def test_parent_category_must_name_a_category(mini_content: Path, run_vkc: Callable[..., CliResult]) -> None:
    (mini_content / "framework.yaml").write_text(
        FRAMEWORK_YAML.replace("parent_category: fw\n    sources", "parent_category: moc\n    sources", 1), "utf-8"
    )
    result = run_vkc("check", "--content", mini_content)
    assert result.code == 1
    assert (
        "error[ref.wrong-kind] indicator_categories.1.parent_category: "
        "'moc' is an organization, not an indicator category" in result.err
    )


def test_parent_category_loop_is_an_error(mini_content: Path, run_vkc: Callable[..., CliResult]) -> None:
    looped = FRAMEWORK_YAML.replace("kind: framework\n", "kind: framework\n    parent_category: fw-dim\n", 1)
    (mini_content / "framework.yaml").write_text(looped, "utf-8")
    result = run_vkc("check", "--content", mini_content)
    assert result.code == 1
    lines = result.err.splitlines()
    assert any(
        line.endswith(
            "error[category.cycle] indicator_categories.0.parent_category: 'fw' is its own ancestor: fw -> fw-dim -> fw"
        )
        for line in lines
    ), lines
    assert any(
        line.endswith(
            "error[category.cycle] indicator_categories.2.parent_category: "
            "'fw-dim' is its own ancestor: fw-dim -> fw -> fw-dim"
        )
        for line in lines
    ), lines
    # The level that hangs off the loop is not itself in it: one diagnostic per member only.
    assert sum("category.cycle" in line for line in lines) == 2
