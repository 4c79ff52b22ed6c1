"""The publication's basic values, below every layer: its languages, partial dates, text hashes.

Why apart from the model: the interface words (:mod:`vkc.i18n`) and the numbering format
dates and name languages, and they sit below the content model in the layers; these values
depend on nothing of ours.
"""

from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, total_ordering
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

Lang = Literal["vi", "en", "ko"]
"""The publication's languages; Vietnamese is the source and the authoritative text."""
TranslationLang = Literal["en", "ko"]
LANGS: tuple[Lang, ...] = ("vi", "en", "ko")
TRANSLATION_LANGS: tuple[TranslationLang, ...] = ("en", "ko")


@lru_cache(maxsize=65536)
def source_hash(vietnamese: str) -> str:
    """Fingerprint of a Vietnamese text: what a translation records it was made from.

    Why: content hashes survive git checkouts (mtimes do not) and ignore changes that are
    not changes (Unicode normalisation form, surrounding white space). Kept per text: a build
    asks for the state of every translation many times.
    """
    canonical = unicodedata.normalize("NFC", " ".join(vietnamese.split()))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day (``2024``, ``2024-09``, ``2024-01-23``).

    Dates order chronologically; within its year (month) a less precise date sorts first,
    so ``2024 < 2024-01 < 2024-01-01``. (Field-wise ordering would compare None with a
    number and crash on mixed precisions.)
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        """How much of the date is known."""
        return "day" if self.day else "month" if self.month else "year"

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.year, self.month or 0, self.day or 0) < (other.year, other.month or 0, other.day or 0)

    def sort_key(self) -> tuple[int, int, int]:
        """Earliest possible day, for ordering mixed precisions."""
        return (self.year, self.month or 1, self.day or 1)

    def end_key(self) -> tuple[int, int, int]:
        """Latest possible day, so that ``2024`` is not "before" ``2024-07``."""
        month = self.month or 12
        return (self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; an impossible day is an error."""
        if isinstance(value, PartialDate):
            return value
        text = str(value).strip() if value is not None else ""
        match = _DATE.fullmatch(text)
        if match is None:
            raise PydanticCustomError(
                "date_format", "'{value}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY", {"value": text}
            )
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise PydanticCustomError(
                "date_impossible",
                "'{value}' is not a real date: there is no month {month}",
                {"value": text, "month": month},
            )
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise PydanticCustomError(
                    "date_impossible",
                    "'{value}' is not a real date: {month_name} {year} has {last} days",
                    {"value": text, "month_name": calendar.month_name[month], "year": year, "last": last},
                )
        return cls(year, month, day)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(cls.parse, serialization=core_schema.to_string_ser_schema())

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # Why two types: the loader reads every scalar as text, but an editor's YAML 1.2
        # parser reads a plain `date: 2024` as a number, so a year is also an integer. The
        # string pattern accepts exactly the real dates `parse` accepts (months 01-12, the
        # days of each month, 29 February in leap years only), surrounding spaces included
        # because `parse` strips them.
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": DATE_PATTERN},
            ],
            "description": "YYYY-MM-DD, YYYY-MM or YYYY",
        }


_DATE = re.compile(r"([1-9][0-9]{3})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
"""Years 1000-9999, ASCII digits (\\d would also take other scripts' digits, which no
JSON Schema pattern does)."""
_YEAR = "[1-9][0-9]{3}"
_LEAP = "(?:[1-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)"
_MONTH_DAY = "(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
DATE_PATTERN = rf"^\s*(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{_YEAR}-{_MONTH_DAY}|{_LEAP}-02-29)\s*$"
"""The JSON Schema pattern of a real YYYY, YYYY-MM or YYYY-MM-DD date (see `PartialDate`)."""
