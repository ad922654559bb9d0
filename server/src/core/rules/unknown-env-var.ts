/**
 * kube-vip looks every variable up by its exact, case-sensitive name, so a misspelt one
 * (`vip_arprate`, `bgp_source_if`, the docs' `annotations`) is silently ignored (pitfall 26).
 * Names in the catalog are not ours: env-var-version reports the ones this image does not read.
 */
import { RESEARCHED_FROM } from '../catalog/behaviour';
import { ENV_VARS, IGNORED_NAMES, isReadBy, lookup, lookupIgnored } from '../catalog';
import type { EnvVarSpec, IgnoredName } from '../catalog';
import { renameEntry } from '../fixes';
import { isTemplated } from '../model';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix } from '../types';
import { atLeast } from '../version';
import { versionLabel } from '../versionText';
import type { Rule, RuleContext, RuleFinding } from './rule';

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

export const rule: Rule = {
  id: 'unknown-env-var',
  defaultSeverity: 'warning',
  description: 'An env name kube-vip does not read (a misspelling, a wrong case, a name from outdated docs) is silently ignored.',
  check(context) {
    const { container } = context;
    // Before the researched range the catalog may miss names that old releases read.
    if (!atLeast(container.version, RESEARCHED_FROM)) return [];
    const findings: RuleFinding[] = [];
    for (const entry of container.env) {
      if (lookup(entry.name) || isTemplated(entry.name)) continue;
      const finding = checkName(context, entry);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

function checkName(context: RuleContext, entry: EnvEntry): RuleFinding | undefined {
  const { container } = context;
  const ignored = lookupIgnored(entry.name);
  if (ignored) return ignoredFinding(context, entry, ignored);
  const suggestions = suggest(entry.name, container);
  if (suggestions.length > 0) return suggestionFinding(context, entry, suggestions);
  const loose = IGNORED_NAMES.find((i) => normalise(i.name) === normalise(entry.name));
  if (loose) return ignoredFinding(context, entry, loose);
  const lower = entry.name.toLowerCase();
  if (!KUBE_VIP_PREFIXES.some((prefix) => lower.startsWith(prefix))) return undefined;
  return {
    span: entry.nameSpan,
    message: `${ignoredPrefix(entry, container)} No kube-vip variable has a similar name: check the spelling against the kube-vip documentation for this version.`,
  };
}

/** "kube-vip does not read X, so on v1.2.3 this entry is silently ignored." */
function ignoredPrefix(entry: EnvEntry, container: KubeVipContainer): string {
  return `kube-vip does not read ${entry.name}, so on ${versionLabel(container)} this entry is silently ignored.`;
}

/** A name from the catalog's list of known wrong names, with its specific reason. */
function ignoredFinding(context: RuleContext, entry: EnvEntry, ignored: IgnoredName): RuleFinding {
  let message = `${ignoredPrefix(entry, context.container)} ${ignored.reason}`;
  const fixes: Fix[] = [];
  if (ignored.use) {
    message += ` Use ${ignored.use} instead.`;
    addRename(fixes, context, entry, ignored.use);
  } else if (ignored.useArg) {
    const value = entry.value;
    const arg = value ? ignored.useArg.replace(/<[^>]+>/, () => value) : ignored.useArg;
    message += ` Pass ${arg} in the container's args instead.`;
  }
  return { span: entry.nameSpan, message, fixes };
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
function suggestionFinding(context: RuleContext, entry: EnvEntry, suggestions: readonly EnvVarSpec[]): RuleFinding {
  const { container } = context;
  let message = ignoredPrefix(entry, container);
  const fixes: Fix[] = [];
  if (suggestions.length > 1) {
    message += ` Did you mean ${suggestions.map((s) => s.name).join(' or ')}?`;
    return { span: entry.nameSpan, message, fixes };
  }
  const [spec] = suggestions;
  if (spec.name.toLowerCase() === entry.name.toLowerCase()) message += ` Names are case-sensitive: the variable is ${spec.name}.`;
  else if (normalise(spec.name) === normalise(entry.name)) message += ` The variable is spelt ${spec.name}.`;
  else message += ` Did you mean ${spec.name}?`;
  const target = renameTarget(spec, container);
  if (target !== spec.name) {
    message += ` ${versionLabel(container)} does not read ${spec.name} either (it is read from ${spec.since}${spec.until ? ` until ${spec.until}` : ''})`;
    message += target ? `; use ${target}.` : '.';
  }
  if (target) addRename(fixes, context, entry, target);
  return { span: entry.nameSpan, message, fixes };
}

/** The name to rename to: the suggestion when this image reads it, else its same-meaning replacement when that is read. */
function renameTarget(spec: EnvVarSpec, container: KubeVipContainer): string | undefined {
  if (isReadBy(spec, container.version)) return spec.name;
  const replacement = spec.replacedBy && !spec.replacementDiffers ? lookup(spec.replacedBy) : undefined;
  return replacement && isReadBy(replacement, container.version) ? replacement.name : undefined;
}

/** A preferred rename, unless the target is already set (the rename would create a duplicate). */
function addRename(fixes: Fix[], context: RuleContext, entry: EnvEntry, target: string): void {
  if (context.container.envByName.has(target)) return;
  const edit = renameEntry(entry, target, context.text);
  if (edit) fixes.push({ title: `Rename ${entry.name} to ${target}`, edits: [edit], preferred: true });
}

/** Optimal-string-alignment (Damerau-Levenshtein) distance; stops early, returning limit + 1, once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}
