"""The site the gates check: the shipped content built once per test session.

Why the shipped content (not the `mini` fixture): the gates must pass on what is published,
and a full build takes about 9 s on two cores. A module-level cache (not a conftest fixture)
lets every gate module share the one build.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from vkc.publish.build import build_site

GATES = Path(__file__).resolve().parent
REPO = GATES.parents[1]
CONTENT = REPO / "content"
NODE_MODULES = GATES / "node_modules"
EPOCH = "1767225600"
"""SOURCE_DATE_EPOCH of the gate builds (2026-01-01): two builds must not differ by clock."""

LANG_PREFIX = {"vi": "", "en": "en/", "ko": "ko/"}

TEMPLATES = {
    "home": "",
    "guideline": "guideline/",
    "part": "guideline/part-1/",
    "indicators": "indicators/",
    "project": "project/",
    "pilot": "pilot/",
    "organizations": "organizations/",
    "glossary": "glossary/",
    "legal": "legal/",
    "sources": "sources/",
    "browse-indicators": "browse/indicators/",
    "browse-events": "browse/events/",
    "browse-organizations": "browse/organizations/",
    "browse-legal": "browse/legal/",
    "about": "about/",
    "translation-status": "translation-status/",
    "changes": "changes/v0-1/",
    "training": "training/",
    "course": "training/course-legal-framework/",
    "lesson": "training/course-legal-framework/lesson-scheme-950/",
    "hand-written": "huong-dan-su-dung/",
    "accessibility": "accessibility/",
    "404": "404.html",
}
"""One page per template (relative to a language's root)."""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Built:
    """A built site and the server that serves it at the address it was built for."""

    root: Path
    url: str
    config: Path


_cache: dict[str, Built] = {}


def _serve(root: Path) -> str:
    """Serve ``root`` (which may not exist yet) from 127.0.0.1 for the rest of the session."""
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/"


def config_for(url: str, folder: Path) -> Path:
    """mkdocs.yml with ``site_url`` set to ``url``: the theme's scripts fetch the sitemap
    from the site's own address, so the browser gates serve the site where it says it is."""
    base = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    base["site_url"] = url
    base["theme"]["custom_dir"] = str(REPO / base["theme"]["custom_dir"])
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(base, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_into(out: Path, config: Path) -> None:
    """Build the shipped content into ``out`` (SOURCE_DATE_EPOCH fixed)."""
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    build_site(CONTENT, out, config=config, docs=REPO / "docs")


def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The shipped content built once per session, served at the address it was built for."""
    if "site" not in _cache:
        folder = tmp_path_factory.mktemp("gates-site")
        out = folder / "site"
        url = _serve(out)
        config = config_for(url, folder)
        build_into(out, config)
        _cache["site"] = Built(out, url, config)
    return _cache["site"]


def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site's root (see :func:`built`)."""
    return built(tmp_path_factory).root


def page_lang(rel: str) -> str:
    """Language of a built page from its path (vi at the root)."""
    for lang in ("en", "ko"):
        if rel.startswith(f"{lang}/"):
            return lang
    return "vi"


def html_pages(root: Path) -> list[str]:
    """Every HTML page of the site, relative to ``root`` (archives under downloads excluded)."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if "downloads" not in p.parts)


def template_pages(root: Path) -> list[tuple[str, str]]:
    """(language, path relative to root) of one page per template in each language."""
    out = []
    for lang, prefix in LANG_PREFIX.items():
        for rel in TEMPLATES.values():
            path = prefix + rel
            target = root / path / "index.html" if not path.endswith(".html") else root / path
            assert target.is_file(), f"template page missing: {path}"
            out.append((lang, path))
    return out


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` by relative path (symlinks by their target)."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
