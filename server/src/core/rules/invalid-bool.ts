/**
 * Boolean variables go through Go's strconv.ParseBool, which accepts only 1 t T TRUE true True and
 * 0 f F FALSE false False: "yes", "on" or "enabled" abort start-up (pitfalls.md §7). Three variables
 * were lenient in older releases and misbehave silently instead.
 */
import { TABLE_ID_EARLY_RETURN } from '../catalog/behaviour';
import { configOf } from '../config';
import type { NotParsed } from '../config';
import { GO_FALSE, GO_TRUE, isUnset, readLiteralEntries } from '../env';
import { removeEntry, renameEntry, replaceValue } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix } from '../types';
import { atLeast, inRange } from '../version';
import { versionLabel, versionShort } from '../versionText';
import { abortOutcome, abortShort, strconvError } from '../outcomes';
import { fit, shown } from '../headline';
import { defineRule } from './rule';
import type { RuleContext, RuleFinding } from './rule';

/** enableUPNP and the any-non-empty EGRESS_CLEAN were replaced by strict booleans in v1.0.0 (pitfalls.md §7, §27). */
const STRICT_FROM = 'v1.0.0';
/** v0.6.0–v0.9.2 applied service security only for the exact "true" (v0.9.2:pkg/vip/address.go:322). */
const EXACT_TRUE = { from: 'v0.6.0', to: 'v0.9.2' } as const;
/** Table mode parses EGRESS_CLEAN with a lenient ParseBool (a bad value is logged) on v0.8.5–v0.9.2 (v0.8.5:pkg/manager/manager_table.go:42-52). */
const TABLE_EGRESS_CLEAN = { from: 'v0.8.5', to: 'v0.9.2' } as const;

type Id = 'parseError' | 'notParsed' | 'exactTrueOnly' | 'upnpErrorIgnored' | 'egressCleanAnyValue' | 'egressCleanTableSkipped';
type Finding = RuleFinding<Id>;

const TRUTHY = ['true', 't', '1', 'yes', 'y', 'on', 'enabled', 'enable'];
const FALSY = ['false', 'f', '0', 'no', 'n', 'off', 'disabled', 'disable'];

/** "true" or "false" when the spelling says which one is meant (case-insensitive), else undefined. */
function intendedBool(value: string): 'true' | 'false' | undefined {
  const v = value.trim().toLowerCase();
  return TRUTHY.includes(v) ? 'true' : FALSY.includes(v) ? 'false' : undefined;
}

const isGoBool = (v: string) => (GO_TRUE as readonly string[]).includes(v) || (GO_FALSE as readonly string[]).includes(v);

export const rule = defineRule<Id>({
  id: 'invalid-bool',
  defaultSeverity: 'error',
  description: 'A boolean kube-vip variable must be one of the spellings Go\'s strconv.ParseBool accepts ("true", "false", "1", "0", ...).',
  messages: {
    parseError: 'strconv.ParseBool rejects the value, so kube-vip refuses to start',
    notParsed: 'the value would be rejected, but this image never parses it as configured (svc_enable unset, or dropped after vip_routingtableid)',
    exactTrueOnly: 'v0.6.0–v0.9.2: enable_service_security acts only on the exact string "true"',
    upnpErrorIgnored: 'enableUPNP (up to v0.9.2) drops the ParseBool error: a bad spelling silently means false',
    egressCleanAnyValue: 'up to v0.9.2, ARP mode cleans up egress rules for any non-empty EGRESS_CLEAN, "false" included',
    egressCleanTableSkipped: 'v0.8.5–v0.9.2, table mode: an EGRESS_CLEAN that ParseBool rejects is logged and the cleanup skipped',
  },
  check(context) {
    const findings: Finding[] = [];
    for (const { entry } of readLiteralEntries(context.container, ['bool'])) {
      const finding = checkEntry(context, entry);
      if (finding) findings.push(finding);
    }
    return findings;
  },
});

function checkEntry(context: RuleContext, entry: EnvEntry): Finding | undefined {
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
  const notParsed = configOf(container).notParsed(entry.name);
  if (notParsed) return latentError(container, entry, notParsed, intended);
  const fixes: Fix[] = [];
  const use = intended ? `Use "${intended}".` : 'Use "true" or "false".';
  const rejects = `kube-vip parses booleans with Go's strconv.ParseBool, which rejects "${value}".`;
  const abort = `${abortOutcome(container, strconvError('ParseBool', value))}.`;
  if (intended) addFix(fixes, `Set ${entry.name} to "${intended}"`, replaceValue(entry, intended));
  if (entry.name === 'vip_loseleadership' && /^\d+$/.test(value)) {
    // kube-vip manifest v1.2.2+ writes --loseLeadership's timeout under this name (pitfalls.md §24).
    const rename = !container.envByName.has('vip_loseleadership_timeout_seconds');
    if (rename) addFix(fixes, 'Rename to vip_loseleadership_timeout_seconds', renameEntry(entry, 'vip_loseleadership_timeout_seconds', context.text));
    const move = rename ? 'Rename it to vip_loseleadership_timeout_seconds.' : 'Move it to vip_loseleadership_timeout_seconds.';
    return {
      messageId: 'parseError',
      span: entry.valueSpan!,
      message: fit(
        `${entry.name} ${shown(value, 12)} is not a Go boolean: ${abortShort(container)}. ${move}`,
        `${entry.name} ${shown(value, 12)} is not a Go boolean: ${versionShort(container)} refuses to start. ${move}`,
        `${entry.name} is not a Go boolean: ${versionShort(container)} refuses to start. ${move}`,
        `${entry.name} is not a Go boolean: ${versionShort(container)} refuses to start. ${rename ? 'Rename' : 'Move'} to vip_loseleadership_timeout_seconds.`,
      ),
      detail:
        `${rejects} ${abort} kube-vip manifest (v1.2.2 and later) writes the lose-leadership timeout under this name by mistake: ` +
        'the number belongs in vip_loseleadership_timeout_seconds.',
      fixes,
    };
  }
  return {
    messageId: 'parseError',
    span: entry.valueSpan!,
    message: fit(
      `${entry.name} ${shown(value)} is not a Go boolean: ${abortShort(container)}. ${use}`,
      `${entry.name} ${shown(value, 12)} is not a Go boolean: ${abortShort(container)}. ${use}`,
      `${entry.name} ${shown(value, 12)} is not a Go boolean: ${versionShort(container)} refuses to start. ${use}`,
      `${entry.name} is not a Go boolean: ${versionShort(container)} refuses to start. ${use}`,
    ),
    detail: `${rejects} ${abort}`,
    fixes,
  };
}

/**
 * A bad spelling this image never parses (svc_enable unset, or dropped after vip_routingtableid):
 * no refused start now, so only a hint that it becomes one once the variable is read. The other
 * rule (svc-requires-svc-enable, routing-table-id-drops-env) says why it is not read.
 */
function latentError(container: KubeVipContainer, entry: EnvEntry, why: NotParsed, intended: 'true' | 'false' | undefined): Finding {
  const value = entry.value!;
  const fixes: Fix[] = [];
  if (intended) addFix(fixes, `Set ${entry.name} to "${intended}"`, replaceValue(entry, intended));
  const use = intended ? `Use "${intended}".` : 'Use "true" or "false".';
  const gate = why.reason === 'gate';
  const when = gate ? `${versionShort(container)} refuses to start once ${why.gate} is set` : `${versionShort(container)} skips it, v0.8.5+ refuse to start`;
  const detail = gate
    ? `${versionLabel(container)} reads ${entry.name} only when ${why.gate} is set, so this value is not parsed now; once ${why.gate} is set, strconv.ParseBool rejects it and kube-vip refuses to start.`
    : `${versionLabel(container)} (${TABLE_ID_EARLY_RETURN.from}–${TABLE_ID_EARLY_RETURN.to}) stops reading the environment at vip_routingtableid, so this value is not parsed now; from v0.8.5 strconv.ParseBool rejects it and kube-vip refuses to start.`;
  return {
    messageId: 'notParsed',
    span: entry.valueSpan!,
    severity: 'info',
    message: fit(`${entry.name} ${shown(value)} is not a Go boolean: ${when}. ${use}`, `${entry.name} is not a Go boolean: ${when}. ${use}`),
    detail,
    fixes,
  };
}

/** enable_service_security on v0.6.0–v0.9.2: "True" or "1" parse, but only the exact "true" enables the rules. */
function exactTrueOnly(container: KubeVipContainer, entry: EnvEntry): Finding | undefined {
  const value = entry.value!;
  if (entry.name !== 'enable_service_security' || value === 'true' || !(GO_TRUE as readonly string[]).includes(value)) return undefined;
  if (!inRange(container.version, EXACT_TRUE.from, EXACT_TRUE.to)) return undefined;
  const fixes: Fix[] = [];
  addFix(fixes, 'Set enable_service_security to "true"', replaceValue(entry, 'true'));
  return {
    messageId: 'exactTrueOnly',
    span: entry.valueSpan!,
    severity: 'warning',
    message: fit(
      `enable_service_security ${shown(value)} is not the exact "true": ${versionShort(container)} silently leaves service security off. Use "true".`,
      `enable_service_security is not the exact "true": ${versionShort(container)} silently leaves service security off. Use "true".`,
    ),
    detail: `On ${versionLabel(container)} (v0.6.0–v0.9.2) kube-vip parses it, but applies the service security rules only for the exact string "true", so "${value}" leaves them off.`,
    fixes,
  };
}

/** enableUPNP (up to v0.9.2) drops the ParseBool error: a bad spelling silently means false. */
function silentUpnp(container: KubeVipContainer, entry: EnvEntry): Finding {
  const value = entry.value!;
  const intended = intendedBool(value);
  const fixes: Fix[] = [];
  if (intended) addFix(fixes, `Set enableUPNP to "${intended}"`, replaceValue(entry, intended));
  const use = intended ? `Use "${intended}".` : 'Use "true" or "false".';
  return {
    messageId: 'upnpErrorIgnored',
    span: entry.valueSpan!,
    severity: intended === 'false' ? 'info' : 'warning',
    message: fit(
      `enableUPNP ${shown(value)} is not a Go boolean: ${versionShort(container)} ignores the error, so UPnP is silently off. ${use}`,
      `enableUPNP is not a Go boolean: ${versionShort(container)} ignores the error, so UPnP is silently off. ${use}`,
    ),
    detail: `On ${versionLabel(container)} (v0.9.2 and earlier) kube-vip ignores the strconv.ParseBool error. Its successor enable_upnp (v1.0.0+) aborts start-up on such a value.`,
    fixes,
  };
}

/**
 * EGRESS_CLEAN before v1.0.0 is read by the mode managers, not by ParseEnvironment: ARP mode cleans
 * up for any non-empty value (v0.9.2:pkg/manager/manager_arp.go:86-88), table mode (v0.8.5–v0.9.2)
 * uses ParseBool but only logs its error (v0.8.5:pkg/manager/manager_table.go:42-52), and the BGP and
 * WireGuard managers never read it.
 */
function lenientEgressClean(context: RuleContext, entry: EnvEntry): Finding | undefined {
  const { container } = context;
  const config = configOf(container);
  // startARP returns before it reads EGRESS_CLEAN when it serves the control plane only (v0.9.2:pkg/manager/manager_arp.go:68-72, :86).
  if (config.isMode('arp') !== 'off') return config.controlPlane === 'on' && config.services === 'off' ? undefined : anyValueEgressClean(context, entry);
  if (config.isMode('table') !== 'off' && inRange(container.version, TABLE_EGRESS_CLEAN.from, TABLE_EGRESS_CLEAN.to) && !isGoBool(entry.value!)) {
    const value = entry.value!;
    const intended = intendedBool(value);
    const fixes: Fix[] = [];
    if (intended) addFix(fixes, `Set EGRESS_CLEAN to "${intended}"`, replaceValue(entry, intended));
    const use = intended ? `Use "${intended}".` : 'Use "true" or "false".';
    return {
      messageId: 'egressCleanTableSkipped',
      span: entry.valueSpan!,
      severity: 'warning',
      message: fit(
        `EGRESS_CLEAN ${shown(value)} is not a Go boolean: ${versionShort(container)} in table mode logs it and skips the egress cleanup. ${use}`,
        `EGRESS_CLEAN is not a Go boolean: ${versionShort(container)} in table mode logs it and skips the egress cleanup. ${use}`,
      ),
      detail:
        `On ${versionLabel(container)} (${TABLE_EGRESS_CLEAN.from}–${TABLE_EGRESS_CLEAN.to}), in routing-table mode, kube-vip parses it with strconv.ParseBool, ` +
        `logs that it cannot parse "${value}" and skips the egress cleanup. From v1.0.0 it is a strict boolean and "${value}" aborts start-up.`,
      fixes,
    };
  }
  return undefined;
}

/** ARP mode up to v0.9.2: any non-empty value turns the cleanup on. */
function anyValueEgressClean(context: RuleContext, entry: EnvEntry): Finding | undefined {
  const { container } = context;
  const value = entry.value!;
  const intended = intendedBool(value);
  if (intended === 'true' && (GO_TRUE as readonly string[]).includes(value)) return undefined;
  const lenient = `On ${versionLabel(container)} (v0.9.2 and earlier), in ARP mode, kube-vip cleans up egress rules whenever EGRESS_CLEAN is non-empty`;
  const v = versionShort(container);
  const fixes: Fix[] = [];
  let message: string;
  let detail: string;
  if (intended === 'false') {
    addFix(fixes, 'Remove EGRESS_CLEAN', removeEntry(entry, context.text));
    addFix(fixes, 'Set EGRESS_CLEAN to "" (off on every version)', replaceValue(entry, ''));
    message = fit(
      `EGRESS_CLEAN ${shown(value)} turns the egress cleanup ON: ${v} in ARP mode cleans up for any non-empty value. Remove it.`,
      `EGRESS_CLEAN turns the egress cleanup ON: ${v} in ARP mode cleans up for any non-empty value. Remove it.`,
    );
    detail = `${lenient}, so "${value}" turns the cleanup on. Remove the entry, or set it to "" to keep the cleanup off.`;
  } else {
    if (intended) addFix(fixes, 'Set EGRESS_CLEAN to "true"', replaceValue(entry, 'true'));
    const fix = intended ? 'Use "true".' : 'Use "true", or remove it.';
    const effects = intended
      ? [`is not a Go boolean: ${v} in ARP mode cleans up only because any value does`, `is not a Go boolean: ${v} cleans up anyway (ARP mode)`]
      : [`is not a Go boolean: ${v} in ARP mode turns the egress cleanup ON`, `turns the egress cleanup ON in ARP mode on ${v}`, `turns the cleanup ON in ARP mode on ${v}`];
    message = fit(
      ...[`EGRESS_CLEAN ${shown(value)}`, 'EGRESS_CLEAN'].flatMap((subject) => effects.map((effect) => `${subject} ${effect}; v1.0.0+ refuse to start. ${fix}`)),
    );
    detail = `${lenient}, ${intended ? 'so this works only because any value does' : `so "${value}" turns the cleanup on`}; from v1.0.0 it is a strict boolean and "${value}" aborts start-up. Use "true" to clean up, or remove the entry.`;
  }
  return { messageId: 'egressCleanAnyValue', span: entry.valueSpan!, severity: 'warning', message, detail, fixes };
}

function addFix(fixes: Fix[], title: string, edit: ReturnType<typeof replaceValue>): void {
  if (edit) fixes.push({ title, edits: [edit], preferred: fixes.length === 0 });
}
