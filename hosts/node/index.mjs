// @paycore/core: paycore's payment core (Antom card authorization payments) for
// Node.js, running the same WebAssembly module as every other paycore host, so it
// gives the same answers byte for byte.
//
//   import { Paycore } from '@paycore/core';
//   const pc = await Paycore.load();
//   const envelope = pc.call('pay.validate', { request, now });   // {ok, result | error}
//   const result = pc.validatePay({ request, now });              // result, or throws PaycoreError
import { WasmInstance } from './paycore.mjs';
import { OPS } from './ops.mjs';
import { compile, inputBytes, trapEnvelope, unwrap } from './common.mjs';

export { TrapError, ABI_VERSION } from './paycore.mjs';
export { compile, inputBytes, trapEnvelope, unwrap, PaycoreError, DEFAULT_WASM } from './common.mjs';
export { OPS };

const decoder = new TextDecoder();

/**
 * paycore in this thread: one WebAssembly instance, synchronous calls. A guest trap
 * answers an INTERNAL envelope (reason wasm_trap or wasm_out_of_memory) and the
 * instance is replaced before the next call. For several callers at once, use
 * PaycorePool (worker threads).
 */
export class Paycore {
  /**
   * Compile (or take) the module and instantiate it.
   * @param {{wasm?: string|URL|Uint8Array|ArrayBuffer|WebAssembly.Module, env?: Record<string,string>, onTrap?: (err: Error) => void}} [options]
   */
  static async load(options = {}) {
    return new Paycore(await compile(options.wasm), options);
  }

  /**
   * @param {WebAssembly.Module} module
   * @param {{env?: Record<string,string>, onTrap?: (err: Error) => void}} [options]
   */
  constructor(module, options = {}) {
    this.module = module;
    this.options = options;
    this.traps = 0;
    this.instance = new WasmInstance(module, options);
  }

  /**
   * Run op and return the envelope bytes, exactly as the core produced them.
   * @param {string|Uint8Array} op
   * @param {unknown} [input]
   * @returns {Uint8Array}
   */
  callBytes(op, input) {
    const bytes = inputBytes(input);
    if (this.instance === null) this.instance = new WasmInstance(this.module, this.options);
    try {
      return this.instance.call(op, bytes);
    } catch (err) {
      this.instance = null; // replaced on the next call
      this.traps++;
      this.options.onTrap?.(err);
      return trapEnvelope(err);
    }
  }

  /**
   * Run op and return the envelope as JSON text.
   * @param {string} op
   * @param {unknown} [input]
   */
  callText(op, input) {
    return decoder.decode(this.callBytes(op, input));
  }

  /**
   * Run op and return the parsed envelope: {ok: true, result} or {ok: false, error}.
   * @param {string} op
   * @param {unknown} [input] an object, JSON text or bytes
   */
  call(op, input) {
    return JSON.parse(this.callText(op, input));
  }
}

for (const [op, name] of OPS) {
  Paycore.prototype[name] = function helper(input) {
    return unwrap(op, this.call(op, input));
  };
}

export { PaycorePool } from './pool.mjs';
