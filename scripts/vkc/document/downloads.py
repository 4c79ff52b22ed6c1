"""Download cards: each published file with its format, size, page count, languages and the
version it belongs to, in the reader's language.

Why: a reader on mobile data decides before the download whether a 3 MB PDF is worth it, and
whether it is in a language they read. The sizes and page counts are measured by the build
(the files are written before the pages, :mod:`vkc.publish.build`) and handed to the document
as :class:`~.nodes.FileFacts`; the words come from :mod:`vkc.i18n`.
"""

from __future__ import annotations

import posixpath

from ..i18n import format_partial, format_size
from ..model import LANGS, Lang
from .context import Ctx
from .editions import edition_plan, edition_stem
from .nodes import Data, Files, Inline, Words, words

_FORMATS = ("pdf", "docx", "zip", "json", "csv", "tbx", "xml")
"""Extensions with a name in :mod:`vkc.i18n` (``format_<ext>``)."""


def file_langs(name: str) -> tuple[Lang, ...]:
    """The languages a published file is written in.

    An edition is in its language (a bilingual one in Vietnamese and the other language); a
    language archive and a course's handout in its own; the glossary exports and the open data carry every language.
    """
    stem, ext = posixpath.splitext(posixpath.basename(name))
    for kind, lang, formats in edition_plan():
        if stem == edition_stem(kind, lang) and ext[1:] in formats:
            return ("vi", lang) if kind == "bilingual" else (lang,)
    for lang in LANGS:
        if stem == f"site-{lang}":
            return (lang,)
        # A handout (vkc.document.training.handout_stem), a SCORM package or a Moodle XML file.
        if name.startswith("training/") and stem.removesuffix(".moodle").removesuffix("-scorm").endswith(f"-{lang}"):
            return (lang,)
    return LANGS


def _lang_name(ctx: Ctx, lang: Lang) -> str:
    return ctx.word("lang_vi" if lang == "vi" else f"ts_lang_{lang}")


def file_card(ctx: Ctx, name: str) -> Inline | None:
    """What ``name`` (relative to ``downloads/``) is, in one line; None when the build did not measure it."""
    facts = ctx.published.get(name)
    ext = posixpath.splitext(name)[1][1:].lower()
    if facts is None or ext not in _FORMATS:
        return None
    pub = ctx.content.publication
    kind = "scorm" if name.endswith("-scorm.zip") else ext  # a SCORM package is a zip of its own kind
    parts: list[Inline] = [
        words(ctx.word(f"format_{kind}")),
        (Data(str(facts.size), words(format_size(facts.size, ctx.lang))),),
    ]
    if facts.pages is not None:
        parts.append(words(ctx.word("pages_n", n=str(facts.pages))))
    parts.append(words(", ".join(_lang_name(ctx, lang) for lang in file_langs(name))))
    parts.append(words(ctx.word("version_of", version=pub.version, date=format_partial(pub.date, ctx.lang))))
    out: list[Words | Data] = []
    for index, part in enumerate(parts):
        if index:
            out.append(Words(" · "))
        out.extend(run for run in part if isinstance(run, Words | Data))
    return tuple(out)


def files_block(ctx: Ctx, label: str, names: tuple[str, ...], role: str) -> Files:
    """Links to published files, each with its card when every file was measured."""
    cards = [file_card(ctx, name) for name in names]
    known = [card for card in cards if card is not None]
    return Files(label, names, role, tuple(known) if len(known) == len(names) else ())
