"""Training courses as documents: the training index, a page per course and per lesson, the
self-check questions, and the trainer's and learner's handouts.

Why one module for the site and the handouts: a lesson's objectives, readings, key points and
questions must read the same on the page and on paper, with the same states of translation;
the handouts differ only in whether the answers are given (the trainer's) or not (the
learner's). The learning-platform exports read the same :class:`~.nodes.Quiz`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .. import model as m
from ..content import Content
from ..model import LANGS, Lang, PartialDate
from ..numbering import guideline_numbers
from ..walk import nested_records
from .context import Ctx
from .downloads import files_block
from .editions import EditionDocument, cover_edition
from .figures import plain
from .nodes import (
    Block,
    Choice,
    Document,
    Fields,
    Heading,
    Inline,
    Items,
    PageRef,
    Para,
    Question,
    Quiz,
    Ref,
    Small,
    Strong,
    Words,
    join,
    words,
)

HandoutRole = Literal["trainer", "learner"]
HANDOUT_ROLES: tuple[HandoutRole, ...] = ("trainer", "learner")
HANDOUT_FORMATS: tuple[str, ...] = ("pdf", "docx")
TRAINING_INDEX = "training/index.md"
"""The training page: every course."""


def course_page(course: m.Course) -> str:
    """Path of a course's page."""
    return f"training/{course.id}/index.md"


def lesson_page(course: m.Course, lesson: m.Lesson) -> str:
    """Path of a lesson's page (beside its course's page)."""
    return f"training/{course.id}/{lesson.id}.md"


def handout_stem(course: m.Course, role: HandoutRole, lang: Lang) -> str:
    """``training/COURSE-trainer-en``: a handout's name under ``downloads/`` without extension."""
    return f"training/{course.id}-{role}-{lang}"


def handout_files(content: Content) -> list[str]:
    """Every handout file under ``downloads/``, known before any is rendered."""
    return [
        f"{handout_stem(course, role, lang)}.{fmt}"
        for course in content.collection("courses", m.Course)
        for lang in LANGS
        for role in HANDOUT_ROLES
        for fmt in HANDOUT_FORMATS
    ]


def scorm_name(course: m.Course, lang: Lang) -> str:
    """``training/COURSE-en-scorm.zip``: a course's SCORM 1.2 package under ``downloads/``."""
    return f"training/{course.id}-{lang}-scorm.zip"


def moodle_name(course: m.Course, lang: Lang) -> str:
    """``training/COURSE-en.moodle.xml``: a course's questions as Moodle XML under ``downloads/``."""
    return f"training/{course.id}-{lang}.moodle.xml"


def lms_files(content: Content) -> list[str]:
    """The learning-platform files of every course (:mod:`vkc.lms`), known before any is written."""
    return [
        name
        for course in content.collection("courses", m.Course)
        for lang in LANGS
        for name in (scorm_name(course, lang), moodle_name(course, lang))
    ]


@dataclass(frozen=True)
class LessonPlace:
    """Where a lesson sits: its course, its module, its number in the course (from 1)."""

    course: m.Course
    module: m.Module
    lesson: m.Lesson
    number: int
    module_number: int


def lessons(course: m.Course) -> list[LessonPlace]:
    """The lessons of a course in teaching order, numbered through the course."""
    out: list[LessonPlace] = []
    for module_number, module in enumerate(course.modules, start=1):
        for lesson in module.lessons:
            out.append(LessonPlace(course, module, lesson, len(out) + 1, module_number))
    return out


def readers_of(content: Content) -> dict[str, list[LessonPlace]]:
    """For each record id, the lessons that read it (in course order)."""
    out: dict[str, list[LessonPlace]] = {}
    for course in content.collection("courses", m.Course):
        for place in lessons(course):
            for record_id in dict.fromkeys(place.lesson.readings):
                out.setdefault(record_id, []).append(place)
    return out


def taught_in(ctx: Ctx, record_id: str, readers: dict[str, list[LessonPlace]]) -> list[Block]:
    """ "Taught in: lesson X" under a section that lessons read (nothing when none does)."""
    places = readers.get(record_id, [])
    if not places:
        return []
    links: list[Inline] = [(PageRef(lesson_page(p.course, p.lesson), _lesson_label(ctx, p)),) for p in places]
    return [Para(ctx.fill("taught_in", lessons=join(links, "; ")), "taught-in")]


def duration(ctx: Ctx, minutes: int) -> Inline:
    """``90`` -> "1 h 30 min" in the reader's language."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return words(ctx.word("minutes_n", n=str(rest)))
    if not rest:
        return words(ctx.word("hours_n", h=str(hours)))
    return words(ctx.word("hours_minutes_n", h=str(hours), n=str(rest)))


def _lesson_label(ctx: Ctx, place: LessonPlace) -> Inline:
    return (Words(ctx.word("lesson_n", n=str(place.number)) + ": "), *ctx.plain(place.lesson.title))


def record_label(ctx: Ctx, record_id: str, *, short: bool = False) -> Inline:
    """How a lesson names a record it reads or cites: a section by number and title, a legal
    document by number (and title unless ``short``), an indicator or term by name, a source by title."""
    record = ctx.content.get(record_id, m.Record)
    if isinstance(record, m.Section):
        number = guideline_numbers(ctx.content.guideline)[record.id]
        return (Words(f"{number} "), *ctx.plain(record.title))
    if isinstance(record, m.LegalDocument):
        return words(record.number) if short else (Words(f"{record.number} — "), *ctx.plain(record.title))
    if isinstance(record, m.Indicator):
        return ctx.plain(record.name)
    if isinstance(record, m.GlossaryTerm):
        return ctx.plain(record.term)
    if isinstance(record, m.Standard):
        return words(record.code)
    if isinstance(record, m.Source):
        return words(record.title)
    return words(record_id)


def _prepared(ctx: Ctx) -> Block:
    return Para((Small(words(ctx.word("course_prepared")), "prepared"),), "prepared")


# -- questions ------------------------------------------------------------------------------


def question_node(ctx: Ctx, question: m.Question, number: int, *, answers: bool) -> Question:
    """A question in the reader's language; ``answers`` False leaves out the answers and feedback."""
    ctx.source_file(question.id)
    right = set(question.answer)
    choices = tuple(
        Choice(choice.id, chr(ord("A") + index), ctx.plain(choice.text), (choice.id in right) if answers else None)
        for index, choice in enumerate(question.choices)
    )
    accepted = tuple(plain(ctx.resolve(text).words) for text in question.accepted) if answers else ()
    see = PageRef(_page_of(ctx, question.see), record_label(ctx, question.see), question.see)
    keys = (
        "answer",
        "answer_line",
        "feedback",
        "see",
        "check",
        "correct",
        "wrong",
        "empty",
    )
    labels = (
        ("kind", ctx.word(f"q_{question.kind}")),
        ("number", ctx.word("question_n", n=str(number))),
        *((key, ctx.word(f"q_{key}")) for key in keys),
    )
    return Question(
        question.id,
        number,
        question.kind,
        ctx.text(question.prompt),
        choices,
        accepted,
        ctx.text(question.feedback) if answers else (),
        see,
        answers,
        labels,
    )


def quiz(ctx: Ctx, lesson: m.Lesson, *, answers: bool) -> Quiz:
    """The self-check of a lesson."""
    questions = tuple(question_node(ctx, q, n, answers=answers) for n, q in enumerate(lesson.questions, start=1))
    labels = (
        ("title", ctx.word("self_check")),
        ("clear", ctx.word("quiz_clear")),
        ("cleared", ctx.word("quiz_cleared")),
        ("progress", ctx.word("quiz_progress")),
        ("local", ctx.word("quiz_local")),
    )
    return Quiz(lesson.id, questions, labels)


def _page_of(ctx: Ctx, record_id: str) -> str:
    """The page of a guideline section (the pages module maps every record; sections are enough here)."""
    for part in ctx.content.guideline.parts:
        for _, nested in nested_records(part):
            if nested.id == record_id:
                return f"guideline/{part.id}.md"
    raise KeyError(record_id)


# -- pages ----------------------------------------------------------------------------------

Generator = Callable[[Ctx], tuple[str, list[Block]]]


def training_generators(content: Content, downloads: Sequence[str] = ()) -> list[tuple[str, Generator]]:
    """The training pages in navigation order: the index, then each course and its lessons.

    ``downloads``: the files the build publishes under ``downloads/``; a course page lists
    its handouts among them (none when the build skips the editions)."""
    courses = content.collection("courses", m.Course)
    if not courses:
        return []
    out: list[tuple[str, Generator]] = [(TRAINING_INDEX, _index)]
    for course in courses:
        out.append((course_page(course), _course_page(course, tuple(downloads))))
        places = lessons(course)
        for index, place in enumerate(places):
            before = places[index - 1] if index else None
            after = places[index + 1] if index + 1 < len(places) else None
            out.append((lesson_page(course, place.lesson), _lesson_page(place, before, after)))
    return out


def _index(ctx: Ctx) -> tuple[str, list[Block]]:
    out: list[Block] = [Heading(1, words(ctx.word("training")), "vkc-top"), Para(words(ctx.word("training_intro")))]
    for course in ctx.content.collection("courses", m.Course):
        ctx.source_file(course.id)
        out.append(Heading(2, (PageRef(course_page(course), ctx.plain(course.title)),), course.id))
        out += ctx.body(course.summary)
        out += _facts(ctx, course)
    return ctx.word("training"), out


def _facts(ctx: Ctx, course: m.Course) -> list[Block]:
    return [
        Fields(
            (
                (ctx.word("audience"), ctx.text(course.audience)),
                (ctx.word("duration"), duration(ctx, course.duration)),
            )
        )
    ]


def _course_page(course: m.Course, downloads: tuple[str, ...]) -> Generator:
    def generate(ctx: Ctx) -> tuple[str, list[Block]]:
        return ctx.resolve(course.title).words, course_blocks(ctx, course, site=True, downloads=downloads)

    return generate


def course_blocks(
    ctx: Ctx, course: m.Course, *, site: bool, level: int = 1, downloads: tuple[str, ...] = ()
) -> list[Block]:
    """The course's overview: title, facts, outcomes, the modules with their lessons."""
    ctx.source_file(course.id)
    out: list[Block] = [Heading(level, ctx.plain(course.title), "vkc-top" if site else course.id)]
    out += ctx.body(course.summary)
    out += _facts(ctx, course)
    out.append(_prepared(ctx))
    out.append(Heading(level + 1, words(ctx.word("outcomes")), f"{course.id}-outcomes"))
    out.append(Para(words(ctx.word("outcomes_lead"))))
    out.append(Items(tuple((ctx.text(o), ()) for o in course.outcomes)))
    places = lessons(course)
    for module_number, module in enumerate(course.modules, start=1):
        title = (Words(ctx.word("module_n", n=str(module_number)) + ": "), *ctx.plain(module.title))
        out.append(Heading(level + 1, title, module.id, ctx.heading_notes(module.title)))
        entries = []
        for place in (p for p in places if p.module is module):
            label = _lesson_label(ctx, place)
            link: Inline = (PageRef(lesson_page(course, place.lesson), label),) if site else label
            if place.lesson.duration:
                link += (Words(" ("), *duration(ctx, place.lesson.duration), Words(")"))
            entries.append((link, ()))
        out.append(Items(tuple(entries)))
    if site:
        for role in HANDOUT_ROLES:
            names = tuple(
                name
                for fmt in HANDOUT_FORMATS
                if (name := f"{handout_stem(course, role, ctx.lang)}.{fmt}") in downloads
            )
            if names:
                out.append(Heading(level + 1, words(ctx.word(f"handout_{role}")), f"{course.id}-{role}"))
                out.append(Para(words(ctx.word(f"handout_{role}_note"))))
                out.append(files_block(ctx, "", names, "downloads"))
        platform = tuple(
            name for name in (scorm_name(course, ctx.lang), moodle_name(course, ctx.lang)) if name in downloads
        )
        if platform:
            out.append(Heading(level + 1, words(ctx.word("lms_files")), f"{course.id}-lms"))
            out.append(Para(words(ctx.word("lms_note"))))
            out.append(files_block(ctx, "", platform, "downloads"))
        out.append(files_block(ctx, ctx.word("open_data"), ("data/courses.json", "data/courses.csv"), "open-data"))
    return out


def _lesson_page(place: LessonPlace, before: LessonPlace | None, after: LessonPlace | None) -> Generator:
    def generate(ctx: Ctx) -> tuple[str, list[Block]]:
        out = lesson_blocks(ctx, place, answers=True, site=True)
        links: list[Inline] = []
        if before is not None:
            links.append(
                (
                    Words(ctx.word("previous_lesson") + ": "),
                    PageRef(lesson_page(place.course, before.lesson), _lesson_label(ctx, before)),
                )
            )
        if after is not None:
            links.append(
                (
                    Words(ctx.word("next_lesson") + ": "),
                    PageRef(lesson_page(place.course, after.lesson), _lesson_label(ctx, after)),
                )
            )
        links.append((PageRef(course_page(place.course), words(ctx.word("back_to_course"))),))
        out.append(Items(tuple((link, ()) for link in links)))
        return ctx.word("lesson_n", n=str(place.number)) + ". " + ctx.resolve(place.lesson.title).words, out

    return generate


def lesson_blocks(ctx: Ctx, place: LessonPlace, *, answers: bool, site: bool, level: int = 1) -> list[Block]:
    """A lesson: where it sits, objectives, readings, key points and the self-check."""
    lesson, course = place.lesson, place.course
    ctx.source_file(lesson.id)
    anchor = "vkc-top" if site else lesson.id
    out: list[Block] = [
        Heading(level, _lesson_label(ctx, place), anchor, ctx.heading_notes(lesson.title)),
    ]
    module = (Words(ctx.word("module_n", n=str(place.module_number)) + ": "), *ctx.plain(place.module.title))
    course_link: Inline = (PageRef(course_page(course), ctx.plain(course.title)),) if site else ctx.plain(course.title)
    facts: list[tuple[str, Inline]] = [(ctx.word("course_label"), (*course_link, Words(" · "), *module))]
    if lesson.duration:
        facts.append((ctx.word("duration"), duration(ctx, lesson.duration)))
    out.append(Fields(tuple(facts)))
    if site:
        out.append(_prepared(ctx))
    out.append(Heading(level + 1, words(ctx.word("objectives")), f"{lesson.id}-objectives"))
    out.append(Para(words(ctx.word("objectives_lead"))))
    out.append(Items(tuple((ctx.text(o), ()) for o in lesson.objectives)))
    if lesson.readings:
        out.append(Heading(level + 1, words(ctx.word("readings")), f"{lesson.id}-readings"))
        out.append(Items(tuple(((Ref(r, record_label(ctx, r)),), ()) for r in lesson.readings)))
    if lesson.key_points:
        out.append(Heading(level + 1, words(ctx.word("key_points")), f"{lesson.id}-key-points"))
        entries = []
        for point in lesson.key_points:
            cited = join([(Ref(c, record_label(ctx, c, short=True)),) for c in point.cites], "; ")
            entries.append(
                (
                    (
                        *ctx.text(point.text),
                        Words(" "),
                        Small((Words(f"({ctx.word('based_on')}: "), *cited, Words(")")), "cite"),
                    ),
                    (),
                )
            )
        out.append(Items(tuple(entries)))
    if lesson.questions:
        out.append(Heading(level + 1, words(ctx.word("self_check")), f"{lesson.id}-self-check"))
        if site:
            out.append(Para((Small(words(ctx.word("quiz_local"))),), "quiz-local"))
        out.append(quiz(ctx, lesson, answers=answers))
    return out


# -- handouts -------------------------------------------------------------------------------


def handout_edition(
    content: Content,
    course: m.Course,
    role: HandoutRole,
    lang: Lang,
    stale_since: Mapping[int, PartialDate] | None = None,
) -> EditionDocument:
    """A course's handout under the publication's cover: the overview, then every lesson with
    its self-check; the answers and the explanations only in the trainer's."""
    ctx = Ctx(content, lang, stale_since or {})
    out = course_blocks(ctx, course, site=False)
    out.append(Para((Strong(words(ctx.word(f"handout_{role}_note"))),)))
    for place in lessons(course):
        out += lesson_blocks(ctx, place, answers=role == "trainer", site=False, level=2)
    label = ctx.word(f"handout_{role}")
    title = f"{ctx.resolve(course.title).words} — {label}"
    return cover_edition(ctx, "handout", Document(lang, title, tuple(out)), label, handout_stem(course, role, lang))


def handout_editions(content: Content, stale_since: Mapping[int, PartialDate] | None = None) -> list[EditionDocument]:
    """Every handout: per course, language and role."""
    return [
        handout_edition(content, course, role, lang, stale_since)
        for course in content.collection("courses", m.Course)
        for lang in LANGS
        for role in HANDOUT_ROLES
    ]


def all_questions(course: m.Course) -> Iterator[tuple[m.Lesson, m.Question]]:
    """Every question of a course with its lesson, in teaching order."""
    for place in lessons(course):
        for question in place.lesson.questions:
            yield place.lesson, question
