"""`vkc serve`: a live preview on 127.0.0.1 that rebuilds on every change and reloads the browser.

Why our own loop and not `mkdocs serve`: the site is three mkdocs builds plus generated
pages, and `mkdocs serve` knows neither the YAML content nor the other languages. Each
rebuild goes through the same atomic publish as `vkc build`, so a broken edit leaves the last
good site in place. Pages are served with a script and a stylesheet (preview only, never
published: ``preview/``) that long-poll the server. After a good build a page reloads when the
build rendered it (the incremental build names every page it rendered) and shows which
pages were rebuilt; after a failed build the open pages show its diagnostics over the last
good page, in the page's language.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from types import FrameType
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from ..diagnostics import ContentError, Diagnostic, render
from ..i18n import words_for
from ..site.langconfig import find_config
from ..types import Lang
from .build import build_site

PREVIEW = Path(__file__).resolve().parent / "preview"
"""The preview's script, stylesheet and service worker, served as files: the pages' Content-Security-Policy
allows scripts and styles from the site only, never inline (an inline script was blocked: a
console error on every preview page, and no reload)."""
_FILES = {"/__vkc_reload.js": ("preview.js", "text/javascript"), "/__vkc_reload.css": ("preview.css", "text/css")}
_SCRIPT = '<script src="/__vkc_reload.js" data-build="{build}" data-page="{page}"></script>'
_STYLE = '<link rel="stylesheet" href="/__vkc_reload.css">'
_LANGS: tuple[Lang, ...] = ("vi", "en", "ko")


class _State:
    """The last build as the open pages learn it: its number, the pages it rendered, and the
    diagnostics of the failed build after it (if any)."""

    def __init__(self) -> None:
        self.build = 0
        self.rendered: list[str] = []
        self.failure = 0
        """Number of the failed build whose problems stand; 0 once a build succeeds."""
        self.problems: list[Diagnostic] = []
        self._failures = 0
        self.changed = threading.Condition()

    def published(self, rendered: list[str]) -> None:
        with self.changed:
            self.build += 1
            self.rendered = list(rendered)
            self.failure = 0
            self.problems = []
            self.changed.notify_all()

    def failed(self, problems: list[Diagnostic]) -> None:
        with self.changed:
            self._failures += 1
            self.failure = self._failures
            self.problems = list(problems)
            self.changed.notify_all()

    def wait(self, build: int, failure: int, lang: Lang, timeout: float = 25.0) -> dict[str, object]:
        """What a page that has seen ``build`` and ``failure`` must learn, once it differs (or
        the unchanged state after ``timeout``, so that no proxy or browser drops the request)."""
        with self.changed:
            self.changed.wait_for(lambda: (self.build, self.failure) != (build, failure), timeout=timeout)
            return {
                "build": self.build,
                "rendered": self.rendered,
                "failure": self.failure,
                "problems": [{**d.to_json(), "location": d.location()} for d in self.problems],
                "words": words_for("preview_", lang),
            }


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: _State
    root: Path

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/__vkc_reload":
            query = urllib.parse.parse_qs(url.query)
            try:
                build, failure = int(query["build"][0]), int(query.get("failure", ["0"])[0])
            except (KeyError, ValueError):
                self.send_error(400)
                return
            asked = query.get("lang", ["en"])[0]
            lang: Lang = asked if asked in _LANGS else "en"
            self._send(json.dumps(self.state.wait(build, failure, lang)).encode(), "application/json")
            return
        if url.path in _FILES:
            name, kind = _FILES[url.path]
            self._send((PREVIEW / name).read_bytes(), kind)
            return
        if url.path.endswith("/sw.js"):  # the site's worker would answer reloads from its cache
            self._send((PREVIEW / "sw.js").read_bytes(), "text/javascript")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._send(self._with_preview(path).encode("utf-8"), "text/html; charset=utf-8")
            return
        super().do_GET()

    def _with_preview(self, path: Path) -> str:
        """The page with the preview's stylesheet and script; the script learns which file of
        the published tree it is (the build's ``rendered`` names pages that way)."""
        try:
            page = path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            page = ""
        script = _SCRIPT.format(build=self.state.build, page=html.escape(page, quote=True))
        text = path.read_text(encoding="utf-8")
        text = text.replace("</head>", _STYLE + "</head>", 1)
        return text.replace("</body>", script + "</body>", 1)

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the page went away during a long poll
            self.close_connection = True

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


def _pages_line(rendered: list[str], shown: int = 5) -> str:
    if not rendered:
        return ""
    more = f" (+{len(rendered) - shown} more)" if len(rendered) > shown else ""
    return f"; rendered {len(rendered)} page(s): {', '.join(rendered[:shown])}{more}"


class Preview:
    """The preview of one content folder: its builds into ``out``, the server and the watcher.

    :func:`serve` runs one until Ctrl-C; tests start one on a free port (``port=0``) and stop it.
    """

    def __init__(
        self, content: Path, out: Path, *, port: int = 8000, config: Path | None = None, docs: Path | None = None
    ) -> None:
        self.content, self.out, self.config, self.docs = content, out, config, docs
        self.state = _State()
        self._port = port
        self._dirty = threading.Event()
        self._stopping = False
        self._server: http.server.ThreadingHTTPServer | None = None
        self._observer: BaseObserver | None = None

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def rebuild(self) -> bool:
        """Build once; print the outcome (the diagnostics on failure) and tell the open pages."""
        start = time.perf_counter()
        try:
            result = build_site(
                self.content,
                self.out,
                config=self.config,
                docs=self.docs,
                editions=False,
                tidy_later=True,
                archives=False,
            )
        except ContentError as exc:
            print(render(exc.diagnostics, "text"), file=sys.stderr)
            print("build failed; still serving the last good site (the open pages show the problems)", file=sys.stderr)
            self.state.failed(exc.diagnostics)
            return False
        languages = ", ".join(result.rebuilt) or "none (unchanged)"
        print(
            f"built {result.pages} pages x 3 in {time.perf_counter() - start:.2f}s "
            f"(mkdocs ran for: {languages}){_pages_line(result.rendered)}",
            flush=True,
        )
        self.state.published(result.rendered)
        return True

    def start(self, watch: tuple[Path, ...] = ()) -> bool:
        """Watch the content and ``watch``, build once; when that succeeds, serve ``out``."""
        # Watching from before the first build: an edit saved while it runs is built next.
        observer = Observer()
        # The builds write beside ``out`` (staging, the swap): never a change to rebuild for.
        handler_watch = _Watch(self._dirty, self.out.parent)
        for folder in (self.content, *watch):
            if folder.is_dir():
                observer.schedule(handler_watch, str(folder), recursive=True)
            elif folder.is_file():  # mkdocs.yml: its folder, not the tree under it
                observer.schedule(handler_watch, str(folder.parent), recursive=False)
        observer.start()
        self._observer = observer
        if not self.rebuild():
            self.stop()
            return False
        handler = type("Handler", (_Handler,), {"state": self.state, "root": self.out})
        self._server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", self._port), functools.partial(handler, directory=str(self.out))
        )
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return True

    def loop(self) -> None:
        """Rebuild after every change until :meth:`stop`."""
        while True:
            self._dirty.wait()
            if self._stopping:
                return
            time.sleep(0.05)  # let an editor finish writing (save = several events)
            self._dirty.clear()
            self.rebuild()

    def stop(self) -> None:
        """Stop watching and serving (the loop returns)."""
        self._stopping = True
        self._dirty.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


def serve(content: Path, *, port: int = 8000, config: Path | None = None, docs: Path | None = None) -> int:
    """Build, serve on 127.0.0.1:``port`` (0: a free port), rebuild on changes until interrupted."""
    config_path = find_config(config)
    root = config_path.parent
    docs_dir = docs or root / "docs"
    with tempfile.TemporaryDirectory(prefix="vkc-serve-") as tmp:
        preview = Preview(content, Path(tmp) / "site", port=port, config=config, docs=docs)
        if not preview.start(watch=(docs_dir, root / "overrides", config_path)):
            return 1
        print(f"serving {preview.url} (Ctrl-C to stop)", flush=True)
        # A plain `kill` stops the preview as Ctrl-C does, so that its temporary tree is removed.
        previous = signal.signal(signal.SIGTERM, _interrupt)
        try:
            preview.loop()
        except KeyboardInterrupt:
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
            preview.stop()
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
