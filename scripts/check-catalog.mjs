// Maintainer check, not run in CI: compares the env var catalog with a local kube-vip clone at every release tag.
// Usage: node scripts/check-catalog.mjs <kube-vip clone or git dir> [--cloud-provider <kube-vip-cloud-provider clone>] [--no-citations]
//
// 1. For every release tag from v0.5.0 on, collects the names kube-vip reads with os.Getenv / os.LookupEnv in
//    cmd/ and pkg/ (non-test Go files), resolving the constants of pkg/kubevip/config_envvar.go and
//    strings.ToUpper(constant), plus the names that a library kube-vip calls reads (LIBRARY_READS). It prints
//    every catalog variable whose since/until disagrees with the tags that read it, and every name read by
//    some tag that the catalog lacks. It also checks that each variable's cliFlag is declared in cmd/ and its
//    (top-level) goField in pkg/kubevip/config_types.go at the newest tag that reads the variable.
// 2. Unless --no-citations: every `TAG:path:line[-line]` in docs/rules/*.md and docs/*.md must name a file that exists at that
//    tag and has at least that many lines. `kube-vip-cloud-provider@TAG:path:line` cites the cloud provider: checked
//    in the --cloud-provider clone, or counted as unchecked without one.
// Exit code 1 on any mismatch. The catalog is bundled from source with esbuild, so no build is needed.
import { execFileSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const cloudProvider = args[args.indexOf('--cloud-provider') + 1] && args.includes('--cloud-provider') ? args[args.indexOf('--cloud-provider') + 1] : undefined;
const clone = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--cloud-provider');
if (!clone) {
  console.error('usage: node scripts/check-catalog.mjs <kube-vip clone> [--no-citations]');
  process.exit(2);
}

/** Names that a library reads for kube-vip: read at a tag whose source contains the call. */
const LIBRARY_READS = {
  // packngo.NewClient() takes the Equinix Metal API token from the environment.
  PACKET_AUTH_TOKEN: 'packngo.NewClient(',
};

const git = (...a) => execFileSync('git', ['-C', clone, ...a], { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
const gitOk = (...a) => {
  try {
    return git(...a);
  } catch {
    return undefined;
  }
};

// ---------------------------------------------------------------- versions
const TAG = /^v(\d+)\.(\d+)\.(\d+)(?:-rc\.(\d+))?$/;
const key = (tag) => {
  const m = TAG.exec(tag);
  return [+m[1], +m[2], +m[3], m[4] === undefined ? Infinity : +m[4]];
};
const compare = (a, b) => {
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
};
const tagList = gitOk('tag');
if (tagList === undefined) {
  console.error(`${clone}: not a git clone of kube-vip`);
  process.exit(2);
}
const tags = tagList
  .split('\n')
  .filter((t) => TAG.test(t) && compare(t, 'v0.5.0') >= 0)
  .sort(compare);

// ---------------------------------------------------------------- what each tag reads
function readsAt(tag) {
  const consts = new Map();
  const envvar = gitOk('show', `${tag}:pkg/kubevip/config_envvar.go`) ?? '';
  for (const m of envvar.matchAll(/^\s*(\w+)\s*=\s*"([^"]*)"/gm)) consts.set(m[1], m[2]);
  const grep = gitOk('grep', '-h', '-E', 'os\\.(Getenv|LookupEnv)\\(', tag, '--', 'cmd/*.go', 'pkg/*.go', ':!*_test.go') ?? '';
  const names = new Set();
  for (const m of grep.matchAll(/os\.(?:Getenv|LookupEnv)\((strings\.ToUpper\()?("[^"]*"|\w+)\)/g)) {
    let name = m[2].startsWith('"') ? m[2].slice(1, -1) : consts.get(m[2]);
    if (name === undefined) continue; // a variable built at run time (e.g. os.Getenv(key)): not a fixed name
    if (m[1]) name = name.toUpperCase();
    names.add(name);
  }
  for (const [name, marker] of Object.entries(LIBRARY_READS)) {
    if (gitOk('grep', '-q', '-F', marker, tag, '--', 'cmd/*.go', 'pkg/*.go', ':!*_test.go') !== undefined) names.add(name);
  }
  return names;
}

async function loadCatalog() {
  const out = await esbuild.build({
    entryPoints: [path.join(ROOT, 'server/src/core/catalog/envVars.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** "v0.5.0–v0.8.10" style ranges of the tags where `pred` holds. */
function ranges(pred) {
  const out = [];
  let start;
  let last;
  for (const tag of tags) {
    if (pred(tag)) {
      start ??= tag;
      last = tag;
    } else if (start) {
      out.push(start === last ? start : `${start}–${last}`);
      start = undefined;
    }
  }
  if (start) out.push(start === last ? start : `${start}–${last}`);
  return out.join(', ') || 'none';
}

let problems = 0;
const report = (line) => {
  problems++;
  console.log(line);
};

const { ENV_VARS } = await loadCatalog();
const reads = new Map(tags.map((tag) => [tag, readsAt(tag)]));
const catalogued = new Set(ENV_VARS.map((s) => s.name));
console.log(`kube-vip tags checked: ${tags[0]} … ${tags[tags.length - 1]} (${tags.length})`);

for (const spec of ENV_VARS) {
  const expected = (tag) => compare(tag, spec.since) >= 0 && (!spec.until || compare(tag, spec.until) < 0);
  const actual = (tag) => reads.get(tag).has(spec.name);
  const differs = tags.filter((tag) => expected(tag) !== actual(tag));
  if (differs.length) {
    report(`${spec.name}: catalog since ${spec.since}${spec.until ? ` until ${spec.until}` : ''}; source reads it at ${ranges(actual)} (differs at ${differs.join(', ')})`);
  }
}
// ---------------------------------------------------------------- flags and Go fields
for (const spec of ENV_VARS) {
  const newest = [...tags].reverse().find((tag) => reads.get(tag).has(spec.name));
  if (!newest) continue;
  if (spec.cliFlag) {
    const flag = spec.cliFlag.replace(/^-+/, '');
    const declared = gitOk('grep', '-q', '-E', `Flags\\(\\)\\.\\w+\\(.*"${flag}"`, newest, '--', 'cmd/*.go') !== undefined;
    if (!declared) report(`${spec.name}: cliFlag ${spec.cliFlag} is not declared in cmd/ at ${newest}`);
  }
  // Nested fields (BGPConfig.AS) live in other packages' types; unknown-env-var matches only top-level ones.
  if (spec.goField && !spec.goField.includes('.')) {
    const declared = gitOk('grep', '-q', '-E', `^\\s+${spec.goField}\\s`, newest, '--', 'pkg/kubevip/config_types.go') !== undefined;
    if (!declared) report(`${spec.name}: goField ${spec.goField} is not a field in pkg/kubevip/config_types.go at ${newest}`);
  }
}

const unknown = new Set([...reads.values()].flatMap((names) => [...names]).filter((n) => !catalogued.has(n)));
for (const name of [...unknown].sort()) report(`${name}: read at ${ranges((tag) => reads.get(tag).has(name))} but not in the catalog`);

// ---------------------------------------------------------------- docs citations
let citations = 0;
let unchecked = 0;
if (!args.includes('--no-citations')) {
  // TAG:path:line, with ranges and lists: v0.8.9:pkg/x.go:73, …:73-75, …:73,101-103 (every number is checked);
  // kube-vip-cloud-provider@TAG:… cites the cloud provider.
  const CITATION = /(?:\b(kube-vip-cloud-provider)@)?\b(v\d+\.\d+\.\d+(?:-rc\.\d+)?):([\w./-]+\.\w+):(\d+(?:[,-]\d+)*)/g;
  // The rule pages, and the other pages of docs/ (the upgrade assistant's evidence).
  const pages = [
    ...readdirSync(path.join(ROOT, 'docs', 'rules')).filter((f) => f.endsWith('.md')).sort().map((f) => `rules/${f}`),
    ...readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort(),
  ];
  const lineCounts = new Map();
  for (const page of pages) {
    for (const m of readFileSync(path.join(ROOT, 'docs', page), 'utf8').matchAll(CITATION)) {
      const [cite, repo, tag, file, numbers] = m;
      const dir = repo ? cloudProvider : clone;
      if (!dir) {
        unchecked++;
        continue;
      }
      citations++;
      const ref = `${repo ?? 'kube-vip'}@${tag}:${file}`;
      if (!lineCounts.has(ref)) {
        let text;
        try {
          text = execFileSync('git', ['-C', dir, 'show', `${tag}:${file}`], { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
        } catch {
          text = undefined;
        }
        lineCounts.set(ref, text?.split('\n').length ?? -1);
      }
      const lines = lineCounts.get(ref);
      if (lines < 0) report(`docs/${page}: ${cite}: no such file at ${tag}`);
      else {
        for (const part of numbers.split(',')) {
          const [from, to = from] = part.split('-').map(Number);
          if (to > lines || from > to || from < 1) report(`docs/${page}: ${cite}: ${file} has ${lines} lines at ${tag} (${part})`);
        }
      }
    }
  }
}

if (unchecked) console.log(`${unchecked} kube-vip-cloud-provider citations not checked (give --cloud-provider <clone>)`);
console.log(`${citations} docs citations checked`);
console.log(problems ? `${problems} mismatch(es)` : 'no mismatch');
process.exit(problems ? 1 : 0);
