"""The templates' indentation goes; white space that shows or is code stays (vkc.site.lean)."""

from __future__ import annotations

from vkc.site.lean import drop_indentation


def test_indentation_between_tags_and_words_becomes_one_line_break() -> None:
    page = '<ul>\n    <li>\n      <a href="x/">One\n        two</a>\n    </li>\n</ul>\n'
    assert drop_indentation(page) == '<ul>\n<li>\n<a href="x/">One\ntwo</a>\n</li>\n</ul>\n'


def test_spaces_without_a_line_break_are_left_alone() -> None:
    assert drop_indentation("<p>a  <b>b</b>   c</p>") == "<p>a  <b>b</b>   c</p>"


def test_preformatted_code_scripts_comments_and_attributes_keep_their_white_space() -> None:
    kept = [
        "<pre><code>def f():\n    return 1\n</code></pre>",
        "<p><code>a\n    b</code> <kbd>Ctrl\n  C</kbd></p>",
        "<textarea>\n  line\n</textarea>",
        '<script type="application/ld+json">{\n  "a": 1\n}</script>',
        "<style>\n  p { color: red }\n</style>",
        "<!-- a\n    comment -->",
        '<a title="first\n    second">x</a>',
        '<input\n    type="search"\n    value="a\n  b">',
    ]
    for html in kept:
        assert drop_indentation(html) == html
    assert drop_indentation("<div>\n  " + "\n  ".join(kept) + "\n</div>") == "<div>\n" + "\n".join(kept) + "\n</div>"
