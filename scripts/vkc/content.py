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
from typing import Literal, Protocol, TypeVar, cast

from pydantic import BaseModel, ValidationError

from . import model as m
from .crossref import check_references
from .diagnostics import Diagnostic, display_path, has_errors, sort_diagnostics
from .relations import check_relations
from .schema_errors import diagnostics_from_error
from .training import check_courses
from .versions import check_versions
from .walk import localized_texts, nested_records
from .yamlload import (
    MAX_FILE_BYTES,
    PARALLEL_MIN_BYTES,
    KeyPath,
    LoadedFile,
    Origin,
    Value,
    format_key_path,
    iter_files,
    parse_bytes,
)

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
_M = TypeVar("_M", bound=BaseModel)


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

    def origin_path(self, record_id: str) -> Path | None:
        """The file a record (top-level or nested) was written in; None for an unknown id.

        Asked by name (not through :attr:`origins`) so that a page document that shows a
        record depends on that record's file alone (:mod:`vkc.document.reads`)."""
        origin = self.origins.get(record_id)
        return origin.file.path if origin is not None else None

    def singleton_path(self, key: str) -> Path | None:
        """The file ``publication`` or ``guideline`` was written in (see :meth:`origin_path`)."""
        origin = self.singleton_origins.get(key)
        return origin.file.path if origin is not None else None


def content_files(root: Path) -> list[Path]:
    """The YAML files of a content directory, in a stable order."""
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


@dataclass
class _Collector:
    root: Path
    stream: _TextStream | None = None
    """Where each text goes as soon as its record is valid (`vkc check`), or None to keep the texts."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    records: dict[str, list[m.Record]] = field(default_factory=dict)
    """Top-level records per collection, in content order (filled by :meth:`finish`)."""
    record_origins: list[tuple[m.Record, Origin]] = field(default_factory=list)
    """Top-level records in content order (filled by :meth:`finish`)."""
    by_file: dict[int, list[tuple[str, m.Record, Origin]]] = field(default_factory=dict)
    """Valid top-level records per file, by the file's place in content order."""
    singletons: dict[str, tuple[BaseModel, Origin]] = field(default_factory=dict)
    singletons_seen: dict[str, Origin] = field(default_factory=dict)
    """First place each singleton is written, valid or not (a second one is an error either way)."""
    queued: list[tuple[int, LoadedFile, str, object]] = field(default_factory=list)
    """Singletons written in a file loaded before a file that comes earlier in content order:
    which one is the first is known once the earlier files are loaded."""
    done: set[int] = field(default_factory=set)
    """Files loaded so far, by place in content order."""
    next_unloaded: int = 0
    """The first file in content order not loaded yet."""
    kept: dict[int, dict[KeyPath, BaseModel]] = field(default_factory=dict)
    """By ``id()`` of a file kept from an earlier load (:data:`_KEPT`, which keeps it alive): its
    valid models by their place in the file, made when it was first loaded."""

    def validate(self, loaded: LoadedFile, path: KeyPath, kind: type[_M], value: object) -> _M:
        """``kind.model_validate(value)``, or the model made from the same bytes of the file before.

        Why: validating is a function of the value, and the value of the file's bytes; a
        process that builds again (the live preview) validated every record of every file for an
        edit of one. The models are frozen, so the earlier content and this one share them.
        """
        models = self.kept.get(id(loaded))
        found = models.get(path) if models is not None else None
        if isinstance(found, kind):
            return found
        made = kind.model_validate(value)
        if models is not None:
            models[path] = made
        return made

    def add_file(self, index: int, loaded: LoadedFile) -> None:
        """The records of the file at ``index`` in content order (files may come in another order)."""
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
                self.queued.append((index, loaded, key, value))
            elif key in COLLECTIONS:
                self._add_collection(index, loaded, key, value)
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

    def file_done(self, index: int) -> None:
        """Note that the file at ``index`` is loaded; settle the singletons whose earlier files all are."""
        self.done.add(index)
        while self.next_unloaded in self.done:
            self.next_unloaded += 1
        ready = [item for item in self.queued if item[0] < self.next_unloaded]
        if ready:
            self.queued = [item for item in self.queued if item[0] >= self.next_unloaded]
            for _, loaded, key, value in sorted(ready, key=lambda item: item[0]):
                self._add_singleton(loaded, key, value)

    def finish(self) -> None:
        """The records in content order, whatever order their files were loaded in."""
        for index in sorted(self.by_file):
            for key, record, origin in self.by_file[index]:
                self.records.setdefault(key, []).append(record)
                self.record_origins.append((record, origin))
        self.by_file.clear()

    def collections(self, names: tuple[str, ...]) -> dict[str, list[m.Record]]:
        """The records of the collections ``names`` loaded so far, in content order."""
        found: dict[str, list[m.Record]] = {}
        for index in sorted(self.by_file):
            for key, record, _ in self.by_file[index]:
                if key in names:
                    found.setdefault(key, []).append(record)
        return found

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
            model = self.validate(loaded, (key,), kind, value)
        except ValidationError as exc:
            self.diagnostics.extend(diagnostics_from_error(exc, kind, loaded, (key,)))
            return
        origin = Origin(loaded, (key,))
        self.singletons[key] = (model, origin)
        if self.stream is not None:
            self.stream.singleton(key, model, origin)

    def _add_collection(self, index: int, loaded: LoadedFile, key: str, value: object) -> None:
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
        found = self.by_file.setdefault(index, [])
        for item_index, item in enumerate(value):
            try:
                record = self.validate(loaded, (key, item_index), kind, item)
            except ValidationError as exc:
                self.diagnostics.extend(diagnostics_from_error(exc, kind, loaded, (key, item_index)))
                continue
            origin = Origin(loaded, (key, item_index))
            if self.stream is not None:
                self.stream.record(key, record, origin, (index, len(found)))
            found.append((key, record, origin))


def load_content(root: Path, *, reuse: bool = False) -> tuple[Content | None, list[Diagnostic]]:
    """Load and validate every file under ``root``; the content is None when any error remains.

    ``reuse``: keep what each file gave (its parsed values and its models) and take it again
    while the file's bytes are the same (a process that loads again: the build, for the live
    preview). The records of an unchanged file are then the same objects in both contents.
    """
    with _no_cycle_collection():
        return _load_content(root, None, reuse)


@dataclass
class _Kept:
    """What one file gave when it was last loaded (see :func:`load_content`)."""

    raw: bytes
    """Its bytes, as parsed."""
    loaded: LoadedFile
    data: Value
    """Its parsed values (the loading lets ``loaded.data`` go once it has made the records)."""
    models: dict[KeyPath, BaseModel] = field(default_factory=dict)
    """Its valid models by their place in the file (:meth:`_Collector.validate`)."""


_KEPT: dict[Path, _Kept] = {}
"""The files of the content loaded last with ``reuse``, by path. Only that content's: loading
another folder replaces them, so memory holds one content's values at most."""


def _reused_files(
    collector: _Collector, pairs: list[tuple[Path, str]]
) -> Iterator[tuple[LoadedFile | None, list[Diagnostic]]] | None:
    """The files ``pairs`` as :func:`iter_files` gives them, each unchanged one taken from
    :data:`_KEPT` (its models handed to ``collector``); None when the content is too large to keep.

    Why the bytes are parsed here, not by :func:`iter_files`: what is kept must be what those very
    bytes gave (a file saved again between two reads would otherwise be kept under the wrong
    bytes). Why not above :data:`PARALLEL_MIN_BYTES` of YAML: that much is parsed in two processes,
    and keeping its values would double the memory the records take.
    """
    raws: list[bytes] = []
    for path, _ in pairs:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                return None
            raws.append(path.read_bytes())
        except OSError:  # the loading reports it
            return None
    if sum(len(raw) for raw in raws) >= PARALLEL_MIN_BYTES:
        _KEPT.clear()
        return None
    fresh: dict[Path, _Kept] = {}
    results: list[tuple[LoadedFile | None, list[Diagnostic]]] = []
    for (path, display), raw in zip(pairs, raws, strict=True):
        kept = _KEPT.get(path)
        if kept is None or kept.raw != raw or kept.loaded.display != display:
            loaded, problems = parse_bytes(raw, path, display)
            if loaded is None or problems:
                results.append((loaded, problems))
                continue
            kept = _Kept(raw, loaded, loaded.data)
        kept.loaded.data = kept.data  # the collector lets it go again once it has the records
        collector.kept[id(kept.loaded)] = kept.models
        fresh[path] = kept
        results.append((kept.loaded, []))
    _KEPT.clear()
    _KEPT.update(fresh)
    return iter(results)


class TextCheck(Protocol):
    """A check of each text of the content that needs some collections whole before it can judge a text.

    :class:`vkc.glossary_check.GlossaryCheck` is one: it needs the glossary and the organizations.
    """

    needs: tuple[str, ...]
    """The collections :meth:`prepare` needs."""

    def prepare(self, records: dict[str, list[m.Record]]) -> None:
        """Take the valid top-level records of the collections in :attr:`needs`, in content order."""

    def check(self, text_field: TextField) -> list[Diagnostic]:
        """The problems of one text."""


def check_content(root: Path, texts: TextCheck) -> tuple[int | None, list[Diagnostic]]:
    """What `vkc check` reports: :func:`load_content`'s diagnostics, then (when it finds no error)
    those of ``texts`` for every text; also the number of records (None when an error remains).

    Why not :func:`load_content` and a walk over its texts: the texts are most of the content's
    memory. On the 10,000-record synthetic corpus (:mod:`benchmarks.check`) they were 26 MB
    of strings and 17 MB of the models and containers that hold them, of the 67 MB that the
    loaded content added to the 35 MB of imports; its PyYAML + pydantic peer, which keeps
    nothing, peaks at 54 MB, and the goal is 1.5 times that. Here each record's texts go to
    ``texts`` as soon as the record is valid and are then let go: the records keep a shared
    stand-in (:func:`_hollow`) that answers what the checks across records ask of a text,
    and what stays is 16 MB (3.7 MB of it the files' positions). Peak memory of `vkc check`
    went from 107 MB to 68 MB (1.26 times the peer); its CPU time stayed about the same.

    The files that may hold the collections ``texts`` needs are loaded first, so that it can
    take texts from the start; until they are all loaded their records wait whole (on that
    corpus, the glossary: 15 MB for a while). Everything that depends on the order of the
    files (which of two definitions comes first, the order of the records and of the
    diagnostics) still follows content order.
    """
    with _no_cycle_collection():
        stream = _TextStream(texts, every_file=False)
        content, diagnostics = _load_content(root, stream)
        if stream.missed and content is not None:
            # A file the first glance passed over held one of those collections after all
            # (its key spelled with escapes): the texts already let go were judged without
            # it. Load again, every file first: slow, and right.
            stream = _TextStream(texts, every_file=True)
            content, diagnostics = _load_content(root, stream)
    if content is None:
        return None, diagnostics
    found = stream.diagnostics(list(content.records))
    return len(content.by_id), sorted([*diagnostics, *found], key=lambda d: (d.file, d.line, d.column))


_Rank = tuple[int, str, tuple[int, int]]
"""Where a text's root comes in :func:`text_fields`' order before it sorts by line: publication
(0), guideline (1) or a record (2) of a collection, at (file, place in file) in content order."""


class _TextStream:
    """Texts handed to a :class:`TextCheck` as soon as it can take them, then let go."""

    def __init__(self, check: TextCheck, every_file: bool) -> None:
        self.check = check
        self.every_file = every_file
        self.first: set[int] = set()
        """Files (by place in content order) that may hold a collection the check needs, not loaded yet."""
        self.ready = False
        self.waiting: list[tuple[BaseModel, str, Origin, _Rank]] = []
        self.prepared: dict[str, int] = {}
        """How many records of each needed collection the check was prepared with."""
        self.missed = False
        self.found: list[tuple[tuple[str, int, _Rank, int], list[Diagnostic]]] = []

    def order(self, files: list[Path]) -> list[int]:
        """The order to load ``files`` in: those that may hold a needed collection first.

        Why a glance at the bytes: a top-level key is written as its name (plain or quoted);
        a file that spells it otherwise is caught afterwards (:attr:`missed`).
        """
        names = [name.encode() for name in self.check.needs]
        for index, path in enumerate(files):
            if self.every_file:
                self.first.add(index)
                continue
            with contextlib.suppress(OSError):  # the loading reports it
                raw = path.read_bytes()
                if any(name in raw for name in names):
                    self.first.add(index)
        return [*sorted(self.first), *(i for i in range(len(files)) if i not in self.first)]

    def file_done(self, index: int, collector: _Collector) -> None:
        """Once every file that may hold a needed collection is loaded, prepare the check and feed it."""
        self.first.discard(index)
        if self.ready or self.first:
            return
        records = collector.collections(self.check.needs)
        self.check.prepare(records)
        self.prepared = {name: len(records.get(name, [])) for name in self.check.needs}
        self.ready = True
        waiting, self.waiting = self.waiting, []
        for item in waiting:
            self._take(*item)

    def finish(self, collector: _Collector) -> None:
        """Note whether a needed record came after the check was prepared (see :attr:`missed`)."""
        counts = {name: len(collector.records.get(name, [])) for name in self.check.needs}
        self.missed = self.ready and counts != self.prepared

    def record(self, key: str, record: m.Record, origin: Origin, place: tuple[int, int]) -> None:
        """A valid top-level record at ``place`` (file, place in file) in content order."""
        self._root(record, record.id, origin, (2, key, place))

    def singleton(self, key: str, model: BaseModel, origin: Origin) -> None:
        """The valid `publication` or `guideline`."""
        if isinstance(model, m.Guideline):
            self._root(model, model.id, origin, (1, "", (0, 0)))
        else:
            self._root(model, key, origin, (0, "", (0, 0)))

    def _root(self, root: BaseModel, record_id: str, origin: Origin, rank: _Rank) -> None:
        if self.ready:
            self._take(root, record_id, origin, rank)
        else:
            self.waiting.append((root, record_id, origin, rank))

    def _take(self, root: BaseModel, record_id: str, origin: Origin, rank: _Rank) -> None:
        start = len(origin.path)
        for seq, found in enumerate(list(localized_texts(root, record_id, origin.path))):
            text_field = TextField(
                found.record_id, found.kind, found.key_path, found.path, origin.file, found.text, found.part
            )
            problems = self.check.check(text_field)
            if problems:
                self.found.append(((text_field.file, text_field.line(), rank, seq), problems))
            _hollow(root, found.path[start:], found.text)

    def diagnostics(self, collections: list[str]) -> list[Diagnostic]:
        """The check's diagnostics in :func:`text_fields` order (then each text's own order)."""
        place = {name: i for i, name in enumerate(collections)}

        def order(item: tuple[tuple[str, int, _Rank, int], list[Diagnostic]]) -> tuple[object, ...]:
            (file, line, (group, key, at), seq), _ = item
            return (file, line, group, place.get(key, -1), at, seq)

        return [problem for _, problems in sorted(self.found, key=order) for problem in problems]


def _hollow(root: BaseModel, path: KeyPath, text: m.LocalizedText) -> None:
    """Put a shared stand-in in place of the ``text`` at ``path`` inside ``root``, in place.

    Why in place, in a frozen model: a copy of every record would cost more time than the
    whole check saves, and these models never leave :func:`check_content`. A stand-in keeps
    what the checks across records read of a text: which languages it has, the languages
    of its source hashes and the languages it proposes.
    """
    holder: object = root
    for step in path[:-1]:
        holder = cast(list[object], holder)[step] if isinstance(step, int) else getattr(holder, step)
    last = path[-1]
    if isinstance(last, int):  # an item of a list of texts
        cast(list[object], holder)[last] = _stand_in(text)
    else:
        vars(holder)[last] = _stand_in(text)


_STAND_INS: dict[tuple[bool, bool, tuple[str, ...], tuple[str, ...]], m.LocalizedText] = {}
"""One stand-in per shape of text (see :func:`_hollow`): a few dozen at most."""


def _stand_in(text: m.LocalizedText) -> m.LocalizedText:
    shape = (text.en is not None, text.ko is not None, tuple(text.translated_from), tuple(text.proposed))
    found = _STAND_INS.get(shape)
    if found is None:
        found = _STAND_INS[shape] = m.LocalizedText.model_validate(
            {
                "vi": "-",
                "en": "-" if shape[0] else None,
                "ko": "-" if shape[1] else None,
                "translated_from": dict.fromkeys(text.translated_from, "0" * 12),
                "proposed": list(text.proposed),
            }
        )
    return found


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


def _load_content(
    root: Path, stream: _TextStream | None, reuse: bool = False
) -> tuple[Content | None, list[Diagnostic]]:
    collector = _Collector(root, stream)
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
    order = stream.order(files) if stream is not None else list(range(len(files)))
    pairs = [(files[i], display_path(files[i])) for i in order]
    # `vkc check` (a stream) lets the texts of its records go: nothing of it can be kept.
    loading = (_reused_files(collector, pairs) if reuse and stream is None else None) or iter_files(pairs)
    for index, (loaded, problems) in zip(order, loading, strict=True):
        collector.diagnostics.extend(problems)
        if loaded is not None:
            collector.add_file(index, loaded)
            # The records hold the values now; the file keeps its positions for diagnostics.
            # Letting the raw values go keeps one file of them in memory, not the corpus.
            loaded.data = None
        collector.file_done(index)
        if stream is not None:
            stream.file_done(index, collector)
    collector.finish()
    if stream is not None:
        stream.finish(collector)
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

    Those of the content read last are kept: a build asks for them once per language. What
    they come from is read all the same: a page document that lists them depends on it all
    (:mod:`vkc.document.reads` records what a document reads)."""
    for name in ("publication", "guideline", "records", "origins", "singleton_origins"):
        getattr(content, name)
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
