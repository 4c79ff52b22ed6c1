"""Checks of the training courses that the schema cannot express.

Why after the schema: a question's answer must name one of its own choices, a single-choice
question must have exactly one right choice, and a lesson must say what it teaches. These
rules span fields, so they run on validated records, each reported at its own line, all in
one run (a broken question does not hide the next one).
"""

from __future__ import annotations

from collections.abc import Iterator

from . import model as m
from .diagnostics import Diagnostic
from .walk import nested_records
from .yamlload import Origin


def check_courses(roots: list[tuple[m.Record, Origin]]) -> list[Diagnostic]:
    """Every problem of the courses' lessons and questions.

    Why from the top-level records and not by id: a question whose id repeats another's is
    reported as a duplicate, and its own problems must be reported in the same run too.
    """
    found: list[Diagnostic] = []
    for course, origin in roots:
        if not isinstance(course, m.Course):
            continue
        for sub, record in nested_records(course):
            here = Origin(origin.file, (*origin.path, *sub))
            if isinstance(record, m.Lesson):
                found.extend(_lesson(record, here))
            elif isinstance(record, m.Question):
                found.extend(_question(record, here))
    return found


def _lesson(lesson: m.Lesson, origin: Origin) -> Iterator[Diagnostic]:
    if not lesson.objectives:
        yield origin.file.diagnostic(
            (*origin.path, "objectives"),
            "course.no-objective",
            f"the lesson '{lesson.id}' has no objective",
            "add 'objectives:' with at least one thing the learner will be able to do",
        )


def _question(question: m.Question, origin: Origin) -> Iterator[Diagnostic]:
    at = origin.file.diagnostic
    base = origin.path
    choice_ids = [c.id for c in question.choices]
    seen: set[str] = set()
    for index, choice_id in enumerate(choice_ids):
        if choice_id in seen:
            yield at(
                (*base, "choices", index, "id"),
                "course.duplicate-choice",
                f"the question '{question.id}' has two choices with the id '{choice_id}'",
                "give each choice of a question its own id",
            )
        seen.add(choice_id)
    if question.kind == "short":
        if question.choices or question.answer:
            yield at(
                (*base, "choices" if question.choices else "answer"),
                "course.short-choices",
                f"the short-answer question '{question.id}' has choices",
                "remove 'choices' and 'answer', or make it a single or multiple choice question",
            )
        if not question.accepted:
            yield at(
                (*base, "accepted"),
                "course.no-answer",
                f"the question '{question.id}' has no answer",
                "list the accepted answers under 'accepted:'",
            )
        return
    if question.accepted:
        yield at(
            (*base, "accepted"),
            "course.accepted-choices",
            f"the {question.kind}-choice question '{question.id}' lists accepted short answers",
            "name the right choices in 'answer', or make it a short question",
        )
    if len(question.choices) < 2:
        yield at(
            (*base, "choices"),
            "course.few-choices",
            f"the question '{question.id}' has {len(question.choices)} choice(s); a choice question needs at least two",
            "add choices, or make it a short question",
        )
    if not question.answer:
        yield at(
            (*base, "answer"),
            "course.no-answer",
            f"the question '{question.id}' has no answer",
            "name the right choice(s) by id, e.g. 'answer: [b]'",
        )
    for index, answer in enumerate(question.answer):
        if answer not in choice_ids:
            yield at(
                (*base, "answer", index),
                "course.answer-not-a-choice",
                f"the answer '{answer}' is not one of the choices of '{question.id}'",
                f"use one of: {', '.join(choice_ids)}" if choice_ids else "add the choices first",
            )
    if question.kind == "single" and len(question.answer) > 1:
        yield at(
            (*base, "answer"),
            "course.single-many",
            f"the single-choice question '{question.id}' has {len(question.answer)} answers",
            "keep one answer, or make it 'kind: multiple'",
        )
