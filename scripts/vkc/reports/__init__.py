"""Printable editions (PDF and DOCX) of the guideline and the project report.

Interface used by the site build: :func:`write_editions` writes every edition of the
content into the `downloads/` folder of the tree being published.
"""

from __future__ import annotations

from pathlib import Path

from ..content import Content


def write_editions(content: Content, downloads: Path) -> list[Path]:
    """Write all editions into ``downloads``; returns the files written. (Stub: none yet.)"""
    downloads.mkdir(parents=True, exist_ok=True)
    return []
