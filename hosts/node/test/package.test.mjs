// The package as a user gets it: npm pack, installed into an empty project with no
// network, runs the quickstart example from outside the source tree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, cpSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PKG_DIR, REPO, wasmPath } from './helpers.mjs';

test('npm pack → npm install --offline into an empty project → the quickstart and the README example run', () => {
  wasmPath(); // the module must be in the package directory
  const dir = mkdtempSync(path.join(tmpdir(), 'paycore-pack-'));
  try {
    const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', timeout: 120_000 });
    npm(['pack', '--pack-destination', dir], PKG_DIR);
    const tgz = readdirSync(dir).filter((f) => f.endsWith('.tgz'));
    assert.equal(tgz.length, 1);
    assert.ok(statSync(path.join(dir, tgz[0])).size > 2_000_000, 'the module is inside');
    const app = path.join(dir, 'app');
    cpSync(path.join(PKG_DIR, 'examples'), app, { recursive: true });
    writeFileSync(path.join(app, 'package.json'), '{"name":"app","private":true}\n');
    npm(['install', '--offline', path.join(dir, tgz[0])], app);
    const out = execFileSync(process.execPath, ['quickstart.mjs'], { cwd: app, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
    assert.match(out, /valid: true mode: server_to_server/);
    assert.match(out, /signed: true/);
    assert.match(out, /outcome: requires_buyer_action/);

    // The JavaScript example of the repository's README, as it is written there.
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const block = readme.split('In JavaScript (')[1]?.split('```js\n')[1]?.split('```')[0];
    assert.ok(block, 'README.md has no JavaScript example after "In JavaScript ("');
    writeFileSync(path.join(app, 'readme.mjs'), block);
    const readmeOut = execFileSync(process.execPath, ['readme.mjs'], { cwd: app, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
    assert.match(readmeOut, /valid: true mode: server_to_server card: 411734\*\*\*\*\*\*6383/);
    assert.match(readmeOut, /outcome: requires_buyer_action action: redirect https:/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
