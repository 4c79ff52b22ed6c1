"""One table of reader-visible words: every key in vi, en and ko, and no other table anywhere.

Why: six tables once grew apart (the PDF said "Cách tính" where the site said "Phương pháp
tính"). The test reads every Python module of the package, every script, template and
stylesheet we write, and mkdocs.yml, and fails when one of them spells an interface word.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from conftest import REPO
from vkc import i18n
from vkc.model import LANGS

PACKAGE = REPO / "scripts" / "vkc"
OURS = [
    *sorted(PACKAGE.rglob("*.js")),
    *sorted(PACKAGE.rglob("*.typ")),
    *sorted(PACKAGE.rglob("*.lua")),
    *sorted((REPO / "overrides").rglob("*.html")),
    *sorted((REPO / "overrides").rglob("*.js")),
    *sorted((REPO / "overrides").rglob("*.css")),
    REPO / "mkdocs.yml",
]
"""Scripts, templates and settings we write (the theme's own files are not ours)."""
_FOREIGN = re.compile(r"[\uac00-\ud7a3ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
"""Hangul syllables and the letters only Vietnamese uses."""


def test_every_word_exists_in_every_language_with_the_same_placeholders() -> None:
    for key in i18n.all_keys():
        texts = [i18n.raw(key, lang) for lang in LANGS]
        assert all(text.strip() for text in texts), key
        fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in texts]
        assert fields[0] == fields[1] == fields[2], key


LINGUISTIC_DATA = {
    ("glossary_check.py", "^(?:or|hoặc|또는)\\s+"),
    ("langmark.py", "\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3"),
    ("langmark.py", "ăâđêôơưĂÂĐÊÔƠƯĩũĨŨ\u1ea0-\u1ef9"),
}
"""Strings that describe the languages (a conjunction inside a rendering, the letters of a
script), not words a reader sees."""


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            found |= {id(s.value) for s in node.body if isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)}
    return found


def test_no_python_module_but_i18n_spells_an_interface_word() -> None:
    # Single English words ("high", "unknown") are also the content's enumeration values.
    words = {text for key in i18n.all_keys() for lang in LANGS if " " in (text := i18n.raw(key, lang)) or lang != "en"}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "i18n.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in docstrings:
                continue
            if (path.name, node.value) in LINGUISTIC_DATA:
                continue
            if node.value in words or _FOREIGN.search(node.value):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value[:40]!r}")
    assert not found


_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\\])//[^\n]*|\{#.*?#\}|<!--.*?-->|^\s*#[^\n]*", re.S | re.M)


@pytest.mark.parametrize("path", OURS, ids=lambda p: str(p.relative_to(REPO)))
def test_no_script_or_template_spells_a_word_in_vietnamese_or_korean(path: Path) -> None:
    code = _COMMENT.sub(" ", path.read_text(encoding="utf-8"))
    # A single letter is folding logic ("đ" -> "d"), not a word.
    words = [w for w in re.findall(r"[^\s\"'`<>{}()\[\],;:=+|]+", code) if _FOREIGN.search(w) and len(w) > 1]
    assert not words
