// Compiled by `tsc --noEmit --strict` in the package's tests (test/types.test.mjs): the
// generated declarations type a real use of the package, and reject wrong ones.
import { Paycore, PaycorePool, PaycoreError, type PayValidateInput, type Envelope, type PayBuildResult } from '@paycore/core';

export async function use(): Promise<boolean> {
  const pc = await Paycore.load();
  const input: PayValidateInput = { request: { productCode: 'CASHIER_PAYMENT' }, now: '2026-11-28T09:00:00Z' };
  const checked = pc.validatePay(input);
  const valid: boolean = checked.valid;
  const mode: 'server_to_server' | 'hosted' | 'issuer_auth' | 'saved_card' = checked.mode;
  const env: Envelope<PayBuildResult> = pc.call('pay.build', '{}');
  if (env.ok) {
    const body: string = env.result.body;
    void body;
  } else {
    const code: PaycoreError['code'] = env.error.code;
    void code;
  }
  const next = pc.interpret({ api: 'pay', transport: 'timeout' });
  const outcome: string = next.outcome;
  const info = pc.info();
  const pool = await PaycorePool.create({ size: 2 });
  const verified: number = (await pool.info()).abiVersion;
  await pool.close();
  void verified, mode, outcome, info;
  // @ts-expect-error: pay.validate requires now
  pc.validatePay({ request: {} });
  // @ts-expect-error: the pool's helpers are asynchronous
  const wrong: boolean = pool.validatePay(input).valid;
  void wrong;
  return valid;
}
