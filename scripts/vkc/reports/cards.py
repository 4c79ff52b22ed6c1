"""Link-preview card images (Open Graph ``og:image``): one 1200x630 PNG per page and language,
rendered with Typst and the editions' Noto fonts.

Why Typst and not Material's social plugin: the plugin downloads its fonts at build time
(which fails offline) and its default font has no Hangul; Typst is already the editions'
typesetter, and with Noto Sans and Noto Sans CJK KR it sets stacked Vietnamese diacritics
and Hangul correctly. The same inputs always give the same bytes (no clock, no system font),
so a card is rendered once and reused while its digest (:func:`card_digest`) is unchanged.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path

import typst

from .render import FONT_DIRS, ReportError, font_set

TEMPLATE = Path(__file__).with_name("card.typ")
PPI = 144.0
"""600 x 315 pt at 144 pixels per inch: 1200 x 630 pixels."""


@dataclass(frozen=True)
class Card:
    """The words on one card, plain text."""

    lang: str
    site: str
    """The publication's title."""
    title: str
    """The page's title."""
    description: str
    footer: str
    """The language's name and the site's host."""

    def inputs(self) -> dict[str, str]:
        """The Typst ``sys.inputs``, with the title's size chosen by its length."""
        size = 30 if len(self.title) <= 40 else 25 if len(self.title) <= 80 else 20
        return {**asdict(self), "title_size": str(size)}


def card_digest(card: Card) -> str:
    """Digest of everything a card's bytes depend on: its words, the template, Typst's version
    and the font files."""
    digest = hashlib.sha256()
    digest.update(json.dumps(card.inputs(), sort_keys=True, ensure_ascii=False).encode("utf-8"))
    digest.update(TEMPLATE.read_bytes())
    digest.update(f"typst {version('typst')} ppi {PPI} fonts {_fonts()}".encode())
    return digest.hexdigest()


@functools.cache
def _fonts() -> str:
    """The font files' names and sizes (a Debian font update changes the glyphs)."""
    digest = hashlib.sha256()
    for folder in FONT_DIRS:
        for path in sorted(Path(folder).glob("*")) if Path(folder).is_dir() else []:
            digest.update(f"{path.name} {path.stat().st_size}\n".encode())
    return digest.hexdigest()


def render_card(card: Card) -> bytes:
    """The card as PNG bytes."""
    compiler = typst.Compiler(
        font_paths=font_set(), ignore_system_fonts=True, root=str(TEMPLATE.parent), sys_inputs=card.inputs()
    )
    try:
        result, warnings = compiler.compile_with_warnings(TEMPLATE.read_bytes(), format="png", ppi=PPI)
    except typst.TypstError as exc:
        raise ReportError(f"typst failed for the card of {card.title!r}: {exc.message}") from exc
    problems = sorted({w.message for w in warnings if "font" in w.message})
    if problems:
        raise ReportError(f"card of {card.title!r}: " + "; ".join(problems))
    if not isinstance(result, bytes):
        raise ReportError(f"typst returned no single PNG for the card of {card.title!r}")
    return result
