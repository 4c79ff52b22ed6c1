"""`vkc serve`: a live preview on 127.0.0.1 that rebuilds on every change and reloads the browser.

Why our own loop and not `mkdocs serve`: the site is three mkdocs builds plus generated
pages, and `mkdocs serve` knows neither the YAML content nor the other languages. Each
rebuild goes through the same atomic publish as `vkc build`, so a broken edit prints its
diagnostics and the browser keeps showing the last good site. Pages are served with a
small script (preview only, never published) that long-polls the server and reloads
when a new build is in place. Languages whose inputs did not change are reused, so an
edit to one translation or one hand-written page rebuilds that language only.
"""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..diagnostics import ContentError, render
from ..site.langconfig import find_config
from .build import build_site

_RELOAD_JS = (
    "(function(){var v=+new URL(document.currentScript.src).searchParams.get('v');"
    "function poll(){fetch('/__vkc_reload?v='+v).then(function(r){return r.text()})"
    ".then(function(n){if(+n!==v){location.reload()}else{poll()}}).catch(function(){setTimeout(poll,1000)})}poll()})();\n"
)
"""The preview's reload script, served as a file: the pages' Content-Security-Policy allows
scripts from the site only, never inline (an inline one was blocked: a console error on every
preview page, and no reload)."""
_RELOAD = '<script src="/__vkc_reload.js?v=%d"></script>'


class _State:
    def __init__(self) -> None:
        self.version = 0
        self.changed = threading.Condition()

    def bump(self) -> None:
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float = 25.0) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: _State

    def do_GET(self) -> None:
        if self.path.startswith("/__vkc_reload?"):
            seen = int(self.path.rsplit("=", 1)[-1]) if "=" in self.path else -1
            body = str(self.state.wait(seen)).encode()
            self._send(body, "text/plain")
            return
        if self.path.startswith("/__vkc_reload.js"):
            self._send(_RELOAD_JS.encode(), "text/javascript")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            html = path.read_text(encoding="utf-8")
            html = html.replace("</body>", (_RELOAD % self.state.version) + "</body>", 1)
            self._send(html.encode("utf-8"), "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the build prints what matters
        return


class _Watch(FileSystemEventHandler):
    def __init__(self, dirty: threading.Event, ignore: Path) -> None:
        self.dirty = dirty
        self.ignore = str(ignore)

    def on_any_event(self, event: FileSystemEvent) -> None:
        src = str(event.src_path)
        if event.event_type in ("opened", "closed", "closed_no_write") or src.startswith(self.ignore):
            return
        self.dirty.set()


def _rebuild(content: Path, out: Path, config: Path | None, docs: Path | None) -> bool:
    start = time.perf_counter()
    try:
        result = build_site(content, out, config=config, docs=docs, editions=False, tidy_later=True, archives=False)
    except ContentError as exc:
        print(render(exc.diagnostics, "text"), file=sys.stderr)
        print("build failed; still serving the last good site", file=sys.stderr)
        return False
    languages = ", ".join(result.rebuilt) or "none (unchanged)"
    print(
        f"built {result.pages} pages x 3 in {time.perf_counter() - start:.2f}s (mkdocs ran for: {languages})",
        flush=True,
    )
    return True


def serve(content: Path, *, port: int = 8000, config: Path | None = None, docs: Path | None = None) -> int:
    """Build, serve on 127.0.0.1:``port``, rebuild on changes until interrupted."""
    config_path = find_config(config)
    root = config_path.parent
    docs_dir = docs or root / "docs"
    with tempfile.TemporaryDirectory(prefix="vkc-serve-") as tmp:
        out = Path(tmp) / "site"
        if not _rebuild(content, out, config, docs):
            return 1
        state = _State()
        handler = type("Handler", (_Handler,), {"state": state})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(out)))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        dirty = threading.Event()
        observer = Observer()
        watch = _Watch(dirty, Path(tmp))
        for folder in (content, docs_dir, root / "overrides"):
            if folder.is_dir():
                observer.schedule(watch, str(folder), recursive=True)
        observer.schedule(watch, str(root), recursive=False)  # mkdocs.yml
        observer.start()
        print(f"serving http://127.0.0.1:{port}/ (Ctrl-C to stop)", flush=True)
        try:
            while True:
                dirty.wait()
                time.sleep(0.05)  # let an editor finish writing (save = several events)
                dirty.clear()
                if _rebuild(content, out, config, docs):
                    state.bump()
        except KeyboardInterrupt:
            return 0
        finally:
            observer.stop()
            server.shutdown()
