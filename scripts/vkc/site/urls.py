"""Paths inside a built tree, shared by the site check and the offline archives.

Why one function: the checker and the archive resolved relative links differently once,
and an archive link the checker accepted broke from file://.
"""

from __future__ import annotations

import os


def normalise_path(path: str) -> str | None:
    """``a/./b/../c`` -> ``a/c``; None when ``..`` climbs above the root."""
    out: list[str] = []
    for piece in path.split("/"):
        if piece in ("", "."):
            continue
        if piece == "..":
            if not out:
                return None
            out.pop()
        else:
            out.append(piece)
    return "/".join(out)


def tree_listing(root: str | os.PathLike[str]) -> list[str]:
    """Every file under ``root``, as sorted paths relative to it with ``/``.

    Why not ``Path.rglob``: a build lists its tree of thousands of files several times, and
    ``os.walk`` with plain strings took a fifth of the time.
    """
    top = os.fspath(root)
    out: list[str] = []
    for folder, _, names in os.walk(top):
        rel = os.path.relpath(folder, top).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        out.extend(prefix + name for name in names)
    out.sort()
    return out
