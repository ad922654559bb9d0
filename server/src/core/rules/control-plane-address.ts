/**
 * The control-plane VIP needs an address and a prefix length. kube-vip derives the prefix list from
 * `address` only, and only from v0.8.3 (pitfall 6; v0.8.3:cmd/kube-vip.go:243-249): the legacy
 * `vip_address` never gets one, and on v0.8.1–v0.8.2 (the `--cidr "32"` default is gone,
 * v0.8.1:cmd/kube-vip.go:63) neither does `address`. Without a prefix:
 * - BGP, v0.8.1–v0.8.10: the VIP is announced as "<ip>/<vip_cidr>" (v0.8.9:pkg/cluster/service.go:89-95),
 *   which net.ParseCIDR rejects, so it is never announced (kube-vip#891). A derived two-family list
 *   ("32,128") fails the same way there, as the whole string is used.
 * - ARP, v0.8.5–v0.8.10: SetMask finds no prefix and kube-vip exits (v0.8.9:pkg/cluster/service.go:56-67).
 * - ARP/BGP/table, v0.9.0–v1.1.x: vip.NewConfig cannot format "<ip>/" and the manager refuses to start.
 * - ARP/BGP/table flags, v1.2.0-rc.0+: an explicit start-up check refuses it (PR#1500).
 */
import { PREFIX_LIST } from '../catalog/behaviour';
import { configOf } from '../config';
import type { AddressInfo, EffectiveConfig } from '../config';
import { boolState } from '../env';
import { addEntryAfter, renameEntry } from '../fixes';
import type { KubeVipContainer } from '../model';
import { fit, shown } from '../headline';
import { abortOutcome, abortShort } from '../outcomes';
import { mayBeSetOutsideEnv } from '../sources';
import type { Fix } from '../types';
import { atLeast } from '../version';
import { noted, versionShort } from '../versionText';
import { arpMaskRuns } from '../prefixes';
import { servicesUseGlobalCidr } from './bgp-prefix-missing';
import { defineRule } from './rule';
import type { RuleFinding } from './rule';

/** v0.8.1 removed the `--cidr` default "32" (v0.8.0:cmd/kube-vip.go:63 vs v0.8.1:cmd/kube-vip.go:63). */
const NO_DEFAULT_CIDR = 'v0.8.1';
/** SetMask (and its "no subnet provided" exit) runs in ARP mode from v0.8.5 (PR#961). */
/** v1.2.0-rc.0 checks vip_address + vip_subnet at start-up (v1.2.0-rc.0:cmd/kube-vip.go:316-323). */
const STARTUP_CHECK = 'v1.2.0-rc.0';
/** From v1.0.1 `address` may be a DNS name without an explicit prefix (commit 2074be2), and the derived list is sorted. */
const DNS_ADDRESS = 'v1.0.1';

const MESSAGES = {
  noAddress: 'cp_enable without address or vip_address: the control plane has no VIP',
  bgpNoPrefix: 'BGP, v0.8.1–v0.8.10: without a prefix the control-plane VIP is announced as "<ip>/" and never reaches the peers',
  bgpDerivedList: 'BGP, v0.8.3–v0.8.10: the prefix list derived from a dual-stack address is "32,128", so "<ip>/32,128" is never announced',
  arpNoSubnet: 'ARP, v0.8.5–v0.8.10: vip_address without vip_cidr makes kube-vip exit when it configures the VIP',
  cannotFormat: 'v0.9.0–v1.1.x: vip_address without vip_subnet makes kube-vip refuse to start (the VIP cannot be formatted)',
  subnetRequired: 'v1.2.0-rc.0+: vip_address without vip_subnet is refused at start-up',
};

type Finding = RuleFinding<keyof typeof MESSAGES>;

export const rule = defineRule({
  id: 'control-plane-address',
  defaultSeverity: 'error',
  description: 'cp_enable needs address, and a prefix kube-vip can use: the legacy vip_address needs vip_subnet (vip_cidr up to v0.8.10), and BGP on v0.8.1–v0.8.10 needs a single vip_cidr.',
  messages: MESSAGES,
  requires: { wholeEnv: true, researchedVersion: true },
  check(context) {
    const { container } = context;
    const config = configOf(container);
    if (config.controlPlane !== 'on') return [];
    if (!config.address) return config.addressUnknown ? [] : noAddress(container);
    // A flag or config file may set `address` and so derive the prefix after all.
    if (config.address.name === 'vip_address' && mayBeSetOutsideEnv(container, 'address')) return [];
    const finding = withoutPrefix(context.text, config, config.address);
    return finding ? [finding] : [];
  },
});

/** cp_enable with no address at all; vip_ddns gets the address from DHCP instead. */
function noAddress(container: KubeVipContainer): Finding[] {
  if (mayBeSetOutsideEnv(container, 'address') || mayBeSetOutsideEnv(container, 'vip_address')) return [];
  const ddns = boolState(container, 'vip_ddns');
  if (ddns === 'true' || ddns === 'unknown' || mayBeSetOutsideEnv(container, 'vip_ddns')) return [];
  const anchor = container.envByName.get('address') ?? container.envByName.get('vip_address') ?? container.envByName.get('cp_enable')!;
  // A warning, not an error: kustomize bases often leave the per-cluster address to a patch (corpus 092).
  return [
    {
      messageId: 'noAddress',
      span: anchor.nameSpan,
      severity: 'warning',
      message: 'cp_enable is "true" without address or vip_address: the control plane has no VIP. Set address, unless a patch adds it.',
      detail:
        'Neither address nor vip_address is set, so the control plane has no virtual IP to serve ' +
        '(kube-vip\'s own manifest generator refuses this: "No address is specified for kube-vip to expose services on"). ' +
        'Set address to the control-plane VIP, e.g. "192.168.0.40", unless a kustomize patch or Helm values add it.',
    },
  ];
}

/** What this version, in this mode, does with the control-plane address and the prefix list in effect. */
function withoutPrefix(text: string, config: EffectiveConfig, address: AddressInfo): Finding | undefined {
  const { container, prefixList } = config;
  const version = container.version;
  if (!atLeast(version, NO_DEFAULT_CIDR)) return undefined; // `--cidr` still defaults to "32"
  const bgpString = config.isMode('bgp') === 'on' && !atLeast(version, PREFIX_LIST.subnetListForm);
  if (prefixList.source === 'derived') {
    return bgpString && prefixList.value.includes(',') ? bgpDerivedList(text, config, address, prefixList.value) : undefined;
  }
  if (prefixList.source !== 'none') return undefined; // set in the env (other rules check the value) or unknown
  if (address.name === 'address') {
    // Only v0.8.1–v0.8.2 leave `address` without a prefix (no derivation yet).
    return bgpString ? bgpNoPrefix(text, config, address) : undefined;
  }
  if (!atLeast(version, PREFIX_LIST.subnetListForm)) {
    if (arpMaskRuns(config) === 'on') return arpNoSubnet(text, config, address);
    return bgpString ? bgpNoPrefix(text, config, address) : undefined;
  }
  if (!atLeast(version, STARTUP_CHECK)) {
    // InitCluster runs for the control plane in ARP, BGP and table mode (v0.9.0:pkg/manager/manager_arp.go:48-51).
    // A DNS name fails on another path (netlink.ParseAddr of "<ip>/"), which this message does not describe.
    const initCluster = (['arp', 'bgp', 'table'] as const).some((m) => config.isMode(m) === 'on');
    return initCluster && address.dnsNames.length === 0 ? cannotFormat(text, config, address) : undefined;
  }
  // The check looks at the three mode flags, not at the mode that wins (v1.2.3:cmd/kube-vip.go:328-335).
  const checked = ['vip_arp', 'bgp_enable', 'vip_routingtable'].some((name) => config.flag(name) === 'on');
  return checked ? subnetRequired(text, config, address) : undefined;
}

function bgpNoPrefix(text: string, config: EffectiveConfig, address: AddressInfo): Finding {
  const { container } = config;
  const label = versionShort(container);
  const ip = shownIp(address);
  const noDerivation = !atLeast(container.version, PREFIX_LIST.derivedFromAddress);
  const why = noDerivation
    ? `kube-vip ${label} (v0.8.1–v0.8.2) derives no prefix at all: the "32" default was removed in v0.8.1, and deriving it from address arrived only in v0.8.3`
    : `kube-vip ${label} (v0.8.3–v0.8.10) derives the prefix only from address, not from vip_address`;
  const add = addPrefix(text, address, 'vip_cidr', bgpValue(address));
  const rename = noDerivation ? undefined : renameFix(text, config, address);
  const note = noDerivation && address.name === 'vip_address' ? ' Renaming vip_address to address does not help before v0.8.3.' : '';
  const services = servicesUseGlobalCidr(config) === 'on';
  const v = versionShort(container);
  return {
    messageId: 'bgpNoPrefix',
    span: address.entry.nameSpan,
    message: fit(
      `${address.name} without vip_cidr: ${v} in BGP mode never announces the VIP${services ? ' or the Services' : ''}. ${fixShort(rename, add, 'vip_cidr')}`,
      `${address.name} without vip_cidr: ${v} BGP never announces the VIP${services ? ' or Services' : ''}. ${fixShort(rename, add, 'vip_cidr')}`,
    ),
    detail: noted(
      `${why}. In BGP mode this version announces the control-plane VIP as "<ip>/<vip_cidr>", ` +
        `so it logs "invalid CIDR address: ${ip}/" and the VIP never reaches the BGP peers${servicesToo(config)}. ${advice(rename, add, 'vip_cidr')}${note}${bgpValueNote(add)}`,
      container,
    ),
    fixes: fixes(rename, add.fix && { ...add.fix, preferred: !rename && add.exact }),
  };
}

function bgpDerivedList(text: string, config: EffectiveConfig, address: AddressInfo, derived: string): Finding {
  const add = addPrefix(text, address, 'vip_cidr', { value: '32', exact: false });
  // The ARP branch would apply the single "32" to the IPv6 VIP as its mask too: offer it, but not as the fix.
  const preferred = config.flag('vip_arp') === 'off';
  const v = versionShort(config.container);
  return {
    messageId: 'bgpDerivedList',
    span: address.entry.valueSpan ?? address.entry.nameSpan,
    message: fit(
      `address ${shown(address.value)} makes vip_cidr "${derived}": ${v} in BGP mode never announces either VIP. Add vip_cidr "32".`,
      `address ${shown(address.value)} makes vip_cidr "${derived}": ${v} BGP never announces either VIP. Add vip_cidr "32".`,
      `address ${shown(address.value, 16)} makes vip_cidr "${derived}": ${v} BGP never announces either VIP. Add vip_cidr "32".`,
    ),
    detail: noted(
      `The address has both address families, so kube-vip ${v} derives vip_cidr "${derived}". ` +
        `Up to v0.8.10, BGP mode announces the control-plane VIPs as "<ip>/<the whole vip_cidr>", so "<ip>/${derived}" is rejected as an invalid CIDR address ` +
        `and neither VIP reaches the BGP peers${servicesToo(config)}. Add vip_cidr "32": these versions only check that "<ip>/<vip_cidr>" parses and always announce ` +
        `a /32 or /128 host route, so "32" serves both families. Never "32,128" here.`,
      config.container,
    ),
    fixes: fixes(undefined, add.fix && { ...add.fix, preferred }),
  };
}

function arpNoSubnet(text: string, config: EffectiveConfig, address: AddressInfo): Finding {
  const { container } = config;
  const label = versionShort(container);
  const ip = shownIp(address);
  const panics = atLeast(container.version, PREFIX_LIST.maskErrorThenPanic);
  const exit = atLeast(container.version, PREFIX_LIST.maskErrorThenPanic)
    ? `logs "no subnet provided" and panics (v0.8.10)`
    : `exits with "no subnet provided for IP ${ip}" (log.Fatalf, exit code 1; v0.8.5–v0.8.9)`;
  const add = addPrefix(text, address, 'vip_cidr', listValue(address));
  const rename = renameFix(text, config, address);
  return {
    messageId: 'arpNoSubnet',
    span: address.entry.nameSpan,
    message: `vip_address without vip_cidr: ${label} ${panics ? 'panics' : 'exits (code 1)'} setting up the VIP, which never comes up. ${fixShort(rename, add, 'vip_cidr')}`,
    detail: noted(
      `kube-vip derives the prefix only from address: with vip_arp on (ARP mode, or BGP with vip_arp too) ${label} ${exit} ` +
        `as soon as it configures the control-plane VIP (on the node that wins the leader election), so the VIP never comes up and that Pod restarts. ` +
        advice(rename, add, 'vip_cidr'),
      container,
    ),
    fixes: fixes(rename, add.fix && { ...add.fix, preferred: !rename }),
  };
}

function cannotFormat(text: string, config: EffectiveConfig, address: AddressInfo): Finding {
  const ip = shownIp(address);
  const add = addPrefix(text, address, 'vip_subnet', listValue(address));
  const rename = renameFix(text, config, address);
  return {
    messageId: 'cannotFormat',
    span: address.entry.nameSpan,
    message: `vip_address without vip_subnet: ${abortShort(config.container)}. ${fixShort(rename, add, 'vip_subnet')}`,
    detail:
      `kube-vip derives the prefix only from address: setting up the control-plane VIP fails with ` +
      `"could not format address '${ip}' with subnetMask ''": ${abortOutcome(config.container)}. ` +
      advice(rename, add, 'vip_subnet'),
    fixes: fixes(rename, add.fix && { ...add.fix, preferred: !rename }),
  };
}

function subnetRequired(text: string, config: EffectiveConfig, address: AddressInfo): Finding {
  const add = addPrefix(text, address, 'vip_subnet', listValue(address));
  const rename = renameFix(text, config, address);
  return {
    messageId: 'subnetRequired',
    span: address.entry.nameSpan,
    message: `vip_address without vip_subnet: ${abortShort(config.container)}. ${fixShort(rename, add, 'vip_subnet')}`,
    detail:
      `kube-vip derives the prefix only from address: ` +
      `${abortOutcome(config.container, 'vip_subnet must be set if using vip_address instead of address environment variable')}. ` +
      advice(rename, add, 'vip_subnet'),
    fixes: fixes(rename, add.fix && { ...add.fix, preferred: !rename }),
  };
}

/** Up to v0.8.10 the LoadBalancer Services may be announced with the same global vip_cidr string (bgp-prefix-missing). */
function servicesToo(config: EffectiveConfig): string {
  return servicesUseGlobalCidr(config) === 'on' ? ', and neither do the LoadBalancer Services (they are announced with the same vip_cidr)' : '';
}

/** The preferred fix for a headline: the rename when offered, else adding the prefix list. */
function fixShort(rename: Fix | undefined, add: PrefixValue, name: string): string {
  if (rename) return 'Rename it to address.';
  return add.value === undefined ? `Add ${name}, e.g. "32".` : `Add ${name} "${add.value}".`;
}

/** Rename when that derives a working prefix on this version, else add the prefix list. */
function advice(rename: Fix | undefined, add: PrefixValue, name: string): string {
  const addText = add.value === undefined ? `${name}, e.g. "32"` : `${name} "${add.value}"`;
  return rename ? `Rename vip_address to address (kube-vip then derives "32" or "128"), or add ${addText}.` : `Add ${addText}.`;
}

/** The literal IP for messages; a DNS name is resolved by kube-vip at start-up. */
function shownIp(address: AddressInfo): string {
  return address.dnsNames.length === 0 && address.families.length === 1 ? address.value : '<ip>';
}

interface PrefixValue {
  readonly value?: string;
  /** The value is right for the address's family, not just one that works. */
  readonly exact: boolean;
}

/**
 * BGP up to v0.8.10: "<ip>/<vip_cidr>" only has to parse, and gobgp announces /32 or /128 whatever
 * the suffix (v0.8.9:pkg/bgp/peers.go:66-90), so "32" works for both families and "128" for IPv6.
 */
function bgpValue(address: AddressInfo): PrefixValue {
  const single = singleFamily(address);
  return single ? { value: single === 'ipv4' ? '32' : '128', exact: true } : { value: '32', exact: false };
}

/** ARP (SetMask) and vip.NewConfig (SelectSubnet) pick the IPv4 prefix first, then the IPv6 one. */
function listValue(address: AddressInfo): PrefixValue {
  if (address.dnsNames.length > 0 || address.families.length === 0) return { exact: false };
  const single = singleFamily(address);
  return { value: single === 'ipv4' ? '32' : single === 'ipv6' ? '128' : '32,128', exact: true };
}

function singleFamily(address: AddressInfo): 'ipv4' | 'ipv6' | undefined {
  if (address.dnsNames.length > 0 || address.families.length === 0) return undefined;
  return address.families.every((f) => f === address.families[0]) ? address.families[0] : undefined;
}

/** Why "32" when the address is not of one known family (a pair, a DNS name). */
function bgpValueNote(add: PrefixValue): string {
  return add.exact ? '' : ' In BGP mode these versions only check that "<ip>/<vip_cidr>" parses and always announce a /32 or /128 host route, so "32" serves both families; never "32,128" here.';
}

/** The "add <name>" fix next to the address entry, when there is a value to write. */
function addPrefix(text: string, address: AddressInfo, name: string, value: PrefixValue): PrefixValue & { fix?: Fix } {
  const edit = value.value === undefined ? undefined : addEntryAfter(address.entry, name, value.value, text);
  return { ...value, fix: edit && { title: `Add ${name} "${value.value}"`, edits: [edit] } };
}

/**
 * Renaming vip_address to address lets kube-vip derive the prefix (v0.8.3+). Not offered when the
 * derived list would be wrong: a DNS name before v1.0.1 aborts (pitfall 5), an IPv6-first pair keeps
 * its order until v1.0.1, and a two-family list is never announced in BGP mode up to v0.8.10.
 */
function renameFix(text: string, config: EffectiveConfig, address: AddressInfo): Fix | undefined {
  const { container } = config;
  const version = container.version;
  if (address.name !== 'vip_address' || container.envByName.has('address') || !atLeast(version, PREFIX_LIST.derivedFromAddress)) return undefined;
  if (address.dnsNames.length > 0 && !atLeast(version, DNS_ADDRESS)) return undefined;
  if (address.families.length > 1) {
    if (config.isMode('bgp') !== 'off' && !atLeast(version, PREFIX_LIST.subnetListForm)) return undefined;
    if (address.families[0] !== 'ipv4' && !atLeast(version, PREFIX_LIST.derivedSorted)) return undefined;
  }
  const edit = renameEntry(address.entry, 'address', text);
  return edit && { title: 'Rename vip_address to address', edits: [edit], preferred: true };
}

function fixes(...list: (Fix | undefined)[]): Fix[] {
  return list.filter((f): f is Fix => f !== undefined);
}
