"""The content model: every record kind of the publication, typed and documented.

Why: the YAML is the single source of truth, edited by people through pull requests. The
model says exactly what a record may contain (``extra="forbid"`` catches key typos), and
each field's docstring becomes the description editors see in their editor's completion
(``vkc schema``). Values arrive as strings from :mod:`vkc.yamlload`; the types here decide
what they mean, so ``NO`` stays the text "NO" and ``2024-02-30`` is an error, not a crash.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.json_schema import WithJsonSchema
from pydantic_core import PydanticCustomError

from .types import LANGS, TRANSLATION_LANGS, Lang, PartialDate, TranslationLang, source_hash

__all__ = ["LANGS", "TRANSLATION_LANGS", "Lang", "PartialDate", "TranslationLang", "source_hash"]


def _strict_bool(value: object) -> object:
    # Why: YAML 1.1 reads yes/no/on/off as booleans; we accept only true/false so that a
    # typo never flips a flag silently.
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise PydanticCustomError("bool_strict", "'{value}' is not true or false", {"value": value})


def _clean_text(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


Flag = Annotated[
    bool,
    BeforeValidator(_strict_bool),
    WithJsonSchema({"anyOf": [{"type": "boolean"}, {"type": "string", "enum": ["true", "false"]}]}),
]
# Why the extra JSON Schema types below: the loader reads every scalar as text, but an
# editor's YAML 1.2 parser reads a plain `1.0`, `true` or `2024` as a number or boolean; the
# schema must accept what `vkc check` accepts, as the editor reads it.
Id = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "maxLength": 80},
                {"type": "integer", "minimum": 0},
            ]
        }
    ),
]
Text = Annotated[
    str,
    BeforeValidator(_clean_text),
    Field(min_length=1),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": "\\S"}, {"type": "number"}, {"type": "boolean"}]}),
]
Hash = Annotated[
    str,
    Field(pattern=r"^[0-9a-f]{12}$"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": "^[0-9a-f]{12}$"},
                {"type": "integer", "minimum": 0, "maximum": 999999999999},
            ]
        }
    ),
]


class Model(BaseModel):
    """Base of every content model: unknown keys are errors, docstrings document fields."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, strict=False, str_strip_whitespace=False
    )

    def model_post_init(self, context: Any, /) -> None:
        """Share the set of the fields given with every instance that was given the same ones.

        Why: pydantic keeps that set per instance, about 380 bytes each: 14.7 MB of the
        64 MB that the 39,000 models of the 10,000-record synthetic corpus take. Instances
        are frozen, and pydantic copies the set before it changes one (``model_copy``), so
        one set per combination of fields serves them all.
        """
        given = self.__pydantic_fields_set__
        shared = _FIELDS_GIVEN.setdefault(frozenset(given), given)
        if shared is not given:
            object.__setattr__(self, "__pydantic_fields_set__", shared)


@cache
def field_names(kind: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model class, in order.

    Why: the walks over the content ask this for every model they visit; pydantic's
    ``model_fields`` class property takes about 0.9 µs a call, eight times a lookup here.
    """
    return tuple(kind.model_fields)


_FIELDS_GIVEN: dict[frozenset[str], set[str]] = {}
"""One set of given fields per combination (see :meth:`Model.model_post_init`); a handful of entries."""


class LocalizedText(Model):
    """A text in Vietnamese with its English and Korean translations.

    A translation is *current* when ``translated_from`` holds the hash of today's
    Vietnamese, *stale* when it holds another hash, and *missing* when absent.
    """

    vi: Text
    """Vietnamese: the source and authoritative text."""
    en: Text | None = None
    """English translation."""
    ko: Text | None = None
    """Korean translation."""
    translated_from: dict[TranslationLang, Hash] = Field(default_factory=dict)
    """For each translation, the hash of the Vietnamese it was made from (`vkc translations mark-current` writes it)."""
    vi_changed: PartialDate | None = None
    """The day the Vietnamese last changed, shown to readers of a stale translation."""
    proposed: list[Lang] = Field(default_factory=list)
    """Languages whose rendering is our proposed translation, not an attested official one."""
    # exclude: no serialisation (open data, search index) ever carries a draft.
    draft: dict[TranslationLang, Text] = Field(default_factory=dict, exclude=True)
    """A translator's draft awaiting review (a fuzzy PO entry, `vkc po import`): never
    published; `vkc status` lists it and `vkc po export` gives it back as fuzzy."""

    def text(self, lang: Lang) -> str | None:
        """The text in ``lang``, or None when it is not translated."""
        return self.vi if lang == "vi" else self.en if lang == "en" else self.ko

    def state(self, lang: TranslationLang) -> Literal["current", "stale", "missing"]:
        """Whether the ``lang`` translation is current, stale or missing."""
        if self.text(lang) is None:
            return "missing"
        return "current" if self.translated_from.get(lang) == source_hash(self.vi) else "stale"


LText = LocalizedText


class Record(Model):
    """Fields shared by every record with an identity."""

    id: Id
    """Stable identifier, lowercase letters, digits and hyphens; never reuse or rename one."""


class Sourced(Record):
    """A record that states facts: it cites sources, unless it is marked illustrative."""

    sources: list[Id] = Field(default_factory=list)
    """Ids of the `sources` entries that support this record."""
    illustrative: Flag = False
    """True for placeholder or demonstration content that no source supports; shown as such."""


class Version(Model):
    """A dated release of the whole publication, frozen as a snapshot under ``versions/``."""

    id: Id
    """Permanent id of the version; its pages live at /versions/ID/ once it is superseded."""
    date: PartialDate
    """The day the version was published."""
    status: Literal["current", "superseded"]
    """One version is current; every earlier one is superseded."""
    summary: LText
    """What changed in this version, in a sentence or two, for readers and feeds."""


class Publication(Model):
    """The edition being published."""

    title: LText
    """Title of the publication."""
    subtitle: LText | None = None
    """A line under the title."""
    publisher: LText
    """Who publishes it."""
    edition: LText
    """The edition's name, e.g. "Pilot edition"."""
    version: Text
    """Version number, e.g. 0.1."""
    date: PartialDate
    """Date of the edition."""
    notice: LText
    """The statement that the Vietnamese text is authoritative."""
    versions: list[Version] = Field(default_factory=list)
    """The published versions, oldest first (`vkc version publish` adds one and writes its snapshot)."""
    # exclude: a person's name and address stay out of the open data.
    translators: dict[TranslationLang, Text] = Field(default_factory=dict, exclude=True)
    """The last translator of each language, as PO files name them (Last-Translator);
    `vkc po import` records it and `vkc po export` writes it back."""


class Source(Record):
    """A public document that a record cites."""

    title: Text
    """Title in its original language."""
    publisher: Text
    """The original publisher (not a mirror)."""
    date: PartialDate | None = None
    """Publication date, to the precision known."""
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    """Address of the original; absent only when none is known (then say so in `note`)."""
    language: Literal["vi", "en", "ko", "fr"]
    """Language of the source."""
    confidence: Literal["high", "medium-high", "medium", "low"]
    """How far the source can be trusted for what it is cited for."""
    note: LText | None = None
    """What the source supports, and any caveat."""


class Organization(Sourced):
    """A ministry, agency or institute, with its names and its validity."""

    name: LText
    """Official or attested name per language; a translation of ours is listed in `proposed`."""
    abbreviation: Text | None = None
    """Short name, e.g. MOLIT."""
    country: Literal["vn", "kr", "intl"]
    """Country of the body."""
    parent: Id | None = None
    """The organization this one belongs to."""
    valid_from: PartialDate | None = None
    """Since when the body exists under this name."""
    valid_until: PartialDate | None = None
    """Until when it existed under this name (merged, renamed, dissolved)."""
    succeeded_by: Id | None = None
    """The organization that took over its functions."""
    change: LText | None = None
    """What changed (a merger, a new status), for the page."""
    variants: dict[TranslationLang, list[Text]] = Field(default_factory=dict)
    """Other forms a translation may use where the Vietnamese gives the name (a title such as "Minister of Construction"), per language."""


DocStatus = Literal["in_force", "amended", "superseded", "repealed", "unknown"]


class LegalDocument(Sourced):
    """A law, decree, decision, resolution or official letter."""

    number: Text
    """The document number as printed, e.g. 950/QĐ-TTg."""
    type: Literal[
        "law", "resolution", "decree", "decision", "directive", "circular", "official_letter", "guidance", "mou"
    ]
    """Kind of instrument."""
    title: LText
    """Title or subject."""
    issuer: Id
    """The organization that issued or signed it."""
    signed: PartialDate | None = None
    """Date of signature or issue."""
    effective: PartialDate | None = None
    """Date it took effect."""
    status: DocStatus
    """Legal status; `unknown` when no source verifies it."""
    status_since: PartialDate | None = None
    """Since when the status holds (required for superseded and repealed)."""
    superseded_by: Id | None = None
    """The document that superseded or amended it."""
    summary: LText | None = None
    """What it provides, in a few sentences."""


class Standard(Sourced):
    """An international or national standard the guideline refers to."""

    code: Text
    """Reference such as ISO 37122:2019 or ITU-T Y.4903/L.1603."""
    title: LText
    """Title; English is the original for ISO and ITU titles."""
    publisher: Text
    """Standards body."""
    summary: LText | None = None
    """What it measures."""


class StandardRef(Model):
    """A reference from an indicator to a standard."""

    standard: Id
    """Id of the standard."""
    note: LText | None = None
    """Which part applies."""


CategoryKind = Literal["framework", "dimension", "sub_dimension", "category", "area", "maturity_level"]
"""What a group of indicators is within its framework, in the framework's own terms."""


class IndicatorCategory(Sourced):
    """A group of evaluation indicators; groups nest (a framework, its dimensions, their categories).

    Why nesting: real frameworks are trees (U4SSC: dimension > sub-dimension > category;
    Korea's certification: areas > evaluation items; Viet Nam's maturity assessment: levels),
    and the same category name can sit under two parents (U4SSC "Transport" under both ICT
    and Infrastructure), so a flat list would lose what a reader needs to tell them apart.
    """

    name: LText
    """Name of the category."""
    description: LText | None = None
    """What it covers."""
    parent_category: Id | None = None
    """Id of the indicator category this one belongs to (a sub-dimension names its dimension)."""
    kind: CategoryKind | None = None
    """What level of its framework the group is: framework, dimension, sub_dimension, category, area or maturity_level."""
    level: Annotated[int, Field(ge=1)] | None = None
    """For a maturity level: its rank, 1 for the lowest, as the source orders the levels."""
    threshold: LText | None = None
    """The pass mark or rule the source gives for this group or framework (e.g. 70% of the total score)."""


class Indicator(Sourced):
    """An evaluation indicator."""

    category: Id
    """Id of its category."""
    name: LText
    """Name of the indicator."""
    definition: LText
    """What it measures."""
    unit: LText | None = None
    """Unit of measure."""
    method: LText | None = None
    """How it is calculated."""
    standards: list[StandardRef] = Field(default_factory=list)
    """Standards it refers to."""
    code: Text | None = None
    """The indicator's number in its source, exactly as printed (e.g. U4SSC "EC: ICT: ICT: 1C")."""
    tier: Literal["core", "advanced"] | None = None
    """Core or advanced, where the framework distinguishes them (U4SSC: core indicators every city should report)."""


class Component(Sourced):
    """A component or work stream of the project."""

    number: int | None = None
    """Component number where a source numbers it (the seed names only Component 2)."""
    title: LText
    """Name."""
    description: LText | None = None
    """What it delivers."""


class Event(Sourced):
    """Something that happened on a date: a conference, a ceremony, a signature."""

    date: PartialDate
    """When, to the precision known."""
    end: PartialDate | None = None
    """Last day for an event over a period."""
    title: LText
    """What happened."""
    description: LText | None = None
    """Details."""
    place: LText | None = None
    """Where."""
    organisers: list[Id] = Field(default_factory=list)
    """Organizations that organised it."""
    participants: list[Id] = Field(default_factory=list)
    """Organizations that took part."""


class Milestone(Sourced):
    """A planned or reached step of the project."""

    date: PartialDate
    """When it was planned or reached."""
    end: PartialDate | None = None
    """End of a planned period."""
    title: LText
    """The step."""
    status: Literal["planned", "reached", "unknown"]
    """Planned (as announced), reached (a source reports it done) or unknown."""


class Project(Sourced):
    """The VKC technical-assistance project."""

    name: LText
    """Full name."""
    short_name: Text
    """Short name, e.g. VKC."""
    summary: LText
    """Purpose in a few sentences."""
    funding: LText | None = None
    """Funding type and amount as the sources state it."""
    approved_by: Id | None = None
    """Legal document that approved it."""
    partners: list[Id] = Field(default_factory=list)
    """Participating organizations."""
    components: list[Component] = Field(default_factory=list)
    """Components and work streams."""
    events: list[Event] = Field(default_factory=list)
    """Events, in any order (the timeline sorts them)."""
    milestones: list[Milestone] = Field(default_factory=list)
    """Planned and reached steps."""


class Pilot(Sourced):
    """A pilot smart-city master plan."""

    name: LText
    """Name of the pilot area."""
    project: Id
    """Project it belongs to."""
    component: Id | None = None
    """Component that carries it."""
    location: LText
    """Where it is."""
    description: LText
    """What the pilot does."""
    status_note: LText | None = None
    """Where it stands, as the sources state it."""


class Section(Sourced):
    """A numbered unit of the guideline; sections nest."""

    title: LText
    """Heading (the number is added from the order)."""
    body: LText | None = None
    """Text in the Markdown subset documented in the README."""
    sections: list[Section] = Field(default_factory=list)
    """Subsections, in order."""


class Chapter(Section):
    """A chapter of the guideline."""


class Part(Sourced):
    """A part of the guideline."""

    title: LText
    """Heading."""
    intro: LText | None = None
    """Introductory text."""
    chapters: list[Chapter] = Field(default_factory=list)
    """Chapters, in order."""


class Guideline(Record):
    """The Guideline on Smart Cities in Viet Nam."""

    title: LText
    """Title."""
    intro: LText
    """What this guideline is and what its status is."""
    parts: list[Part]
    """Parts, in order."""


class GlossaryTerm(Sourced):
    """A term with its renderings in the three languages."""

    term: LText
    """The term; renderings of ours are listed in `term.proposed`.

    ``A / B`` gives two renderings; when the Vietnamese and a translation have as many, the
    n-th translates the n-th. A part in parentheses explains the rendering and is not
    required in texts: ``규제샌드박스 (실증)`` asks for 규제샌드박스.
    """
    variants: dict[TranslationLang, list[Text]] = Field(default_factory=dict)
    """Other renderings a translation may use for this term (an attested spelling, a short form), per language."""
    definition: LText | None = None
    """What it means."""
    note: LText | None = None
    """Usage notes."""


# -- training ----------------------------------------------------------------------------
# Why courses are records of their own (not pages): a course is taught from the guideline,
# so each lesson names what it reads and each question names the section where its answer
# is written; `vkc check` can then hold the training to the text it teaches.

Minutes = Annotated[
    int,
    Field(ge=1, le=10000),
    WithJsonSchema(
        {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 10000}, {"type": "string", "pattern": "^[0-9]+$"}]}
    ),
]


class Choice(Model):
    """One choice of a single- or multiple-choice question."""

    id: Id
    """Identifier of the choice within its question (e.g. a, b, c): the question's `answer` names it."""
    text: LText
    """What the choice says."""


class KeyPoint(Model):
    """A point a lesson teaches, restating what the cited text says (and nothing more)."""

    text: LText
    """The point, in new wording that asserts no fact the cited records do not state."""
    cites: list[Id] = Field(min_length=1)
    """Ids of the guideline sections, legal documents, indicators, glossary terms, standards or sources it restates."""


class Question(Record):
    """A self-check question whose answer is written in a section of the guideline."""

    kind: Literal["single", "multiple", "short"]
    """`single`: one right choice; `multiple`: one or more right choices; `short`: a short written answer."""
    prompt: LText
    """The question."""
    choices: list[Choice] = Field(default_factory=list)
    """The choices of a single- or multiple-choice question, in the order shown."""
    answer: list[Id] = Field(default_factory=list)
    """Ids of the right choices (exactly one for `single`)."""
    accepted: list[LText] = Field(default_factory=list)
    """For a `short` question: the accepted answers, each with its translations (case and spacing are ignored)."""
    feedback: LText
    """Why the answer is right, shown after the reader checks an answer (and in the trainer's handout)."""
    see: Id
    """Id of the guideline section where the answer is written."""


class Lesson(Record):
    """A lesson: what the learner will be able to do, what to read, the key points, a self-check."""

    title: LText
    """Title of the lesson."""
    duration: Minutes | None = None
    """Length of the lesson in minutes."""
    objectives: list[LText] = Field(default_factory=list)
    """What the learner will be able to do after the lesson (at least one)."""
    readings: list[Id] = Field(default_factory=list)
    """Ids of the guideline sections, legal documents, indicators and glossary terms the lesson reads."""
    key_points: list[KeyPoint] = Field(default_factory=list)
    """The points the lesson teaches, each citing what it restates."""
    questions: list[Question] = Field(default_factory=list)
    """Self-check questions, in order."""


class Module(Record):
    """A group of lessons within a course."""

    title: LText
    """Title of the module."""
    lessons: list[Lesson] = Field(min_length=1)
    """Lessons, in the order they are taught."""


class Course(Record):
    """A training course built on the guideline: on the site, in handouts and in learning platforms.

    Its texts are prepared by the editors from the records it cites; every key point cites
    them and every question names the section where its answer is written.
    """

    title: LText
    """Title of the course."""
    summary: LText | None = None
    """What the course is about, in a sentence or two."""
    audience: LText
    """Who the course is for."""
    duration: Minutes
    """Total length of the course in minutes (an integer; pages show it in hours and minutes)."""
    outcomes: list[LText] = Field(min_length=1)
    """Learning outcomes: what a learner can do after the course."""
    modules: list[Module] = Field(min_length=1)
    """Modules, in the order they are taught."""
