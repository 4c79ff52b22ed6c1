"""`vkc status`, `vkc translations mark-current`, `vkc po export` and `vkc po import`."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

from ..content import Content, TextField, load_content, text_fields
from ..diagnostics import ContentError, Diagnostic, UsageError, display_path, render
from ..document.changes import change_set
from ..model import TRANSLATION_LANGS, TranslationLang, source_hash
from ..po import export_po, import_po
from ..revisions import content_at
from ..translations import LanguageStatus, translation_status
from ..yamledit import EditError, FieldChange, edit_files, group_changes
from . import add_content_option

BAR_WIDTH = 24


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `status`, `translations` and `po`."""
    status = sub.add_parser("status", help="translation status per language, record kind and field")
    add_content_option(status)
    status.add_argument("--lang", choices=TRANSLATION_LANGS, help="only this language (default: en and ko)")
    status.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    status.add_argument(
        "--fail-under", type=float, metavar="PCT", help="exit 1 when a language is less than PCT %% current"
    )
    status.add_argument(
        "--since",
        metavar="REV",
        help="list the Vietnamese texts that changed since this git revision (what to translate again)",
    )
    status.set_defaults(handler=run_status)

    translations = sub.add_parser("translations", help="manage translation stamps")
    tsub = translations.add_subparsers(dest="action", required=True, metavar="ACTION")
    mark = tsub.add_parser("mark-current", help="record that translations match today's Vietnamese")
    add_content_option(mark)
    mark.add_argument("--lang", choices=TRANSLATION_LANGS, required=True, help="the translation reviewed")
    mark.add_argument("--all", action="store_true", help="stamp every present translation of the content")
    mark.add_argument("id", nargs="?", metavar="ID", help="record id (as `vkc status` prints it)")
    mark.add_argument("key_paths", nargs="*", metavar="KEY_PATH", help="fields of the record (default: all)")
    mark.set_defaults(handler=run_mark_current)

    po = sub.add_parser("po", help="exchange translations as gettext PO files")
    psub = po.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = psub.add_parser("export", help="write one PO file per content file")
    add_content_option(export)
    export.add_argument("--lang", choices=TRANSLATION_LANGS, required=True, help="translation language")
    export.add_argument("out", type=Path, metavar="OUT_DIR", help="folder for the PO files")
    export.set_defaults(handler=run_po_export)
    imp = psub.add_parser("import", help="write the PO files' translations into the YAML")
    add_content_option(imp)
    imp.add_argument("in_dir", type=Path, metavar="IN_DIR", help="folder holding the PO files")
    imp.set_defaults(handler=run_po_import)


def _load(root: Path) -> Content:
    content, diagnostics = load_content(root)
    if content is None:
        raise ContentError(diagnostics)
    return content


def _bar(percent: float) -> str:
    filled = round(BAR_WIDTH * percent / 100)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def format_status_text(statuses: list[LanguageStatus], bars: bool) -> str:
    """The human report: totals, per record kind, then every stale or missing field."""
    lines: list[str] = []
    for status in statuses:
        c = status.counts
        bar = f"{_bar(c.percent)} " if bars else ""
        lines.append(
            f"{status.lang}: {bar}{c.percent:.1f}% current "
            f"({c.current} current, {c.stale} stale, {c.missing} missing of {c.total})"
        )
        width = max((len(kind) for kind in status.kinds), default=0)
        for kind, k in status.kinds.items():
            kbar = f"{_bar(k.percent)} " if bars else ""
            lines.append(
                f"  {kind:<{width}} {kbar}{k.percent:5.1f}%  {k.current} current, {k.stale} stale, {k.missing} missing"
            )
        for text_field, state in status.items:
            lines.append(
                f"  {text_field.file}:{text_field.line(status.lang)}: {state:<7} {text_field.record_id} {text_field.key}"
            )
        if status.review:
            lines.append(f"  {len(status.review)} draft(s) need review (imported fuzzy, not published):")
        for text_field in status.review:
            lines.append(
                f"  {text_field.file}:{text_field.line(status.lang)}: review  {text_field.record_id} {text_field.key}"
            )
    return "\n".join(lines)


def changed_since(content: Content, before: Content) -> list[tuple[TextField, list[TranslationLang]]]:
    """The texts whose Vietnamese changed from ``before`` to ``content``, with their stale languages."""
    fields = {(f.record_id, f.key): f for f in text_fields(content)}
    out = []
    for record in change_set(before, content).records:
        for change in record.fields:
            key, _, lang = change.key.rpartition(".")
            found = fields.get((record.id, key))
            if lang == "vi" and found is not None:
                out.append((found, [t for t in TRANSLATION_LANGS if found.state(t) == "stale"]))
    return out


def run_status_since(args: argparse.Namespace, content: Content) -> int:
    """`vkc status --since REV`: the Vietnamese texts changed since REV, with file and line."""
    changed = changed_since(content, content_at(args.content, args.since))
    if args.format == "json":
        items = [
            {"id": f.record_id, "key_path": f.key, "file": f.file, "line": f.line("vi"), "stale": stale}
            for f, stale in changed
        ]
        print(json.dumps({"since": args.since, "changed": items}, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(changed)} Vietnamese text(s) changed since {args.since}")
    for f, stale in changed:
        note = f" (stale: {', '.join(stale)})" if stale else ""
        print(f"  {f.file}:{f.line('vi')}: {f.record_id} {f.key}{note}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    """Print the status; exit 1 when --fail-under is not met."""
    content = _load(args.content)
    if args.since:
        return run_status_since(args, content)
    all_status = translation_status(content)
    langs: tuple[TranslationLang, ...] = (args.lang,) if args.lang else TRANSLATION_LANGS
    statuses = [all_status[lang] for lang in langs]
    if args.format == "json":
        print(json.dumps({"languages": {s.lang: s.to_json() for s in statuses}}, ensure_ascii=False, indent=2))
    else:
        print(format_status_text(statuses, bars=sys.stdout.isatty()))
    if args.fail_under is not None:
        below = [s for s in statuses if s.counts.percent < args.fail_under]
        for s in below:
            print(f"{s.lang}: {s.counts.percent:.1f}% current is under {args.fail_under:g}%", file=sys.stderr)
        return 1 if below else 0
    return 0


def _usage_error(root: Path, code: str, message: str, hint: str = "") -> ContentError:
    """A problem of the command line (exit 2) or, for ``edit.*``, of the files (exit 1)."""
    kind = ContentError if code.startswith("edit.") else UsageError
    return kind([Diagnostic(display_path(root), 0, 0, code, message, hint=hint)])


def select_fields(content: Content, record_id: str | None, key_paths: list[str], everything: bool) -> list[TextField]:
    """The fields a mark-current names: all of them, one record's, or some of one record's."""
    fields = text_fields(content)
    if everything:
        if record_id is not None:
            raise _usage_error(content.root, "usage.mark-current", "--all takes no ID", "drop the ID or --all")
        return fields
    if record_id is None:
        raise _usage_error(content.root, "usage.mark-current", "name a record ID, or pass --all")
    own = [f for f in fields if f.record_id == record_id]
    if not own:
        ids = sorted({f.record_id for f in fields})
        close = difflib.get_close_matches(record_id, ids, n=1)
        raise _usage_error(
            content.root,
            "usage.unknown-id",
            f"no record '{record_id}' has translatable texts",
            f"did you mean '{close[0]}'?" if close else "use an id that `vkc status` prints",
        )
    if not key_paths:
        return own
    by_key = {f.key: f for f in own}
    unknown = [k for k in key_paths if k not in by_key]
    if unknown:
        raise _usage_error(
            content.root,
            "usage.unknown-key-path",
            f"'{record_id}' has no text '{unknown[0]}'",
            f"its texts are: {', '.join(by_key)}",
        )
    return [by_key[k] for k in dict.fromkeys(key_paths)]


def mark_current(content: Content, fields: list[TextField], lang: TranslationLang, strict: bool) -> tuple[int, int]:
    """Stamp the present ``lang`` translations of ``fields``; returns (fields stamped, files written).

    ``strict`` (fields named one by one) makes a missing translation an error; with a whole
    record or ``--all`` missing ones are skipped.
    """
    missing = [f for f in fields if f.text.text(lang) is None]
    if strict and missing:
        f = missing[0]
        line, column = f.loaded.position(f.file_path)
        raise ContentError(
            [
                Diagnostic(
                    f.file,
                    line,
                    column,
                    "translation.missing",
                    f"{f.record_id} {f.key} has no {lang} translation to mark current",
                    key_path=".".join(str(p) for p in f.file_path),
                    hint=f"write the '{lang}' text first",
                )
            ]
        )
    todo = [f for f in fields if f.text.text(lang) is not None and f.state(lang) != "current"]
    changes = [(f.loaded.path, f.file_path, FieldChange(stamps={lang: source_hash(f.text.vi)})) for f in todo]
    try:
        written = edit_files(group_changes(changes))
    except EditError as exc:
        raise _usage_error(content.root, "edit.failed", f"cannot edit the YAML: {exc}") from exc
    return len(todo), len(written)


def run_mark_current(args: argparse.Namespace) -> int:
    """Stamp the named translations current."""
    content = _load(args.content)
    fields = select_fields(content, args.id, args.key_paths, args.all)
    stamped, files = mark_current(content, fields, args.lang, strict=bool(args.key_paths))
    print(f"marked {stamped} {args.lang} field(s) current in {files} file(s)")
    return 0


def run_po_export(args: argparse.Namespace) -> int:
    """Write the PO files."""
    content = _load(args.content)
    written = export_po(content, args.lang, args.out)
    print(f"wrote {len(written)} PO file(s) to {args.out}")
    return 0


def run_po_import(args: argparse.Namespace) -> int:
    """Read the PO files back into the YAML."""
    content = _load(args.content)
    if not args.in_dir.is_dir():
        raise _usage_error(args.in_dir, "po.missing-dir", "the PO folder does not exist")
    try:
        result = import_po(content, args.in_dir)
    except EditError as exc:
        raise _usage_error(content.root, "edit.failed", f"cannot edit the YAML: {exc}") from exc
    if result.diagnostics:
        print(render(result.diagnostics, "text"), file=sys.stderr)
    print(
        f"{result.imported} imported, {result.fuzzy} fuzzy kept as draft(s) for review, {result.unchanged} unchanged; "
        f"updated {result.fields} field(s) in {len(result.files)} file(s)"
    )
    return 0
