"""The manifest of a published tree: what each output page was built from.

Why in the tree: it describes exactly the files beside it, and is swapped in with them in
one rename, so it can never describe another tree. Per language it records the digest its
pages share, the key and output path of every page (see :mod:`vkc.site.engine`) and the
theme's files; a later build links every page whose key is unchanged from the published
tree into its staging tree instead of rendering it again. Reused files are hard links
(falling back to copies), so the published tree is never written to.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MANIFEST = ".vkc-build.json"
"""Per-language page keys and files, and the card digests, at the root of the published tree."""


def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest of the published tree (empty when absent or unreadable)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_manifest(staging: Path, entries: dict[str, Any]) -> None:
    """Record the page keys and files of the tree about to be published."""
    (staging / MANIFEST).write_text(json.dumps(entries, sort_keys=True) + "\n", encoding="utf-8")
