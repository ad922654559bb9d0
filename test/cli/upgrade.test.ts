import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { daemonSet } from '../helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const run = (args: string[], input?: string) => spawnSync(CLI, args, { cwd: ROOT, encoding: 'utf8', timeout: 20000, input });

describe('CLI upgrade', function () {
  this.timeout(30000);
  const text = daemonSet('ghcr.io/kube-vip/kube-vip:v0.9.2', [{ name: 'vip_arp', raw: '"true"' }, { name: 'enableUPNP', raw: '"true"' }]);

  it('prints a unified diff and a summary, and writes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-upgrade-'));
    const file = path.join(dir, 'kube-vip.yaml');
    fs.writeFileSync(file, text);
    const r = run(['upgrade', '--to', 'v1.0.0', file]);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.ok(r.stdout.startsWith(`--- ${file}\n+++ ${file}\n@@ `), r.stdout.slice(0, 200)); // an absolute path as it is
    assert.match(r.stdout, /^-        image: ghcr.io\/kube-vip\/kube-vip:v0.9.2$/m);
    assert.match(r.stdout, /^\+        image: ghcr.io\/kube-vip\/kube-vip:v1.0.0$/m);
    assert.match(r.stdout, /^-        - name: enableUPNP$/m);
    assert.match(r.stdout, /^\+        - name: enable_upnp$/m);
    assert.match(r.stderr, /kube-vip v0.9.2 → v1.0.0/);
    assert.match(r.stderr, /enableUPNP renamed to enable_upnp: kube-vip v1.0.0 and later no longer read enableUPNP/);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), text);
  });

  it('--write applies the edits; a second run changes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-upgrade-'));
    const file = path.join(dir, 'kube-vip.yaml');
    fs.writeFileSync(file, text);
    assert.strictEqual(run(['upgrade', '--to', 'v1.0.0', '--write', file]).status, 0);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), text.replace('v0.9.2', 'v1.0.0').replace('name: enableUPNP', 'name: enable_upnp'));
    const again = run(['upgrade', '--to', 'v1.0.0', file]);
    assert.strictEqual(again.status, 0);
    assert.strictEqual(again.stdout, '');
    assert.match(again.stderr, /nothing to change/);
  });

  it('reads standard input', () => {
    const r = run(['upgrade', '--to', 'v1.0.0', '-'], text);
    assert.strictEqual(r.status, 0);
    assert.match(r.stdout, /enable_upnp/);
  });

  it('exits 2 on bad usage', () => {
    assert.strictEqual(run(['upgrade', 'x.yaml']).status, 2);
    assert.strictEqual(run(['upgrade', '--to', 'v9.0.0', 'x.yaml']).status, 2);
    assert.strictEqual(run(['upgrade', '--to', 'v1.2.3']).status, 2);
    assert.strictEqual(run(['upgrade', '--to', 'v1.2.3', '--write', '-'], text).status, 2);
    assert.match(run(['upgrade', '--to', 'v1.2.3', '--bogus', 'x']).stderr, /unknown option --bogus/);
  });
});
