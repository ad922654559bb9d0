/**
 * The control-plane VIP needs an address, and the legacy vip_address needs an explicit prefix:
 * kube-vip derives the prefix (32/128) only from `address` (pitfall 6). Without one, v0.8.1–v0.8.2
 * advertise "<ip>/" over BGP (kube-vip#891), v0.8.5–v0.8.10 stop in ARP mode, v0.9.0–v1.1.x cannot
 * format the address, and v1.2.0-rc.0+ refuse to start (PR#1500).
 */
import { PREFIX_LIST, RESEARCHED_FROM } from '../catalog/behaviour';
import { boolState, isUnset } from '../env';
import { renameEntry } from '../fixes';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Fix } from '../types';
import { parseAddress } from '../values';
import { atLeast, inRange } from '../version';
import { versionLabel } from '../versionText';
import { abortOutcome } from '../outcomes';
import { mayBeSetOutsideEnv } from '../sources';
import { droppedEntries } from './routing-table-id-drops-env';
import type { Rule, RuleContext, RuleFinding } from './rule';

/** Up to v0.8.10 the prefix list is vip_cidr (vip_subnet is a "/NN" suffix); from v0.9.0, vip_subnet. */
const SUBNET_LIST_FORM = PREFIX_LIST.subnetListForm;
/** From v1.0.1 `address` may be a DNS name without an explicit prefix (commit 2074be2). */
const DNS_ADDRESS = 'v1.0.1';

export const rule: Rule = {
  id: 'control-plane-address',
  defaultSeverity: 'error',
  description: 'cp_enable needs address; the legacy vip_address also needs vip_subnet (vip_cidr up to v0.8.10).',
  needsWholeEnv: true,
  check(context) {
    const { container } = context;
    if (!atLeast(container.version, RESEARCHED_FROM) || boolState(container, 'cp_enable') !== 'true' || droppedEntries(container).length > 0) return []; // env not read as written
    if (!isUnset(container.envByName.get('address')) || mayBeSetOutsideEnv(container, 'address')) return [];
    const vipAddress = container.envByName.get('vip_address');
    if (isUnset(vipAddress)) return noAddress(container);
    if (vipAddress!.value === undefined || prefixMaySet(container)) return [];
    const finding = vipAddressWithoutPrefix(context, vipAddress!);
    return finding ? [finding] : [];
  },
};

/** cp_enable with no address at all; vip_ddns gets the address from DHCP instead. */
function noAddress(container: KubeVipContainer): RuleFinding[] {
  if (mayBeSetOutsideEnv(container, 'vip_address')) return [];
  const ddns = boolState(container, 'vip_ddns');
  if (ddns === 'true' || ddns === 'unknown' || mayBeSetOutsideEnv(container, 'vip_ddns')) return [];
  const anchor = container.envByName.get('address') ?? container.envByName.get('vip_address') ?? container.envByName.get('cp_enable')!;
  // A warning, not an error: kustomize bases often leave the per-cluster address to a patch (corpus 092).
  return [
    {
      span: anchor.nameSpan,
      severity: 'warning',
      message:
        'cp_enable is "true" but neither address nor vip_address is set, so the control plane has no virtual IP to serve ' +
        '(kube-vip\'s own manifest generator refuses this: "No address is specified for kube-vip to expose services on"). ' +
        'Set address to the control-plane VIP, e.g. "192.168.0.40", unless a kustomize patch or Helm values add it.',
    },
  ];
}

/** True when a prefix list is (or may be) given for this version. */
function prefixMaySet(container: KubeVipContainer): boolean {
  const names = atLeast(container.version, SUBNET_LIST_FORM) ? ['vip_subnet'] : ['vip_cidr', 'vip_subnet'];
  return names.some((name) => !isUnset(container.envByName.get(name)) || mayBeSetOutsideEnv(container, name));
}

/** What this version does with vip_address and no prefix, or undefined where it copes. */
function vipAddressWithoutPrefix(context: RuleContext, entry: EnvEntry): RuleFinding | undefined {
  const { container } = context;
  const version = container.version;
  const label = versionLabel(container);
  const ip = entry.value!;
  const on = (name: string) => boolState(container, name) === 'true';
  let outcome: string | undefined;
  if (inRange(version, 'v0.8.1', 'v0.8.2') && on('bgp_enable')) {
    outcome = `on ${label} (v0.8.1–v0.8.2) kube-vip advertises "${ip}/" over BGP, which is not a valid prefix, so the control-plane VIP is not announced (kube-vip#891)`;
  } else if (inRange(version, 'v0.8.5', 'v0.8.10') && on('vip_arp')) {
    outcome = `on ${label} (v0.8.5–v0.8.10) kube-vip stops with "no subnet provided for IP" when it configures the control-plane VIP in ARP mode`;
  } else if (atLeast(version, SUBNET_LIST_FORM) && !atLeast(version, 'v1.2.0-rc.0')) {
    outcome = `on ${label} (v0.9.0–v1.1.x) kube-vip fails with "could not format address '${ip}' with subnetMask ''" and the control-plane VIP is not configured`;
  } else if (atLeast(version, 'v1.2.0-rc.0') && (on('vip_arp') || on('bgp_enable') || on('vip_routingtable'))) {
    outcome = abortOutcome(container, 'vip_subnet must be set if using vip_address instead of address environment variable');
  }
  if (!outcome) return undefined;
  const prefixName = atLeast(version, SUBNET_LIST_FORM) ? 'vip_subnet' : 'vip_cidr';
  const fixes: Fix[] = [];
  const rename = safeToRename(container, ip) ? renameEntry(entry, 'address', context.text) : undefined;
  if (rename) fixes.push({ title: 'Rename vip_address to address', edits: [rename], preferred: true });
  return {
    span: entry.nameSpan,
    message: `vip_address is set without ${prefixName}, and kube-vip derives the prefix only from address: ${outcome}. Rename vip_address to address (kube-vip then uses /32 or /128 itself), or add ${prefixName}, e.g. "32".`,
    fixes,
  };
}

/** address derives the prefix itself; a DNS name does so only from v1.0.1 (pitfall 5). */
function safeToRename(container: KubeVipContainer, value: string): boolean {
  if (container.envByName.has('address')) return false;
  const parsed = parseAddress(value);
  return parsed.ok && (parsed.dnsNames.length === 0 || atLeast(container.version, DNS_ADDRESS));
}
