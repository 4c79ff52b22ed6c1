"""A page document as Markdown for mkdocs and Material: only markup, nothing decided here.

Why a renderer of its own: every word and every notice comes from the document
(:mod:`vkc.document`); this module escapes content text through :mod:`.markdown` (so content
never reaches mkdocs as markup) and chooses Material's constructs: admonitions for notices,
``{#id}`` attribute lists for anchors, raw HTML only for what Markdown cannot say (``lang``,
small print, badges).
"""

from __future__ import annotations

import html
import itertools
import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from ..document.figures import plain
from ..document.nodes import (
    Anchor,
    Badge,
    Block,
    Body,
    Cite,
    Code,
    Data,
    Document,
    Emph,
    Fields,
    Figure,
    File,
    Files,
    Group,
    Heading,
    Inline,
    Items,
    Lang_,
    Mark,
    Notice,
    PageRef,
    Pair,
    Para,
    Question,
    Quiz,
    Ref,
    Says,
    Small,
    Strong,
    Table,
    TermUse,
    Url,
    Words,
)
from ..i18n import format_partial
from ..model import Lang, PartialDate
from . import markdown as md

_ADMONITION = {"missing": "note vkc-missing", "stale": "warning vkc-stale", "illustrative": "example vkc-illustrative"}


@dataclass(frozen=True)
class Page:
    """One generated page in one language, as mkdocs reads it."""

    path: str
    """Path under the language's docs folder, the same in every language."""
    title: str
    """Navigation title, HTML-escaped (the theme inserts it as markup)."""
    markdown: str
    """The page, front matter included."""
    changed: str = ""
    """ISO date of the last change of what the page shows."""


@dataclass(frozen=True)
class Writer:
    """Writes the documents of one page path in one language."""

    path: str
    """The page's path, e.g. ``guideline/part-a.md``: links are made relative to it."""
    lang: Lang
    pages: Mapping[str, str]
    """The page of every record id."""
    prefix: str = ""
    """Where the tree of pages sits under the language's root (``versions/v1/`` for an earlier
    version): links between its pages stay relative; links to ``downloads/`` gain the prefix."""
    _tips: itertools.count[int] = field(default_factory=itertools.count, compare=False, repr=False)
    """Numbers the glossary tooltips of the page (a term may be linked in several sections)."""

    # -- inline ------------------------------------------------------------------------------

    def inline(self, runs: Inline) -> str:
        """Inline runs as Markdown."""
        return "".join(self._run(run) for run in runs)

    def _run(self, run: object) -> str:
        if isinstance(run, Words):
            return md.escape(run.text)
        if isinstance(run, Says):
            text = run.text
            own = md.inline(text.words)
            if text.state == "missing":
                own = f'<span lang="vi">{own}</span>'
            if not run.notes:
                return own
            notes = text.notes()
            kinds = ["missing"] if text.state == "missing" else []
            kinds += ["proposed"] if text.proposed else []
            kinds += ["stale"] if text.state == "stale" else []
            for kind, note in zip(kinds, notes, strict=True):
                own += f' <small class="vkc-{kind}">({md.escape(note)})</small>'
            return own
        if isinstance(run, Ref):
            page = self.pages.get(run.record_id)
            label = self.inline(run.label)
            return f"[{label}]({self.href(page, run.record_id)})" if page else label
        if isinstance(run, PageRef):
            return f"[{self.inline(run.label)}]({self.href(run.path, run.anchor)})"
        if isinstance(run, Url):
            url = md.safe_url(run.href)
            return f"[{self.inline(run.label)}]({url})" if url else self.inline(run.label)
        if isinstance(run, File):
            return f'<a href="{html.escape(self.download(run.name))}">{self.inline(run.label)}</a>'
        if isinstance(run, Strong):
            return f"**{self.inline(run.body)}**"
        if isinstance(run, Emph):
            return f"*{self.inline(run.body)}*"
        if isinstance(run, Small):
            cls = f' class="vkc-{run.role}"' if run.role else ""
            return f"<small{cls}>{self.inline(run.body)}</small>"
        if isinstance(run, Lang_):
            return f'<span lang="{run.lang}">{self.inline(run.body)}</span>'
        if isinstance(run, Anchor):
            return f'<span id="{run.id}"></span>{self.inline(run.body)}'
        if isinstance(run, Cite):
            links = "; ".join(f"[{md.escape(s.short)}]({self.href('sources.md', s.id)})" for s in run.sources)
            label = f"{md.escape(run.label)}: " if run.label else ""
            return f'<small class="vkc-cite">{label}{links}</small>'
        if isinstance(run, Code):
            return f"`{run.text}`"
        if isinstance(run, Badge):
            return f'<span class="vkc-badge vkc-badge--{run.kind}">{html.escape(run.label)}</span>'
        if isinstance(run, Mark):
            return f'<small class="vkc-{run.kind}">({html.escape(run.label)})</small>'
        if isinstance(run, Data):
            return f'<data value="{html.escape(run.value)}">{self.inline(run.body)}</data>'
        raise TypeError(f"no Markdown for {type(run).__name__}")

    def href(self, target_page: str, anchor: str = "") -> str:
        """Relative Markdown link target from this page to ``target_page#anchor``."""
        if target_page == self.path:
            return f"#{anchor}" if anchor else "#"
        rel = posixpath.relpath(target_page, posixpath.dirname(self.path) or ".")
        return f"{rel}#{anchor}" if anchor else rel

    def url(self, target_page: str, anchor: str = "") -> str:
        """The address of ``target_page#anchor`` relative to this page's URL, for raw HTML
        (mkdocs rewrites ``.md`` links only in Markdown): pages are directory URLs."""
        if target_page == self.path:
            return f"#{anchor}" if anchor else "#"
        up = "../" * (self.path.count("/") + (0 if self.path.endswith("index.md") else 1))
        if target_page == "index.md" or target_page.endswith("/index.md"):
            folder = target_page[: -len("index.md")]
        else:
            folder = target_page[: -len(".md")] + "/"
        return f"{up}{folder}#{anchor}" if anchor else f"{up}{folder}"

    def root(self) -> str:
        """The way up from this page's URL to the site's root (pages are directory URLs)."""
        depth = self.path.count("/") + (0 if self.path.endswith("index.md") else 1) + (0 if self.lang == "vi" else 1)
        return "../" * (depth + self.prefix.count("/"))

    def download(self, name: str) -> str:
        """The address of a published file (``name`` relative to this tree's ``downloads/``)."""
        return f"{self.root()}downloads/{quote(self.prefix + name)}"

    # -- blocks ------------------------------------------------------------------------------

    def blocks(self, blocks: tuple[Block, ...] | list[Block]) -> str:
        """Blocks as Markdown, separated by blank lines."""
        return "\n\n".join(out for out in (self.block(b) for b in blocks) if out)

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            anchor = f" {{#{block.anchor}}}" if block.anchor else ""
            out = f"{'#' * min(block.level, 6)} {self.inline(block.title)}{anchor}"
            if block.notes:
                # A raw HTML block: Markdown escapes do not apply inside it, HTML escapes do.
                notes = " ".join(f"({html.escape(n)})" for n in block.notes)
                out += f'\n\n<p class="vkc-heading-note"><small>{notes}</small></p>'
            return out
        if isinstance(block, Para):
            body = self.inline(block.body)
            if block.role == "quote":
                return f"> {body}"
            if block.role in ("succeeded", "citation-text"):
                return f'<p class="vkc-{block.role}" markdown="1">{body}</p>'
            return body
        if isinstance(block, Body):
            text = md.blocks(block.text.words, self._terms(block.terms)) if block.terms else md.blocks(block.text.words)
            notice = block.notice
            if notice is None:
                return text
            if notice.kind == "missing":
                return f'{self.block(notice)}\n\n<div lang="vi" markdown="1">\n\n{text}\n\n</div>'
            return f"{self.block(notice)}\n\n{text}"
        if isinstance(block, Notice):
            return f'!!! {_ADMONITION[block.kind]} "{block.title}"\n\n    {md.escape(block.body)}'
        if isinstance(block, Fields):
            return "\n".join(f"- **{md.escape(label)}:** {self.inline(value)}" for label, value in block.items)
        if isinstance(block, Items):
            lines = []
            for item, subs in block.items:
                lines.append(f"- {self.inline(item)}")
                lines.extend(f"    - {self.inline(sub)}" for sub in subs)
            return "\n".join(lines)
        if isinstance(block, Table):
            align = block.align or "l" * len(block.headers)
            lines = ["| " + " | ".join(self.inline(h) for h in block.headers) + " |"]
            lines.append("|" + "|".join("--:" if a == "r" else "---" for a in align) + "|")
            lines += ["| " + " | ".join(self.inline(c) for c in row) + " |" for row in block.rows]
            return "\n".join(lines)
        if isinstance(block, Group):
            attrs = (f' class="vkc-{block.role}"' if block.role else "") + (
                f' lang="{block.lang}"' if block.lang else ""
            )
            return f'<div{attrs} markdown="1">\n\n{self.blocks(block.blocks)}\n\n</div>'
        if isinstance(block, Pair):
            return self.blocks([Group(block.left, lang=block.left_lang), Group(block.right, lang=block.right_lang)])
        if isinstance(block, Figure):
            # A raw HTML block (no blank line inside): Markdown leaves the SVG alone. The SVG is
            # labelled by the caption, and the table after it says the same in words.
            figure = (
                f'<figure class="vkc-figure vkc-figure--{block.role}" id="{block.id}">\n{block.svg}\n'
                f'<figcaption id="{block.id}-caption">{html.escape(block.caption)}</figcaption>\n</figure>'
            )
            return f"{figure}\n\n{self.block(block.table)}"
        if isinstance(block, Files) and block.cards:
            # One card per file: the link, then what it is, in the page's language.
            lines = [
                f'- <a href="{html.escape(self.download(name))}">{html.escape(posixpath.basename(name))}</a>'
                f'<br><small class="vkc-card">{self.inline(card)}</small>'
                for name, card in zip(block.names, block.cards, strict=True)
            ]
            label = f"{md.escape(block.label)}:\n\n" if block.label else ""
            return f'<div class="vkc-{block.role}" markdown="1">\n\n{label}' + "\n".join(lines) + "\n\n</div>"
        if isinstance(block, Files):
            if block.role == "downloads":
                items = [
                    f'<li><a href="{html.escape(self.download(name))}">{html.escape(name)}</a></li>'
                    for name in block.names
                ]
                return '<ul class="vkc-downloads">\n' + "\n".join(items) + "\n</ul>"
            links = [
                f'<a href="{html.escape(self.download(name))}">{posixpath.basename(name)}</a>' for name in block.names
            ]
            return f'<p class="vkc-open-data">{html.escape(block.label)}: ' + " · ".join(links) + "</p>"
        if isinstance(block, Quiz):
            return self.quiz(block)
        raise TypeError(f"no Markdown for {type(block).__name__}")

    # -- self-check questions ----------------------------------------------------------------

    def html(self, runs: Inline) -> str:
        """Inline runs as HTML, for the raw HTML of a form (Markdown is not read inside it)."""
        out: list[str] = []
        for run in runs:
            if isinstance(run, Words):
                out.append(html.escape(run.text))
            elif isinstance(run, Says):
                own = html.escape(plain(run.text.words))
                out.append(f'<span lang="vi">{own}</span>' if run.text.state == "missing" else own)
            elif isinstance(run, PageRef):
                out.append(f'<a href="{html.escape(self.url(run.path, run.anchor))}">{self.html(run.label)}</a>')
            elif isinstance(run, Ref):
                page = self.pages.get(run.record_id)
                label = self.html(run.label)
                out.append(f'<a href="{html.escape(self.url(page, run.record_id))}">{label}</a>' if page else label)
            elif isinstance(run, Strong):
                out.append(f"<strong>{self.html(run.body)}</strong>")
            elif isinstance(run, Small | Emph | Lang_):
                out.append(self.html(run.body))
            else:
                raise TypeError(f"no HTML for {type(run).__name__}")
        return "".join(out)

    def quiz(self, quiz: Quiz) -> str:
        """The self-check as native controls (radio buttons, check boxes, a text field in a
        fieldset with its legend): answered with the keyboard and a screen reader, checked by
        ``vkc-quiz.js`` in the browser, with no server. No ``<form>``: nothing is submitted,
        and the build refuses forms inside page text (:mod:`vkc.publish.check`). The script gets its words from the
        data- attributes and announces the verdict and the explanation in a live region; the
        progress stays in the reader's localStorage. Raw HTML without blank lines: Markdown
        leaves it alone."""
        first = quiz.questions[0] if quiz.questions else None
        data = {
            "data-vkc-quiz": quiz.id,
            "data-progress": quiz.word("progress"),
            "data-cleared": quiz.word("cleared"),
            "data-correct": first.word("correct") if first else "",
            "data-wrong": first.word("wrong") if first else "",
            "data-empty": first.word("empty") if first else "",
        }
        attrs = " ".join(f'{key}="{html.escape(value)}"' for key, value in data.items())
        parts = [f'<div class="vkc-quiz" {attrs}>']
        parts += [self.question(q) for q in quiz.questions]
        parts.append(
            '<p class="vkc-quiz__footer"><button type="button" class="md-button vkc-quiz__clear" hidden>'
            f'{html.escape(quiz.word("clear"))}</button> <span class="vkc-quiz__status" role="status"></span></p>'
        )
        parts.append("</div>")
        return "\n".join(parts)

    def question(self, q: Question) -> str:
        """One question: a fieldset, a Check button and a live region (see :meth:`quiz`)."""
        hint = f"{q.id}-hint"
        data = f'data-kind="{q.kind}"'
        if q.answers and q.choices:
            data += f' data-answer="{html.escape(" ".join(c.id for c in q.choices if c.correct))}"'
        if q.answers and q.kind == "short":
            data += f" data-accepted='{html.escape(json.dumps(list(q.accepted), ensure_ascii=False), quote=True)}'"
        lines = [
            f'<div class="vkc-question" id="{q.id}" {data}>',
            f'<fieldset aria-describedby="{hint}">',
            f'<legend><span class="vkc-question__number">{html.escape(q.word("number"))}.</span> '
            f"{self.html(q.prompt)}</legend>",
            f'<p class="vkc-question__hint" id="{hint}">{html.escape(q.word("kind"))}</p>',
        ]
        kind = "radio" if q.kind == "single" else "checkbox"
        for choice in q.choices:
            field_id = f"{q.id}-{choice.id}"
            lines.append(
                f'<div class="vkc-choice"><input type="{kind}" name="{q.id}" id="{field_id}" '
                f'value="{html.escape(choice.id)}"> <label for="{field_id}">{self.html(choice.body)}</label></div>'
            )
        if q.kind == "short":
            field_id = f"{q.id}-text"
            lines.append(
                f'<div class="vkc-choice vkc-choice--short"><label for="{field_id}">'
                f'{html.escape(q.word("answer_line"))}</label> <input type="text" name="{q.id}" id="{field_id}" '
                'autocomplete="off" spellcheck="false"></div>'
            )
        lines += [
            "</fieldset>",
            f'<p class="vkc-question__actions"><button type="button" class="md-button vkc-question__check" hidden>'
            f"{html.escape(q.word('check'))}</button></p>",
            '<div class="vkc-question__result" aria-live="polite"><p class="vkc-question__verdict"></p>',
            f'<p class="vkc-question__feedback" hidden><strong>{html.escape(q.word("feedback"))}:</strong> '
            f"{self.html(q.feedback)}</p></div>",
            f'<p class="vkc-question__see">{html.escape(q.word("see"))}: {self.html((q.see,))}</p>',
            "</div>",
        ]
        return "\n".join(lines)

    # -- glossary terms --------------------------------------------------------------------

    def _terms(self, uses: tuple[TermUse, ...]) -> md.Marker:
        """A marker that links each term of ``uses`` at its first occurrence in plain text."""
        left = list(uses)

        def mark(segment: str) -> str:
            out: list[str] = []
            rest = segment
            while left:
                found = [(m.start(), m.end(), use) for use in left if (m := _phrase(use.phrase).search(rest))]
                if not found:
                    break
                start, end, use = min(found, key=lambda f: f[0])
                out += [md.escape(rest[:start]), self.term(use, rest[start:end])]
                left.remove(use)
                rest = rest[end:]
            out.append(md.escape(rest))
            return "".join(out)

        return mark

    def term(self, use: TermUse, words: str) -> str:
        """``words`` linked to the term's glossary entry, with a tooltip that CSS shows on hover
        and keyboard focus (no script needed): the definition in the page's language and the
        term in vi, en and ko. The link is described by the tooltip for screen readers."""
        tip = f"vkc-tip-{use.term_id}-{next(self._tips)}"
        link = f'[{md.escape(words)}]({self.href("glossary.md", use.term_id)}){{: aria-describedby="{tip}" }}'
        parts = []
        if use.definition is not None:
            lang = f' lang="{use.definition.lang}"' if use.definition.lang != self.lang else ""
            parts.append(f'<span class="vkc-term__def"{lang}>{md.escape(plain(use.definition.words))}</span>')
        names = " · ".join(f'<span lang="{code}">{md.escape(name)}</span>' for code, name in use.renderings)
        parts.append(f'<span class="vkc-term__names">{names}</span>')
        return (
            f'<span class="vkc-term">{link}<span class="vkc-term__tip" id="{tip}" role="tooltip">'
            + "".join(parts)
            + "</span></span>"
        )


def _phrase(phrase: str) -> re.Pattern[str]:
    """Where a term's words occur in a run of text: at a word start, any case."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}", re.IGNORECASE)


_NOT_PRINTABLE_ASCII = re.compile(r"[^\x00-\x7e]")
"""What JSON leaves raw and a YAML reader may refuse: DEL and everything beyond ASCII."""


def _yaml_scalar(value: str | bool) -> str:
    """``value`` as a YAML scalar in ASCII: JSON, with YAML's own escapes for what is not ASCII.

    Why JSON: its strings are valid YAML scalars, so no editor text can break out of the front
    matter. Why ASCII: YAML refuses raw control characters (U+0087 in a title crashed mkdocs'
    front-matter reader; JSON leaves U+007F raw). Why not JSON's own escapes: it writes a
    character beyond U+FFFF (an emoji) as a surrogate pair, which libyaml - mkdocs reads front
    matter with it - refuses, and the page then lost its whole front matter (all found by
    tests/test_gates_fuzz.py).
    """
    return _NOT_PRINTABLE_ASCII.sub(
        lambda m: f"\\u{ord(m[0]):04x}" if ord(m[0]) <= 0xFFFF else f"\\U{ord(m[0]):08x}",
        json.dumps(value, ensure_ascii=False),
    )


def page_markdown(
    doc: Document,
    pages: Mapping[str, str],
    repo_url: str,
    fallback_date: PartialDate,
    head: tuple[str, str] | None = None,
    *,
    prefix: str = "",
    extra: Mapping[str, str] | None = None,
) -> Page:
    """The page of ``doc``: front matter (title, dates, edit link, head tags) and the body.

    ``fallback_date``: the day the page says it changed when none of its files has a date;
    ``head``: the page's meta description and ``<head>`` tags (:func:`vkc.site.meta.page_head`),
    both escaped for HTML already; ``prefix``: where the page's tree sits (an earlier version's
    ``versions/ID/``); ``extra``: more front-matter keys for the theme (an earlier version's
    banner and canonical address).
    """
    writer = Writer(doc.path, doc.lang, pages, prefix)
    body = re.sub(r"\n{3,}", "\n\n", writer.blocks(doc.blocks).strip())
    last = doc.changed or fallback_date
    meta: dict[str, str | bool] = {
        # An explicit title: otherwise mkdocs takes the h1's text, unescaped, and the theme
        # inserts it into <title> as markup.
        "title": html.escape(doc.title),
        "vkc_generated": True,
        "vkc_changed": format_partial(last, doc.lang),
        "vkc_changed_iso": str(last),
    }
    meta.update(extra or {})
    if head is not None:
        # Material prints `description` as <meta name="description">; overrides/main.html
        # prints `vkc_head` (Open Graph, Twitter card, JSON-LD).
        meta["description"], meta["vkc_head"] = head
    if repo_url and doc.files:
        # The file most of the page came from: the first in sorted order keeps it stable.
        meta["edit_url"] = f"{repo_url.rstrip('/')}/edit/main/content/{doc.files[0]}"
    front = "---\n" + "\n".join(f"{key}: {_yaml_scalar(value)}" for key, value in meta.items()) + "\n---\n"
    return Page(prefix + doc.path, html.escape(doc.title), f"{front}\n{body}\n", str(last))
