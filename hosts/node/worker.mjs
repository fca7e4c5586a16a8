// worker.mjs: one worker thread of PaycorePool: one instance, one call at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { WasmInstance } from './paycore.mjs';
import { trapEnvelope } from './common.mjs';

let instance = new WasmInstance(workerData.module, { env: workerData.env });

parentPort.on('message', ({ op, input }) => {
  let out;
  let trapped = '';
  let detail = '';
  try {
    instance ??= new WasmInstance(workerData.module, { env: workerData.env });
    out = instance.call(op, input);
  } catch (err) {
    instance = null; // replaced on the next call
    trapped = err?.reason ?? 'trap';
    detail = err?.detail ?? '';
    out = trapEnvelope(err);
  }
  parentPort.postMessage({ out, trapped, detail }, [out.buffer]);
});
parentPort.postMessage({ ready: true });
