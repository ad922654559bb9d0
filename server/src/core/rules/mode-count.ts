/**
 * Exactly one of vip_arp, bgp_enable, vip_routingtable and vip_wireguard must be "true" (pitfall 14).
 * v1.2.2+ refuses to start otherwise (commit 2e4b92a); older releases silently pick one mode, or
 * stop when none is set.
 */
import { RESEARCHED_FROM } from '../catalog/behaviour';
import { boolState, MODE_VARS } from '../env';
import type { EnvEntry, KubeVipContainer } from '../model';
import { abortOutcome } from '../outcomes';
import { isOff } from '../sources';
import type { Severity } from '../types';
import { atLeast } from '../version';
import { versionLabel } from '../versionText';
import { droppedEntries } from './routing-table-id-drops-env';
import type { Rule, RuleFinding } from './rule';

/** v1.2.2 validates the mode count at start-up (commit 2e4b92a). */
const MODE_CHECK = 'v1.2.2';
/** The mode precedence changed with the v1.1.0 worker refactor; rc builds are taken to behave like v1.1.0. */
const NEW_PRECEDENCE = 'v1.1.0-rc.0';
/** Which mode runs when several are "true", strongest first (v0.8.9/v1.0.4 and v1.2.0 pkg/manager). */
const PRECEDENCE_OLD = ['bgp_enable', 'vip_arp', 'vip_wireguard', 'vip_routingtable'];
const PRECEDENCE_NEW = ['vip_arp', 'bgp_enable', 'vip_routingtable', 'vip_wireguard'];
const MODE_NAMES: Readonly<Record<string, string>> = { vip_arp: 'ARP', bgp_enable: 'BGP', vip_routingtable: 'routing table', vip_wireguard: 'WireGuard' };

export const rule: Rule = {
  id: 'mode-count',
  defaultSeverity: 'error',
  description: 'Exactly one of vip_arp, bgp_enable, vip_routingtable and vip_wireguard must be "true".',
  needsWholeEnv: true,
  check({ container }) {
    if (!atLeast(container.version, RESEARCHED_FROM) || droppedEntries(container).length > 0) return []; // env not read as written
    const on = container.env.filter((e) => (MODE_VARS as readonly string[]).includes(e.name) && container.envByName.get(e.name) === e && boolState(container, e.name) === 'true');
    if (on.length > 1) return multipleModes(container, on);
    if (on.length === 0 && MODE_VARS.every((name) => isOff(container, name))) return [noMode(container)];
    return [];
  },
};

/** One finding on each later "true" mode entry. */
function multipleModes(container: KubeVipContainer, on: EnvEntry[]): RuleFinding[] {
  const names = on.map((e) => e.name);
  const list = `${names.join(' and ')} are ${names.length === 2 ? 'both' : 'all'} "true"`;
  const label = versionLabel(container);
  let severity: Severity = 'error';
  let outcome: string;
  if (atLeast(container.version, MODE_CHECK)) {
    outcome = `${abortOutcome(container, 'multiple kube-vip modes detected')}.`;
  } else {
    severity = 'warning';
    const newer = atLeast(container.version, NEW_PRECEDENCE);
    const order = newer ? PRECEDENCE_NEW : PRECEDENCE_OLD;
    const winner = order.find((n) => names.includes(n))!;
    const range = newer ? 'v1.1.0–v1.2.1' : 'v0.5.0–v1.0.4';
    outcome =
      `kube-vip ${label} silently runs one mode: on ${range} it prefers ${order.map((n) => MODE_NAMES[n]).join(' over ')}, so ${winner} wins ` +
      `(code outside the mode switch still sees the other flag). From v1.2.2 kube-vip refuses to start with this setting.`;
  }
  return on.slice(1).map((entry) => ({
    span: entry.valueSpan ?? entry.nameSpan,
    severity,
    message: `${list}, but kube-vip supports exactly one mode at a time: ${outcome} Keep exactly one mode variable "true".`,
    related: on.filter((e) => e !== entry).map((e) => ({ span: e.valueSpan ?? e.nameSpan, message: `${e.name} is also "true"` })),
  }));
}

/** No mode: on the first mode entry that is present (false or empty), else on the container name. */
function noMode(container: KubeVipContainer): RuleFinding {
  const present = container.env.find((e) => (MODE_VARS as readonly string[]).includes(e.name));
  const label = versionLabel(container);
  let outcome: string;
  if (atLeast(container.version, MODE_CHECK)) outcome = `${abortOutcome(container, 'no valid kube-vip mode detected')}.`;
  else if (atLeast(container.version, NEW_PRECEDENCE)) outcome = `kube-vip ${label} (v1.1.0–v1.2.1) panics with a nil pointer dereference at start-up (kube-vip#1640).`;
  else outcome = `kube-vip ${label} (v1.0.4 and earlier) starts no mode: it logs that it is exiting prematurely and stops.`;
  return {
    span: present?.nameSpan ?? container.anchorSpan,
    message: `No load-balancing mode is enabled: none of vip_arp, bgp_enable, vip_routingtable or vip_wireguard is "true". ${outcome} Set one of them to "true" (vip_arp for layer 2, bgp_enable for BGP).`,
  };
}
