"""Glossary terms in running text: which terms a body uses, where, and what the tooltip says.

Why the glossary check's renderings: a text in Vietnamese uses a term when it contains one of
the term's Vietnamese rendering (:func:`vkc.glossary_check.split_choices`), a translation when it
contains the glossary's rendering; those forms (without the explanations in parentheses)
are the ones linked, so a consistent translation gets the same links as its source.
Why one pattern per language: a body is scanned once, whatever the size of the glossary.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .. import model as m
from ..content import Content
from ..glossary_check import split_choices, without_glosses
from ..model import LANGS, Lang
from .nodes import Block, Body, Heading, TermUse, Text


@dataclass(frozen=True)
class Finder:
    """Every form of every glossary term of one language, as one pattern."""

    pattern: re.Pattern[str] | None
    groups: tuple[str, ...]
    """The term id of each group of ``pattern``, in order."""


def _forms(term: m.GlossaryTerm, lang: Lang) -> list[str]:
    rendering = term.term.text(lang)
    if rendering is None:
        return []
    # The renderings themselves only: a part in parentheses explains a rendering and a variant
    # may be a common word ("project"), either would link words that are not the term.
    forms = [without_glosses(choice) for choice in split_choices(rendering)]
    return [f for f in forms if len(f) > 1]


def _regex(form: str, lang: Lang) -> str:
    # Spaces in a form match any run of white space (a body may break a line inside a term).
    body = r"\s+".join(re.escape(part) for part in form.split())
    if lang == "ko":
        # Korean attaches particles and spaces compounds freely: the form anywhere, spaces optional.
        return r"\s*".join(re.escape(char) for char in form.replace(" ", ""))
    if lang == "en":
        # A word start is enough: plurals and possessives ("cities", "city's") still count.
        if re.search(r"[^aeiou]y$", form, re.I):
            body = f"(?:{body}|{body[:-1]}ies)"
        return rf"(?<!\w){body}"
    return rf"(?<!\w){body}(?!\w)"


_LAST: list[tuple[Content, dict[Lang, Finder], dict[str, m.GlossaryTerm]]] = []
"""The finders and terms of the content read last. Why: every page and language of a build made
its own (the pattern of every form of every term, and a table of the terms for each text)."""


def _of(content: Content) -> tuple[dict[Lang, Finder], dict[str, m.GlossaryTerm]]:
    """The finders (filled in by :func:`_finder`) and the terms by id of ``content``."""
    if not _LAST or _LAST[0][0] is not content:
        _LAST[:] = [(content, {}, {t.id: t for t in content.collection("glossary", m.GlossaryTerm)})]
    return _LAST[0][1], _LAST[0][2]


def _finder(content: Content, lang: Lang, cached: dict[Lang, Finder]) -> Finder:
    if lang in cached:
        return cached[lang]
    shared = _of(content)[0]
    if lang in shared:
        cached[lang] = shared[lang]
        return shared[lang]
    pairs = [(form, term.id) for term in content.collection("glossary", m.GlossaryTerm) for form in _forms(term, lang)]
    # Longest first: at one position the alternation takes the first form that matches.
    pairs.sort(key=lambda pair: -len(pair[0]))
    if pairs:
        # The first letters up front: a position that starts no form fails at once, instead of
        # trying every alternative (a body was scanned once per glossary form before).
        firsts = "".join(sorted({re.escape(c) for form, _ in pairs for c in {form[0].lower(), form[0].upper()}}))
        alternatives = "|".join(f"({_regex(form, lang)})" for form, _ in pairs)
        pattern = re.compile(f"(?=[{firsts}])(?:{alternatives})", re.IGNORECASE)
        finder = Finder(pattern, tuple(term_id for _, term_id in pairs))
    else:
        finder = Finder(None, ())
    cached[lang] = shared[lang] = finder
    return finder


def term_uses(
    content: Content, text: Text, definition: dict[str, Text | None], cache: dict[Lang, Finder]
) -> tuple[TermUse, ...]:
    """The glossary terms ``text`` uses, each once, at its first occurrence, in reading order.

    ``text.lang`` (the Vietnamese when a translation is missing) decides which forms are
    looked for; ``definition`` gives each term's definition as the reader sees it; ``cache``
    keeps the compiled pattern of each language for the caller's next text.
    """
    finder = _finder(content, text.lang, cache)
    if finder.pattern is None:
        return ()
    terms = _of(content)[1]
    out = []
    pattern = finder.pattern
    for term_id, phrase in _first_matches(pattern.pattern, pattern.flags, finder.groups, text.words):
        term = terms[term_id]
        renderings = tuple((code, rendering) for code in LANGS if (rendering := term.term.text(code)) is not None)
        out.append(TermUse(term_id, phrase, definition.get(term_id), renderings))
    return tuple(out)


@functools.lru_cache(maxsize=16384)
def _first_matches(source: str, flags: int, groups: tuple[str, ...], words: str) -> tuple[tuple[str, str], ...]:
    """Each term's first match in ``words``: (term id, the words matched). Kept per pattern (by
    its text: a string keeps its hash, a compiled pattern does not) and text: scanning every
    text of the content was most of a build's documents, and a process that builds again
    (the live preview) scans the same texts with the same glossary."""
    found: dict[str, str] = {}
    for match in re.compile(source, flags).finditer(words):
        term_id = groups[(match.lastindex or 1) - 1]
        if term_id not in found:
            found[term_id] = " ".join(match.group().split())
    return tuple(found.items())


def first_uses(blocks: list[Block]) -> list[Block]:
    """``blocks`` with each term linked only at its first use in each section (a heading starts one).

    Why: a term linked in every paragraph clutters the text and the tab order.
    """
    seen: set[str] = set()
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            seen = set()
        elif isinstance(block, Body) and block.terms:
            kept = tuple(use for use in block.terms if use.term_id not in seen)
            seen |= {use.term_id for use in kept}
            block = Body(block.text, block.notice, kept)
        out.append(block)
    return out
