"""Open data: every record kind published as JSON and CSV under ``downloads/data/``.

Why: readers and other agencies reuse the records without scraping pages. JSON keeps the
full structure; CSV is one row per record with one column per language of each text, so
it opens in a spreadsheet. Both are written in a stable order, byte-identical per commit.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..content import COLLECTIONS, Content
from ..model import LANGS


def _flatten(prefix: str, value: Any, row: dict[str, str]) -> None:
    if (
        isinstance(value, dict)
        and "vi" in value
        and set(value) <= {"vi", "en", "ko", "translated_from", "vi_changed", "proposed"}
    ):
        for lang in LANGS:  # a localized text: one column per language
            row[f"{prefix}.{lang}"] = value.get(lang) or ""
    elif isinstance(value, dict):
        for key, sub in value.items():
            _flatten(f"{prefix}.{key}" if prefix else key, sub, row)
    elif isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            row[prefix] = "; ".join(value)
        else:  # nested records (components, events...): kept whole, as JSON
            row[prefix] = json.dumps(value, ensure_ascii=False, sort_keys=True)
    elif value is None:
        row[prefix] = ""
    else:
        row[prefix] = str(value).lower() if isinstance(value, bool) else str(value)


def _dump(record: BaseModel) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude_defaults=True)


def collections(content: Content) -> dict[str, list[dict[str, Any]]]:
    """Each record kind as a list of plain dicts, the guideline and the publication included."""
    return {name: [_dump(r) for r in records] for name, records in _models(content).items()}


def _models(content: Content) -> dict[str, list[BaseModel]]:
    out: dict[str, list[BaseModel]] = {name: list(content.records.get(name, [])) for name in sorted(COLLECTIONS)}
    out["guideline"] = [content.guideline]
    out["publication"] = [content.publication]
    return out


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV with a header of every column any row has, in first-seen order."""
    flat: list[dict[str, str]] = []
    columns: dict[str, None] = {}
    for item in rows:
        row: dict[str, str] = {}
        for key, value in item.items():
            _flatten(key, value, row)
        flat.append(row)
        columns.update(dict.fromkeys(row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    return buffer.getvalue()


def write_open_data(content: Content, downloads: Path) -> list[Path]:
    """Write ``data/<collection>.json`` and ``.csv`` under ``downloads``; returns the files."""
    folder = downloads / "data"
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, models in _models(content).items():
        # The same models as last time (frozen; a load that reuses gives an unchanged file's
        # records again, :func:`vkc.content.load_content`): the same texts, without dumping them.
        kept = _BY_MODELS.get(name)
        if (
            kept is not None
            and len(kept[0]) == len(models)
            and all(a is b for a, b in zip(kept[0], models, strict=True))
        ):
            text, table = kept[1]
        else:
            text, table = _texts([_dump(model) for model in models])
            _BY_MODELS[name] = (models, (text, table))
        json_path = folder / f"{name}.json"
        json_path.write_text(text, encoding="utf-8")
        csv_path = folder / f"{name}.csv"
        # utf-8-sig: spreadsheet programs then read Vietnamese and Korean correctly.
        csv_path.write_text(table, encoding="utf-8-sig")
        written += [json_path, csv_path]
    return written


def _texts(rows: list[dict[str, Any]]) -> tuple[str, str]:
    """The JSON and CSV texts of a collection's rows.

    The indented JSON is written by Python's pure-Python encoder: a process that builds again
    (the live preview) keeps both texts by the compact JSON (C encoder, the same rows in the
    same order) of what they were made from.
    """
    compact = json.dumps(rows, ensure_ascii=False)
    if compact not in _TEXTS:
        if len(_TEXTS) > 64:
            _TEXTS.clear()
        _TEXTS[compact] = (json.dumps(rows, ensure_ascii=False, indent=2) + "\n", to_csv(rows))
    return _TEXTS[compact]


_TEXTS: dict[str, tuple[str, str]] = {}
"""The JSON and CSV texts of a collection by its compact JSON (see :func:`_texts`)."""
_BY_MODELS: dict[str, tuple[list[BaseModel], tuple[str, str]]] = {}
"""The texts of each collection as last written, with the models they were made from (kept
alive here, so that the same object is never another model)."""
