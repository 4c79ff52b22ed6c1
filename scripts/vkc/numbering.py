"""Numbers of the guideline's parts, chapters and sections, shared by the site and the editions.

Why: a reader who cites "section 2.1.3" in a meeting must find the same heading on the site,
in the PDF and in the DOCX, in every language. The numbers come from the order of the
records alone (never from their ids or their text), so one pure function decides them all.

The rule: parts get Roman numerals (I, II, III …); chapters get the part's position and
their own, in Arabic (the second chapter of part III is 3.2); sections append their
position to their parent's number (3.2.1, 3.2.1.4).
"""

from __future__ import annotations

from .model import Guideline, Section

_ROMAN: tuple[tuple[int, str], ...] = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman(number: int) -> str:
    """``number`` (1 or more) in upper-case Roman numerals: 4 -> IV, 14 -> XIV."""
    if number < 1:
        raise ValueError(f"no Roman numeral for {number}")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def guideline_numbers(guideline: Guideline) -> dict[str, str]:
    """The number of every part, chapter and section of ``guideline``, by record id.

    Parts: ``"I"``, ``"II"``; chapters: ``"1.1"``, ``"2.3"``; sections: ``"1.1.1"``, nested
    sections ``"1.1.1.2"``.
    """
    numbers: dict[str, str] = {}

    def walk(sections: list[Section], prefix: str) -> None:
        for index, section in enumerate(sections, start=1):
            number = f"{prefix}.{index}"
            numbers[section.id] = number
            walk(section.sections, number)

    for part_index, part in enumerate(guideline.parts, start=1):
        numbers[part.id] = roman(part_index)
        walk(list(part.chapters), str(part_index))
    return numbers


def numbered_title(number: str, title: str) -> str:
    """A heading as printed: ``"I. Title"`` for a part (Roman), ``"1.2 Title"`` otherwise."""
    separator = ". " if number.isalpha() else " "
    return f"{number}{separator}{title}"
