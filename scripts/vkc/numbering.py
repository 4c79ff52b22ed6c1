"""Numbers of the guideline's parts, chapters and sections, shared by the site and the editions.

Why: a reader who cites "section 2.1.3" in a meeting must find the same heading on the site,
in the PDF and in the DOCX, in every language. The numbers come from the order of the
records alone (never from their ids or their text), so one pure function decides them all.

The rule: parts are numbered 1, 2, 3 and printed with the word for "part" ("Phần 2",
"Part 2", "제2부"); chapters append their position to their part's number (the second
chapter of part 3 is 3.2); sections append theirs to their parent's (3.2.1, 3.2.1.4).
"""

from __future__ import annotations

from .model import Guideline, Lang, Section

PART_LABEL: dict[Lang, str] = {"vi": "Phần {n}", "en": "Part {n}", "ko": "제{n}부"}
"""How a part's number is printed in each language (the site's wording)."""


def guideline_numbers(guideline: Guideline) -> dict[str, str]:
    """The number of every part, chapter and section of ``guideline``, by record id.

    Parts: ``"1"``, ``"2"``; chapters: ``"1.1"``, ``"2.3"``; sections: ``"1.1.1"``, nested
    sections ``"1.1.1.2"``.
    """
    numbers: dict[str, str] = {}

    def walk(sections: list[Section], prefix: str) -> None:
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
        return f"{PART_LABEL[lang].format(n=number)}. {title}"
    return f"{number} {title}"
