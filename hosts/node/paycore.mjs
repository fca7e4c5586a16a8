// paycore.mjs: one instance of paycore.wasm on node:wasi, called through the ABI in
// docs/ABI.md (bytes in, envelope bytes out). The package's public API (index.mjs)
// and its worker pool are built on this; it is also the shortest complete host of
// the ABI.
import { createRequire } from 'node:module';

/** The ABI version this host speaks (docs/ABI.md). */
export const ABI_VERSION = 1;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

let WASIClass;

/**
 * node:wasi's WASI class, loaded without the ExperimentalWarning Node 20 prints when
 * the module is first loaded: the warning would land on the user's stderr although
 * the user never asked for WASI. Only that one warning is dropped, and only while
 * the module loads.
 */
export function loadWASI() {
  if (WASIClass) return WASIClass;
  const original = process.emitWarning;
  process.emitWarning = function emitWarning(warning, ...rest) {
    const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
    const name = typeof warning === 'object' ? warning?.name : undefined;
    const text = String(typeof warning === 'object' ? warning?.message : warning);
    if ((type === 'ExperimentalWarning' || name === 'ExperimentalWarning') && text.includes('WASI')) return;
    return original.call(this, warning, ...rest);
  };
  try {
    WASIClass = createRequire(import.meta.url)('node:wasi').WASI;
  } finally {
    process.emitWarning = original;
  }
  return WASIClass;
}

/** Where the guest's own output (fd 1 and 2) goes: kept, bounded, never printed. */
const GUEST_OUTPUT_LIMIT = 4096;

/**
 * A guest failure no recover caught (a WebAssembly trap, a fatal Go runtime error
 * such as out of memory). The instance it happened in must not be used again.
 */
export class TrapError extends Error {
  /**
   * @param {string} reason "out_of_memory" or "trap"
   * @param {string} detail the first line the guest runtime wrote, if any
   * @param {unknown} cause the engine's error
   */
  constructor(reason, detail, cause) {
    super(`paycore.wasm: guest ${reason}${detail ? `: ${detail}` : ''}`, { cause });
    this.name = 'TrapError';
    this.reason = reason;
    this.detail = detail;
  }
}

/** One instance of the module: one call at a time, unusable after a trap. */
export class WasmInstance {
  /**
   * Instantiate a compiled module (synchronously), run _initialize and check the
   * ABI version.
   * @param {WebAssembly.Module} module
   * @param {{env?: Record<string, string>}} [options]
   */
  constructor(module, options = {}) {
    const WASI = loadWASI();
    const wasi = new WASI({ version: 'preview1', args: [], env: options.env ?? {}, returnOnExit: true });
    this.guestOutput = '';
    const imports = { ...wasi.wasiImport, fd_write: this.#fdWrite.bind(this, wasi.wasiImport.fd_write) };
    const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: imports });
    this.exports = instance.exports;
    this.broken = false;
    wasi.initialize(instance); // runs _initialize: required before any other export
    const version = this.exports.paycore_abi_version();
    if (version !== ABI_VERSION) {
      throw new Error(`paycore.wasm speaks ABI ${version}, this host speaks ABI ${ABI_VERSION} (docs/ABI.md)`);
    }
    this.maxInputBytes = this.#maxInputBytes();
  }

  /**
   * Run op on input and return the envelope bytes. Throws TrapError if the guest
   * traps; the instance is then broken.
   * @param {string|Uint8Array} op
   * @param {Uint8Array} input
   * @returns {Uint8Array}
   */
  call(op, input) {
    if (this.broken) throw new Error('paycore.wasm: this instance trapped earlier and must not be used');
    const ex = this.exports;
    const opBytes = typeof op === 'string' ? encoder.encode(op) : op;
    const tooLarge = input.length > this.maxInputBytes; // refused by its length, never copied
    const size = opBytes.length + (tooLarge ? 0 : input.length);
    try {
      const buf = ex.paycore_alloc(size) >>> 0;
      if (buf === 0) throw new Error(`paycore_alloc refused ${size} bytes`);
      let mem = new Uint8Array(ex.memory.buffer);
      mem.set(opBytes, buf);
      if (!tooLarge) mem.set(input, buf + opBytes.length);
      const inPtr = tooLarge ? 0 : buf + opBytes.length;
      const packed = BigInt.asUintN(64, ex.paycore_call(buf, opBytes.length, inPtr, input.length));
      const ptr = Number(packed >> 32n);
      const len = Number(packed & 0xffffffffn);
      mem = new Uint8Array(ex.memory.buffer); // the call may have grown (replaced) the buffer
      const out = mem.slice(ptr, ptr + len);
      ex.paycore_free(ptr);
      ex.paycore_free(buf);
      return out;
    } catch (err) {
      this.broken = true;
      const detail = this.guestOutput.split('\n').find((l) => l.trim() !== '') ?? '';
      const reason = this.guestOutput.includes('out of memory') ? 'out_of_memory' : 'trap';
      throw new TrapError(reason, detail, err);
    }
  }

  // fd_write for fds 1 and 2 keeps the guest's output (the Go runtime's fatal error
  // message) instead of printing it; other fds go to node:wasi.
  #fdWrite(original, fd, iovs, iovsLen, nwrittenPtr) {
    if (fd !== 1 && fd !== 2) return original(fd, iovs, iovsLen, nwrittenPtr);
    const view = new DataView(this.exports.memory.buffer);
    let n = 0;
    for (let i = 0; i < iovsLen; i++) {
      const ptr = view.getUint32(iovs + i * 8, true);
      const len = view.getUint32(iovs + i * 8 + 4, true);
      if (this.guestOutput.length < GUEST_OUTPUT_LIMIT) {
        this.guestOutput += decoder.decode(new Uint8Array(this.exports.memory.buffer, ptr, len)).slice(0, GUEST_OUTPUT_LIMIT);
      }
      n += len;
    }
    view.setUint32(nwrittenPtr, n, true);
    return 0;
  }

  #maxInputBytes() {
    const env = JSON.parse(decoder.decode(this.call('core.info', encoder.encode('{}'))));
    return env?.result?.maxInputBytes > 0 ? env.result.maxInputBytes : 1 << 20;
  }
}
