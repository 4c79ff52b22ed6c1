"""Property tests of the loader: broken YAML never escapes as an exception, positions are exact.

Why: the first thing an editor meets after a bad edit is our error message; a traceback
instead of a diagnostic is the one failure they cannot act on. Mutations start from the
valid fixture files, so most examples are *nearly* valid content, where the schema and
cross-reference stages run too.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from vkc.cli import main
from vkc.content import load_content
from vkc.diagnostics import Diagnostic, Severity, has_errors, render
from vkc.yamlload import KeyPath, Value, load_file, parse_text

pytestmark = pytest.mark.slow
"""Left out of `make test-fast`: builds a site, renders editions, drives a browser or fuzzes."""

FIXTURE_FILES = sorted((FIXTURES / "mini").glob("*.yaml"))
SOURCES = {path.name: path.read_bytes() for path in FIXTURE_FILES}
YAML_NOISE = [*list(":-?,[]{}#&*!|>'\"%@` \t\n\r\\~"), "\n  ", ": ", "- ", "---\n", "<<: ", "&a ", "*a", "!!str "]
CODE = re.compile(r"^[a-z]+(\.[a-z0-9_-]+)+$")
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

# --- mutated fixture files ------------------------------------------------------------------


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A fixture file with one to five random edits: bytes, characters, lines, indentation."""
    name = draw(st.sampled_from(sorted(SOURCES)))
    data = bytearray(SOURCES[name])
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["delete", "insert", "noise", "byte", "dup_line", "swap_lines", "indent"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif op == "insert":
            data[at:at] = draw(st.text(min_size=1, max_size=8)).encode("utf-8", "surrogatepass")
        elif op == "noise":
            data[at:at] = draw(st.sampled_from(YAML_NOISE)).encode()
        elif op == "byte" and data:
            data[at] = draw(st.integers(0, 255))
        else:
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if op == "dup_line":
                lines.insert(j, lines[i])
            elif op == "swap_lines":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = b" " * draw(st.integers(0, 6)) + lines[i].lstrip(b" ")
            data = bytearray(b"\n".join(lines))
    return name, bytes(data)


def _check_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert isinstance(d, Diagnostic)
        assert CODE.match(d.code), d.code
        assert d.line >= 0 and d.column >= 0
        assert d.message and d.file
        assert d.severity in (Severity.ERROR, Severity.WARNING)
        assert d.to_text().startswith(d.location() + ": ")
    for fmt in ("text", "json", "github"):
        render(diagnostics, fmt)


@SETTINGS
@given(edit=mutated())
def test_mutated_content_never_raises(edit: tuple[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> None:
    root = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(FIXTURES / "mini", root)
    name, data = edit
    (root / name).write_bytes(data)
    content, diagnostics = load_content(root)
    _check_diagnostics(diagnostics)
    assert (content is None) == has_errors(diagnostics)
    if content is None:
        assert diagnostics, "a rejected content must say why"
    shutil.rmtree(root.parent)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit=mutated(), fmt=st.sampled_from(["text", "json", "github"]))
def test_mutated_content_through_the_cli(
    edit: tuple[str, bytes], fmt: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("cli") / "content"
    shutil.copytree(FIXTURES / "mini", root)
    name, data = edit
    (root / name).write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--content", str(root), "--format", fmt])
    assert code in (0, 1)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    if code == 1 and fmt == "text":
        assert re.search(r"^\d+ error\(s\), \d+ warning\(s\)$", err.getvalue(), re.MULTILINE)
    shutil.rmtree(root.parent)


@SETTINGS
@given(data=st.binary(max_size=300) | mutated().map(lambda edit: edit[1]))
def test_any_bytes_load_or_diagnose(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("bytes") / "file.yaml"
    path.write_bytes(data)
    loaded, diagnostics = load_file(path, "file.yaml")
    _check_diagnostics(diagnostics)
    assert (loaded is None) == bool(diagnostics)
    path.unlink()


# --- generated values round-trip with exact positions ---------------------------------------------

PLAIN_TRICKY: tuple[str, ...] = (
    "NO",
    "no",
    "on",
    "Off",
    "yes",
    "y",
    "1:20",
    "0755",
    "1.10",
    "2024-01-23",
    "2024-02-30",
    "0x1F",
    "1e3",
)
PLAIN_TRICKY += (".inf", "+12", "-.5", "true", "FALSE", "Việt Nam", "스마트시티", "Bộ Xây dựng (MOC)")
_PLAIN = re.compile(r"[A-Za-z0-9À-ỹ가-힣][A-Za-z0-9À-ỹ가-힣 .,/()-]*")
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}

scalars = st.one_of(
    st.none(),
    st.sampled_from(PLAIN_TRICKY),
    st.text(st.characters(codec="utf-8"), max_size=12),
    st.from_regex(_PLAIN, fullmatch=True).filter(lambda s: len(s) < 30),
)
keys = st.one_of(st.sampled_from(["id", "vi", "en", "ko", "NO", "on", "1.10", "<<", "a b", ""]), st.text(max_size=6))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=25,
)


def _quote(text: str) -> str:
    out = []
    for char in text:
        if " " <= char <= "~" and char not in '"\\':
            out.append(char)
        elif ord(char) < 0x10000:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def _scalar(value: str | None, key: bool = False) -> str:
    if value is None:
        return "null"
    plain = value in PLAIN_TRICKY or (_PLAIN.fullmatch(value) is not None and not value.endswith(" "))
    if plain and value not in _NULL_WORDS and not (key and value == "<<"):
        return value
    return _quote(value)


def _inline(value: Value) -> str | None:
    if value == {}:
        return "{}"
    if value == []:
        return "[]"
    if value is None or isinstance(value, str):
        return _scalar(value)
    return None


def emit(value: Value) -> tuple[str, dict[KeyPath, tuple[int, int]]]:
    """Block-style YAML for ``value`` and the 1-based position of every key and item."""
    lines: list[str] = []
    positions: dict[KeyPath, tuple[int, int]] = {}

    def block(node: Value, indent: int, path: KeyPath) -> None:
        pad = " " * indent
        if isinstance(node, dict):
            for key, child in node.items():
                positions[(*path, key)] = (len(lines) + 1, indent + 1)
                inline = _inline(child)
                if inline is not None:
                    lines.append(f"{pad}{_scalar(key, key=True)}: {inline}")
                else:
                    lines.append(f"{pad}{_scalar(key, key=True)}:")
                    block(child, indent + 2, (*path, key))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                inline = _inline(child)
                if inline is not None:
                    positions[(*path, index)] = (len(lines) + 1, indent + 3)
                    lines.append(f"{pad}- {inline}")
                else:
                    lines.append(f"{pad}-")
                    positions[(*path, index)] = (len(lines) + 1, indent + 3)
                    block(child, indent + 2, (*path, index))

    inline = _inline(value)
    if inline is not None:
        lines.append(inline)
    else:
        block(value, 0, ())
    return "\n".join(lines) + "\n", positions


@settings(max_examples=300, deadline=None)
@given(values)
def test_round_trip_values_and_positions(value: Value) -> None:
    text, positions = emit(value)
    loaded, diagnostics = parse_text(text, Path("gen.yaml"), "gen.yaml")
    assert diagnostics == [], text
    assert loaded is not None
    assert loaded.data == value
    assert loaded.positions == positions


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(keys, values, min_size=1, max_size=5), st.data())
def test_duplicate_key_points_at_the_second(value: dict[str, Value], data: st.DataObject) -> None:
    text, positions = emit(value)
    key = data.draw(st.sampled_from(sorted(value)))
    dup = f"{_scalar(key, key=True)}: x\n"
    loaded, diagnostics = parse_text(text + dup, Path("gen.yaml"), "gen.yaml")
    assert loaded is None
    (diag,) = diagnostics
    assert diag.code == "yaml.duplicate-key"
    assert (diag.line, diag.column) == (text.count("\n") + 1, 1)
    assert diag.message == f"duplicate key '{key}' (first defined on line {positions[(key,)][0]})"
