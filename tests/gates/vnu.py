"""The Nu HTML Checker (npm `vnu-jar`, pinned in tests/gates/package.json) on many files in
one Java process (the JVM start costs about a second, so pages are checked in one call)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .site import NODE_MODULES

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def errors(files: list[Path]) -> dict[str, list[str]]:
    """Errors per file (``file:`` URL path) of every file given; files without errors are absent."""
    java = shutil.which("java")
    assert java, "java not found: make test installs default-jre-headless"
    assert VNU.is_file(), f"{VNU} missing: run `make test` (npm ci in tests/gates)"
    proc = subprocess.run(
        [java, "-Xss8m", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    out: dict[str, list[str]] = {}
    for message in json.loads(proc.stderr or proc.stdout)["messages"]:
        where = str(message.get("url", "")).removeprefix("file:")
        out.setdefault(where, []).append(f"{message.get('lastLine', 0)}: {message['type']}: {message['message']}")
    return out
