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
DRAFT_COMMENT = "draft awaiting review: not published; remove the fuzzy flag to publish it"
UNKNOWN_TRANSLATOR = "unknown"
"""Last-Translator before any import named one (msgfmt -c rejects Babel's placeholder)."""
_PLACEHOLDERS = frozenset({"", UNKNOWN_TRANSLATOR, "FULL NAME <EMAIL@ADDRESS>"})


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
        last_translator=content.publication.translators.get(lang, UNKNOWN_TRANSLATOR),
        charset="utf-8",
        fuzzy=False,
    )


def _add(catalog: Catalog, content: Content, text_field: TextField, lang: TranslationLang) -> None:
    text = text_field.text
    state = text.state(lang)
    draft = text.draft.get(lang)
    comments = [STALE_COMMENT] if state == "stale" else []
    if state == "stale" and text.vi_changed is not None:
        comments.append(f"Vietnamese changed on {text.vi_changed}")
    if draft is not None:
        comments.append(DRAFT_COMMENT)
    if lang in text.proposed:
        comments.append(PROPOSED_COMMENT)
    message = catalog.add(
        text.vi,
        draft if draft is not None else text.text(lang) or "",
        locations=[(repository_path(content, text_field.loaded), text_field.line(lang))],
        flags=["fuzzy"] if state == "stale" or draft is not None else [],
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
    imported: int = 0
    """Entries published: a new translation, or a stale one confirmed."""
    fuzzy: int = 0
    """Fuzzy entries kept as drafts for review (not published)."""
    unchanged: int = 0
    """Entries that change nothing (including untranslated ones)."""
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
    or its fuzzy flag was removed. A fuzzy entry is a draft that needs review (gettext's
    msgfmt leaves it out too): a changed one is kept as the field's ``draft``, never
    published. The PO header's Last-Translator is recorded in ``publication.translators``.
    Nothing is written when any file is invalid.
    """
    all_fields = text_fields(content)
    fields = {f.context: f for f in all_fields}
    result = ImportResult()
    changes: list[tuple[Path, tuple[str | int, ...], FieldChange]] = []
    translators: dict[TranslationLang, str] = {}
    for path in sorted(in_dir.rglob("*.po")):
        catalog, problems = _read(path)
        result.diagnostics.extend(problems)
        if catalog is None:
            continue
        lang: TranslationLang = "en" if str(catalog.locale) == "en" else "ko"
        translator = (catalog.last_translator or "").strip()
        if translator not in _PLACEHOLDERS:
            translators[lang] = translator
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
            if change is None:
                result.unchanged += 1
                continue
            changes.append((text_field.loaded.path, text_field.file_path, change))
            if message.fuzzy:
                result.fuzzy += 1
            else:
                result.imported += 1
    if has_errors(result.diagnostics):
        raise ContentError(result.diagnostics)
    result.fields = len(changes)
    recorded = content.publication.translators
    named = {lang: name for lang, name in translators.items() if recorded.get(lang) != name}
    title = next((f for f in all_fields if f.record_id == "publication" and f.key == "title"), None)
    if named and title is not None:
        changes.append((title.loaded.path, title.file_path[:-1], FieldChange(tables={"translators": dict(named)})))
    result.files = edit_files(group_changes(changes))
    return result


def _change(text_field: TextField, lang: TranslationLang, msgid: str, msgstr: str, fuzzy: bool) -> FieldChange | None:
    new = msgstr.strip()
    if not new:  # an untranslated entry never deletes a translation
        return None
    text = text_field.text
    draft = text.draft.get(lang)
    if fuzzy:  # a draft: kept for review, never published
        if new in (draft, text.text(lang)):
            return None
        return FieldChange(tables={"draft": {lang: new}})
    # Published: the reviewed text replaces any draft.
    tables: dict[str, dict[TranslationLang, str | None]] = {"draft": {lang: None}} if draft is not None else {}
    stamp = source_hash(msgid)
    if new != text.text(lang):
        return FieldChange(texts={lang: new}, stamps={lang: stamp}, tables=tables)
    if text.state(lang) == "stale" and text.translated_from.get(lang) != stamp:
        return FieldChange(stamps={lang: stamp}, tables=tables)
    return FieldChange(tables=tables) if tables else None
