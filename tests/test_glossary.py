"""Glossary consistency warnings in `vkc check`, and the TBX and CSV exports."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from string import Template

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO, CliResult
from tbx_structure import structure_errors
from vkc.content import load_content
from vkc.diagnostics import display_path
from vkc.glossary_check import _at_word_start, _Entry, _fold, _Term, _TermIndex, alternatives, check_glossary
from vkc.glossary_export import glossary_tbx, tbx_terms, write_glossary_exports

Run = Callable[..., CliResult]

GLOSSARY = """\
glossary:
  - id: smart-city
    term:
      vi: đô thị thông minh
      en: smart city
      ko: 스마트시티 / 스마트도시
      proposed: [ko]
    definition: {vi: Đô thị ứng dụng công nghệ số., en: A city that applies digital technology.}
    illustrative: true
  - id: ioc
    term:
      vi: Trung tâm giám sát, điều hành đô thị thông minh (IOC)
      en: Intelligent Operations Centre (IOC)
      ko: 도시통합운영센터
    illustrative: true
"""
BODY = '          body: {vi: "Đề án 950 được phê duyệt năm 2018."}\n'


def _with_glossary(content: Path, body: str) -> None:
    (content / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    publication = content / "publication.yaml"
    text = publication.read_text(encoding="utf-8")
    assert BODY in text
    publication.write_text(text.replace(BODY, body), encoding="utf-8")


def test_alternatives_of_slash_and_parenthesis_forms() -> None:
    assert alternatives("스마트시티 / 스마트도시") == ["스마트시티", "스마트도시"]
    assert alternatives("Intelligent Operations Centre (IOC)") == ["Intelligent Operations Centre", "IOC"]
    assert alternatives("전시·실증 공간 (기술전시관 / 테스트베드)") == ["전시·실증 공간", "기술전시관", "테스트베드"]
    assert alternatives("(key performance) indicators") == ["indicators", "key performance"]


def test_check_warns_when_the_translation_ignores_the_glossary(mini_content: Path, run_vkc: Run) -> None:
    _with_glossary(
        mini_content,
        "          body:\n"
        "            vi: Đề án 950 về Đô thị thông minh được phê duyệt năm 2018.\n"
        "            en: Scheme 950 on intelligent cities was approved in 2018.\n"
        "            ko: 스마트도시에 관한 950 계획은 2018년에 승인되었다.\n",
    )

    result = run_vkc("check", "--content", mini_content)

    assert (result.code, result.out) == (0, "ok: 7 records checked, 1 warning(s)\n")
    assert result.err == (
        f"{mini_content}/publication.yaml:24:13: warning[glossary.inconsistent] "
        "guideline.parts.0.chapters.0.body.en: the Vietnamese uses the glossary term 'đô thị thông minh' "
        "but the English translation does not use 'smart city'\n"
        "  hint: use the glossary's rendering or a variant it declares, or change the glossary entry 'smart-city'\n"
    )
    strict = run_vkc("check", "--content", mini_content, "--strict")
    assert (strict.code, strict.out) == (1, "")
    assert strict.err.endswith("0 error(s), 1 warning(s)\n")


def test_alternatives_word_starts_and_longer_terms_are_accepted(mini_content: Path) -> None:
    _with_glossary(
        mini_content,
        "          body:\n"
        "            vi: Các đô thị thông minh và Trung tâm giám sát, điều hành đô thị thông minh (IOC).\n"
        "            en: Smart cities and their IOC.\n"
        "            ko: 스마트시티와 도시통합운영센터.\n"
        "          sections:\n"
        "            - id: not-the-term\n"
        "              title: {vi: Một khu đô thị thông minhx không phải thuật ngữ., en: Not the term.}\n",
    )
    content, diagnostics = load_content(mini_content)
    assert content is not None, diagnostics
    assert check_glossary(content) == []


def test_tbx_is_well_formed_with_three_languages(mini_content: Path, tmp_path: Path) -> None:
    _with_glossary(mini_content, BODY)
    content, diagnostics = load_content(mini_content)
    assert content is not None, diagnostics

    files = write_glossary_exports(content, tmp_path / "downloads")

    assert files == [tmp_path / "downloads" / "glossary.tbx", tmp_path / "downloads" / "glossary.csv"]
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    root = ET.parse(files[0]).getroot()
    assert (root.tag, root.get("type"), root.get("style")) == ("{urn:iso:std:iso:30042:ed-2}tbx", "TBX-Basic", "dca")
    entries = root.findall("t:text/t:body/t:conceptEntry", ns)
    assert [e.get("id") for e in entries] == ["smart-city", "ioc"]
    smart = entries[0]
    assert [s.get(lang) for s in smart.findall("t:langSec", ns)] == ["vi", "en", "ko"]
    ko = smart.findall("t:langSec", ns)[2]

    def term_sec(sec: ET.Element) -> tuple[str | None, list[str | None], list[str | None]]:
        notes = [n.text for n in sec.findall("t:note", ns)]
        return sec.findtext("t:term", namespaces=ns), [n.text for n in sec.findall("t:termNote", ns)], notes

    # One term per termSec: the variant is a term of its own with a usage note.
    assert [term_sec(t) for t in ko] == [
        ("스마트시티", ["preferredTerm-admn-sts"], ["제안 번역이며 확인된 공식 명칭이 아니다."]),
        (
            "스마트도시",
            ["admittedTerm-admn-sts", "variant"],
            ["“스마트시티”의 변형.", "제안 번역이며 확인된 공식 명칭이 아니다."],
        ),
    ]
    en = smart.findall("t:langSec", ns)[1]
    assert en.findtext("t:descrip[@type='definition']", namespaces=ns) == "A city that applies digital technology."
    # A final bracketed acronym is a term of its own; no term keeps the brackets.
    assert [t.findtext("t:term", namespaces=ns) for t in entries[1].iterfind("t:langSec/t:termSec", ns)] == [
        "Trung tâm giám sát, điều hành đô thị thông minh",
        "IOC",
        "Intelligent Operations Centre",
        "IOC",
        "도시통합운영센터",
    ]
    assert structure_errors(files[0].read_bytes()) == []
    assert files[1].read_bytes().decode("utf-8-sig") == (
        "id,vi,en,ko,proposed,definition_vi,definition_en,definition_ko,note_vi,note_en,note_ko\r\n"
        "smart-city,đô thị thông minh,smart city,스마트시티 / 스마트도시,ko,Đô thị ứng dụng công nghệ số.,"
        "A city that applies digital technology.,,,,\r\n"
        'ioc,"Trung tâm giám sát, điều hành đô thị thông minh (IOC)",Intelligent Operations Centre (IOC),'
        "도시통합운영센터,,,,,,,\r\n"
    )
    assert files[1].read_bytes()[:3] == b"\xef\xbb\xbf"


def test_kept_vietnamese_forms_and_korean_spacing_are_accepted(mini_content: Path) -> None:
    _with_glossary(
        mini_content,
        "          body:\n"
        "            vi: Trung tâm IOC và “NGHỊ ĐỊNH VỀ PHÁT TRIỂN ĐÔ THỊ THÔNG MINH”.\n"
        "            en: The IOC and “NGHỊ ĐỊNH VỀ PHÁT TRIỂN ĐÔ THỊ THÔNG MINH”.\n"
        "            ko: 도시통합 운영센터와 스마트 도시.\n",
    )
    content, diagnostics = load_content(mini_content)
    assert content is not None, diagnostics
    assert check_glossary(content) == []


TERMS = """\
glossary:
  - id: sandbox
    term: {vi: thử nghiệm có kiểm soát, en: controlled testing (sandbox), ko: 규제샌드박스 (실증)}
    definition: {vi: Một nội dung về thử nghiệm có kiểm soát., ko: 통제된 실증에 관한 내용.}
    illustrative: true
  - id: ceremonies
    term: {vi: lễ khánh thành / lễ khởi động dự án, en: inauguration / launch, ko: 준공식 / 출범식}
    illustrative: true
  - id: vr
    term: {vi: khu trải nghiệm thực tế ảo, en: VR experience zone, ko: 가상현실(VR) 체험관}
    variants: {en: [virtual-reality experience zone]}
    illustrative: true
"""
"""Terms whose renderings have glosses in parentheses, paired choices and a declared variant."""


def _glossary_warnings(content_dir: Path, run_vkc: Run, vi: str, en: str, ko: str) -> CliResult:
    (content_dir / "glossary.yaml").write_text(TERMS, encoding="utf-8")
    publication = content_dir / "publication.yaml"
    text = publication.read_text(encoding="utf-8")
    body = f"          body:\n            vi: {vi}\n            en: {en}\n            ko: {ko}\n"
    publication.write_text(text.replace(BODY, body), encoding="utf-8")
    return run_vkc("check", "--content", content_dir, "--strict")


SANDBOX_DEFINITION = (
    "$g:4:64: warning[glossary.inconsistent] glossary.0.definition.ko: the Vietnamese uses the glossary term "
    "'thử nghiệm có kiểm soát' but the Korean translation does not use '규제샌드박스 (실증)'\n"
    "  hint: use the glossary's rendering or a variant it declares, or change the glossary entry 'sandbox'"
)
"""The first term's own definition uses only the gloss: reported in every case below."""


@pytest.mark.parametrize(
    ("vi", "en", "ko", "expected"),
    [
        pytest.param(
            "Thử nghiệm có kiểm soát.",
            "Controlled testing.",
            "통제된 실증.",
            [
                "$p:25:13: warning[glossary.inconsistent] guideline.parts.0.chapters.0.body.ko: the Vietnamese uses "
                "the glossary term 'thử nghiệm có kiểm soát' but the Korean translation does not use '규제샌드박스 (실증)'\n"
                "  hint: use the glossary's rendering or a variant it declares, or change the glossary entry 'sandbox'"
            ],
            id="a-gloss-in-parentheses-is-not-a-rendering",
        ),
        pytest.param(
            "Lễ khởi động dự án.",
            "The launch.",
            "준공식.",
            [
                "$p:25:13: warning[glossary.inconsistent] guideline.parts.0.chapters.0.body.ko: the Vietnamese uses "
                "the glossary term 'lễ khánh thành / lễ khởi động dự án' but the Korean translation does not use '출범식'\n"
                "  hint: use the glossary's rendering or a variant it declares, or change the glossary entry 'ceremonies'"
            ],
            id="paired-choices-are-kept-apart",
        ),
        pytest.param(
            "Bộ Xây dựng và khu trải nghiệm thực tế ảo.",
            "The Ministry of Construction and a virtual-reality experience zone.",
            "건설교육원과 스마트 가상현실(VR) 체험관.",
            [
                "$p:25:13: warning[glossary.inconsistent] guideline.parts.0.chapters.0.body.ko: the Vietnamese names "
                "'Bộ Xây dựng' but the Korean translation does not use its name '건설부'\n"
                "  hint: use the name that the organization 'moc' gives, or correct that record"
            ],
            id="organization-names-are-terms-and-variants-count",
        ),
        pytest.param(
            "Bộ Xây dựng, lễ khánh thành và khu trải nghiệm thực tế ảo.",
            "MOC, the inauguration and the VR experience zone.",
            "건설부, 준공식과 가상현실 체험관.",
            [],
            id="abbreviation-pair-and-latin-gloss-accepted",
        ),
    ],
)
def test_translations_follow_the_glossary_both_ways(
    vi: str, en: str, ko: str, expected: list[str], mini_content: Path, run_vkc: Run
) -> None:
    result = _glossary_warnings(mini_content, run_vkc, vi, en, ko)
    shown = {"p": display_path(mini_content / "publication.yaml"), "g": display_path(mini_content / "glossary.yaml")}
    lines = [Template(text).substitute(shown) for text in [SANDBOX_DEFINITION, *expected]]
    assert result == CliResult(1, "", "\n".join([*lines, f"0 error(s), {len(lines)} warning(s)"]) + "\n")


def test_shipped_glossary_is_tbx_basic_with_terms_a_cat_tool_can_match() -> None:
    content, diagnostics = load_content(REPO / "content")
    assert content is not None, diagnostics
    tbx = glossary_tbx(content)
    assert structure_errors(tbx) == []
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    terms = [t.text or "" for t in ET.fromstring(tbx).iterfind(".//t:termSec/t:term", ns)]
    assert len(terms) > 106  # every rendering, variants as terms of their own
    assert [t for t in terms if any(c in t for c in "()/")] == []
    assert "스마트시티 가이드라인" in terms and "KPI" in terms


def test_structure_check_rejects_what_the_standard_does() -> None:
    good = glossary_tbx_fragment("<note>n</note><termSec><term>a</term></termSec>")
    assert structure_errors(good) == []
    late_note = glossary_tbx_fragment("<termSec><term>a</term></termSec><note>n</note>")
    assert structure_errors(late_note) == ["line 1: Did not expect element note there"]
    two_terms = glossary_tbx_fragment("<termSec><term>a</term><term>b</term></termSec>")
    assert structure_errors(two_terms) != []
    bad_status = glossary_tbx_fragment(
        '<termSec><term>a</term><termNote type="administrativeStatus">preferred</termNote></termSec>'
    )
    assert structure_errors(bad_status) != []


def glossary_tbx_fragment(lang_sec: str) -> bytes:
    return (
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2" style="dca" type="TBX-Basic" xml:lang="en">'
        "<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>"
        f'<text><body><conceptEntry id="c1"><langSec xml:lang="en">{lang_sec}</langSec></conceptEntry></body></text></tbx>'
    ).encode()


def test_bracketed_forms_become_matchable_terms_with_usage_notes() -> None:
    terms = tbx_terms("스마트시티 가이드라인 (또는 지침)", "ko", proposed=False)
    assert [(t.text, t.status, t.term_type, t.notes) for t in terms] == [
        ("스마트시티 가이드라인", "preferredTerm-admn-sts", None, ("용어집 표기: 스마트시티 가이드라인 (또는 지침)",))
    ]
    assert [t.text for t in tbx_terms("공적개발원조(ODA) / 무상원조", "ko", proposed=False)] == [
        "공적개발원조",
        "ODA",
        "무상원조",
    ]
    assert [t.text for t in tbx_terms("virtual-reality (VR) experience zone", "en", proposed=False)] == [
        "virtual-reality experience zone"
    ]


def _found_by_expressions(folded: str, terms: list[_Term]) -> list[tuple[str, set[str]]]:
    """The terms a text uses, found as before the automaton: one expression per term, longest terms first."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, set[str]]] = []
    for term in terms:
        pattern = re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(f) for f in term.forms)})(?!\w)")
        spans = [(mt.start(), mt.end()) for mt in pattern.finditer(folded)]
        free = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in taken)]
        if free:
            found.append((term.term.id, {folded[a:b] for a, b in free}))
        taken.extend(spans)
    return found


_LETTERS = "ađô _-.1"
"""Word characters (Vietnamese letters, a digit, '_') and others, few enough that terms often overlap."""


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.text(_LETTERS, min_size=1, max_size=6), min_size=1, max_size=3), min_size=1, max_size=6),
    st.text(_LETTERS, max_size=40),
)
def test_the_automaton_finds_what_the_expressions_found(renderings: list[list[str]], text: str) -> None:
    terms = [
        _Term(
            _Entry(f"t{i}", " / ".join(forms), {}, {}, is_name=False),
            tuple(sorted(dict.fromkeys(forms), key=len, reverse=True)),
        )
        for i, forms in enumerate(renderings)
    ]
    terms.sort(key=lambda t: -t.length)
    found = [(entry.id, forms) for entry, forms in _TermIndex(terms).found(text)]
    assert found == _found_by_expressions(text, terms)
    for forms in renderings:
        assert _at_word_start(text, forms[0]) == bool(re.search(rf"(?<!\w){re.escape(forms[0])}", text))


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from([" ", "  ", "\n", "\t", "\xa0", "\u2003", "\x85", "a", "Đ", "e\u0301", "ß", "İ", "한"]),
        max_size=10,
    )
)
def test_folding_skips_no_white_space_and_no_normalisation(pieces: list[str]) -> None:
    """The fold's shortcuts (a one-line text with single spaces; ASCII) give what splitting,
    joining, NFC and case folding give."""
    text = "".join(pieces)
    assert _fold(text) == unicodedata.normalize("NFC", " ".join(text.split())).casefold()
