"""Glossary exports for translators' tools (TBX and CSV)."""

from __future__ import annotations

from pathlib import Path

from .content import Content


def write_glossary_exports(content: Content, downloads: Path) -> list[Path]:
    """Write the glossary as TBX and CSV into ``downloads``; returns the files. (Stub: none yet.)"""
    return []
