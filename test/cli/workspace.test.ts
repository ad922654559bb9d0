/** The CLI runs the cross-file rules over every file it is given, with the same verdicts as the editor. */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { daemonSet } from '../helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const run = (args: string[], cwd: string) => spawnSync(CLI, args, { cwd, encoding: 'utf8', timeout: 20000 });

const KUBE_VIP = daemonSet('ghcr.io/kube-vip/kube-vip:v0.8.9', [
  { name: 'vip_arp', raw: '"true"' },
  { name: 'svc_enable', raw: '"true"' },
  { name: 'vip_cidr', raw: '"128"' },
]);
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: LoadBalancer
  loadBalancerIP: 192.168.1.50
`;

describe('CLI: cross-file rules', function () {
  this.timeout(20000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-cli-ws-'));
    fs.mkdirSync(path.join(dir, 'infra'));
    fs.mkdirSync(path.join(dir, 'apps'));
    fs.writeFileSync(path.join(dir, 'infra', 'kube-vip.yaml'), KUBE_VIP);
    fs.writeFileSync(path.join(dir, 'apps', 'web.yaml'), SERVICE);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a directory: the error on both ends, each followed by the other end', () => {
    const r = run(['.'], dir);
    assert.strictEqual(r.status, 1, r.stderr);
    assert.deepStrictEqual(r.stdout.trim().split('\n').map((l) => l.replace(/ (error|warning) (\S+) .*/, ' $1 $2')), [
      'apps/web.yaml:8:19 error service-prefix',
      '  infra/kube-vip.yaml:24:18 vip_cidr "128" of kube-vip (DaemonSet kube-system/kube-vip)',
      'infra/kube-vip.yaml:24:18 error service-prefix',
      '  apps/web.yaml:8:19 IPv4 Service shop/web (spec.loadBalancerIP "192.168.1.50")',
    ]);
  });

  it('--format json carries the related location', () => {
    const r = run(['--format', 'json', 'infra/kube-vip.yaml', 'apps/web.yaml'], dir);
    const rows = JSON.parse(r.stdout) as { file: string; rule: string; messageId: string; related?: { file: string; line: number; column: number }[] }[];
    const onEnv = rows.find((row) => row.file === 'infra/kube-vip.yaml')!;
    assert.strictEqual(onEnv.messageId, 'noIpv4Prefix');
    assert.deepStrictEqual(onEnv.related!.map((x) => [x.file, x.line, x.column]), [['apps/web.yaml', 8, 19]]);
  });

  it('only the files given are joined: the kube-vip file alone keeps the per-file verdict', () => {
    const r = run(['infra/kube-vip.yaml'], dir);
    assert.doesNotMatch(r.stdout, /service-prefix/);
    assert.match(r.stdout, /error vip-prefix-list/);
  });
});
