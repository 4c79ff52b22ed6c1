"""Reuse a language's previous mkdocs output when none of its inputs changed.

Why: in the live preview most edits touch one language (a translation, a hand-written
page); rebuilding the other two with mkdocs is wasted time. A language is reused only
when a digest of *everything* its build reads - its configuration, every file of its
docs tree, the theme overrides and the tool versions - equals the digest recorded with
the published tree. Reused files are hard links into the new staging tree (falling back
to copies), so the published tree is never written to.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

MANIFEST = ".vkc-build.json"
"""Per-language digests and output files, kept at the root of the published tree."""
_VOLATILE = ("docs_dir", "site_dir")
"""Configuration keys that name temporary paths: not inputs."""


def input_digest(config: dict[str, Any], docs: Path, theme_dir: Path | None) -> str:
    """Digest of everything one language's mkdocs build reads."""
    digest = hashlib.sha256()
    stable = {k: v for k, v in config.items() if k not in _VOLATILE}
    digest.update(yaml.safe_dump(stable, allow_unicode=True, sort_keys=True).encode("utf-8"))
    digest.update(f"mkdocs {version('mkdocs')} material {version('mkdocs-material')}".encode())
    for hook in stable.get("hooks") or []:  # hook modules run inside the build: their code is an input
        digest.update(Path(str(hook)).read_bytes() if Path(str(hook)).is_file() else str(hook).encode())
    for root in (docs, theme_dir):
        if root is None or not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(b"\0" + path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest of the published tree (empty when absent or unreadable)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def reuse(out: Path, prefix: str, entry: object, digest: str, dest: Path) -> list[str] | None:
    """Link the previous output of one language into ``dest``; None when it cannot be reused."""
    if not isinstance(entry, dict) or entry.get("digest") != digest or not isinstance(entry.get("files"), list):
        return None
    files = [f for f in entry["files"] if isinstance(f, str)]
    source = out / prefix if prefix else out
    if not all((source / f).is_file() for f in files):
        return None
    for rel in files:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source / rel, target)
        except OSError:
            shutil.copy2(source / rel, target)
    return files


REPLACED = frozenset({"sitemap.xml", "sitemap.xml.gz"})
"""mkdocs outputs the build replaces with its own: never reused (and never hard-linked, since
writing into a linked file would change the published tree)."""


def output_files(built: Path) -> list[str]:
    """Every file one language's build wrote that the published tree keeps, relative to its root."""
    return sorted(
        rel for p in built.rglob("*") if p.is_file() and (rel := p.relative_to(built).as_posix()) not in REPLACED
    )


def write_manifest(staging: Path, entries: dict[str, dict[str, Any]]) -> None:
    """Record the digests and files of the tree about to be published."""
    (staging / MANIFEST).write_text(json.dumps(entries, sort_keys=True) + "\n", encoding="utf-8")
