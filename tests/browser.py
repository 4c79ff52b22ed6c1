"""Browser helpers for the tests and the search benchmark: a built site served from 127.0.0.1 by
a thread, and Debian's headless Chromium driven through Playwright.

Why our own server: the tests switch the network off by stopping it (what a reader on a phone
sees when the connection drops), and a service worker needs an http:// origin (127.0.0.1
counts as secure). Why Playwright with ``executable_path``: a maintained driver, and the
browser is the system's ``chromium`` package (Playwright never downloads one here). Playwright's
sync API belongs to the thread that started it and runs once per thread: the browsers of a
thread share one Playwright, and a :class:`Browser` must stay on the thread that made it.

Within :func:`one_chromium` (the test session holds it, tests/conftest.py) a thread keeps one
Chromium open and each :class:`Browser` is a new context of it: a context is a fresh profile
(its own storage, cache, service workers and permissions), and starting Chromium and the
driver cost 2-3 s a browser on the shared machine.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar, Literal

from playwright.sync_api import Browser as Chromium
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

__all__ = ["CHROMIUM", "Browser", "Server", "one_chromium", "search"]

CHROMIUM = "/usr/bin/chromium"
"""Debian's package ``chromium`` (the Makefile installs it)."""
ARGS = (
    "--no-sandbox",  # root in a container: the setuid sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",  # no request to any other host during a test
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--allow-file-access-from-files",  # the archive's pages open from file://
)


class _Driver(threading.local):
    """This thread's Playwright, how many of its browsers are open, and whether it keeps one
    Chromium open for all of them (:func:`one_chromium`)."""

    playwright: Playwright | None = None
    users = 0
    keep = False
    chromium: Chromium | None = None


_DRIVER = _Driver()


def _acquire() -> Playwright:
    if _DRIVER.playwright is None:
        _DRIVER.playwright = sync_playwright().start()
    _DRIVER.users += 1
    return _DRIVER.playwright


def _release() -> None:
    _DRIVER.users -= 1
    if _DRIVER.users == 0 and not _DRIVER.keep:
        _stop()


def _launch(playwright: Playwright) -> Chromium:
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)


def _stop() -> None:
    try:
        if _DRIVER.chromium is not None:
            _DRIVER.chromium.close()
    finally:
        _DRIVER.chromium = None
        if _DRIVER.playwright is not None:
            _DRIVER.playwright.stop()
            _DRIVER.playwright = None


@contextmanager
def one_chromium() -> Iterator[None]:
    """While open, the :class:`Browser` objects of this thread are contexts of one Chromium."""
    _DRIVER.keep = True
    try:
        yield
    finally:
        _DRIVER.keep = False
        if _DRIVER.users == 0:
            _stop()


class Browser:
    """One headless Chromium with one page; use as a context manager, on one thread."""

    def __init__(
        self, width: int = 1280, height: int = 900, color_scheme: Literal["light", "dark"] | None = None
    ) -> None:
        playwright = _acquire()
        # A browser of its own, or a context of the thread's one Chromium (see one_chromium).
        self._own: Chromium | None = None
        try:
            if _DRIVER.keep:
                if _DRIVER.chromium is None or not _DRIVER.chromium.is_connected():
                    _DRIVER.chromium = _launch(playwright)
                chromium = _DRIVER.chromium
            else:
                chromium = self._own = _launch(playwright)
            self.context: BrowserContext = chromium.new_context(
                viewport={"width": width, "height": height}, color_scheme=color_scheme
            )
        except BaseException:
            try:
                if self._own is not None:
                    self._own.close()
            finally:
                _release()
            raise
        self.page: Page = self.context.new_page()
        # What the page did, for tests to read and clear. Handlers are functions, not bound
        # list.append: Playwright tags each handler with an attribute.
        self.console: list[ConsoleMessage] = []
        """Console messages of the page, the browser's own (CSP violations) included."""
        self.errors: list[str] = []
        """Uncaught exceptions in the page."""
        self.requests: list[str] = []
        """URL of every request the page made."""
        self.page.on("console", lambda message: self.console.append(message))
        self.page.on("pageerror", lambda error: self.errors.append(f"{error.name}: {error.message}"))
        self.page.on("request", lambda request: self.requests.append(request.url))

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the context, and the browser when it is this one's own (and this thread's
        Playwright with the last one, unless the thread keeps one Chromium)."""
        try:
            self.context.close()
            if self._own is not None:
                self._own.close()
        finally:
            _release()

    def goto(self, url: str, timeout: float = 20) -> None:
        """Open ``url`` and wait for its load event."""
        self.page.goto(url, wait_until="load", timeout=timeout * 1000)

    def eval(self, expression: str) -> Any:
        """Value of a JavaScript expression in the page (a promise is awaited)."""
        return self.page.evaluate(expression)

    def run(self, script: str) -> None:
        """Run a script of statements (a library such as axe-core) in the page, outside its CSP."""
        self.page.evaluate("() => {\n" + script + "\n}")

    def wait_for(self, expression: str, timeout: float = 10) -> Any:
        """Poll a JavaScript expression (a promise is awaited) until it is truthy; return its value.

        Why not ``page.wait_for_function``: it takes a pending promise for a truthy answer. Each
        evaluation is cut off at the deadline (a promise that never settles counts as false), and
        one that the page's navigation interrupts is asked again of the next page.
        """
        deadline = time.monotonic() + timeout
        while True:
            left_ms = max(1, int((deadline - time.monotonic()) * 1000))
            try:
                value = self.page.evaluate(
                    f"Promise.race([Promise.resolve().then(() => ({expression})), "
                    f"new Promise(done => setTimeout(() => done(null), {left_ms}))])"
                )
            except PlaywrightError as exc:
                if "context was destroyed" not in str(exc) and "navigat" not in str(exc):
                    raise
                value = None
            if value:
                return value
            if time.monotonic() >= deadline:
                raise TimeoutError(f"still false after {timeout} s: {expression[:80]}")
            self.page.wait_for_timeout(50)

    def type(self, text: str) -> None:
        """Type ``text`` into the focused element, one keystroke-sized piece at a time."""
        for char in text:
            self.page.keyboard.insert_text(char)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extra_headers: ClassVar[dict[str, str]] = {}

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


class Server:
    """Serve ``root`` on a free port of 127.0.0.1 until :meth:`stop` (``headers`` on every response)."""

    def __init__(self, root: Path, headers: dict[str, str] | None = None) -> None:
        handler_class = type("_Handler", (_Quiet,), {"extra_headers": dict(headers or {})})
        handler = functools.partial(handler_class, directory=str(root))
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the port: later requests fail as if offline."""
        if not self._thread.is_alive():
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


RESULTS_JS = """[...document.querySelectorAll('#vkc-search .vkc-search__list a')].map(a => ({
  href: a.getAttribute('href'),
  title: a.querySelector('.vkc-search__title').textContent,
  heading: (a.querySelector('.vkc-search__heading') || {}).textContent || '',
  marks: [...a.querySelectorAll('mark')].map(m => m.textContent)
}))"""


def search(browser: Browser, query: str) -> list[dict[str, Any]]:
    """Type ``query`` into the page's search box (cleared first); the result list."""
    browser.eval("(() => { const i = document.querySelector('#vkc-search input'); i.value = ''; i.focus(); })()")
    browser.wait_for("document.querySelector('#vkc-search').hasAttribute('data-ready')")
    browser.type(query)
    browser.wait_for("!document.querySelector('#vkc-search-results').hidden")
    results: list[dict[str, Any]] = browser.eval(RESULTS_JS)
    return results
