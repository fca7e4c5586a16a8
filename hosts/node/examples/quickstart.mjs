// Validate the server-to-server sample of Antom's Authorization payment guide,
// build and sign a pay request from a merchant intent, and interpret a response.
import { readFile } from 'node:fs/promises';
import { generateKeyPairSync } from 'node:crypto';
import { Paycore, PaycoreError } from '@paycore/core';

const pc = await Paycore.load(); // the paycore.wasm inside the package
const json = async (name) => JSON.parse(await readFile(new URL(name, import.meta.url), 'utf8'));

// 1. Validate a pay request: {request, now} → valid, the card masked, violations, warnings.
const checked = pc.validatePay(await json('./guide-pay-request.json'));
console.log('valid:', checked.valid, 'mode:', checked.mode, 'card:', checked.card?.masked ?? checked.card);

// 2. Build and sign a pay request from a merchant intent (your key never leaves this process).
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const intent = await json('./intent.json');
intent.signing = { clientId: 'SANDBOX_5Y0A2N2Y3B5J04251', requestTime: String(Date.parse(intent.now)), privateKey };
const req = pc.buildPay(intent);
console.log(req.method, req.path, 'signed:', req.headers.Signature?.startsWith('algorithm=RSA256'));

// 3. Interpret Antom's answer: what happened, and what to do next.
const next = pc.interpret({
  api: 'pay',
  response: {
    result: { resultCode: 'PAYMENT_IN_PROCESS', resultStatus: 'U', resultMessage: 'payment in process' },
    paymentId: '202611281900000001', paymentRequestId: intent.paymentRequestId,
    normalUrl: 'https://open-sea-global.alipay.com/3ds/challenge?id=1',
  },
  context: { mode: 'server_to_server' },
});
console.log('outcome:', next.outcome, 'action:', next.action.kind, next.action.url);

// Failures are exceptions with the core's code and field path.
try {
  pc.validatePay('{"request": ');
} catch (err) {
  if (!(err instanceof PaycoreError)) throw err;
  console.log('error:', err.message); // pay.validate: BAD_JSON: malformed JSON: ...
  console.log('code:', err.code, 'offset:', err.offset);
}
