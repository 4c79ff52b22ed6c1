"""One diagnostic type for every problem the content pipeline reports.

Why: editors meet our errors first. Every stage (loader, schema, cross-references,
translation status, rendering) speaks through :class:`Diagnostic`, so the text, JSON and
GitHub-annotation outputs are three views of the same data.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How bad a problem is; errors fail `vkc check`, warnings only with `--strict`."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem found in the content, with where it is and how to fix it."""

    file: str
    """The file as given (relative to the working directory when under it)."""
    line: int
    """1-based line; 0 when the problem has no line (a missing file, say)."""
    column: int
    """1-based column; 0 when unknown."""
    code: str
    """Stable identifier such as ``yaml.duplicate-key`` or ``ref.unknown-id``."""
    message: str
    """What is wrong, in one sentence."""
    key_path: str = ""
    """Dotted path to the value inside the file (``events.2.date``); empty for the file."""
    hint: str = ""
    """How to fix it."""
    severity: Severity = field(default=Severity.ERROR)
    """Error or warning."""

    def location(self) -> str:
        """``file:line:col`` as editors and terminals link it."""
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{max(self.column, 1)}"

    def to_text(self) -> str:
        """The two-line human format: location, code, key path, message; then the hint."""
        where = f" {self.key_path}:" if self.key_path else ""
        head = f"{self.location()}: {self.severity.value}[{self.code}]{where} {self.message}"
        return f"{head}\n  hint: {self.hint}" if self.hint else head

    def to_json(self) -> dict[str, object]:
        """The JSON object documented for `vkc check --format json`."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return {k: data[k] for k in ("code", "severity", "file", "line", "column", "key_path", "message", "hint")}

    def to_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the changed line."""
        props = [f"file={_gh_escape_prop(self.file)}"]
        if self.line > 0:
            props.append(f"line={self.line}")
            props.append(f"col={max(self.column, 1)}")
        props.append(f"title={_gh_escape_prop(self.code)}")
        body = f"{self.key_path}: {self.message}" if self.key_path else self.message
        if self.hint:
            body += f"\nhint: {self.hint}"
        level = "error" if self.severity is Severity.ERROR else "warning"
        return f"::{level} {','.join(props)}::{_gh_escape_data(body)}"


def _gh_escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def display_path(path: Path) -> str:
    """The path as editors expect to see it: relative to the working directory when under it."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd().resolve()) else str(path)
    except (OSError, ValueError):
        return str(path)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """File order, then line order: the order an editor fixes them in; duplicates dropped."""
    return sorted(set(diagnostics), key=lambda d: (d.file, d.line, d.column, d.code, d.key_path, d.message))


def render(diagnostics: Sequence[Diagnostic], fmt: str) -> str:
    """Render diagnostics as ``text``, ``json`` or ``github``."""
    if fmt == "json":
        return json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(d.to_github() for d in diagnostics)
    return "\n".join(d.to_text() for d in diagnostics)


class ContentError(Exception):
    """Raised by a stage that cannot go on; carries everything it found."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s) in the content")
        self.diagnostics = list(diagnostics)


class UsageError(ContentError):
    """The command line asks for something that cannot be (an unknown id, clashing options):
    reported like any problem, but with exit code 2, as argparse does for its own usage errors."""
