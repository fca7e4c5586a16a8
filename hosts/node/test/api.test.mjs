// The single-instance API: inputs in every form, typed helpers, errors, traps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { Paycore, PaycoreError, OPS, TrapError, compile } from '../index.mjs';
import { PKG_DIR, REPO, wasmPath } from './helpers.mjs';

const sample = JSON.parse(readFileSync(path.join(REPO, 'testvectors/examples/seed_server_to_server.json'), 'utf8'));
const pc = await Paycore.load({ wasm: wasmPath() });

test('call takes an object, JSON text or bytes and gives the same envelope', () => {
  const fromObject = pc.callText('pay.validate', sample);
  assert.equal(pc.callText('pay.validate', JSON.stringify(sample)), fromObject);
  assert.equal(pc.callText('pay.validate', new TextEncoder().encode(JSON.stringify(sample))), fromObject);
  const env = pc.call('pay.validate', sample);
  assert.equal(env.ok, true);
  assert.equal(env.result.valid, true);
  assert.equal(env.result.mode, 'server_to_server');
  assert.ok(!fromObject.includes('4117347806156383'), 'card number in the result');
});

test('no input means {}', () => {
  assert.deepEqual(pc.call('core.info'), pc.call('core.info', {}));
  assert.equal(pc.info().abiVersion, 1);
});

test('every op of the module has a helper, and every helper an op', () => {
  const ops = pc.info().ops;
  assert.deepEqual([...OPS.map(([op]) => op)].sort(), [...ops].sort());
  for (const [, name] of OPS) assert.equal(typeof pc[name], 'function', name);
});

test('helpers return the result or throw PaycoreError with the envelope error', () => {
  const res = pc.validatePay(sample);
  assert.equal(res.valid, true);
  assert.throws(() => pc.validatePay('{"request":'), (err) => {
    assert.ok(err instanceof PaycoreError);
    assert.equal(err.op, 'pay.validate');
    assert.equal(err.code, 'BAD_JSON');
    assert.equal(typeof err.offset, 'number');
    return true;
  });
  assert.throws(() => pc.buildPay({ mode: 'nope' }), (err) => err instanceof PaycoreError && err.code === 'VALIDATION_FAILED' || err.code === 'BAD_INPUT');
  assert.deepEqual(pc.call('no.such.op').error.code, 'UNKNOWN_OP');
});

test('a guest trap answers INTERNAL/wasm_trap and the next call runs on a new instance', async () => {
  const traps = [];
  const t = await Paycore.load({ wasm: wasmPath(), env: { PAYCORE_GUEST_TEST_OPS: '1' }, onTrap: (e) => traps.push(e) });
  assert.deepEqual(t.call('__test.panic').error.code, 'INTERNAL'); // recovered: no trap
  assert.equal(t.traps, 0);
  const before = t.instance;
  assert.deepEqual(t.call('__test.trap'), {
    ok: false,
    error: { code: 'INTERNAL', reason: 'wasm_trap', message: 'the WebAssembly core failed and its instance was replaced; this is a bug in paycore' },
  });
  assert.equal(t.traps, 1);
  assert.equal(traps.length, 1);
  assert.ok(traps[0] instanceof TrapError);
  assert.match(traps[0].detail, /fatal error/);
  assert.equal(t.validatePay(sample).valid, true);
  assert.notEqual(t.instance, before);
});

test('test ops are off unless the instance is created with them', () => {
  assert.equal(pc.call('__test.trap').error.code, 'UNKNOWN_OP');
  assert.equal(pc.traps, 0);
});

test('compile accepts a path, a URL, bytes or a module', async () => {
  const bytes = readFileSync(wasmPath());
  const m = await compile(bytes);
  assert.ok(m instanceof WebAssembly.Module);
  assert.equal(await compile(m), m);
  assert.ok((await compile(new URL(`file://${wasmPath()}`))) instanceof WebAssembly.Module);
  assert.equal(new Paycore(m).info().version, pc.info().version);
});

test('loading (one instance and a pool) prints nothing: no ExperimentalWarning on stdout or stderr', () => {
  const script = `import { Paycore, PaycorePool } from ${JSON.stringify(path.join(PKG_DIR, 'index.mjs'))};
    const pc = await Paycore.load({ wasm: ${JSON.stringify(wasmPath())} });
    if (!pc.info().ops.length) process.exit(1);
    const pool = await PaycorePool.create({ wasm: ${JSON.stringify(wasmPath())}, size: 2 });
    if ((await pool.info()).abiVersion !== 1) process.exit(1);
    await pool.close();`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, '');
  // Other warnings still reach the user.
  const other = spawnSync(process.execPath, ['--input-type=module', '-e', `${script}\nprocess.emitWarning('mine');`], { encoding: 'utf8', timeout: 60_000 });
  assert.match(other.stderr, /Warning: mine/);
});

test('the quickstart example runs', () => {
  const out = execFileSync(process.execPath, [path.join(PKG_DIR, 'examples/quickstart.mjs')], { encoding: 'utf8', timeout: 60_000 });
  assert.match(out, /valid: true mode: server_to_server card: 411734\*\*\*\*\*\*6383/);
  assert.match(out, /POST \/ams\/sandbox\/api\/v1\/payments\/pay signed: true/);
  assert.match(out, /outcome: requires_buyer_action action: redirect/);
  assert.match(out, /code: BAD_JSON/);
});

test("the example's inputs are the repository's example inputs", () => {
  for (const [mine, theirs] of [['guide-pay-request.json', 'seed_server_to_server.json'], ['intent.json', 'intent_server_to_server.json']]) {
    assert.equal(readFileSync(path.join(PKG_DIR, 'examples', mine), 'utf8'), readFileSync(path.join(REPO, 'testvectors/examples', theirs), 'utf8'), mine);
  }
});
