// The generated declarations (index.d.ts, types.d.ts) compile under `tsc --strict`
// and type a real use of the package (test/typecheck.ts), including its expected
// errors. tsc comes from Debian's node-typescript (CI installs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { PKG_DIR } from './helpers.mjs';

test('tsc --strict accepts the declarations and a typed use of the package', () => {
  const r = spawnSync('tsc', ['--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom',
    '--module', 'nodenext', '--moduleResolution', 'nodenext', 'test/typecheck.ts'], { cwd: PKG_DIR, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.error, undefined, 'tsc (TypeScript) must be on PATH: apt-get install node-typescript');
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
