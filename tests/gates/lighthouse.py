"""Lighthouse (npm ``lighthouse``, pinned in package.json) on the phone profile, many pages in
one browser (lighthouse.mjs), Debian's chromium. Returns per page: category scores, the
audits that lost points, a few metrics and the console errors."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .site import GATES, NODE_MODULES

CHROMIUM = "/usr/bin/chromium"


def run(
    urls: list[str], categories: tuple[str, ...] = ("accessibility", "seo", "best-practices"), workers: int = 2
) -> dict[str, Any]:
    """Lighthouse's findings for each of ``urls``, the pages shared among ``workers`` runs at once.

    Why at once: a page's run mostly waits (for the network and the CPU to go quiet after
    the load, which the categories here do not measure), so two runs, each with a browser of
    its own, take little more than half the time of one on two cores. Lighthouse does not
    support two runs in one browser or one process. Performance scores (the bench) need one
    run alone on the machine: workers=1.
    """
    assert (NODE_MODULES / "lighthouse").is_dir(), "run `make gates-tools` (npm ci in tests/gates)"
    chunks = [chunk for chunk in (urls[n::workers] for n in range(workers)) if chunk]
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="vkc-lighthouse-") as tmp:
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "HOME": tmp}
        started = []
        for n, chunk in enumerate(chunks):
            out, err = Path(tmp) / f"results-{n}.json", Path(tmp) / f"stderr-{n}.txt"
            with err.open("w", encoding="utf-8") as stderr:
                proc = subprocess.Popen(
                    ["node", str(GATES / "lighthouse.mjs"), str(out), ",".join(categories), *chunk],
                    cwd=GATES,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                )
            started.append((proc, out, err))
        try:
            for proc, out, err in started:
                code = proc.wait(timeout=60 * 30)
                assert code == 0, err.read_text(encoding="utf-8")[-2000:]
                results.update(json.loads(out.read_text(encoding="utf-8")))
        finally:
            for proc, _, _ in started:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
    return results
