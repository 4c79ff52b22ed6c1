"""The translation-status page for translators (Markdown, one per site language)."""

from __future__ import annotations

from .content import Content
from .model import Lang


def render_status_page(content: Content, lang: Lang) -> str:
    """Markdown body of the translation-status page in ``lang``. (Stub.)"""
    return ""
