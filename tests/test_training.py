"""Training courses: the model, `vkc check` on bad courses, the documents of course and lesson pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from string import Template

from conftest import FIXTURES, CliResult
from vkc import model as m
from vkc.content import load_content, text_fields
from vkc.diagnostics import display_path

BAD_COURSE = """\
courses:
  - id: c1
    title: {vi: Khóa}
    audience: {vi: Cán bộ}
    duration: 60
    outcomes:
      - {vi: Hiểu.}
    modules:
      - id: m1
        title: {vi: Phần}
        lessons:
          - id: l1
            title: {vi: Bài}
            readings: [chapter-950, moc, nowhere]
            key_points:
              - text: {vi: Điểm.}
                cites: [src-plo]
            questions:
              - id: q1
                kind: single
                prompt: {vi: Hỏi?}
                choices:
                  - {id: a, text: {vi: A}}
                  - {id: b, text: {vi: B}}
                answer: [a, b]
                feedback: {vi: Vì.}
                see: chapter-950
              - id: q2
                kind: multiple
                prompt: {vi: Hỏi?}
                choices:
                  - {id: a, text: {vi: A}}
                  - {id: b, text: {vi: B}}
                answer: [c]
                feedback: {vi: Vì.}
                see: moc
              - id: q1
                kind: single
                prompt: {vi: Hỏi?}
                choices:
                  - {id: a, text: {vi: A}}
                  - {id: b, text: {vi: B}}
                feedback: {vi: Vì.}
                see: chapter-950
              - id: q4
                kind: short
                prompt: {vi: Hỏi?}
                feedback: {vi: Vì.}
                see: chapter-950
"""
"""A course with one of each problem the issue names (and a few more), in one file."""

BAD_COURSE_EXPECTED = """\
$bad:12:13: error[course.no-objective] courses.0.modules.0.lessons.0.objectives: the lesson 'l1' has no objective
  hint: add 'objectives:' with at least one thing the learner will be able to do
$bad:14:37: error[ref.wrong-kind] courses.0.modules.0.lessons.0.readings.1: 'moc' is an organization, \
not a guideline section, a legal document, an indicator or a glossary term
  hint: 'readings' must name a guideline section, a legal document, an indicator or a glossary term
$bad:14:42: error[ref.unknown-id] courses.0.modules.0.lessons.0.readings.2: no guideline section, legal document, \
indicator or glossary term has the id 'nowhere'
  hint: add a guideline section, a legal document, an indicator or a glossary term with this id, \
or correct the reference
$bad:25:17: error[course.single-many] courses.0.modules.0.lessons.0.questions.0.answer: the single-choice \
question 'q1' has 2 answers
  hint: keep one answer, or make it 'kind: multiple'
$bad:34:26: error[course.answer-not-a-choice] courses.0.modules.0.lessons.0.questions.1.answer.0: the answer 'c' \
is not one of the choices of 'q2'
  hint: use one of: a, b
$bad:36:17: error[ref.wrong-kind] courses.0.modules.0.lessons.0.questions.1.see: 'moc' is an organization, \
not a guideline section
  hint: 'see' must name a guideline section
$bad:37:17: error[course.no-answer] courses.0.modules.0.lessons.0.questions.2.answer: the question 'q1' has no answer
  hint: name the right choice(s) by id, e.g. 'answer: [b]'
$bad:37:17: error[ref.duplicate-id] courses.0.modules.0.lessons.0.questions.2.id: the id 'q1' is already used \
in $bad:19
  hint: ids must be unique across all content files; choose another id
$bad:45:17: error[course.no-answer] courses.0.modules.0.lessons.0.questions.3.accepted: the question 'q4' \
has no answer
  hint: list the accepted answers under 'accepted:'
9 error(s), 0 warning(s)
"""


def test_every_problem_of_a_course_at_once(mini_content: Path, run_vkc: Callable[..., CliResult]) -> None:
    (mini_content / "bad.yaml").write_text(BAD_COURSE, encoding="utf-8")
    result = run_vkc("check", "--content", mini_content)
    assert result.err == Template(BAD_COURSE_EXPECTED).substitute(bad=display_path(mini_content / "bad.yaml"))
    assert result.code == 1


def test_duplicate_lesson_and_module_ids(mini_content: Path, run_vkc: Callable[..., CliResult]) -> None:
    lesson = BAD_COURSE.split("          - id: l1\n")[0].replace("id: m1", "id: c1")
    good = (
        "          - id: chapter-950\n            title: {vi: Bài}\n            objectives: [{vi: Hiểu.}]\n"
        "            questions: []\n"
    )
    (mini_content / "bad.yaml").write_text(lesson + good, encoding="utf-8")
    result = run_vkc("check", "--content", mini_content)
    bad = display_path(mini_content / "bad.yaml")
    records = display_path(mini_content / "publication.yaml")
    lines = result.err.splitlines()
    assert f"{bad}:9:9: error[ref.duplicate-id] courses.0.modules.0.id: the id 'c1' is already used in {bad}:2" in lines
    # The guideline is read after the collections, so its chapter is the second use of the id.
    assert (
        f"{records}:20:11: error[ref.duplicate-id] guideline.parts.0.chapters.0.id: "
        f"the id 'chapter-950' is already used in {bad}:12"
    ) in lines
    assert lines[-1] == "2 error(s), 0 warning(s)"


def test_the_course_fixture_loads_with_its_texts_tracked() -> None:
    content, diagnostics = load_content(FIXTURES / "course")
    assert content is not None, diagnostics
    [course] = content.collection("courses", m.Course)
    assert course.duration == 90
    lessons = [lesson.id for module in course.modules for lesson in module.lessons]
    assert lessons == ["lesson-scheme", "lesson-law"]
    question = content.get("q-year", m.Question)
    assert (question.kind, question.answer, question.see) == ("single", ["b"], "chapter-950")
    keys = {f.context for f in text_fields(content) if f.record_id.startswith(("q-", "lesson-", "course-"))}
    # Texts inside lists of plain models (choices, key points, accepted answers) are tracked too.
    assert {
        "course-test:outcomes.0",
        "lesson-scheme:objectives.0",
        "lesson-scheme:key_points.0.text",
        "q-year:choices.1.text",
        "q-year:feedback",
        "q-number:accepted.1",
    } <= keys
