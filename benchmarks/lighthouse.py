"""Bench rows (`make bench --only lighthouse`): Lighthouse's phone-profile performance score of the home page
and the glossary in each language, goal at least 95 (issue 14).

Why a bench row and not a test: the score depends on the machine's load (Lighthouse slows
the CPU four times on top of whatever else runs). The site is built without the editions
for the address it is served from, and served as a host serves it: gzip for text (Python's
own file server sends everything uncompressed, which no real host does). Needs Node and the
gate tools (`make gates-tools`: lighthouse pinned in tests/gates/package.json) and Debian's
chromium.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import threading
from pathlib import Path
from typing import Any

import yaml

from vkc.publish.build import build_site

from . import REPO

GATES = REPO / "tests" / "gates"
PAGES = ("", "glossary/")
"""Per language: the home page (the issue measured 80) and the largest table."""
GOAL = 95.0
_TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg")


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzip-compressed when the client accepts it."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            not path.is_file()
            or path.suffix not in _TEXT
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not self.path.split("?")[0].endswith(("/", *_TEXT))
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        self.wfile.write(body)
        return None


def lighthouse_scores(urls: list[str], categories: str = "performance") -> dict[str, Any]:
    """Lighthouse's findings per URL (tests/gates/lighthouse.mjs, one browser for all)."""
    out = GATES / ".lighthouse-bench.json"
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    try:
        subprocess.run(
            ["node", str(GATES / "lighthouse.mjs"), str(out), categories, *urls],
            cwd=GATES,
            env=env,
            check=True,
            capture_output=True,
            timeout=1800,
        )
        results: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    finally:
        out.unlink(missing_ok=True)
    return results


def bench_lighthouse(work: Path) -> list[dict[str, Any]]:
    """One row per page and language: Lighthouse performance (phone), goal >= 95."""
    site = work / "site"
    site.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Gzip, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        base = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
        base["site_url"] = url
        base["theme"]["custom_dir"] = str(REPO / base["theme"]["custom_dir"])
        config = work / "mkdocs.yml"
        config.write_text(yaml.safe_dump(base, allow_unicode=True, sort_keys=False), encoding="utf-8")
        build_site(REPO / "content", site, config=config, docs=REPO / "docs", editions=False)
        urls = [f"{url}{prefix}{page}" for prefix in ("", "en/", "ko/") for page in PAGES]
        results = lighthouse_scores(urls)
    finally:
        server.shutdown()
    rows: list[dict[str, Any]] = []
    for page_url, found in results.items():
        name = page_url[len(url) :] or "home (vi)"
        score = found["scores"]["performance"]
        rows.append(
            {
                "name": f"lighthouse phone performance: {name}",
                "value": round(score * 100, 1) if score is not None else None,
                "unit": "score",
                "baseline": None,
                "goal_min": GOAL,
                "tbt_ms": round(found["metrics"].get("total-blocking-time", 0.0)),
                "lcp_ms": round(found["metrics"].get("largest-contentful-paint", 0.0)),
            }
        )
    return rows
