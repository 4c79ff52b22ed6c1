"""Glossary consistency: a translation of a text that uses a glossary term uses the glossary's rendering.

Why: the same Vietnamese term rendered three ways across a publication confuses readers
and breaks search. When a Vietnamese text contains a term's Vietnamese rendering, its
English and Korean translations must contain the glossary's rendering or a variant the
entry declares (`variants`). The rule holds in both directions: the texts follow the
glossary, and the glossary follows itself (a term's definition uses the renderings too,
its own included). Organization names are terms of the same kind: a text naming
"Bộ Xây dựng" says 건설부 in Korean. A part in parentheses only explains a rendering
(``규제샌드박스 (실증)`` asks for 규제샌드박스), so a translation that uses just the
explanation no longer passes. These are warnings: a translator may have good reasons;
`vkc check --strict` makes them errors.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property

import ahocorasick

from . import model as m
from .content import Content, TextField, text_fields
from .diagnostics import Diagnostic, Severity
from .yamlload import format_key_path

LANG_NAMES = {"en": "English", "ko": "Korean"}


def _fold(text: str) -> str:
    """``text`` with its white space as single spaces, in NFC, case-folded.

    Why the tests first: `vkc check` folds every text and translation it checks (50,000 on
    the synthetic corpus), and most are already one line with single spaces, which splitting
    and joining copies for nothing (two thirds of the fold). A printable text holds no white
    space but the plain space (tabs, line breaks and the other spaces are not printable)."""
    if not (text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "):
        text = " ".join(text.split())
    if not text.isascii():  # ASCII is its own NFC
        text = unicodedata.normalize("NFC", text)
    return text.casefold()


def split_choices(rendering: str) -> list[str]:
    """``A / B (C / D)`` -> ``["A", "B (C / D)"]``: the slashes outside parentheses separate choices."""
    choices, depth, current = [], 0, ""
    for char in rendering:
        depth += (char == "(") - (char == ")")
        if char == "/" and depth == 0:
            choices.append(current)
            current = ""
        else:
            current += char
    choices.append(current)
    return [c.strip() for c in choices if c.strip()]


def alternatives(rendering: str) -> list[str]:
    """The accepted renderings in a glossary entry: ``A / B`` and ``A (B)`` both give A and B."""
    found: list[str] = []
    for choice in split_choices(rendering):
        base = " ".join(re.sub(r"\([^()]*\)", " ", choice).split())
        if base:
            found.append(base)
        for inner in re.findall(r"\(([^()]*)\)", choice):
            found.extend(alternatives(re.sub(r"^(?:or|hoặc|또는)\s+", "", inner.strip())))
    return list(dict.fromkeys(found))


@cache  # one entry per rendering of the glossary
def without_glosses(choice: str) -> str:
    """``규제샌드박스 (실증)`` -> ``규제샌드박스``; a choice that is all gloss keeps its inside."""
    base = " ".join(re.sub(r"\([^()]*\)", " ", choice).split())
    return base or " ".join(choice.replace("(", " ").replace(")", " ").split())


@dataclass(frozen=True)
class _Entry:
    """A glossary term or an organization's name: what a text must render, and how."""

    id: str
    vi: str
    """The Vietnamese as written in the entry."""
    renderings: dict[m.TranslationLang, str]
    """The translations as written (``A / B``, glosses in parentheses)."""
    variants: dict[m.TranslationLang, tuple[str, ...]]
    """Other accepted renderings, declared by the entry."""
    is_name: bool
    """True for an organization's name (a differently worded message and hint)."""

    @cached_property
    def choices(self) -> list[set[str]]:
        """The folded Vietnamese forms of each ``/`` choice, in order."""
        return [{_fold(a) for a in alternatives(choice)} for choice in split_choices(self.vi)]

    @cached_property
    def _wanted(self) -> dict[m.TranslationLang, list[str]]:
        return {lang: split_choices(rendering) for lang, rendering in self.renderings.items()}

    def expected(self, lang: m.TranslationLang, forms: set[str]) -> list[str] | None:
        """The ``lang`` renderings a text whose Vietnamese matched ``forms`` must use (None: no rendering)."""
        wanted = self._wanted.get(lang)
        if wanted is None:
            return None
        choices = self.choices
        if len(choices) > 1 and len(wanted) == len(choices):  # "A / B" -> "A' / B'": pairwise
            wanted = [w for w, c in zip(wanted, choices, strict=True) if c & forms]
        return wanted


@dataclass(frozen=True)
class _Term:
    term: _Entry
    forms: tuple[str, ...]
    """The folded Vietnamese renderings, longest first: the order they are tried in at a position."""

    @property
    def length(self) -> int:
        """Length of the longest rendering (0 for a term without one)."""
        return len(self.forms[0]) if self.forms else 0


def _vi_term(term: _Entry) -> _Term:
    return _Term(term, tuple(sorted((_fold(a) for a in alternatives(term.vi)), key=len, reverse=True)))


def _is_word(char: str) -> bool:
    # The regular expressions' \w: a letter or digit in any script, or "_"; Vietnamese
    # letters with their diacritics count once the text is NFC, so "đô thị" does not match
    # inside a longer word.
    return char.isalnum() or char == "_"


class _TermIndex:
    r"""Every folded rendering of every term in one Aho-Corasick automaton (pyahocorasick).

    Why: scanning every text for every term costs texts x terms searches. With 2,500
    glossary terms and 500 organization names over 10,000 synthetic records, filing the
    terms by their rarest word and a substring test before each term's regular expression
    still took about 8 s; compiling the 3,000 expressions alone took 0.3 s. The automaton
    finds every rendering that occurs in a text, overlapping ones included, in one pass in
    C. A term then matches where the expression ``(?<!\w)(?:A|B|...)(?!\w)`` (renderings
    longest first) would: from left to right, at the first position where a rendering
    occurs between word boundaries, the longest such rendering, then on after its end.
    """

    def __init__(self, terms: list[_Term]) -> None:
        self.terms = terms
        owners: dict[str, list[tuple[int, int]]] = {}
        for index, term in enumerate(terms):
            for rank, form in enumerate(term.forms):
                owners.setdefault(form, []).append((index, rank))
        self.automaton = ahocorasick.Automaton()
        for form, found in owners.items():
            self.automaton.add_word(form, (len(form), tuple(found)))
        self.empty = not owners
        if not self.empty:
            self.automaton.make_automaton()

    def found(self, folded: str) -> list[tuple[_Entry, set[str]]]:
        """The terms a folded Vietnamese text uses, each with the forms matched (folded)."""
        if self.empty:
            return []
        hits: dict[int, list[tuple[int, int, int]]] = {}
        last = len(folded) - 1
        for end, (length, owners) in self.automaton.iter(folded):
            start = end - length + 1
            if (start > 0 and _is_word(folded[start - 1])) or (end < last and _is_word(folded[end + 1])):
                continue
            for index, rank in owners:
                hits.setdefault(index, []).append((start, rank, end + 1))
        taken: list[tuple[int, int]] = []
        found: list[tuple[_Entry, set[str]]] = []
        # Longest terms first: a match inside a longer term's match is that longer term's business.
        for index in sorted(hits):
            spans: list[tuple[int, int]] = []
            after = 0
            for start, _, stop in sorted(hits[index]):  # by position, then the longer rendering
                if start >= after:
                    spans.append((start, stop))
                    after = stop
            free = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in taken)]
            if free:
                found.append((self.terms[index].term, {folded[a:b] for a, b in free}))
            taken.extend(spans)
        return found


class _Translation:
    """A translation folded once for all the renderings it is tested against."""

    def __init__(self, text: str) -> None:
        self.folded = _fold(text)
        self._compact: dict[bool, str] = {}

    def compact(self, without_latin_glosses: bool) -> str:
        """The folded text without spaces (and without Latin glosses in parentheses)."""
        found = self._compact.get(without_latin_glosses)
        if found is None:
            folded = _LATIN_GLOSS.sub("", self.folded) if without_latin_glosses else self.folded
            found = self._compact[without_latin_glosses] = "".join(folded.split())
        return found

    def uses(self, rendering: str, lang: m.TranslationLang) -> bool:
        """Whether the translation contains ``rendering``.

        English needs a word start only: plural and possessive endings ("indicators",
        "city's", and "cities" for "city") still count. Korean attaches particles to words
        ("스마트시티는") and spaces compounds freely, so a substring without spaces is enough.
        """
        if lang == "ko":  # Korean spacing varies ("평가 기준" / "평가기준")
            wanted, glossed = _korean_form(rendering)
            return wanted in self.compact(glossed)
        return any(_at_word_start(self.folded, form) for form in _english_forms(rendering))


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN_GLOSS = re.compile(r"\s*\([a-z0-9&.\- ]+\)")
_NON_VOWEL_Y = re.compile(r"[^aeiou]y$")

# Why cached: each rendering is tested against thousands of texts; the cache holds one
# entry per rendering, variant and Vietnamese form of the glossary, so it stays bounded.


@cache
def _korean_form(rendering: str) -> tuple[str, bool]:
    """The folded rendering without spaces, and whether Latin glosses are left out on both sides."""
    wanted = _fold(rendering)
    glossed = bool(_HANGUL.search(wanted))
    if glossed:
        # A Latin abbreviation in parentheses glosses a Korean word, in the glossary
        # ("가상현실(VR) 체험관") as in the text ("가상현실 체험관", "양해각서(MOU)").
        wanted = _LATIN_GLOSS.sub("", wanted)
    return "".join(wanted.split()), glossed


@cache
def _english_forms(rendering: str) -> tuple[str, ...]:
    """The folded rendering ("smart city" also as "smart cities")."""
    wanted = _fold(rendering)
    if _NON_VOWEL_Y.search(wanted):
        return (wanted, wanted[:-1] + "ies")
    return (wanted,)


def _at_word_start(text: str, form: str) -> bool:
    r"""Whether ``form`` occurs in ``text`` where no word character precedes it, as ``(?<!\w)form`` would.

    Why not that expression: one per rendering is 3,000 expressions for the synthetic
    corpus, and compiling them cost more than all the searches.
    """
    start = text.find(form)
    while start > 0 and _is_word(text[start - 1]):
        start = text.find(form, start + 1)
    return start >= 0


def _entries(glossary: list[m.GlossaryTerm], organizations: list[m.Organization]) -> list[_Entry]:
    entries = [
        _Entry(
            t.id,
            t.term.vi,
            {lang: text for lang in m.TRANSLATION_LANGS if (text := t.term.text(lang)) is not None},
            {lang: tuple(forms) for lang, forms in t.variants.items()},
            is_name=False,
        )
        for t in glossary
    ]
    for org in organizations:
        renderings = {lang: text for lang in m.TRANSLATION_LANGS if (text := org.name.text(lang)) is not None}
        # A name is one name: "/" and parentheses in it are not choices or glosses.
        safe = {lang: text.replace("/", "∕") for lang, text in renderings.items()}
        # The abbreviation ("MOC") names the body in any language.
        variants = {
            lang: (*org.variants.get(lang, ()), *((org.abbreviation,) if org.abbreviation else ()))
            for lang in m.TRANSLATION_LANGS
        }
        entries.append(_Entry(org.id, org.name.vi.replace("/", "∕"), safe, variants, is_name=True))
    return entries


def _terms(entries: list[_Entry]) -> list[_Term]:
    terms = [_vi_term(e) for e in entries]
    # Longest first (ties in content order): see _TermIndex.found.
    return sorted((t for t in terms if t.length), key=lambda t: -t.length)


def _warning(text_field: TextField, lang: m.TranslationLang, term: _Entry, expected: str) -> Diagnostic:
    line, column = text_field.loaded.position((*text_field.file_path, lang))
    if term.is_name:
        message = f"the Vietnamese names '{term.vi}' but the {LANG_NAMES[lang]} translation does not use its name '{expected}'"
        hint = f"use the name that the organization '{term.id}' gives, or correct that record"
    else:
        message = (
            f"the Vietnamese uses the glossary term '{term.vi}' but the {LANG_NAMES[lang]} "
            f"translation does not use '{expected}'"
        )
        hint = f"use the glossary's rendering or a variant it declares, or change the glossary entry '{term.id}'"
    return Diagnostic(
        file=text_field.file,
        line=line,
        column=column,
        code="glossary.inconsistent",
        message=message,
        key_path=format_key_path((*text_field.file_path, lang)),
        hint=hint,
        severity=Severity.WARNING,
    )


def _checked(text_field: TextField, kinds: dict[str, str]) -> bool:
    """Whether a field must follow the glossary: not the fields that define renderings.

    A glossary entry's `term` gives the renderings and its `note` discusses other ones, so
    only its `definition` is checked; an organization's `name` is the rendering itself.
    """
    kind = kinds.get(text_field.record_id)
    if kind == "glossary":
        return text_field.key_path[:1] == ("definition",)
    if kind == "organization":
        return text_field.key_path[:1] != ("name",)
    return True


class GlossaryCheck:
    """The glossary consistency check, one text at a time (a :class:`vkc.content.TextCheck`).

    Why one text at a time: `vkc check` hands each text over as soon as its file is loaded
    and keeps no texts (:func:`vkc.content.check_content`); only the glossary terms and the
    organizations' names must be known first.
    """

    needs: tuple[str, ...] = ("glossary", "organizations")
    """The collections whose records give the renderings."""

    def __init__(self) -> None:
        self._index: _TermIndex | None = None
        self._kinds: dict[str, str] = {}

    def prepare(self, records: dict[str, list[m.Record]]) -> None:
        """Index the renderings of every glossary term and organization name (top-level records)."""
        glossary = [t for t in records.get("glossary", []) if isinstance(t, m.GlossaryTerm)]
        organizations = [o for o in records.get("organizations", []) if isinstance(o, m.Organization)]
        terms = _terms(_entries(glossary, organizations))
        self._index = _TermIndex(terms) if terms else None
        self._kinds = {t.id: "glossary" for t in glossary}
        self._kinds.update({o.id: "organization" for o in organizations})

    @property
    def empty(self) -> bool:
        """True when no term has a Vietnamese rendering: no text can then contradict the glossary."""
        return self._index is None

    def check(self, text_field: TextField) -> list[Diagnostic]:
        """A warning for each translation of this text that does not use the rendering of a glossary term its Vietnamese uses."""
        index = self._index
        text_value = text_field.text
        if index is None or (text_value.en is None and text_value.ko is None) or not _checked(text_field, self._kinds):
            return []  # an untranslated text cannot contradict the glossary
        diagnostics: list[Diagnostic] = []
        translations: dict[m.TranslationLang, _Translation] = {}
        for term, forms in index.found(_fold(text_value.vi)):
            for lang in m.TRANSLATION_LANGS:
                text = text_value.text(lang)
                expected = term.expected(lang, forms)
                if text is None or not expected:
                    continue
                translation = translations.get(lang)
                if translation is None:
                    translation = translations[lang] = _Translation(text)
                # The Vietnamese form kept as it is (an abbreviation such as "KPI", a quoted
                # official title) is consistent too.
                accepted = [*(without_glosses(e) for e in expected), *term.variants.get(lang, ()), *forms]
                if not any(translation.uses(alt, lang) for alt in accepted):
                    diagnostics.append(_warning(text_field, lang, term, " / ".join(expected)))
        return diagnostics


def check_glossary(content: Content) -> list[Diagnostic]:
    """A warning for each translation that does not use the rendering of a glossary term its Vietnamese uses."""
    check = GlossaryCheck()
    check.prepare(content.records)
    if check.empty:
        return []
    return [found for text_field in text_fields(content) for found in check.check(text_field)]
