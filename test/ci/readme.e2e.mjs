#!/usr/bin/env node
// Follows the README's CI section word for word, as a user would: the stdin commands (helm template … |
// npx kube-vip-lint …, kustomize build … | npx kube-vip-lint -) and both pre-commit setups (the hook
// from kube-vip-lint's repository, and a local hook over the devDependency), then `pre-commit install`
// and real commits that the hook stops and lets through.
//
// What it cannot take literally, and why: helm and kustomize are not Debian packages and CI has no
// network beyond npm and Debian, so stand-ins on PATH check the exact arguments the README passes and
// print a rendered stream; the remote hook's `repo:` URL is replaced by a local clone of this
// repository's HEAD, tagged with the README's `rev:` (uncommitted changes are not in it).
//
// Setup: git and pre-commit (Debian packages; npm run test:readme installs them). Prints
// "e2e: N passed, N failed" last and exits 1 when anything failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-vip-lint-readme-'));
const results = [];

async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name}\n      ${String(e.message).split('\n').join('\n      ')}`);
  }
}
function assert(ok, message) {
  if (!ok) throw new Error(message);
}
function sh(command, { cwd, env = {}, input } = {}) {
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', command], { cwd, input, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 600_000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, stdout: r.stdout ?? '' };
}
function must(command, options) {
  const r = sh(command, options);
  if (r.status !== 0) throw new Error(`${command} exited ${r.status}:\n${r.out.slice(-3000)}`);
  return r;
}

// ---------------------------------------------------------------------------------------------------
// The README's CI section: from "## CLI" to the next "## " heading, and its fenced blocks.
const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const section = /^## CLI\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
const blocks = [...section.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], text: m[2] }));
const stdinBlock = blocks.find((b) => b.lang === 'sh' && /\| npx kube-vip-lint .*-$/m.test(b.text));
const remoteHook = blocks.find((b) => b.lang === 'yaml' && b.text.startsWith('# .pre-commit-config.yaml') && /^\s+rev: /m.test(b.text));
const localHook = blocks.find((b) => b.lang === 'yaml' && b.text.startsWith('# .pre-commit-config.yaml') && /repo: local/.test(b.text));
const installBlock = blocks.find((b) => b.lang === 'sh' && /^pre-commit install/m.test(b.text));

// The rendered stream the stand-ins print: a ServiceAccount, then the seed crash (v0.8.9, vip_cidr "128",
// an IPv4 LoadBalancer Service), so that positions must refer to the stream, not to one document.
const RENDERED = `---
# Source: kube-vip/templates/serviceaccount.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: kube-vip
  namespace: kube-system
---
# Source: kube-vip/templates/daemonset.yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-vip
  namespace: kube-system
spec:
  selector:
    matchLabels: {app: kube-vip}
  template:
    metadata:
      labels: {app: kube-vip}
    spec:
      hostNetwork: true
      serviceAccountName: kube-vip
      containers:
      - name: kube-vip
        image: ghcr.io/kube-vip/kube-vip:v0.8.9
        args: ["manager"]
        env:
        - name: vip_arp
          value: "true"
        - name: svc_enable
          value: "true"
        - name: vip_cidr
          value: "128"
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: LoadBalancer
  loadBalancerIP: 192.168.0.50
  ports:
  - port: 80
`;
const lines = RENDERED.split('\n');
const BAD_LINE = lines.findIndex((l) => l.endsWith('value: "128"')) + 1;
const BAD_COLUMN = lines[BAD_LINE - 1].indexOf('"128"') + 1;

/** A stand-in for helm or kustomize: prints RENDERED when called with exactly the README's arguments. */
function standIn(bin, name, args, needsFile) {
  const file = path.join(bin, name);
  const expected = args.join(' ');
  fs.writeFileSync(
    file,
    `#!/bin/sh\n# stand-in for ${name} (not a Debian package; no network in CI)\n` +
      `if [ "$*" != ${JSON.stringify(expected)} ]; then echo "${name} stand-in: unexpected arguments: $*" >&2; exit 64; fi\n` +
      (needsFile ? `[ -f ${needsFile} ] || { echo "${name} stand-in: ${needsFile} not found" >&2; exit 66; }\n` : '') +
      `cat <<'RENDERED'\n${RENDERED}RENDERED\n`,
  );
  fs.chmodSync(file, 0o755);
}

function writeConsumer(dir) {
  fs.mkdirSync(dir, { recursive: true });
  must('git init -q && git config user.email ci@example.invalid && git config user.name CI && git config commit.gpgsign false', { cwd: dir });
}

const BAD_MANIFEST = RENDERED.split('---\n')[2];

async function main() {
  console.log(`README CI section, word for word (in ${tmp})`);
  await test('the README has the stdin commands, both pre-commit setups and pre-commit install', () => {
    assert(stdinBlock, 'no ```sh block with "| npx kube-vip-lint … -" in the CLI section');
    assert(remoteHook, 'no ```yaml block "# .pre-commit-config.yaml" with rev:');
    assert(localHook, 'no ```yaml block "# .pre-commit-config.yaml" with repo: local');
    assert(installBlock, 'no ```sh block with pre-commit install');
  });
  if (results.some((r) => !r.ok)) return;

  // kube-vip-lint as a devDependency of a user's repository: the package npm would install.
  const consumer = path.join(tmp, 'consumer');
  await test('a repository with kube-vip-lint as a devDependency (npm pack, then npm install)', () => {
    const packed = must(`npm pack --silent --pack-destination ${JSON.stringify(tmp)}`, { cwd: repoRoot }).stdout.trim().split('\n').pop();
    writeConsumer(consumer);
    fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ private: true, devDependencies: { 'kube-vip-lint': `file:${path.join(tmp, packed)}` } }, null, 2));
    must('npm install --no-audit --no-fund --loglevel=error', { cwd: consumer });
    must('git add package.json package-lock.json && git commit -qm deps', { cwd: consumer });
    assert(fs.existsSync(path.join(consumer, 'node_modules', '.bin', 'kube-vip-lint')), 'no kube-vip-lint command after npm install');
  });

  // The stdin commands, each line as written, with helm and kustomize stand-ins on PATH.
  const bin = path.join(tmp, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  const commands = stdinBlock.text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  for (const command of commands) {
    await test(`stdin: ${command}`, () => {
      const tool = command.split(' ')[0];
      const producer = command.split('|')[0].trim().split(/\s+/);
      const valuesFile = producer.includes('-f') ? producer[producer.indexOf('-f') + 1] : undefined;
      standIn(bin, tool, producer.slice(1), valuesFile);
      if (valuesFile) fs.writeFileSync(path.join(consumer, valuesFile), 'image:\n  tag: v0.8.9\n');
      if (producer.includes('overlays/prod')) fs.mkdirSync(path.join(consumer, 'overlays', 'prod'), { recursive: true });
      const r = sh(command, { cwd: consumer, env: { PATH: `${bin}:${process.env.PATH}` } });
      assert(r.status === 1, `exit ${r.status}, expected 1 (errors found):\n${r.out}`);
      const name = /--stdin-filename (\S+)/.exec(command)?.[1] ?? '<stdin>';
      const row = `${name}:${BAD_LINE}:${BAD_COLUMN} error `;
      assert(r.out.split('\n').some((l) => l.startsWith(row) && /vip-prefix-list|service-prefix/.test(l)), `no row starting "${row}" (the "128" in the rendered stream):\n${r.out}`);
    });
  }

  // pre-commit with the hook from kube-vip-lint's repository.
  const hookRepo = path.join(tmp, 'kube-vip-lint.git');
  const rev = /^\s+rev: (\S+)/m.exec(remoteHook.text)[1];
  const remote = path.join(tmp, 'remote');
  const preCommitEnv = { PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-cache') };
  await test(`pre-commit, the hook from the repository (${rev}): install, a bad commit is stopped, the fixed one passes`, () => {
    must(`git clone -q ${JSON.stringify(repoRoot)} ${JSON.stringify(hookRepo)} && git -C ${JSON.stringify(hookRepo)} tag ${rev}`);
    writeConsumer(remote);
    fs.writeFileSync(path.join(remote, '.pre-commit-config.yaml'), remoteHook.text.replace(/^(\s+- repo: )\S+/m, `$1${hookRepo}`));
    commitFlow(remote, preCommitEnv);
  });

  // pre-commit with the local hook over the devDependency.
  await test('pre-commit, the local hook over the devDependency: install, a bad commit is stopped, the fixed one passes', () => {
    fs.writeFileSync(path.join(consumer, '.pre-commit-config.yaml'), localHook.text);
    commitFlow(consumer, preCommitEnv);
  });
}

/** The README's `pre-commit install`, then a commit with the seed crash (stopped) and with the fix (passes). */
function commitFlow(dir, env) {
  for (const line of installBlock.text.split('\n').filter((l) => l.trim())) must(line, { cwd: dir, env });
  must('git add .pre-commit-config.yaml && git commit -qm "pre-commit config" --no-verify', { cwd: dir });
  fs.mkdirSync(path.join(dir, 'deploy'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'deploy', 'kube-vip.yaml'), BAD_MANIFEST);
  must('git add deploy/kube-vip.yaml', { cwd: dir });
  const stopped = sh('git commit -m "kube-vip"', { cwd: dir, env });
  assert(stopped.status !== 0, `the commit with vip_cidr "128" went through:\n${stopped.out}`);
  const row = `deploy/kube-vip.yaml:${BAD_MANIFEST.split('\n').findIndex((l) => l.endsWith('value: "128"')) + 1}:`;
  assert(stopped.out.includes(row) && /error vip-prefix-list/.test(stopped.out), `the hook output has no vip-prefix-list error at ${row}:\n${stopped.out.slice(-3000)}`);
  fs.writeFileSync(path.join(dir, 'deploy', 'kube-vip.yaml'), BAD_MANIFEST.replace('value: "128"', 'value: "32,128"'));
  must('git add deploy/kube-vip.yaml', { cwd: dir });
  const passed = sh('git commit -m "kube-vip, fixed"', { cwd: dir, env });
  assert(passed.status === 0, `the fixed commit was stopped:\n${passed.out.slice(-3000)}`);
  assert(/kube-vip-lint\.*Passed/.test(passed.out), `pre-commit did not report the hook as passed:\n${passed.out}`);
}

try {
  await main();
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const failed = results.filter((r) => !r.ok).length;
console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
