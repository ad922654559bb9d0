/**
 * kube-vip looks every variable up by its exact, case-sensitive name, so a misspelt one
 * (`vip_arprate`, `bgp_source_if`, the docs' `annotations`) is silently ignored (pitfall 26), and so is
 * a `manager` flag name or a Go config field name written as an env name (`servicesElection`,
 * `enableServicesElection`). Names in the catalog are not ours: env-var-version reports the ones this
 * image does not read.
 */
import { ENV_VARS, IGNORED_NAMES, isReadBy, lookup, lookupIgnored, lookupSettingName } from '../catalog';
import type { EnvVarSpec, IgnoredName, SettingName } from '../catalog';
import { acceptsValue } from '../accepts';
import { renameEntry } from '../fixes';
import { isTemplated } from '../model';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix } from '../types';
import { formatVersion } from '../version';
import { versionNote, versionShort } from '../versionText';
import { defineRule } from './rule';
import type { RuleContext, RuleFinding } from './rule';
import { editDistance } from '../suggest';
import { fit, named, shown } from '../headline';

/**
 * Names with no close match are flagged only when they look like kube-vip's own (these prefixes,
 * case-insensitive). Anything else (TZ, HTTP_PROXY, GODEBUG, ...) may be read by the Go runtime or a
 * library, so it is left alone.
 */
const KUBE_VIP_PREFIXES = [
  'vip_', 'bgp_', 'svc_', 'cp_', 'lb_', 'egress_', 'dns_', 'dhcp_', 'prometheus_', 'enable_', 'zebra_',
  'mpbgp_', 'control_plane_', 'health_check', 'k8s_', 'mirror_', 'backend_', 'iptables_',
];

/** Catalog names a misspelling may point at: runtime-injected names and fallback aliases are never the best advice. */
const SUGGESTIBLE = ENV_VARS.filter((spec) => !spec.implicit && !spec.aliasOf);

/** Catalog names in lower case: a name spelt like one of them gets the case finding, not the flag or field one. */
const CATALOG_LOWER = new Set(ENV_VARS.map((spec) => spec.name.toLowerCase()));

const MESSAGES = {
  wrongCase: 'a catalog name written in another case: names are case-sensitive',
  spelling: 'a catalog name written with other separators',
  typo: 'a close misspelling of one catalog name',
  ambiguous: 'a misspelling close to several catalog names',
  knownWrong: 'a name people write that kube-vip never reads, with its specific reason',
  flagName: 'the name of a kube-vip manager flag written as an env name',
  configField: 'the name of a kube-vip Go config field written as an env name',
  noMatch: 'a kube-vip-looking name with no close catalog name',
};
type Id = keyof typeof MESSAGES;
type Finding = RuleFinding<Id>;

export const rule = defineRule({
  id: 'unknown-env-var',
  defaultSeverity: 'warning',
  description: 'An env name kube-vip does not read (a misspelling, a wrong case, a name from outdated docs) is silently ignored.',
  messages: MESSAGES,
  requires: { researchedVersion: true },
  check(context) {
    const { container } = context;
    // Before the researched range the catalog may miss names that old releases read.
    const referenced = referencedNames(context);
    const findings: Finding[] = [];
    for (const entry of container.env) {
      // A name another value or arg expands with $(NAME) is a helper variable, not a setting meant for kube-vip.
      if (lookup(entry.name) || isTemplated(entry.name) || referenced.has(entry.name)) continue;
      const finding = checkName(context, entry);
      if (finding) findings.push(finding);
    }
    return findings;
  },
});

/** Names that env values or container args expand with Kubernetes' `$(NAME)` syntax. */
function referencedNames({ container, text }: RuleContext): Set<string> {
  const sources = [
    ...container.env.flatMap((e) => (e.valueSpan ? [text.slice(e.valueSpan.start, e.valueSpan.end)] : [])),
    ...container.args.map((a) => a.value),
  ];
  return new Set(sources.flatMap((source) => [...source.matchAll(/\$\(([-._a-zA-Z0-9]+)\)/g)].map((m) => m[1])));
}

function checkName(context: RuleContext, entry: EnvEntry): Finding | undefined {
  const { container } = context;
  const ignored = lookupIgnored(entry.name);
  if (ignored) return ignoredFinding(context, entry, ignored);
  // A variable spelt in another case (enableupnp, VIP_CIDR) is closer than a flag or field of the same letters.
  const setting = CATALOG_LOWER.has(entry.name.toLowerCase()) ? undefined : lookupSettingName(entry.name);
  if (setting) return settingFinding(context, entry, setting);
  const suggestions = suggest(entry.name, container);
  if (suggestions.length > 0) return suggestionFinding(context, entry, suggestions);
  const loose = IGNORED_NAMES.find((i) => normalise(i.name) === normalise(entry.name));
  if (loose) return ignoredFinding(context, entry, loose);
  const lower = entry.name.toLowerCase();
  if (!KUBE_VIP_PREFIXES.some((prefix) => lower.startsWith(prefix))) return undefined;
  return {
    messageId: 'noMatch',
    span: entry.nameSpan,
    message: fit(`${notRead(entry, container)} Check the spelling.`, `Unknown variable ${named(entry.name, 50)}: kube-vip ignores it. Check the spelling.`),
    detail: detailOf(container, IGNORED, 'No kube-vip variable has a similar name: check the spelling against the kube-vip documentation for this version.'),
  };
}

/** The headline's start: "vip_arprate is not a kube-vip variable (v1.2.3 ignores it)." */
function notRead(entry: EnvEntry, container: KubeVipContainer): string {
  return `${entry.name} is not a kube-vip variable: ${versionShort(container)} ignores it.`;
}

/** The detail's start for a name kube-vip does not read. */
const IGNORED = 'kube-vip looks each variable up by its exact, case-sensitive name, so this entry is silently ignored.';

/** Sentences of a detail, then where the version came from when the tag does not say. */
function detailOf(container: KubeVipContainer, ...sentences: string[]): string {
  return [...sentences, versionNote(container)].filter((s) => s).join(' ');
}

/** A name from the catalog's list of known wrong names, with its specific reason. */
function ignoredFinding(context: RuleContext, entry: EnvEntry, ignored: IgnoredName): Finding {
  const lead = notRead(entry, context.container);
  let message = `${lead} Remove it.`;
  const fixes: Fix[] = [];
  if (ignored.use) {
    message = `${lead} Use ${ignored.use} instead.`;
    addRename(fixes, context, entry, ignored.use);
  } else if (ignored.useArg) {
    const value = entry.value;
    const arg = value ? ignored.useArg.replace(/<[^>]+>/, () => shown(value, 16).slice(1, -1)) : ignored.useArg;
    message = fit(`${lead} Pass ${arg} in the container's args instead.`, `${lead} Pass ${arg} as an arg instead.`, `Unknown variable ${named(entry.name, 30)}: pass ${arg} as an arg instead.`);
  }
  return { messageId: 'knownWrong', span: entry.nameSpan, message, detail: detailOf(context.container, IGNORED, ignored.reason), fixes };
}

/** A flag or config field name: "X is a kube-vip flag, not an env var (v1.2.3 ignores it). Use Y." */
function settingFinding(context: RuleContext, entry: EnvEntry, setting: SettingName): Finding {
  const { container } = context;
  const label = formatVersion(container.version);
  // The main name when this image reads it, else a fallback it reads (EGRESS_CLEAN before v1.0.0), else the main name.
  const read = setting.specs.filter((s) => isReadBy(s, container.version));
  const primary = read.find((s) => !s.aliasOf) ?? read[0] ?? setting.specs.find((s) => !s.aliasOf) ?? setting.specs[0];
  // The flag and the field went with their variable (--cidr and VIPCIDR with vip_cidr in v0.9.0).
  const gone = read.length === 0 ? primary.until : undefined;
  const what =
    setting.kind === 'flag'
      ? `the kube-vip ${setting.spelling} flag${gone ? ` (until ${gone})` : ''}`
      : `the kube-vip config field ${setting.spelling} (pkg/kubevip/config_types.go${gone ? `, until ${gone}` : ''})`;
  let detail = `kube-vip never reads ${entry.name} from the environment, so this entry is silently ignored: ${entry.name} is ${what}.`;
  const lead = `${entry.name} is a kube-vip ${setting.kind === 'flag' ? 'flag' : 'config field'}, not an env var: ${versionShort(container)} ignores it.`;
  const target = renameTarget(primary, container);
  let message: string;
  const fixes: Fix[] = [];
  if (target === primary.name) {
    detail += ` The env var is ${primary.name}.`;
    message = `${lead} Use ${target}.`;
  } else if (target) {
    detail += ` Its env var ${primary.name} is not read by ${label} either; use ${target}.`;
    message = `${lead} Use ${target}.`;
  } else {
    detail += ` Its env var ${primary.name} is not read by ${label} either (it is read from ${primary.since}${primary.until ? ` until ${primary.until}` : ''}).`;
    message = fit(`${lead} ${primary.name} is not read either.`, lead);
  }
  if (target) addRename(fixes, context, entry, target);
  return { messageId: setting.kind === 'flag' ? 'flagName' : 'configField', span: entry.nameSpan, message, detail: detailOf(container, detail), fixes };
}

/**
 * The best catalog names for a misspelling: case-insensitive equality, then equality ignoring
 * `_`/`-` and case, then a small edit distance. Names this image reads win over names it does not;
 * several suggestions come back only when they tie.
 */
export function suggest(name: string, container: KubeVipContainer): EnvVarSpec[] {
  const lower = name.toLowerCase();
  const limit = lower.length >= 6 ? 2 : 1;
  const found: { spec: EnvVarSpec; score: number }[] = [];
  for (const spec of SUGGESTIBLE) {
    const candidate = spec.name.toLowerCase();
    // Lower is better: same letters before typos, then read by this image, then case before separators, then distance.
    const unread = isReadBy(spec, container.version) ? 0 : 100;
    if (candidate === lower) found.push({ spec, score: unread });
    else if (normalise(candidate) === normalise(lower)) found.push({ spec, score: unread + 10 });
    else {
      const distance = editDistance(lower, candidate, limit);
      if (distance <= limit) found.push({ spec, score: 1000 + unread + distance });
    }
  }
  const best = Math.min(...found.map((f) => f.score));
  return found.filter((f) => f.score === best).map((f) => f.spec);
}

/** Lower case without `_` and `-`: "bgp_source_if" and "bgp_sourceif" meet. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** A misspelling with one or more catalog names to suggest. */
function suggestionFinding(context: RuleContext, entry: EnvEntry, suggestions: readonly EnvVarSpec[]): Finding {
  const { container } = context;
  const lead = notRead(entry, container);
  const fixes: Fix[] = [];
  if (suggestions.length > 1) {
    const names = suggestions.map((s) => s.name);
    const question = `Did you mean ${names.join(' or ')}?`;
    return {
      messageId: 'ambiguous',
      span: entry.nameSpan,
      message: fit(`${lead} ${question}`, `${lead} Did you mean ${names[0]} or ${names.length - 1} other name${names.length > 2 ? 's' : ''}?`, `Unknown variable ${named(entry.name, 30)}: did you mean ${names[0]}?`),
      detail: detailOf(container, IGNORED, `Several kube-vip variables have a similar name. ${question}`),
      fixes,
    };
  }
  const [spec] = suggestions;
  let messageId: Id;
  let why: string;
  if (spec.name.toLowerCase() === entry.name.toLowerCase()) {
    messageId = 'wrongCase';
    why = `Names are case-sensitive: the variable is ${spec.name}.`;
  } else if (normalise(spec.name) === normalise(entry.name)) {
    messageId = 'spelling';
    why = `The variable is spelt ${spec.name}.`;
  } else {
    messageId = 'typo';
    why = `The closest kube-vip variable is ${spec.name}.`;
  }
  const question = `Did you mean ${spec.name}?`;
  const target = renameTarget(spec, container);
  let message = fit(`${lead} ${question}`, `Unknown variable ${named(entry.name, 30)}: did you mean ${spec.name}?`);
  if (target !== spec.name) {
    why += ` ${formatVersion(container.version)} does not read ${spec.name} either (it is read from ${spec.since}${spec.until ? ` until ${spec.until}` : ''})`;
    why += target ? `; use ${target}.` : '.';
    message = target ? fit(`${lead} Use ${target}.`, `Unknown variable ${named(entry.name, 30)}: use ${target}.`) : fit(`${lead} ${question} It is not read either.`, message);
  }
  if (target) addRename(fixes, context, entry, target);
  return { messageId, span: entry.nameSpan, message, detail: detailOf(container, IGNORED, why), fixes };
}

/** The name to rename to: the suggestion when this image reads it, else its same-meaning replacement when that is read. */
function renameTarget(spec: EnvVarSpec, container: KubeVipContainer): string | undefined {
  if (isReadBy(spec, container.version)) return spec.name;
  const replacement = spec.replacedBy && !spec.replacementDiffers ? lookup(spec.replacedBy) : undefined;
  return replacement && isReadBy(replacement, container.version) ? replacement.name : undefined;
}

/** A rename, unless the target is already set (the rename would create a duplicate); preferred when the value suits the target. */
function addRename(fixes: Fix[], context: RuleContext, entry: EnvEntry, target: string): void {
  if (context.container.envByName.has(target)) return;
  const edit = renameEntry(entry, target, context.text);
  if (edit) fixes.push({ title: `Rename ${entry.name} to ${target}`, edits: [edit], preferred: valueSuits(context.container, entry, target) });
}

/**
 * Whether a renamed entry's value works under its new name: the parser model must not reject a literal
 * ("yes" for a boolean, "128" for IPv4 Services); a reference keeps whatever it resolves to. A fallback name
 * may read values its own way (EGRESS_CLEAN up to v0.9.2 cleans up on "false" in ARP mode), so never.
 */
export function valueSuits(container: KubeVipContainer, entry: EnvEntry, target: string): boolean {
  if (lookup(target)?.aliasOf || entry.nonString) return false;
  return entry.value === undefined || acceptsValue(container, target, entry.value) !== false;
}
