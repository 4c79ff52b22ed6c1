"""Malformed content through `vkc check`: the exact diagnostic, its hint and exit code 1.

Each case writes a small YAML snippet (by default as ``bad.yaml``) into a private copy of
the `mini` fixture and runs the CLI in-process. The whole of stderr is compared, so a
case also proves that nothing else was reported and that no traceback escaped. ``$bad``,
``$records``, ``$publication`` and ``$root`` stand for the paths as `vkc` displays them.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

import pytest

from conftest import FIXTURES, REPO, CliResult, copy_fixture, run_vkc_process
from vkc.content import load_content
from vkc.diagnostics import display_path
from vkc.model import Organization, Publication
from vkc.yamlload import MAX_FILE_BYTES

ORG = "organizations:\n  - id: org-a\n    name: {vi: Cơ quan A}\n    country: vn\n"
"""A valid organization without sources; cases append one or two lines."""
SRC = "sources:\n  - id: src-b\n    title: T\n    publisher: P\n    language: vi\n    confidence: high\n"
"""A valid source; cases append one line."""
PROJECT = (
    "projects:\n  - id: p\n    name: {vi: Dự án}\n    short_name: P\n    summary: {vi: Tóm tắt}\n"
    "    sources: [src-plo]\n"
)
"""A valid project; cases append components or events."""
COLLECTION_NAMES = (
    "publication, guideline, sources, organizations, legal_documents, standards, indicator_categories, "
    "indicators, projects, pilots, glossary, courses"
)


def _too_large(root: Path) -> None:
    # A sparse file: over the limit on disk without writing 16 MB.
    with (root / "bad.yaml").open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)


@dataclass(frozen=True)
class Case:
    """One malformed input and everything `vkc check` must print for it."""

    id: str
    files: dict[str, str | bytes]
    """Files to write into the content copy (relative path -> text or bytes)."""
    expected: tuple[str, ...]
    """Diagnostics as printed (each with its hint line), in output order."""
    remove: tuple[str, ...] = ()
    """Fixture files to delete first."""
    setup: Callable[[Path], None] | None = field(default=None)
    """Extra preparation of the content directory."""


def bad(text: str | bytes) -> dict[str, str | bytes]:
    return {"bad.yaml": text}


CASES: tuple[Case, ...] = (
    # --- YAML 1.1 surprises in typed fields -------------------------------------------
    Case(
        "bool-yes",
        bad(ORG + "    illustrative: yes\n"),
        (
            "$bad:5:5: error[schema.bool] organizations.0.illustrative: 'yes' is not true or false\n"
            "  hint: write true or false (yes, no, on and off are not accepted)",
        ),
    ),
    Case(
        "bool-on",
        bad(ORG + "    illustrative: on\n"),
        (
            "$bad:5:5: error[schema.bool] organizations.0.illustrative: 'on' is not true or false\n"
            "  hint: write true or false (yes, no, on and off are not accepted)",
        ),
    ),
    Case(
        "bool-NO",
        bad(ORG + "    illustrative: NO\n"),
        (
            "$bad:5:5: error[schema.bool] organizations.0.illustrative: 'NO' is not true or false\n"
            "  hint: write true or false (yes, no, on and off are not accepted)",
        ),
    ),
    # --- dates -----------------------------------------------------------------------
    Case(
        "date-feb-30",
        bad(SRC + "    date: 2024-02-30\n"),
        (
            "$bad:7:5: error[schema.date] sources.0.date: '2024-02-30' is not a real date: February 2024 has 29 days\n"
            "  hint: write a real date as YYYY-MM-DD, YYYY-MM or YYYY",
        ),
    ),
    Case(
        "date-feb-29-non-leap",
        bad(SRC + "    date: 2023-02-29\n"),
        (
            "$bad:7:5: error[schema.date] sources.0.date: '2023-02-29' is not a real date: February 2023 has 28 days\n"
            "  hint: write a real date as YYYY-MM-DD, YYYY-MM or YYYY",
        ),
    ),
    Case(
        "date-month-13",
        bad(SRC + "    date: 2024-13\n"),
        (
            "$bad:7:5: error[schema.date] sources.0.date: '2024-13' is not a real date: there is no month 13\n"
            "  hint: write a real date as YYYY-MM-DD, YYYY-MM or YYYY",
        ),
    ),
    Case(
        "date-vietnamese-order",
        bad(SRC + "    date: 23/1/2024\n"),
        (
            "$bad:7:5: error[schema.date] sources.0.date: '23/1/2024' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY\n"
            "  hint: write a real date as YYYY-MM-DD, YYYY-MM or YYYY",
        ),
    ),
    Case(
        "dates-in-impossible-order",
        bad(
            PROJECT + "    events:\n      - id: e1\n        date: 2024-05-02\n        end: 2024-04\n"
            "        title: {vi: Hội nghị}\n        sources: [src-plo]\n"
        ),
        (
            "$bad:10:9: error[date.order] projects.0.events.0.end: end (2024-04) is before date (2024-05-02)\n"
            "  hint: swap the two dates or correct one of them",
        ),
    ),
    Case(
        "org-valid-until-before-from",
        bad(ORG + "    sources: [src-plo]\n    valid_from: 2025-03\n    valid_until: 2024\n"),
        (
            "$bad:7:5: error[date.order] organizations.0.valid_until: valid_until (2024) is before valid_from (2025-03)\n"
            "  hint: swap the two dates or correct one of them",
        ),
    ),
    # --- the YAML layer --------------------------------------------------------------
    Case(
        "duplicate-key",
        bad("sources:\n  - id: src-b\n    title: T\n    title: U\n    publisher: P\n"),
        (
            "$bad:4:5: error[yaml.duplicate-key] sources.0.title: duplicate key 'title' (first defined on line 3)\n"
            "  hint: remove one of the two; YAML would silently keep only the last",
        ),
    ),
    Case(
        "tab-indentation",
        bad("sources:\n  - id: src-b\n\ttitle: T\n  \t  publisher: P\n"),
        (
            "$bad:3:1: error[yaml.tab] a tab is used for indentation\n"
            "  hint: indent with spaces; YAML does not allow tabs there",
            "$bad:4:3: error[yaml.tab] a tab is used for indentation\n"
            "  hint: indent with spaces; YAML does not allow tabs there",
        ),
    ),
    Case(
        "non-utf8-latin1",
        bad("sources:\n  - id: src-b\n    title: Vi\xe9t\n".encode("latin-1")),
        (
            "$bad:3:14: error[yaml.encoding] the file is not UTF-8 (byte 0xe9)\n  hint: save the file as UTF-8 in your editor",
        ),
    ),
    Case(
        "non-utf8-after-vietnamese",
        bad("sources:\n  - id: src-b\n    title: Việt Nam ".encode() + b"\xff\n"),
        (
            "$bad:3:21: error[yaml.encoding] the file is not UTF-8 (byte 0xff)\n  hint: save the file as UTF-8 in your editor",
        ),
    ),
    Case(
        "control-character",
        bad(ORG + "    abbreviation: Bộ\x07XD\n"),
        (
            "$bad:5:21: error[yaml.control-character] the control character U+0007 is not allowed in YAML\n"
            "  hint: delete it; text pasted from a PDF or a word processor often carries one",
        ),
    ),
    Case(
        "billion-laughs",
        bad(
            'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
            + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10))
        ),
        (
            "$bad:4:45: error[yaml.alias-bomb] a3.7: aliases expand to more than 10000 values\n"
            "  hint: write the repeated values out, or remove the anchors and aliases",
        ),
    ),
    Case(
        "nesting-5000-deep",
        bad("sources: " + "[" * 5000 + "]" * 5000 + "\n"),
        (
            "$bad:1:73: error[yaml.too-deep] sources.0.0.0: nesting deeper than 64 levels\n"
            "  hint: flatten the structure; content never needs this depth",
        ),
    ),
    Case(
        "nesting-deep-block-mappings",
        bad("".join("  " * i + f"k{i}:\n" for i in range(70)) + "  " * 70 + "x: y\n"),
        (
            "$bad:65:129: error[yaml.too-deep] k0.k1.k2.k3: nesting deeper than 64 levels\n"
            "  hint: flatten the structure; content never needs this depth",
        ),
    ),
    Case(
        "file-over-size-limit",
        {},
        (
            f"$bad: error[yaml.too-large] the file is {MAX_FILE_BYTES + 1} bytes; the limit is {MAX_FILE_BYTES}\n"
            "  hint: split the records into several files",
        ),
        setup=_too_large,
    ),
    Case(
        "python-object-tag",
        bad("sources:\n  - id: src-b\n    title: !!python/object/apply:os.system [echo hi]\n"),
        (
            "$bad:3:12: error[yaml.tag] sources.0.title: the tag 'tag:yaml.org,2002:python/object/apply:os.system' "
            "is not allowed in content files\n"
            "  hint: remove the tag; quote the value if it is text",
        ),
    ),
    Case(
        "int-tag",
        bad("sources:\n  - id: src-b\n    title: !!int 5\n"),
        (
            "$bad:3:12: error[yaml.tag] sources.0.title: the tag 'tag:yaml.org,2002:int' is not allowed in content files\n"
            "  hint: remove the tag; quote the value if it is text",
        ),
    ),
    Case(
        "merge-key",
        bad("sources:\n  - &base\n    id: src-b\n    title: T\n  - <<: *base\n    id: src-c\n"),
        (
            "$bad:5:5: error[yaml.merge-key] sources.1: merge keys ('<<') are not supported\n"
            "  hint: write the keys out in full",
        ),
    ),
    Case(
        "undefined-alias",
        bad("organizations:\n  - id: org-a\n    name: *nope\n"),
        (
            "$bad:3:11: error[yaml.alias] organizations.0.name: alias '*nope' refers to no anchor\n"
            "  hint: define '&NAME' before using '*NAME'",
        ),
    ),
    Case(
        "complex-key",
        bad("? [a, b]\n: x\n"),
        (
            "$bad:1:3: error[yaml.key] a mapping key must be plain text\n"
            "  hint: write keys as simple words such as 'title:'",
        ),
    ),
    Case(
        "unquoted-colon",
        bad(ORG + "    abbreviation: Part 1: Scope\n"),
        (
            "$bad:5:25: error[yaml.syntax] YAML syntax error: mapping values are not allowed in this context\n"
            "  hint: quote a text value that contains ': ' (e.g. title: \"Part 1: Scope\")",
        ),
    ),
    Case(
        "bad-indentation",
        bad("organizations:\n  - id: org-a\n   name: x\n"),
        (
            "$bad:3:4: error[yaml.syntax] YAML syntax error: did not find expected '-' indicator "
            "(while parsing a block collection)\n"
            "  hint: check the indentation and quoting near this line",
        ),
    ),
    Case(
        "multiple-documents",
        bad("sources: []\n---\nsources: []\n"),
        (
            "$bad:2:1: error[yaml.documents] the file holds more than one YAML document\n"
            "  hint: remove the '---' line or split the file",
        ),
    ),
    # --- file and collection level ---------------------------------------------------
    Case(
        "empty-file",
        bad(""),
        ("$bad:1:1: error[content.empty] the file is empty\n  hint: add records, or delete the file",),
    ),
    Case(
        "comments-only",
        bad("# nothing yet\n"),
        ("$bad:1:1: error[content.empty] the file is empty\n  hint: add records, or delete the file",),
    ),
    Case(
        "top-level-list",
        bad("- id: a\n"),
        (
            "$bad:1:1: error[content.top-level] the file must be a mapping of collections\n"
            f"  hint: start with one of: {COLLECTION_NAMES}",
        ),
    ),
    Case(
        "unknown-collection-typo",
        bad("organisations: []\n"),
        (
            "$bad:1:1: error[content.unknown-collection] organisations: unknown collection 'organisations'\n"
            "  hint: did you mean 'organizations'?",
        ),
    ),
    Case(
        "unknown-collection",
        bad("zebras: []\n"),
        (
            "$bad:1:1: error[content.unknown-collection] zebras: unknown collection 'zebras'\n"
            f"  hint: use one of: {COLLECTION_NAMES}",
        ),
    ),
    Case(
        "collection-not-a-list",
        bad("organizations: {id: org-a}\n"),
        (
            "$bad:1:1: error[schema.type] organizations: 'organizations' must be a list of records\n"
            "  hint: write each record as an item starting with '- id: …'",
        ),
    ),
    Case(
        "second-publication",
        {"zz.yaml": "\npublication:\n  title: {vi: Khác}\n"},
        (
            "$zz:2:1: error[content.duplicate-singleton] publication: 'publication' is already defined in "
            "$publication:2\n"
            "  hint: keep only one of the two",
        ),
    ),
    Case(
        "no-publication-nor-guideline",
        {},
        (
            "$root: error[content.missing-singleton] no file defines 'guideline'\n"
            "  hint: add a file with a top-level 'guideline:' key",
            "$root: error[content.missing-singleton] no file defines 'publication'\n"
            "  hint: add a file with a top-level 'publication:' key",
        ),
        remove=("publication.yaml",),
    ),
    # --- schema ------------------------------------------------------------------------
    Case(
        "key-typo",
        bad("organizations:\n  - id: org-a\n    nmae: {vi: Cơ quan A}\n    country: vn\n    sources: [src-plo]\n"),
        (
            "$bad:2:5: error[schema.missing] organizations.0: missing required key 'name'\n"
            "  hint: add 'name:' here with at least the Vietnamese text (vi:)",
            "$bad:3:5: error[schema.unknown-key] organizations.0.nmae: unknown key 'nmae'\n"
            "  hint: did you mean 'name'?",
        ),
    ),
    Case(
        "key-typo-nested",
        bad(
            PROJECT + "    events:\n      - id: e1\n        dat: 2024-05-02\n        date: 2024-05-02\n"
            "        title: {vi: Hội nghị}\n        sources: [src-plo]\n"
        ),
        (
            "$bad:9:9: error[schema.unknown-key] projects.0.events.0.dat: unknown key 'dat'\n"
            "  hint: did you mean 'date'?",
        ),
    ),
    Case(
        "unknown-key",
        bad(ORG + "    sources: [src-plo]\n    zzz: 1\n"),
        (
            "$bad:6:5: error[schema.unknown-key] organizations.0.zzz: unknown key 'zzz'\n"
            "  hint: allowed keys: abbreviation, change, country, id, illustrative, name, parent, sources, "
            "succeeded_by, valid_from, valid_until, variants",
        ),
    ),
    Case(
        "text-instead-of-translations",
        bad("organizations:\n  - id: org-a\n    name: Cơ quan A\n    country: vn\n    sources: [src-plo]\n"),
        (
            "$bad:3:5: error[schema.type] organizations.0.name: expected a mapping with vi:, en:, ko:, "
            "got the text 'Cơ quan A'\n"
            "  hint: indent the keys that belong under this one",
        ),
    ),
    Case(
        "text-instead-of-list",
        bad(ORG + "    sources: src-plo\n"),
        (
            "$bad:5:5: error[schema.type] organizations.0.sources: expected a list, got the text 'src-plo'\n"
            "  hint: write each item on its own line starting with '- '",
        ),
    ),
    Case(
        "mapping-instead-of-text",
        bad("sources:\n  - id: src-b\n    title: {vi: T}\n    publisher: P\n    language: vi\n    confidence: high\n"),
        (
            "$bad:3:5: error[schema.type] sources.0.title: expected text, got a mapping\n"
            "  hint: quote the value if it is text",
        ),
    ),
    Case(
        "word-instead-of-number",
        bad(
            PROJECT + "    components:\n      - id: c1\n        number: hai\n        title: {vi: Hợp phần}\n"
            "        sources: [src-plo]\n"
        ),
        (
            "$bad:9:9: error[schema.type] projects.0.components.0.number: expected a whole number, got the text 'hai'\n"
            "  hint: write digits only, e.g. 2",
        ),
    ),
    Case(
        "empty-vietnamese",
        bad("organizations:\n  - id: org-a\n    name: {vi: ~}\n    country: vn\n    sources: [src-plo]\n"),
        (
            "$bad:3:12: error[schema.type] organizations.0.name.vi: expected text, got nothing (an empty value)\n"
            "  hint: quote the value if it is text",
        ),
    ),
    Case(
        "blank-vietnamese",
        bad('organizations:\n  - id: org-a\n    name: {vi: "  "}\n    country: vn\n    sources: [src-plo]\n'),
        (
            "$bad:3:12: error[schema.empty] organizations.0.name.vi: the value is empty\n"
            "  hint: write the text, or remove the key",
        ),
    ),
    Case(
        "missing-field",
        bad("organizations:\n  - id: org-a\n    name: {vi: Cơ quan A}\n    sources: [src-plo]\n"),
        (
            "$bad:2:5: error[schema.missing] organizations.0: missing required key 'country'\n  hint: add 'country:' here",
        ),
    ),
    Case(
        "missing-vietnamese",
        bad("organizations:\n  - id: org-a\n    name: {en: Agency A}\n    country: vn\n    sources: [src-plo]\n"),
        ("$bad:3:5: error[schema.missing] organizations.0.name: missing required key 'vi'\n  hint: add 'vi:' here",),
    ),
    Case(
        "unknown-language",
        bad(
            "organizations:\n  - id: org-a\n    name: {vi: Cơ quan A, fr: Agence A}\n    country: vn\n"
            "    sources: [src-plo]\n"
        ),
        (
            "$bad:3:27: error[schema.unknown-language] organizations.0.name.fr: unknown language code 'fr'\n"
            "  hint: the languages are vi, en and ko",
        ),
    ),
    Case(
        "choice",
        bad("organizations:\n  - id: org-a\n    name: {vi: Cơ quan A}\n    country: vietnam\n    sources: [src-plo]\n"),
        (
            "$bad:4:5: error[schema.choice] organizations.0.country: 'vietnam' is not allowed here\n"
            "  hint: use one of: 'vn', 'kr', 'intl'",
        ),
    ),
    Case(
        "bad-id",
        bad("organizations:\n  - id: Org_A\n    name: {vi: Cơ quan A}\n    country: vn\n    sources: [src-plo]\n"),
        (
            "$bad:2:5: error[schema.format] organizations.0.id: 'Org_A' has the wrong form\n"
            "  hint: an id is lowercase letters, digits and hyphens, e.g. decision-950-2018",
        ),
    ),
    Case(
        "bad-url",
        bad(SRC + "    url: www.example.org\n"),
        (
            "$bad:7:5: error[schema.format] sources.0.url: 'www.example.org' has the wrong form\n"
            "  hint: write the full address starting with https:// or http://",
        ),
    ),
    Case(
        "bad-translation-hash",
        bad(
            "organizations:\n  - id: org-a\n    name: {vi: Cơ quan A, en: Agency A, translated_from: {en: xyz}}\n"
            "    country: vn\n    sources: [src-plo]\n"
        ),
        (
            "$bad:3:59: error[schema.format] organizations.0.name.translated_from.en: 'xyz' has the wrong form\n"
            "  hint: a translation hash is 12 hexadecimal characters; run `vkc translations mark-current`",
        ),
    ),
    Case(
        "id-too-long",
        bad(ORG.replace("org-a", "a" * 81) + "    sources: [src-plo]\n"),
        (
            "$bad:2:5: error[schema.too-long] organizations.0.id: the value is longer than 80 characters\n"
            "  hint: shorten it",
        ),
    ),
    Case(
        "hash-for-unknown-language",
        bad(ORG.replace("{vi: Cơ quan A}", "{vi: Cơ quan A, en: A, translated_from: {fr: 0123456789ab}}")),
        (
            "$bad:3:52: error[schema.choice] organizations.0.name.translated_from.fr: 'fr' is not allowed here\n"
            "  hint: use one of: 'en', 'ko'",
        ),
    ),
    Case(
        "proposed-unknown-language",
        bad(ORG.replace("{vi: Cơ quan A}", "{vi: Cơ quan A, proposed: [fr]}")),
        (
            "$bad:3:38: error[schema.choice] organizations.0.name.proposed.0: 'fr' is not allowed here\n"
            "  hint: use one of: 'vi', 'en', 'ko'",
        ),
    ),
    Case(
        "empty-list-item",
        bad("organizations:\n  -\n"),
        (
            "$bad:2:4: error[schema.type] organizations.0: expected a mapping of keys, got nothing (an empty value)\n"
            "  hint: indent the keys that belong under this one",
        ),
    ),
    # --- across records ----------------------------------------------------------------
    Case(
        "duplicate-id-across-files",
        bad(SRC.replace("src-b", "src-plo")),
        (
            "$records:2:5: error[ref.duplicate-id] sources.0.id: the id 'src-plo' is already used in $bad:2\n"
            "  hint: ids must be unique across all content files; choose another id",
        ),
    ),
    Case(
        "duplicate-id-nested",
        bad(
            PROJECT + "    events:\n      - id: moc\n        date: 2024-05-02\n        title: {vi: Hội nghị}\n"
            "        sources: [src-plo]\n"
        ),
        (
            "$records:9:5: error[ref.duplicate-id] organizations.0.id: the id 'moc' is already used in $bad:8\n"
            "  hint: ids must be unique across all content files; choose another id",
        ),
    ),
    Case(
        "dangling-reference",
        bad(ORG + "    sources: [src-pl]\n"),
        (
            "$bad:5:15: error[ref.unknown-id] organizations.0.sources.0: no source has the id 'src-pl'\n"
            "  hint: did you mean 'src-plo'?",
        ),
    ),
    Case(
        "dangling-reference-no-suggestion",
        bad(ORG + "    sources: [src-plo]\n    parent: nothing-like-it\n"),
        (
            "$bad:6:5: error[ref.unknown-id] organizations.0.parent: no organization has the id 'nothing-like-it'\n"
            "  hint: add an organization with this id, or correct the reference",
        ),
    ),
    Case(
        "wrong-kind-reference",
        bad(ORG + "    sources: [moc]\n"),
        (
            "$bad:5:15: error[ref.wrong-kind] organizations.0.sources.0: 'moc' is an organization, not a source\n"
            "  hint: 'sources' must name a source",
        ),
    ),
    Case(
        "wrong-kind-issuer",
        bad(
            "legal_documents:\n  - id: d1\n    number: 1/QĐ-TTg\n    type: decision\n    title: {vi: Quyết định}\n"
            "    issuer: src-plo\n    status: in_force\n    sources: [src-plo]\n"
        ),
        (
            "$bad:6:5: error[ref.wrong-kind] legal_documents.0.issuer: 'src-plo' is a source, not an organization\n"
            "  hint: 'issuer' must name an organization",
        ),
    ),
    Case(
        "factual-record-without-source",
        bad(ORG),
        (
            "$bad:2:5: error[source.missing] organizations.0.id: 'org-a' states facts but cites no source\n"
            "  hint: add 'sources: [source-id]', or mark placeholder text 'illustrative: true'",
        ),
    ),
    Case(
        "superseded-without-superseded-by",
        bad(
            "legal_documents:\n  - id: d1\n    number: 1/QĐ-TTg\n    type: decision\n    title: {vi: Quyết định}\n"
            "    issuer: moc\n    status: superseded\n    status_since: 2020\n    sources: [src-plo]\n"
        ),
        (
            "$bad:7:5: error[legal.superseded-by] legal_documents.0.status: the status is 'superseded' but "
            "'superseded_by' is not given\n"
            "  hint: name the document that superseded or amended it",
        ),
    ),
    Case(
        "repealed-without-date",
        bad(
            "legal_documents:\n  - id: d1\n    number: 1/QĐ-TTg\n    type: decision\n    title: {vi: Quyết định}\n"
            "    issuer: moc\n    status: repealed\n    sources: [src-plo]\n"
        ),
        (
            "$bad:7:5: error[legal.status-since] legal_documents.0.status: the status is 'repealed' but "
            "'status_since' is not given\n"
            "  hint: give the date from which the status holds",
        ),
    ),
    Case(
        "successor-without-end",
        bad(ORG + "    sources: [src-plo]\n    succeeded_by: moc\n"),
        (
            "$bad:6:5: error[org.valid-until] organizations.0.succeeded_by: 'succeeded_by' is given but "
            "'valid_until' is not\n"
            "  hint: give the date the organization ceased under this name",
        ),
    ),
    Case(
        "proposed-without-text",
        bad(
            "organizations:\n  - id: org-a\n    name: {vi: Cơ quan A, proposed: [en]}\n    country: vn\n"
            "    sources: [src-plo]\n"
        ),
        (
            "$bad:3:27: error[text.proposed] organizations.0.name.proposed: 'en' is listed as proposed but has no text\n"
            "  hint: add the en text or remove 'en' from 'proposed'",
        ),
    ),
)


def _display(root: Path) -> dict[str, str]:
    names = {"bad": "bad.yaml", "zz": "zz.yaml", "records": "records.yaml", "publication": "publication.yaml"}
    shown = {key: display_path(root / name) for key, name in names.items()}
    shown["root"] = display_path(root)
    return shown


def _prepare(case: Case, root: Path) -> None:
    for name in case.remove:
        (root / name).unlink()
    for name, text in case.files.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (root / name).write_bytes(data)
    if case.setup is not None:
        case.setup(root)


def test_enough_cases() -> None:
    assert len(CASES) >= 35
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(case: Case, mini_content: Path, run_vkc: Callable[..., CliResult]) -> None:
    _prepare(case, mini_content)
    result = run_vkc("check", "--content", mini_content)
    shown = _display(mini_content)
    expected = [Template(text).substitute(shown) for text in case.expected]
    summary = f"{len(expected)} error(s), 0 warning(s)"
    assert result.err == "\n".join([*expected, summary]) + "\n"
    assert result.out == ""
    assert result.code == 1


def test_every_problem_at_once(mini_content: Path, run_vkc: Callable[..., CliResult]) -> None:
    """Problems in several files and records are all reported in one run, in file and line order."""
    (mini_content / "a.yaml").write_text(ORG + "    illustrative: yes\n    sources: [src-nope]\n", encoding="utf-8")
    (mini_content / "b.yaml").write_text("sources:\n  - id: x\n    id: y\n", encoding="utf-8")
    (mini_content / "c.yaml").write_text(SRC + "    date: 2024-02-30\n" + SRC[8:].replace("src-b", "src-c"))
    result = run_vkc("check", "--content", mini_content)
    a, b, c = (display_path(mini_content / f"{n}.yaml") for n in "abc")
    assert result.err.splitlines() == [
        f"{a}:5:5: error[schema.bool] organizations.0.illustrative: 'yes' is not true or false",
        "  hint: write true or false (yes, no, on and off are not accepted)",
        f"{b}:3:5: error[yaml.duplicate-key] sources.0.id: duplicate key 'id' (first defined on line 2)",
        "  hint: remove one of the two; YAML would silently keep only the last",
        f"{c}:7:5: error[schema.date] sources.0.date: '2024-02-30' is not a real date: February 2024 has 29 days",
        "  hint: write a real date as YYYY-MM-DD, YYYY-MM or YYYY",
        "3 error(s), 0 warning(s)",
    ]
    assert result.code == 1


def test_invalid_first_singleton_still_reports_the_second(
    mini_content: Path, run_vkc: Callable[..., CliResult]
) -> None:
    """`a.yaml` sorts before `publication.yaml`: its broken publication must not hide the duplicate."""
    (mini_content / "a.yaml").write_text("publication:\n  title: {vi: Khác}\n", encoding="utf-8")
    result = run_vkc("check", "--content", mini_content)
    a, pub = display_path(mini_content / "a.yaml"), display_path(mini_content / "publication.yaml")
    lines = result.err.splitlines()
    assert f"{a}:1:1: error[schema.missing] publication: missing required key 'version'" in lines
    assert (
        f"{pub}:2:1: error[content.duplicate-singleton] publication: 'publication' is already defined in {a}:1" in lines
    )
    assert "no file defines" not in result.err
    assert lines[-1] == "6 error(s), 0 warning(s)"
    assert result.code == 1


def test_missing_content_directory(tmp_path: Path, run_vkc: Callable[..., CliResult]) -> None:
    result = run_vkc("check", "--content", tmp_path / "nowhere")
    assert result.err == (
        f"{display_path(tmp_path / 'nowhere')}: error[content.missing-dir] the content directory does not exist\n"
        "  hint: pass --content DIR with the folder that holds the YAML files\n"
        "1 error(s), 0 warning(s)\n"
    )
    assert result.code == 1


def test_directory_without_yaml(tmp_path: Path, run_vkc: Callable[..., CliResult]) -> None:
    (tmp_path / "notes.txt").write_text("not content", encoding="utf-8")
    result = run_vkc("check", "--content", tmp_path)
    assert result.err == (
        f"{display_path(tmp_path)}: error[content.no-files] no .yaml files in the content directory\n"
        "  hint: check the --content path\n"
        "1 error(s), 0 warning(s)\n"
    )
    assert result.code == 1


# --- YAML 1.1 surprises in text fields stay text ----------------------------------------

TEXT_VALUES = ("NO", "no", "on", "Off", "yes", "y", "1:20", "0755", "1.10", "2024-01-23", "0x1F", "1e3", ".inf", "+12")


@pytest.mark.parametrize("value", TEXT_VALUES)
def test_yaml11_values_stay_text(value: str, mini_content: Path, run_vkc: Callable[..., CliResult]) -> None:
    """A YAML 1.1 boolean, sexagesimal, octal, float or date in a text field is the text as written."""
    (mini_content / "bad.yaml").write_text(ORG + f"    abbreviation: {value}\n    sources: [src-plo]\n", "utf-8")
    content, diagnostics = load_content(mini_content)
    assert diagnostics == []
    assert content is not None
    assert content.get("org-a", Organization).abbreviation == value
    result = run_vkc("check", "--content", mini_content)
    assert (result.code, result.err) == (0, "")


def test_version_110_is_not_11(mini_content: Path) -> None:
    publication = mini_content / "publication.yaml"
    publication.write_text(publication.read_text("utf-8").replace('version: "0.1"', "version: 1.10"), "utf-8")
    content, diagnostics = load_content(mini_content)
    assert diagnostics == []
    assert content is not None
    assert isinstance(content.publication, Publication)
    assert content.publication.version == "1.10"


# --- other output formats ------------------------------------------------------------------


def test_json_format(mini_content: Path, run_vkc: Callable[..., CliResult]) -> None:
    (mini_content / "bad.yaml").write_text(ORG + "    sources: [src-pl]\n    illustrative: NO\n", encoding="utf-8")
    result = run_vkc("check", "--content", mini_content, "--format", "json")
    shown = display_path(mini_content / "bad.yaml")
    assert json.loads(result.out) == [
        {
            "code": "schema.bool",
            "severity": "error",
            "file": shown,
            "line": 6,
            "column": 5,
            "key_path": "organizations.0.illustrative",
            "message": "'NO' is not true or false",
            "hint": "write true or false (yes, no, on and off are not accepted)",
        },
    ]
    assert result.err == ""
    assert result.code == 1


def test_json_format_lists_every_field(mini_content: Path, run_vkc: Callable[..., CliResult]) -> None:
    (mini_content / "bad.yaml").write_text(ORG + "    sources: [src-pl]\n", encoding="utf-8")
    result = run_vkc("check", "--content", mini_content, "--format", "json")
    (item,) = json.loads(result.out)
    assert list(item) == ["code", "severity", "file", "line", "column", "key_path", "message", "hint"]
    assert item["line"] == 5 and item["column"] == 15
    assert item["message"] == "no source has the id 'src-pl'"
    assert result.code == 1


def test_github_format(mini_content: Path, run_vkc: Callable[..., CliResult]) -> None:
    """Annotations: properties escape ':' and ',', the message escapes '%' and the newline before the hint."""
    (mini_content / "bad.yaml").write_text(ORG + "    sources: [src-pl]\n    parent: nope\n", encoding="utf-8")
    (mini_content / "bad2.yaml").write_text(SRC + "    url: 50%\n", encoding="utf-8")
    result = run_vkc("check", "--content", mini_content, "--format", "github")
    shown = display_path(mini_content / "bad.yaml").replace(":", "%3A").replace(",", "%2C")
    shown2 = display_path(mini_content / "bad2.yaml").replace(":", "%3A").replace(",", "%2C")
    assert result.out.splitlines() == [
        f"::error file={shown},line=5,col=15,title=ref.unknown-id::organizations.0.sources.0: "
        "no source has the id 'src-pl'%0Ahint: did you mean 'src-plo'?",
        f"::error file={shown},line=6,col=5,title=ref.unknown-id::organizations.0.parent: "
        "no organization has the id 'nope'%0Ahint: add an organization with this id, or correct the reference",
        f"::error file={shown2},line=7,col=5,title=schema.format::sources.0.url: '50%25' has the wrong form"
        "%0Ahint: write the full address starting with https:// or http://",
    ]
    assert result.err == ""
    assert result.code == 1


def test_relative_path_from_working_directory(tmp_path: Path) -> None:
    """Run as a process in the parent of the content: paths print relative, no traceback."""
    content = copy_fixture("mini", tmp_path / "content")
    (content / "bad.yaml").write_text(ORG, encoding="utf-8")
    result = run_vkc_process("check", "--content", "content", cwd=tmp_path)
    assert result.err == (
        f"content{os.sep}bad.yaml:2:5: error[source.missing] organizations.0.id: 'org-a' states facts but cites no source\n"
        "  hint: add 'sources: [source-id]', or mark placeholder text 'illustrative: true'\n"
        "1 error(s), 0 warning(s)\n"
    )
    assert result.code == 1


@pytest.mark.slow
def test_a_broken_theme_template_is_named_with_its_line(tmp_path: Path, run_vkc: Callable[..., CliResult]) -> None:
    """A syntax error in an override template (overrides/) is an error of the build, with the file and
    line, not a traceback; nothing is published."""
    shutil.copytree(REPO / "overrides", tmp_path / "overrides")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    main = tmp_path / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace("{% block extrahead %}", "{% block extrahead %}{% if %}"))
    out = tmp_path / "site"
    result = run_vkc(
        "build", "--content", FIXTURES / "mini", "--out", out, "--config", tmp_path / "mkdocs.yml", "--no-editions"
    )
    assert result.code == 1
    assert f"{main}:24: Expected an expression, got 'end of statement block'" in result.err
    assert "Traceback" not in result.err and not out.exists()
