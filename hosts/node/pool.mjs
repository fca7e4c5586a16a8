// pool.mjs: paycore for concurrent callers: a pool of worker threads, each with its
// own instance of one compiled module. Calls return promises; a call waits for a
// free worker. An idle pool does not keep the process alive.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { OPS } from './ops.mjs';
import { compile, inputBytes, unwrap } from './common.mjs';
import { TrapError } from './paycore.mjs';

const decoder = new TextDecoder();
const WORKER = new URL('./worker.mjs', import.meta.url);

/** A pool of worker threads running paycore. */
export class PaycorePool {
  /**
   * Compile the module once and start size workers (default: the number of CPUs,
   * at most 4), each instantiating it.
   * @param {{wasm?: string|URL|Uint8Array|ArrayBuffer|WebAssembly.Module, size?: number, env?: Record<string,string>, onTrap?: (err: Error) => void}} [options]
   */
  static async create(options = {}) {
    const module = await compile(options.wasm);
    const size = options.size ?? Math.max(1, Math.min(availableParallelism(), 4));
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be a positive integer, got ${size}`);
    const pool = new PaycorePool(module, options);
    try {
      await Promise.all(Array.from({ length: size }, () => pool.#spawn()));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  /** Use PaycorePool.create. */
  constructor(module, options) {
    this.module = module;
    this.options = options;
    this.traps = 0;
    this.closed = false;
    this.slots = [];
    this.queue = [];
  }

  /** The number of workers. */
  get size() {
    return this.slots.length;
  }

  // Starts a worker and resolves when its instance is ready.
  #spawn() {
    return new Promise((resolve, reject) => {
      // Workers inherit the process's flags; --input-type (node -e) is refused in a worker.
      const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
      const worker = new Worker(WORKER, { execArgv, workerData: { module: this.module, env: this.options.env ?? {} } });
      const slot = { worker, job: null };
      let ready = false;
      worker.on('message', (msg) => {
        if (!ready) {
          ready = true;
          worker.unref();
          this.slots.push(slot);
          resolve();
          this.#dispatch();
          return;
        }
        const job = slot.job;
        slot.job = null;
        worker.unref();
        if (msg.trapped) {
          this.traps++;
          this.options.onTrap?.(new TrapError(msg.trapped, msg.detail ?? ''));
        }
        job.resolve(msg.out);
        this.#dispatch();
      });
      worker.on('error', (err) => {
        if (!ready) {
          ready = true;
          reject(err);
          return;
        }
        slot.job?.reject(err);
        slot.job = null;
      });
      worker.on('exit', () => {
        const i = this.slots.indexOf(slot);
        if (i < 0) return;
        this.slots.splice(i, 1);
        slot.job?.reject(new Error('paycore worker exited'));
        slot.job = null;
        if (!this.closed) this.#spawn().catch((err) => this.#failQueue(err));
      });
    });
  }

  #dispatch() {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job) continue;
      const job = this.queue.shift();
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ op: job.op, input: job.input });
    }
  }

  #failQueue(err) {
    for (const job of this.queue.splice(0)) job.reject(err);
  }

  /**
   * Run op on a free worker and resolve to the envelope bytes.
   * @param {string|Uint8Array} op
   * @param {unknown} [input]
   * @returns {Promise<Uint8Array>}
   */
  callBytes(op, input) {
    if (this.closed) return Promise.reject(new Error('paycore pool is closed'));
    const bytes = inputBytes(input);
    return new Promise((resolve, reject) => {
      this.queue.push({ op, input: bytes, resolve, reject });
      this.#dispatch();
    });
  }

  /** Run op and resolve to the envelope as JSON text. */
  async callText(op, input) {
    return decoder.decode(await this.callBytes(op, input));
  }

  /** Run op and resolve to the parsed envelope. */
  async call(op, input) {
    return JSON.parse(await this.callText(op, input));
  }

  /** Stop every worker; calls still queued are rejected. */
  async close() {
    this.closed = true;
    this.#failQueue(new Error('paycore pool is closed'));
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

for (const [op, name] of OPS) {
  PaycorePool.prototype[name] = async function helper(input) {
    return unwrap(op, await this.call(op, input));
  };
}
