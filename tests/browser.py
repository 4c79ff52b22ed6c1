"""Browser-test helpers: a built site served from 127.0.0.1 by a thread, and headless Chromium.

Why a thread and our own server: the tests switch the network off by stopping the server
(what a reader on a phone sees when the connection drops), and a service worker needs an
http:// origin (127.0.0.1 counts as secure). The browser is vkc.search.cdp.Browser.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Any, ClassVar

from vkc.search.cdp import Browser

__all__ = ["Browser", "Server", "search"]


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
