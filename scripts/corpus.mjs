// Lints a folder of real-world manifests and prints a markdown table of findings per file.
// Usage: node scripts/corpus.mjs <dir> [--rule-module out/server/src/core/rules/<id>.js ...] [--kube-vip-version vX.Y.Z]
// Needs the tsc output (npx tsc -p .). With --rule-module, only those rule modules run.
import { readdirSync, readFileSync, statSync } from 'fs';
import { createRequire } from 'module';
import path from 'path';

const require = createRequire(import.meta.url);
const core = require('../out/server/src/core/index.js');
const args = process.argv.slice(2);
const dir = args[0];
const modules = [];
let kubeVipVersion;
for (let i = 1; i < args.length; i++) {
  if (args[i] === '--rule-module') modules.push(require(path.resolve(args[++i])).rule);
  else if (args[i] === '--kube-vip-version') kubeVipVersion = args[++i];
}
const rules = modules.length ? modules : core.RULES;
console.log('| file | kube-vip containers | findings |');
console.log('| --- | --- | --- |');
for (const name of readdirSync(dir).sort()) {
  const file = path.join(dir, name);
  if (!statSync(file).isFile()) continue;
  const text = readFileSync(file, 'utf8');
  const t0 = performance.now();
  const format = /\.(md|markdown)$/i.test(name) ? 'markdown' : undefined;
  const analysis = core.analyze(text, { kubeVipVersion, format }, rules);
  const ms = performance.now() - t0;
  const findings = analysis.findings.map((f) => {
    const pos = analysis.position(f.span.start);
    return `${f.severity} ${f.rule} @${pos.line}: ${f.message.replace(/\|/g, '\\|').slice(0, 160)}`;
  });
  console.log(`| ${name} | ${analysis.containers.length} | ${findings.join('<br>') || '—'}${ms > 200 ? ` (${ms.toFixed(0)} ms)` : ''} |`);
}
