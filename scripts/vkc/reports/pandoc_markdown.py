"""An edition document as pandoc Markdown: escaping and markup only, nothing decided here.

Why: content text is untrusted (it comes from pull requests), so plain text is escaped and
bodies are reduced to the documented subset before they reach pandoc; every notice and word
comes from the document (:mod:`vkc.document.editions`), so the PDF and the DOCX say what the
site says. Classes on spans (``untranslated``, ``stale``, ``proposed``, ``illustrative``)
are coloured by the Lua filter.
"""

from __future__ import annotations

import re

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
    Url,
    Words,
)

# Every ASCII punctuation character pandoc could read as markup; "." too, so that "..." stays
# three full stops instead of becoming an ellipsis (smart typography).
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|$@~^&\"'.-])")
_BLOCK_START = re.compile(r"^(\s*)(#|:::|---|\+\+\+|\||>|```|~~~|=|\[\^|%)", re.MULTILINE)
_NOTICE_CLASS = {"missing": "untranslated", "stale": "stale", "illustrative": "illustrative"}


def esc(text: str) -> str:
    """``text`` as literal Markdown inline text: every markup character escaped, one line.

    Runs of white space become one space, kept at the ends: words are joined to the runs
    beside them.
    """
    return _INLINE_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def body_md(text: str) -> str:
    """A body in the Markdown subset, made safe to embed.

    Why: a body may hold paragraphs, lists, bold, italic and links; a line that would open a
    heading, a fenced div, a metadata block, a code fence or a table would change the
    document's structure (or close the div it sits in), so its first character is escaped.
    Raw HTML, raw Typst and math are switched off in the reader (see :mod:`.render`).
    """
    lines = text.replace("\r\n", "\n").strip().split("\n")
    return "\n".join(_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line) for line in lines)


def inline_md(text: str) -> str:
    """A body squeezed onto one line, for a table cell (lists become running text)."""
    return body_md(" ".join(text.split())).replace("|", "\\|")


class Writer:
    """Writes one edition document; ``anchors`` are the ids a link may point to inside it."""

    def __init__(self, doc: Document) -> None:
        self.anchors = _anchors(doc.blocks)

    def inline(self, runs: Inline) -> str:
        """Inline runs as pandoc Markdown."""
        out: list[str] = []
        for run in runs:
            if isinstance(run, Words):
                out.append(esc(run.text))
            elif isinstance(run, Says):
                out.append(self._says(run))
            elif isinstance(run, Ref):
                label = self.inline(run.label)
                out.append(f"[{label}](#{run.record_id})" if run.record_id in self.anchors else label)
            elif isinstance(run, PageRef | File):
                out.append(self.inline(run.label))
            elif isinstance(run, Data):
                out.append(self.inline(run.body))
            elif isinstance(run, Url):
                if run.label == (Words(run.href),):
                    out.append(f"<{run.href.replace('>', '%3E')}>")
                else:
                    out.append(f"[{self.inline(run.label)}]({run.href.replace(')', '%29')})")
            elif isinstance(run, Strong):
                out.append(f"**{self.inline(run.body)}**")
            elif isinstance(run, Emph):
                out.append(f"*{self.inline(run.body)}*")
            elif isinstance(run, Small):
                body = self.inline(run.body)
                out.append(f"[{body}]{{.{run.role}}}" if run.role else body)
            elif isinstance(run, Lang_):
                out.append(f"[{self.inline(run.body)}]{{lang={run.lang}}}")
            elif isinstance(run, Anchor):
                out.append(f"[{self.inline(run.body)}]{{#{run.id}}}")
            elif isinstance(run, Cite):
                numbered = sorted({(s.number, s.id) for s in run.sources})
                links = ", ".join(f"[\\[{number}\\]](#{source_id})" for number, source_id in numbered)
                out.append(f"*{esc(run.label)}:* {links}" if run.label else links)
            elif isinstance(run, Code):
                out.append(f"`{run.text}`")
            elif isinstance(run, Badge):
                out.append(f"[{esc(run.label)}]{{.badge}}")
            elif isinstance(run, Mark):
                out.append(f"[**\\[{esc(run.label)}\\]**]{{.{run.kind}}}")
            else:
                raise TypeError(f"no pandoc Markdown for {type(run).__name__}")
        return "".join(out)

    def _says(self, run: Says) -> str:
        text = run.text
        own = inline_md(text.words) if run.flat else esc(text.words)
        if text.state == "missing":
            own = f"[{own}]{{lang=vi}}"
        if not run.notes:
            return own
        if text.state == "missing":
            own += f" [\\[{esc(text.missing_short)}\\]]{{.untranslated}}"
        if text.proposed:
            own += f" [({esc(text.proposed_note)})]{{.proposed}}"
        if text.state == "stale":
            own += f" [({esc(text.stale_note)})]{{.stale}}"
        return own

    def blocks(self, blocks: tuple[Block, ...] | list[Block]) -> str:
        """Blocks as pandoc Markdown, separated by blank lines."""
        return "\n".join(out for out in (self.block(b) for b in blocks) if out)

    def block(self, block: Block) -> str:
        """One block, ending with a new line."""
        if isinstance(block, Heading):
            # Numbers are part of the title (the site's numbers), never pandoc's.
            anchor = f" {{#{block.anchor}}}" if block.anchor else ""
            out = f"{'#' * min(block.level, 6)} {self.inline(block.title)}{anchor}\n"
            if block.notes:
                out += "\n[" + " ".join(f"({esc(n)})" for n in block.notes) + "]{.heading-note}\n"
            return out
        if isinstance(block, Para):
            return self.inline(block.body) + "\n"
        if isinstance(block, Body):
            text = body_md(block.text.words)
            if block.notice is None:
                return text + "\n"
            notice = self.block(block.notice)
            if block.notice.kind == "missing":
                return f"{notice}\n::: {{lang=vi}}\n{text}\n:::\n"
            return f"{notice}\n{text}\n"
        if isinstance(block, Notice):
            cls = _NOTICE_CLASS[block.kind]
            return f"::: {{.notice .{cls}}}\n[**{esc(block.title)}:** {esc(block.body)}]{{.{cls}}}\n:::\n"
        if isinstance(block, Fields):
            return "\n".join(f"- **{esc(label)}:** {self.inline(value)}" for label, value in block.items) + "\n"
        if isinstance(block, Items):
            lines = []
            for item, subs in block.items:
                lines.append(f"- {self.inline(item)}")
                lines.extend(f"    - {self.inline(sub)}" for sub in subs)
            return "\n".join(lines) + "\n"
        if isinstance(block, Table):
            return self._table(block)
        if isinstance(block, Group):
            attrs = " ".join(
                ([f".{block.role}"] if block.role else []) + ([f"lang={block.lang}"] if block.lang else [])
            )
            return f"::: {{{attrs}}}\n{self.blocks(block.blocks)}\n:::\n"
        if isinstance(block, Pair):
            left = self.blocks(block.left).rstrip("\n") or " "
            right = self.blocks(block.right).rstrip("\n") or " "
            return (
                f"::::: {{.pair}}\n::: {{lang={block.left_lang}}}\n{left}\n:::\n"
                f"::: {{lang={block.right_lang}}}\n{right}\n:::\n:::::\n"
            )
        if isinstance(block, Figure):
            # The Lua filter draws the SVG (passed to Typst apart, see edition_figures) in place
            # of this div; DOCX keeps the caption. The table follows as the text alternative.
            return f"::: {{.figure figure={block.id}}}\n{esc(block.caption)}\n:::\n\n{self._table(block.table)}"
        if isinstance(block, Files):
            return "\n".join(f"- {esc(name)}" for name in block.names) + "\n"
        if isinstance(block, Quiz):
            return "\n".join(self._question(q) for q in block.questions)
        raise TypeError(f"no pandoc Markdown for {type(block).__name__}")

    def _question(self, question: Question) -> str:
        """A question for paper: the prompt, the choices by letter, a line to write on (the
        learner's) or the answer, the explanation and where it is written (the trainer's)."""
        word = question.word
        lines = [f"**{esc(word('number'))}.** {self.inline(question.prompt)} *{esc(word('kind'))}*", ""]
        for choice in question.choices:
            # The right choices in bold (readable in black and white), then named by letter.
            text = f"{esc(choice.letter + '.')} {self.inline(choice.body)}"
            lines.append(f"- **{text}**" if choice.correct else f"- {text}")
        if question.choices:
            lines.append("")
        if question.answers:
            if question.choices:
                right = ", ".join(c.letter for c in question.choices if c.correct)
                lines.append(f"**{esc(word('answer'))}:** {esc(right)}")
            else:
                lines.append(f"**{esc(word('answer'))}:** " + " / ".join(esc(a) for a in question.accepted))
            lines += ["", f"**{esc(word('feedback'))}:** {self.inline(question.feedback)}"]
        elif not question.choices:
            lines.append(f"{esc(word('answer_line'))}: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_")
        lines += ["", f"*{esc(word('see'))}:* {self.inline(question.see.label)}", ""]
        return "\n".join(lines)

    def _table(self, table: Table) -> str:
        """A pipe table whose columns take ``widths`` (relative) of the text width.

        Why: pandoc sizes pipe-table columns by the dashes of the separator only when a line
        is longer than its column limit, so the separator is made long on purpose: the layout
        then never depends on how long the content happens to be.
        """
        widths = table.widths or (1,) * len(table.headers)
        total = sum(widths)
        dashes = ["-" * max(3, round(100 * w / total)) for w in widths]
        lines = ["| " + " | ".join(self.inline(h) for h in table.headers) + " |", "|" + "|".join(dashes) + "|"]
        lines += ["| " + " | ".join(self.inline(cell) or " " for cell in row) + " |" for row in table.rows]
        return "\n".join(lines) + "\n"


def _anchors(blocks: tuple[Block, ...] | list[Block]) -> set[str]:
    found: set[str] = set()
    for block in blocks:
        if isinstance(block, Heading) and block.anchor:
            found.add(block.anchor)
        elif isinstance(block, Group):
            found |= _anchors(block.blocks)
        elif isinstance(block, Figure):
            found |= _anchors([block.table])
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    found |= {run.id for run in cell if isinstance(run, Anchor)}
        elif isinstance(block, Para):
            found |= {run.id for run in block.body if isinstance(run, Anchor)}
    return found


def edition_figures(blocks: tuple[Block, ...] | list[Block]) -> dict[str, tuple[str, str]]:
    """The SVG and the caption (the PDF's alt text) of every figure, by id."""
    found: dict[str, tuple[str, str]] = {}
    for block in blocks:
        if isinstance(block, Figure):
            found[block.id] = (block.svg, block.caption)
        elif isinstance(block, Group):
            found |= edition_figures(block.blocks)
    return found


def edition_markdown(doc: Document) -> tuple[str, dict[str, str]]:
    """The body and the cover fields of an edition document, as pandoc Markdown."""
    writer = Writer(doc)
    return writer.blocks(doc.blocks), {key: writer.inline(value) for key, value in doc.meta.items()}
