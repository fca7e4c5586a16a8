"""One instance of paycore.wasm on wasmtime, called through the ABI in docs/ABI.md.

Bytes in, envelope bytes out; one call at a time; unusable after a trap.
"""

from __future__ import annotations

import json
import os
import tempfile
import weakref
from typing import Any, Mapping, Optional, Type, TypeVar, Union

import wasmtime

ABI_VERSION = 1
"""The ABI version this host speaks (docs/ABI.md)."""

DEFAULT_MEMORY_LIMIT = 256 << 20
"""The default cap on an instance's linear memory, as in the Go host."""

_GUEST_OUTPUT_LIMIT = 4096
_U64 = 0xFFFF_FFFF_FFFF_FFFF
_U32 = 0xFFFF_FFFF


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


class TrapError(Exception):
    """A guest failure no recover caught: a WebAssembly trap or a fatal Go runtime
    error (out of memory, deadlock). The instance it happened in is discarded."""

    def __init__(self, reason: str, detail: str, cause: BaseException):
        msg = f"paycore.wasm: guest {reason}" + (f": {detail}" if detail else "")
        super().__init__(msg)
        self.reason = reason
        """``"out_of_memory"`` or ``"trap"``."""
        self.detail = detail
        """The first line the guest runtime wrote (its fatal error), if any."""
        self.__cause__ = cause


_E = TypeVar("_E")


def _export(exports: Any, name: str, kind: Type[_E]) -> _E:
    try:
        obj = exports[name]
    except (KeyError, wasmtime.WasmtimeError):
        obj = None
    if not isinstance(obj, kind):
        raise RuntimeError(f"paycore.wasm lacks the export {name!r} required by ABI {ABI_VERSION} (docs/ABI.md)")
    return obj


def new_engine(cache: Union[bool, str] = True) -> wasmtime.Engine:
    """A wasmtime engine. ``cache`` True keeps compiled code in wasmtime's default
    cache directory, a string names another directory, False keeps none (then every
    new process compiles the module again: seconds, not milliseconds)."""
    cfg = wasmtime.Config()
    if cache is True:
        cfg.cache = True
    elif isinstance(cache, str) and cache:
        os.makedirs(cache, exist_ok=True)
        fd, conf = tempfile.mkstemp(prefix="paycore-wasmtime-cache-", suffix=".toml")
        with os.fdopen(fd, "w") as f:
            f.write("[cache]\ndirectory = " + json.dumps(os.path.abspath(cache)) + "\n")
        try:
            cfg.cache = conf
        finally:
            os.remove(conf)
    return wasmtime.Engine(cfg)


# The smallest input buffer an instance keeps (see WasmInstance._input_buffer).
_MIN_INPUT_BUFFER = 8 << 10


class WasmInstance:
    """One instance of a compiled module: ``_initialize`` run, ABI version checked."""

    def __init__(
        self,
        engine: wasmtime.Engine,
        module: wasmtime.Module,
        env: Optional[Mapping[str, str]] = None,
        memory_limit: int = DEFAULT_MEMORY_LIMIT,
    ):
        self.broken = False
        wasi = wasmtime.WasiConfig()
        wasi.env = list((env or {}).items())
        # The guest's stderr (the Go runtime's fatal error message) goes to an
        # unlinked temporary file, kept for TrapError and never printed; its stdout
        # is discarded. (wasmtime's stderr_custom callbacks can crash the process at
        # interpreter exit when stores were used from several threads.)
        fd, path = tempfile.mkstemp(prefix="paycore-guest-stderr-")
        self._stderr_fd = fd
        weakref.finalize(self, os.close, fd)
        try:
            wasi.stderr_file = path
        finally:
            try:
                os.unlink(path)
            except OSError:  # Windows: open files cannot be removed
                weakref.finalize(self, _remove, path)
        self.store = wasmtime.Store(engine)
        self.store.set_wasi(wasi)
        self.store.set_limits(memory_size=memory_limit)
        linker = wasmtime.Linker(engine)
        linker.define_wasi()
        instance = linker.instantiate(self.store, module)
        ex = instance.exports(self.store)
        _export(ex, "_initialize", wasmtime.Func)(self.store)
        self._alloc = _export(ex, "paycore_alloc", wasmtime.Func)
        self._free = _export(ex, "paycore_free", wasmtime.Func)
        self._call = _export(ex, "paycore_call", wasmtime.Func)
        self.memory = _export(ex, "memory", wasmtime.Memory)
        version = _export(ex, "paycore_abi_version", wasmtime.Func)(self.store)
        if version != ABI_VERSION:
            raise RuntimeError(
                f"paycore.wasm speaks ABI {version}, this host speaks ABI {ABI_VERSION} (docs/ABI.md)"
            )
        self._buf, self._buf_cap = 0, 0
        self.max_input_bytes = 1 << 20
        info = json.loads(self.call(b"core.info", b"{}"))
        self.max_input_bytes = int(info.get("result", {}).get("maxInputBytes") or 1 << 20)

    def _input_buffer(self, store: wasmtime.Store, size: int) -> int:
        """The address of a guest buffer of at least size bytes. The buffer is kept
        and reused from call to call (the ABI lets the host reuse its buffers): each
        call through wasmtime-py costs tens of microseconds, so an alloc and a free
        per call would be about a third of a small op's time. It grows by powers of
        two and is released with the instance."""
        if size > self._buf_cap:
            cap = max(_MIN_INPUT_BUFFER, 1 << (size - 1).bit_length())
            buf = self._alloc(store, cap) & _U32
            if buf == 0:
                raise RuntimeError("paycore_alloc refused the input")
            if self._buf:
                self._free(store, self._buf)
            self._buf, self._buf_cap = buf, cap
        return self._buf

    def guest_output(self) -> str:
        """The start of what the guest wrote to stderr."""
        try:
            os.lseek(self._stderr_fd, 0, os.SEEK_SET)
            return os.read(self._stderr_fd, _GUEST_OUTPUT_LIMIT).decode("utf-8", "replace")
        except OSError:
            return ""

    def call(self, op: bytes, data: bytes) -> bytes:
        """Run op on data and return the envelope bytes; raise TrapError if the
        guest traps (the instance is then broken)."""
        if self.broken:
            raise RuntimeError("paycore.wasm: this instance trapped earlier and must not be used")
        store = self.store
        too_large = len(data) > self.max_input_bytes  # refused by its length, never copied
        try:
            buf = self._input_buffer(store, len(op) + (0 if too_large else len(data)))
            self.memory.write(store, op if too_large else op + data, buf)
            in_ptr = 0 if too_large else buf + len(op)
            packed = self._call(store, buf, len(op), in_ptr, len(data)) & _U64
            ptr, n = packed >> 32, packed & _U32
            out = bytes(self.memory.read(store, ptr, ptr + n))
            self._free(store, ptr)
            return out
        except (wasmtime.Trap, wasmtime.WasmtimeError) as err:
            self.broken = True
            text = self.guest_output()
            detail = next((line for line in text.splitlines() if line.strip()), "")
            reason = "out_of_memory" if "out of memory" in text else "trap"
            raise TrapError(reason, detail, err) from err
