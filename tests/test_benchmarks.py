"""The benchmarks' own behaviour (not their figures): the synthetic corpus is valid content
drawn from the one word list, and `python -m benchmarks` refuses to write a row without the
peer it names."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import benchmarks.__main__ as bench_main
from benchmarks import PeerError, row
from benchmarks.corpus import MIN_RECORDS, WORDS, words, write_corpus
from vkc.cli import main as vkc_main


def test_synthetic_corpus_is_valid_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "content", MIN_RECORDS)
    assert corpus.records == MIN_RECORDS
    assert vkc_main(["check", "--content", str(corpus.root)]) == 0
    assert f"ok: {MIN_RECORDS} records" in capsys.readouterr().out
    text = "".join(path.read_text(encoding="utf-8") for path in corpus.files)
    assert WORDS[0][0] in text and WORDS[0][2] in text  # Vietnamese and Korean from the word list


def test_every_corpus_draws_on_the_one_word_list() -> None:
    assert words("en")[:2] == ("smart", "city")
    assert set(words("vi")) == {w for term in WORDS for w in term[0].split()}


def test_missing_peer_package_stops_before_any_benchmark(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "mkdocs_static_i18n" else real(name, *a),
    )
    monkeypatch.setattr(bench_main, "collect", lambda *_: pytest.fail("no benchmark may run"))
    out = tmp_path / "results.json"
    assert bench_main.main([str(out), "--only", "site"]) == 2
    assert capsys.readouterr().err == (
        "error: benchmark peers are not installed (run `make bench`, which installs them):\n"
        "  site: mkdocs-static-i18n (pip, the `bench` extra)\n"
    )
    assert not out.exists()


def test_a_peer_that_cannot_run_fails_the_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken_peer() -> list[dict[str, object]]:
        raise PeerError("mkdocs-static-i18n peer build failed (exit 1): boom")

    monkeypatch.setattr(
        bench_main, "_benchmarks", lambda _: {"limits": lambda: [row("ours", 1.0, "s", 2.0)], "site": broken_peer}
    )
    monkeypatch.setattr(bench_main, "missing_peers", lambda _: [])  # installed, but it fails
    out = tmp_path / "results.json"
    assert bench_main.main([str(out), "--only", "limits", "site"]) == 1
    captured = capsys.readouterr()
    assert "site: benchmarks.PeerError: mkdocs-static-i18n peer build failed (exit 1): boom" in captured.out
    assert captured.err == "error: 1 benchmark(s) could not measure their peer (see above)\n"
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert rows[0] == {"name": "ours", "value": 1.0, "unit": "s", "baseline": 2.0, "goal": None}
    assert rows[1]["name"] == "site" and rows[1]["value"] is None and "boom" in rows[1]["error"]


def test_a_child_peak_memory_is_its_own_not_the_benchmarks() -> None:
    from benchmarks.check import _measured, _timed_process

    held = bytearray(150 << 20)  # the benchmark's own memory, as when it has just written a corpus
    held[:: 1 << 12] = b"\1" * len(held[:: 1 << 12])
    seconds, peak, code, out, err = _timed_process(
        _measured(
            "code",
            "import sys; data = bytearray(40 << 20); data[::4096] = b'1' * len(data[::4096]); print(sys.argv[1:])",
            "a",
        )
    )
    assert (code, out, err) == (0, "['a']\n", "")
    assert 40 < peak < 100, peak  # the child's 40 MB and its interpreter, not the 150 MB held here
    assert seconds > 0 and len(held) == 150 << 20
