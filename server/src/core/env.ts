/** How kube-vip reads env values: the semantics rules share. */
import type { EnvEntry, KubeVipContainer } from './model';
import { parseAddress } from './values';

/** strconv.ParseBool's accepted spellings. */
export const GO_TRUE = ['1', 't', 'T', 'TRUE', 'true', 'True'] as const;
export const GO_FALSE = ['0', 'f', 'F', 'FALSE', 'false', 'False'] as const;

/** What kube-vip would see for a boolean variable. */
export type BoolState = 'true' | 'false' | 'unset' | 'unknown';

/** kube-vip treats an empty value like an unset variable. */
export function isUnset(entry: EnvEntry | undefined): boolean {
  return entry === undefined || (!entry.fromRef && !entry.templated && !entry.nonString && (entry.value ?? '') === '');
}

/** Reads a boolean the way strconv.ParseBool does; 'unknown' for references, templates and bad spellings. */
export function boolState(container: KubeVipContainer, name: string): BoolState {
  const entry = container.envByName.get(name);
  if (isUnset(entry)) return 'unset';
  const value = entry!.value;
  if (value === undefined) return 'unknown';
  if ((GO_TRUE as readonly string[]).includes(value)) return 'true';
  if ((GO_FALSE as readonly string[]).includes(value)) return 'false';
  return 'unknown';
}

/** The load-balancing modes, in the order kube-vip documents them. */
export const MODE_VARS = ['vip_arp', 'bgp_enable', 'vip_routingtable', 'vip_wireguard'] as const;

/** True when this container announces VIPs with ARP (and no other mode is certain). */
export function isArpMode(container: KubeVipContainer): boolean {
  return boolState(container, 'vip_arp') === 'true';
}

/**
 * Whether kube-vip may apply the prefix list to an IPv4 address. Only provably false when
 * Services are off and the control-plane address is IPv6 only.
 */
export function mayServeIpv4(container: KubeVipContainer): boolean {
  if (boolState(container, 'svc_enable') !== 'false' && boolState(container, 'svc_enable') !== 'unset') return true;
  const address = literalValue(container, 'address') ?? literalValue(container, 'vip_address');
  if (address === undefined) return true;
  const parsed = parseAddress(address);
  return !(parsed.ok && parsed.families.length > 0 && parsed.families.every((f) => f === 'ipv6'));
}

/** The literal value of a variable, or undefined when unset, referenced or templated. */
export function literalValue(container: KubeVipContainer, name: string): string | undefined {
  const entry = container.envByName.get(name);
  return isUnset(entry) ? undefined : entry!.value;
}
