"""Atomic publishing: a new tree replaces the published one in a single rename.

Why: mkdocs cleans and writes its output directory in place, so a failed or killed build
would leave a half-written site. We build into a staging directory beside the target
(same file system, so rename is atomic), check it, then exchange the two directories with
one ``renameat2(RENAME_EXCHANGE)`` call: at every instant the target path holds either the
complete old tree or the complete new one. A staging directory left by a killed build is
removed by the next build once its process is gone.

The tree the swap retires is kept as the *spare* (in the page cache beside the target) and
becomes the next build's staging tree: its files are unlinked, its folders kept. Why: on
this kind of file system creating a folder costs about half a millisecond and removing one
several, while a tree has a folder per page; a build that reused every page still made and
removed every folder of the site (most of an edit's build, and most of what each earlier
version added to it).
"""

from __future__ import annotations

import ctypes
import os
import secrets
import shutil
import threading
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
STAGING_PREFIX = ".site-"
"""Staging and retired trees are named ``.site-<pid>-<token>`` beside the target."""


def staging_dir(target: Path, spare: Path | None = None) -> tuple[Path, bool]:
    """A staging directory beside ``target`` (stale ones are removed first), and whether it is
    the ``spare`` tree (see the module's docstring; the caller empties it) rather than a new,
    empty folder."""
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    remove_stale(parent)
    path = parent / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
    if spare is not None:
        try:
            # One rename: a build killed from here on leaves a staging tree, removed as above.
            os.rename(spare, path)
            return path, True
        except OSError:  # no spare (a first build, a deleted cache) or not on this file system
            pass
    path.mkdir()
    return path, False


def remove_stale(parent: Path) -> None:
    """Delete staging trees whose build process no longer runs (killed builds)."""
    for entry in parent.glob(f"{STAGING_PREFIX}*"):
        pid_text = entry.name[len(STAGING_PREFIX) :].split("-", 1)[0]
        if entry.is_dir() and pid_text.isdigit() and not _alive(int(pid_text)):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False when the call is unavailable."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: file system or kernel without it
            return False
        raise OSError(errno, os.strerror(errno), str(b))
    return True


def _delete(tree: Path, later: bool) -> None:
    if later:  # a thread, not a daemon: the process still finishes the deletion before it exits
        threading.Thread(target=shutil.rmtree, args=(tree,), kwargs={"ignore_errors": True}).start()
    else:
        shutil.rmtree(tree, ignore_errors=True)


def swap_in(staging: Path, target: Path, *, later: bool = False, keep: Path | None = None) -> None:
    """Publish ``staging`` at ``target``; the previous tree becomes ``keep`` (the spare), or is
    deleted afterwards (``later``: in a background thread, once the new tree is in place)."""
    target = target.resolve()
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        _retire(staging, later, keep)  # now holds the old tree
        return
    # Fallback: two renames; a crash between them leaves the old tree intact under a
    # staging name (not at the target path), never a half-written target.
    retired = target.parent / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-old"
    os.rename(target, retired)
    os.rename(staging, target)
    _retire(retired, later, keep)


def _retire(tree: Path, later: bool, keep: Path | None) -> None:
    """The previous tree becomes the spare when there is a place for it, else it is deleted."""
    if keep is not None:
        try:
            keep.parent.mkdir(parents=True, exist_ok=True)
            os.rename(tree, keep)
            return
        except OSError:  # a spare already there (a build that did not take it): delete this one
            pass
    _delete(tree, later)
