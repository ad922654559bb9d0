#!/usr/bin/env node
/** The command-line linter: the same core, over files on disk. */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { lintText, mergeSettings, normalizeSettings, RULES_BY_ID, Settings, SeveritySetting } from './core';
import { parseVersion } from './core/version';

const USAGE = `Usage: kube-vip-lint [options] [paths...]

Lints kube-vip containers in Kubernetes YAML files. Directories are searched for *.yaml and *.yml.

Options:
  --format text|json         output format (default: text)
  --kube-vip-version vX.Y.Z  version to assume when an image tag names none
  --rule <id>=<severity>     override a rule: off, hint, info, warning or error (repeatable)
  --no-config                ignore .kube-vip-lint.yaml files
  -h, --help                 show this help

Settings are also read from the nearest .kube-vip-lint.yaml (or .yml) above each linted file:
  kubeVipVersion: v0.8.9
  rules:
    env-var-version: error
Command-line options win over the file.

Exit codes: 0 no errors, 1 errors found, 2 bad usage or unreadable input.`;

class UsageError extends Error {}

interface Options {
  format: 'text' | 'json';
  paths: string[];
  useConfig: boolean;
  settings: { kubeVipVersion?: string; rules: Record<string, SeveritySetting> };
}

function parseArgs(argv: string[]): Options | 'help' {
  const options: Options = { format: 'text', paths: [], useConfig: true, settings: { rules: {} } };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const next = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--format': {
        const format = next();
        if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
        options.format = format;
        break;
      }
      case '--kube-vip-version': {
        const version = next();
        if (!parseVersion(version)) throw new UsageError(`--kube-vip-version takes a version such as v0.8.9, not "${version}"`);
        options.settings.kubeVipVersion = version;
        break;
      }
      case '--rule': {
        const spec = next();
        const m = /^([a-z0-9-]+)=(off|hint|info|warning|error)$/.exec(spec);
        if (!m) throw new UsageError(`--rule takes <id>=<off|hint|info|warning|error>, not "${spec}"`);
        if (!RULES_BY_ID.has(m[1])) throw new UsageError(`unknown rule "${m[1]}"; rules: ${[...RULES_BY_ID.keys()].join(', ')}`);
        options.settings.rules[m[1]] = m[2] as SeveritySetting;
        break;
      }
      case '--no-config':
        options.useConfig = false;
        break;
      case '--':
        options.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) throw new UsageError('no paths given');
  return options;
}

const YAML_FILE = /\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Expands directories into YAML files, sorted; symlinks inside directories are not followed. */
function collectFiles(root: string, out: string[]): void {
  const stat = fs.statSync(root);
  if (stat.isFile()) {
    out.push(root);
    return;
  }
  if (!stat.isDirectory()) return;
  for (const entry of fs.readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) collectFiles(full, out);
    else if (entry.isFile() && YAML_FILE.test(entry.name)) out.push(full);
  }
}

interface Row {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  /** The rule's message variant: stable across wording changes, with an evidence row in the rule's docs. */
  messageId?: string;
  message: string;
}

const CONFIG_NAMES = ['.kube-vip-lint.yaml', '.kube-vip-lint.yml'];
const configCache = new Map<string, Settings | undefined>();

/** Settings from the nearest .kube-vip-lint.yaml in `dir` or above; throws UsageError when it is invalid. */
function configFor(dir: string): Settings | undefined {
  if (configCache.has(dir)) return configCache.get(dir);
  let found: Settings | undefined;
  const file = CONFIG_NAMES.map((n) => path.join(dir, n)).find((f) => fs.existsSync(f));
  if (file) {
    let raw: unknown;
    try {
      raw = parseYaml(fs.readFileSync(file, 'utf8'), { maxAliasCount: 100 });
    } catch (error) {
      throw new UsageError(`${file}: ${(error as Error).message.split('\n')[0]}`);
    }
    const { settings, problems } = normalizeSettings(raw);
    if (problems.length) throw new UsageError(`${file}: ${problems.join('; ')}`);
    found = settings;
  } else {
    const parent = path.dirname(dir);
    found = parent === dir ? undefined : configFor(parent);
  }
  configCache.set(dir, found);
  return found;
}

function lintFile(file: string, settings: Settings): Row[] {
  const text = fs.readFileSync(file, 'utf8');
  const analysis = lintText(text, settings);
  return analysis.findings.map((f) => {
    const start = analysis.position(f.span.start);
    const end = analysis.position(f.span.end);
    return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, severity: f.severity, rule: f.rule, messageId: f.messageId, message: f.message };
  });
}

function main(argv: string[]): number {
  let options: Options | 'help';
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kube-vip-lint: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const files: string[] = [];
  let unreadable = false;
  for (const p of options.paths) {
    try {
      collectFiles(p, files);
    } catch (error) {
      process.stderr.write(`kube-vip-lint: cannot read ${p}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      unreadable = true;
    }
  }
  const rows: Row[] = [];
  for (const file of files) {
    try {
      const fromFile = options.useConfig ? configFor(path.dirname(path.resolve(file))) : undefined;
      rows.push(...lintFile(file, fromFile ? mergeSettings(fromFile, options.settings) : options.settings));
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`kube-vip-lint: ${error.message}\n`);
        return 2;
      }
      process.stderr.write(`kube-vip-lint: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      unreadable = true;
    }
  }
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else {
    for (const r of rows) process.stdout.write(`${r.file}:${r.line}:${r.column} ${r.severity} ${r.rule} ${r.message}\n`);
    const errors = rows.filter((r) => r.severity === 'error').length;
    process.stderr.write(`${files.length} file(s) checked: ${errors} error(s), ${rows.length - errors} other finding(s)\n`);
  }
  if (unreadable) return 2;
  return rows.some((r) => r.severity === 'error') ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
