"""Pandoc Markdown building blocks: escaping, localized text with fallback, citations, tables.

Why: content text is untrusted (it comes from pull requests), so plain fields are escaped
and Markdown bodies are reduced to the documented subset before they reach pandoc. Every
helper returns text; the edition builders only concatenate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..content import Content
from ..model import Lang, LocalizedText, Sourced
from ..numbering import guideline_numbers
from .labels import label

# Every ASCII punctuation character pandoc could read as markup; "." too, so that "..." stays
# three full stops instead of becoming an ellipsis (smart typography).
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|$@~^&\"'.-])")
_BLOCK_START = re.compile(r"^(\s*)(#|:::|---|\+\+\+|\||>|```|~~~|=|\[\^|%)", re.MULTILINE)


def esc(text: str) -> str:
    """``text`` as literal Markdown inline text: every markup character escaped, one line."""
    return _INLINE_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def body_md(text: str) -> str:
    """A body in the Markdown subset, made safe to embed.

    Why: a body may hold paragraphs, lists, bold, italic and links; a line that would open a
    heading, a fenced div, a metadata block, a code fence or a table would change the
    document's structure (or close the div it sits in), so its first character is escaped.
    Raw HTML, raw Typst and math are switched off in the reader (see :mod:`.render`).
    """
    lines = text.replace("\r\n", "\n").strip().split("\n")
    return "\n".join(_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line) for line in lines)


def inline_md(text: str) -> str:
    """A body squeezed onto one line, for a table cell (lists become running text)."""
    return body_md(" ".join(text.split())).replace("|", "\\|")


def paragraphs(text: str) -> list[str]:
    """The blocks of a body, split at blank lines (a list stays one block)."""
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


@dataclass
class Ctx:
    """What every builder needs: the content, the reader's language, numbers of sections and sources."""

    content: Content
    lang: Lang
    numbers: dict[str, str] = field(default_factory=dict)
    source_numbers: dict[str, int] = field(default_factory=dict)

    @classmethod
    def make(cls, content: Content, lang: Lang) -> Ctx:
        """A context for ``lang``; sources are numbered in content order, from 1."""
        sources = content.records.get("sources", [])
        return cls(
            content,
            lang,
            guideline_numbers(content.guideline),
            {s.id: i for i, s in enumerate(sources, start=1)},
        )

    def word(self, key: str) -> str:
        """An interface word in the reader's language."""
        return label(key, self.lang)

    def text(self, value: LocalizedText) -> tuple[str, bool]:
        """The text in the reader's language, or the Vietnamese and True when untranslated."""
        translated = value.text(self.lang)
        return (translated, False) if translated is not None else (value.vi, True)

    def inline(self, value: LocalizedText | None, *, proposed: bool = False) -> str:
        """A short text (a title, a name) as escaped inline Markdown, marked when untranslated.

        With ``proposed``, a rendering of ours (listed in ``value.proposed``) says so.
        """
        if value is None:
            return ""
        text, fallback = self.text(value)
        if fallback:
            return f"[{esc(text)}]{{lang=vi}} [\\[{self.word('missing')}\\]]{{.untranslated}}"
        if proposed and self.lang in value.proposed:
            return f"{esc(text)} [({self.word('proposed')})]{{.proposed}}"
        return esc(text)

    def cell(self, value: LocalizedText | None) -> str:
        """A body as one line for a table cell, marked when untranslated."""
        if value is None:
            return ""
        text, fallback = self.text(value)
        if fallback:
            return f"[{inline_md(text)}]{{lang=vi}} [\\[{self.word('missing')}\\]]{{.untranslated}}"
        return inline_md(text)

    def block(self, value: LocalizedText | None) -> str:
        """A body as Markdown blocks; an untranslated one is the Vietnamese under a notice."""
        if value is None:
            return ""
        text, fallback = self.text(value)
        if fallback:
            notice = f"*\\[{self.word('untranslated')}\\]*"
            return f"::: {{.untranslated lang=vi}}\n{notice}\n\n{body_md(text)}\n:::\n"
        return body_md(text) + "\n"

    def cite(self, ids: list[str]) -> str:
        """Citations ``[1], [3]`` (in number order) linking to the entries of the sources list."""
        known = sorted({i for i in ids if i in self.source_numbers}, key=self.source_numbers.__getitem__)
        links = [f"[\\[{self.source_numbers[i]}\\]](#{i})" for i in known]
        return ", ".join(links)

    def cited_line(self, record: Sourced) -> str:
        """The paragraph after a record's text: its illustrative mark and its citations."""
        parts = []
        if record.illustrative:
            parts.append(self.illustrative_mark())
        if record.sources:
            parts.append(f"*{self.word('cited')}:* {self.cite(record.sources)}")
        return " ".join(parts) + "\n" if parts else ""

    def illustrative_mark(self) -> str:
        """The visible mark on illustrative (unsourced, demonstration) data."""
        return f"[**\\[{self.word('illustrative')}\\]**]{{.illustrative}}"


def heading(level: int, title: str, anchor: str | None = None) -> str:
    """An ATX heading; numbers are part of ``title`` (the site's numbers), never pandoc's."""
    suffix = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * min(level, 6)} {title}{suffix}\n"


def table(headers: list[str], rows: list[list[str]], widths: list[int]) -> str:
    """A pipe table whose columns take ``widths`` (relative) of the text width.

    Why: pandoc sizes pipe-table columns by the dashes of the separator only when a line is
    longer than its column limit, so the separator is made long on purpose: the layout then
    never depends on how long the content happens to be.
    """
    total = sum(widths)
    dashes = ["-" * max(3, round(100 * w / total)) for w in widths]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(dashes) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
