// Runs every test suite and prints one closing line: "tests: N passed, N failed".
// Suites: unit + LSP + CLI (mocha, over the tsc output in out/) and the TextMate grammar tests.
import { spawnSync } from 'child_process';
import { readdirSync } from 'fs';
import { createRequire } from 'module';
import path from 'path';
import Mocha from 'mocha';

const require = createRequire(import.meta.url);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status === 0;
let passed = 0;
let failed = 0;

if (!run(process.execPath, ['scripts/build.mjs']) || !run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', '.'])) {
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}

// mocha, counted from its own runner events.
const mocha = new Mocha({ reporter: 'spec', timeout: 20000 });
const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full);
    else if (e.name.endsWith('.test.js')) files.push(full);
  }
};
walk('out/test');
for (const f of files.sort()) mocha.addFile(path.resolve(f));
await mocha.loadFilesAsync();
await new Promise((resolve) => {
  const runner = mocha.run(() => resolve());
  runner.on('pass', () => passed++);
  runner.on('fail', () => failed++);
});

// TextMate grammar: each test file is one test.
const grammarDir = 'test/grammar';
for (const f of readdirSync(grammarDir).filter((n) => n.endsWith('.test.yaml')).sort()) {
  const ok = run(process.execPath, [
    require.resolve('vscode-tmgrammar-test/dist/unit.js'),
    '-g', 'node_modules/tm-grammars/grammars/yaml.json',
    '-g', 'syntaxes/kube-vip.injection.tmLanguage.json',
    path.join(grammarDir, f),
  ]);
  if (ok) passed++;
  else failed++;
}

console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
