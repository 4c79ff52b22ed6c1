"""A course in a learning platform: a SCORM 1.2 package and the questions as Moodle XML.

Why: training centres deliver courses through a learning-management system, and SCORM 1.2 is
the package format such systems import (Moodle among them); Moodle XML carries the questions
into a Moodle question bank. Both are written from the lesson documents
(:mod:`vkc.document.training`), like the site's lesson pages and the handouts, so that a
lesson says the same everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .. import model as m
from ..content import Content
from ..document.context import Ctx
from ..document.pages import record_pages
from ..document.training import moodle_name, record_label, scorm_name
from ..model import LANGS, Lang, PartialDate
from ..walk import localized_texts
from .moodle import moodle_xml
from .scorm import ASSETS, SCRIPT, STYLE, scorm_package

__all__ = ["moodle_xml", "scorm_package", "write_lms"]


def write_lms(
    content: Content,
    downloads: Path,
    site_url: str,
    *,
    tree: str = "",
    stale_since: Mapping[int, PartialDate] | None = None,
) -> list[Path]:
    """Write every course's SCORM package and Moodle XML per language under ``downloads``.

    ``site_url``: the public site (links to the guideline point there, since the guideline is
    not in the package); ``tree``: where the content's pages sit under each language's root
    (``versions/v1/`` for an earlier version)."""
    written: list[Path] = []
    for course in content.collection("courses", m.Course):
        for lang in LANGS:
            inputs = _inputs(content, course, lang, site_url, tree, stale_since or {})
            kept = _WRITTEN.get((tree, course.id, lang))
            if kept is None or kept[0] != inputs:
                scorm = scorm_package(content, course, lang, site_url, tree, stale_since)
                kept = (inputs, scorm, moodle_xml(content, course, lang, site_url, tree, stale_since))
                _WRITTEN[tree, course.id, lang] = kept
            for name, data in ((scorm_name(course, lang), kept[1]), (moodle_name(course, lang), kept[2])):
                path = downloads / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                written.append(path)
    return written


def _inputs(
    content: Content, course: m.Course, lang: Lang, site_url: str, tree: str, stale_since: Mapping[int, PartialDate]
) -> tuple[Any, ...]:
    """Everything a course's package and questions in ``lang`` are made from, as values to compare.

    What :func:`scorm_package` and :func:`moodle_xml` read: the course itself (its lessons,
    key points and questions; a frozen model, compared by value) with the day each of its stale
    texts names, how a lesson names each record it reads, cites or points to (the words and
    states :func:`record_label` gives, so that an edit of a section's body leaves its readers'
    packages alone and an edit of its title does not), where every link leads (the page of
    every record), the publication's version (the manifest's), the public address, the tree
    and the package's own script and style sheet. The interface words and the code are the
    process's own.
    """
    ctx = Ctx(content, lang, stale_since)
    texts = [found.text for found in localized_texts(course, course.id)]
    named: list[str] = []
    for module in course.modules:
        for lesson in module.lessons:
            named += lesson.readings
            named += [cited for point in lesson.key_points for cited in point.cites]
            named += [question.see for question in lesson.questions]
    labels = [
        (record_id, record_label(ctx, record_id), record_label(ctx, record_id, short=True))
        for record_id in dict.fromkeys(named)
    ]
    return (
        course,
        [(text.vi_changed, stale_since.get(id(text))) for text in texts],
        labels,
        record_pages(content),
        content.publication.version,
        site_url,
        tree,
        lang,
        [(ASSETS / name).read_bytes() for name in (SCRIPT, STYLE)],
    )


_WRITTEN: dict[tuple[str, str, Lang], tuple[tuple[Any, ...], bytes, bytes]] = {}
"""The SCORM package and Moodle XML this process last made for each tree, course and language,
with :func:`_inputs` they were made from. Why: a process that builds again (the live preview)
made every package anew for each edit, a fifth of a rebuild of the shipped content, though an
edit seldom touches a course or what its lessons name."""
