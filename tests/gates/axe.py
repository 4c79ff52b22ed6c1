"""axe-core (npm, pinned) run inside Debian's headless Chromium (driven by Playwright, see
tests/browser.py), with the page's Content-Security-Policy violations recorded on the same load.

Why inject axe-core and not an npm runner: the browser is the system's, with no browser
download and no extra npm packages; the script runs through the driver, outside the page's CSP.
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
    browser.page.add_init_script(LISTEN)


def scheme(browser: Browser, dark: bool) -> None:
    """Emulate the reader's preferred colour scheme (Material follows it on first visit)."""
    browser.page.emulate_media(color_scheme="dark" if dark else "light")


def audit(browser: Browser, url: str, scheme: str = "") -> dict[str, Any]:
    """Open ``url``; its axe violations, CSP violations, console CSP errors and colour scheme
    (after waiting for Material to apply ``scheme``, when given)."""
    browser.console.clear()
    browser.goto(url)
    if scheme:
        browser.wait_for(f"document.body.getAttribute('data-md-color-scheme') === '{scheme}'", timeout=5)
    csp = browser.eval("window.__csp")
    source = AXE.read_text(encoding="utf-8")
    browser.run(source)
    options = json.dumps({"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    violations = browser.eval(
        f"axe.run(document, {options}).then(r => r.violations.map(v => ({{id: v.id, impact: v.impact, "
        "nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))"
    )
    console = [m.text for m in browser.console if "Content Security Policy" in m.text]
    return {
        "violations": violations,
        "csp": csp,
        "console": console,
        "scheme": browser.eval("document.body.getAttribute('data-md-color-scheme')"),
    }
