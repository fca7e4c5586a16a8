// Every golden vector, played through this package, gives the native engine's
// envelope byte for byte: on one instance and through the worker pool.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Paycore, PaycorePool } from '../index.mjs';
import { conformanceCases, wasmPath } from './helpers.mjs';

const cases = conformanceCases();

test('the conformance file holds the golden vectors', () => {
  assert.ok(cases.length > 100, `only ${cases.length} cases`);
  assert.ok(cases.some((c) => c.name.startsWith('pay.validate/')));
});

test('every vector: byte-identical envelopes on one instance', async () => {
  const pc = await Paycore.load({ wasm: wasmPath() });
  const failed = [];
  for (const c of cases) {
    const got = Buffer.from(pc.callBytes(c.op, c.input));
    if (!got.equals(c.want)) failed.push(`${c.name}\n  native: ${c.want.subarray(0, 300)}\n  node:   ${got.subarray(0, 300)}`);
  }
  assert.equal(pc.traps, 0);
  assert.deepEqual(failed, []);
});

test('every vector: byte-identical envelopes through a pool of 2 workers', async () => {
  const pool = await PaycorePool.create({ wasm: wasmPath(), size: 2 });
  try {
    const got = await Promise.all(cases.map((c) => pool.callBytes(c.op, c.input)));
    const failed = cases.filter((c, i) => !Buffer.from(got[i]).equals(c.want)).map((c) => c.name);
    assert.deepEqual(failed, []);
  } finally {
    await pool.close();
  }
});
