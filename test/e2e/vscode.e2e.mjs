#!/usr/bin/env node
// End-to-end test of the packaged extension in a real VS Code: code-server (VS Code 1.100.3) served on
// 127.0.0.1 and driven in Debian's headless Chromium through playwright-core.
//
// It opens a kube-vip DaemonSet whose vip_cidr is "128" (an IPv6-only prefix on an IPv4 address) and
// checks what a person would see: (a) the error squiggle and the Problems row, (b) the hover on the env
// var name, (c) the quick fix "Set vip_cidr to "32,128"" chosen from Ctrl+. and saved, changing that one
// line on disk and clearing the error. Then (d) a Helm chart template (VS Code without the Helm extension
// calls templates/*.yaml "yaml") and (e) a markdown README with a ```yaml fence: their kube-vip findings
// appear as squiggles and Problems rows, and the templated image as a not-checked information row.
// (a2) unopened workspace files are in the Problems panel; (f) the Show Output and Restart Server commands;
// (g) Lint Workspace with the CLI, read by the contributed problem matcher; (h) the rule docs link opens a
// rendered, read-only page; (i) a folder's .kube-vip-lint.yaml honoured in the editor, and fix-all on save;
// (j) a killed server is restarted, with a notification; (k) Restricted Mode (workspace trust on, an
// untrusted folder): the extension still checks files.
//
// Setup first: scripts/e2e-setup.sh (installs Chromium, code-server and playwright-core in a cache).
// Usage:
//   node test/e2e/vscode.e2e.mjs [--vsix FILE] [--cache DIR] [--out DIR] [--timeout SECONDS] [--smoke] [--readme-shots DIR]
//     --vsix     the packaged extension (default: kube-vip-lint.vsix in the repo root)
//     --cache    the cache that scripts/e2e-setup.sh filled: its root or the versioned folder in it
//                (default: $E2E_CACHE or /opt/kube-vip-lint-e2e)
//     --out      where screenshots and logs go (default: .e2e in the repo root; screens/ and logs/)
//     --timeout  global limit for the whole run (default 360 s): then everything is killed, exit 1
//     --smoke    no extension: only check that the workbench renders, and take one screenshot
//     --readme-shots DIR
//                also write the extension page's screenshots there (client/images: squiggle, hover,
//                quickfix, status, rule-docs, effective-config), to refresh the images client/README.md shows
// Prints "e2e: N passed, N failed" last and exits 1 when anything failed.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cmdline, createLog, pidsOfRun } from './harness.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CODE_SERVER_VERSION = '4.100.3';

// ---------------------------------------------------------------------------------------------------
// The fixture. The vip_cidr line is the one the quick fix must change; everything else must stay
// byte-identical after the fix and save.
const FIXTURE_NAME = 'daemonset.yaml';
const BAD_LINE = '          value: "128" # dual-stack';
const FIXED_LINE = '          value: "32,128" # dual-stack';
/** The code lens over its image (issue 11): what the configuration does, as kube-vip reads it. */
const LENS = 'kube-vip v0.8.9 · ARP · control plane 192.168.0.40/128 · Services (IPv4 /128, IPv6 /128) · leader election 5/3/1 s';
/** The vip-prefix-list headline for it: the problem, what v0.8.9 does and the fix. */
const HEADLINE = 'vip_cidr "128" has no IPv4 prefix: v0.8.9 panics on IPv4 Services. Use "32,128".';
const FIXTURE = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-vip-ds
  namespace: kube-system
  labels:
    app.kubernetes.io/name: kube-vip-ds
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: kube-vip-ds
  template:
    metadata:
      labels:
        app.kubernetes.io/name: kube-vip-ds
    spec:
      hostNetwork: true
      serviceAccountName: kube-vip
      containers:
      - name: kube-vip
        image: ghcr.io/kube-vip/kube-vip:v0.8.9
        imagePullPolicy: IfNotPresent
        args:
        - manager
        env:
        - name: vip_arp
          value: "true"
        - name: vip_cidr
${BAD_LINE}
        - name: svc_enable
          value: "true"
        - name: cp_enable
          value: "true"
        - name: address
          value: 192.168.0.40
        securityContext:
          capabilities:
            add:
            - NET_ADMIN
            - NET_RAW
`;

// A Helm chart template, modelled on the kube-vip chart's DaemonSet: Go template lines that are not YAML,
// a templated image (so the version is assumed: a not-checked note) and vip_arp "yes", which kube-vip's
// strconv.ParseBool rejects whatever the version.
const HELM_NAME = 'chart/templates/daemonset.yaml';
const HELM_BAD_LINE = '              value: "yes"';
const HELM = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ include "kube-vip.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "kube-vip.labels" . | nindent 4 }}
spec:
  selector:
    matchLabels:
      {{- include "kube-vip.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "kube-vip.selectorLabels" . | nindent 8 }}
    spec:
      hostNetwork: true
      serviceAccountName: {{ include "kube-vip.serviceAccountName" . }}
      containers:
        - name: kube-vip
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          args:
            - manager
          env:
            - name: vip_arp
${HELM_BAD_LINE}
            - name: cp_enable
              value: "true"
            - name: svc_enable
              value: "true"
            - name: address
              value: {{ .Values.config.address | quote }}
            {{- with .Values.env }}
            {{- range $key, $value := . }}
            - name: {{ $key }}
              value: {{ $value | quote }}
            {{- end }}
            {{- end }}
          securityContext:
            capabilities:
              add:
                - NET_ADMIN
                - NET_RAW
`;

// A README that people copy from: prose around a \`\`\`yaml fence whose vip_cidr "128" crashes v0.8.9.
const DOC_NAME = 'docs/README.md';

// (i) A folder with its own .kube-vip-lint.yaml (invalid-bool lowered to a warning) and a DaemonSet with
// vip_arp "yes": the editor must honour the file as the CLI does, and fix-all on save must write "true".
const CONFIGURED_NAME = 'configured/kube-vip.yaml';
const CONFIGURED_CONFIG = 'configured/.kube-vip-lint.yaml';
const CONFIGURED = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-vip-configured
  namespace: kube-system
spec:
  template:
    spec:
      containers:
        - name: kube-vip
          image: ghcr.io/kube-vip/kube-vip:v1.2.3
          args: ["manager"]
          env:
            - name: vip_arp
              value: "yes" # layer 2
            - name: cp_enable
              value: "true"
            - name: address
              value: 192.168.0.41
`;
const DOC_BAD_LINE = '          value: "128"';
const DOC = `# Virtual IP for the control plane

We run kube-vip as a DaemonSet on the control-plane nodes. Apply this manifest:

\`\`\`yaml
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-vip-ds
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: kube-vip-ds
  template:
    metadata:
      labels:
        app.kubernetes.io/name: kube-vip-ds
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
        - name: vip_leaderelection
          value: "true"
        - name: cp_enable
          value: "true"
        - name: address
          value: 192.168.0.40
        - name: vip_cidr
${DOC_BAD_LINE}
\`\`\`

Then check that the address answers: \`ping 192.168.0.40\`.
`;

// ---------------------------------------------------------------------------------------------------
// Arguments
function parseArgs(argv) {
  const opts = {
    vsix: path.join(repoRoot, 'kube-vip-lint.vsix'),
    cache: process.env.E2E_CACHE || '/opt/kube-vip-lint-e2e',
    out: path.join(repoRoot, '.e2e'),
    timeout: 360,
    smoke: false,
    readmeShots: undefined,
  };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--vsix') opts.vsix = value();
    else if (a === '--cache') opts.cache = value();
    else if (a === '--out') opts.out = value();
    else if (a === '--timeout') opts.timeout = Number(value());
    else if (a === '--smoke') opts.smoke = true;
    else if (a === '--readme-shots') opts.readmeShots = path.resolve(value());
    else if (a === '-h' || a === '--help') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 20).join('\n'));
      process.exit(0);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional[0]) opts.vsix = positional[0];
  if (positional[1]) opts.cache = positional[1];
  opts.vsix = path.resolve(opts.vsix);
  opts.out = path.resolve(opts.out);
  return opts;
}

/** The folder holding node_modules/code-server: the cache root's versioned folder, or the folder itself. */
function resolveInstall(cache) {
  const has = (d) => fs.existsSync(path.join(d, 'node_modules', 'code-server', 'package.json'));
  if (has(cache)) return cache;
  const candidates = fs.existsSync(cache)
    ? fs.readdirSync(cache).filter((n) => n.startsWith(`code-server-${CODE_SERVER_VERSION}-`) && has(path.join(cache, n)))
    : [];
  const stamped = candidates.filter((n) => fs.existsSync(path.join(cache, n, '.installed'))).sort();
  const pick = stamped.at(-1) ?? candidates.sort().at(-1);
  if (!pick) throw new Error(`no code-server ${CODE_SERVER_VERSION} install in ${cache}: run scripts/e2e-setup.sh first`);
  return path.join(cache, pick);
}

// ---------------------------------------------------------------------------------------------------
// Small helpers
const { log, sleep } = createLog('e2e');

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(what, fn, { timeout = 20000, interval = 250 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await sleep(interval);
  }
}


// ---------------------------------------------------------------------------------------------------
// The run
const opts = parseArgs(process.argv.slice(2));
const screensDir = path.join(opts.out, 'screens');
const logsDir = path.join(opts.out, 'logs');
const results = [];
let codeServer; // child process (its own process group)
let browser;
let page;
let shotIndex = 0;
let cleanedUp = false;

const runRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kvl-e2e-'));
const RUN_MARKER = `KVL_E2E_RUN=${runRoot}`;
const dirs = Object.fromEntries(
  ['user-data', 'extensions', 'config', 'workspace', 'untrusted', 'home', 'tmp', 'xdg-config', 'xdg-data', 'xdg-cache', 'xdg-state', 'xdg-runtime', 'chromium-profile'].map(
    (n) => [n, path.join(runRoot, n)],
  ),
);
for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true, mode: 0o700 });

const childEnv = {
  ...process.env,
  KVL_E2E_RUN: runRoot,
  HOME: dirs.home,
  TMPDIR: dirs.tmp,
  XDG_CONFIG_HOME: dirs['xdg-config'],
  XDG_DATA_HOME: dirs['xdg-data'],
  XDG_CACHE_HOME: dirs['xdg-cache'],
  XDG_STATE_HOME: dirs['xdg-state'],
  XDG_RUNTIME_DIR: dirs['xdg-runtime'],
  EXTENSIONS_GALLERY: '{}',
  VSCODE_CLI_DISABLE_KEYCHAIN_ENCRYPT: '1',
};
// Playwright makes its own temp folders through os.tmpdir(): keep them in this run's folder too.
process.env.TMPDIR = dirs.tmp;

async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  try {
    if (browser) await Promise.race([browser.close(), sleep(5000)]);
  } catch {
    /* killed below */
  }
  if (codeServer && codeServer.exitCode === null) {
    try {
      process.kill(-codeServer.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await Promise.race([new Promise((r) => codeServer.once('exit', r)), sleep(3000)]);
  }
  // Anything of this run still alive (code-server children that left the group, Chromium helpers).
  for (let round = 0; round < 2; round++) {
    const left = pidsOfRun(RUN_MARKER);
    if (!left.length) break;
    for (const pid of left) {
      try {
        process.kill(pid, round === 0 ? 'SIGTERM' : 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await sleep(1000);
  }
  collectLogs();
  fs.rmSync(runRoot, { recursive: true, force: true, maxRetries: 3 });
}

/** Copies VS Code's logs (extension host, the extension's Output channels) to the out folder. */
function collectLogs() {
  try {
    const src = path.join(dirs['user-data'], 'logs');
    if (fs.existsSync(src)) fs.cpSync(src, path.join(logsDir, 'vscode'), { recursive: true });
  } catch (e) {
    log(`could not copy VS Code logs: ${e.message}`);
  }
}

/** Log files whose name mentions the extension (its Output channel), and the extension host log. */
function extensionLogFiles() {
  const found = [];
  const walk = (d) => {
    for (const e of fs.existsSync(d) ? fs.readdirSync(d, { withFileTypes: true }) : []) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/kube-?vip|exthost\.log$/i.test(p)) found.push(p);
    }
  };
  walk(path.join(dirs['user-data'], 'logs'));
  return found;
}

function printExtensionLogs(maxLines = 60) {
  for (const f of extensionLogFiles()) {
    const lines = fs.readFileSync(f, 'utf8').trimEnd().split('\n');
    console.log(`----- ${path.relative(dirs['user-data'], f)} (last ${Math.min(maxLines, lines.length)} of ${lines.length} lines)`);
    console.log(lines.slice(-maxLines).join('\n'));
  }
}

async function shot(name, readme) {
  if (!page) return;
  const file = path.join(screensDir, `${String(++shotIndex).padStart(2, '0')}-${name}.png`);
  try {
    await page.screenshot({ path: file, timeout: 10000 });
    log(`screenshot ${path.relative(process.cwd(), file)}`);
    // The extension page shows a few of them (client/README.md): written there on request, made
    // smaller with pngquant when it is installed (the .vsix stays under 1 MB).
    if (readme && opts.readmeShots) {
      const dest = path.join(opts.readmeShots, `${readme}.png`);
      const small = spawnSync('pngquant', ['--quality=40-70', '--force', '--output', dest, file]);
      if (small.status !== 0) fs.copyFileSync(file, dest);
    }
  } catch (e) {
    log(`screenshot ${name} failed: ${e.message}`);
  }
}

async function test(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    log(`ok - ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    // Playwright's messages carry a multi-line call log with colours: keep the first line.
    const error = String(e.message).replace(/\x1b\[[0-9;]*m/g, '').split('\n')[0];
    results.push({ name, ok: false, error });
    log(`not ok - ${name}: ${error}`);
    await shot(`FAILED-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`);
  }
}

function finish(code) {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  for (const r of results.filter((x) => !x.ok)) console.log(`  failed: ${r.name}: ${r.error}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(code ?? (failed ? 1 : 0));
}

const globalTimer = setTimeout(async () => {
  log(`global timeout of ${opts.timeout} s reached: killing code-server and Chromium`);
  results.push({ name: 'global timeout', ok: false, error: `run exceeded ${opts.timeout} s` });
  await shot('global-timeout');
  await Promise.race([cleanup(), sleep(10000)]);
  finish(1);
}, opts.timeout * 1000);

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    log(`${sig}: cleaning up`);
    await Promise.race([cleanup(), sleep(10000)]);
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------------
// Page helpers (all run in the browser)

/** Screen rectangle of `needle` inside the first editor line whose text contains `lineText`. */
/** Puts the cursor on a line of the active editor (Ctrl+G), which scrolls it into view. */
async function goToLine(line) {
  const top = await textRect('apiVersion: apps/v1', 'apiVersion');
  if (top) await page.mouse.click(top.x + 2, top.y + top.height / 2);
  await page.keyboard.press('Control+G');
  await sleep(300);
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await sleep(500);
}

async function textRect(lineText, needle) {
  return page.evaluate(
    ([lineText, needle]) => {
      const lines = document.querySelectorAll('.part.editor .monaco-editor .view-lines .view-line');
      for (const line of lines) {
        const text = line.textContent.replace(/\u00a0/g, ' ');
        const at = text.indexOf(lineText);
        if (at < 0) continue;
        const start = at + lineText.indexOf(needle);
        const end = start + needle.length;
        const range = document.createRange();
        let pos = 0;
        let started = false;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const len = n.textContent.length;
          if (!started && start < pos + len) {
            range.setStart(n, start - pos);
            started = true;
          }
          if (started && end <= pos + len) {
            range.setEnd(n, end - pos);
            const r = range.getBoundingClientRect();
            const l = line.getBoundingClientRect();
            return { x: r.left, y: l.top, width: r.width, height: l.height };
          }
          pos += len;
        }
      }
      return null;
    },
    [lineText, needle],
  );
}

/** Rectangles of the error (or info, ...) squiggles in the editor. */
async function errorSquiggles(kind = 'error') {
  return page.evaluate(
    (kind) =>
      [...document.querySelectorAll(`.part.editor .view-overlays [class*="squiggly-${kind}"]`)].map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.left, y: r.top, width: r.width, height: r.height };
      }),
    kind,
  );
}

/** Squiggles of `kind` that overlap `needle` on the editor line holding `lineText`, once there are any. */
async function squigglesOn(lineText, needle, kind = 'error') {
  const target = await textRect(lineText, needle);
  if (!target) throw new Error(`could not find ${JSON.stringify(needle)} in the editor`);
  const squiggles = await errorSquiggles(kind);
  return squiggles.filter(
    (s) => s.y + s.height / 2 >= target.y && s.y + s.height / 2 <= target.y + target.height && s.x < target.x + target.width && s.x + s.width > target.x,
  );
}

/** Opens a workspace file through Quick Open (F1 without ">") and waits until the editor shows `marker`. */
async function openFile(relative, marker) {
  const base = path.basename(relative);
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(relative);
  await waitFor(`Quick Open to list ${relative}`, async () => {
    const rows = await page.evaluate(() => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => r.getAttribute('aria-label') || r.innerText));
    return rows.length && rows[0].replace(/\s+/g, ' ').includes(base) ? rows : null;
  }, { timeout: 15000 });
  await page.keyboard.press('Enter');
  await waitFor(`the editor to show ${relative}`, async () => (await editorText()).includes(marker), { timeout: 15000 });
  const mode = await page.evaluate(() => document.querySelector('#status\\.editor\\.mode')?.innerText.trim() ?? '?');
  log(`${relative} is open; VS Code's language mode: ${mode}`);
}

async function editorText() {
  return page.evaluate(() =>
    [...document.querySelectorAll('.part.editor .monaco-editor .view-lines .view-line')]
      .map((l) => l.textContent.replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}

async function runCommand(label) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${label}`);
  await sleep(400);
  await page.keyboard.press('Enter');
}

async function problemRows() {
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((r) => ({
      text: r.innerText.replace(/\s+/g, ' ').trim(),
      label: r.getAttribute('aria-label') || '',
    })),
  );
  // The panel groups problems under a row per file, labelled "2 problems in file daemonset.yaml of
  // folder chart/templates": give each problem the file of its group, relative to the workspace.
  let file = '';
  return rows.map((r) => {
    const group = /problems? in file (.+) of folder (.+)$/.exec(r.label);
    if (group) {
      file = group[2] === '.' ? group[1] : `${group[2]}/${group[1]}`;
      return { ...r, header: true, file };
    }
    return { ...r, header: false, file };
  });
}

// ---------------------------------------------------------------------------------------------------
async function main() {
  fs.mkdirSync(screensDir, { recursive: true });
  fs.mkdirSync(logsDir, { recursive: true });
  for (const f of fs.readdirSync(screensDir)) if (f.endsWith('.png')) fs.rmSync(path.join(screensDir, f));
  fs.rmSync(path.join(logsDir, 'vscode'), { recursive: true, force: true });

  const install = resolveInstall(path.resolve(opts.cache));
  const codeServerBin = path.join(install, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const requireFromCache = createRequire(path.join(install, 'package.json'));
  const { chromium } = requireFromCache('playwright-core');
  log(`code-server from ${install}`);
  log(`run folder ${runRoot}`);

  if (!opts.smoke && !fs.existsSync(opts.vsix)) throw new Error(`no .vsix at ${opts.vsix} (give one with --vsix)`);

  const configFile = path.join(dirs.config, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  const commonArgs = ['--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions, '--config', configFile];

  // User settings: nothing but the editor and our extension on screen.
  fs.mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs['user-data'], 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.commandCenter.enabled': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'git.enabled': false,
        'files.autoSave': 'off',
        'editor.minimap.enabled': false,
        'editor.hover.delay': 300,
        'kubeVipLint.trace.server': 'messages',
        // (i): kube-vip-lint's preferred fixes on save, as a user turns them on.
        'editor.codeActionsOnSave': { 'source.fixAll.kube-vip-lint': 'explicit' },
      },
      null,
      2,
    ),
  );

  const fixturePath = path.join(dirs.workspace, FIXTURE_NAME);
  fs.writeFileSync(fixturePath, FIXTURE);
  for (const [name, text] of [[HELM_NAME, HELM], [DOC_NAME, DOC], [CONFIGURED_NAME, CONFIGURED], [CONFIGURED_CONFIG, 'rules:\n  invalid-bool: warning\n']]) {
    fs.mkdirSync(path.dirname(path.join(dirs.workspace, name)), { recursive: true });
    fs.writeFileSync(path.join(dirs.workspace, name), text);
  }

  if (!opts.smoke) {
    log(`installing ${opts.vsix}`);
    const r = spawnSync(process.execPath, [codeServerBin, ...commonArgs, '--install-extension', opts.vsix, '--force'], {
      env: childEnv,
      encoding: 'utf8',
      timeout: 60000,
    });
    const out = `${r.stdout}${r.stderr}`.trim();
    fs.writeFileSync(path.join(logsDir, 'install-extension.log'), out + '\n');
    if (r.status !== 0 || !/successfully installed/i.test(out)) {
      throw new Error(`--install-extension failed (exit ${r.status}): ${out}`);
    }
    log(out.split('\n').filter((l) => /install/i.test(l)).join(' | '));
  }

  const launch = async (trusted) => {
    const port = await freePort();
    const csLog = fs.openSync(path.join(logsDir, trusted ? 'code-server.log' : 'code-server-restricted.log'), 'w');
    log(`starting code-server on 127.0.0.1:${port}`);
    codeServer = spawn(
      process.execPath,
      [
        codeServerBin,
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        ...(trusted ? ['--disable-workspace-trust'] : []),
        '--disable-getting-started-override',
        '--ignore-last-opened',
        ...commonArgs,
        trusted ? dirs.workspace : dirs.untrusted,
      ],
      { env: childEnv, detached: true, stdio: ['ignore', csLog, csLog] },
    );
    codeServer.on('exit', (code, sig) => log(`code-server exited (${code ?? sig})`));

    const base = `http://127.0.0.1:${port}`;
    await waitFor('code-server /healthz', async () => (await fetch(`${base}/healthz`)).ok, { timeout: 30000 });
    log('code-server is up');
    return base;
  };
  let base = await launch(true);

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    env: { ...childEnv, HOME: dirs.home },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 30000,
  });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  const consoleLog = fs.createWriteStream(path.join(logsDir, 'browser-console.log'));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));

  await test('workbench renders', async () => {
    await page.goto(`${base}/?folder=${encodeURIComponent(dirs.workspace)}`, { timeout: 30000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 30000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 30000 });
    await sleep(1000);
    await shot('workbench');
  });
  if (opts.smoke || !results.at(-1).ok) return;

  await test('open daemonset.yaml', async () => {
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FIXTURE_NAME }).first().click();
    await waitFor('the editor to show the manifest', async () => (await editorText()).includes('kube-vip:v0.8.9'), { timeout: 15000 });
    await shot('file-open');
  });
  if (!results.at(-1).ok) return;

  // (a) squiggle on "128" and a Problems row
  await test('(a) error squiggle on "128" and Problems row from kube-vip-lint', async () => {
    const squiggles = await waitFor('an error squiggle', async () => {
      const s = await errorSquiggles();
      return s.length ? s : null;
    }, { timeout: 45000 });
    const target = await textRect(BAD_LINE.trim(), '"128"');
    if (!target) throw new Error('could not find the "128" text in the editor');
    const onTarget = squiggles.filter(
      (s) => s.y + s.height / 2 >= target.y && s.y + s.height / 2 <= target.y + target.height && s.x < target.x + target.width && s.x + s.width > target.x,
    );
    log(`squiggles: ${JSON.stringify(squiggles)}; "128" at ${JSON.stringify(target)}`);
    await shot('squiggle');
    if (!onTarget.length) throw new Error(`no error squiggle overlaps "128" (squiggles: ${JSON.stringify(squiggles)})`);

    await runCommand('workbench.actions.view.problems');
    const rows = await waitFor('a kube-vip-lint row in the Problems panel', async () => {
      const rs = await problemRows();
      return rs.some((r) => /kube-vip-lint/.test(r.text + r.label)) ? rs : null;
    }, { timeout: 15000 });
    for (const r of rows) log(`problems row: ${r.text}  [aria-label: ${r.label}]`);
    await shot('problems', 'squiggle');
    const ours = rows.filter((r) => /kube-vip-lint/.test(r.text + r.label) && /vip_cidr|128/.test(r.text + r.label));
    if (!ours.length) throw new Error(`no Problems row mentions vip_cidr/128 and kube-vip-lint: ${JSON.stringify(rows)}`);
    // The expected diagnostic: an error from kube-vip-lint with the code vip-prefix-list.
    if (!ours.some((r) => /vip-prefix-list/.test(r.text + r.label))) throw new Error(`the Problems row does not show the code vip-prefix-list: ${JSON.stringify(ours)}`);
    if (!ours.some((r) => /^Error\b/.test(r.label))) throw new Error(`the Problems row is not an error: ${JSON.stringify(ours.map((r) => r.label))}`);
    // The headline, with the fix, is the row's first line and is shown whole (issue 10: the panel cuts a line
    // at its width); the detail follows on the next line.
    const lines = await page.evaluate(() => {
      const row = [...document.querySelectorAll('.markers-panel .monaco-list-row')].find((r) => /vip-prefix-list/.test(r.textContent || ''));
      const found = row ? [...row.querySelectorAll('.marker-message-line')] : [];
      return { lines: found.map((l) => ({ text: (l.textContent || '').trim(), cut: l.scrollWidth > l.clientWidth + 1 })), html: row ? row.innerHTML.slice(0, 1500) : '' };
    });
    log(`problems row lines: ${JSON.stringify(lines.lines)}`);
    const first = lines.lines[0];
    if (!first) throw new Error(`no message lines in the Problems row: ${lines.html}`);
    if (!first.text.startsWith(HEADLINE)) throw new Error(`the row's first line is not the headline: ${JSON.stringify(first.text)}`);
    if (first.cut) throw new Error(`the headline is cut at the panel's width: ${JSON.stringify(first.text)}`);
  });

  // Workspace diagnostics: the README and the chart template are not opened yet, and are listed.
  await test('(a2) unopened workspace files get Problems rows (workspace diagnostics)', async () => {
    const rows = await waitFor('Problems rows for the unopened README and chart template', async () => {
      const rs = await problemRows();
      return rs.some((r) => !r.header && r.file === DOC_NAME && /vip-prefix-list/.test(r.text + r.label)) && rs.some((r) => !r.header && r.file === HELM_NAME && /invalid-bool/.test(r.text + r.label)) ? rs : null;
    }, { timeout: 20000 });
    for (const r of rows.filter((x) => !x.header)) log(`problems row (${r.file}): ${r.text}`);
    const open = await page.evaluate(() => [...document.querySelectorAll('.tabs-container .tab')].map((t) => t.getAttribute('aria-label') || t.textContent || ''));
    if (open.some((t) => /README\.md/.test(t))) throw new Error(`the README is open already: ${JSON.stringify(open)}`);
  });

  // (a3) the language status item: which kube-vip version the file is checked against, and from where
  await test('(a3) the language status item says "kube-vip v0.8.9 (image tag)" and when it was linted', async () => {
    const item = page.locator('[id="status.languageStatus"]');
    await item.waitFor({ state: 'visible', timeout: 10000 });
    await item.hover();
    await item.click();
    const text = await waitFor('the language status popup with the kube-vip version', async () => {
      const t = await page.evaluate(() => document.body.innerText);
      return /kube-vip v0\.8\.9 \(image tag\)/.test(t) ? t : null;
    }, { timeout: 10000 });
    if (!/configuration\(s\) checked at \d\d:\d\d:\d\d/.test(text)) throw new Error('the status item does not say when the file was linted');
    await shot('language-status', 'status');
    await page.keyboard.press('Escape');
  });

  // (l) the effective configuration: a code lens over the image, and the table it opens
  await test('(l) a code lens over the image says what the configuration does; choosing it opens the table, rendered', async () => {
    const lens = await waitFor('the code lens over the image', async () => {
      const texts = await page.evaluate(() => [...document.querySelectorAll('.codelens-decoration')].map((e) => (e.textContent || '').trim()));
      return texts.find((t) => t.startsWith('kube-vip v0.8.9')) ?? null;
    }, { timeout: 20000 });
    if (lens !== LENS) throw new Error(`the code lens reads ${JSON.stringify(lens)}, expected ${JSON.stringify(LENS)}`);
    await shot('code-lens'); // the extension page shows the lens in its first picture (squiggle)
    await page.locator('.codelens-decoration a', { hasText: 'kube-vip v0.8.9' }).first().click();
    const tabs = await waitFor('a preview tab of the effective configuration', async () => {
      const labels = await page.evaluate(() => [...document.querySelectorAll('.tabs-container .tab')].map((t) => t.getAttribute('aria-label') || t.textContent || ''));
      return labels.some((l) => /Preview daemonset\.yaml line 21\.md/.test(l)) ? labels : null;
    }, { timeout: 15000 });
    log(`tabs: ${JSON.stringify(tabs)}`);
    await sleep(1500);
    await shot('effective-config', 'effective-config');
    // Back to the manifest for the next steps.
    await page.locator('.tabs-container .tab', { hasText: FIXTURE_NAME }).first().click();
  });

  // (b) hover on vip_cidr
  await test('(b) hover on vip_cidr explains the prefix (IPv4)', async () => {
    const word = await textRect('- name: vip_cidr', 'vip_cidr');
    if (!word) throw new Error('could not find "- name: vip_cidr" in the editor');
    const hover = page.locator('.monaco-hover-content').filter({ visible: true });
    let text = '';
    // Come from outside the word each time, so the hover controller sees a fresh mouse move.
    for (let attempt = 1; attempt <= 3 && !/IPv4/.test(text); attempt++) {
      await page.mouse.move(word.x + word.width / 2, word.y - 3 * word.height);
      await sleep(300);
      await page.mouse.move(word.x + word.width / 2, word.y + word.height / 2, { steps: 8 });
      try {
        await waitFor('the hover', async () => {
          text = (await hover.allInnerTexts()).join('\n');
          return /IPv4/.test(text);
        }, { timeout: 8000 });
      } catch {
        log(`hover attempt ${attempt}: ${text ? JSON.stringify(text.slice(0, 200)) : 'no hover'}`);
      }
    }
    await sleep(700); // the hover fades in
    await shot('hover', 'hover');
    log(`hover text: ${JSON.stringify(text.slice(0, 600))}`);
    if (!/IPv4/.test(text)) throw new Error(`hover does not mention IPv4: ${JSON.stringify(text.slice(0, 300))}`);
    if (!/IPv6/.test(text)) log('note: the hover does not mention IPv6');
    if (!/prefix/i.test(text)) log('note: the hover does not mention "prefix"');
    // VS Code's markdown renderer drops unknown HTML tags, so a placeholder such as "<v4>" written
    // unescaped in hover markdown vanishes and leaves empty quotes behind.
    const emptied = text.match(/"[,[\]]*"/g);
    if (emptied) log(`WARNING: the hover shows empty-looking quoted text ${JSON.stringify(emptied)}: <placeholders> in its markdown were probably eaten as HTML tags`);
    await page.mouse.move(5, 500);
    await page.keyboard.press('Escape');
  });

  // (c) quick fix
  await test('(c) quick fix "32,128" via Ctrl+. and save: one line changed, error gone', async () => {
    // The code lens adds a row above the image: bring the vip_cidr line into view before clicking it.
    await goToLine(FIXTURE.split('\n').indexOf(BAD_LINE) + 1);
    const value = await textRect(BAD_LINE.trim(), '128');
    if (!value) throw new Error('could not find the "128" text in the editor');
    await page.mouse.click(value.x + value.width / 2, value.y + value.height / 2);
    await sleep(300);
    // Code actions are asked for when the menu opens; on a busy machine the first Ctrl+. can come
    // before the server answers and show "No code actions available": try again.
    const menu = page.locator('.action-widget').filter({ visible: true });
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+Period');
      try {
        await menu.waitFor({ state: 'visible', timeout: 5000 });
        break;
      } catch (e) {
        if (attempt === 3) throw new Error(`Ctrl+. opened no quick-fix menu in ${attempt} tries`);
        log(`Ctrl+. attempt ${attempt}: no menu yet`);
        await page.keyboard.press('Escape');
        await sleep(1000);
      }
    }
    await sleep(300);
    const items = await page.evaluate(() =>
      [...document.querySelectorAll('.action-widget .monaco-list-row')].map((r) => ({
        text: r.innerText.replace(/\s+/g, ' ').trim(),
        action: r.classList.contains('action'),
        focused: r.classList.contains('focused'),
      })),
    );
    log(`quick-fix menu: ${JSON.stringify(items)}`);
    await shot('quickfix-menu', 'quickfix');
    const wanted = items.find((i) => i.action && i.text.includes('32,128'));
    if (!wanted) throw new Error(`no quick-fix entry mentions 32,128: ${JSON.stringify(items.map((i) => i.text))}`);
    if (wanted.text !== 'Set vip_cidr to "32,128"') log(`note: the entry reads ${JSON.stringify(wanted.text)}`);

    // Walk the focus down to the entry (clicks on the menu are swallowed by an overlay).
    const focusedText = () => page.evaluate(() => document.querySelector('.action-widget .monaco-list-row.focused')?.innerText.replace(/\s+/g, ' ').trim() ?? '');
    for (let i = 0; i < items.length + 1 && !(await focusedText()).includes('32,128'); i++) {
      await page.keyboard.press('ArrowDown');
      await sleep(150);
    }
    if (!(await focusedText()).includes('32,128')) throw new Error('could not move the focus onto the 32,128 entry');
    await page.keyboard.press('Enter');
    await waitFor('the editor to show the fixed line', async () => (await editorText()).includes(FIXED_LINE.trim()), { timeout: 10000 });
    await shot('after-fix');

    await page.keyboard.press('Control+KeyS');
    const expected = FIXTURE.replace(BAD_LINE, FIXED_LINE);
    let onDisk = '';
    try {
      await waitFor('the fixed file on disk', () => {
        onDisk = fs.readFileSync(fixturePath, 'utf8');
        return onDisk !== FIXTURE;
      }, { timeout: 10000 });
    } catch (e) {
      throw new Error(`Ctrl+S did not save the file: ${e.message}`);
    }
    await sleep(300);
    onDisk = fs.readFileSync(fixturePath, 'utf8');
    fs.writeFileSync(path.join(logsDir, 'daemonset.after-fix.yaml'), onDisk);
    if (onDisk !== expected) {
      const a = expected.split('\n');
      const b = onDisk.split('\n');
      const diffs = [];
      for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) diffs.push(`line ${i + 1}: expected ${JSON.stringify(a[i])}, got ${JSON.stringify(b[i])}`);
      throw new Error(`file on disk is not the original with the one line fixed: ${diffs.slice(0, 5).join('; ')}`);
    }
    log(`file on disk has ${JSON.stringify(FIXED_LINE)} and is otherwise byte-identical`);

    await waitFor('the error squiggle to go away', async () => (await errorSquiggles()).length === 0, { timeout: 15000 });
    await sleep(500);
    const rows = await problemRows();
    for (const r of rows) log(`problems row after fix: ${r.text}`);
    await shot('fixed-saved');
    if (rows.some((r) => r.file === FIXTURE_NAME && /vip-prefix-list/.test(r.text + r.label))) throw new Error(`the Problems panel still lists vip-prefix-list for ${FIXTURE_NAME}`);
  });

  // (d) a Helm chart template: VS Code (without the Helm extension) gives templates/*.yaml the id "yaml"
  await test('(d) Helm template: error squiggle on "yes", invalid-bool and not-checked (info) in Problems', async () => {
    await openFile(HELM_NAME, '.Values.image.repository');
    const on = await waitFor('an error squiggle on "yes"', async () => {
      const s = await squigglesOn(HELM_BAD_LINE.trim(), '"yes"');
      return s.length ? s : null;
    }, { timeout: 30000 });
    log(`squiggles on "yes": ${JSON.stringify(on)}`);
    await shot('helm-template');
    const rows = await waitFor('invalid-bool and not-checked rows in the Problems panel', async () => {
      const rs = await problemRows();
      const text = rs.map((r) => r.text + r.label).join('\n');
      return /invalid-bool/.test(text) && /not-checked/.test(text) ? rs : null;
    }, { timeout: 15000 });
    for (const r of rows) log(`problems row: ${r.text}  [aria-label: ${r.label}]`);
    const bool = rows.filter((r) => /invalid-bool/.test(r.text + r.label));
    if (!bool.some((r) => /^Error\b/.test(r.label) && /"yes"/.test(r.text + r.label))) throw new Error(`no error row for vip_arp "yes": ${JSON.stringify(bool)}`);
    const info = rows.filter((r) => /not-checked/.test(r.text + r.label));
    if (!info.some((r) => /^Info\b/.test(r.label) && /templated/.test(r.text + r.label))) throw new Error(`no information row saying the image is templated: ${JSON.stringify(info)}`);
  });

  // (e) markdown: the ```yaml fence of a README
  await test('(e) markdown README: error squiggle on "128" inside the ```yaml fence and a vip-prefix-list row', async () => {
    await openFile(DOC_NAME, '# Virtual IP for the control plane');
    // The fence's vip_cidr line is below the fold: go to it (Quick Open's ":line" mode).
    const line = DOC.split('\n').indexOf(DOC_BAD_LINE) + 1;
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill(`:${line}`);
    await sleep(300);
    await page.keyboard.press('Enter');
    await waitFor(`line ${line} in view`, async () => (await editorText()).includes(DOC_BAD_LINE.trim()), { timeout: 10000 });
    const on = await waitFor('an error squiggle on "128" in the fence', async () => {
      const s = await squigglesOn(DOC_BAD_LINE.trim(), '"128"');
      return s.length ? s : null;
    }, { timeout: 30000 });
    log(`squiggles on "128": ${JSON.stringify(on)}`);
    const all = await errorSquiggles();
    if (all.length !== on.length) throw new Error(`error squiggles elsewhere in the README (prose must not be linted): ${JSON.stringify(all)}`);
    await shot('markdown');
    const rows = await waitFor('a vip-prefix-list row in the Problems panel', async () => {
      const rs = await problemRows();
      return rs.some((r) => /vip-prefix-list/.test(r.text + r.label)) ? rs : null;
    }, { timeout: 15000 });
    for (const r of rows) log(`problems row: ${r.text}  [aria-label: ${r.label}]`);
    const ours = rows.filter((r) => /vip-prefix-list/.test(r.text + r.label));
    if (!ours.some((r) => /^Error\b/.test(r.label) && /v0\.8\.9/.test(r.text + r.label))) throw new Error(`the vip-prefix-list row is not an error about v0.8.9: ${JSON.stringify(ours)}`);
  });

  // (f) the commands: Show Output opens the server's log; Restart Server brings the diagnostics back
  await test('(f) commands "kube-vip-lint: Show Output" and "kube-vip-lint: Restart Server"', async () => {
    await runCommand('kube-vip-lint: Show Output');
    await waitFor('the kube-vip lint output channel', async () => {
      const shown = await page.evaluate(() => document.querySelector('.part.panel')?.textContent ?? '');
      return /kube-vip lint/i.test(shown) ? shown : null;
    }, { timeout: 10000 });
    await shot('output');
    await runCommand('kube-vip-lint: Restart Server');
    await sleep(1500);
    await runCommand('workbench.actions.view.problems');
    const rows = await waitFor('the vip-prefix-list row again after the restart', async () => {
      const rs = await problemRows();
      return rs.some((r) => !r.header && r.file === DOC_NAME && /vip-prefix-list/.test(r.text + r.label)) ? rs : null;
    }, { timeout: 20000 });
    log(`after restart: ${rows.filter((r) => !r.header).length} problem rows`);
  });

  // (g) "Lint Workspace with the CLI": the bundled CLI as a task, its output read by the $kube-vip-lint problem matcher
  await test('(g) "kube-vip-lint: Lint Workspace with the CLI" adds the CLI\'s rows through the problem matcher', async () => {
    const before = (await problemRows()).filter((r) => !r.header && r.file === DOC_NAME && /vip-prefix-list/.test(r.text + r.label)).length;
    await runCommand('kube-vip-lint: Lint Workspace with the CLI');
    await sleep(3000); // the task's terminal takes the panel; the Problems view is opened again below
    await runCommand('workbench.actions.view.problems');
    const rows = await waitFor('a second vip-prefix-list row for the README, from the CLI', async () => {
      const rs = await problemRows();
      const n = rs.filter((r) => !r.header && r.file === DOC_NAME && /vip-prefix-list/.test(r.text + r.label)).length;
      return n > before ? rs : null;
    }, { timeout: 30000 });
    await shot('cli-task');
    for (const r of rows.filter((x) => !x.header && x.file === DOC_NAME)) log(`README row: ${r.text}`);
  });

  // (i) .kube-vip-lint.yaml honoured in the editor, and fix-all on save
  await test('(i) the folder\'s .kube-vip-lint.yaml applies in the editor, and saving applies the preferred fixes', async () => {
    await openFile(CONFIGURED_NAME, 'kube-vip-configured');
    const rows = await waitFor('an invalid-bool row for configured/kube-vip.yaml', async () => {
      const rs = await problemRows();
      return rs.some((r) => !r.header && r.file === CONFIGURED_NAME && /invalid-bool/.test(r.text + r.label)) ? rs : null;
    }, { timeout: 20000 });
    const row = rows.find((r) => !r.header && r.file === CONFIGURED_NAME && /invalid-bool/.test(r.text + r.label));
    if (!/^Warning\b/.test(row.label)) throw new Error(`invalid-bool is not the warning .kube-vip-lint.yaml makes it: ${row.label}`);
    // Make the file dirty with an edit of our own, then save: the fix-all code action runs on save.
    const target = await textRect('name: kube-vip-configured', 'kube-vip-configured');
    await page.mouse.click(target.x + target.width + 2, target.y + target.height / 2);
    await page.keyboard.press('End');
    await page.keyboard.type(' # saved');
    await page.keyboard.press('Control+KeyS');
    const file = path.join(dirs.workspace, CONFIGURED_NAME);
    const onDisk = await waitFor('the fixed file on disk', async () => {
      const text = fs.readFileSync(file, 'utf8');
      return text.includes(' # saved') ? text : null;
    }, { timeout: 15000 });
    const expected = CONFIGURED.replace('name: kube-vip-configured', 'name: kube-vip-configured # saved').replace('value: "yes" # layer 2', 'value: "true" # layer 2');
    if (onDisk !== expected) throw new Error(`the saved file is not the original with our edit and the one fix: ${JSON.stringify(onDisk)}`);
    await shot('fix-all-on-save');
  });

  // (j) crash recovery: the server is killed; the client restarts it, says so, and the diagnostics come back
  await test('(j) a killed server is restarted, with a notification, and the files are checked again', async () => {
    const servers = () => pidsOfRun(RUN_MARKER).filter((pid) => /dist\/server\.js/.test(cmdline(pid)));
    const [victim] = servers();
    if (!victim) throw new Error('no kube-vip-lint server process found');
    process.kill(victim, 'SIGKILL');
    await waitFor('a new server process', async () => {
      const now = servers();
      return now.length && !now.includes(victim) ? now : null;
    }, { timeout: 20000 });
    await waitFor('the "restarted" notification', async () => {
      const text = await page.evaluate(() => [...document.querySelectorAll('.notification-toast, .notifications-toasts')].map((n) => n.textContent ?? '').join('\n'));
      return /stopped unexpectedly and was restarted/.test(text) ? text : null;
    }, { timeout: 15000 });
    if (!(await problemRows()).length) await runCommand('workbench.actions.view.problems');
    await waitFor('the README vip-prefix-list row from the restarted server', async () => {
      const rs = await problemRows();
      return rs.some((r) => !r.header && r.file === DOC_NAME && /kube-vip-lint\(vip-prefix-list\)|kube-vip-lint vip-prefix-list/.test(r.text) && !/CLI/.test(r.text)) ? rs : null;
    }, { timeout: 30000 });
    await shot('restarted');
  });

  // (h) the rule's docs link opens the page rendered and read-only, inside VS Code
  await test('(h) the vip-prefix-list docs link in the Problems panel opens the rendered page', async () => {
    // The Problems view is open already after (g); the command would toggle it closed.
    if (!(await problemRows()).length) await runCommand('workbench.actions.view.problems');
    const link = page.locator('.markers-panel .monaco-list-row a, .markers-panel .monaco-list-row .monaco-link').filter({ hasText: 'vip-prefix-list' }).first();
    await link.waitFor({ state: 'visible', timeout: 10000 });
    await link.click();
    const tabs = await waitFor('a preview tab of vip-prefix-list.md', async () => {
      const labels = await page.evaluate(() => [...document.querySelectorAll('.tabs-container .tab')].map((t) => t.getAttribute('aria-label') || t.textContent || ''));
      return labels.some((l) => /Preview vip-prefix-list\.md/.test(l)) ? labels : null;
    }, { timeout: 15000 });
    log(`tabs: ${JSON.stringify(tabs)}`);
    await sleep(1500);
    await shot('rule-docs', 'rule-docs');
    const raw = await page.evaluate(() => [...document.querySelectorAll('.tabs-container .tab')].some((t) => /^vip-prefix-list\.md/.test(t.getAttribute('aria-label') || '') && !/Preview/.test(t.getAttribute('aria-label') || '')));
    if (raw) throw new Error('the raw, editable Markdown file was opened too');
  });

  // (k) Restricted Mode: VS Code with workspace trust on, and a folder nobody trusted. The extension runs
  // nothing from the workspace and declares untrusted workspaces supported, so it checks files there too.
  await test('(k) Restricted Mode: an untrusted folder says "Restricted Mode" and still gets the squiggle and the Problems row', async () => {
    const settingsFile = path.join(dirs['user-data'], 'User', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    Object.assign(settings, {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'always',
      'security.workspace.trust.untrustedFiles': 'open',
    });
    fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
    fs.writeFileSync(path.join(dirs.untrusted, FIXTURE_NAME), FIXTURE);
    try {
      process.kill(-codeServer.pid, 'SIGTERM');
    } catch {
      /* gone */
    }
    await Promise.race([new Promise((r) => codeServer.once('exit', r)), sleep(5000)]);
    base = await launch(false);
    await page.goto(`${base}/?folder=${encodeURIComponent(dirs.untrusted)}`, { timeout: 30000 });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 30000 });
    const indicator = await waitFor('the Restricted Mode indicator', async () => {
      const t = await page.evaluate(() => [...document.querySelectorAll('.statusbar-item, .global-banner, .banner-container')].map((e) => e.textContent || '').join(' | '));
      return /Restricted Mode/.test(t) ? t : null;
    }, { timeout: 20000 });
    log(`restricted mode: ${indicator.slice(0, 200)}`);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FIXTURE_NAME }).first().click();
    await waitFor('the editor to show the manifest', async () => (await editorText()).includes('kube-vip:v0.8.9'), { timeout: 15000 });
    await waitFor('an error squiggle on "128"', async () => ((await squigglesOn(BAD_LINE.trim(), '"128"')).length ? true : null), { timeout: 45000 });
    if (!(await problemRows()).length) await runCommand('workbench.actions.view.problems');
    await waitFor('the vip-prefix-list row', async () => {
      const rs = await problemRows();
      return rs.some((r) => !r.header && /vip-prefix-list/.test(r.text + r.label)) ? rs : null;
    }, { timeout: 20000 });
    await shot('restricted-mode');
  });
}

try {
  await main();
} catch (e) {
  results.push({ name: 'setup', ok: false, error: e.message });
  log(`setup failed: ${e.stack || e.message}`);
  await shot('setup-failed');
}
clearTimeout(globalTimer);
const failedAny = results.some((r) => !r.ok);
if (failedAny && !opts.smoke) printExtensionLogs();
await cleanup();
log(`logs in ${path.relative(process.cwd(), logsDir) || logsDir}, screenshots in ${path.relative(process.cwd(), screensDir) || screensDir}`);
finish();
