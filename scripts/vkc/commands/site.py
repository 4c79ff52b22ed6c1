"""`vkc build` (publish the trilingual site atomically) and `vkc serve` (live preview)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import add_content_option


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `build` and `serve`."""
    build = sub.add_parser("build", help="build the site in vi, en and ko and publish it atomically")
    add_content_option(build)
    build.add_argument("--out", type=Path, default=Path("site"), metavar="DIR", help="published tree (default: site)")
    build.add_argument("--config", type=Path, default=None, metavar="FILE", help="mkdocs.yml (default: ./mkdocs.yml)")
    build.add_argument("--docs", type=Path, default=None, metavar="DIR", help="hand-written pages (default: docs)")
    build.add_argument(
        "--no-editions", action="store_true", help="skip the PDF/DOCX editions and link-preview images (faster)"
    )
    build.add_argument("--no-archives", action="store_true", help="skip the offline archives downloads/site-LANG.zip")
    build.set_defaults(handler=run_build)
    serve = sub.add_parser("serve", help="live preview on 127.0.0.1:8000, rebuilt on every change")
    add_content_option(serve)
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0: a free port)")
    serve.add_argument("--config", type=Path, default=None, metavar="FILE", help="mkdocs.yml (default: ./mkdocs.yml)")
    serve.add_argument("--docs", type=Path, default=None, metavar="DIR", help="hand-written pages (default: docs)")
    serve.set_defaults(handler=run_serve)


def run_build(args: argparse.Namespace) -> int:
    """Build and publish; ContentError (printed by the cli, exit 1) leaves the old site as it was."""
    from ..publish.build import build_site

    result = build_site(
        args.content,
        args.out,
        config=args.config,
        docs=args.docs,
        editions=not args.no_editions,
        archives=not args.no_archives,
    )
    total = sum(result.seconds.values())
    steps = ", ".join(f"{name} {sec:.2f}s" for name, sec in result.seconds.items())
    if "unchanged" in result.seconds:
        print(f"ok: nothing changed since the tree at {args.out} was built ({result.pages} pages x 3 languages)")
    else:
        rendered = f"{len(result.rendered)} pages rendered, the others reused"
        print(f"ok: {result.pages} pages x 3 languages published to {args.out} in {total:.1f}s ({rendered}; {steps})")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    """Serve a preview and rebuild it when content, pages, theme or config change."""
    from ..publish.serve import serve

    return serve(args.content, port=args.port, config=args.config, docs=args.docs)
