// `npm run bench` (issue #4): measures the core, the language server against yaml-language-server,
// the CLI and the package on generated manifests, and the server and CLI on a generated repository
// (issue 9), and prints one markdown report to stdout.
// `node scripts/bench/run.mjs --only workspace` runs only the repository part (about a minute).
// Needs a build first: node scripts/build.mjs && npx tsc -p .
// Progress goes to stderr. Exit code 0 unless a measurement failed (missed targets are results).
import { execFileSync, spawn } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'fs';
import os from 'os';
import path from 'path';
import { fileURLToPath } from 'url';
import { loadCore, measureCore, middle } from './core.mjs';
import { generateManifest, generateTree } from './generate.mjs';
import { killAll } from './lsp.mjs';
import { renderReport, sizeLabel, workspaceSummary } from './report.mjs';
import { runSession, servers } from './session.mjs';
import { measureWorkspace } from './workspace.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SIZES = [100, 1000, 10000, 50000];
const SESSIONS = 5; // LSP sessions per server and size, each in a fresh process
const CLI_FILES = 2000;
const CLI_RUNS = 5;
const OURS = 'kube-vip-lint';
const REF = 'yaml-language-server';
const BUILT = { core: 'out/server/src/core/index.js', server: 'dist/server.js', cli: 'dist/cli.js' };

const PARTS = ['workspace'];
let tmp; // removed at the end, and on Ctrl-C
const log = (message) => process.stderr.write(`bench: ${message}\n`);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

/** Newest mtime under a directory, to warn when the build is older than the sources. */
function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return time;
}

/**
 * Copies the built server, CLI and core into the temp dir: others rebuild dist/ and out/ while
 * they work (npm test does), and a rebuild halfway through would mix two builds in one report.
 * node_modules is linked, so the copies resolve the same packages.
 */
function snapshotBuild() {
  const snap = path.join(tmp, 'build');
  for (const dir of ['dist', 'test/security']) mkdirSync(path.join(snap, dir), { recursive: true });
  for (const file of [BUILT.server, BUILT.cli, 'test/security/guard.cjs']) copyFileSync(path.join(ROOT, file), path.join(snap, file));
  copyJs(path.join(ROOT, 'out', 'server'), path.join(snap, 'out', 'server'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(snap, 'node_modules'), 'dir');
  return snap;
}

function copyJs(from, to) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) copyJs(path.join(from, entry.name), path.join(to, entry.name));
    else if (entry.name.endsWith('.js')) copyFileSync(path.join(from, entry.name), path.join(to, entry.name));
  }
}

function environment() {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout
  }
  const cpus = os.cpus();
  const built = statSync(path.join(ROOT, BUILT.server)).mtime.toISOString();
  return `node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, commit ${commit} + working tree, dist/server.js built ${built}`;
}

/** Wall time of `node cli.js <dir>`, spawn to exit; its output is read and dropped. */
function timeCli(cli, dir) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [cli, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      // Exit code 1 = errors found, which the generated tree has on purpose.
      if ((code === 0 || code === 1) && stderr.includes(`${CLI_FILES} file(s) checked`)) resolve(ms);
      else reject(new Error(`cli exited ${code}: ${stderr.slice(-300)}`));
    });
  });
}

/** `--only <part>`: undefined for the whole benchmark. */
function onlyPart(argv) {
  const at = argv.indexOf('--only');
  if (at < 0) return undefined;
  if (!PARTS.includes(argv[at + 1])) throw new Error(`--only takes one of: ${PARTS.join(', ')}`);
  return argv[at + 1];
}

/** 7: the server and the CLI on a generated repository; one machine-readable line on stderr. */
async function workspacePart(result, snap) {
  log('workspace');
  result.workspace = await measureWorkspace({ root: snap, tmp, log });
  result.failures.push(...result.workspace.failures);
  process.stderr.write(`workspace: ${JSON.stringify(workspaceSummary(result.workspace))}\n`);
}

async function main() {
  const started = performance.now();
  let only;
  try {
    only = onlyPart(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${error.message}\n`);
    return 2;
  }
  const missing = Object.values(BUILT).filter((f) => !existsSync(path.join(ROOT, f)));
  if (missing.length) {
    process.stderr.write(`bench: missing ${missing.join(', ')}: run node scripts/build.mjs && npx tsc -p . first\n`);
    return 2;
  }
  const sources = newest(path.join(ROOT, 'server', 'src'));
  const result = {
    environment: environment(),
    loadBefore: load(),
    stale: Object.values(BUILT).filter((f) => statSync(path.join(ROOT, f)).mtimeMs < sources),
    sessions: SESSIONS,
    only,
    failures: [],
  };
  tmp = mkdtempSync(path.join(os.tmpdir(), 'kube-vip-lint-bench-'));
  try {
    const snap = snapshotBuild();
    if (only === 'workspace') {
      await workspacePart(result, snap);
      return finish(result, started);
    }
    const core = loadCore(snap);
    const defs = servers(snap);
    result.servers = { ours: OURS, ref: REF, delay: defs[REF].delayMs };
    result.sizes = SIZES.map((size) => ({ size, manifest: generateManifest(size), second: generateManifest(size, 0xb0b), lsp: { [OURS]: [], [REF]: [] } }));

    // 1 + 4: the core, in this process.
    for (const s of result.sizes) {
      log(`core, ${sizeLabel(s.size)} lines`);
      s.core = measureCore(core, s.manifest);
    }

    // 2 + 3: one server process at a time, so that they never compete for the CPU.
    for (const s of result.sizes) {
      const uri = `file://${path.join(tmp, `manifest-${s.size}.yaml`)}`;
      for (const name of [OURS, REF]) {
        for (let i = 0; i < SESSIONS; i++) {
          log(`${name}, ${sizeLabel(s.size)} lines, session ${i + 1}/${SESSIONS}`);
          try {
            s.lsp[name].push(await runSession(defs[name], s.manifest, middle(s.manifest), uri, s.second));
          } catch (error) {
            result.failures.push(`${name}, ${s.size} lines: ${error.message}`);
            break;
          }
        }
      }
    }

    // 5: the CLI over a tree of small files.
    log(`cli over ${CLI_FILES} files`);
    const tree = path.join(tmp, 'tree');
    generateTree(tree, CLI_FILES);
    result.cli = { files: CLI_FILES, ms: [] };
    try {
      await timeCli(path.join(snap, BUILT.cli), tree); // warm-up (page cache), not measured
      for (let i = 0; i < CLI_RUNS; i++) result.cli.ms.push(await timeCli(path.join(snap, BUILT.cli), tree));
    } catch (error) {
      result.failures.push(`cli: ${error.message}`);
    }

    // 6: the package, as last built.
    const vsix = path.join(ROOT, 'kube-vip-lint.vsix');
    result.vsix = existsSync(vsix) ? statSync(vsix) : undefined;

    await workspacePart(result, snap);
    return finish(result, started);
  } finally {
    killAll();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Prints the report; the exit code says whether a measurement failed. */
function finish(result, started) {
  result.loadAfter = load();
  result.totalSeconds = (performance.now() - started) / 1000;
  process.stdout.write(renderReport(result));
  return result.failures.length ? 1 : 0;
}

process.on('SIGINT', () => {
  killAll();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  process.exit(130);
});
process.exitCode = await main();
