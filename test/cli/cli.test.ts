import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dualStack } from '../helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const run = (args: string[], cwd = ROOT) => spawnSync(CLI, args, { cwd, encoding: 'utf8', timeout: 20000 });

describe('CLI', function () {
  this.timeout(20000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-cli-'));
    fs.mkdirSync(path.join(dir, 'nested'));
    fs.writeFileSync(path.join(dir, 'nested', 'bad.yaml'), dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]));
    fs.writeFileSync(path.join(dir, 'old.yml'), dualStack('ghcr.io/kube-vip/kube-vip:v0.9.1', [{ name: 'vip_cidr', raw: '"32"' }]));
    fs.writeFileSync(path.join(dir, 'good.yaml'), dualStack('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'vip_subnet', raw: '"32,128"' }]));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'vip_cidr: "128"');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is an executable with a node shebang', () => {
    assert.ok(fs.statSync(CLI).mode & 0o111, 'executable bit');
    assert.match(fs.readFileSync(CLI, 'utf8').split('\n')[0], /^#!\/usr\/bin\/env node$/);
  });

  it('walks directories and prints file:line:col severity rule message; exit 1 on errors', () => {
    const r = run([dir]);
    assert.strictEqual(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.strictEqual(lines.length, 2);
    assert.match(lines[0], new RegExp(`^${path.join(dir, 'nested', 'bad.yaml')}:28:18 error vip-prefix-list vip_cidr "128" puts an IPv6-sized prefix first`));
    assert.match(lines[1], new RegExp(`^${path.join(dir, 'old.yml')}:27:17 warning env-var-version kube-vip v0\\.9\\.0 and later no longer read vip_cidr`));
    assert.match(r.stderr, /3 file\(s\) checked: 1 error\(s\), 1 other finding\(s\)/);
  });

  it('--format json prints 1-based ranges', () => {
    const r = run(['--format', 'json', path.join(dir, 'nested')]);
    assert.strictEqual(r.status, 1);
    const rows = JSON.parse(r.stdout);
    assert.deepStrictEqual(Object.keys(rows[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'messageId', 'message']);
    assert.deepStrictEqual([rows[0].line, rows[0].column, rows[0].endLine, rows[0].endColumn], [28, 18, 28, 23]);
    assert.strictEqual(rows[0].rule, 'vip-prefix-list');
    assert.strictEqual(rows[0].messageId, 'ipv4GetsIpv6Prefix');
  });

  it('exit 0 when only warnings or nothing is found', () => {
    assert.strictEqual(run([path.join(dir, 'good.yaml')]).status, 0);
    const warn = run([path.join(dir, 'old.yml')]);
    assert.strictEqual(warn.status, 0);
    assert.match(warn.stdout, /warning env-var-version/);
  });

  it('--rule and --kube-vip-version change verdicts', () => {
    const off = run(['--rule', 'vip-prefix-list=off', dir]);
    assert.strictEqual(off.status, 0);
    assert.doesNotMatch(off.stdout, /vip-prefix-list/);
    fs.writeFileSync(path.join(dir, 'latest.yaml'), dualStack('ghcr.io/kube-vip/kube-vip:latest', [{ name: 'vip_cidr', raw: '"32"' }]));
    const assumed = run(['--kube-vip-version=v0.8.9', path.join(dir, 'latest.yaml')]);
    assert.strictEqual(assumed.stdout, '');
    assert.match(run([path.join(dir, 'latest.yaml')]).stdout, /on v1\.2\.3 \(assumed/);
  });

  it('exit 2 with a clear message on bad usage or unreadable input', () => {
    for (const [args, message] of [
      [[], /no paths given/],
      [['--format', 'xml', dir], /--format must be text or json/],
      [['--rule', 'nope=error', dir], /unknown rule "nope"/],
      [['--rule', 'vip-prefix-list=loud', dir], /--rule takes/],
      [['--bogus', dir], /unknown option --bogus/],
      [[path.join(dir, 'missing.yaml')], /cannot read .*missing\.yaml: ENOENT/],
    ] as [string[], RegExp][]) {
      const r = run(args);
      assert.strictEqual(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
  });

  it('the README command works on the bundled examples', () => {
    const r = run(['examples']);
    assert.strictEqual(r.status, 1);
    assert.match(r.stdout, /examples\/dual-stack-daemonset\.yaml:35:22 error vip-prefix-list/);
    assert.match(r.stdout, /examples\/upgraded-static-pod\.yaml:17:14 warning env-var-version/);
    assert.doesNotMatch(r.stdout, /correct-dual-stack/);
  });
});

describe('CLI configuration file', function () {
  this.timeout(20000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-cfg-'));
    fs.mkdirSync(path.join(dir, 'team', 'apps'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'team', 'apps', 'latest.yaml'), dualStack('ghcr.io/kube-vip/kube-vip:latest', [{ name: 'vip_cidr', raw: '"32"' }]));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is found upward from the linted file and applies version and severities', () => {
    assert.match(run([dir]).stdout, /warning env-var-version/);
    fs.writeFileSync(path.join(dir, 'team', '.kube-vip-lint.yaml'), 'kubeVipVersion: v0.9.1\nrules:\n  env-var-version: error\n');
    const r = run([dir]);
    assert.strictEqual(r.status, 1);
    assert.match(r.stdout, /error env-var-version .*on v0\.9\.1 \(assumed/);
  });

  it('command-line options win over the file, and --no-config ignores it', () => {
    fs.writeFileSync(path.join(dir, '.kube-vip-lint.yml'), 'rules:\n  env-var-version: error\n');
    assert.strictEqual(run(['--rule', 'env-var-version=off', dir]).stdout, '');
    assert.match(run(['--no-config', dir]).stdout, /warning env-var-version/);
  });

  it('an invalid file is a usage error (exit 2) naming the file', () => {
    fs.writeFileSync(path.join(dir, '.kube-vip-lint.yaml'), 'rules:\n  no-such-rule: error\n  env-var-version: loud\n');
    const r = run([dir]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /\.kube-vip-lint\.yaml: unknown rule "no-such-rule"; rule "env-var-version": severity must be one of/);
  });

  it('rejects a malformed --kube-vip-version', () => {
    const r = run(['--kube-vip-version', 'latest', dir]);
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /--kube-vip-version takes a version such as v0\.8\.9/);
  });
});

describe('CLI directory walking', function () {
  this.timeout(20000);
  it('does not follow symlinks found inside a directory (they may lead out of the workspace)', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-outside-'));
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-ws-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.yaml'), dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]));
      fs.symlinkSync(outside, path.join(workspace, 'linked-dir'));
      fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(workspace, 'linked.yaml'));
      fs.writeFileSync(path.join(workspace, 'ok.yaml'), 'kind: ConfigMap\n');
      const r = run([workspace]);
      assert.strictEqual(r.status, 0);
      assert.strictEqual(r.stdout, '');
      assert.match(r.stderr, /^1 file\(s\) checked/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(workspace, { recursive: true, force: true });
    }
  });
});
