"""Training courses: the model, `vkc check` on bad courses, the documents of course and lesson pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from string import Template

from conftest import FIXTURES, CliResult
from vkc import model as m
from vkc.content import Content, load_content, text_fields
from vkc.diagnostics import display_path
from vkc.document.downloads import file_langs
from vkc.document.nodes import Block, Choice, Heading, Items, PageRef, Para, Question, Quiz, Says, Text, texts
from vkc.document.pages import nav_order, page_documents
from vkc.document.training import handout_edition, handout_files
from vkc.i18n import t
from vkc.model import LANGS
from vkc.reports.pandoc_markdown import edition_markdown, esc
from vkc.site.page_markdown import Writer

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


# -- documents --------------------------------------------------------------------------------


def _course_content() -> Content:
    content, diagnostics = load_content(FIXTURES / "course")
    assert content is not None, diagnostics
    return content


def _quiz(blocks: tuple[Block, ...]) -> Quiz:
    [quiz] = [b for b in blocks if isinstance(b, Quiz)]
    return quiz


def test_course_and_lesson_pages_in_every_language() -> None:
    content = _course_content()
    docs = page_documents(content)
    paths = [p for p in docs if p.startswith("training/")]
    assert paths == [
        "training/index.md",
        "training/course-test/index.md",
        "training/course-test/lesson-scheme.md",
        "training/course-test/lesson-law.md",
    ]
    assert ("training", paths) in nav_order(content)
    for lang in LANGS:
        lesson = docs["training/course-test/lesson-scheme.md"][lang]
        assert lesson.title == {"vi": "Bài 1. Đề án 950", "en": "Lesson 1. Scheme 950", "ko": "1차시. 950 사업"}[lang]
        quiz = _quiz(lesson.blocks)
        assert quiz.id == "lesson-scheme"
        year, kinds = quiz.questions
        assert (year.id, year.kind, year.number, year.answers) == ("q-year", "single", 1, True)
        assert [(c.id, c.letter, c.correct) for c in year.choices] == [("a", "A", False), ("b", "B", True)]
        assert [c.correct for c in kinds.choices] == [True, True, False]
        assert year.see == PageRef("guideline/part-framework.md", year.see.label, "chapter-950")
        assert year.word("correct") == t("q_correct", lang)
        feedback = content.get("q-year", m.Question).feedback.text(lang)
        assert [x.words for x in texts(lesson.blocks) if x.words == feedback] == [feedback]
        short = _quiz(docs["training/course-test/lesson-law.md"][lang].blocks).questions[0]
        assert short.kind == "short" and short.choices == ()
        assert short.accepted == tuple(a.text(lang) for a in content.get("q-number", m.Question).accepted)
        # The course page links every lesson; the section a lesson reads says where it is taught.
        course = docs["training/course-test/index.md"][lang]
        linked = {r.path for r in _runs(course.blocks) if isinstance(r, PageRef)}
        assert {"training/course-test/lesson-scheme.md", "training/course-test/lesson-law.md"} <= linked
        part = docs["guideline/part-framework.md"][lang]
        taught = [b for b in part.blocks if isinstance(b, Para) and b.role == "taught-in"]
        # chapter-950 is read by the first lesson, chapter-law by the second.
        assert [[r.path for r in p.body if isinstance(r, PageRef)] for p in taught] == [
            ["training/course-test/lesson-scheme.md"],
            ["training/course-test/lesson-law.md"],
        ]


def _runs(blocks: tuple[Block, ...]) -> list[object]:
    out: list[object] = []
    for block in blocks:
        if isinstance(block, Items):
            for item, subs in block.items:
                out += [*item, *(run for sub in subs for run in sub)]
        elif isinstance(block, Para | Heading):
            out += list(block.body if isinstance(block, Para) else block.title)
    return out


def test_the_learners_handout_has_no_answer_and_the_trainers_has_them_all() -> None:
    content = _course_content()
    course = content.get("course-test", m.Course)
    for lang in LANGS:
        learner = handout_edition(content, course, "learner", lang).document
        trainer = handout_edition(content, course, "trainer", lang).document
        assert handout_edition(content, course, "learner", lang).stem == f"training/course-test-learner-{lang}"
        learner_questions = [q for b in learner.blocks if isinstance(b, Quiz) for q in b.questions]
        trainer_questions = [q for b in trainer.blocks if isinstance(b, Quiz) for q in b.questions]
        assert (
            [q.id for q in learner_questions] == [q.id for q in trainer_questions] == ["q-year", "q-kinds", "q-number"]
        )
        for q in learner_questions:
            assert (q.answers, q.feedback, q.accepted) == (False, (), ())
            assert {c.correct for c in q.choices} <= {None}
        assert all(q.answers and q.feedback for q in trainer_questions)
        learner_md, trainer_md = (edition_markdown(d)[0] for d in (learner, trainer))
        answer = f"**{esc(t('q_answer', lang))}:**"
        assert answer not in learner_md
        assert trainer_md.count(answer) == 3
        for question in ("q-year", "q-kinds", "q-number"):
            feedback = f"**{esc(t('q_feedback', lang))}:** " + esc(
                content.get(question, m.Question).feedback.text(lang) or ""
            )
            assert feedback in trainer_md and feedback not in learner_md
        assert f"{answer} 950/QĐ\\-TTg / 950" in trainer_md


def test_handouts_are_named_for_the_downloads() -> None:
    content = _course_content()
    names = handout_files(content)
    assert len(names) == 12
    assert "training/course-test-trainer-ko.pdf" in names and "training/course-test-learner-vi.docx" in names
    assert file_langs("training/course-test-trainer-ko.pdf") == ("ko",)


def test_hostile_question_text_stays_text_in_the_page() -> None:
    """Content is untrusted: a prompt, a choice or an accepted answer never becomes markup."""
    evil = "<img src=x onerror=alert(1)> ' \" **bold**"
    say = (Says(Text(evil, "en", "current")),)
    words_ = tuple((k, f"<{k}>") for k in ("kind", "number", "answer", "answer_line", "feedback", "see", "check"))
    question = Question(
        "q-x",
        1,
        "short",
        say,
        (),
        (evil,),
        say,
        PageRef("guideline/part-a.md", say, "sec-a"),
        True,
        (*words_, ("correct", "ok"), ("wrong", "no"), ("empty", "none")),
    )
    choice = Question(
        "q-y", 2, "single", say, (Choice("a", "A", say, True),), (), say, question.see, True, question.words
    )
    quiz = Quiz("lesson-x", (question, choice), tuple((k, f"<{k}>") for k in ("progress", "cleared", "clear")))
    out = Writer("training/c/lesson-x.md", "en", {}).quiz(quiz)
    assert "<img" not in out and "<check>" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "data-accepted='[&quot;&lt;img src=x onerror=alert(1)&gt; &#x27; \\&quot; **bold**&quot;]'" in out
    assert '<a href="../../../guideline/part-a/#sec-a">' in out
