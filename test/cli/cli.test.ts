import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
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
    assert.match(lines[0], new RegExp(`^${path.join(dir, 'nested', 'bad.yaml')}:28:18 error vip-prefix-list vip_cidr "128" has no IPv4 prefix: v0\\.8\\.9 panics on IPv4 Services\\. Use "32,128"\\.$`, 'm'));
    assert.match(lines[1], new RegExp(`^${path.join(dir, 'old.yml')}:27:17 warning env-var-version vip_cidr is not read by v0\\.9\\.0\\+: v0\\.9\\.1 ignores it\\. Rename it to vip_subnet\\.$`, 'm'));
    assert.match(r.stderr, /3 file\(s\) checked: 1 error\(s\), 1 other finding\(s\)/);
  });

  it('--format json prints 1-based ranges', () => {
    const r = run(['--format', 'json', path.join(dir, 'nested')]);
    assert.strictEqual(r.status, 1);
    const rows = JSON.parse(r.stdout);
    assert.deepStrictEqual(Object.keys(rows[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'messageId', 'message', 'detail']);
    assert.ok(rows[0].message.length <= 120 && rows[0].detail.length > 0, 'the headline, then the detail');
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
    assert.match(run([path.join(dir, 'latest.yaml')]).stdout, /v1\.2\.3 \(assumed\)/);
  });

  it('exit 2 with a clear message on bad usage or unreadable input', () => {
    for (const [args, message] of [
      [[], /no paths given/],
      [['--format', 'xml', dir], /--format must be text, json, github or sarif/],
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
    // The seed crash, across files: the DaemonSet's vip_cidr and the IPv4 Service beside it.
    assert.match(r.stdout, /^examples\/seed-crash\/dual-stack-daemonset\.yaml:35:22 error service-prefix vip_cidr "128" has no IPv4 prefix: v0\.8\.9 panics on IPv4 Service shop\/web\. Use "32,128"\.$/m);
    assert.match(r.stdout, /^ {2}examples\/seed-crash\/web-service\.yaml:10:19 IPv4 Service shop\/web/m);
    assert.match(r.stdout, /^examples\/seed-crash\/web-service\.yaml:10:19 error service-prefix This IPv4 Service crashes kube-vip v0\.8\.9: its vip_cidr "128" has no IPv4 prefix\. Set it to "32,128" there\.$/m);
    assert.match(r.stdout, /^examples\/upgrade\/upgraded-static-pod\.yaml:17:14 warning env-var-version/m);
    assert.doesNotMatch(r.stdout, /correct-dual-stack/);
    assert.match(r.stderr, /^4 file\(s\) checked: 2 error\(s\), 1 other finding\(s\); 3 kube-vip configuration\(s\) checked$/m);
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

  it('--print-config shows the settings a file is linted with: the file that applies, then the options', () => {
    fs.writeFileSync(path.join(dir, 'team', '.kube-vip-lint.yaml'), 'kubeVipVersion: v0.9.1\nrules:\n  env-var-version: error\n');
    const r = run(['--print-config', path.join(dir, 'team', 'apps', 'latest.yaml'), '--rule', 'vip-prefix-list=off']);
    assert.strictEqual(r.status, 0, r.stderr);
    const shown = JSON.parse(r.stdout);
    assert.strictEqual(path.resolve(ROOT, shown.configFile), path.join(dir, 'team', '.kube-vip-lint.yaml'));
    assert.strictEqual(shown.kubeVipVersion, 'v0.9.1');
    assert.deepStrictEqual(shown.rules, { 'env-var-version': 'error', 'vip-prefix-list': 'off' });
    const none = JSON.parse(run(['--print-config', path.join(dir, 'team', 'apps', 'latest.yaml'), '--no-config']).stdout);
    assert.deepStrictEqual([none.configFile, none.kubeVipVersion, none.rules], [null, null, {}]);
  });

  it('is found upward from the linted file and applies version and severities', () => {
    assert.match(run([dir]).stdout, /warning env-var-version/);
    fs.writeFileSync(path.join(dir, 'team', '.kube-vip-lint.yaml'), 'kubeVipVersion: v0.9.1\nrules:\n  env-var-version: error\n');
    const r = run([dir]);
    assert.strictEqual(r.status, 1);
    assert.match(r.stdout, /error env-var-version vip_cidr is not read by v0\.9\.0\+: v0\.9\.1 ignores it/);
    const [row] = JSON.parse(run(['--format', 'json', dir]).stdout);
    assert.match(row.detail, /Checked as v0\.9\.1 \(from the kubeVipVersion setting\)\./);
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

describe('CLI file kinds (--ext)', function () {
  this.timeout(20000);
  let dir: string;
  const bad = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-ext-'));
    // The same broken DaemonSet as JSON, as Jinja and Go templates, and in a markdown fence.
    fs.writeFileSync(path.join(dir, 'ds.json'), `${JSON.stringify(parseYaml(bad), null, 2)}\n`);
    fs.writeFileSync(path.join(dir, 'kube-vip.yaml.j2'), bad);
    fs.writeFileSync(path.join(dir, 'vip.j2'), bad);
    fs.writeFileSync(path.join(dir, 'ds.yaml.tmpl'), bad);
    fs.writeFileSync(path.join(dir, 'ds.tpl'), bad);
    fs.writeFileSync(path.join(dir, 'README.md'), `# kube-vip\n\nApply this:\n\n\`\`\`yaml\n${bad}\`\`\`\n`);
    fs.writeFileSync(path.join(dir, 'notes.txt'), bad);
    fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'ds.yaml'), bad);
    fs.mkdirSync(path.join(dir, '.git'));
    fs.writeFileSync(path.join(dir, '.git', 'ds.yaml'), bad);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('searches directories for YAML, JSON, Jinja, Go template and markdown files, skipping node_modules and .git', () => {
    const r = run([dir]);
    assert.strictEqual(r.status, 1, r.stderr);
    const files = r.stdout.trim().split('\n').map((l) => path.relative(dir, l.split(':')[0]));
    assert.deepStrictEqual(files, ['ds.json', 'ds.tpl', 'ds.yaml.tmpl', 'kube-vip.yaml.j2', 'README.md', 'vip.j2']);
    assert.match(r.stdout, /README\.md:33:18 error vip-prefix-list /, 'markdown positions are in the .md file');
    assert.match(r.stdout, /ds\.json:\d+:\d+ error vip-prefix-list /);
    assert.match(r.stderr, /^6 file\(s\) checked: 6 error\(s\), 0 other finding\(s\); 6 kube-vip configuration\(s\) checked\n$/);
  });

  it('--ext replaces the list (comma-separated or repeated, with or without the dot)', () => {
    const r = run(['--ext', 'md', '--ext=.json,tpl', dir]);
    assert.strictEqual(r.status, 1);
    assert.deepStrictEqual(
      r.stdout.trim().split('\n').map((l) => path.basename(l.split(':')[0])),
      ['ds.json', 'ds.tpl', 'README.md'],
    );
    assert.match(run(['--ext', 'txt', dir]).stdout, /notes\.txt:28:18 error vip-prefix-list/);
    // A file named on the command line is linted whatever its ending.
    assert.match(run(['--ext', 'md', path.join(dir, 'notes.txt')]).stdout, /notes\.txt:28:18 error/);
    const badExt = run(['--ext', 'y ml', dir]);
    assert.strictEqual(badExt.status, 2);
    assert.match(badExt.stderr, /--ext takes file endings such as yaml,yml,md, not "y ml"/);
  });

  it('the usage documents --ext and the default list', () => {
    const r = run(['--help']);
    assert.strictEqual(r.status, 0);
    assert.match(r.stdout, /--ext <list>/);
    assert.match(r.stdout, /\.yaml, \.yml, \.json, \.j2, \.tmpl, \.tpl, \.md/);
  });
});

describe('CLI never silent: what was checked, and what was not', function () {
  this.timeout(20000);
  let dir: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-cover-'));
    write('good.yaml', dualStack('ghcr.io/kube-vip/kube-vip:v1.2.3', [{ name: 'vip_subnet', raw: '"32,128"' }]));
    // Ansible role: the image names no version.
    write('roles/kube-vip/templates/kube-vip.yaml.j2', dualStack('{{ kube_vip_image }}:{{ kube_vip_tag }}', [{ name: 'vip_subnet', raw: '"32"' }]));
    // A document that configures kube-vip but does not parse (a stray flow mapping).
    write('broken.yaml', dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_interface', raw: 'eth0' }]).replace('value: eth0', 'value: {eth0'));
    // Docs that apply a manifest from a shell heredoc: kube-vip is configured there, but in no YAML the linter reads.
    write(
      'docs/install.md',
      '# Install\n\n```bash\ncat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: kube-vip\n    image: ghcr.io/kube-vip/kube-vip:v0.8.9\nEOF\n```\n',
    );
    // Merely named kube-vip: RBAC, the cloud provider (not kube-vip), the kustomization itself. Not reported.
    write(
      'cloud-provider.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kube-vip-cloud-provider\nspec:\n  template:\n    spec:\n      containers:\n      - name: kube-vip-cloud-provider\n        image: ghcr.io/kube-vip/kube-vip-cloud-provider:v0.0.10\n',
    );
    write('rbac.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: kube-vip\n  namespace: kube-system\n');
    write('kustomization.yaml', 'resources: [good.yaml, rbac.yaml]\nimages:\n- name: ghcr.io/kube-vip/kube-vip\n  newTag: v1.2.3\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the summary counts kube-vip configurations and lists, per file, what could not be checked and why; the exit code is unchanged', () => {
    const r = run([dir]);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(r.stdout, '', 'not-checked rows are not findings on stdout');
    const lines = r.stderr.trimEnd().split('\n');
    assert.strictEqual(lines[0], '7 file(s) checked: 0 error(s), 0 other finding(s); 2 kube-vip configuration(s) checked');
    assert.strictEqual(lines[1], 'Not checked, or only in part, in 3 file(s):');
    const listed = lines.slice(2);
    assert.strictEqual(listed.length, 3, r.stderr);
    assert.match(listed[0], new RegExp(`^  ${path.join(dir, 'broken.yaml')}:\\d+:\\d+ .*does not parse`));
    assert.match(listed[1], new RegExp(`^  ${path.join(dir, 'docs', 'install.md')}:1:1 This file mentions kube-vip, but kube-vip-lint recognised no kube-vip configuration in it: nothing was checked\\.$`));
    assert.match(listed[2], new RegExp(`^  ${path.join(dir, 'roles', 'kube-vip', 'templates', 'kube-vip.yaml.j2')}:16:16 .*templated.*assum`, 'i'));
    assert.doesNotMatch(r.stderr, /rbac\.yaml|cloud-provider\.yaml|kustomization\.yaml|good\.yaml/);
  });

  it('--format json keeps an array of finding rows and carries not-checked rows (rule, messageId, position); the summary goes to stderr', () => {
    const r = run(['--format', 'json', dir]);
    assert.strictEqual(r.status, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.ok(Array.isArray(rows));
    for (const row of rows) assert.deepStrictEqual(Object.keys(row).filter((k) => k !== 'detail'), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'messageId', 'message']);
    assert.deepStrictEqual(
      rows.map((row) => [path.relative(dir, String(row.file)), row.severity, row.rule, row.messageId]),
      [
        ['broken.yaml', 'info', 'not-checked', 'unparsable'],
        [path.join('docs', 'install.md'), 'info', 'not-checked', 'no-configuration'],
        [path.join('roles', 'kube-vip', 'templates', 'kube-vip.yaml.j2'), 'info', 'not-checked', 'templated-image'],
      ],
    );
    assert.deepStrictEqual([rows[2].line, rows[2].column, rows[2].endLine], [16, 16, 16]);
    assert.match(r.stderr, /^7 file\(s\) checked: 0 error\(s\), 0 other finding\(s\); 2 kube-vip configuration\(s\) checked\nNot checked/);
  });

  it('not-checked never changes the exit code, and can be turned off like a rule', () => {
    write('bad.yaml', dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]));
    const r = run(['--rule', 'not-checked=error', dir]);
    assert.strictEqual(r.status, 1, 'the vip_cidr error, and only it, fails the run');
    fs.rmSync(path.join(dir, 'bad.yaml'));
    assert.strictEqual(run(['--rule', 'not-checked=error', dir]).status, 0);
    const off = run(['--format', 'json', '--rule', 'not-checked=off', dir]);
    assert.deepStrictEqual(JSON.parse(off.stdout), []);
    assert.strictEqual(off.stderr, '7 file(s) checked: 0 error(s), 0 other finding(s); 2 kube-vip configuration(s) checked\n');
  });

  it('a big file found in a directory that never names kube-vip is not reported as too large; a named one still is', () => {
    write('.kube-vip-lint.yaml', 'maxFileSize: 2000\n');
    write('package-lock.json', `{"lockfileVersion": 3, "packages": {"": {"name": "${'x'.repeat(3000)}"}}}\n`);
    write('big.yaml', `${dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }])}#${'x'.repeat(3000)}\n`);
    const r = run(['--format', 'json', dir]);
    const tooLarge = (JSON.parse(r.stdout) as { file: string; rule: string }[]).filter((row) => row.rule === 'file-too-large').map((row) => path.basename(row.file));
    assert.deepStrictEqual(tooLarge, ['big.yaml']);
    assert.match(r.stderr, /big\.yaml:1:1 kube-vip-lint skipped this file/);
    const named = JSON.parse(run(['--format', 'json', path.join(dir, 'package-lock.json')]).stdout) as { rule: string }[];
    assert.deepStrictEqual(named.map((row) => row.rule), ['file-too-large']);
  });
});

describe('CLI and kustomize', function () {
  this.timeout(20000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-kustomize-'));
    fs.mkdirSync(path.join(dir, 'apps', 'kube-vip'), { recursive: true });
    // The manifest carries no tag: kustomize sets it (a common GitOps layout).
    fs.writeFileSync(path.join(dir, 'apps', 'kube-vip', 'daemonset.yaml'), dualStack('ghcr.io/kube-vip/kube-vip', [{ name: 'vip_cidr', raw: '"128"' }]));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a kustomization's images: newTag gives the version, and so the finding", () => {
    const before = run([dir]);
    assert.strictEqual(before.status, 0, before.stderr);
    assert.match(before.stdout, /warning env-var-version vip_cidr is not read by v0\.9\.0\+: v1\.2\.3 \(assumed\) ignores it/);
    fs.writeFileSync(
      path.join(dir, 'apps', 'kube-vip', 'kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./daemonset.yaml\nimages:\n  - name: ghcr.io/kube-vip/kube-vip\n    newTag: v0.8.9\n',
    );
    const after = run([dir]);
    assert.strictEqual(after.status, 1, after.stderr);
    assert.match(after.stdout, /daemonset\.yaml:28:18 error vip-prefix-list vip_cidr "128" has no IPv4 prefix: v0\.8\.9 panics on IPv4 Services\. Use "32,128"\./);
    assert.match(JSON.parse(run(['--format', 'json', dir]).stdout).find((row: { rule: string }) => row.rule === 'vip-prefix-list').detail, /Checked as v0\.8\.9 \(from kustomization\.yaml\)\./);
    assert.doesNotMatch(after.stdout, /assumed/);
    // An overlay one folder up that includes the folder wins, as in `kustomize build`.
    fs.writeFileSync(path.join(dir, 'apps', 'kustomization.yaml'), 'resources:\n  - kube-vip\nimages:\n  - name: ghcr.io/kube-vip/kube-vip\n    newTag: v0.9.2\n');
    const overlay = run([dir]);
    assert.strictEqual(overlay.status, 0, overlay.stderr);
    assert.match(overlay.stdout, /warning env-var-version vip_cidr is not read by v0\.9\.0\+: v0\.9\.2 ignores it/);
    assert.match(JSON.parse(run(['--format', 'json', dir]).stdout)[0].detail, /Checked as v0\.9\.2 \(from kustomization\.yaml\)\./);
  });
});

describe('CLI in CI (issue 10): stdin, GitHub annotations, thresholds', function () {
  this.timeout(20000);
  const bad = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128"' }]);
  const warning = dualStack('ghcr.io/kube-vip/kube-vip:v0.9.1', [{ name: 'vip_cidr', raw: '"32"' }]);
  const stdin = (args: string[], input: string) => spawnSync(CLI, args, { cwd: ROOT, encoding: 'utf8', timeout: 20000, input });

  it('"-" reads standard input, positions refer to the stream, --stdin-filename names it', () => {
    const stream = `---\n# rendered by helm template\n${bad}`;
    const r = stdin(['--stdin-filename', 'chart/rendered.yaml', '-'], stream);
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stdout, /^chart\/rendered\.yaml:30:18 error vip-prefix-list /m);
    assert.strictEqual(stream.split('\n')[29].slice(17, 22), '"128"');
    assert.match(stdin(['-'], bad).stdout, /^<stdin>:28:18 error vip-prefix-list /m);
  });

  it('--format github prints workflow commands, escaped', () => {
    const r = stdin(['--format', 'github', '--stdin-filename', 'k8s/kube-vip.yaml', '-'], bad);
    const [line] = r.stdout.trim().split('\n');
    assert.match(line, /^::error file=k8s\/kube-vip\.yaml,line=28,col=18,endLine=28,endColumn=23,title=kube-vip-lint vip-prefix-list::vip_cidr "128" has no IPv4 prefix: v0\.8\.9 panics on IPv4 Services\. Use "32,128"\.%0AThe first entry is an IPv6-sized prefix/);
    assert.doesNotMatch(line.slice(line.indexOf('::', 2)), /\n/);
    const w = stdin(['--format', 'github', '-'], warning).stdout;
    assert.match(w, /^::warning file=<stdin>,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=kube-vip-lint env-var-version::/m);
  });

  it('--quiet reports errors only; --max-warnings turns too many warnings into exit code 1', () => {
    assert.strictEqual(stdin(['--quiet', '-'], warning).stdout, '');
    assert.strictEqual(stdin(['--quiet', '-'], warning).status, 0);
    assert.strictEqual(stdin(['-'], warning).status, 0);
    assert.strictEqual(stdin(['--max-warnings', '1', '-'], warning).status, 0);
    const over = stdin(['--max-warnings', '0', '-'], warning);
    assert.strictEqual(over.status, 1);
    assert.match(over.stderr, /1 warning\(s\), more than --max-warnings 0/);
    assert.strictEqual(stdin(['--max-warnings', 'x', '-'], warning).status, 2);
  });
});

describe('CLI --fix and --fix-dry-run (issue 10)', function () {
  this.timeout(20000);
  let dir: string;
  const broken = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"128" # dual-stack' }]);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-fix-'));
    fs.writeFileSync(path.join(dir, 'kube-vip.yaml'), broken);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--fix-dry-run prints a unified diff of the one changed line and writes nothing', () => {
    const r = run(['--fix-dry-run', 'kube-vip.yaml'], dir);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'kube-vip.yaml'), 'utf8'), broken);
    const line = broken.split('\n').findIndex((l) => l.includes('"128"')) + 1;
    const context = Math.min(3, broken.split('\n').length - 1 - line); // lines after it, before the end
    assert.ok(r.stdout.startsWith(`--- a/kube-vip.yaml\n+++ b/kube-vip.yaml\n@@ -${line - 3},${4 + context} +${line - 3},${4 + context} @@\n`), r.stdout);
    assert.deepStrictEqual(r.stdout.split('\n').filter((l) => /^[-+] /.test(l)), ['-          value: "128" # dual-stack', '+          value: "32,128" # dual-stack']);
    assert.strictEqual(r.status, 0, 'nothing is left once fixed');
  });
  it('--fix writes only the preferred fixes, says what it changed, and is idempotent', () => {
    const r = run(['--fix', 'kube-vip.yaml'], dir);
    assert.strictEqual(r.status, 0, r.stderr);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'kube-vip.yaml'), 'utf8'), broken.replace('"128" # dual-stack', '"32,128" # dual-stack'));
    assert.match(r.stderr, /fixed kube-vip\.yaml: 1 problem\(s\) \(vip-prefix-list\)/);
    const again = run(['--fix', 'kube-vip.yaml'], dir);
    assert.doesNotMatch(again.stderr, /fixed/);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'kube-vip.yaml'), 'utf8'), broken.replace('"128" # dual-stack', '"32,128" # dual-stack'));
  });
  it('--fix refuses standard input; --fix-dry-run only with the text format', () => {
    assert.strictEqual(run(['--fix', '-'], dir).status, 2);
    assert.strictEqual(run(['--fix-dry-run', '--format', 'json', 'kube-vip.yaml'], dir).status, 2);
  });
});

describe('CLI --report-unused-disable-directives (issue 10)', function () {
  this.timeout(20000);
  const text = dualStack('ghcr.io/kube-vip/kube-vip:v0.8.9', [{ name: 'vip_cidr', raw: '"32,128" # kube-vip-lint-disable-line vip-prefix-list' }]);
  const stdin = (args: string[]) => spawnSync(CLI, args, { cwd: ROOT, encoding: 'utf8', timeout: 20000, input: text });
  it('reports a directive that silences nothing only when asked; an unknown id always', () => {
    assert.strictEqual(stdin(['-']).stdout, '');
    assert.match(stdin(['--report-unused-disable-directives', '-']).stdout, /^<stdin>:\d+:\d+ warning disable-directive Unused kube-vip-lint-disable-line directive: no vip-prefix-list problem on that line/m);
    const unknown = spawnSync(CLI, ['-'], { cwd: ROOT, encoding: 'utf8', timeout: 20000, input: text.replace('disable-line vip-prefix-list', 'disable-line vip-prefix') });
    assert.match(unknown.stdout, /warning disable-directive kube-vip-lint has no rule "vip-prefix"/);
  });
});
