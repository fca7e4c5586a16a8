"""Shared by the tests: the module, one compiled copy of it, the conformance cases."""

import base64
import json
import os
import pathlib

import pytest
import wasmtime

from paycore._instance import new_engine

PKG_DIR = pathlib.Path(__file__).resolve().parent.parent
REPO = PKG_DIR.parent.parent


def wasm_path() -> pathlib.Path:
    """$PAYCORE_WASM, else the module inside the package sources."""
    p = pathlib.Path(os.environ.get("PAYCORE_WASM") or PKG_DIR / "src" / "paycore" / "paycore.wasm")
    if not p.exists():
        raise FileNotFoundError(f"{p} is missing: run `make python-test` (it builds bin/paycore.wasm and copies it here)")
    return p


def cache_dir() -> str:
    """Compiled code is cached under the repository's .cache (git-ignored)."""
    return os.environ.get("PAYCORE_WASMTIME_CACHE") or str(REPO / ".cache" / "wasmtime")


@pytest.fixture(scope="session")
def compiled():
    """(engine, module): the module compiled once for the whole session."""
    engine = new_engine(cache_dir())
    return engine, wasmtime.Module.from_file(engine, str(wasm_path()))


@pytest.fixture(scope="session")
def cases():
    """The native engine's envelope for every golden vector, written by
    `go run ./internal/conformance -o .cache/conformance.jsonl`."""
    path = pathlib.Path(os.environ.get("PAYCORE_CONFORMANCE") or REPO / ".cache" / "conformance.jsonl")
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `make python-test` (or go run ./internal/conformance -o {path})")
    out = []
    for line in path.read_text().splitlines():
        if line.strip():
            c = json.loads(line)
            out.append((c["name"], base64.b64decode(c["op64"]), base64.b64decode(c["in64"]), base64.b64decode(c["want64"])))
    return out
