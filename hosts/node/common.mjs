// common.mjs: what the single-instance API (index.mjs) and the worker pool
// (pool.mjs) share: compiling the module, input encoding, errors.
import { readFile } from 'node:fs/promises';
import { TrapError } from './paycore.mjs';

const encoder = new TextEncoder();

/** The paycore.wasm shipped inside this package. */
export const DEFAULT_WASM = new URL('./paycore.wasm', import.meta.url);

/**
 * Compile a module from a path, URL or bytes (default: the module in this package).
 * @param {string|URL|Uint8Array|ArrayBuffer|WebAssembly.Module} [wasm]
 * @returns {Promise<WebAssembly.Module>}
 */
export async function compile(wasm = DEFAULT_WASM) {
  if (wasm instanceof WebAssembly.Module) return wasm;
  const bytes = typeof wasm === 'string' || wasm instanceof URL ? await readFile(wasm) : wasm;
  return WebAssembly.compile(bytes);
}

/** An op that answered {"ok": false}: the envelope's error, as an exception. */
export class PaycoreError extends Error {
  /** @param {string} op @param {{code: string, message: string, reason?: string, field?: string, offset?: number, violations?: unknown[]}} error */
  constructor(op, error) {
    super(`${op}: ${error.code}: ${error.message}`);
    this.name = 'PaycoreError';
    this.op = op;
    this.code = error.code;
    this.reason = error.reason;
    this.field = error.field;
    this.offset = error.offset;
    this.violations = error.violations;
    this.error = error;
  }
}

/**
 * Input bytes for an op: an object is JSON-encoded, a string is taken as JSON text,
 * bytes are passed as they are; undefined is {}.
 * @param {unknown} input
 * @returns {Uint8Array}
 */
export function inputBytes(input) {
  if (input === undefined || input === null) return encoder.encode('{}');
  if (input instanceof Uint8Array) return input;
  if (typeof input === 'string') return encoder.encode(input);
  return encoder.encode(JSON.stringify(input));
}

/** The envelope of a guest trap: the Go host's vocabulary (INTERNAL, wasm_*). */
export function trapEnvelope(err) {
  const reason = err instanceof TrapError ? err.reason : 'trap';
  const message = reason === 'out_of_memory'
    ? 'the WebAssembly core ran out of memory and its instance was replaced'
    : 'the WebAssembly core failed and its instance was replaced; this is a bug in paycore';
  return encoder.encode(JSON.stringify({ ok: false, error: { code: 'INTERNAL', reason: `wasm_${reason}`, message } }));
}

/**
 * The result of an envelope, or a PaycoreError for {"ok": false}.
 * @param {string} op
 * @param {{ok: boolean, result?: unknown, error?: any}} envelope
 */
export function unwrap(op, envelope) {
  if (envelope.ok) return envelope.result;
  throw new PaycoreError(op, envelope.error);
}

