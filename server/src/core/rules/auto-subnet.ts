/**
 * "auto" in the prefix list (vip_cidr v0.8.5–v0.8.10, vip_subnet v0.9.0+) asks kube-vip to find each
 * Service VIP's prefix from the interface's subnet. It is for Services in ARP mode only, without a
 * control-plane address (pitfall 4, PR#961): start-up aborts outside ARP mode or with `address`
 * (v1.2.3:cmd/kube-vip.go:410-416), and the control-plane VIP and Services reject it otherwise.
 */
import { PREFIX_LIST } from '../catalog/behaviour';
import { boolState, isUnset } from '../env';
import type { EnvEntry, KubeVipContainer } from '../model';
import type { Related } from '../types';
import { atLeast } from '../version';
import { versionLabel } from '../versionText';
import { abortOutcome } from '../outcomes';
import { mayBeSetOutsideEnv } from '../sources';
import type { Rule, RuleFinding } from './rule';

const FIX_HINT = 'Use "auto" only for Services in ARP mode without a control-plane address; otherwise write the prefix lengths, e.g. "32" or "32,128".';

export const rule: Rule = {
  id: 'auto-subnet',
  defaultSeverity: 'error',
  description: '"auto" prefix discovery works only for Services in ARP mode, without address or vip_address.',
  needsWholeEnv: true,
  check({ container }) {
    const name = prefixVariable(container);
    const entry = name && container.envByName.get(name);
    if (!entry || entry.value === undefined || !entry.value.includes('auto')) return [];
    const finding = startupAbort(container, entry) ?? laterFailure(container, entry);
    return finding ? [finding] : [];
  },
};

/** The variable that holds the list on this version, from the release that understands "auto". */
function prefixVariable(container: KubeVipContainer): string | undefined {
  if (atLeast(container.version, PREFIX_LIST.subnetListForm)) return 'vip_subnet';
  return atLeast(container.version, PREFIX_LIST.autoInCidr) ? 'vip_cidr' : undefined;
}

/** The two start-up checks, in kube-vip's order: ARP mode first, then address. */
function startupAbort(container: KubeVipContainer, entry: EnvEntry): RuleFinding | undefined {
  const arp = boolState(container, 'vip_arp');
  if ((arp === 'false' || arp === 'unset') && !mayBeSetOutsideEnv(container, 'vip_arp')) {
    const outcome = abortOutcome(container, 'auto subnet discovery cannot be used outside ARP mode');
    return finding(entry, `${quoted(entry)} works only in ARP mode, and vip_arp is not "true": ${outcome}.`, related(container, 'vip_arp', 'vip_arp is not "true"'));
  }
  const address = container.envByName.get('address');
  if (!isUnset(address) && address!.value !== undefined) {
    const outcome = abortOutcome(container, 'auto subnet discovery cannot be used if VIP address was provided');
    return finding(entry, `${quoted(entry)} cannot be combined with address: ${outcome}.`, related(container, 'address', 'the control-plane address is set here'));
  }
  return undefined;
}

/** v0.9.0+: with vip_address, the control plane and every Service reject "auto" once running. */
function laterFailure(container: KubeVipContainer, entry: EnvEntry): RuleFinding | undefined {
  const vipAddress = container.envByName.get('vip_address');
  if (!atLeast(container.version, PREFIX_LIST.subnetListForm) || isUnset(vipAddress) || vipAddress!.value === undefined) return undefined;
  const label = versionLabel(container);
  const links = related(container, 'vip_address', 'the VIP address is set here');
  if (boolState(container, 'cp_enable') === 'true') {
    return finding(entry, `${quoted(entry)} cannot give the control-plane VIP (vip_address) its prefix: on ${label} it fails with "auto subnet discovery only works for services", so the control-plane VIP is not configured.`, links);
  }
  if (boolState(container, 'svc_enable') === 'true') {
    return finding(entry, `${quoted(entry)} cannot be combined with vip_address: on ${label} every LoadBalancer Service fails with "auto subnet discovery cannot be used if VIP address was provided" and gets no VIP.`, links);
  }
  return undefined;
}

function finding(entry: EnvEntry, text: string, related: Related[]): RuleFinding {
  return { span: entry.valueSpan!, message: `${text} ${FIX_HINT}`, related };
}

function quoted(entry: EnvEntry): string {
  return `${entry.name} "${entry.value}"`;
}

/** Points at the entry behind the conflict, when the env has one. */
function related(container: KubeVipContainer, name: string, message: string): Related[] {
  const entry = container.envByName.get(name);
  return entry ? [{ span: entry.valueSpan ?? entry.nameSpan, message }] : [];
}
