/**
 * Boolean variables go through Go's strconv.ParseBool, which accepts only 1 t T TRUE true True and
 * 0 f F FALSE false False: "yes", "on" or "enabled" abort start-up (pitfalls.md §7). Three variables
 * were lenient in older releases and misbehave silently instead.
 */
import { GO_FALSE, GO_TRUE, isUnset, readLiteralEntries } from '../env';
import { removeEntry, renameEntry, replaceValue } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix } from '../types';
import { atLeast, inRange } from '../version';
import { versionLabel } from '../versionText';
import { abortOutcome, strconvError } from '../outcomes';
import { isOff } from '../sources';
import type { Rule, RuleContext, RuleFinding } from './rule';

/** enableUPNP and the any-non-empty EGRESS_CLEAN were replaced by strict booleans in v1.0.0 (pitfalls.md §7, §27). */
const STRICT_FROM = 'v1.0.0';
/** v0.6.0–v0.9.2 applied service security only for the exact "true" (v0.9.2:pkg/vip/address.go:322). */
const EXACT_TRUE = { from: 'v0.6.0', to: 'v0.9.2' } as const;

const TRUTHY = ['true', 't', '1', 'yes', 'y', 'on', 'enabled', 'enable'];
const FALSY = ['false', 'f', '0', 'no', 'n', 'off', 'disabled', 'disable'];

/** "true" or "false" when the spelling says which one is meant (case-insensitive), else undefined. */
function intendedBool(value: string): 'true' | 'false' | undefined {
  const v = value.trim().toLowerCase();
  return TRUTHY.includes(v) ? 'true' : FALSY.includes(v) ? 'false' : undefined;
}

const isGoBool = (v: string) => (GO_TRUE as readonly string[]).includes(v) || (GO_FALSE as readonly string[]).includes(v);

export const rule: Rule = {
  id: 'invalid-bool',
  defaultSeverity: 'error',
  description: 'A boolean kube-vip variable must be one of the spellings Go\'s strconv.ParseBool accepts ("true", "false", "1", "0", ...).',
  check(context) {
    const findings: RuleFinding[] = [];
    for (const { entry } of readLiteralEntries(context.container, ['bool'])) {
      const finding = checkEntry(context, entry);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

function checkEntry(context: RuleContext, entry: EnvEntry): RuleFinding | undefined {
  const { container } = context;
  const value = entry.value!;
  if (entry.name === 'EGRESS_CLEAN') {
    if (!atLeast(container.version, STRICT_FROM)) return lenientEgressClean(context, entry);
    if (!isUnset(container.envByName.get('egress_clean'))) return undefined; // read only when egress_clean is empty
  }
  if (entry.name === 'enableUPNP') return isGoBool(value) ? undefined : silentUpnp(container, entry);
  if (isGoBool(value)) return exactTrueOnly(container, entry);
  if (entry.name === 'vip_loseleadership' && /^\d+$/.test(value) && container.env.filter((e) => e.name === entry.name).length > 1) {
    return undefined; // the generator's duplicate: duplicate-env-var reports it with the same fix
  }
  const intended = intendedBool(value);
  const fixes: Fix[] = [];
  let advice = intended ? `Use "${intended}".` : 'Use "true" or "false".';
  if (intended) addFix(fixes, `Set ${entry.name} to "${intended}"`, replaceValue(entry, intended));
  if (entry.name === 'vip_loseleadership' && /^\d+$/.test(value)) {
    // kube-vip manifest v1.2.2+ writes --loseLeadership's timeout under this name (pitfalls.md §24).
    advice = `kube-vip manifest (v1.2.2 and later) writes the lose-leadership timeout under this name by mistake: the number belongs in vip_loseleadership_timeout_seconds.`;
    if (!container.envByName.has('vip_loseleadership_timeout_seconds')) {
      addFix(fixes, 'Rename to vip_loseleadership_timeout_seconds', renameEntry(entry, 'vip_loseleadership_timeout_seconds', context.text));
    }
  }
  return {
    span: entry.valueSpan!,
    message: `${entry.name} "${value}": kube-vip parses booleans with Go's strconv.ParseBool, which rejects "${value}". ${abortOutcome(container, strconvError('ParseBool', value))}. ${advice}`,
    fixes,
  };
}

/** enable_service_security on v0.6.0–v0.9.2: "True" or "1" parse, but only the exact "true" enables the rules. */
function exactTrueOnly(container: KubeVipContainer, entry: EnvEntry): RuleFinding | undefined {
  const value = entry.value!;
  if (entry.name !== 'enable_service_security' || value === 'true' || !(GO_TRUE as readonly string[]).includes(value)) return undefined;
  if (!inRange(container.version, EXACT_TRUE.from, EXACT_TRUE.to)) return undefined;
  const fixes: Fix[] = [];
  addFix(fixes, 'Set enable_service_security to "true"', replaceValue(entry, 'true'));
  return {
    span: entry.valueSpan!,
    severity: 'warning',
    message: `enable_service_security "${value}": on ${versionLabel(container)} (v0.6.0–v0.9.2) kube-vip parses it, but applies the service security rules only for the exact string "true", so "${value}" silently leaves them off. Use "true".`,
    fixes,
  };
}

/** enableUPNP (up to v0.9.2) drops the ParseBool error: a bad spelling silently means false. */
function silentUpnp(container: KubeVipContainer, entry: EnvEntry): RuleFinding {
  const value = entry.value!;
  const intended = intendedBool(value);
  const fixes: Fix[] = [];
  if (intended) addFix(fixes, `Set enableUPNP to "${intended}"`, replaceValue(entry, intended));
  return {
    span: entry.valueSpan!,
    severity: intended === 'false' ? 'info' : 'warning',
    message: `enableUPNP "${value}": on ${versionLabel(container)} (v0.9.2 and earlier) kube-vip ignores the strconv.ParseBool error, so UPnP is silently off. ${intended ? `Use "${intended}"` : 'Use "true" or "false"'}: its successor enable_upnp (v1.0.0+) aborts start-up on such a value.`,
    fixes,
  };
}

/** EGRESS_CLEAN up to v0.9.2, ARP and WireGuard mode: any non-empty value turns the cleanup on (v0.9.2:pkg/manager/manager_arp.go:86-88). */
function lenientEgressClean(context: RuleContext, entry: EnvEntry): RuleFinding | undefined {
  const { container } = context;
  if (isOff(container, 'vip_arp') && isOff(container, 'vip_wireguard')) return undefined; // other modes parse it strictly or not at all
  const value = entry.value!;
  const intended = intendedBool(value);
  if (intended === 'true' && (GO_TRUE as readonly string[]).includes(value)) return undefined;
  const label = versionLabel(container);
  const lenient = `on ${label} (v0.9.2 and earlier), in ARP and WireGuard mode, kube-vip cleans up egress rules whenever EGRESS_CLEAN is non-empty`;
  const fixes: Fix[] = [];
  let message: string;
  if (intended === 'false') {
    addFix(fixes, 'Remove EGRESS_CLEAN', removeEntry(entry, context.text));
    addFix(fixes, 'Set EGRESS_CLEAN to "" (off on every version)', replaceValue(entry, ''));
    message = `EGRESS_CLEAN "${value}": ${lenient}, so "${value}" turns the cleanup ON. Remove the entry, or set it to "" to keep the cleanup off.`;
  } else {
    if (intended) addFix(fixes, 'Set EGRESS_CLEAN to "true"', replaceValue(entry, 'true'));
    const effect = intended ? 'so this works only because any value does' : `so "${value}" turns the cleanup ON`;
    message = `EGRESS_CLEAN "${value}": ${lenient}, ${effect}; from v1.0.0 it is a strict boolean and "${value}" aborts start-up. Use "true" to clean up, or remove the entry.`;
  }
  return { span: entry.valueSpan!, severity: 'warning', message, fixes };
}

function addFix(fixes: Fix[], title: string, edit: ReturnType<typeof replaceValue>): void {
  if (edit) fixes.push({ title, edits: [edit], preferred: fixes.length === 0 });
}
