#!/usr/bin/env node
// run.mjs: the Node.js host used for cross-engine checks and benchmarks.
//
//   node run.mjs MODULE                 reads requests from stdin, one JSON per line:
//                                         {"op64": base64 op name, "in64": base64 input}
//                                       and writes one line per request:
//                                         {"out64": base64 envelope} or {"trap": message}
//   node run.mjs MODULE --bench SECONDS  for each request line: warms up for a second,
//                                       then runs the op repeatedly for SECONDS and
//                                       writes {"nsPerOp", "cpuNsPerOp", "iterations"}; the
//                                       module is compiled with --no-liftoff
//
// It runs the package's Paycore class (index.mjs): a trap answers an INTERNAL
// envelope and the instance is replaced, as for any user of the package.
import { createInterface } from 'node:readline';
import { stdin, stdout, argv, exit } from 'node:process';
import v8 from 'node:v8';
import { Paycore, compile } from './index.mjs';

const [, , modulePath, flag, seconds] = argv;
if (!modulePath || (flag && flag !== '--bench')) {
  console.error('usage: node run.mjs MODULE [--bench SECONDS] < requests.jsonl');
  exit(2);
}
if (flag === '--bench') {
  // Compile everything with TurboFan up front instead of Liftoff + tier-up: about
  // 20% faster per op here, and steadier (tier-up sometimes leaves hot code on
  // Liftoff). Must be set before the module is compiled.
  v8.setFlagsFromString('--no-liftoff');
}
const paycore = new Paycore(await compile(modulePath));

function bench(op, input, budgetNs) {
  const run = (deadline) => {
    let n = 0;
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    let now = start;
    while (now < deadline(start)) {
      for (let i = 0; i < 10; i++) paycore.callBytes(op, input);
      n += 10;
      now = process.hrtime.bigint();
    }
    const used = process.cpuUsage(cpu); // microseconds
    return { n, ns: Number(now - start), cpuNs: (used.user + used.system) * 1000 };
  };
  run((s) => s + 1_000_000_000n); // warm-up
  const { n, ns, cpuNs } = run((s) => s + budgetNs);
  return { nsPerOp: ns / n, cpuNsPerOp: cpuNs / n, iterations: n };
}

const lines = createInterface({ input: stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const req = JSON.parse(line);
  const op = Buffer.from(req.op64, 'base64');
  const input = Buffer.from(req.in64, 'base64');
  let res;
  try {
    if (flag === '--bench') {
      res = bench(op, input, BigInt(Math.round(Number(seconds) * 1e9)));
    } else {
      const traps = paycore.traps;
      const out = paycore.callBytes(op, input);
      res = paycore.traps > traps ? { trap: Buffer.from(out).toString() } : { out64: Buffer.from(out).toString('base64') };
    }
  } catch (err) {
    res = { trap: String(err?.message ?? err) };
  }
  stdout.write(JSON.stringify(res) + '\n');
}
