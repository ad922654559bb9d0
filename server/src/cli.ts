#!/usr/bin/env node
/** The command-line linter: the same core, over files on disk. */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL, fileURLToPath } from 'url';
import { Analysis, applyUpgrade, explain, explanationText, Finding, fixAll, indexOf, isKnownRelease, lintText, lintWorkspace, mergeFindings, mergeSettings, NOT_CHECKED, planUpgrade, RELEASES, RULES_BY_ID, Settings, SeveritySetting } from './core';
import type { ContainerUpgrade } from './core';
import { unifiedDiff } from './diff';
import { toSarif } from './sarif';
import type { SarifFile, SarifTool } from './sarif';
import { DEFAULT_EXTENSIONS, listFilesSync } from './files';
import { CONFIGURABLE_ENGINE_IDS, FILE_TOO_LARGE } from './core/engineRules';
import { formatVersion, parseVersion } from './core/version';
import { ConfigResolver } from './configFile';
import { KustomizeResolver } from './kustomize';

const UPGRADE_USAGE = 'Usage: kube-vip-lint upgrade --to vX.Y.Z [--write] [paths...]';
const UPGRADE_HELP = `Upgrade assistant: kube-vip-lint upgrade --to vX.Y.Z [--write] [paths...]
  Moves every kube-vip image with a literal version tag to vX.Y.Z (a release from ${RELEASES[0]} to
  ${RELEASES[RELEASES.length - 1]}) and carries its configuration over: renamed variables, value formats
  that changed (vip_subnet "/24", vip_loglevel's scale, bgp_peers syntax), removed variables, and old
  defaults written out where the default changed. Prints a unified diff on stdout and, on stderr, a
  summary of each change and why ("confirm" marks values to review) and of what is not carried over
  (RBAC the new version needs, values it cannot convert). Path "-" reads standard input.
  --write                    write the changes into the files instead of printing the diff
  Exit codes: 0 done (also when nothing changes), 2 bad usage or unreadable input.`;

const USAGE = `Usage: kube-vip-lint [options] [paths...]
       kube-vip-lint explain [--format text|json] [options] [paths...]
       kube-vip-lint upgrade --to vX.Y.Z [--write] [paths...]

Lints kube-vip configurations in Kubernetes YAML, Helm and Jinja templates, Helm values and markdown.
Directories are searched for files ending in ${DEFAULT_EXTENSIONS.map((e) => `.${e}`).join(', ')}
(*.yaml.j2 and *.yml.j2 are *.j2), skipping node_modules, .git and symbolic links.

Options:
  --format text|json|github|sarif
                             output format (default: text); github prints workflow commands that
                             GitHub Actions shows as annotations on the pull request; sarif prints a
                             SARIF 2.1.0 log for code scanning (rules, regions, fixes, suppressions)
  --fix                      write the preferred fixes into the files (only fixes that change nothing
                             else; again until none is left), then report what remains
  --fix-dry-run              print those fixes as a unified diff instead of writing them
  --report-unused-disable-directives
                             report disable comments that silence nothing (rule disable-directive)
  --quiet                    report errors only
  --max-warnings <n>         exit 1 when more than <n> warnings are found
  --stdin-filename <name>    the name standard input (the path "-") is reported as, and where its
                             .kube-vip-lint.yaml is looked up: helm template … | kube-vip-lint -
  --ext <list>               file endings searched in directories, comma-separated, instead of the
                             default list (repeatable): --ext yaml,yml
  --kube-vip-version vX.Y.Z  version to assume when an image tag names none
  --rule <id>=<severity>     override a rule: off, hint, info, warning or error (repeatable)
  --no-config                ignore .kube-vip-lint.yaml files
  --print-config <file>      print the settings <file> is linted with (the .kube-vip-lint.yaml that
                             applies and the options above), as JSON, and lint nothing
  -h, --help                 show this help

Settings are also read from the nearest .kube-vip-lint.yaml (or .yml) above each linted file:
  kubeVipVersion: v0.8.9
  rules:
    env-var-version: error
Command-line options win over the file. The editor reads the same file, with its own settings on
top. A kustomization.yaml in a file's folder or a parent that lists the file gives the image its
kustomize \`images:\` newName, newTag or digest.

All the files of one run are checked together: cross-file rules (service-prefix and the others of
scope "workspace") match kube-vip instances with the Services, cloud-provider pools and RBAC in the
other files, and print the other end under the finding.

explain prints, for each kube-vip container, what it will do: a summary line, then every setting
its version reads with the value in effect and where it comes from (env, valueFrom, container args,
the default for that version, or unknown), then the entries that are set but ignored, and why.
--format json prints the same as data: [{file, line, column, summary, version, rows, ignored}].

The summary (on stderr) counts the kube-vip configurations checked and lists what could not be
fully checked, and why: rule not-checked (an info finding, also in --format json).

Exit codes: 0 no errors (and no more warnings than --max-warnings), 1 errors found (or too many
warnings), 2 bad usage, an invalid .kube-vip-lint.yaml, or unreadable input.

${UPGRADE_HELP}`;

class UsageError extends Error {}



interface Options {
  format: 'text' | 'json' | 'github' | 'sarif';
  extensions: string[] | undefined;
  paths: string[];
  useConfig: boolean;
  /** --print-config <file>: print the settings that apply to it, lint nothing. */
  printConfig?: string;
  /** The name `-` (standard input) is reported as, and where its settings are looked up. */
  stdinFilename?: string;
  /** Report errors only. */
  quiet: boolean;
  /** Exit 1 when more warnings than this are found. */
  maxWarnings?: number;
  /** --fix writes the preferred fixes; --fix-dry-run prints them as a diff. */
  fix?: 'write' | 'dry-run';
  settings: { kubeVipVersion?: string; rules: Record<string, SeveritySetting>; reportUnusedDisableDirectives?: boolean };
}

function parseArgs(argv: string[]): Options | 'help' {
  const options: Options = { format: 'text', extensions: undefined, paths: [], useConfig: true, quiet: false, settings: { rules: {} } };
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
        if (format !== 'text' && format !== 'json' && format !== 'github' && format !== 'sarif') throw new UsageError(`--format must be text, json, github or sarif, not "${format}"`);
        options.format = format;
        break;
      }
      case '--ext': {
        const spec = next();
        const list = spec.split(',').map((e) => e.trim().replace(/^\*?\./, ''));
        if (list.some((e) => !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(e))) throw new UsageError(`--ext takes file endings such as yaml,yml,md, not "${spec}"`);
        options.extensions = [...(options.extensions ?? []), ...list];
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
        if (!RULES_BY_ID.has(m[1]) && !CONFIGURABLE_ENGINE_IDS.includes(m[1])) throw new UsageError(`unknown rule "${m[1]}"; rules: ${[...RULES_BY_ID.keys(), ...CONFIGURABLE_ENGINE_IDS].join(', ')}`);
        options.settings.rules[m[1]] = m[2] as SeveritySetting;
        break;
      }
      case '--no-config':
        options.useConfig = false;
        break;
      case '--print-config':
        options.printConfig = next();
        break;
      case '--stdin-filename':
        options.stdinFilename = next();
        break;
      case '--quiet':
        options.quiet = true;
        break;
      case '--fix':
        options.fix = 'write';
        break;
      case '--report-unused-disable-directives':
        options.settings.reportUnusedDisableDirectives = true;
        break;
      case '--fix-dry-run':
        options.fix = 'dry-run';
        break;
      case '--max-warnings': {
        const n = next();
        if (!/^\d+$/.test(n)) throw new UsageError(`--max-warnings takes a number, not "${n}"`);
        options.maxWarnings = Number(n);
        break;
      }
      case '--':
        options.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        options.paths.push(arg);
    }
  }
  if (options.paths.length === 0 && options.printConfig === undefined) throw new UsageError('no paths given');
  if (options.fix === 'write' && options.paths.includes('-')) throw new UsageError('--fix cannot write standard input; use --fix-dry-run to see the fixes');
  if (options.fix === 'dry-run' && options.format !== 'text') throw new UsageError('--fix-dry-run prints a diff, with the text format only');
  return options;
}

/** A file to lint; `named` when it was given on the command line rather than found in a directory. */
interface Input {
  readonly file: string;
  readonly named: boolean;
  /** Standard input (`-`): its text, read once. */
  readonly text?: string;
}

/** Expands directories into files with one of `extensions`, sorted; symlinks inside directories are not followed. */
function collectFiles(root: string, extensions: readonly string[], out: Input[], stdinFilename?: string): void {
  if (root === '-') {
    out.push({ file: stdinFilename ?? '<stdin>', named: true, text: fs.readFileSync(0, 'utf8') });
    return;
  }
  const stat = fs.statSync(root);
  if (stat.isFile()) out.push({ file: root, named: true });
  else if (stat.isDirectory()) for (const file of listFilesSync(root, extensions)) out.push({ file, named: false });
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
  /** The headline (the text format prints it alone); the detail follows in JSON and annotations. */
  message: string;
  detail?: string;
  /** The other end of a cross-file finding (the Service a kube-vip setting breaks, the role it needs). */
  related?: { file: string; line: number; column: number; message: string }[];
}

const configs = new ConfigResolver();

/** The docs pages and README ship beside dist/ in the npm package and the extension. */
const PACKAGE_ROOT = path.join(__dirname, '..');
const SARIF_TOOL: SarifTool = {
  version: readVersion(),
  informationUri: pathToFileURL(path.join(PACKAGE_ROOT, 'README.md')).toString(),
  docsUrl: (rule) => pathToFileURL(path.join(PACKAGE_ROOT, 'docs', 'rules', `${rule}.md`)).toString(),
};

function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/** Settings from the nearest .kube-vip-lint.yaml in `dir` or above; throws UsageError when it is invalid. */
function configFor(dir: string): Settings | undefined {
  const found = configs.configFor(dir);
  if (found?.problems.length) throw new UsageError(`${found.file}: ${found.problems.join('; ')}`);
  return found?.settings;
}

/** With not-checked, the pseudo-rules that say what was not checked (they never change the exit code). */

/** Any spelling of kube-vip: kube-vip, kube_vip, kubevip. */
const MENTIONS_KUBE_VIP = /kube[-_]?vip/i;

/** One linted file, before the cross-file rules: its analysis, or rows already final. */
interface Linted {
  readonly file: string;
  readonly uri: string;
  readonly named: boolean;
  readonly analysis: Analysis;
}

function lintFile(input: Input, base: Settings, kustomize: KustomizeResolver | undefined, fix: Options['fix']): Linted {
  const { file } = input;
  let text = input.text ?? fs.readFileSync(file, 'utf8');
  const overrides = MENTIONS_KUBE_VIP.test(text) && kustomize ? kustomize.imageOverridesFor(path.resolve(file)) : [];
  const format = formatOf(file);
  const settings = { ...base, ...(format && { format }), ...(overrides.length && { imageOverrides: overrides }) };
  if (fix) text = fixFile(input, text, settings, fix);
  const analysis = lintText(text, settings);
  return { file, uri: pathToFileURL(path.resolve(file)).toString(), named: input.named, analysis };
}

/**
 * `kube-vip-lint explain`: the effective configuration of each kube-vip container (the table the editor
 * shows on the image), as text or JSON. Exit 0; 2 when a path cannot be read.
 */
function explainFiles(options: Options): number {
  const inputs: Input[] = [];
  let status = 0;
  for (const p of options.paths) {
    try {
      collectFiles(p, options.extensions ?? DEFAULT_EXTENSIONS, inputs, options.stdinFilename);
    } catch (error) {
      process.stderr.write(`kube-vip-lint: cannot read ${p}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      status = 2;
    }
  }
  const kustomize = new KustomizeResolver();
  const out: { file: string; line: number; column: number; summary: string; version: string; rows: unknown[]; ignored: unknown[] }[] = [];
  for (const input of inputs) {
    let linted: Linted;
    try {
      const fromFile = options.useConfig ? configFor(input.text !== undefined && !options.stdinFilename ? process.cwd() : path.dirname(path.resolve(input.file))) : undefined;
      linted = lintFile(input, fromFile ? mergeSettings(fromFile, options.settings) : options.settings, kustomize, undefined);
    } catch (error) {
      process.stderr.write(`kube-vip-lint: ${(error as Error).message}\n`);
      status = 2;
      continue;
    }
    const { analysis } = linted;
    process.stderr.write(skipped(linted.file, analysis, 'not explained'));
    for (const container of analysis.containers) {
      const explanation = explain(container);
      const at = analysis.position(container.imageSpan.start);
      const place = (span: { start: number }) => {
        const p = analysis.position(span.start);
        return { line: p.line, column: p.column };
      };
      out.push({
        file: linted.file,
        line: at.line,
        column: at.column,
        summary: explanation.summary,
        version: explanation.version,
        rows: explanation.rows.map(({ span, ...row }) => ({ ...row, ...(span && place(span)) })),
        ignored: explanation.ignored.map(({ span, ...item }) => ({ ...item, ...place(span) })),
      });
      if (options.format === 'text') process.stdout.write(`${linted.file}:${at.line}:${at.column}\n${explanationText(explanation)}\n\n`);
    }
  }
  if (options.format === 'json') process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  else if (out.length === 0) process.stderr.write('kube-vip-lint: no kube-vip configuration found\n');
  return status;
}

/**
 * --fix: writes the file with its preferred fixes and says what changed (on stderr); --fix-dry-run: prints
 * the change as a diff (on stdout) and writes nothing. Either way the rest of the run sees the fixed text.
 */
function fixFile(input: Input, text: string, settings: Settings, mode: 'write' | 'dry-run'): string {
  const { text: fixed, fixed: what } = fixAll(text, settings);
  if (fixed === text) return text;
  const rules = [...new Set(what.map((w) => w.rule))].join(', ');
  if (mode === 'dry-run') process.stdout.write(unifiedDiff(text, fixed, input.file));
  else {
    fs.writeFileSync(input.file, fixed);
    process.stderr.write(`kube-vip-lint: fixed ${input.file}: ${what.length} problem(s) (${rules})\n`);
  }
  return fixed;
}

/** A file's findings: its own and what the cross-file rules found in it. */
function findingsOf(linted: Linted, cross: ReturnType<typeof lintWorkspace>): Finding[] {
  const all = mergeFindings(linted.analysis.findings, cross.get(linted.uri));
  // A big file found in a directory walk (a lock file, a data dump) that never names kube-vip is not news.
  return !linted.named && !MENTIONS_KUBE_VIP.test(linted.analysis.text) ? all.filter((f) => f.rule !== FILE_TOO_LARGE) : all;
}

/** A file's rows. */
function rowsOf(linted: Linted, findings: readonly Finding[], positions: (uri: string) => Analysis['position'] | undefined): Row[] {
  const { file, analysis } = linted;
  const toRow = (f: Finding): Row => {
    const start = analysis.position(f.span.start);
    const end = analysis.position(f.span.end);
    const related = f.related.flatMap((r) => {
      const uri = r.uri ?? linted.uri;
      const position = positions(uri)?.(r.span.start);
      return position ? [{ file: uri === linted.uri ? file : path.relative(process.cwd(), fileURLToPath(uri)) || fileURLToPath(uri), line: position.line, column: position.column, message: r.message }] : [];
    });
    return { file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, severity: f.severity, rule: f.rule, messageId: f.messageId, message: f.message, ...(f.detail && { detail: f.detail }), ...(related.length && { related }) };
  };
  return findings.map(toRow);
}

/** Markdown by the file name (a template suffix such as .j2 aside); otherwise the core tells from the text. */
function formatOf(file: string): 'markdown' | undefined {
  return /\.(md|markdown)(\.(j2|jinja2?|tmpl|tpl))?$/i.test(file) ? 'markdown' : undefined;
}

/** Rows that say what was not checked, rather than a problem found. */
const isNotChecked = (r: Row) => r.rule === NOT_CHECKED || r.rule === FILE_TOO_LARGE;

function main(argv: string[]): number {
  if (argv[0] === 'upgrade') return upgradeMain(argv.slice(1));
  const explaining = argv[0] === 'explain';
  if (explaining) argv = argv.slice(1);
  let options: Options | 'help';
  try {
    options = parseArgs(argv);
    if (explaining && options !== 'help' && options.format !== 'text' && options.format !== 'json') throw new UsageError('explain prints --format text or json');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kube-vip-lint: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.printConfig !== undefined) return printConfig(options.printConfig, options);
  if (explaining) return explainFiles(options);
  const inputs: Input[] = [];
  let unreadable = false;
  for (const p of options.paths) {
    try {
      collectFiles(p, options.extensions ?? DEFAULT_EXTENSIONS, inputs, options.stdinFilename);
    } catch (error) {
      process.stderr.write(`kube-vip-lint: cannot read ${p}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      unreadable = true;
    }
  }
  const kustomize = new KustomizeResolver();
  // Files with nothing for the cross-file rules get their rows at once (and their text is dropped);
  // the others wait for the cross-file pass. Rows stay in input order.
  const rowsByFile: Row[][] = [];
  const joined: { index: number; linted: Linted }[] = [];
  const none: ReturnType<typeof lintWorkspace> = new Map();
  const sarif: (SarifFile | undefined)[] = [];
  let configurations = 0;
  for (const input of inputs) {
    try {
      const fromFile = options.useConfig ? configFor(input.text !== undefined && !options.stdinFilename ? process.cwd() : path.dirname(path.resolve(input.file))) : undefined;
      const result = lintFile(input, fromFile ? mergeSettings(fromFile, options.settings) : options.settings, kustomize, options.fix);
      configurations += result.analysis.containers.length;
      if (result.analysis.containers.length > 0 || result.analysis.resources.length > 0) joined.push({ index: rowsByFile.length, linted: result });
      const later = joined.at(-1)?.linted === result;
      rowsByFile.push(later ? [] : rowsOf(result, findingsOf(result, none), () => undefined));
      if (options.format === 'sarif') sarif.push(later ? undefined : { file: result.file, uri: result.uri, analysis: result.analysis, findings: findingsOf(result, none) });
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`kube-vip-lint: ${error.message}\n`);
        return 2;
      }
      const code = (error as NodeJS.ErrnoException).code;
      process.stderr.write(code ? `kube-vip-lint: cannot read ${input.file}: ${code}\n` : `kube-vip-lint: could not lint ${input.file}: ${(error as Error).stack ?? error}\n`);
      unreadable = true;
    }
  }
  // The cross-file rules see every file given: kube-vip against the Services, pools and roles beside it.
  const cross = lintWorkspace(indexOf(joined.map((j) => j.linted)));
  const byUri = new Map(joined.map((j) => [j.linted.uri, j.linted.analysis.position]));
  for (const { index, linted } of joined) {
    const findings = findingsOf(linted, cross);
    rowsByFile[index] = rowsOf(linted, findings, (uri) => byUri.get(uri));
    if (options.format === 'sarif') sarif[index] = { file: linted.file, uri: linted.uri, analysis: linted.analysis, findings };
  }
  const rows = rowsByFile.flat();
  const shown = options.quiet ? rows.filter((r) => r.severity === 'error') : rows;
  const problems = shown.filter((r) => !isNotChecked(r));
  const notChecked = rows.filter(isNotChecked);
  if (options.format === 'json') {
    // Still an array of finding rows: what was not checked is in it too, as rule "not-checked" (info).
    process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  } else if (options.format === 'sarif') {
    const files = sarif.filter((f): f is SarifFile => f !== undefined).map((f) => (options.quiet ? { ...f, findings: f.findings.filter((x) => x.severity === 'error') } : f));
    process.stdout.write(`${JSON.stringify(toSarif(files, SARIF_TOOL, (uri) => byUri.get(uri)), null, 2)}\n`);
  } else if (options.format === 'github') {
    for (const r of problems) process.stdout.write(`${githubAnnotation(r)}\n`);
  } else {
    for (const r of problems) {
      process.stdout.write(`${r.file}:${r.line}:${r.column} ${r.severity} ${r.rule} ${r.message}\n`);
      // The other end of a cross-file finding, where to look next.
      for (const o of r.related ?? []) if (o.file !== r.file) process.stdout.write(`  ${o.file}:${o.line}:${o.column} ${o.message}\n`);
    }
  }
  process.stderr.write(summary(inputs.length, configurations, problems, notChecked));
  if (unreadable) return 2;
  if (problems.some((r) => r.severity === 'error')) return 1;
  const warnings = rows.filter((r) => r.severity === 'warning' && !isNotChecked(r)).length;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    process.stderr.write(`kube-vip-lint: ${warnings} warning(s), more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/**
 * A GitHub Actions workflow command (::error file=…,line=…::message), which GitHub shows as an
 * annotation on the line in the pull request. Information and hints become notices.
 */
function githubAnnotation(r: Row): string {
  const level = r.severity === 'error' ? 'error' : r.severity === 'warning' ? 'warning' : 'notice';
  const property = (v: string | number) => String(v).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
  const data = (v: string) => v.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const props = [`file=${property(r.file)}`, `line=${r.line}`, `col=${r.column}`, `endLine=${r.endLine}`, `endColumn=${r.endColumn}`, `title=${property(`kube-vip-lint ${r.rule}`)}`];
  return `::${level} ${props.join(',')}::${data(r.detail ? `${r.message}\n${r.detail}` : r.message)}`;
}

/**
 * --print-config: the settings a file is linted with, as JSON: the .kube-vip-lint.yaml that applies (the
 * same file the editor reads) and the command-line options on top of it.
 */
function printConfig(file: string, options: Options): number {
  const found = options.useConfig ? configs.configFor(path.dirname(path.resolve(file))) : undefined;
  if (found?.problems.length) {
    process.stderr.write(`kube-vip-lint: ${found.file}: ${found.problems.join('; ')}\n`);
    return 2;
  }
  const settings = mergeSettings(found?.settings ?? {}, options.settings);
  const shown = { file, configFile: found ? path.relative(process.cwd(), found.file) || found.file : null, kubeVipVersion: settings.kubeVipVersion ?? null, rules: settings.rules ?? {}, maxFileSize: settings.maxFileSize ?? null };
  process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  return 0;
}

/** The closing lines on stderr: counts, then what could not be checked, per file and why. */
function summary(files: number, configurations: number, problems: readonly Row[], notChecked: readonly Row[]): string {
  const errors = problems.filter((r) => r.severity === 'error').length;
  let out = `${files} file(s) checked: ${errors} error(s), ${problems.length - errors} other finding(s); ${configurations} kube-vip configuration(s) checked\n`;
  if (!notChecked.length) return out;
  out += `Not checked, or only in part, in ${new Set(notChecked.map((r) => r.file)).size} file(s):\n`;
  for (const r of notChecked) out += `  ${r.file}:${r.line}:${r.column} ${r.message}\n`;
  return out;
}

/** `kube-vip-lint upgrade --to vX.Y.Z [--write] paths…`: the upgrade plan of every file, as a diff and a summary. */
function upgradeMain(argv: string[]): number {
  let to: string | undefined;
  let write = false;
  const paths: string[] = [];
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i];
      if (arg === '-h' || arg === '--help') {
        process.stdout.write(`${UPGRADE_HELP}\n`);
        return 0;
      } else if (arg === '--to' || arg.startsWith('--to=')) {
        to = arg === '--to' ? argv[++i] : arg.slice('--to='.length);
        if (to === undefined) throw new UsageError('--to needs a version');
      } else if (arg === '--write') {
        write = true;
      } else if (arg === '--') {
        paths.push(...argv.slice(i + 1));
        break;
      } else if (arg.startsWith('-') && arg !== '-') {
        throw new UsageError(`unknown option ${arg}`);
      } else {
        paths.push(arg);
      }
    }
    if (to === undefined) throw new UsageError('upgrade needs --to vX.Y.Z');
    const target = parseVersion(to);
    if (!target || !/^v?\d+\.\d+\.\d+$/.test(to) || !isKnownRelease(target)) throw new UsageError(`--to takes a kube-vip release from ${RELEASES[0]} to ${RELEASES[RELEASES.length - 1]}, not "${to}"`);
    if (paths.length === 0) throw new UsageError('no paths given');
    if (write && paths.includes('-')) throw new UsageError('--write cannot write standard input; leave it out to see the diff');
    return runUpgrade(paths, target, write);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kube-vip-lint: ${error.message}\n\n${UPGRADE_USAGE}\n`);
    return 2;
  }
}

function runUpgrade(paths: readonly string[], to: NonNullable<ReturnType<typeof parseVersion>>, write: boolean): number {
  const inputs: Input[] = [];
  let unreadable = false;
  for (const p of paths) {
    try {
      collectFiles(p, DEFAULT_EXTENSIONS, inputs);
    } catch (error) {
      process.stderr.write(`kube-vip-lint: cannot read ${p}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      unreadable = true;
    }
  }
  const kustomize = new KustomizeResolver();
  let changed = 0;
  let configurations = 0;
  for (const input of inputs) {
    let text: string;
    try {
      text = input.text ?? fs.readFileSync(input.file, 'utf8');
    } catch (error) {
      process.stderr.write(`kube-vip-lint: cannot read ${input.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      unreadable = true;
      continue;
    }
    if (!MENTIONS_KUBE_VIP.test(text) && !input.named) continue;
    const overrides = input.text === undefined && kustomize ? kustomize.imageOverridesFor(path.resolve(input.file)) : [];
    const format = formatOf(input.file);
    const analysis = lintText(text, { ...(format && { format }), ...(overrides.length && { imageOverrides: overrides }) });
    process.stderr.write(skipped(input.file, analysis, 'not upgraded'));
    if (analysis.containers.length === 0) continue;
    configurations += analysis.containers.length;
    const plan = planUpgrade(text, analysis, to);
    const after = applyUpgrade(text, plan);
    if (after !== text) {
      changed++;
      if (write) fs.writeFileSync(input.file, after);
      else process.stdout.write(unifiedDiff(text, after, input.file));
    }
    process.stderr.write(upgradeSummary(input.file, plan.containers, analysis.position, write && after !== text));
  }
  process.stderr.write(`${inputs.length} file(s) read: ${configurations} kube-vip configuration(s), ${changed} file(s) ${write ? 'written' : 'to change'} for ${formatVersion(to)}\n`);
  return unreadable ? 2 : 0;
}

/**
 * What `explain` and `upgrade` could not read in a file, never passed over in silence: a file over the
 * size limit, a document that does not parse, a file that mentions kube-vip with no configuration found.
 */
function skipped(file: string, analysis: Analysis, what: string): string {
  const unread = (f: Finding) => f.rule === FILE_TOO_LARGE || (f.rule === NOT_CHECKED && (f.messageId === 'unparsable' || f.messageId === 'no-configuration'));
  return analysis.findings
    .filter(unread)
    .map((f) => {
      const at = analysis.position(f.span.start);
      return `${file}:${at.line}:${at.column} ${what}: ${f.message}\n`;
    })
    .join('');
}

/** The summary of one file: per container, what changes and why, and what is not carried over. */
function upgradeSummary(file: string, plans: readonly ContainerUpgrade[], position: Analysis['position'], written: boolean): string {
  let out = '';
  for (const plan of plans) {
    const where = position(plan.container.imageSpan.start);
    const head = `${file}:${where.line}:${where.column} kube-vip ${formatVersion(plan.from)} → ${formatVersion(plan.to)}`;
    if (plan.changes.length === 0 && plan.notCarried.length === 0) {
      out += `${head}: nothing to change\n`;
      continue;
    }
    out += `${head}${written ? ' (written)' : ''}\n`;
    for (const c of plan.changes) out += `  ${c.needsConfirmation ? 'confirm' : 'change '} ${c.what}: ${c.why}\n`;
    for (const n of plan.notCarried) out += `  not carried over: ${n.what}: ${n.why}\n`;
  }
  return out;
}

process.exitCode = main(process.argv.slice(2));
