"""Load a content directory into validated records, collecting every problem on the way.

Why: an editor should see all the problems of a pull request in one run. Each file is
parsed on its own; each record is validated on its own (so one bad record does not hide
the next); cross-references are checked only once every record has its shape.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ValidationError

from . import model as m
from .crossref import check_references
from .diagnostics import Diagnostic, display_path, has_errors, sort_diagnostics
from .relations import check_relations
from .schema_errors import diagnostics_from_error
from .training import check_courses
from .versions import check_versions
from .walk import localized_texts, nested_records
from .yamlload import KeyPath, LoadedFile, Origin, format_key_path, iter_files

COLLECTIONS: dict[str, type[m.Record]] = {
    "sources": m.Source,
    "organizations": m.Organization,
    "legal_documents": m.LegalDocument,
    "standards": m.Standard,
    "indicator_categories": m.IndicatorCategory,
    "indicators": m.Indicator,
    "projects": m.Project,
    "pilots": m.Pilot,
    "glossary": m.GlossaryTerm,
    "courses": m.Course,
}
"""Top-level keys that hold lists of records; several files may add to one list."""
SINGLETONS: dict[str, type[BaseModel]] = {"publication": m.Publication, "guideline": m.Guideline}
"""Top-level keys that must appear exactly once in the whole content."""

R = TypeVar("R", bound=m.Record)


@dataclass
class Content:
    """The validated content: what every renderer reads."""

    root: Path
    """The content directory."""
    publication: m.Publication
    """The edition."""
    guideline: m.Guideline
    """The guideline."""
    records: dict[str, list[m.Record]] = field(default_factory=dict)
    """Top-level records per collection, in file order."""
    origins: dict[str, Origin] = field(default_factory=dict)
    """Where each record (top-level or nested, by id) was written."""
    singleton_origins: dict[str, Origin] = field(default_factory=dict)
    """Where `publication` and `guideline` were written."""
    by_id: dict[str, m.Record] = field(default_factory=dict)
    """Every record with an id, nested ones included."""

    @functools.cached_property
    def source_numbers(self) -> dict[str, int]:
        """Each source's number in the sources list (content order, from 1): citations print it."""
        return {s.id: i for i, s in enumerate(self.records.get("sources", []), start=1)}

    def collection(self, name: str, kind: type[R]) -> list[R]:
        """The records of one collection, typed."""
        return [r for r in self.records.get(name, []) if isinstance(r, kind)]

    def get(self, record_id: str, kind: type[R]) -> R:
        """A record by id (the id is known to exist after validation)."""
        record = self.by_id[record_id]
        assert isinstance(record, kind), f"{record_id} is a {type(record).__name__}"
        return record


def content_files(root: Path) -> list[Path]:
    """The YAML files of a content directory, in a stable order."""
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


@dataclass
class _Collector:
    root: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    records: dict[str, list[m.Record]] = field(default_factory=dict)
    record_origins: list[tuple[m.Record, Origin]] = field(default_factory=list)
    singletons: dict[str, tuple[BaseModel, Origin]] = field(default_factory=dict)
    singletons_seen: dict[str, Origin] = field(default_factory=dict)
    """First place each singleton is written, valid or not (a second one is an error either way)."""

    def add_file(self, loaded: LoadedFile) -> None:
        data = loaded.data
        if data is None:
            self.diagnostics.append(
                loaded.diagnostic((), "content.empty", "the file is empty", "add records, or delete the file")
            )
            return
        if not isinstance(data, dict):
            self.diagnostics.append(
                loaded.diagnostic(
                    (),
                    "content.top-level",
                    "the file must be a mapping of collections",
                    f"start with one of: {', '.join([*SINGLETONS, *COLLECTIONS])}",
                )
            )
            return
        for key, value in data.items():
            if key in SINGLETONS:
                self._add_singleton(loaded, key, value)
            elif key in COLLECTIONS:
                self._add_collection(loaded, key, value)
            else:
                close = difflib.get_close_matches(key, [*SINGLETONS, *COLLECTIONS], n=1, cutoff=0.6)
                self.diagnostics.append(
                    loaded.diagnostic(
                        (key,),
                        "content.unknown-collection",
                        f"unknown collection '{key}'",
                        f"did you mean '{close[0]}'?"
                        if close
                        else f"use one of: {', '.join([*SINGLETONS, *COLLECTIONS])}",
                    )
                )

    def _add_singleton(self, loaded: LoadedFile, key: str, value: object) -> None:
        if key in self.singletons_seen:
            first = self.singletons_seen[key]
            self.diagnostics.append(
                loaded.diagnostic(
                    (key,),
                    "content.duplicate-singleton",
                    f"'{key}' is already defined in {first.file.display}:{first.line()}",
                    "keep only one of the two",
                )
            )
            return
        self.singletons_seen[key] = Origin(loaded, (key,))
        kind = SINGLETONS[key]
        try:
            self.singletons[key] = (kind.model_validate(value), Origin(loaded, (key,)))
        except ValidationError as exc:
            self.diagnostics.extend(diagnostics_from_error(exc, kind, loaded, (key,)))

    def _add_collection(self, loaded: LoadedFile, key: str, value: object) -> None:
        if not isinstance(value, list):
            self.diagnostics.append(
                loaded.diagnostic(
                    (key,),
                    "schema.type",
                    f"'{key}' must be a list of records",
                    "write each record as an item starting with '- id: …'",
                )
            )
            return
        kind = COLLECTIONS[key]
        for index, item in enumerate(value):
            try:
                record = kind.model_validate(item)
            except ValidationError as exc:
                self.diagnostics.extend(diagnostics_from_error(exc, kind, loaded, (key, index)))
                continue
            self.records.setdefault(key, []).append(record)
            self.record_origins.append((record, Origin(loaded, (key, index))))


def load_content(root: Path) -> tuple[Content | None, list[Diagnostic]]:
    """Load and validate every file under ``root``; the content is None when any error remains."""
    with _no_cycle_collection():
        return _load_content(root)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while the content is built.

    Why: loading builds hundreds of thousands of objects and no cycles worth collecting,
    but each full collection walks every object built so far: on the 10,000-record
    synthetic corpus, nine of them took 1.4 s of the 3.7 s the loading cost. Objects are
    still freed by reference counting meanwhile; cycles (an exception and its traceback)
    wait until the loading ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_content(root: Path) -> tuple[Content | None, list[Diagnostic]]:
    collector = _Collector(root)
    if not root.is_dir():
        return None, [
            Diagnostic(
                display_path(root),
                0,
                0,
                "content.missing-dir",
                "the content directory does not exist",
                hint="pass --content DIR with the folder that holds the YAML files",
            )
        ]
    files = content_files(root)
    for loaded, problems in iter_files([(path, display_path(path)) for path in files]):
        collector.diagnostics.extend(problems)
        if loaded is not None:
            collector.add_file(loaded)
            # The records hold the values now; the file keeps its positions for diagnostics.
            # Letting the raw values go keeps one file of them in memory, not the corpus.
            loaded.data = None
    if not files:
        collector.diagnostics.append(
            Diagnostic(
                display_path(root),
                0,
                0,
                "content.no-files",
                "no .yaml files in the content directory",
                hint="check the --content path",
            )
        )
    for key in SINGLETONS:
        if (
            key not in collector.singletons_seen
            and files
            and not any(d.code.startswith("yaml.") for d in collector.diagnostics)
        ):
            collector.diagnostics.append(
                Diagnostic(
                    display_path(root),
                    0,
                    0,
                    "content.missing-singleton",
                    f"no file defines '{key}'",
                    hint=f"add a file with a top-level '{key}:' key",
                )
            )
    origins: dict[str, Origin] = {}
    by_id: dict[str, m.Record] = {}
    singleton_origins = {k: o for k, (_, o) in collector.singletons.items()}
    roots = [(r, o) for r, o in collector.record_origins]
    if "guideline" in collector.singletons:
        guideline, g_origin = collector.singletons["guideline"]
        assert isinstance(guideline, m.Guideline)
        roots.append((guideline, g_origin))
    for record, origin in roots:
        for sub, nested in nested_records(record):
            here = Origin(origin.file, (*origin.path, *sub))
            if nested.id in origins:
                first = origins[nested.id]
                collector.diagnostics.append(
                    here.file.diagnostic(
                        (*here.path, "id"),
                        "ref.duplicate-id",
                        f"the id '{nested.id}' is already used in {first.file.display}:{first.line(('id',))}",
                        "ids must be unique across all content files; choose another id",
                    )
                )
                continue
            origins[nested.id] = here
            by_id[nested.id] = nested
    diagnostics = collector.diagnostics
    diagnostics.extend(check_references(by_id, origins))
    diagnostics.extend(check_courses(collector.record_origins))
    publication = collector.singletons.get("publication", (None, None))[0]
    guideline_model = collector.singletons.get("guideline", (None, None))[0]
    if (
        has_errors(diagnostics)
        or not isinstance(publication, m.Publication)
        or not isinstance(guideline_model, m.Guideline)
    ):
        return None, sort_diagnostics(diagnostics)
    # Relations need every reference resolved; a loop is an error, so there is no content then.
    diagnostics.extend(check_relations(by_id, origins))
    diagnostics.extend(check_versions(publication, singleton_origins["publication"], root))
    if has_errors(diagnostics):
        return None, sort_diagnostics(diagnostics)
    content = Content(
        root=root,
        publication=publication,
        guideline=guideline_model,
        records=collector.records,
        origins=origins,
        singleton_origins=singleton_origins,
        by_id=by_id,
    )
    return content, sort_diagnostics(diagnostics)


State = Literal["current", "stale", "missing"]
"""The state of a translation (:meth:`vkc.model.LocalizedText.state`)."""


@dataclass(frozen=True)
class TextField:
    """One LocalizedText of the content and where it was written."""

    record_id: str
    """Id of the nearest record holding it (``publication`` for the edition)."""
    kind: str
    """Kind of that record, e.g. ``organization``, ``section``."""
    key_path: KeyPath
    """Path of the text inside its record, e.g. ``("standards", 0, "note")``."""
    file_path: KeyPath
    """Path of the text inside its file."""
    loaded: LoadedFile
    """The file it was written in."""
    text: m.LocalizedText
    """The text itself."""
    part: str = ""
    """Id of the guideline part it belongs to (empty outside the guideline)."""

    @property
    def key(self) -> str:
        """The key path as written in commands and PO contexts (``standards.0.note``)."""
        return format_key_path(self.key_path)

    @property
    def file(self) -> str:
        """The file as diagnostics show it."""
        return self.loaded.display

    @property
    def context(self) -> str:
        """``record-id:key.path``: the field's identity in PO files and links."""
        return f"{self.record_id}:{self.key}"

    def line(self, lang: m.Lang | None = None) -> int:
        """Line of the ``lang`` value, or of the text's key when that value is absent."""
        if lang is not None and (*self.file_path, lang) in self.loaded.positions:
            return self.loaded.position((*self.file_path, lang))[0]
        return self.loaded.position(self.file_path)[0]

    def state(self, lang: m.TranslationLang) -> State:
        """Current, stale or missing in ``lang``."""
        return self.text.state(lang)


def text_fields(content: Content) -> list[TextField]:
    """Every LocalizedText of the content, in file order (publication, guideline, collections).

    Those of the content read last are kept: a build asks for them once per language."""
    if not _TEXT_FIELDS or _TEXT_FIELDS[0][0] is not content:
        _TEXT_FIELDS[:] = [(content, _text_fields(content))]
    return list(_TEXT_FIELDS[0][1])


_TEXT_FIELDS: list[tuple[Content, list[TextField]]] = []


def _text_fields(content: Content) -> list[TextField]:
    roots: list[tuple[BaseModel, str, Origin]] = [
        (content.publication, "publication", content.singleton_origins["publication"]),
        (content.guideline, content.guideline.id, content.singleton_origins["guideline"]),
    ]
    for records in content.records.values():
        roots.extend((record, record.id, content.origins[record.id]) for record in records)
    fields = [
        TextField(found.record_id, found.kind, found.key_path, found.path, origin.file, found.text, found.part)
        for obj, record_id, origin in roots
        for found in localized_texts(obj, record_id, origin.path)
    ]
    fields.sort(key=lambda f: (f.file, f.line()))
    return fields


def content_file(content: Content, path: Path) -> str:
    """A content file relative to the content folder (``records.yaml``), or its name when outside it.

    The one answer for "which file": git dates, the pages' sources, and (prefixed with the
    folder's name by :func:`repository_path`) links into the repository.
    """
    return _relative_name(content.root, path)


@functools.lru_cache(maxsize=4096)
def _relative_name(root: Path, path: Path) -> str:
    """Kept per path: resolving a path is a system call per part, and a build asks for the file
    of every record it shows."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def repository_path(content: Content, loaded: LoadedFile) -> str:
    """The file as a repository path: ``content/records.yaml`` (the content folder's name first)."""
    return f"{content.root.resolve().name}/{content_file(content, loaded.path)}"
