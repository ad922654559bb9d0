/**
 * "auto" in the prefix list (vip_cidr v0.8.5–v0.8.10, vip_subnet v0.9.0+) asks kube-vip to find each
 * Service VIP's prefix from the interface's subnet. It is for Services in ARP mode only, without a
 * control-plane address (pitfall 4, PR#961):
 * - start-up aborts when vip_arp is off or `address` is set (v0.8.5:cmd/kube-vip.go:292-298,
 *   v1.2.3:cmd/kube-vip.go:409-417);
 * - with the legacy vip_address, every Service is refused (v0.8.5:pkg/manager/instance.go:115-117,
 *   v1.2.3:pkg/instance/instance.go:165-167), and the control-plane VIP cannot use "auto" as its
 *   mask: SetMask fails on v0.8.5–v0.8.10 (v0.8.9:pkg/cluster/service.go:57-70), SelectSubnet
 *   rejects it from v0.9.0 (v0.9.0:pkg/vip/address.go:794-796) and the manager refuses to start.
 */
import { PREFIX_LIST } from '../catalog/behaviour';
import { configOf } from '../config';
import type { AddressInfo, EffectiveConfig } from '../config';
import { isUnset } from '../env';
import type { EnvEntry, KubeVipContainer } from '../model';
import { fit, shown } from '../headline';
import { abortOutcome, abortShort } from '../outcomes';
import type { Related } from '../types';
import { atLeast } from '../version';
import { noted, versionShort } from '../versionText';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';

const MESSAGES = {
  outsideArp: '"auto" outside ARP mode: kube-vip refuses to start',
  withAddress: '"auto" with address: kube-vip refuses to start',
  controlPlaneMask: 'v0.8.5–v0.8.10: "auto" as the control-plane (vip_address) mask makes kube-vip exit when it configures the VIP',
  controlPlaneRejects: 'v0.9.0+: the control plane (vip_address) rejects "auto", so kube-vip refuses to start',
  servicesReject: '"auto" with vip_address: every LoadBalancer Service is refused and gets no VIP',
};

type Finding = RuleFinding<keyof typeof MESSAGES>;

export const rule = defineRule({
  id: 'auto-subnet',
  defaultSeverity: 'error',
  description: '"auto" prefix discovery works only for Services in ARP mode, without address or vip_address.',
  messages: MESSAGES,
  requires: { wholeEnv: true },
  check({ container }) {
    const name = prefixVariable(container);
    const entry = name && container.envByName.get(name);
    if (!entry || entry.value === undefined || !entry.value.includes('auto')) return [];
    const config = configOf(container);
    const finding = startupAbort(config, entry) ?? laterFailure(config, entry);
    return finding ? [finding] : [];
  },
});

/** The variable that holds the list on this version, from the release that understands "auto". */
function prefixVariable(container: KubeVipContainer): string | undefined {
  if (atLeast(container.version, PREFIX_LIST.subnetListForm)) return 'vip_subnet';
  return atLeast(container.version, PREFIX_LIST.autoInCidr) ? 'vip_cidr' : undefined;
}

/** The two start-up checks, in kube-vip's order: the vip_arp flag first, then address (substring matches). */
function startupAbort(config: EffectiveConfig, entry: EnvEntry): Finding | undefined {
  const { container } = config;
  const abort = abortShort(container);
  if (config.flag('vip_arp') === 'off') {
    const outcome = abortOutcome(container, 'auto subnet discovery cannot be used outside ARP mode');
    return finding(
      'outsideArp',
      entry,
      (q, fix) => `${q} needs vip_arp "true": ${abort}. ${fix}`,
      `"auto" works only in ARP mode, and vip_arp is not "true": ${outcome}.`,
      related(container, 'vip_arp', 'vip_arp is not "true"'),
      config,
      false,
    );
  }
  const address = container.envByName.get('address');
  if (!isUnset(address) && address!.value !== undefined) {
    const outcome = abortOutcome(container, 'auto subnet discovery cannot be used if VIP address was provided');
    return finding(
      'withAddress',
      entry,
      (q, fix, brief) => `${q} ${brief ? 'conflicts with' : 'cannot be used with'} address: ${abort}. ${fix}`,
      `"auto" cannot be combined with address: ${outcome}.`,
      related(container, 'address', 'the control-plane address is set here'),
      config,
      false,
    );
  }
  return undefined;
}

/**
 * The legacy vip_address once start-up passed (vip_arp on, so ARP or, up to v1.0.4, BGP runs): the
 * control plane, else every Service, fails.
 */
function laterFailure(config: EffectiveConfig, entry: EnvEntry): Finding | undefined {
  const { container, address } = config;
  if (address?.name !== 'vip_address' || config.flag('vip_arp') !== 'on' || (config.mode !== 'arp' && config.mode !== 'bgp')) return undefined;
  const v = versionShort(container);
  const links = related(container, 'vip_address', 'the VIP address is set here');
  if (config.controlPlane === 'on') {
    if (!atLeast(container.version, PREFIX_LIST.subnetListForm)) {
      // SetMask is skipped when vip_routingtable is on too (v0.8.9:pkg/cluster/service.go:55-56).
      if (config.flag('vip_routingtable') !== 'off' || !maskIsAuto(entry.value!, address)) return undefined;
      const panics = atLeast(container.version, PREFIX_LIST.maskErrorThenPanic);
      const exit = panics ? 'logs "failed to set mask" and panics (v0.8.10)' : 'exits with "failed to set mask auto" (log.Fatalf, exit code 1; v0.8.5–v0.8.9)';
      return finding(
        'controlPlaneMask',
        entry,
        (q, fix, brief) => `${q} ${brief ? 'fails for vip_address' : 'cannot be the control-plane prefix'}: ${v} ${panics ? 'panics' : 'exits (code 1)'} setting up the VIP. ${fix}`,
        `"auto" cannot give the control-plane VIP (vip_address) its prefix: ${v} ${exit} as soon as it configures that VIP.`,
        links,
        config,
        true,
      );
    }
    // SelectSubnet splits without trimming and looks for the exact element "auto".
    if (!entry.value!.split(',').includes('auto')) return undefined;
    return finding(
      'controlPlaneRejects',
      entry,
      (q, fix, brief) => `${q} ${brief ? 'fails for vip_address' : 'cannot be the control-plane prefix'}: ${abortShort(container)}. ${fix}`,
      `"auto" cannot give the control-plane VIP (vip_address) its prefix: setting it up fails with "auto subnet discovery only works for services": ${abortOutcome(container)}.`,
      links,
      config,
      false,
    );
  }
  const elements = entry.value!.split(',').map((e) => e.trim());
  if (config.services !== 'on' || (elements[0] !== 'auto' && elements[1] !== 'auto')) return undefined;
  return finding(
    'servicesReject',
    entry,
    (q, fix, brief) => `${q} ${brief ? 'conflicts with' : 'cannot be used with'} vip_address: ${v} gives every ${brief ? '' : 'LoadBalancer '}Service no VIP. ${fix}`,
    `"auto" cannot be combined with vip_address: on ${v} every LoadBalancer Service fails with "auto subnet discovery cannot be used if VIP address was provided" and gets no VIP.`,
    links,
    config,
    true,
  );
}

/** v0.8.5–v0.8.10 SetMask: IPv4 takes element 0; IPv6 element 1, or 0 when there is one (v0.8.9:pkg/cluster/service.go:57-64). */
function maskIsAuto(list: string, address: AddressInfo): boolean {
  const elements = list.split(',').map((e) => e.trim());
  return address.families.some((family) => (family === 'ipv6' && elements.length > 1 ? elements[1] : elements[0]) === 'auto');
}

/** BGP up to v0.8.10 takes a single value (it appends the whole string to each VIP). */
function bgpString(config: EffectiveConfig): boolean {
  return config.flag('bgp_enable') === 'on' && !atLeast(config.container.version, PREFIX_LIST.subnetListForm);
}

/** What to write instead, for a detail. */
function hint(config: EffectiveConfig): string {
  const example = bgpString(config) ? 'e.g. "32" (a single value: BGP mode up to v0.8.10 appends the whole vip_cidr to each VIP)' : 'e.g. "32" or "32,128"';
  return `Use "auto" only for Services in ARP mode without a control-plane address; otherwise write the prefix lengths, ${example}.`;
}

/** What to write instead, for a headline; `brief` where "32" or "32,128" does not fit. */
function fixShort(config: EffectiveConfig, brief = false): string {
  return bgpString(config) ? 'Use "32".' : brief ? 'Use "32,128".' : 'Use "32" or "32,128".';
}

/**
 * The headline, with the value shortened if it does not fit; the detail, then the hint. abortOutcome
 * names the version in full; other details get versionNote (`noted`).
 */
function finding(
  messageId: Finding['messageId'],
  entry: EnvEntry,
  headline: (quoted: string, fix: string, brief: boolean) => string,
  text: string,
  related: Related[],
  config: EffectiveConfig,
  note: boolean,
): Finding {
  const [full, short] = [`${entry.name} ${shown(entry.value!)}`, `${entry.name} ${shown(entry.value!, 10)}`];
  const message = fit(
    headline(full, fixShort(config), false),
    headline(short, fixShort(config), false),
    headline(short, fixShort(config, true), false),
    headline(short, fixShort(config, true), true),
  );
  const detail = `${text} ${hint(config)}`;
  return { messageId, span: entry.valueSpan!, message, detail: note ? noted(detail, config.container) : detail, related };
}

/** Points at the entry behind the conflict, when the env has one. */
function related(container: KubeVipContainer, name: string, message: string): Related[] {
  const entry = container.envByName.get(name);
  return entry ? [{ span: entry.valueSpan ?? entry.nameSpan, message }] : [];
}
