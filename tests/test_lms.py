"""The course in a learning platform, read back as a platform would: the SCORM 1.2 package's
manifest and lesson pages, and the Moodle XML questions, parsed with lxml.

Moodle's element and attribute names are those of its documentation ("Moodle XML format",
https://docs.moodle.org/405/en/Moodle_XML_format); the SCORM ones those of the ADL SCORM 1.2
content-packaging binding. The expected words come from the content and vkc.i18n.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from lxml import html as lxml_html

from conftest import FIXTURES, REPO
from vkc import lms
from vkc import model as m
from vkc.content import Content, load_content
from vkc.document.training import lessons, lms_files
from vkc.i18n import t
from vkc.lms import moodle_xml, scorm_package, write_lms
from vkc.lms.moodle import share
from vkc.model import LANGS, Lang

SITE = "https://vkc-smartcity.example.org/"
NS = {
    "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
PREFIX: dict[Lang, str] = {"vi": "", "en": "en/", "ko": "ko/"}


def _load(folder: Path) -> Content:
    content, diagnostics = load_content(folder)
    assert content is not None, diagnostics
    return content


@pytest.fixture(scope="module")
def fixture() -> Content:
    return _load(FIXTURES / "course")


@pytest.fixture(scope="module")
def shipped() -> Content:
    return _load(REPO / "content")


def _course(content: Content) -> m.Course:
    (course,) = content.collection("courses", m.Course)
    return course


def _xml(data: bytes) -> etree._Element:
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n")  # the declaration is the first line
    return etree.fromstring(data)


def _one(parent: etree._Element, path: str) -> etree._Element:
    found = parent.xpath(path, namespaces=NS)
    assert isinstance(found, list) and len(found) == 1, (path, found)
    element = found[0]
    assert isinstance(element, etree._Element)
    return element


def _all(parent: etree._Element, path: str) -> list[etree._Element]:
    found = parent.xpath(path, namespaces=NS)
    assert isinstance(found, list)
    return [e for e in found if isinstance(e, etree._Element)]


def _text(element: etree._Element, path: str) -> str:
    return _one(element, path).text or ""


def _words(fragment: str) -> str:
    """The words of an HTML fragment."""
    return " ".join(lxml_html.fragment_fromstring(fragment, create_parent="div").text_content().split())


# -- SCORM ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_manifest_lists_one_sco_per_lesson_and_every_file_is_in_the_package(fixture: Content, lang: Lang) -> None:
    course = _course(fixture)
    archive = zipfile.ZipFile(io.BytesIO(scorm_package(fixture, course, lang, SITE)))
    names = archive.namelist()
    assert names == sorted(names)
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    root = _xml(archive.read("imsmanifest.xml"))

    assert root.tag == f"{{{NS['cp']}}}manifest"
    assert root.nsmap == {None: NS["cp"], "adlcp": NS["adlcp"], "xsi": NS["xsi"]}
    locations = root.get(f"{{{NS['xsi']}}}schemaLocation", "").split()
    assert dict(zip(locations[::2], locations[1::2], strict=True))[NS["adlcp"]] == "adlcp_rootv1p2.xsd"
    assert dict(zip(locations[::2], locations[1::2], strict=True))[NS["cp"]] == "imscp_rootv1p1p2.xsd"
    assert _text(root, "cp:metadata/cp:schema") == "ADL SCORM"
    assert _text(root, "cp:metadata/cp:schemaversion") == "1.2"
    organization = _one(root, "cp:organizations/cp:organization")
    assert _one(root, "cp:organizations").get("default") == organization.get("identifier")
    assert _text(organization, "cp:title") == course.title.text(lang)

    places = lessons(course)
    items = _all(organization, ".//cp:item[@identifierref]")
    assert [_text(item, "cp:title") for item in items] == [
        f"{t('lesson_n', lang, n=str(p.number))}: {p.lesson.title.text(lang)}" for p in places
    ]
    modules = _all(organization, "cp:item")
    assert [_text(item, "cp:title") for item in modules] == [
        f"{t('module_n', lang, n=str(n))}: {module.title.text(lang)}" for n, module in enumerate(course.modules, 1)
    ]
    scos = _all(root, "cp:resources/cp:resource[@adlcp:scormtype='sco']")
    assert [item.get("identifierref") for item in items] == [sco.get("identifier") for sco in scos]
    for place, sco in zip(places, scos, strict=True):
        assert sco.get("type") == "webcontent"
        assert sco.get("href") == f"{place.lesson.id}.html"
    assets = _one(root, "cp:resources/cp:resource[@adlcp:scormtype='asset']")
    files = [f.get("href") for f in _all(root, "cp:resources/cp:resource/cp:file")]
    assert set(files) | {"imsmanifest.xml"} == set(names)
    assert {d.get("identifierref") for d in _all(root, ".//cp:dependency")} == {assets.get("identifier")}


def test_the_package_and_the_questions_are_the_same_bytes_each_time(fixture: Content) -> None:
    course = _course(fixture)
    assert scorm_package(fixture, course, "ko", SITE) == scorm_package(fixture, course, "ko", SITE)
    assert moodle_xml(fixture, course, "ko", SITE) == moodle_xml(fixture, course, "ko", SITE)


@pytest.mark.parametrize("lang", LANGS)
def test_a_lesson_page_holds_the_lesson_loads_only_its_own_files_and_links_to_the_public_site(
    fixture: Content, lang: Lang
) -> None:
    course = _course(fixture)
    archive = zipfile.ZipFile(io.BytesIO(scorm_package(fixture, course, lang, SITE)))
    page = archive.read("lesson-scheme.html").decode("utf-8")
    tree = lxml_html.document_fromstring(page)
    assert tree.get("lang") == lang
    lesson = fixture.get("lesson-scheme", m.Lesson)
    assert tree.findtext(".//title") == f"{t('lesson_n', lang, n='1')}: {lesson.title.text(lang)}"
    assert [s.get("src") for s in tree.iter("script")] == ["vkc-scorm.js"]
    assert [link.get("href") for link in tree.iter("link")] == ["vkc-lesson.css"]
    csp = tree.xpath("string(//meta[@http-equiv='Content-Security-Policy']/@content)")
    assert "default-src 'none'" in str(csp) and "connect-src 'none'" in str(csp)
    assert not tree.xpath("//*[@src and not(self::script)] | //iframe | //img | //form")
    # The questions as the site gives them, with their answers for the script to check.
    year = _one(tree, "//div[@id='q-year']")
    assert year.get("data-kind") == "single" and year.get("data-answer") == "b"
    question = fixture.get("q-year", m.Question)
    assert str(question.prompt.text(lang)) in str(
        etree.tostring(_one(year, ".//legend"), method="text", encoding="unicode")
    )
    quiz = _one(tree, "//div[@data-vkc-quiz='lesson-scheme']")
    assert quiz.get("data-correct") == t("q_correct", lang)
    assert quiz.get("data-progress") == t("quiz_progress", lang)
    assert _one(tree, "//p[@class='vkc-lms-none']").text == t("lms_none", lang)
    assert not tree.find_class("vkc-quiz__clear")
    # Every link leads to the public site in the page's language, in a new window.
    see = _one(year, ".//p[@class='vkc-question__see']/a")
    assert see.get("href") == f"{SITE}{PREFIX[lang]}guideline/part-framework/#chapter-950"
    links = list(tree.iter("a"))
    assert links and all(a.get("href", "").startswith(SITE + PREFIX[lang]) for a in links)
    assert {(a.get("target"), a.get("rel")) for a in links} == {("_blank", "noopener")}


def test_an_earlier_versions_package_links_to_that_versions_pages(fixture: Content, tmp_path: Path) -> None:
    write_lms(fixture, tmp_path, SITE, tree="versions/v1/")
    with zipfile.ZipFile(tmp_path / "training" / "course-test-en-scorm.zip") as archive:
        page = lxml_html.document_fromstring(archive.read("lesson-law.html"))
    see = _one(page, "//div[@id='q-number']//p[@class='vkc-question__see']/a")
    assert see.get("href") == f"{SITE}en/versions/v1/guideline/part-framework/#chapter-law"
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.*")) == sorted(lms_files(fixture))


# -- Moodle XML -----------------------------------------------------------------------------


def _questions(root: etree._Element, kind: str) -> list[etree._Element]:
    return _all(root, f"question[@type='{kind}']")


@pytest.mark.parametrize("lang", LANGS)
def test_moodle_xml_gives_each_question_type_the_elements_moodle_documents(fixture: Content, lang: Lang) -> None:
    course = _course(fixture)
    root = _xml(moodle_xml(fixture, course, lang, SITE))
    assert root.tag == "quiz"
    title = course.title.text(lang)
    assert [_text(c, "category/text") for c in _questions(root, "category")] == [
        f"$course$/{title}",
        f"$course$/{title}/{t('lesson_n', lang, n='1')}: {fixture.get('lesson-scheme', m.Lesson).title.text(lang)}",
        f"$course$/{title}/{t('lesson_n', lang, n='2')}: {fixture.get('lesson-law', m.Lesson).title.text(lang)}",
    ]
    assert [q.get("type") for q in root] == [
        "category", "category", "multichoice", "multichoice", "category", "shortanswer",
    ]  # fmt: skip

    numbers = {
        q.id: (place.number, n) for place in lessons(course) for n, q in enumerate(place.lesson.questions, start=1)
    }
    for element in _all(root, "question[@type!='category']"):
        question = fixture.get(_text(element, "idnumber"), m.Question)
        assert _one(element, "questiontext").get("format") == "html"
        assert _words(_text(element, "questiontext/text")) == question.prompt.text(lang)
        lesson_number, number = numbers[question.id]
        name = f"{t('lesson_n', lang, n=str(lesson_number))} · {t('question_n', lang, n=str(number))}"
        assert _text(element, "name/text") == name
        general = _one(element, "generalfeedback")
        assert general.get("format") == "html"
        feedback = lxml_html.fragment_fromstring(_text(general, "text"), create_parent="div")
        assert str(question.feedback.text(lang)) in feedback.text_content()
        (link,) = feedback.iter("a")
        chapter = fixture.get(question.see, m.Chapter)
        assert link.get("href") == f"{SITE}{PREFIX[lang]}guideline/part-framework/#{question.see}"
        assert (chapter.title.text(lang) or chapter.title.vi) in link.text_content()
        assert _text(element, "defaultgrade") == "1"
        assert all(a.get("fraction") is not None and a.find("text") is not None for a in element.iter("answer"))
        assert all(a.find("feedback") is not None for a in element.iter("answer"))

    single, multiple = _questions(root, "multichoice")
    assert (_text(single, "single"), _text(multiple, "single")) == ("true", "false")
    for element in (single, multiple):
        assert _text(element, "shuffleanswers") == "0"
        assert _text(element, "answernumbering") == "ABCD"
        assert _text(element, "correctfeedback/text") == t("q_correct", lang)
        assert _text(element, "incorrectfeedback/text") == t("q_wrong", lang)
    year = fixture.get("q-year", m.Question)
    assert [(_words(_text(a, "text")), a.get("fraction")) for a in single.iter("answer")] == [
        (choice.text.text(lang), "100" if choice.id in year.answer else "0") for choice in year.choices
    ]
    # Two right of three: 50 each, and the wrong one -100, so that ticking every box scores 0.
    assert [a.get("fraction") for a in multiple.iter("answer")] == ["50", "50", "-100"]
    (short,) = _questions(root, "shortanswer")
    assert _text(short, "usecase") == "0"
    short_question = fixture.get("q-number", m.Question)
    assert [(_text(a, "text"), a.get("fraction")) for a in short.iter("answer")] == [
        (accepted.text(lang), "100") for accepted in short_question.accepted
    ]


EXPECTED_EN: dict[str, list[tuple[str, str]]] = {
    "q-950-signatory": [
        ("The Minister of Construction", "0"),
        ("The Prime Minister", "100"),
        ("The Chair of the National Assembly", "0"),
    ],
    "q-950-chains": [("By 2020", "0"), ("By 2025", "0"), ("Orientation to 2030", "100")],
    "q-950-cores": [
        ("Hanoi", "25"),
        ("Ho Chi Minh City", "25"),
        ("Huế", "-100"),
        ("Đà Nẵng", "25"),
        ("Cần Thơ", "25"),
    ],
    "q-269-proposal": [
        ("The Minister of Construction", "100"),
        ("The Minister of Transport", "0"),
        ("The Chair of the National Assembly", "0"),
    ],
    "q-269-scope": [
        ("Development of digital infrastructure and technical infrastructure for smart cities", "33.33333"),
        ("Development of innovation infrastructure and controlled testing", "33.33333"),
        ("Building permits for individual houses", "-100"),
        ("Smart city governance and operation", "33.33333"),
    ],
    "q-269-date": [("14 October 2025", "100"), ("14/10/2025", "100"), ("October 14, 2025", "100")],
    "q-mic-indicator-set": [
        ("Guidance No. 58", "0"),
        ("Official Letter No. 3098/BTTTT-KHCN", "100"),
        ("Decision No. 950/QĐ-TTg", "0"),
    ],
    "q-mic-mandate": [
        ("Drafting the Decree on the development of smart cities", "0"),
        ("Preparing and issuing criteria for evaluating and recognising smart cities", "100"),
        ("Establishing Huế as a centrally governed city", "0"),
    ],
    "q-2025-mic": [
        ("The Ministry of Construction", "0"),
        ("The Ministry of Science and Technology", "100"),
        ("The Ministry of Transport", "0"),
    ],
    "q-2025-hue": [
        ("From 1 January 2025 Thừa Thiên Huế province became a centrally governed city.", "50"),
        (
            "“TP Huế” in the 2023–2024 sources on the VKC project means the former city within Thừa Thiên Huế province.",
            "50",
        ),
        ("Huế became a centrally governed city under Decision No. 950/QĐ-TTg.", "-100"),
    ],
    "q-2025-resolution": [
        ("175/2024/QH15", "100"),
        ("Resolution No. 175/2024/QH15", "100"),
        ("Resolution 175/2024/QH15", "100"),
    ],
}
"""The shipped course's questions in English as Moodle must import them: each answer and its grade."""


def test_the_shipped_courses_questions_in_english(shipped: Content) -> None:
    root = _xml(moodle_xml(shipped, _course(shipped), "en", SITE))
    found = {
        _text(q, "idnumber"): [
            (_words(_text(a, "text")) if q.get("type") == "multichoice" else _text(a, "text"), a.get("fraction") or "")
            for a in q.iter("answer")
        ]
        for q in _all(root, "question[@type!='category']")
    }
    assert found == EXPECTED_EN
    kinds = {_text(q, "idnumber"): (q.get("type"), q.findtext("single")) for q in root if q.get("type") != "category"}
    assert kinds["q-950-cores"] == ("multichoice", "false")
    assert kinds["q-950-signatory"] == ("multichoice", "true")
    assert kinds["q-269-date"] == ("shortanswer", None)
    # Category paths: a slash inside a lesson's name is doubled (Moodle's escape).
    categories = [_text(c, "category/text") for c in _questions(root, "category")]
    assert any("269//2025//NĐ-CP" in path for path in categories), categories


def test_the_grades_of_several_right_answers_are_grades_moodle_accepts() -> None:
    assert [share(n) for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20)] == [
        "100", "50", "33.33333", "25", "20", "16.66667", "14.28571", "12.5", "11.11111", "10", "5",
    ]  # fmt: skip
    assert share(11) == "5"  # no grade of 100/11: the largest below it


def test_a_star_in_a_short_answer_is_the_character_itself(fixture: Content, tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    for path in (FIXTURES / "course").iterdir():
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_text(re.sub(r"en: 950/QĐ-TTg,", "en: 950*,", text), encoding="utf-8")
    content = _load(folder)
    root = _xml(moodle_xml(content, _course(content), "en", SITE))
    (short,) = _questions(root, "shortanswer")
    assert [_text(a, "text") for a in short.iter("answer")] == ["950\\*", "950"]


def test_a_package_is_made_again_exactly_when_what_it_is_made_from_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURES / "course", folder)
    made: list[str] = []
    real = lms.scorm_package

    def counted(content: Content, course: m.Course, lang: Lang, *args: Any) -> bytes:
        made.append(lang)
        return real(content, course, lang, *args)

    monkeypatch.setattr(lms, "scorm_package", counted)

    def write(name: str) -> dict[str, bytes]:
        out = tmp_path / name
        write_lms(_load(folder), out, SITE)
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    def clean(name: str) -> dict[str, bytes]:  # what a process that kept nothing writes
        monkeypatch.setattr(lms, "_WRITTEN", {})
        return write(name)

    def edit(rel: str, old: str, new: str) -> None:
        path = folder / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    first = clean("first")
    made.clear()
    # The body of a chapter that a lesson reads: the lesson names it by number and title only.
    edit("publication.yaml", '"Đề án 950 được phê duyệt năm 2018."', '"Đề án 950 được phê duyệt năm 2018 (sửa)."')
    assert write("body") == first and made == []
    # Its title: every package names it.
    edit("publication.yaml", "{vi: Đề án 950, en: Scheme 950,", "{vi: Đề án 950 mới, en: Scheme 950,")
    titled = write("title")
    assert made == list(LANGS) and titled != first and titled == clean("title-clean")
    made.clear()
    # A question of the course.
    edit("training.yaml", "Đề án 950 được phê duyệt năm nào?", "Đề án 950 được ký năm nào?")
    asked = write("question")
    assert made == list(LANGS) and asked != titled and asked == clean("question-clean")
