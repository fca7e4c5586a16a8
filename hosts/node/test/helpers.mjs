// Shared by the tests: where the repository, the module and the conformance cases are.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const PKG_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO = path.resolve(PKG_DIR, '..', '..');

/** The module the tests run: $PAYCORE_WASM, else the one in the package directory. */
export function wasmPath() {
  const p = process.env.PAYCORE_WASM || path.join(PKG_DIR, 'paycore.wasm');
  if (!existsSync(p)) {
    throw new Error(`${p} is missing: run \`make node-test\` (it builds bin/paycore.wasm and copies it here)`);
  }
  return p;
}

/**
 * The native engine's envelope for every golden vector, written by
 * `go run ./internal/conformance -o .cache/conformance.jsonl` ($PAYCORE_CONFORMANCE
 * names another file).
 */
export function conformanceCases() {
  const file = process.env.PAYCORE_CONFORMANCE || path.join(REPO, '.cache', 'conformance.jsonl');
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run \`make node-test\` (or go run ./internal/conformance -o ${file})`);
  }
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => {
    const c = JSON.parse(l);
    return {
      name: c.name,
      op: Buffer.from(c.op64, 'base64'),
      input: Buffer.from(c.in64, 'base64'),
      want: Buffer.from(c.want64, 'base64'),
    };
  });
}
