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

from .. import model as m
from ..content import Content
from ..document.training import moodle_name, scorm_name
from ..model import LANGS, PartialDate
from .moodle import moodle_xml
from .scorm import scorm_package

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
            for name, data in (
                (scorm_name(course, lang), scorm_package(content, course, lang, site_url, tree, stale_since)),
                (moodle_name(course, lang), moodle_xml(content, course, lang, site_url, tree, stale_since)),
            ):
                path = downloads / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                written.append(path)
    return written
