// paycore.mjs: load paycore.wasm with node:wasi and call ops through the ABI in
// docs/ABI.md. A minimal host: one instance, one call at a time.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const ABI_VERSION = 1;
const encoder = new TextEncoder();

/** One instance of the paycore module. */
export class Paycore {
  /**
   * Compile and instantiate the module at path, run _initialize and check the ABI.
   * @param {string} path
   * @param {{env?: Record<string,string>}} [options]
   */
  static async load(path, options = {}) {
    const module = await WebAssembly.compile(readFileSync(path));
    return Paycore.instantiate(module, options);
  }

  /** Instantiate an already compiled WebAssembly.Module. */
  static async instantiate(module, options = {}) {
    const wasi = new WASI({ version: 'preview1', args: [], env: options.env ?? {}, returnOnExit: true });
    const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
    wasi.initialize(instance); // runs _initialize: required before any export
    const p = new Paycore(instance.exports);
    const version = p.exports.paycore_abi_version();
    if (version !== ABI_VERSION) {
      throw new Error(`paycore.wasm speaks ABI ${version}, this host speaks ABI ${ABI_VERSION}`);
    }
    p.maxInputBytes = p.#coreInfoMaxInput();
    return p;
  }

  constructor(exports) {
    this.exports = exports;
    this.maxInputBytes = 1 << 20;
  }

  /**
   * Run op on input and return the envelope bytes.
   * @param {string|Uint8Array} op
   * @param {Uint8Array} input
   * @returns {Uint8Array}
   */
  call(op, input) {
    const ex = this.exports;
    const opBytes = typeof op === 'string' ? encoder.encode(op) : op;
    const tooLarge = input.length > this.maxInputBytes; // refused by length, never copied
    const size = opBytes.length + (tooLarge ? 0 : input.length);
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
  }

  #coreInfoMaxInput() {
    try {
      const env = JSON.parse(new TextDecoder().decode(this.call('core.info', encoder.encode('{}'))));
      return env?.result?.maxInputBytes > 0 ? env.result.maxInputBytes : 1 << 20;
    } catch {
      return 1 << 20;
    }
  }
}
