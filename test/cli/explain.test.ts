/** `kube-vip-lint explain` (issue 11): the effective configuration, as the editor's table shows it. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dualStack } from '../helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const run = (args: string[], cwd: string, input?: string) => spawnSync(CLI, args, { cwd, input, encoding: 'utf8', timeout: 20000 });
const TEXT = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"32,128"' }, { name: 'enable_upnp', raw: '"true"' }]);
const SUMMARY = 'kube-vip v0.8.9 · ARP · control plane 192.168.0.40/32 · Services (IPv4 /32, IPv6 /128) · leader election 5/3/1 s · 1 ignored';

describe('CLI explain', function () {
  this.timeout(20000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-explain-'));
    fs.writeFileSync(path.join(dir, 'kube-vip.yaml'), TEXT);
    fs.writeFileSync(path.join(dir, 'other.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints each container: where, the summary, every setting with its source, and what is set but ignored', () => {
    const r = run(['explain', '.'], dir);
    assert.strictEqual(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const imageLine = TEXT.split('\n').findIndex((l) => l.includes('image:')) + 1;
    assert.strictEqual(lines[0], `kube-vip.yaml:${imageLine}:16`);
    assert.strictEqual(lines[1], SUMMARY);
    assert.match(r.stdout, /^vip_cidr +32,128 +env$/m);
    assert.match(r.stdout, /^vip_leaseduration +5 +default for v0\.8\.9$/m);
    assert.match(r.stdout, /^Set but ignored:\n {2}enable_upnp: /m);
  });

  it('--format json: the same as data, with lines and columns', () => {
    const r = run(['explain', '--format', 'json', 'kube-vip.yaml'], dir);
    assert.strictEqual(r.status, 0, r.stderr);
    const [entry] = JSON.parse(r.stdout);
    assert.strictEqual(entry.file, 'kube-vip.yaml');
    assert.strictEqual(entry.summary, SUMMARY);
    assert.strictEqual(entry.version, 'v0.8.9');
    const cidr = entry.rows.find((row: { name: string }) => row.name === 'vip_cidr');
    assert.deepStrictEqual({ value: cidr.value, source: cidr.source, line: cidr.line }, { value: '32,128', source: 'env', line: TEXT.split('\n').findIndex((l) => l.includes('name: vip_cidr')) + 1 });
    assert.deepStrictEqual(entry.ignored.map((i: { name: string }) => i.name), ['enable_upnp']);
  });

  it('reads standard input; says when there is nothing to explain; refuses other formats', () => {
    const piped = run(['explain', '--stdin-filename', 'rendered.yaml', '-'], dir, TEXT);
    assert.strictEqual(piped.status, 0, piped.stderr);
    assert.match(piped.stdout, /^rendered\.yaml:\d+:16\n/);
    const none = run(['explain', 'other.yaml'], dir);
    assert.strictEqual(none.status, 0);
    assert.strictEqual(none.stdout, '');
    assert.match(none.stderr, /no kube-vip configuration found/);
    // A kube-vip document that does not parse is said, not passed over (also by upgrade).
    fs.writeFileSync(path.join(dir, 'broken.yaml'), TEXT.replace('        env:\n', '        env: [unclosed\n'));
    for (const args of [['explain', 'broken.yaml'], ['upgrade', '--to', 'v1.2.3', 'broken.yaml']]) {
      const broken = run(args, dir);
      assert.strictEqual(broken.status, 0, broken.stderr);
      assert.match(broken.stderr, new RegExp(`^broken\\.yaml:\\d+:\\d+ not ${args[0] === 'explain' ? 'explained' : 'upgraded'}: kube-vip-lint did not check this YAML document: it does not parse\\.`, 'm'));
    }
    fs.rmSync(path.join(dir, 'broken.yaml'));
    const bad = run(['explain', '--format', 'sarif', '.'], dir);
    assert.strictEqual(bad.status, 2);
    assert.match(bad.stderr, /explain prints --format text or json/);
  });
});
