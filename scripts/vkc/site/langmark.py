"""Language of parts: wrap words in another script in ``<span lang>`` on every built page.

Why: a screen reader picks its voice from the nearest ``lang``. Organization names, glossary
terms, source titles and document numbers ("Nghị định 269/2025/NĐ-CP", "아시아경제") appear
untranslated inside English, Korean and Vietnamese text; without a ``lang`` they are read
with the wrong voice (WCAG 3.1.2). The scripts tell the languages apart without guessing:
Hangul is Korean, and the letters ă â đ ê ô ơ ư, ĩ ũ and the tone-marked vowels of the
Latin Extended Additional block are Vietnamese. Runs already inside an element of that
language are left alone. Runs as an mkdocs hook (``on_post_page``) on the whole page, so
navigation and table of contents are covered too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

# Absolute imports: mkdocs loads this file by its path as a hook, outside the package.
from vkc.i18n import t
from vkc.model import Lang

_HANGUL = "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"
_VI_ONLY = "ăâđêôơưĂÂĐÊÔƠƯĩũĨŨ\u1ea0-\u1ef9"
_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
# A run: words that contain a letter of the script, with the words, digits and joiners
# between them ("Học viện Cán bộ", "269/2025/NĐ-CP"; "아시아경제 (Asia" stops before Asia).
_KO_RUN = re.compile(rf"[{_HANGUL}][{_HANGUL}\d]*(?:[\s·]+[{_HANGUL}\d]*[{_HANGUL}][{_HANGUL}\d]*)*")
_VI_WORD = rf"[{_LATIN}\d/.\-]*[{_VI_ONLY}][{_LATIN}\d/.\-]*"
_ACCENTED = rf"[{_LATIN}\d/.\-]*[\u00c0-\u024f\u1e00-\u1eff][{_LATIN}\d/.\-]*"
"""A word with any accented Latin letter ("Cán", "lý"): part of a run next to Vietnamese."""
_VI_RUN = re.compile(rf"(?<![{_LATIN}\d/.\-])(?:{_ACCENTED}\s+)*{_VI_WORD}(?:\s+{_ACCENTED})*(?![{_LATIN}\d])")
_TOKEN = re.compile(r"<!--.*?-->|<[^>]*>|[^<]+", re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_LANG_ATTR = re.compile(r"""\slang=["']?([a-zA-Z-]+)""")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_RAW = {"head", "title", "script", "style", "textarea", "svg", "pre", "code", "template"}
"""Elements whose text is not marked (head, raw text, code, icons)."""


_ANY_KO = re.compile(f"[{_HANGUL}]")
_ANY_VI = re.compile(f"[{_VI_ONLY}]")
"""Cheap tests first: most runs of text hold no letter of another script, and the run patterns
are slow to fail over a long text (they cost a fifth of a page's build before these)."""


def _mark(text: str, lang: str) -> str:
    base = lang.split("-")[0]
    if base != "ko" and _ANY_KO.search(text):
        text = _KO_RUN.sub(lambda m: f'<span lang="ko">{m.group(0)}</span>', text)
    if base in ("en", "ko") and _ANY_VI.search(text):
        # Split on the spans just added, so Vietnamese is never looked for inside them.
        pieces = re.split(r'(<span lang="ko">.*?</span>)', text)
        text = "".join(
            p if p.startswith("<span") else _VI_RUN.sub(lambda m: f'<span lang="vi">{m.group(0)}</span>', p)
            for p in pieces
        )
    return text


_LOOK_FOR = {"vi": _ANY_KO, "ko": _ANY_VI, "en": re.compile(f"[{_HANGUL}{_VI_ONLY}]")}
"""The letters :func:`_mark` acts on in a page of each language."""


def mark_languages(page: str, default: str = "") -> str:
    """``page`` (HTML) with every run of Korean or Vietnamese outside its language in a span.

    Only the page up to the last text that may need a mark is walked: the rest has nothing to
    mark (the walk over every tag was a fifth of a page's build).
    """
    look_for = _LOOK_FOR.get(default.split("-")[0])
    if look_for is None:
        return _walk(page, default)
    cut = 0
    for hit in reversed([m.start() for m in look_for.finditer(page)]):
        if hit < cut:
            continue
        start = page.rfind(">", 0, hit) + 1
        tag = _TAG.match(page, page.rfind("<", 0, start))
        end = page.find("<", hit)
        end = len(page) if end < 0 else end
        own = _LANG_ATTR.search(tag.group(3)) if tag and not tag.group(1) and tag.end() == start else None
        # The first text of an element that says its language (a language switch's "한국어"):
        # what it holds is in that language already, and nothing in it is marked.
        if own and _mark(page[start:end], own.group(1)) == page[start:end]:
            continue
        cut = end
        break
    return _walk(page[:cut], default) + page[cut:] if cut else page


def _walk(page: str, default: str) -> str:
    out: list[str] = []
    stack: list[tuple[str, str]] = []
    raw = 0
    for token in _TOKEN.findall(page):
        tag = _TAG.match(token)
        if tag:
            closing, name = tag.group(1), tag.group(2).lower()
            if closing:
                for i in range(len(stack) - 1, -1, -1):
                    if stack[i][0] == name:
                        raw -= sum(1 for n, _ in stack[i:] if n in _RAW)
                        del stack[i:]
                        break
            elif name not in _VOID and not token.endswith("/>"):
                found = _LANG_ATTR.search(tag.group(3))
                stack.append((name, found.group(1) if found else (stack[-1][1] if stack else default)))
                raw += name in _RAW
            out.append(token)
        elif token.startswith("<") or raw:
            out.append(token)
        else:
            out.append(_mark(token, stack[-1][1] if stack else default))
    return "".join(out)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """mkdocs hook: mark the languages of the finished page."""
    return mark_languages(output, str(config["theme"]["language"]))


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """mkdocs hook: the same for theme templates rendered on their own (404.html)."""
    return (
        mark_languages(output_content, str(config["theme"]["language"]))
        if template_name.endswith(".html")
        else output_content
    )


def localize_palette(palette: Any, lang: Lang) -> Any:
    """The theme's palette list with each toggle named in ``lang`` (light first, then dark)."""
    if not isinstance(palette, list):
        return palette
    # Spoken as aria-label: one language, the page's.
    names = (t("palette_dark", lang), t("palette_light", lang))
    return [
        {**entry, "toggle": {**entry["toggle"], "name": names[min(i, 1)]}}
        if isinstance(entry, dict) and isinstance(entry.get("toggle"), dict)
        else entry
        for i, entry in enumerate(palette)
    ]


def write_headers(root: Path, policy: str) -> None:
    """``_headers`` (Netlify / Cloudflare Pages format) with the site's security headers.

    Why a file as well as the meta tag: ``frame-ancestors`` works only as a header, and a
    header covers files that are not HTML (the search index, the downloads).
    """
    if not policy:
        return
    lines = [
        "/*",
        f"  Content-Security-Policy: {policy}; frame-ancestors 'none'",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: no-referrer",
        "  X-Frame-Options: DENY",
        "",
    ]
    (root / "_headers").write_text("\n".join(lines), encoding="utf-8")
