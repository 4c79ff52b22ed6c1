"""Numbers of the guideline's parts, chapters and sections, shared by the site and the editions.

Why: a reader who cites "section 2.1.3" in a meeting must find the same heading on the site,
in the PDF and in the DOCX, in every language. The numbers come from the order of the
records alone (never from their ids or their text), so one pure function decides them all.

The rule: parts are numbered 1, 2, 3 and printed with the word for "part" ("Phần 2",
"Part 2", "제2부"); chapters append their position to their part's number (the second
chapter of part 3 is 3.2); sections append theirs to their parent's (3.2.1, 3.2.1.4).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Protocol

from .i18n import t
from .types import Lang


class Numbered(Protocol):
    """A chapter or section: an id and its subsections (:class:`vkc.model.Section`)."""

    @property
    def id(self) -> str: ...
    @property
    def sections(self) -> Sequence[Numbered]: ...


class NumberedPart(Protocol):
    """A part: an id and its chapters (:class:`vkc.model.Part`)."""

    @property
    def id(self) -> str: ...
    @property
    def chapters(self) -> Sequence[Numbered]: ...


class Outline(Protocol):
    """The guideline's parts in order (:class:`vkc.model.Guideline`)."""

    @property
    def parts(self) -> Sequence[NumberedPart]: ...


def guideline_numbers(guideline: Outline) -> Mapping[str, str]:
    """The number of every part, chapter and section of ``guideline``, by record id.

    Parts: ``"1"``, ``"2"``; chapters: ``"1.1"``, ``"2.3"``; sections: ``"1.1.1"``, nested
    sections ``"1.1.1.2"``.

    Those of the outline asked last are kept (the content's guideline is a frozen model): a
    lesson asks for them once per section it names, and each walked the whole guideline.
    """
    if _NUMBERS and _NUMBERS[0][0] is guideline:
        return _NUMBERS[0][1]
    numbers = _numbers(guideline)
    _NUMBERS[:] = [(guideline, MappingProxyType(numbers))]
    return _NUMBERS[0][1]


_NUMBERS: list[tuple[Outline, Mapping[str, str]]] = []


def _numbers(guideline: Outline) -> dict[str, str]:
    numbers: dict[str, str] = {}

    def walk(sections: Sequence[Numbered], prefix: str) -> None:
        for index, section in enumerate(sections, start=1):
            number = f"{prefix}.{index}"
            numbers[section.id] = number
            walk(section.sections, number)

    for part_index, part in enumerate(guideline.parts, start=1):
        numbers[part.id] = str(part_index)
        walk(list(part.chapters), str(part_index))
    return numbers


def numbered_title(number: str, title: str, lang: Lang) -> str:
    """A heading as printed: ``"Phần 1. Title"`` for a part, ``"1.2 Title"`` for the others."""
    if "." not in number:
        return f"{t('part_n', lang, n=number)}. {title}"
    return f"{number} {title}"
