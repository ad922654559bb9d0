/**
 * The effective configuration of one kube-vip container as a reader sees it: a one-line summary (the
 * code lens), one row per variable the image's version reads (value and where it comes from), and the
 * env entries that are set but change nothing, with why. Everything is read from configOf() and the
 * catalog, so this view and the rules interpret a manifest the same way.
 */
import { isMap, visit } from 'yaml';
import { defaultFor, ENV_VARS, isReadBy, lookup, lookupIgnored, lookupSettingName, noEffectFor } from './catalog';
import type { EnvVarSpec } from './catalog';
import type { Mode } from './catalog/types';
import { PREFIX_LIST } from './catalog/behaviour';
import { configOf, electionReason, MODE_LABEL } from './config';
import type { EffectiveConfig, NotParsed } from './config';
import { effectiveInt, isUnset } from './env';
import { get, getString } from './parse';
import { isTemplated } from './model';
import type { EnvEntry, KubeVipContainer, VersionSource } from './model';
import { appliedPrefix } from './prefixes';
import type { Target } from './prefixes';
import { flagArg, usesConfigFile } from './sources';
import type { Span } from './span';
import type { Family } from './values';
import { atLeast, formatVersion } from './version';
import type { Version } from './version';
import { versionLabel, versionShort } from './versionText';

/** Where a row's value comes from. */
export type RowSource = 'env' | 'valueFrom' | 'default' | 'args' | 'unknown';

/** One variable the image's version reads. */
export interface ExplanationRow {
  readonly name: string;
  /** The effective value as text; undefined when the manifest does not show it. */
  readonly value?: string;
  readonly source: RowSource;
  /** Where the value comes from, in words: "env", "from the Pod: status.podIP", "default for v0.8.9". */
  readonly detail: string;
  /** The catalog's feature area. */
  readonly area: Mode;
  /** The env entry's name, when the env sets it. */
  readonly span?: Span;
}

export type IgnoredKind = 'not-kube-vip' | 'version' | 'shadowed' | 'not-parsed' | 'no-effect';

/** An env entry that is set but changes nothing. */
export interface IgnoredEntry {
  readonly name: string;
  /** The entry's name. */
  readonly span: Span;
  readonly kind: IgnoredKind;
  /** Why, as a sentence fragment: "not read from v0.9.0 on: replaced by vip_subnet". */
  readonly why: string;
}

export interface Explanation {
  /** "v0.8.9", "v1.2.3 (assumed: …)" (versionLabel). */
  readonly version: string;
  readonly versionSource: VersionSource;
  /** The code-lens line: "kube-vip v0.8.9 · ARP · control plane 192.168.0.40/32 · …". */
  readonly summary: string;
  /** Set entries first in manifest order, then the rest in catalog order. */
  readonly rows: readonly ExplanationRow[];
  readonly ignored: readonly IgnoredEntry[];
}

const memo = new WeakMap<KubeVipContainer, Explanation>();

/** The effective configuration of a container, for people: computed once per container. */
export function explain(container: KubeVipContainer): Explanation {
  let explanation = memo.get(container);
  if (!explanation) memo.set(container, (explanation = compute(container)));
  return explanation;
}

function compute(container: KubeVipContainer): Explanation {
  const config = configOf(container);
  const ignored = ignoredEntries(container, config);
  const rows = explainRows(container, config);
  return {
    version: versionLabel(container),
    versionSource: container.versionSource,
    summary: summaryOf(container, config, rows, ignored),
    rows,
    ignored,
  };
}

// ---------------------------------------------------------------- rows

function explainRows(container: KubeVipContainer, config: EffectiveConfig): ExplanationRow[] {
  const label = formatVersion(container.version);
  const set: { row: ExplanationRow; index: number }[] = [];
  const fromArgs: ExplanationRow[] = [];
  const unset: ExplanationRow[] = [];
  for (const spec of ENV_VARS) {
    if (!isReadBy(spec, container.version)) continue;
    const entry = container.envByName.get(spec.name);
    const notParsed = entry && !isUnset(entry) ? config.notParsed(spec.name) : undefined;
    if (entry && !isUnset(entry) && !notParsed) {
      set.push({ row: envRow(container, spec, entry), index: entry.index });
      continue;
    }
    const fallback = unsetRow(container, spec, label);
    if (notParsed) {
      const why = `the env value is ignored: ${notParsedWhy(notParsed)}`;
      set.push({ row: { ...fallback, detail: `${fallback.detail} (${why})`, span: entry!.nameSpan }, index: entry!.index });
    } else if (fallback.source === 'args') fromArgs.push(fallback);
    else unset.push(fallback);
  }
  set.sort((a, b) => a.index - b.index);
  return [...set.map((s) => s.row), ...fromArgs, ...unset];
}

function envRow(container: KubeVipContainer, spec: EnvVarSpec, entry: EnvEntry): ExplanationRow {
  const base = { name: spec.name, area: spec.mode, span: entry.nameSpan };
  if (entry.fromRef) return { ...base, source: 'valueFrom', detail: valueFromText(container, entry) };
  if (entry.templated) return { ...base, source: 'unknown', detail: 'templated value: known once rendered' };
  if (entry.value === undefined) return { ...base, source: 'unknown', detail: 'not a string: the API server rejects it' };
  const noEffect = noEffectFor(spec, container.version);
  return { ...base, value: entry.value, source: 'env', detail: noEffect ? 'env (no effect on this version)' : 'env' };
}

/** A variable the env leaves unset: its flag in args, an outside source that may set it, or the default. */
function unsetRow(container: KubeVipContainer, spec: EnvVarSpec, label: string): ExplanationRow {
  const base = { name: spec.name, area: spec.mode };
  const def = defaultFor(spec, container.version);
  const orDefault = def === undefined ? '' : `; else the default for ${label}`;
  const outside = outsideSources(container);
  const flagName = spec.cliFlag?.replace(/^-+/, '');
  const arg = flagName ? flagArg(container, flagName) : undefined;
  if (arg && outside.length === 0) {
    return { ...base, value: argValue(container, spec, arg), source: 'args', detail: `container args: ${arg.value}` };
  }
  if (arg) outside.unshift(`its flag ${arg.value} in args`);
  if (outside.length > 0) return { ...base, source: 'unknown', detail: `${outside.join(', ')} may set it${orDefault}` };
  if (spec.implicit) return { ...base, value: def, source: 'default', detail: 'the runtime' };
  return { ...base, value: def, source: 'default', detail: `default for ${label}` };
}

/** The sources other than the env list and a flag that may set any variable (sources.ts). */
function outsideSources(container: KubeVipContainer): string[] {
  const out: string[] = [];
  if (container.hasEnvFrom) out.push('envFrom');
  if (usesConfigFile(container)) out.push('a config file');
  if (container.env.some((e) => isTemplated(e.name))) out.push('a templated env name');
  return out;
}

/** The value a `manager` flag gives: `--flag=value`, `--flag value`, or a bare boolean flag ("true"). */
function argValue(container: KubeVipContainer, spec: EnvVarSpec, arg: { value: string }): string | undefined {
  const inline = /^--?[A-Za-z][\w-]*=(.*)$/.exec(arg.value)?.[1];
  if (inline !== undefined) return inline;
  if (spec.type === 'bool') return 'true';
  const next = container.args[container.args.indexOf(arg as (typeof container.args)[number]) + 1]?.value;
  return next !== undefined && !next.startsWith('-') ? next : undefined;
}

/** "from the Pod: status.podIP", "from ConfigMap kube-vip, key address": read from the entry's YAML node. */
function valueFromText(container: KubeVipContainer, entry: EnvEntry): string {
  const node = entryNode(container, entry);
  const from = get(node, 'valueFrom');
  const field = getString(get(from, 'fieldRef'), 'fieldPath');
  if (field) return `from the Pod: ${field}`;
  const resourceField = getString(get(from, 'resourceFieldRef'), 'resource');
  if (resourceField) return `from the container's resources: ${resourceField}`;
  for (const [key, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
    const ref = get(from, key);
    if (ref) return `from ${kind} ${getString(ref, 'name') ?? '?'}, key ${getString(ref, 'key') ?? '?'}`;
  }
  return 'from valueFrom';
}

function entryNode(container: KubeVipContainer, entry: EnvEntry): unknown {
  if (!Number.isFinite(container.documentOffset)) return undefined;
  const start = entry.itemSpan.start - container.documentOffset;
  let found: unknown;
  visit(container.document.doc, {
    Map(_key, node) {
      if (node.range?.[0] === start && isMap(node) && node.has('valueFrom')) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
    Alias: () => visit.SKIP,
  });
  return found;
}

// ---------------------------------------------------------------- ignored entries

function ignoredEntries(container: KubeVipContainer, config: EffectiveConfig): IgnoredEntry[] {
  const label = formatVersion(container.version);
  const out: IgnoredEntry[] = [];
  for (const entry of container.env) {
    const add = (kind: IgnoredKind, why: string) => out.push({ name: entry.name, span: entry.nameSpan, kind, why });
    if (isTemplated(entry.name)) continue;
    const winner = container.envByName.get(entry.name)!;
    if (winner !== entry) {
      add('shadowed', `a later ${entry.name} entry${winner.value !== undefined ? ` ("${clip(winner.value)}")` : ''} replaces it: Kubernetes passes the last one`);
      continue;
    }
    if (isUnset(entry)) continue;
    const spec = lookup(entry.name);
    if (!spec) {
      // A variable the args use as $(NAME) has an effect, on the command line.
      if (container.args.some((a) => a.value.includes(`$(${entry.name})`))) continue;
      add('not-kube-vip', notKubeVipWhy(entry.name));
      continue;
    }
    if (!isReadBy(spec, container.version)) {
      add('version', versionWhy(spec, container.version));
      continue;
    }
    const notParsed = config.notParsed(entry.name);
    if (notParsed) {
      add('not-parsed', notParsedWhy(notParsed));
      continue;
    }
    const noEffect = noEffectFor(spec, container.version);
    if (noEffect) add('no-effect', `no effect on ${label}: ${noEffect}`);
  }
  return out;
}

function notKubeVipWhy(name: string): string {
  const known = lookupIgnored(name);
  if (known) return `not a kube-vip variable: ${known.reason}${known.use ? ` Use ${known.use}.` : known.useArg ? ` Pass ${known.useArg} in args.` : ''}`;
  const setting = lookupSettingName(name);
  if (setting) {
    const what = setting.kind === 'flag' ? `the manager flag ${setting.spelling}` : `the config field ${setting.spelling}`;
    return `not a kube-vip variable: ${what}, whose variable is ${setting.specs.map((s) => s.name).join(' or ')}`;
  }
  return 'not a kube-vip variable';
}

function versionWhy(spec: EnvVarSpec, version: Version): string {
  if (!atLeast(version, spec.since)) return `not read by ${formatVersion(version)}: kube-vip reads it from ${spec.since}`;
  const instead = spec.replacedBy ? `: replaced by ${spec.replacedBy}${spec.replacementDiffers ? ` (${spec.replacementDiffers})` : ''}` : '';
  return `not read from ${spec.until} on${instead}`;
}

function notParsedWhy(notParsed: NotParsed): string {
  switch (notParsed.reason) {
    case 'gate':
      return `read only when ${notParsed.gate} is set`;
    case 'table-id':
      return `v0.8.2–v0.8.4 stop reading the env after a valid vip_routingtableid ("${notParsed.tableId.value}")`;
    default:
      return 'not read by this version';
  }
}

// ---------------------------------------------------------------- summary

function summaryOf(container: KubeVipContainer, config: EffectiveConfig, rows: readonly ExplanationRow[], ignored: readonly IgnoredEntry[]): string {
  const parts = [`kube-vip ${versionShort(container)}`, modeText(config), controlPlaneText(config), servicesText(config)];
  if (electionReason(config)) parts.push(`leader election ${electionTimings(container, rows)} s`);
  if (ignored.length > 0) parts.push(`${ignored.length} ignored`);
  return parts.join(' · ');
}

function modeText(config: EffectiveConfig): string {
  if (config.mode === 'none') return 'no mode';
  if (config.mode === 'unknown') return 'mode unknown';
  return MODE_LABEL[config.mode];
}

function controlPlaneText(config: EffectiveConfig): string {
  if (config.controlPlane === 'off') return 'control plane off';
  if (config.controlPlane === 'unknown') return 'control plane ?';
  const address = config.address;
  if (!address) return config.addressUnknown ? 'control plane ?' : 'control plane without address';
  const ips = address.value.split(',').map((p) => p.trim());
  const literal = ips.filter((ip) => !address.dnsNames.includes(ip));
  const shown = ips.map((ip) => {
    const family = address.families[literal.indexOf(ip)];
    return family === undefined ? `${ip}/?` : `${ip}/${prefixFor(config, 'control-plane', family)}`;
  });
  return `control plane ${shown.join(', ')}`;
}

function servicesText(config: EffectiveConfig): string {
  if (config.services === 'off') return 'Services off';
  if (config.services === 'unknown') return 'Services ?';
  return `Services (IPv4 /${prefixFor(config, 'services', 'ipv4')}, IPv6 /${prefixFor(config, 'services', 'ipv6')})`;
}

/**
 * The prefix a VIP of `family` gets, or "?" when the manifest does not tell. The list in effect comes
 * from configOf().prefixList and appliedPrefix() knows how each version and mode applies it. When the
 * mode does not use the list (before v0.9.0), the address gets the full mask, or a legacy vip_subnet
 * suffix appended as written (v0.8.4:pkg/vip/address.go:69-75, 97-107).
 */
function prefixFor(config: EffectiveConfig, target: Target, family: Family): string {
  const { container } = config;
  const legacy = !atLeast(container.version, PREFIX_LIST.subnetListForm) ? container.envByName.get('vip_subnet') : undefined;
  const legacySet = legacy !== undefined && !isUnset(legacy);
  const list = config.prefixList;
  let value: string | undefined;
  if (list.source === 'env' || list.source === 'derived') value = list.value;
  else if (list.source === 'none') value = literalDefault(lookup(list.name), container) ?? '';
  const applied = appliedPrefix(config, value ?? '', target, family);
  if (applied.used === false) {
    if (!legacySet) return family === 'ipv4' ? '32' : '128';
    return legacy.value !== undefined && /^\/\d+$/.test(legacy.value) ? legacy.value.slice(1) : '?';
  }
  if (applied.used === 'unknown' || legacySet) return '?';
  // Services on v0.9.0+ fall back to 32/128 when the list is missing; appliedPrefix knows that.
  if (value === undefined && !(atLeast(container.version, PREFIX_LIST.subnetListForm) && target === 'services')) return '?';
  return applied.prefix === '' ? '?' : applied.prefix;
}

/** A default the catalog writes as a quoted literal ('"32"'), else undefined (prose is not a value). */
function literalDefault(spec: EnvVarSpec | undefined, container: KubeVipContainer): string | undefined {
  const text = spec && defaultFor(spec, container.version);
  return text !== undefined ? /^"([^"]*)"$/.exec(text)?.[1] : undefined;
}

/** "5/3/1": lease, renew and retry seconds; "?" for one the manifest does not tell. */
function electionTimings(container: KubeVipContainer, rows: readonly ExplanationRow[]): string {
  return ['vip_leaseduration', 'vip_renewdeadline', 'vip_retryperiod']
    .map((name) => {
      const row = rows.find((r) => r.name === name);
      if (!row || (row.source !== 'env' && row.source !== 'default')) return '?';
      return effectiveInt(container, name)?.value ?? '?';
    })
    .join('/');
}

// ---------------------------------------------------------------- rendering

const MAX_VALUE = 80;

function clip(text: string): string {
  const line = text.replace(/\r?\n/g, '⏎');
  return line.length > MAX_VALUE ? `${line.slice(0, MAX_VALUE - 1)}…` : line;
}

/** The Markdown table for a hover: the summary, then Setting | Value | From, then what is set but ignored. */
export function explanationMarkdown(explanation: Explanation): string {
  const lines = [`**${md(explanation.summary)}**`, ''];
  lines.push('| Setting | Value | From |', '| --- | --- | --- |');
  for (const row of explanation.rows) lines.push(`| \`${row.name}\` | ${cellValue(row)} | ${md(row.detail)} |`);
  if (explanation.ignored.length > 0) {
    lines.push('', '**Set but ignored**', '');
    for (const item of explanation.ignored) lines.push(`- \`${item.name}\`: ${md(item.why)}`);
  }
  return lines.join('\n');
}

/** The same as plain text for a terminal: aligned columns, then what is set but ignored. */
export function explanationText(explanation: Explanation): string {
  const table = [['SETTING', 'VALUE', 'FROM'], ...explanation.rows.map((r) => [r.name, r.value === undefined ? '?' : clip(r.value), r.detail])];
  const widths = [0, 1].map((i) => Math.max(...table.map((cells) => cells[i].length)));
  const lines = [explanation.summary, ''];
  for (const cells of table) lines.push(`${cells[0].padEnd(widths[0])}  ${cells[1].padEnd(widths[1])}  ${cells[2]}`.trimEnd());
  if (explanation.ignored.length > 0) {
    lines.push('', 'Set but ignored:');
    for (const item of explanation.ignored) lines.push(`  ${item.name}: ${item.why}`);
  }
  return lines.join('\n');
}

/** A value as written in the manifest is code; a default is the catalog's words ('unset (all namespaces)'). */
function cellValue(row: ExplanationRow): string {
  if (row.value === undefined) return '?';
  return row.source === 'default' ? md(clip(row.value)) : code(clip(row.value));
}

/** Text in a table cell: pipes escaped, angle brackets kept visible (editors strip HTML tags). */
function md(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A value as a code span; one holding a backtick or a pipe is shown as escaped text instead. */
function code(text: string): string {
  return /[`|]/.test(text) ? md(text).replace(/`/g, '\\`') : `\`${text}\``;
}

/** A code lens over a kube-vip container's image: the summary of what it will do. */
export interface EffectiveConfigLens {
  /** The image value. */
  readonly span: Span;
  readonly title: string;
  /** Which container of the analysis (its index), for the full table. */
  readonly index: number;
}

/** One lens per kube-vip container, over its image (in Helm values, the image's repository or tag). */
export function effectiveConfigLenses(containers: readonly KubeVipContainer[]): EffectiveConfigLens[] {
  return containers.map((container, index) => ({ span: container.imageSpan, title: explain(container).summary, index }));
}
