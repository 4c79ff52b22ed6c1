"""Per-field translation status: every LocalizedText of the content, where it is, and its state.

Why: a translator needs to know which single field fell behind the Vietnamese, not that
"the organizations file changed". Each text knows the hash of the Vietnamese it was
translated from (:meth:`vkc.model.LocalizedText.state`); this module finds every text
with its record, key path, file and line, and counts states per language and record kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import model as m
from .content import Content, State, TextField, text_fields

STATES: tuple[State, ...] = ("current", "stale", "missing")


@dataclass
class Counts:
    """How many fields are in each state."""

    current: int = 0
    stale: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        """All fields counted."""
        return self.current + self.stale + self.missing

    @property
    def percent(self) -> float:
        """Share of current fields, one decimal; 100 when there is nothing to translate."""
        return round(100.0 * self.current / self.total, 1) if self.total else 100.0

    def add(self, state: State) -> None:
        """Count one field."""
        setattr(self, state, getattr(self, state) + 1)

    def to_json(self) -> dict[str, object]:
        """``{"current", "stale", "missing", "percent"}``."""
        return {"current": self.current, "stale": self.stale, "missing": self.missing, "percent": self.percent}


@dataclass
class LanguageStatus:
    """The status of one translation language."""

    lang: m.TranslationLang
    """The language."""
    counts: Counts = field(default_factory=Counts)
    """All fields."""
    kinds: dict[str, Counts] = field(default_factory=dict)
    """Per record kind, in first-seen order."""
    items: list[tuple[TextField, State]] = field(default_factory=list)
    """Every stale or missing field, in file order."""
    review: list[TextField] = field(default_factory=list)
    """Every field with a translator's draft awaiting review (never published), in file order."""

    def to_json(self) -> dict[str, object]:
        """The object documented for `vkc status --format json`."""
        return {
            **self.counts.to_json(),
            "items": [
                {"id": f.record_id, "key_path": f.key, "file": f.file, "line": f.line(self.lang), "state": state}
                for f, state in self.items
            ],
            "kinds": {kind: counts.to_json() for kind, counts in self.kinds.items()},
            "review": [
                {"id": f.record_id, "key_path": f.key, "file": f.file, "line": f.line(self.lang)} for f in self.review
            ],
        }


def language_status(fields: list[TextField], lang: m.TranslationLang) -> LanguageStatus:
    """Count the states of ``fields`` in ``lang``."""
    status = LanguageStatus(lang)
    for text_field in fields:
        state = text_field.state(lang)
        status.counts.add(state)
        status.kinds.setdefault(text_field.kind, Counts()).add(state)
        if state != "current":
            status.items.append((text_field, state))
        if lang in text_field.text.draft:
            status.review.append(text_field)
    return status


def translation_status(content: Content) -> dict[m.TranslationLang, LanguageStatus]:
    """The status of every translation language."""
    fields = text_fields(content)
    return {lang: language_status(fields, lang) for lang in m.TRANSLATION_LANGS}
