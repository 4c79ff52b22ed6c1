"""Figures drawn at build time as SVG: the project timeline, the organizational changes and the
translation progress. Pure functions from labels to markup; no JavaScript, no style attribute.

Why one module for every output: the site inlines the SVG and the PDF editions embed the same
bytes (Typst reads SVG), so a reader sees the same picture on a phone and on paper. Why
presentation attributes only (``fill=``, ``font-size=``): the site's Content-Security-Policy
has no ``'unsafe-inline'`` for styles, and a ``style`` attribute inside an inline SVG is one.
Why ``currentColor`` for text and lines: the picture follows the page's light or dark scheme.
Why a narrow drawing (400 units) laid out from top to bottom: it stays readable on a 390 px
phone, where a wide horizontal timeline would shrink its text below reading size; long names
wrap by an estimate of their width (Hangul is about one em wide, Latin about half).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from ..model import Lang
from .nodes import Label

WIDTH = 400
FONT = "Noto Sans, Noto Sans CJK KR, Arial, sans-serif"
SIZE = 14
LINE = 18
ACCENT = "#1a4f8b"
"""Drawn marks (not text): dots, arrows. Text and lines use the page's colour."""
PROGRESS_COLOURS = {"current": "#2e7d32", "stale": "#b26a00", "missing": "#8a8a8a"}


@dataclass(frozen=True)
class Point:
    """One entry of a timeline: its formatted date, what happened, and its state."""

    when: str
    what: Label
    state: str
    """``event`` (it happened), ``reached``, ``planned`` or ``unknown`` (a milestone)."""
    state_label: str
    """The state in the reader's language ("" for an event)."""


@dataclass(frozen=True)
class Change:
    """One organizational change: the bodies before, the day, the body after."""

    when: str
    before: tuple[Label, ...]
    after: Label


@dataclass(frozen=True)
class Bar:
    """One language's translation progress: (kind, count, label) segments and a summary line."""

    label: str
    segments: tuple[tuple[str, int, str], ...]
    summary: str


def plain(markdown: str) -> str:
    """A text of the Markdown subset as plain words: links keep their text, marks go."""
    text = re.sub(r"\[([^\[\]\n]+)\]\([^()\s]+\)", r"\1", markdown)
    text = re.sub(r"\*\*([^*\n]+)\*\*|\*([^*\n]+)\*", lambda m: m.group(1) or m.group(2), text)
    return " ".join(text.split())


def _em(char: str) -> float:
    """Estimated advance of ``char`` in ems (the drawing cannot measure text)."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char == " ":
        return 0.28
    if char.isupper() or char in "mwMW":
        return 0.68
    if char in "il.,;:'|!()[]":
        return 0.3
    return 0.55


def text_width(text: str, size: float) -> float:
    """Estimated width of ``text`` at ``size`` (user units)."""
    return sum(_em(c) for c in text) * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` broken at spaces into lines that fit ``width`` (a word longer stays whole)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _text(x: float, y: float, words: str, lang: Lang | None, page: Lang, **attrs: str) -> str:
    """A ``<text>`` element; ``lang`` only when it differs from the page's."""
    extra = "".join(f' {key.replace("_", "-")}="{_esc(value)}"' for key, value in attrs.items())
    lang_attr = f' lang="{lang}"' if lang and lang != page else ""
    return f'<text x="{x:g}" y="{y:g}"{lang_attr}{extra}>{_esc(words)}</text>'


def _svg(figure_id: str, height: float, body: list[str], page: Lang) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:g}" lang="{page}" '
        f'role="img" aria-labelledby="{figure_id}-caption" class="vkc-figure__svg" '
        f'font-family="{FONT}" font-size="{SIZE}" fill="currentColor">' + "".join(body) + "</svg>"
    )


def timeline_svg(figure_id: str, points: list[Point], page: Lang) -> str:
    """A vertical timeline: a rule on the left, a dot per entry (hollow when planned), the
    date in bold and the entry's words wrapped beside it."""
    entries = points
    body: list[str] = []
    y = 8.0
    dots: list[float] = []
    left = 30.0
    for point in entries:
        y += LINE
        dots.append(y - 5)
        head = point.when + (f" · {point.state_label}" if point.state_label else "")
        body.append(_text(left, y, head, None, page, font_weight="bold"))
        for line in wrap(point.what.text, WIDTH - left - 4, SIZE):
            y += LINE
            body.append(_text(left, y, line, point.what.lang, page))
        y += 10
    marks: list[str] = []
    if dots:
        marks.append(
            f'<line x1="12" y1="{dots[0]:g}" x2="12" y2="{dots[-1]:g}" stroke="currentColor" stroke-width="2"/>'
        )
    for dot, point in zip(dots, entries, strict=True):
        if point.state == "planned":
            marks.append(f'<circle cx="12" cy="{dot:g}" r="6" fill="#ffffff" stroke="{ACCENT}" stroke-width="3"/>')
        else:
            marks.append(f'<circle cx="12" cy="{dot:g}" r="6" fill="{ACCENT}" stroke="#ffffff" stroke-width="1.5"/>')
    return _svg(figure_id, y + 4, marks + body, page)


def _box(y: float, label: Label, page: Lang, strong: bool) -> tuple[list[str], float]:
    """A framed name, wrapped; returns its elements and its height."""
    lines = wrap(label.text, WIDTH - 36, SIZE)
    height = len(lines) * LINE + 12
    stroke = "2.5" if strong else "1"
    out = [
        f'<rect x="4" y="{y:g}" width="{WIDTH - 8}" height="{height:g}" rx="6" fill="none" '
        f'stroke="currentColor" stroke-width="{stroke}"/>'
    ]
    for index, line in enumerate(lines):
        attrs = {"font_weight": "bold"} if strong else {}
        out.append(_text(16, y + 6 + LINE * (index + 1) - 4, line, label.lang, page, **attrs))
    return out, height


def changes_svg(figure_id: str, changes: list[Change], page: Lang) -> str:
    """Each change from top to bottom: the bodies before in frames, an arrow with the day,
    the body after in a bold frame."""
    body: list[str] = []
    y = 4.0
    for change in changes:
        for before in change.before:
            parts, height = _box(y, before, page, strong=False)
            body += parts
            y += height + 6
        top, bottom = y, y + 40
        body.append(f'<line x1="40" y1="{top:g}" x2="40" y2="{bottom - 8:g}" stroke="{ACCENT}" stroke-width="3"/>')
        body.append(f'<path d="M32 {bottom - 10:g} L48 {bottom - 10:g} L40 {bottom:g} Z" fill="{ACCENT}"/>')
        body.append(_text(58, top + 25, change.when, None, page, font_weight="bold"))
        y = bottom + 4
        parts, height = _box(y, change.after, page, strong=True)
        body += parts
        y += height + 28
    return _svg(figure_id, max(y - 20, 10), body, page)


def progress_svg(figure_id: str, bars: list[Bar], legend: list[tuple[str, str]], page: Lang) -> str:
    """One stacked bar per language (current, stale, missing), its figures below it, and a
    legend that names each colour (the colours are not the only cue: the figures are words)."""
    body: list[str] = []
    y = 4.0
    x = 4.0
    for kind, label in legend:
        width = text_width(label, SIZE) + 30
        if x + width > WIDTH:
            x, y = 4.0, y + LINE + 4
        body.append(f'<rect x="{x:g}" y="{y + 4:g}" width="14" height="14" fill="{PROGRESS_COLOURS[kind]}"/>')
        body.append(_text(x + 20, y + 16, label, None, page))
        x += width
    y += LINE + 14
    for bar in bars:
        y += LINE
        body.append(_text(4, y, bar.label, None, page, font_weight="bold"))
        y += 6
        total = sum(count for _, count, _ in bar.segments) or 1
        left = 4.0
        for kind, count, _ in bar.segments:
            width = (WIDTH - 8) * count / total
            if width > 0:
                body.append(
                    f'<rect x="{left:.2f}" y="{y:g}" width="{width:.2f}" height="20" fill="{PROGRESS_COLOURS[kind]}"/>'
                )
            left += width
        body.append(
            f'<rect x="4" y="{y:g}" width="{WIDTH - 8}" height="20" fill="none" stroke="currentColor" stroke-width="1"/>'
        )
        y += 20
        for line in wrap(bar.summary, WIDTH - 8, SIZE):
            y += LINE
            body.append(_text(4, y, line, None, page))
        y += 12
    return _svg(figure_id, y, body, page)
