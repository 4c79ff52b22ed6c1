"""Files kept between builds of one process (vkc.publish.reads): bounded, and never stale."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from vkc.publish import reads


def _settled(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    past = time.time() - 60
    os.utime(path, (past, past))
    return path


def test_kept_copies_stay_within_their_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reads, "KEEP_BYTES", 10)
    monkeypatch.setattr(reads, "_READ", {})
    monkeypatch.setattr(reads, "_kept", 0)
    first, second = _settled(tmp_path / "a", b"12345678"), _settled(tmp_path / "b", b"abcdefgh")
    assert (reads.read_bytes(first), reads.read_bytes(second)) == (b"12345678", b"abcdefgh")
    assert list(reads._READ) == [str(first)]  # the second would pass the budget: read again next time
    _settled(first, b"1234")  # changed: the old copy is dropped, the new one kept
    assert reads.read_bytes(first) == b"1234" and reads._kept == 4


def test_a_written_file_is_compared_by_its_digest(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(b"# Title\n")
    reads.written(path, b"# Title\n")
    assert reads.same_bytes(path, b"# Title\n")
    assert not reads.same_bytes(path, b"# Other\n")
    path.write_bytes(b"# Changed by someone else, longer\n")
    assert not reads.same_bytes(path, b"# Title\n")
