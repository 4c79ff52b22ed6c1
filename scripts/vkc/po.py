"""Gettext PO export and import of the translations, for translators' tools (Poedit, Weblate, CAT tools).

Why: translators work in tools that speak PO, not YAML. One PO file per content file and
language: the Vietnamese is the msgid, the translation the msgstr, a stale translation
is flagged ``fuzzy`` (the convention every PO tool shows as "needs review"), the context
``record-id:key.path`` identifies the field and the reference points at the YAML line.
Import writes back only what the translator changed (:mod:`vkc.yamledit`), so an export
followed by an import without edits changes no byte.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from .content import Content, TextField, repository_path, text_fields
from .diagnostics import ContentError, Diagnostic, Severity, display_path, has_errors
from .model import TRANSLATION_LANGS, TranslationLang, source_hash
from .yamledit import FieldChange, edit_files, group_changes

STALE_COMMENT = "stale: the Vietnamese changed after this translation was made"
PROPOSED_COMMENT = "proposed rendering: ours, not an attested official one"


def _catalog(content: Content, lang: TranslationLang) -> Catalog:
    # Why: fixed dates (the edition's) keep repeated exports byte-identical.
    date = content.publication.date
    when = dt.datetime(date.year, date.month or 1, date.day or 1, tzinfo=dt.UTC)
    return Catalog(
        locale=lang,
        domain="vkc",
        header_comment=f"# {content.publication.title.vi}: {lang} translation.\n# Vietnamese is the source text.",
        project="VKC",
        version=content.publication.version,
        creation_date=when,
        revision_date=when,
        language_team=lang,
        charset="utf-8",
        fuzzy=False,
    )


def _add(catalog: Catalog, content: Content, text_field: TextField, lang: TranslationLang) -> None:
    text = text_field.text
    state = text.state(lang)
    comments = [STALE_COMMENT] if state == "stale" else []
    if state == "stale" and text.vi_changed is not None:
        comments.append(f"Vietnamese changed on {text.vi_changed}")
    if lang in text.proposed:
        comments.append(PROPOSED_COMMENT)
    message = catalog.add(
        text.vi,
        text.text(lang) or "",
        locations=[(repository_path(content, text_field.loaded), text_field.line(lang))],
        flags=["fuzzy"] if state == "stale" else [],
        auto_comments=comments,
        context=text_field.context,
    )
    # Why: Babel guesses "python-format" from any '%' (a Vietnamese "50% số" matches); tools
    # would then check placeholders that do not exist.
    message.flags.discard("python-format")


def export_po(content: Content, lang: TranslationLang, out_dir: Path) -> list[Path]:
    """Write one PO file per content file into ``out_dir``; returns the files written."""
    by_file: dict[Path, list[TextField]] = {}
    for text_field in text_fields(content):
        by_file.setdefault(text_field.loaded.path, []).append(text_field)
    written: list[Path] = []
    root = content.root.resolve()
    for yaml_path, fields in sorted(by_file.items()):
        catalog = _catalog(content, lang)
        for text_field in fields:
            _add(catalog, content, text_field, lang)
        rel = yaml_path.resolve().relative_to(root).with_suffix(f".{lang}.po")
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_po(handle, catalog, width=76, sort_output=False)
        written.append(target)
    return written


@dataclass
class ImportResult:
    """What an import did."""

    fields: int = 0
    """Fields changed or stamped."""
    files: list[Path] = field(default_factory=list)
    """YAML files written."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Warnings about entries that match no field."""


def _read(path: Path) -> tuple[Catalog | None, list[Diagnostic]]:
    display = display_path(path)
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except PoFileError as exc:
        return None, [Diagnostic(display, getattr(exc, "lineno", 0) + 1, 0, "po.syntax", f"invalid PO file: {exc}")]
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return None, [Diagnostic(display, 0, 0, "po.read", f"cannot read the PO file: {exc}")]
    if catalog.locale is None or str(catalog.locale) not in TRANSLATION_LANGS:
        found = str(catalog.locale) if catalog.locale is not None else "none"
        return None, [
            Diagnostic(
                display,
                1,
                1,
                "po.language",
                f"the PO header names the language '{found}'",
                hint="set 'Language: en' or 'Language: ko' in the header",
            )
        ]
    return catalog, []


def import_po(content: Content, in_dir: Path) -> ImportResult:
    """Write the translations of every PO file under ``in_dir`` back into the YAML.

    An entry is written when its msgstr differs from the YAML, and stamped current (with
    the hash of its msgid, the Vietnamese it was translated from) when its msgstr changed
    or its fuzzy flag was removed. Nothing is written when any file is invalid.
    """
    fields = {f.context: f for f in text_fields(content)}
    result = ImportResult()
    changes: list[tuple[Path, tuple[str | int, ...], FieldChange]] = []
    for path in sorted(in_dir.rglob("*.po")):
        catalog, problems = _read(path)
        result.diagnostics.extend(problems)
        if catalog is None:
            continue
        lang: TranslationLang = "en" if str(catalog.locale) == "en" else "ko"
        for message in catalog:
            if not message.id or not isinstance(message.id, str) or not isinstance(message.string, str):
                continue
            text_field = fields.get(message.context or "")
            if text_field is None:
                result.diagnostics.append(
                    Diagnostic(
                        display_path(path),
                        message.lineno or 0,
                        1,
                        "po.unknown-entry",
                        f"no text '{message.context or ''}' in the content; the entry is ignored",
                        hint="export the PO files again after the record was renamed or removed",
                        severity=Severity.WARNING,
                    )
                )
                continue
            change = _change(text_field, lang, message.id, message.string, message.fuzzy)
            if change is not None:
                changes.append((text_field.loaded.path, text_field.file_path, change))
    if has_errors(result.diagnostics):
        raise ContentError(result.diagnostics)
    result.fields = len(changes)
    result.files = edit_files(group_changes(changes))
    return result


def _change(text_field: TextField, lang: TranslationLang, msgid: str, msgstr: str, fuzzy: bool) -> FieldChange | None:
    new = msgstr.strip()
    if not new:  # an untranslated entry never deletes a translation
        return None
    stamp = source_hash(msgid)
    if new != text_field.text.text(lang):
        return FieldChange(texts={lang: new}, stamps={lang: stamp})
    if not fuzzy and text_field.text.state(lang) == "stale" and text_field.text.translated_from.get(lang) != stamp:
        return FieldChange(stamps={lang: stamp})
    return None
