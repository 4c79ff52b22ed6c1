"""`vkc check` (validate the content) and `vkc schema` (JSON Schema for editors)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, create_model

from ..content import COLLECTIONS, SINGLETONS, check_content
from ..diagnostics import Severity, render
from ..glossary_check import GlossaryCheck
from . import add_content_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `check` and `schema`."""
    check = sub.add_parser("check", help="validate the content and report every problem")
    add_content_option(check)
    check.add_argument("--format", choices=("text", "json", "github"), default="text", help="output format")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(handler=run_check)
    schema = sub.add_parser("schema", help="write the JSON Schema of content files")
    add_content_option(schema)
    schema.add_argument(
        "out",
        type=Path,
        nargs="?",
        default=Path("schema/content.schema.json"),
        help="file to write (default: schema/content.schema.json)",
    )
    schema.set_defaults(handler=run_schema)


def run_check(args: argparse.Namespace) -> int:
    """Validate; print every diagnostic; exit 1 on errors (or on warnings with --strict)."""
    # The glossary's consistency is judged text by text while the content loads (it needs
    # the valid content: its warnings come only when no error does).
    records, diagnostics = check_content(args.content, GlossaryCheck())
    failing = [d for d in diagnostics if d.severity is Severity.ERROR or args.strict]
    if diagnostics:
        print(render(diagnostics, args.format), file=sys.stderr if args.format == "text" else sys.stdout)
    elif args.format == "json":
        print("[]")
    if args.format == "text":
        errors = sum(d.severity is Severity.ERROR for d in diagnostics)
        warnings = len(diagnostics) - errors
        if failing or records is None:
            print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
        else:
            print(f"ok: {records} records checked, {warnings} warning(s)")
    return 1 if failing or records is None else 0


def content_schema() -> dict[str, Any]:
    """JSON Schema of one content file: any of the top-level collections."""
    fields: dict[str, Any] = {name: (list[kind] | None, None) for name, kind in COLLECTIONS.items()}  # type: ignore[valid-type]
    fields.update({name: (kind | None, None) for name, kind in SINGLETONS.items()})
    file_model: type[BaseModel] = create_model("ContentFile", __config__=ConfigDict(extra="forbid"), **fields)
    schema = file_model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "VKC content file"
    return schema


def run_schema(args: argparse.Namespace) -> int:
    """Write the schema that yaml-language-server uses for completion and checks."""
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(content_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0
