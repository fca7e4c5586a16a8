"""paycore for Python: validate, build, sign and interpret Antom card authorization
payments with the same WebAssembly core as every other paycore host (the Go CLI and
HTTP server, Node.js), so it gives the same answers byte for byte.

    from paycore import Paycore
    pc = Paycore()                                      # the paycore.wasm inside the package
    envelope = pc.call("pay.validate", {"request": request, "now": now})   # {"ok", "result" | "error"}
    result = pc.validate_pay({"request": request, "now": now})           # result, or raises PaycoreError
"""

from __future__ import annotations

import json
import os
import queue
import threading
from importlib import resources
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Union

import wasmtime

from ._helpers import Helpers
from ._instance import ABI_VERSION, DEFAULT_MEMORY_LIMIT, TrapError, WasmInstance, new_engine
from ._ops import OPS

__all__ = [
    "ABI_VERSION",
    "DEFAULT_MEMORY_LIMIT",
    "OPS",
    "Paycore",
    "PaycoreError",
    "PaycorePool",
    "TrapError",
    "input_bytes",
]

Input = Union[None, str, bytes, bytearray, memoryview, Mapping[str, Any]]
"""An op input: a dict (JSON-encoded), JSON text, raw bytes, or None for ``{}``."""


class PaycoreError(Exception):
    """An op answered ``{"ok": false}``: the envelope's error as an exception."""

    def __init__(self, op: str, error: Dict[str, Any]):
        super().__init__(f"{op}: {error.get('code')}: {error.get('message')}")
        self.op = op
        self.code: str = error.get("code", "")
        self.reason: Optional[str] = error.get("reason")
        self.field: Optional[str] = error.get("field")
        self.offset: Optional[int] = error.get("offset")
        self.violations: List[Dict[str, Any]] = error.get("violations") or []
        self.error = error


def input_bytes(data: Input) -> bytes:
    """The bytes passed to the core for an op input."""
    if data is None:
        return b"{}"
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, str):
        return data.encode("utf-8")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _trap_envelope(err: TrapError) -> bytes:
    # The Go host's vocabulary for a trap: INTERNAL with reason wasm_<reason>.
    if err.reason == "out_of_memory":
        msg = "the WebAssembly core ran out of memory and its instance was replaced"
    else:
        msg = "the WebAssembly core failed and its instance was replaced; this is a bug in paycore"
    env = {"ok": False, "error": {"code": "INTERNAL", "reason": "wasm_" + err.reason, "message": msg}}
    return json.dumps(env, separators=(",", ":")).encode("utf-8")


def _op_bytes(op: Union[str, bytes]) -> bytes:
    return op.encode("utf-8") if isinstance(op, str) else bytes(op)


class _Core(Helpers):
    """What Paycore and PaycorePool share: the module, the calls and the helpers."""

    def __init__(
        self,
        wasm: Union[None, str, "os.PathLike[str]", bytes, wasmtime.Module] = None,
        *,
        env: Optional[Mapping[str, str]] = None,
        memory_limit: int = DEFAULT_MEMORY_LIMIT,
        cache: Union[bool, str] = True,
        engine: Optional[wasmtime.Engine] = None,
        on_trap: Optional[Callable[[TrapError], None]] = None,
    ):
        if isinstance(wasm, wasmtime.Module):
            if engine is None:
                raise ValueError("a compiled wasmtime.Module needs the engine it was compiled with")
            self.engine, self.module = engine, wasm
        else:
            self.engine = engine or new_engine(cache)
            self.module = _compile(self.engine, wasm)
        self._env = dict(env or {})
        self._memory_limit = memory_limit
        self._on_trap = on_trap
        self._lock = threading.Lock()
        self.traps = 0
        """Guest traps so far (each replaced its instance)."""

    def _new_instance(self) -> WasmInstance:
        return WasmInstance(self.engine, self.module, self._env, self._memory_limit)

    def _run(self, inst: Optional[WasmInstance], op: bytes, data: bytes) -> Tuple[bytes, Optional[WasmInstance]]:
        """Call on inst (a new one if None); return (envelope, the instance to keep)."""
        if inst is None:
            inst = self._new_instance()
        try:
            return inst.call(op, data), inst
        except TrapError as err:
            with self._lock:
                self.traps += 1
            if self._on_trap is not None:
                self._on_trap(err)
            return _trap_envelope(err), None

    def call_bytes(self, op: Union[str, bytes], data: Input = None) -> bytes:
        """Run op and return the envelope bytes exactly as the core produced them."""
        raise NotImplementedError

    def call_text(self, op: Union[str, bytes], data: Input = None) -> str:
        """Run op and return the envelope as JSON text."""
        return self.call_bytes(op, data).decode("utf-8")

    def call(self, op: Union[str, bytes], data: Input = None) -> Dict[str, Any]:
        """Run op and return the parsed envelope: ``{"ok": True, "result": ...}`` or
        ``{"ok": False, "error": {"code", "message", ...}}``."""
        env: Dict[str, Any] = json.loads(self.call_bytes(op, data))
        return env

    def _op(self, op: str, data: Input) -> Any:
        env = self.call(op, data)
        if env.get("ok"):
            return env.get("result")
        raise PaycoreError(op, env.get("error") or {})


def _compile(engine: wasmtime.Engine, wasm: Union[None, str, "os.PathLike[str]", bytes]) -> wasmtime.Module:
    if wasm is None:
        with resources.as_file(resources.files(__name__) / "paycore.wasm") as path:
            if not path.exists():
                raise FileNotFoundError(f"{path} is missing: build the package with `make python-wheel`")
            return wasmtime.Module.from_file(engine, str(path))
    if isinstance(wasm, (bytes, bytearray)):
        return wasmtime.Module(engine, bytes(wasm))
    return wasmtime.Module.from_file(engine, os.fspath(wasm))


class Paycore(_Core):
    """paycore on one WebAssembly instance. Calls are serialised (safe from any
    thread, one at a time); for parallel callers use PaycorePool. A guest trap
    answers an INTERNAL envelope (reason ``wasm_trap`` or ``wasm_out_of_memory``) and
    the instance is replaced.

    ``wasm`` is the module (default: the one inside the package) as a path, bytes, or
    a ``wasmtime.Module`` with its ``engine``; ``cache`` keeps compiled code on disk
    (True: wasmtime's default directory; a string: that directory; False: none);
    ``memory_limit`` caps the instance's memory; ``env`` is the guest's environment.
    """

    def __init__(self, wasm: Union[None, str, "os.PathLike[str]", bytes, wasmtime.Module] = None, **options: Any):
        super().__init__(wasm, **options)
        self._instance: Optional[WasmInstance] = self._new_instance()
        self._call_lock = threading.Lock()

    def call_bytes(self, op: Union[str, bytes], data: Input = None) -> bytes:
        opb, inb = _op_bytes(op), input_bytes(data)
        with self._call_lock:
            out, self._instance = self._run(self._instance, opb, inb)
        return out


class PaycorePool(_Core):
    """paycore on a pool of instances of one compiled module, for many threads at
    once: wasmtime releases the GIL while the guest runs, so calls from different
    threads run in parallel. A call waits for a free instance. Options as Paycore's,
    plus ``size`` (default: the number of CPUs, at most 4)."""

    def __init__(
        self,
        wasm: Union[None, str, "os.PathLike[str]", bytes, wasmtime.Module] = None,
        *,
        size: Optional[int] = None,
        **options: Any,
    ):
        super().__init__(wasm, **options)
        n = size if size is not None else max(1, min(os.cpu_count() or 1, 4))
        if not isinstance(n, int) or n < 1:
            raise ValueError(f"pool size must be a positive integer, got {n!r}")
        self.size = n
        self._idle: "queue.LifoQueue[Optional[WasmInstance]]" = queue.LifoQueue()
        for _ in range(n):
            self._idle.put(self._new_instance())
        self._closed = False

    def call_bytes(self, op: Union[str, bytes], data: Input = None) -> bytes:
        if self._closed:
            raise RuntimeError("paycore pool is closed")
        opb, inb = _op_bytes(op), input_bytes(data)
        inst = self._idle.get()
        keep: Optional[WasmInstance] = None
        try:
            out, keep = self._run(inst, opb, inb)
        finally:
            self._idle.put(keep)  # None: a new instance is made on its next use
        return out

    def close(self) -> None:
        """Drop the instances; later calls raise."""
        self._closed = True

    def __enter__(self) -> "PaycorePool":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
