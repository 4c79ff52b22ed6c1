"""Language of parts (WCAG 3.1.1, 3.1.2) beyond what axe checks: axe validates `lang` values,
it cannot see that Korean text sits in an element marked English.

The checker walks the HTML keeping the nearest `lang` of every text node and of the
attributes a screen reader speaks (aria-label, title, alt, placeholder).
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯĩũĨŨ\u1ea0-\u1ef9]")
"""Letters that occur in Vietnamese and not in English (ă â đ ê ô ơ ư, tone-marked vowels of
the Latin Extended Additional block, ĩ ũ). Latin-1 letters such as é are left out: English
and French words use them too."""

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPOKEN_ATTRS = ("aria-label", "title", "alt", "placeholder")
SKIP = {"script", "style", "svg", "template", "title"}
"""Not checked: raw text, icons, and <title> (plain text: it cannot hold a <span lang>)."""
UNMARKABLE = {"nav"}
"""Elements whose spoken attributes repeat a heading (Material labels a navigation section
with its title): attribute text cannot carry a ``lang``; the visible heading is marked."""


def _base(lang: str) -> str:
    return lang.split("-")[0].lower()


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.html_lang = ""
        self.problems: list[str] = []
        self.skip = 0

    def _lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        lang = values.get("lang", self._lang()) if "lang" in values else self._lang()
        if tag == "html":
            self.html_lang = values.get("lang", "")
        for name in SPOKEN_ATTRS:
            if values.get(name) and tag not in UNMARKABLE:
                self._text(values[name], lang, f"<{tag} {name}>")
        if tag in VOID:
            return
        self.stack.append((tag, lang))
        if tag in SKIP:
            self.skip += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for closed, _ in self.stack[i:]:
                    if closed in SKIP:
                        self.skip -= 1
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skip and data.strip():
            where = "/".join(t for t, _ in self.stack[-3:])
            self._text(data, self._lang(), where)

    def _text(self, text: str, lang: str, where: str) -> None:
        text = unicodedata.normalize("NFC", text)
        base = _base(lang)
        if base != "ko" and HANGUL.search(text):
            self.problems.append(f"Hangul in lang={lang or '(none)'} at {where}: {text.strip()[:60]!r}")
        if base in ("en", "ko") and VIETNAMESE.search(text):
            self.problems.append(f"Vietnamese letters in lang={lang} at {where}: {text.strip()[:60]!r}")


def language_problems(html: str, expected: str) -> list[str]:
    """Wrongly marked language in one page whose language is ``expected``."""
    walker = _Walker()
    walker.feed(html)
    walker.close()
    problems = list(walker.problems)
    if walker.html_lang != expected:
        problems.insert(0, f"<html lang={walker.html_lang!r}>, expected {expected!r}")
    return problems


SWITCH = re.compile(r"<a\b[^>]*\bclass=\"[^\"]*\b(?:md-select__link|vkc-lang-link)\b[^\"]*\"[^>]*>\s*([^<]*?)\s*</a>")
_ATTR = re.compile(r"""\s(lang|hreflang)="([^"]*)\"""")
NAMES = {"Tiếng Việt": "vi", "English": "en", "한국어": "ko"}


def switcher_problems(html: str) -> list[str]:
    """Language-switcher links whose `lang`/`hreflang` do not match the language they name."""
    problems = []
    found = 0
    for match in SWITCH.finditer(html):
        found += 1
        attrs = dict(_ATTR.findall(match.group(0)))
        want = NAMES.get(match.group(1))
        if want is None or attrs.get("lang") != want or attrs.get("hreflang") != want:
            problems.append(f"switcher item {match.group(0)[:120]!r}: expected lang=hreflang={want}")
    if not found:
        problems.append("no language switcher")
    return problems
