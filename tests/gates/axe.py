"""axe-core (npm, pinned) run inside Debian's headless Chromium over the DevTools protocol,
with the page's Content-Security-Policy violations recorded on the same load.

Why CDP and not puppeteer: vkc.search.cdp already drives the system Chromium over a pipe,
with no browser download and no extra npm packages; axe-core is injected as a script.
"""

from __future__ import annotations

import json
from typing import Any

from browser import Browser

from .site import NODE_MODULES

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
"""The WCAG 2.2 AA rule set (2.0, 2.1 and 2.2 criteria at levels A and AA)."""

LISTEN = """try { localStorage.clear(); } catch (e) {}  // a palette saved by an earlier page would win
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));"""


def prepare(browser: Browser) -> None:
    """Record CSP violations on every page the browser opens from now on."""
    browser.send("Page.addScriptToEvaluateOnNewDocument", source=LISTEN)
    browser.send("Log.enable")


def scheme(browser: Browser, dark: bool) -> None:
    """Emulate the reader's preferred colour scheme (Material follows it on first visit)."""
    browser.send(
        "Emulation.setEmulatedMedia",
        features=[{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}],
    )


def audit(browser: Browser, url: str, scheme: str = "") -> dict[str, Any]:
    """Open ``url``; its axe violations, CSP violations, console CSP errors and colour scheme
    (after waiting for Material to apply ``scheme``, when given)."""
    browser.events.clear()
    browser.goto(url)
    if scheme:
        browser.wait_for(f"document.body.getAttribute('data-md-color-scheme') === '{scheme}'", timeout=5)
    csp = browser.eval("window.__csp")
    source = AXE.read_text(encoding="utf-8")
    browser.eval(source + ";true")
    options = json.dumps({"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    violations = browser.eval(
        f"axe.run(document, {options}).then(r => r.violations.map(v => ({{id: v.id, impact: v.impact, "
        "nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))",
        timeout=60,
    )
    console = [
        e["params"]["entry"]["text"]
        for e in browser.events
        if e["method"] == "Log.entryAdded" and "Content Security Policy" in e["params"]["entry"].get("text", "")
    ]
    return {
        "violations": violations,
        "csp": csp,
        "console": console,
        "scheme": browser.eval("document.body.getAttribute('data-md-color-scheme')"),
    }
