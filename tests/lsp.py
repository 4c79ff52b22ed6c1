"""A minimal Language Server Protocol client: yaml-language-server over stdio, as editors run it.

Why our own few lines: the protocol is JSON-RPC with Content-Length framing; an editor opens
each file (textDocument/didOpen) and shows what the server publishes
(textDocument/publishDiagnostics). The server is the one pinned in tests/gates (npm ci).
The schema comes from each file's ``# yaml-language-server: $schema=`` line; the schema
store is off, so the server asks no host for anything.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import IO, Any

GATES = Path(__file__).parent / "gates"
SERVER = GATES / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
SETTINGS = {
    "validate": True,
    "hover": False,
    "completion": False,
    "format": {"enable": False},
    "schemaStore": {"enable": False},
    "yamlVersion": "1.2",
}


class LspError(Exception):
    """The server stopped or answered with an error."""


def _send(stream: IO[bytes], message: dict[str, Any]) -> None:
    body = json.dumps(message).encode("utf-8")
    stream.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
    stream.flush()


def _receive(stream: IO[bytes]) -> dict[str, Any]:
    length = 0
    while True:
        line = stream.readline()
        if not line:
            raise LspError("the language server closed its output")
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    message: dict[str, Any] = json.loads(stream.read(length))
    return message


def yaml_diagnostics(files: list[Path]) -> dict[Path, list[dict[str, Any]]]:
    """The diagnostics yaml-language-server publishes for each of ``files``, opened in turn."""
    node = shutil.which("node")
    assert node and SERVER.exists(), "yaml-language-server is missing: cd tests/gates && npm ci (make test does it)"
    root = files[0].parent.parent
    proc = subprocess.Popen(
        [node, str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert proc.stdin is not None and proc.stdout is not None
    inp, out = proc.stdin, proc.stdout
    uris = {f.resolve().as_uri(): f for f in files}
    found: dict[Path, list[dict[str, Any]]] = {}
    try:
        _send(inp, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": _init(root)})
        _until_response(inp, out, 1, found, uris)
        _send(inp, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
        _send(
            inp,
            {
                "jsonrpc": "2.0",
                "method": "workspace/didChangeConfiguration",
                "params": {"settings": {"yaml": SETTINGS}},
            },
        )
        for uri, path in uris.items():
            document = {"uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text("utf-8")}
            _send(inp, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": document}})
        while len(found) < len(uris):
            _handle(inp, _receive(out), found, uris)
        _send(inp, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        _until_response(inp, out, 2, found, uris)
        _send(inp, {"jsonrpc": "2.0", "method": "exit"})
    finally:
        inp.close()
        proc.wait(timeout=30)
        out.close()
    return found


def _init(root: Path) -> dict[str, Any]:
    return {
        "processId": None,
        "rootUri": root.resolve().as_uri(),
        "capabilities": {"workspace": {"configuration": True}, "textDocument": {"publishDiagnostics": {}}},
        "initializationOptions": {},
    }


def _until_response(
    inp: IO[bytes], out: IO[bytes], ident: int, found: dict[Path, list[dict[str, Any]]], uris: dict[str, Path]
) -> None:
    while True:
        message = _receive(out)
        if message.get("id") == ident and "method" not in message:
            if "error" in message:
                raise LspError(str(message["error"]))
            return
        _handle(inp, message, found, uris)


def _handle(
    inp: IO[bytes], message: dict[str, Any], found: dict[Path, list[dict[str, Any]]], uris: dict[str, Path]
) -> None:
    method = message.get("method")
    if method == "textDocument/publishDiagnostics":
        params = message["params"]
        if params["uri"] in uris:
            found[uris[params["uri"]]] = params["diagnostics"]
    elif method == "workspace/configuration":
        items = message["params"]["items"]
        result = [SETTINGS if item.get("section") == "yaml" else {} for item in items]
        _send(inp, {"jsonrpc": "2.0", "id": message["id"], "result": result})
    elif "id" in message and method is not None:  # other requests (registrations): accept
        _send(inp, {"jsonrpc": "2.0", "id": message["id"], "result": None})
