#!/usr/bin/env python3
"""Flag a content pull request that also changes code, templates or the site configuration.

Why: `mkdocs.yml`, theme overrides and Python code execute at build time (mkdocs loads its
configuration with PyYAML's full loader), so a change there needs a maintainer's review even
when it arrives inside an editor's or translator's pull request.
"""

from __future__ import annotations

import subprocess
import sys

CONTENT = ("content/", "docs/", "versions/")
"""What editors and translators change: the content, the hand-written pages and version snapshots."""
PRIVILEGED = ("mkdocs.yml", "overrides/", "scripts/", "Makefile", "pyproject.toml", "constraints.txt", ".github/", ".ci/")


def changed_files(base: str) -> list[str]:
    """Files changed between the merge base with ``base`` and HEAD."""
    out = subprocess.run(["git", "diff", "--name-only", f"{base}...HEAD"], check=True, capture_output=True, text=True)
    return [line for line in out.stdout.splitlines() if line]


def main(argv: list[str]) -> int:
    files = changed_files(argv[1] if len(argv) > 1 else "origin/main")
    touches_content = any(f.startswith(CONTENT) for f in files)
    privileged = [f for f in files if f.startswith(PRIVILEGED)]
    if touches_content and privileged:
        for name in privileged:
            print(f"::warning file={name}::This content pull request also changes '{name}'; a maintainer must review it.")
        print("path guard: content and privileged files changed together; maintainer review required", file=sys.stderr)
        return 1
    print(f"path guard: ok ({len(files)} file(s) changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
