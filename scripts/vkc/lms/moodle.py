"""A course's self-check questions as a Moodle XML quiz file, per language.

Why Moodle XML: it is the format Moodle imports into its question bank with every setting of a
question (Moodle documentation, "Moodle XML format":
https://docs.moodle.org/405/en/Moodle_XML_format). What that page gives, and what is written:

- ``<quiz>`` holding ``<question>`` elements; a ``<question type="category">`` whose
  ``<category><text>$course$/...</text></category>`` puts the questions after it in that
  category (one for the course, one under it per lesson; a ``/`` inside a name is doubled,
  which Moodle reads as a slash in the name).
- Every question: ``<name><text>``, ``<questiontext format="html"><text>`` (HTML in a CDATA
  section, as the page recommends), ``<generalfeedback format="html">`` (shown after the
  attempt: here the explanation and a link to the section where the answer is written, on the
  public site), ``<defaultgrade>``, ``<penalty>``, ``<hidden>``, and ``<idnumber>`` (the
  question's id in the content).
- ``multichoice``: ``<single>true</single>`` for one answer, ``false`` for several;
  ``<shuffleanswers>``, ``<answernumbering>`` (``ABCD``: capital letters, as on the site and
  in the handouts; the style's name is Moodle's own, ``answernumberingABCD`` in the multichoice
  question type's strings), the combined feedbacks (``correctfeedback``,
  ``partiallycorrectfeedback``, ``incorrectfeedback``), and an ``<answer fraction="...">`` per
  choice with its ``<text>`` and ``<feedback>``. One right answer scores 100; with several,
  the right ones share 100 and each wrong one takes an equal share of -100, so that ticking
  every box scores nothing (fractions from the list of grades Moodle accepts).
- ``shortanswer``: ``<usecase>0</usecase>`` (case does not matter, as on the site) and each
  accepted answer at ``fraction="100"`` (a ``*`` in it escaped, since Moodle reads it as a
  wildcard).

Choices keep the order of the site and the handouts (``shuffleanswers`` 0), so that a trainer
speaking of choice B means the same choice everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from .. import model as m
from ..content import Content
from ..document.context import Ctx
from ..document.nodes import Inline, PageRef, Question, Words
from ..document.training import lesson_page, lessons, quiz
from ..model import Lang, PartialDate
from ..site.meta import inline_text
from .links import PublicWriter, public_writer

GRADES = (
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0, 20.0,
    16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0,
)  # fmt: skip
"""The grades Moodle offers for an answer (and their negatives); an imported fraction is one of them."""


def share(count: int) -> str:
    """100 split between ``count`` answers, as the largest grade Moodle accepts that is not more."""
    exact = 100 / count
    grade = max(g for g in GRADES if g <= exact + 1e-5) if exact >= GRADES[-1] else GRADES[-1]
    return f"{grade:.7f}".rstrip("0").rstrip(".")


def _category(name: str) -> str:
    """A category name in a Moodle path: ``/`` separates categories, ``//`` is a slash in a name."""
    return name.replace("/", "//")


def _text(parent: etree._Element, tag: str, value: str, fmt: str | None = None, *, cdata: bool = False) -> None:
    element = etree.SubElement(parent, tag, {"format": fmt} if fmt else {})
    text = etree.SubElement(element, "text")
    # CDATA cannot hold its own end marker: such a text is escaped instead, which reads the same.
    text.text = etree.CDATA(value) if cdata and value and "]]>" not in value else value


def _plain(parent: etree._Element, tag: str, value: str) -> None:
    etree.SubElement(parent, tag).text = value


def _category_question(root: etree._Element, path: str) -> None:
    question = etree.SubElement(root, "question", {"type": "category"})
    _text(question, "category", f"$course$/{path}")


def _question(root: etree._Element, writer: PublicWriter, name: str, q: Question) -> None:
    kind = "shortanswer" if q.kind == "short" else "multichoice"
    question = etree.SubElement(root, "question", {"type": kind})
    _text(question, "name", name)
    _text(question, "questiontext", writer.html(q.prompt), "html", cdata=True)
    see: Inline = (Words(q.word("see") + ": "), PageRef(q.see.path, q.see.label, q.see.anchor))
    general = f"<p>{writer.html(q.feedback)}</p>\n<p>{writer.html(see)}</p>"
    _text(question, "generalfeedback", general, "html", cdata=True)
    _plain(question, "defaultgrade", "1")
    _plain(question, "penalty", "0.3333333")
    _plain(question, "hidden", "0")
    _plain(question, "idnumber", q.id)
    if q.kind == "short":
        _plain(question, "usecase", "0")
        for accepted in q.accepted:
            answer = etree.SubElement(question, "answer", {"fraction": "100", "format": "moodle_auto_format"})
            # In a short answer Moodle reads * as "any characters"; \* is the character itself.
            etree.SubElement(answer, "text").text = accepted.replace("*", "\\*")
            _text(answer, "feedback", "", "html")
        return
    right = [c for c in q.choices if c.correct]
    wrong = [c for c in q.choices if not c.correct]
    _plain(question, "single", "true" if q.kind == "single" else "false")
    _plain(question, "shuffleanswers", "0")
    _plain(question, "answernumbering", "ABCD")
    _text(question, "correctfeedback", q.word("correct"), "html")
    _text(question, "partiallycorrectfeedback", q.word("wrong"), "html")
    _text(question, "incorrectfeedback", q.word("wrong"), "html")
    for choice in q.choices:
        if q.kind == "single":
            fraction = "100" if choice.correct else "0"
        else:
            fraction = share(len(right)) if choice.correct else "-" + share(len(wrong))
        answer = etree.SubElement(question, "answer", {"fraction": fraction, "format": "html"})
        text = etree.SubElement(answer, "text")
        body = writer.html(choice.body)
        text.text = etree.CDATA(body) if body and "]]>" not in body else body
        _text(answer, "feedback", "", "html")


def moodle_xml(
    content: Content,
    course: m.Course,
    lang: Lang,
    site_url: str,
    tree: str = "",
    stale_since: Mapping[int, PartialDate] | None = None,
) -> bytes:
    """The questions of ``course`` in ``lang`` as a Moodle XML file (UTF-8, declaration first)."""
    ctx = Ctx(content, lang, stale_since or {})
    root = etree.Element("quiz")
    course_name = _category(inline_text(ctx.plain(course.title)))
    _category_question(root, course_name)
    for place in lessons(course):
        lesson = place.lesson
        if not lesson.questions:
            continue
        label = f"{ctx.word('lesson_n', n=str(place.number))}: {inline_text(ctx.plain(lesson.title))}"
        _category_question(root, f"{course_name}/{_category(label)}")
        writer = public_writer(content, lesson_page(course, lesson), lang, site_url, tree)
        for q in quiz(ctx, lesson, answers=True).questions:
            name = f"{ctx.word('lesson_n', n=str(place.number))} · {q.word('number')}"
            _question(root, writer, name, q)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
