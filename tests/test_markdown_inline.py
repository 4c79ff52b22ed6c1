"""Python-Markdown's inline step without the patterns a text cannot match (vkc.site.inline) gives
the HTML that trying every pattern gives."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from vkc.site import inline

_EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "admonition"]
_PIECES = st.sampled_from(
    [
        "word",
        " ",
        "\n",
        "\n\n",
        "*",
        "**",
        "_",
        "__",
        "`",
        "``",
        "\\",
        "\\*",
        "[",
        "]",
        "(",
        ")",
        "!",
        "[a](b.md)",
        "![i](x.png)",
        "[r][1]\n\n[1]: http://x.org",
        "<b>",
        "</b>",
        "<!-- c -->",
        "&amp;",
        "&",
        "&#35;",
        "  \n",
        "<http://x.org>",
        "<a@b.org>",
        "# ",
        "- ",
        "| a |\n|---|\n| b |",
        "{: .c }",
        "Đà Nẵng",
        "한국어",
    ]
)


def _converted(text: str, skipping: bool) -> str:
    md = markdown.Markdown(extensions=_EXTENSIONS)
    if skipping:
        inline.install(md)
    return md.convert(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=14))
def test_skipping_the_patterns_a_text_cannot_match_changes_no_html(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _converted(text, skipping=True) == _converted(text, skipping=False)


def test_every_pattern_of_python_markdown_is_known_to_need_something() -> None:
    """A pattern whose expression changed in a new release is tried on every text (correct, but
    slower): this says so, so that the table is brought up to date."""
    md = markdown.Markdown(extensions=_EXTENSIONS)
    unknown = [type(p).__name__ for p in md.inlinePatterns if inline.needs(p) is None]
    assert unknown == []
