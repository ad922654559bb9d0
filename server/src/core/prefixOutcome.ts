/**
 * What kube-vip does with an IPv4 VIP whose prefix is IPv6-sized (> 32), by version and mode: the
 * consequence that vip-prefix-list states for the VIPs a manifest shows and service-prefix for the
 * Services it serves.
 */
import { PREFIX_LIST } from './catalog/behaviour';
import type { EffectiveConfig } from './config';
import { abortOutcome } from './outcomes';
import { atLeast } from './version';
import { versionLabel } from './versionText';

/** What happens to an IPv4 VIP of `target` that gets /`prefix` (> 32), for a mode that uses the list. */
export function failure(config: EffectiveConfig, prefix: string, target: 'control-plane' | 'services'): string {
  const { container } = config;
  const label = versionLabel(container);
  const when = target === 'services' ? 'as soon as a LoadBalancer Service gets an IPv4 address' : 'when it configures the IPv4 control-plane VIP';
  if (atLeast(container.version, PREFIX_LIST.subnetListForm)) {
    const rejected = `kube-vip ${label} rejects "<ip>/${prefix}" ("could not format address … with subnetMask '${prefix}': invalid CIDR")`;
    return target === 'services'
      ? `${rejected} for every IPv4 LoadBalancer Service: it logs "Failed to add Service" and the Service gets no VIP.`
      : `${rejected} for the IPv4 control-plane VIP; kube-vip then ${abortOutcome(container).slice(`kube-vip ${label} `.length)}.`;
  }
  return `${arpOutcome(container)} ${when}.`;
}

/** ARP mode on v0.8.5–v0.8.10 (the only split-and-SetMask path before v0.9.0). */
export function arpOutcome(container: EffectiveConfig['container']): string {
  const label = versionLabel(container);
  if (!atLeast(container.version, PREFIX_LIST.splitByFamily)) return `${label} ignores the list (v0.8.4 and earlier use it only for BGP) and v0.8.5–v0.8.10 crash`;
  if (!atLeast(container.version, PREFIX_LIST.maskErrorThenPanic)) return `kube-vip ${label} (v0.8.5–v0.8.9) panics with "index out of range"`;
  return `kube-vip ${label} logs "failed to set mask" ("provided CIDR mask … is greater than the highest mask value for the IPv4 family (32)") and then panics`;
}
