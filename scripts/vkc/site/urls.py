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
    """Every file under ``root``, as sorted paths relative to it with ``/``."""
    files, _ = tree_inventory(root)
    files.sort()
    return files


def tree_inventory(root: str | os.PathLike[str]) -> tuple[list[str], list[str]]:
    """The files and the folders under ``root`` (unsorted), as paths relative to it with ``/``.

    Why not ``Path.rglob`` or ``os.walk``: a build lists trees of thousands of files, and
    ``os.walk`` spent half its time in ``relpath``; a scan that carries each folder's relative
    prefix along needs no path arithmetic (and no ``stat``: the entry's type comes with it).
    """
    files: list[str] = []
    dirs: list[str] = []
    pending = [(os.fspath(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = os.scandir(folder)
        except OSError:  # as os.walk: a folder that cannot be read lists nothing
            continue
        with entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    dirs.append(rel)
                    pending.append((entry.path, rel + "/"))
                elif entry.is_symlink() and entry.is_dir():  # as os.walk: neither listed nor followed
                    continue
                else:
                    files.append(rel)
    return files, dirs
