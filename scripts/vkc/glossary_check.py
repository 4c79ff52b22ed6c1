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
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from . import model as m
from .content import Content, TextField, text_fields
from .diagnostics import Diagnostic, Severity
from .yamlload import format_key_path

LANG_NAMES = {"en": "English", "ko": "Korean"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())).casefold()


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

    @property
    def choices(self) -> list[set[str]]:
        """The folded Vietnamese forms of each ``/`` choice, in order."""
        return [{_fold(a) for a in alternatives(choice)} for choice in split_choices(self.vi)]

    def expected(self, lang: m.TranslationLang, forms: set[str]) -> list[str] | None:
        """The ``lang`` renderings a text whose Vietnamese matched ``forms`` must use (None: no rendering)."""
        rendering = self.renderings.get(lang)
        if rendering is None:
            return None
        wanted = split_choices(rendering)
        choices = self.choices
        if len(choices) > 1 and len(wanted) == len(choices):  # "A / B" -> "A' / B'": pairwise
            wanted = [w for w, c in zip(wanted, choices, strict=True) if c & forms]
        return wanted


@dataclass(frozen=True)
class _Term:
    term: _Entry
    pattern: re.Pattern[str]
    length: int
    keys: frozenset[tuple[str, ...]] | None = None
    """The first two words (or the only word) of each rendering; None when one starts with no word character."""
    forms: tuple[str, ...] = ()
    """The folded renderings: a text that contains none of them as a substring cannot match."""


_WORD = re.compile(r"\w+")


class _TermIndex:
    """The terms by the rarest word of each rendering, with all the words each needs.

    Why: scanning every text for every term costs texts x terms regex searches (over
    three minutes for 10,000 synthetic records). A match starts at a word boundary and
    its first two words are whole words of the text, so only terms whose first (and
    second) word occur in the text can match; they are returned in the original
    (longest first) order, and the regular expression decides as before.
    """

    def __init__(self, terms: list[_Term]) -> None:
        self.terms = terms
        self.always: set[int] = set()
        self.by_word: dict[str, list[tuple[int, frozenset[str]]]] = {}
        needs = [
            (index, frozenset(_WORD.findall(form)))
            for index, entry in enumerate(terms)
            if entry.keys is not None
            for form in entry.forms
        ]
        self.always = {index for index, entry in enumerate(terms) if entry.keys is None}
        # Each form is filed under its word that the fewest forms share: a text must contain
        # it, and few other forms wait behind it (organization names share their first words
        # with many texts; 10,000 synthetic records: 14 s -> 4 s).
        counts = Counter(word for _, needed in needs for word in needed)
        for index, needed in needs:
            if needed:
                key = min(sorted(needed), key=counts.__getitem__)
                self.by_word.setdefault(key, []).append((index, needed))

    def candidates(self, folded: str) -> list[_Term]:
        """The terms that may occur in a Vietnamese text (already folded)."""
        words = set(_WORD.findall(folded))
        picked = set(self.always)
        # Set operations run in C: a term whose words are not all in the text cannot occur in it.
        for key in self.by_word.keys() & words:
            picked.update(index for index, needed in self.by_word[key] if needed <= words)
        return [self.terms[index] for index in sorted(picked)]


def _keys(choice: str) -> tuple[str, ...] | None:
    return tuple(_WORD.findall(choice)[:2]) if _WORD.match(choice) else None


def _vi_term(term: _Entry) -> _Term:
    # Why: "word-boundary aware" so that "đô thị" does not match inside a longer word;
    # \w covers Vietnamese letters with their diacritics once the text is NFC.
    choices = sorted((_fold(a) for a in alternatives(term.vi)), key=len, reverse=True)
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(c) for c in choices)})(?!\w)")
    keys = [_keys(c) for c in choices]
    return _Term(
        term,
        pattern,
        len(choices[0]) if choices else 0,
        frozenset(filter(None, keys)) if all(keys) else None,
        tuple(choices),
    )


def _uses(translation: str, rendering: str, lang: m.TranslationLang) -> bool:
    """Whether ``translation`` contains ``rendering``.

    English needs a word start only: plural and possessive endings ("indicators",
    "city's", and "cities" for "city") still count. Korean attaches particles to words
    ("스마트시티는") and spaces compounds freely, so a substring without spaces is enough.
    """
    folded = _fold(translation)
    wanted = _fold(rendering)
    if lang == "ko":  # Korean spacing varies ("평가 기준" / "평가기준")
        if _HANGUL.search(wanted):
            # A Latin abbreviation in parentheses glosses a Korean word, in the glossary
            # ("가상현실(VR) 체험관") as in the text ("가상현실 체험관", "양해각서(MOU)").
            wanted, folded = _LATIN_GLOSS.sub("", wanted), _LATIN_GLOSS.sub("", folded)
        return "".join(wanted.split()) in "".join(folded.split())
    forms = [wanted]
    if re.search(r"[^aeiou]y$", wanted):  # "smart city" -> "smart cities"
        forms.append(wanted[:-1] + "ies")
    return any(_word_start(form).search(folded) for form in forms)


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN_GLOSS = re.compile(r"\s*\([a-z0-9&.\- ]+\)")


@lru_cache(maxsize=4096)
def _word_start(form: str) -> re.Pattern[str]:
    # Why cached here: with hundreds of terms, re's own cache (512 patterns) thrashes.
    return re.compile(rf"(?<!\w){re.escape(form)}")


def _entries(content: Content) -> list[_Entry]:
    entries = [
        _Entry(
            t.id,
            t.term.vi,
            {lang: text for lang in m.TRANSLATION_LANGS if (text := t.term.text(lang)) is not None},
            {lang: tuple(forms) for lang, forms in t.variants.items()},
            is_name=False,
        )
        for t in content.collection("glossary", m.GlossaryTerm)
    ]
    for org in content.collection("organizations", m.Organization):
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


def _terms(content: Content) -> list[_Term]:
    terms = [_vi_term(e) for e in _entries(content)]
    # Longest first: a match inside a longer term's match is that longer term's business.
    return sorted((t for t in terms if t.length), key=lambda t: -t.length)


def _found_terms(vi: str, terms: list[_Term]) -> list[tuple[_Entry, set[str]]]:
    """The terms ``vi`` uses, each with the forms matched (folded)."""
    folded = _fold(vi)
    taken: list[tuple[int, int]] = []
    found: list[tuple[_Entry, set[str]]] = []
    for entry in terms:
        # A substring test runs in C and rules out most candidates before the regular
        # expression (with its word boundaries) runs: 10,000 synthetic records, 45 s -> 3 s.
        if not any(form in folded for form in entry.forms):
            continue
        spans = [(mt.start(), mt.end()) for mt in entry.pattern.finditer(folded)]
        free = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in taken)]
        if free:
            found.append((entry.term, {folded[a:b] for a, b in free}))
        taken.extend(spans)
    return found


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


def check_glossary(content: Content) -> list[Diagnostic]:
    """A warning for each translation that does not use the rendering of a glossary term its Vietnamese uses."""
    terms = _terms(content)
    if not terms:
        return []
    kinds = {t.id: "glossary" for t in content.collection("glossary", m.GlossaryTerm)}
    kinds.update({o.id: "organization" for o in content.collection("organizations", m.Organization)})
    index = _TermIndex(terms)
    diagnostics: list[Diagnostic] = []
    for text_field in text_fields(content):
        if not _checked(text_field, kinds):
            continue
        folded = _fold(text_field.text.vi)
        candidates = index.candidates(folded)
        if not candidates:
            continue
        for term, forms in _found_terms(text_field.text.vi, candidates):
            for lang in m.TRANSLATION_LANGS:
                translation = text_field.text.text(lang)
                expected = term.expected(lang, forms)
                if translation is None or not expected:
                    continue
                # The Vietnamese form kept as it is (an abbreviation such as "KPI", a quoted
                # official title) is consistent too.
                accepted = [*(without_glosses(e) for e in expected), *term.variants.get(lang, ()), *forms]
                if not any(_uses(translation, alt, lang) for alt in accepted):
                    diagnostics.append(_warning(text_field, lang, term, " / ".join(expected)))
    return diagnostics
