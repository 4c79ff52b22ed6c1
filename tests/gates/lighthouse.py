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


def run(urls: list[str], categories: tuple[str, ...] = ("accessibility", "seo", "best-practices")) -> dict[str, Any]:
    """Lighthouse's findings for each of ``urls``."""
    assert (NODE_MODULES / "lighthouse").is_dir(), "run `make gates-tools` (npm ci in tests/gates)"
    with tempfile.TemporaryDirectory(prefix="vkc-lighthouse-") as tmp:
        out = Path(tmp) / "results.json"
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "HOME": tmp}
        done = subprocess.run(
            ["node", str(GATES / "lighthouse.mjs"), str(out), ",".join(categories), *urls],
            cwd=GATES,
            env=env,
            capture_output=True,
            text=True,
            timeout=60 * 30,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        results: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return results
