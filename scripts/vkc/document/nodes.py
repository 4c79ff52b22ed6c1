"""The renderer-neutral document: blocks of inline runs, every content text with its state.

Why: the site, the PDF and the DOCX once each turned the content into text on their own,
and they drifted apart (the PDFs printed stale translations with no notice). Now the
document decides *what* a page says, in which language, and in which state each text is;
a renderer only decides *how* to mark it up (mkdocs Markdown, pandoc Markdown, plain text
for search). Nodes are frozen dataclasses: a document is a value, so two builds of the same
content give equal documents (and equal bytes).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, Union

from ..model import Lang, PartialDate

TextState = Literal["source", "current", "stale", "missing"]
"""``source``: the Vietnamese itself; ``current``/``stale``: a translation made from today's /
an earlier Vietnamese; ``missing``: no translation, the Vietnamese is shown instead."""


@dataclass(frozen=True)
class Text:
    """One content text resolved for one reader's language: the words shown and their state."""

    words: str
    """The text shown, in the Markdown subset of the README (renderers escape it)."""
    lang: Lang
    """The language of ``words``: ``vi`` when the translation is missing."""
    state: TextState
    """Current, stale, missing, or the Vietnamese source itself."""
    proposed: bool = False
    """The rendering is our proposed translation, not an attested official one."""
    stale_note: str = ""
    """For a stale text: the sentence saying when the Vietnamese changed, in the reader's language."""
    missing_short: str = ""
    """For a missing text: the short mark ("not yet translated") in the reader's language."""
    proposed_note: str = ""
    """For a proposed rendering: the mark ("our proposed translation") in the reader's language."""

    def notes(self, *, with_proposed: bool = True) -> list[str]:
        """The short notices this text needs beside it, in the reader's language."""
        out: list[str] = []
        if self.state == "missing":
            out.append(self.missing_short)
        if self.proposed and with_proposed:
            out.append(self.proposed_note)
        if self.state == "stale":
            out.append(self.stale_note)
        return out


# -- inline runs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """Literal words written by the system (interface words, numbers, dates): escaped as text."""

    text: str


@dataclass(frozen=True)
class Says:
    """A content text inline. ``notes``: print its short notices beside it (a name in a title
    leaves them to the heading's note); ``flat``: a body squeezed onto one line (table cells)."""

    text: Text
    notes: bool = True
    flat: bool = False


@dataclass(frozen=True)
class Ref:
    """A link to a record, by id; the renderer finds where the record is written."""

    record_id: str
    label: Inline


@dataclass(frozen=True)
class Url:
    """A link to an address outside the publication (already checked to be http/https/mailto)."""

    href: str
    label: Inline


@dataclass(frozen=True)
class File:
    """A link to a published file under ``downloads/`` (``name`` relative to it)."""

    name: str
    label: Inline


@dataclass(frozen=True)
class Strong:
    """Bold."""

    body: Inline


@dataclass(frozen=True)
class Emph:
    """Italic."""

    body: Inline


@dataclass(frozen=True)
class Small:
    """A side remark in small print (``role`` names it for styling: ``proposed``, ``note``)."""

    body: Inline
    role: str = ""


@dataclass(frozen=True)
class Lang_:
    """Words in another language than the page's (``lang`` on the element)."""

    lang: Lang
    body: Inline


@dataclass(frozen=True)
class Anchor:
    """A place other pages and citations link to (``id``), around ``body``."""

    id: str
    body: Inline


@dataclass(frozen=True)
class Source:
    """One entry of a citation: the source's id, its number in the sources list, a short name."""

    id: str
    number: int
    short: str
    """Publisher and year, e.g. "Bộ Xây dựng, 2024"."""


@dataclass(frozen=True)
class Cite:
    """The citations of a record: links to entries of the sources list, in number order."""

    sources: tuple[Source, ...]
    label: str
    """"Sources" in the reader's language, printed before the links ("": no label)."""


@dataclass(frozen=True)
class Code:
    """An identifier or a command, shown as code."""

    text: str


@dataclass(frozen=True)
class PageRef:
    """A link to a page of the publication (``path`` as in :attr:`Document.path`), optionally to an anchor."""

    path: str
    label: Inline
    anchor: str = ""


@dataclass(frozen=True)
class Badge:
    """A status label (a legal document in force, superseded...) with a ``kind`` for its colour."""

    kind: str
    label: str


@dataclass(frozen=True)
class Mark:
    """A visible inline mark: ``illustrative`` data, or another ``kind`` of notice."""

    kind: str
    label: str


@dataclass(frozen=True)
class Data:
    """``body`` for readers, ``value`` for machines (a file's size in bytes beside "1.2 MB")."""

    value: str
    body: Inline


Run = Union[Words, Says, Ref, PageRef, Url, File, Strong, Emph, Small, Lang_, Anchor, Cite, Code, Badge, Mark, Data]
Inline = tuple[Run, ...]


def words(text: str) -> Inline:
    """Literal words as an inline."""
    return (Words(text),) if text else ()


def join(parts: list[Inline], sep: str) -> Inline:
    """Inlines joined by the literal ``sep``."""
    out: list[Run] = []
    for index, part in enumerate(parts):
        if index:
            out.append(Words(sep))
        out.extend(part)
    return tuple(out)


# -- blocks --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A heading with a stable anchor; ``number`` is the guideline's number, if any."""

    level: int
    title: Inline
    anchor: str = ""
    notes: tuple[str, ...] = ()
    """Notices about the title's translation, printed under the heading."""


@dataclass(frozen=True)
class Para:
    """A paragraph; ``role`` names it for styling (``succeeded``, ``cited``, ``quote``, ``meta``)."""

    body: Inline
    role: str = ""


@dataclass(frozen=True)
class TermUse:
    """A glossary term that a body uses: the words to mark in it and what the term means.

    Why in the document: which occurrence is marked (the first in its section) and what the
    tooltip says (the definition in the reader's language, the term in vi, en and ko) are
    decisions about the page, made once; the site renderer only marks them up.
    """

    term_id: str
    phrase: str
    """The term as the body writes it (its first occurrence, exact case)."""
    definition: Text | None
    """The definition in the reader's language (or the Vietnamese with its state)."""
    renderings: tuple[tuple[Lang, str], ...]
    """The term in vi, en and ko (those the glossary gives)."""


@dataclass(frozen=True)
class Body:
    """A content text of several paragraphs (the Markdown subset), with its state and the
    notice that state needs (a missing or stale translation), decided by the document."""

    text: Text
    notice: Notice | None = None
    terms: tuple[TermUse, ...] = ()
    """Glossary terms to link on their first occurrence in this text."""


@dataclass(frozen=True)
class Notice:
    """A notice box: ``missing``, ``stale`` or ``illustrative``."""

    kind: Literal["missing", "stale", "illustrative"]
    title: str
    body: str


@dataclass(frozen=True)
class Fields:
    """Labelled values (``label: value``), one per line."""

    items: tuple[tuple[str, Inline], ...]


@dataclass(frozen=True)
class Items:
    """A bulleted list; an item may carry a nested list."""

    items: tuple[tuple[Inline, tuple[Inline, ...]], ...]


@dataclass(frozen=True)
class Table:
    """A table; ``widths`` are relative column widths, ``align`` per column (``l``/``r``)."""

    headers: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    widths: tuple[int, ...] = ()
    align: str = ""
    """One letter per column, ``l`` or ``r``; empty: all left."""


@dataclass(frozen=True)
class Group:
    """Blocks that belong together: ``role`` names it for styling, ``lang`` when in another language."""

    blocks: tuple[Block, ...]
    role: str = ""
    lang: Lang | None = None


@dataclass(frozen=True)
class Pair:
    """The same passage in two languages side by side (the bilingual edition)."""

    left: tuple[Block, ...]
    left_lang: Lang
    right: tuple[Block, ...]
    right_lang: Lang


@dataclass(frozen=True)
class Files:
    """Links to published files (editions, open data): ``role`` ``downloads`` or ``open-data``."""

    label: str
    names: tuple[str, ...]
    role: str
    cards: tuple[Inline, ...] = ()
    """Per name, when the files exist before the pages: format, size, pages, languages, version."""


@dataclass(frozen=True)
class FileFacts:
    """What the build measured of a published file (the document cannot read the disk)."""

    size: int
    """Bytes."""
    pages: int | None = None
    """Page count of a PDF."""


@dataclass(frozen=True)
class Label:
    """A short plain text in a figure, with its language (``vi`` where a translation is missing)."""

    text: str
    lang: Lang


@dataclass(frozen=True)
class Figure:
    """A picture drawn at build time as SVG, with its caption and the table that says the same.

    Why the SVG is made in the document layer (:mod:`.figures`): the site and the PDF must show
    the same drawing; each renderer only places it. ``table`` is the text alternative: it is
    printed beside the picture, and the picture is labelled by the caption.
    """

    id: str
    """A page-unique id (also the anchor of the figure)."""
    svg: str
    """The drawing: a complete ``<svg>`` element, presentation attributes only (no style)."""
    caption: str
    """Plain text in the reader's language."""
    table: Table
    role: str = ""
    """What it shows: ``timeline``, ``changes`` or ``progress``."""


@dataclass(frozen=True)
class Choice:
    """One choice of a question: its words and, where the answers are shown, whether it is right."""

    id: str
    """The choice's id in the content (the value a form submits, the key SCORM and Moodle use)."""
    letter: str
    """Its label by position (A, B, C...), the same in every language."""
    body: Inline
    correct: bool | None
    """True or False where the document shows the answers; None where it hides them."""


@dataclass(frozen=True)
class Question:
    """A self-check question of a lesson.

    Why one node for every output: the site makes it a form answered in the browser, the
    handouts print it (with the answer only in the trainer's), and the learning-platform
    exports read the same choices and answers; what the question says and which choices are
    right is decided once, here. ``answers`` False (the learner's handout) leaves out every
    right answer and the feedback; the site keeps them to check the reader's answer.
    """

    id: str
    """The question's record id: its anchor on the page and its key in stored progress."""
    number: int
    """Its number within the lesson, from 1."""
    kind: Literal["single", "multiple", "short"]
    prompt: Inline
    choices: tuple[Choice, ...]
    """The choices (empty for a short question)."""
    accepted: tuple[str, ...]
    """For a short question: the accepted answers as plain text in the reader's language
    (empty when the answers are hidden)."""
    feedback: Inline
    """Why the answer is right (empty when the answers are hidden)."""
    see: PageRef
    """The section where the answer is written."""
    answers: bool
    """Whether the right answers and the feedback are given."""
    words: tuple[tuple[str, str], ...]
    """Interface words in the reader's language by key: ``kind`` (single/multiple/short
    choice), ``answer``, ``feedback``, ``see``, ``check``, ``correct``, ``wrong``,
    ``your_answer``, ``choose`` (a hint per kind)."""

    def word(self, key: str) -> str:
        """One of :attr:`words`."""
        return dict(self.words)[key]


@dataclass(frozen=True)
class Quiz:
    """The self-check of a lesson: its questions, and what a reader's browser may store.

    ``id`` (the lesson's id) keys the progress a browser keeps; ``words`` are the interface
    words of the whole quiz (``title``, ``clear``, ``cleared``, ``progress``, ``local``).
    """

    id: str
    questions: tuple[Question, ...]
    words: tuple[tuple[str, str], ...]

    def word(self, key: str) -> str:
        """One of :attr:`words`."""
        return dict(self.words)[key]


Block = Union[Heading, Para, Body, Notice, Fields, Items, Table, Group, Pair, Files, Figure, Quiz]


@dataclass(frozen=True)
class Document:
    """One page (or one edition) in one language."""

    lang: Lang
    title: str
    """Plain-text title (navigation, metadata)."""
    blocks: tuple[Block, ...]
    path: str = ""
    """The page's path (``guideline/part-1.md``); empty for an edition."""
    files: tuple[str, ...] = ()
    """Content files (relative to the content folder) the page was made from."""
    changed: PartialDate | None = None
    """Latest day one of those files changed (git), when known."""
    meta: dict[str, Inline] = field(default_factory=dict)
    """Named inlines beside the body (an edition's cover fields)."""
    citation: str = ""
    """The page's citation as CSL-JSON (:mod:`vkc.document.cite`), published beside the page."""


def texts(blocks: tuple[Block, ...] | list[Block]) -> Iterator[Text]:
    """Every content text in ``blocks``, in reading order (for tests, search and checks)."""
    for block in blocks:
        if isinstance(block, Body):
            yield block.text
        elif isinstance(block, Heading):
            yield from _inline_texts(block.title)
        elif isinstance(block, Para):
            yield from _inline_texts(block.body)
        elif isinstance(block, Fields):
            for _, value in block.items:
                yield from _inline_texts(value)
        elif isinstance(block, Items):
            for item, sub in block.items:
                yield from _inline_texts(item)
                for s in sub:
                    yield from _inline_texts(s)
        elif isinstance(block, Table):
            for row in (block.headers, *block.rows):
                for cell in row:
                    yield from _inline_texts(cell)
        elif isinstance(block, Group):
            yield from texts(block.blocks)
        elif isinstance(block, Figure):
            yield from texts([block.table])
        elif isinstance(block, Pair):
            yield from texts(block.left)
            yield from texts(block.right)
        elif isinstance(block, Quiz):
            for question in block.questions:
                yield from _inline_texts(question.prompt)
                for choice in question.choices:
                    yield from _inline_texts(choice.body)
                yield from _inline_texts(question.feedback)
                yield from _inline_texts(question.see.label)


def _inline_texts(runs: Inline) -> Iterator[Text]:
    for run in runs:
        if isinstance(run, Says):
            yield run.text
        elif isinstance(run, Ref | PageRef | Url | File | Strong | Emph | Small | Lang_ | Anchor | Data):
            yield from _inline_texts(run.label if isinstance(run, Ref | PageRef | Url | File) else run.body)
