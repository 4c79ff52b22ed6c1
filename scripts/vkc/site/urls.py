"""Paths inside a built tree, shared by the site check and the offline archives.

Why one function: the checker and the archive resolved relative links differently once,
and an archive link the checker accepted broke from file://.
"""

from __future__ import annotations


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
