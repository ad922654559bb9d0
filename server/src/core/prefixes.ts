/**
 * How each kube-vip version turns its prefix list (vip_cidr up to v0.8.10, vip_subnet from v0.9.0)
 * into the prefix of one VIP. The seed rule, the fix-safety check and hover share this model.
 *
 * - ≤ v0.8.4: the list is never split; only BGP uses it, as "<ip>/<whole value>"
 *   (v0.8.4:pkg/cluster/service.go:76,352; v0.8.4:pkg/manager/watch_endpoints.go:327,358).
 * - v0.8.5–v0.8.10, the vip_arp flag on (ARP mode, or BGP with vip_arp too) and vip_routingtable off:
 *   split and trimmed; IPv4 takes entry 1, IPv6 entry 2 or else entry 1, then SetMask
 *   (v0.8.9:pkg/cluster/service.go:56-70 control plane, :326-339 Services).
 * - v0.8.5–v0.8.10, BGP without vip_arp: the control plane and Services without election append the whole value
 *   (v0.8.9:pkg/cluster/service.go:91; v0.8.9:pkg/manager/watch_endpoints.go:328).
 * - v0.8.5–v0.8.10, routing table and WireGuard: not used.
 * - v0.9.0+, every mode: the control plane goes through SelectSubnet (no trimming; more than two entries
 *   or "auto" rejected) then FormatIPWithSubnetMask (v0.9.0:pkg/vip/address.go:105-114, 785);
 *   a Service takes its family's trimmed entry, with 32/128 when it is missing (v0.9.0:pkg/manager/instance.go:102-146).
 */
import { PREFIX_LIST } from './catalog/behaviour';
import type { EffectiveConfig, Tri } from './config';
import type { Family } from './values';
import { atLeast } from './version';

export type Target = 'control-plane' | 'services';

/** What a VIP of one family gets: the prefix text kube-vip appends, or why nothing is appended. */
export type Applied =
  | { readonly used: true; readonly prefix: string; readonly whole: boolean }
  | { readonly used: false; readonly why: 'mode' }
  /** The mode decides, and the manifest does not show it. */
  | { readonly used: 'unknown' };

/**
 * v0.8.5–v0.8.10: SetMask runs on every VIP when the `vip_arp` flag is on and `vip_routingtable` is
 * off, whichever mode wins: BGP with vip_arp also on goes through it too, before it advertises
 * (v0.8.9:pkg/cluster/service.go:55-67, :324-339). 'unknown' when a flag is not known.
 */
export function arpMaskRuns(config: EffectiveConfig): Tri {
  const version = config.container.version;
  if (!atLeast(version, PREFIX_LIST.splitByFamily) || atLeast(version, PREFIX_LIST.subnetListForm)) return 'off';
  const arp = config.flag('vip_arp');
  const table = config.flag('vip_routingtable');
  if (arp === 'off' || table === 'on') return 'off';
  return arp === 'on' && table === 'off' ? 'on' : 'unknown';
}

/** The prefix an IPv4 or IPv6 VIP of `target` gets from `value` on this image and mode. */
export function appliedPrefix(config: EffectiveConfig, value: string, target: Target, family: Family): Applied {
  const version = config.container.version;
  if (atLeast(version, PREFIX_LIST.subnetListForm)) {
    const parts = value.split(',');
    if (target === 'control-plane') return { used: true, prefix: family === 'ipv4' || parts.length < 2 ? parts[0] : parts[1], whole: false };
    const trimmed = parts.map((p) => p.trim());
    const own = family === 'ipv4' ? trimmed[0] : trimmed[1];
    return { used: true, prefix: own === undefined || own === '' || own === 'auto' ? (family === 'ipv4' ? '32' : '128') : own, whole: false };
  }
  const mask = arpMaskRuns(config);
  if (mask === 'on') {
    // SetMask comes first: its failure (a crash) is what an invalid entry leads to, even in BGP mode.
    const parts = value.split(',').map((p) => p.trim());
    return { used: true, prefix: family === 'ipv6' && parts.length > 1 ? parts[1] : parts[0], whole: false };
  }
  const bgp = config.isMode('bgp');
  if (bgp === 'on' && mask === 'off') return { used: true, prefix: value, whole: true };
  return bgp === 'off' && mask === 'off' ? { used: false, why: 'mode' } : { used: 'unknown' };
}

/** True when "<ip>/<prefix>" is a valid CIDR for the family, as Go's net.ParseCIDR and SetMask read it. */
export function validPrefix(prefix: string, family: Family): boolean {
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 'ipv4' ? 32 : 128);
}

/** The families a target may have: the control plane's are known from `address`; Services may be either. */
export function targetFamilies(config: EffectiveConfig, target: Target): readonly Family[] {
  if (target === 'services') return ['ipv4', 'ipv6'];
  return config.address ? [...new Set(config.address.families)] : [];
}

/**
 * True when no VIP that this manifest shows gets an invalid CIDR from `value`: the check behind the
 * fix-safety property. The control plane counts when cp_enable is on with a literal IP address;
 * Services when svc_enable may be on, for `families` (both unless the caller knows better).
 */
export function acceptsPrefixList(config: EffectiveConfig, value: string, serviceFamilies: readonly Family[] = ['ipv4', 'ipv6']): boolean {
  if (value.split(',').length > 2 && atLeast(config.container.version, PREFIX_LIST.subnetListForm) && config.controlPlane !== 'off') return false;
  const checks: [Target, Family][] = [];
  if (config.controlPlane !== 'off') for (const f of targetFamilies(config, 'control-plane')) checks.push(['control-plane', f]);
  if (config.services !== 'off') for (const f of serviceFamilies) checks.push(['services', f]);
  // BGP up to v0.8.10 advertises "<ip>/<whole value>", also after SetMask when the vip_arp flag is on too.
  const advertisedWhole = !atLeast(config.container.version, PREFIX_LIST.subnetListForm) && config.isMode('bgp') === 'on';
  return checks.every(([target, family]) => {
    if (advertisedWhole && !validPrefix(value, family)) return false;
    const applied = appliedPrefix(config, value, target, family);
    if (applied.used !== true) return true;
    if (applied.prefix === 'auto') return target === 'services';
    return validPrefix(applied.prefix, family);
  });
}

/**
 * v0.5.6–v0.8.10: the families a legacy vip_subnet suffix must fit. It is appended to every VIP address:
 * the control plane's (its `address` families) and each Service's (either family).
 */
export function legacySubnetFamilies(config: EffectiveConfig): readonly Family[] {
  if (config.services !== 'off') return ['ipv4', 'ipv6'];
  const families = config.address?.families ?? [];
  return families.length > 0 ? [...new Set(families)] : ['ipv4'];
}

/** True when the legacy suffix ("/24") gives a valid address for every family it may be appended to. */
export function acceptsLegacySubnet(config: EffectiveConfig, value: string): boolean {
  return /^\/\d{1,3}$/.test(value) && legacySubnetFamilies(config).every((f) => validPrefix(value.slice(1), f));
}
